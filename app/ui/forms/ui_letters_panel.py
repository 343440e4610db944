# Generated from forms/letters_panel.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'letters_panel.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

class Ui_LettersPanel(object):
    def setupUi(self, LettersPanel):
        if not LettersPanel.objectName():
            LettersPanel.setObjectName(u"LettersPanel")
        LettersPanel.resize(760, 460)
        self.panel_layout = QVBoxLayout(LettersPanel)
        self.panel_layout.setObjectName(u"panel_layout")
        self.due_label = QLabel(LettersPanel)
        self.due_label.setObjectName(u"due_label")

        self.panel_layout.addWidget(self.due_label)

        self.letters_table = QTableWidget(LettersPanel)
        if (self.letters_table.columnCount() < 4):
            self.letters_table.setColumnCount(4)
        __qtablewidgetitem = QTableWidgetItem()
        self.letters_table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.letters_table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.letters_table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.letters_table.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        self.letters_table.setObjectName(u"letters_table")
        self.letters_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.letters_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.letters_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.letters_table.setTabKeyNavigation(False)
        self.letters_table.setColumnCount(4)

        self.panel_layout.addWidget(self.letters_table)

        self.actions_layout = QHBoxLayout()
        self.actions_layout.setObjectName(u"actions_layout")
        self.language_label = QLabel(LettersPanel)
        self.language_label.setObjectName(u"language_label")

        self.actions_layout.addWidget(self.language_label)

        self.language_combo = QComboBox(LettersPanel)
        self.language_combo.setObjectName(u"language_combo")

        self.actions_layout.addWidget(self.language_combo)

        self.actions_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions_layout.addItem(self.actions_spacer)

        self.preview_button = QPushButton(LettersPanel)
        self.preview_button.setObjectName(u"preview_button")

        self.actions_layout.addWidget(self.preview_button)

        self.print_button = QPushButton(LettersPanel)
        self.print_button.setObjectName(u"print_button")

        self.actions_layout.addWidget(self.print_button)

        self.save_button = QPushButton(LettersPanel)
        self.save_button.setObjectName(u"save_button")

        self.actions_layout.addWidget(self.save_button)


        self.panel_layout.addLayout(self.actions_layout)

        self.printed_label = QLabel(LettersPanel)
        self.printed_label.setObjectName(u"printed_label")

        self.panel_layout.addWidget(self.printed_label)

        self.printed_table = QTableWidget(LettersPanel)
        if (self.printed_table.columnCount() < 5):
            self.printed_table.setColumnCount(5)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.printed_table.setHorizontalHeaderItem(0, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.printed_table.setHorizontalHeaderItem(1, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.printed_table.setHorizontalHeaderItem(2, __qtablewidgetitem6)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.printed_table.setHorizontalHeaderItem(3, __qtablewidgetitem7)
        __qtablewidgetitem8 = QTableWidgetItem()
        self.printed_table.setHorizontalHeaderItem(4, __qtablewidgetitem8)
        self.printed_table.setObjectName(u"printed_table")
        self.printed_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.printed_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.printed_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.printed_table.setTabKeyNavigation(False)
        self.printed_table.setColumnCount(5)

        self.panel_layout.addWidget(self.printed_table)

        self.reprint_layout = QHBoxLayout()
        self.reprint_layout.setObjectName(u"reprint_layout")
        self.error_label = QLabel(LettersPanel)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.error_label.sizePolicy().hasHeightForWidth())
        self.error_label.setSizePolicy(sizePolicy)

        self.reprint_layout.addWidget(self.error_label)

        self.reprint_button = QPushButton(LettersPanel)
        self.reprint_button.setObjectName(u"reprint_button")

        self.reprint_layout.addWidget(self.reprint_button)


        self.panel_layout.addLayout(self.reprint_layout)

#if QT_CONFIG(shortcut)
        self.due_label.setBuddy(self.letters_table)
        self.language_label.setBuddy(self.language_combo)
        self.printed_label.setBuddy(self.printed_table)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.letters_table, self.language_combo)
        QWidget.setTabOrder(self.language_combo, self.preview_button)
        QWidget.setTabOrder(self.preview_button, self.print_button)
        QWidget.setTabOrder(self.print_button, self.save_button)
        QWidget.setTabOrder(self.save_button, self.printed_table)
        QWidget.setTabOrder(self.printed_table, self.reprint_button)

        self.retranslateUi(LettersPanel)
    # setupUi

    def retranslateUi(self, LettersPanel):
        self.due_label.setText(QCoreApplication.translate("LettersPanel", u"&Letters this request needs now:", None))
        ___qtablewidgetitem = self.letters_table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("LettersPanel", u"Letter", None))
        ___qtablewidgetitem1 = self.letters_table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("LettersPanel", u"To", None))
        ___qtablewidgetitem2 = self.letters_table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("LettersPanel", u"Language", None))
        ___qtablewidgetitem3 = self.letters_table.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("LettersPanel", u"Printed", None))
#if QT_CONFIG(accessibility)
        self.letters_table.setAccessibleName(QCoreApplication.translate("LettersPanel", u"Letters this request needs now", None))
#endif // QT_CONFIG(accessibility)
        self.language_label.setText(QCoreApplication.translate("LettersPanel", u"Lan&guage:", None))
#if QT_CONFIG(accessibility)
        self.language_combo.setAccessibleName(QCoreApplication.translate("LettersPanel", u"Language", None))
#endif // QT_CONFIG(accessibility)
        self.preview_button.setText(QCoreApplication.translate("LettersPanel", u"Pre&view\u2026", None))
        self.print_button.setText(QCoreApplication.translate("LettersPanel", u"&Print\u2026", None))
        self.save_button.setText(QCoreApplication.translate("LettersPanel", u"Save P&DF\u2026", None))
        self.printed_label.setText(QCoreApplication.translate("LettersPanel", u"Printed l&etters (kept with the request):", None))
        ___qtablewidgetitem4 = self.printed_table.horizontalHeaderItem(0)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("LettersPanel", u"When", None))
        ___qtablewidgetitem5 = self.printed_table.horizontalHeaderItem(1)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("LettersPanel", u"Letter", None))
        ___qtablewidgetitem6 = self.printed_table.horizontalHeaderItem(2)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("LettersPanel", u"Language", None))
        ___qtablewidgetitem7 = self.printed_table.horizontalHeaderItem(3)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("LettersPanel", u"By", None))
        ___qtablewidgetitem8 = self.printed_table.horizontalHeaderItem(4)
        ___qtablewidgetitem8.setText(QCoreApplication.translate("LettersPanel", u"SHA-256", None))
#if QT_CONFIG(accessibility)
        self.printed_table.setAccessibleName(QCoreApplication.translate("LettersPanel", u"Printed letters (kept with the request)", None))
#endif // QT_CONFIG(accessibility)
        self.error_label.setText("")
#if QT_CONFIG(accessibility)
        self.error_label.setAccessibleName(QCoreApplication.translate("LettersPanel", u"Problem", None))
#endif // QT_CONFIG(accessibility)
        self.reprint_button.setText(QCoreApplication.translate("LettersPanel", u"&Reprint\u2026", None))
        pass
    # retranslateUi

