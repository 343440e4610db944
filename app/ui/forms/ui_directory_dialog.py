# Generated from forms/directory_dialog.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'directory_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget

class Ui_DirectoryDialog(object):
    def setupUi(self, DirectoryDialog):
        if not DirectoryDialog.objectName():
            DirectoryDialog.setObjectName(u"DirectoryDialog")
        DirectoryDialog.resize(1280, 680)
        self.dialog_layout = QVBoxLayout(DirectoryDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.filters_row = QHBoxLayout()
        self.filters_row.setObjectName(u"filters_row")
        self.search_label = QLabel(DirectoryDialog)
        self.search_label.setObjectName(u"search_label")

        self.filters_row.addWidget(self.search_label)

        self.search_edit = QLineEdit(DirectoryDialog)
        self.search_edit.setObjectName(u"search_edit")
        self.search_edit.setClearButtonEnabled(True)

        self.filters_row.addWidget(self.search_edit)

        self.plan_label = QLabel(DirectoryDialog)
        self.plan_label.setObjectName(u"plan_label")

        self.filters_row.addWidget(self.plan_label)

        self.plan_combo = QComboBox(DirectoryDialog)
        self.plan_combo.setObjectName(u"plan_combo")
        self.plan_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.filters_row.addWidget(self.plan_combo)


        self.dialog_layout.addLayout(self.filters_row)

        self.splitter = QSplitter(DirectoryDialog)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.results_pane = QWidget(self.splitter)
        self.results_pane.setObjectName(u"results_pane")
        self.results_layout = QVBoxLayout(self.results_pane)
        self.results_layout.setObjectName(u"results_layout")
        self.results_layout.setContentsMargins(0, 0, 0, 0)
        self.results_label = QLabel(self.results_pane)
        self.results_label.setObjectName(u"results_label")

        self.results_layout.addWidget(self.results_label)

        self.results_view = QTableView(self.results_pane)
        self.results_view.setObjectName(u"results_view")
        self.results_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.results_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.results_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.results_view.setTabKeyNavigation(False)
        self.results_view.setWordWrap(False)

        self.results_layout.addWidget(self.results_view)

        self.splitter.addWidget(self.results_pane)
        self.details_pane = QWidget(self.splitter)
        self.details_pane.setObjectName(u"details_pane")
        self.details_layout = QVBoxLayout(self.details_pane)
        self.details_layout.setObjectName(u"details_layout")
        self.details_layout.setContentsMargins(0, 0, 0, 0)
        self.details_label = QLabel(self.details_pane)
        self.details_label.setObjectName(u"details_label")

        self.details_layout.addWidget(self.details_label)

        self.details_browser = QTextBrowser(self.details_pane)
        self.details_browser.setObjectName(u"details_browser")
        self.details_browser.setOpenLinks(False)

        self.details_layout.addWidget(self.details_browser)

        self.splitter.addWidget(self.details_pane)

        self.dialog_layout.addWidget(self.splitter)

        self.buttons_row = QHBoxLayout()
        self.buttons_row.setObjectName(u"buttons_row")
        self.count_label = QLabel(DirectoryDialog)
        self.count_label.setObjectName(u"count_label")

        self.buttons_row.addWidget(self.count_label)

        self.buttons_spacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons_row.addItem(self.buttons_spacer)

        self.import_button = QPushButton(DirectoryDialog)
        self.import_button.setObjectName(u"import_button")
        self.import_button.setAutoDefault(False)

        self.buttons_row.addWidget(self.import_button)

        self.close_button = QPushButton(DirectoryDialog)
        self.close_button.setObjectName(u"close_button")
        self.close_button.setAutoDefault(False)

        self.buttons_row.addWidget(self.close_button)


        self.dialog_layout.addLayout(self.buttons_row)

#if QT_CONFIG(shortcut)
        self.search_label.setBuddy(self.search_edit)
        self.plan_label.setBuddy(self.plan_combo)
        self.results_label.setBuddy(self.results_view)
        self.details_label.setBuddy(self.details_browser)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.search_edit, self.plan_combo)
        QWidget.setTabOrder(self.plan_combo, self.results_view)
        QWidget.setTabOrder(self.results_view, self.details_browser)
        QWidget.setTabOrder(self.details_browser, self.import_button)
        QWidget.setTabOrder(self.import_button, self.close_button)

        self.retranslateUi(DirectoryDialog)
    # setupUi

    def retranslateUi(self, DirectoryDialog):
        DirectoryDialog.setWindowTitle(QCoreApplication.translate("DirectoryDialog", u"Provider directory", None))
        self.search_label.setText(QCoreApplication.translate("DirectoryDialog", u"&Search:", None))
        self.search_edit.setPlaceholderText(QCoreApplication.translate("DirectoryDialog", u"Name, specialty, city, taxonomy or NPI", None))
#if QT_CONFIG(accessibility)
        self.search_edit.setAccessibleName(QCoreApplication.translate("DirectoryDialog", u"Search", None))
#endif // QT_CONFIG(accessibility)
        self.plan_label.setText(QCoreApplication.translate("DirectoryDialog", u"&Plan:", None))
#if QT_CONFIG(accessibility)
        self.plan_combo.setAccessibleName(QCoreApplication.translate("DirectoryDialog", u"Plan", None))
#endif // QT_CONFIG(accessibility)
        self.results_label.setText(QCoreApplication.translate("DirectoryDialog", u"P&roviders:", None))
#if QT_CONFIG(accessibility)
        self.results_view.setAccessibleName(QCoreApplication.translate("DirectoryDialog", u"Providers", None))
#endif // QT_CONFIG(accessibility)
        self.details_label.setText(QCoreApplication.translate("DirectoryDialog", u"&Details:", None))
#if QT_CONFIG(accessibility)
        self.details_browser.setAccessibleName(QCoreApplication.translate("DirectoryDialog", u"Details", None))
#endif // QT_CONFIG(accessibility)
        self.count_label.setText("")
#if QT_CONFIG(accessibility)
        self.count_label.setAccessibleName(QCoreApplication.translate("DirectoryDialog", u"Providers shown", None))
#endif // QT_CONFIG(accessibility)
        self.import_button.setText(QCoreApplication.translate("DirectoryDialog", u"&Import CSV\u2026", None))
        self.close_button.setText(QCoreApplication.translate("DirectoryDialog", u"Close", None))
    # retranslateUi

