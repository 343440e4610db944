# Generated from forms/roster_dialog.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'roster_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout

class Ui_RosterDialog(object):
    def setupUi(self, RosterDialog):
        if not RosterDialog.objectName():
            RosterDialog.setObjectName(u"RosterDialog")
        RosterDialog.resize(860, 520)
        self.dialog_layout = QVBoxLayout(RosterDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.summary_label = QLabel(RosterDialog)
        self.summary_label.setObjectName(u"summary_label")
        self.summary_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.summary_label)

        self.explain_label = QLabel(RosterDialog)
        self.explain_label.setObjectName(u"explain_label")
        self.explain_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.explain_label)

        self.plan_row = QHBoxLayout()
        self.plan_row.setObjectName(u"plan_row")
        self.plan_label = QLabel(RosterDialog)
        self.plan_label.setObjectName(u"plan_label")

        self.plan_row.addWidget(self.plan_label)

        self.plan_combo = QComboBox(RosterDialog)
        self.plan_combo.setObjectName(u"plan_combo")
        self.plan_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.plan_row.addWidget(self.plan_combo)

        self.plan_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.plan_row.addItem(self.plan_spacer)


        self.dialog_layout.addLayout(self.plan_row)

        self.loads_label = QLabel(RosterDialog)
        self.loads_label.setObjectName(u"loads_label")

        self.dialog_layout.addWidget(self.loads_label)

        self.loads_table = QTableWidget(RosterDialog)
        if (self.loads_table.columnCount() < 5):
            self.loads_table.setColumnCount(5)
        __qtablewidgetitem = QTableWidgetItem()
        self.loads_table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.loads_table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.loads_table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.loads_table.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.loads_table.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        self.loads_table.setObjectName(u"loads_table")
        self.loads_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.loads_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.loads_table.setAlternatingRowColors(True)

        self.dialog_layout.addWidget(self.loads_table)

        self.buttons_row = QHBoxLayout()
        self.buttons_row.setObjectName(u"buttons_row")
        self.import_button = QPushButton(RosterDialog)
        self.import_button.setObjectName(u"import_button")

        self.buttons_row.addWidget(self.import_button)

        self.buttons_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons_row.addItem(self.buttons_spacer)

        self.close_button = QPushButton(RosterDialog)
        self.close_button.setObjectName(u"close_button")

        self.buttons_row.addWidget(self.close_button)


        self.dialog_layout.addLayout(self.buttons_row)

#if QT_CONFIG(shortcut)
        self.plan_label.setBuddy(self.plan_combo)
        self.loads_label.setBuddy(self.loads_table)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RosterDialog)
    # setupUi

    def retranslateUi(self, RosterDialog):
        RosterDialog.setWindowTitle(QCoreApplication.translate("RosterDialog", u"Member roster", None))
        self.summary_label.setText(QCoreApplication.translate("RosterDialog", u"The roster is empty.", None))
        self.explain_label.setText(QCoreApplication.translate("RosterDialog", u"Import the eligibility file your plans send each month: an X12 834 benefit enrollment file, or a roster CSV (docs/members-csv.md). A member already on the roster is updated; each coverage span is kept in the member's history. The intake then fills a request from the member ID.", None))
        self.plan_label.setText(QCoreApplication.translate("RosterDialog", u"834 from &plan:", None))
#if QT_CONFIG(accessibility)
        self.plan_combo.setAccessibleName(QCoreApplication.translate("RosterDialog", u"Plan the 834 file is from", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.plan_combo.setToolTip(QCoreApplication.translate("RosterDialog", u"An 834 names its payer (N1*IN). When the payer's name is not one of the desk's plans, choose the plan here. A CSV names the plan on each row.", None))
#endif // QT_CONFIG(tooltip)
        self.loads_label.setText(QCoreApplication.translate("RosterDialog", u"&Imports, newest first:", None))
        ___qtablewidgetitem = self.loads_table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("RosterDialog", u"Imported", None))
        ___qtablewidgetitem1 = self.loads_table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("RosterDialog", u"Plan", None))
        ___qtablewidgetitem2 = self.loads_table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("RosterDialog", u"File", None))
        ___qtablewidgetitem3 = self.loads_table.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("RosterDialog", u"By", None))
        ___qtablewidgetitem4 = self.loads_table.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("RosterDialog", u"Members", None))
#if QT_CONFIG(accessibility)
        self.loads_table.setAccessibleName(QCoreApplication.translate("RosterDialog", u"Roster imports", None))
#endif // QT_CONFIG(accessibility)
        self.import_button.setText(QCoreApplication.translate("RosterDialog", u"&Import 834 or CSV\u2026", None))
        self.close_button.setText(QCoreApplication.translate("RosterDialog", u"&Close", None))
    # retranslateUi

