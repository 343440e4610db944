# Generated from forms/audit_dialog.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'audit_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDateEdit, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QTableWidget, QVBoxLayout

class Ui_AuditDialog(object):
    def setupUi(self, AuditDialog):
        if not AuditDialog.objectName():
            AuditDialog.setObjectName(u"AuditDialog")
        AuditDialog.resize(900, 520)
        self.layout = QVBoxLayout(AuditDialog)
        self.layout.setObjectName(u"layout")
        self.filters = QHBoxLayout()
        self.filters.setObjectName(u"filters")
        self.user_label = QLabel(AuditDialog)
        self.user_label.setObjectName(u"user_label")

        self.filters.addWidget(self.user_label)

        self.user_combo = QComboBox(AuditDialog)
        self.user_combo.setObjectName(u"user_combo")

        self.filters.addWidget(self.user_combo)

        self.action_label = QLabel(AuditDialog)
        self.action_label.setObjectName(u"action_label")

        self.filters.addWidget(self.action_label)

        self.action_combo = QComboBox(AuditDialog)
        self.action_combo.setObjectName(u"action_combo")

        self.filters.addWidget(self.action_combo)

        self.since_label = QLabel(AuditDialog)
        self.since_label.setObjectName(u"since_label")

        self.filters.addWidget(self.since_label)

        self.since_edit = QDateEdit(AuditDialog)
        self.since_edit.setObjectName(u"since_edit")
        self.since_edit.setCalendarPopup(True)

        self.filters.addWidget(self.since_edit)

        self.until_label = QLabel(AuditDialog)
        self.until_label.setObjectName(u"until_label")

        self.filters.addWidget(self.until_label)

        self.until_edit = QDateEdit(AuditDialog)
        self.until_edit.setObjectName(u"until_edit")
        self.until_edit.setCalendarPopup(True)

        self.filters.addWidget(self.until_edit)

        self.request_label = QLabel(AuditDialog)
        self.request_label.setObjectName(u"request_label")

        self.filters.addWidget(self.request_label)

        self.request_edit = QLineEdit(AuditDialog)
        self.request_edit.setObjectName(u"request_edit")

        self.filters.addWidget(self.request_edit)


        self.layout.addLayout(self.filters)

        self.entries_table = QTableWidget(AuditDialog)
        self.entries_table.setObjectName(u"entries_table")
        self.entries_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entries_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.layout.addWidget(self.entries_table)

        self.bottom = QHBoxLayout()
        self.bottom.setObjectName(u"bottom")
        self.count_label = QLabel(AuditDialog)
        self.count_label.setObjectName(u"count_label")

        self.bottom.addWidget(self.count_label)

        self.verify_label = QLabel(AuditDialog)
        self.verify_label.setObjectName(u"verify_label")
        self.verify_label.setWordWrap(True)

        self.bottom.addWidget(self.verify_label)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottom.addItem(self.bottom_spacer)

        self.verify_button = QPushButton(AuditDialog)
        self.verify_button.setObjectName(u"verify_button")

        self.bottom.addWidget(self.verify_button)

        self.export_button = QPushButton(AuditDialog)
        self.export_button.setObjectName(u"export_button")

        self.bottom.addWidget(self.export_button)


        self.layout.addLayout(self.bottom)

        self.button_box = QDialogButtonBox(AuditDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.user_label.setBuddy(self.user_combo)
        self.action_label.setBuddy(self.action_combo)
        self.since_label.setBuddy(self.since_edit)
        self.until_label.setBuddy(self.until_edit)
        self.request_label.setBuddy(self.request_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AuditDialog)
    # setupUi

    def retranslateUi(self, AuditDialog):
        AuditDialog.setWindowTitle(QCoreApplication.translate("AuditDialog", u"Audit trail", None))
        self.user_label.setText(QCoreApplication.translate("AuditDialog", u"&User:", None))
#if QT_CONFIG(accessibility)
        self.user_combo.setAccessibleName(QCoreApplication.translate("AuditDialog", u"User", None))
#endif // QT_CONFIG(accessibility)
        self.action_label.setText(QCoreApplication.translate("AuditDialog", u"&Action:", None))
#if QT_CONFIG(accessibility)
        self.action_combo.setAccessibleName(QCoreApplication.translate("AuditDialog", u"Action", None))
#endif // QT_CONFIG(accessibility)
        self.since_label.setText(QCoreApplication.translate("AuditDialog", u"&From:", None))
#if QT_CONFIG(accessibility)
        self.since_edit.setAccessibleName(QCoreApplication.translate("AuditDialog", u"From date", None))
#endif // QT_CONFIG(accessibility)
        self.since_edit.setDisplayFormat(QCoreApplication.translate("AuditDialog", u"yyyy-MM-dd", None))
        self.until_label.setText(QCoreApplication.translate("AuditDialog", u"&To:", None))
#if QT_CONFIG(accessibility)
        self.until_edit.setAccessibleName(QCoreApplication.translate("AuditDialog", u"To date", None))
#endif // QT_CONFIG(accessibility)
        self.until_edit.setDisplayFormat(QCoreApplication.translate("AuditDialog", u"yyyy-MM-dd", None))
        self.request_label.setText(QCoreApplication.translate("AuditDialog", u"&Request:", None))
#if QT_CONFIG(accessibility)
        self.request_edit.setAccessibleName(QCoreApplication.translate("AuditDialog", u"Request id", None))
#endif // QT_CONFIG(accessibility)
        self.request_edit.setPlaceholderText(QCoreApplication.translate("AuditDialog", u"id", None))
#if QT_CONFIG(accessibility)
        self.entries_table.setAccessibleName(QCoreApplication.translate("AuditDialog", u"Audit rows", None))
#endif // QT_CONFIG(accessibility)
        self.count_label.setText("")
        self.verify_label.setText("")
        self.verify_button.setText(QCoreApplication.translate("AuditDialog", u"&Verify the chain", None))
        self.export_button.setText(QCoreApplication.translate("AuditDialog", u"&Export CSV\u2026", None))
    # retranslateUi

