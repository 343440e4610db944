# Generated from forms/request_detail.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'request_detail.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDateEdit, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

class Ui_RequestDetail(object):
    def setupUi(self, RequestDetail):
        if not RequestDetail.objectName():
            RequestDetail.setObjectName(u"RequestDetail")
        RequestDetail.resize(900, 640)
        self.main_layout = QVBoxLayout(RequestDetail)
        self.main_layout.setObjectName(u"main_layout")
        self.title_label = QLabel(RequestDetail)
        self.title_label.setObjectName(u"title_label")
        self.title_label.setWordWrap(True)

        self.main_layout.addWidget(self.title_label)

        self.clocks_label = QLabel(RequestDetail)
        self.clocks_label.setObjectName(u"clocks_label")
        self.clocks_label.setWordWrap(True)

        self.main_layout.addWidget(self.clocks_label)

        self.tabs = QTabWidget(RequestDetail)
        self.tabs.setObjectName(u"tabs")
        self.determination_tab = QWidget()
        self.determination_tab.setObjectName(u"determination_tab")
        self.determination_layout = QVBoxLayout(self.determination_tab)
        self.determination_layout.setObjectName(u"determination_layout")
        self.determination_view = QTextBrowser(self.determination_tab)
        self.determination_view.setObjectName(u"determination_view")

        self.determination_layout.addWidget(self.determination_view)

        self.tabs.addTab(self.determination_tab, "")
        self.history_tab = QWidget()
        self.history_tab.setObjectName(u"history_tab")
        self.history_layout = QVBoxLayout(self.history_tab)
        self.history_layout.setObjectName(u"history_layout")
        self.history_view = QTextBrowser(self.history_tab)
        self.history_view.setObjectName(u"history_view")

        self.history_layout.addWidget(self.history_view)

        self.tabs.addTab(self.history_tab, "")
        self.record_tab = QWidget()
        self.record_tab.setObjectName(u"record_tab")
        self.record_layout = QFormLayout(self.record_tab)
        self.record_layout.setObjectName(u"record_layout")
        self.auth_label = QLabel(self.record_tab)
        self.auth_label.setObjectName(u"auth_label")

        self.record_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.auth_label)

        self.auth_edit = QLineEdit(self.record_tab)
        self.auth_edit.setObjectName(u"auth_edit")

        self.record_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.auth_edit)

        self.valid_from_label = QLabel(self.record_tab)
        self.valid_from_label.setObjectName(u"valid_from_label")

        self.record_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.valid_from_label)

        self.valid_from_edit = QDateEdit(self.record_tab)
        self.valid_from_edit.setObjectName(u"valid_from_edit")
        self.valid_from_edit.setCalendarPopup(True)

        self.record_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.valid_from_edit)

        self.valid_to_label = QLabel(self.record_tab)
        self.valid_to_label.setObjectName(u"valid_to_label")

        self.record_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.valid_to_label)

        self.valid_to_edit = QDateEdit(self.record_tab)
        self.valid_to_edit.setObjectName(u"valid_to_edit")
        self.valid_to_edit.setCalendarPopup(True)

        self.record_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.valid_to_edit)

        self.reason_label = QLabel(self.record_tab)
        self.reason_label.setObjectName(u"reason_label")

        self.record_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.reason_label)

        self.reason_edit = QPlainTextEdit(self.record_tab)
        self.reason_edit.setObjectName(u"reason_edit")

        self.record_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.reason_edit)

        self.date_label = QLabel(self.record_tab)
        self.date_label.setObjectName(u"date_label")

        self.record_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date_edit = QDateEdit(self.record_tab)
        self.date_edit.setObjectName(u"date_edit")
        self.date_edit.setCalendarPopup(True)

        self.record_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.date_edit)

        self.npi_label = QLabel(self.record_tab)
        self.npi_label.setObjectName(u"npi_label")

        self.record_layout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.npi_label)

        self.npi_edit = QLineEdit(self.record_tab)
        self.npi_edit.setObjectName(u"npi_edit")
        self.npi_edit.setMaxLength(10)

        self.record_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.npi_edit)

        self.actions_row = QHBoxLayout()
        self.actions_row.setObjectName(u"actions_row")
        self.approve_button = QPushButton(self.record_tab)
        self.approve_button.setObjectName(u"approve_button")

        self.actions_row.addWidget(self.approve_button)

        self.modify_button = QPushButton(self.record_tab)
        self.modify_button.setObjectName(u"modify_button")

        self.actions_row.addWidget(self.modify_button)

        self.deny_button = QPushButton(self.record_tab)
        self.deny_button.setObjectName(u"deny_button")

        self.actions_row.addWidget(self.deny_button)

        self.pend_button = QPushButton(self.record_tab)
        self.pend_button.setObjectName(u"pend_button")

        self.actions_row.addWidget(self.pend_button)


        self.record_layout.setLayout(6, QFormLayout.ItemRole.SpanningRole, self.actions_row)

        self.steps_row = QHBoxLayout()
        self.steps_row.setObjectName(u"steps_row")
        self.schedule_button = QPushButton(self.record_tab)
        self.schedule_button.setObjectName(u"schedule_button")

        self.steps_row.addWidget(self.schedule_button)

        self.report_requested_button = QPushButton(self.record_tab)
        self.report_requested_button.setObjectName(u"report_requested_button")

        self.steps_row.addWidget(self.report_requested_button)

        self.report_received_button = QPushButton(self.record_tab)
        self.report_received_button.setObjectName(u"report_received_button")

        self.steps_row.addWidget(self.report_received_button)

        self.close_request_button = QPushButton(self.record_tab)
        self.close_request_button.setObjectName(u"close_request_button")

        self.steps_row.addWidget(self.close_request_button)

        self.withdraw_button = QPushButton(self.record_tab)
        self.withdraw_button.setObjectName(u"withdraw_button")

        self.steps_row.addWidget(self.withdraw_button)


        self.record_layout.setLayout(7, QFormLayout.ItemRole.SpanningRole, self.steps_row)

        self.error_label = QLabel(self.record_tab)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.record_layout.setWidget(8, QFormLayout.ItemRole.SpanningRole, self.error_label)

        self.tabs.addTab(self.record_tab, "")

        self.main_layout.addWidget(self.tabs)

        self.button_box = QDialogButtonBox(RequestDetail)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.Close)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.auth_label.setBuddy(self.auth_edit)
        self.valid_from_label.setBuddy(self.valid_from_edit)
        self.valid_to_label.setBuddy(self.valid_to_edit)
        self.reason_label.setBuddy(self.reason_edit)
        self.date_label.setBuddy(self.date_edit)
        self.npi_label.setBuddy(self.npi_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RequestDetail)
    # setupUi

    def retranslateUi(self, RequestDetail):
        RequestDetail.setWindowTitle(QCoreApplication.translate("RequestDetail", u"Request", None))
        self.title_label.setText("")
#if QT_CONFIG(accessibility)
        self.title_label.setAccessibleName(QCoreApplication.translate("RequestDetail", u"Request", None))
#endif // QT_CONFIG(accessibility)
        self.clocks_label.setText("")
#if QT_CONFIG(accessibility)
        self.clocks_label.setAccessibleName(QCoreApplication.translate("RequestDetail", u"Deadlines", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.determination_view.setAccessibleName(QCoreApplication.translate("RequestDetail", u"Determination", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.determination_tab), QCoreApplication.translate("RequestDetail", u"&Determination", None))
#if QT_CONFIG(accessibility)
        self.history_view.setAccessibleName(QCoreApplication.translate("RequestDetail", u"History", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.history_tab), QCoreApplication.translate("RequestDetail", u"&History", None))
        self.auth_label.setText(QCoreApplication.translate("RequestDetail", u"Authorization &number:", None))
#if QT_CONFIG(accessibility)
        self.auth_edit.setAccessibleName(QCoreApplication.translate("RequestDetail", u"Authorization number", None))
#endif // QT_CONFIG(accessibility)
        self.valid_from_label.setText(QCoreApplication.translate("RequestDetail", u"Valid &from:", None))
        self.valid_from_edit.setDisplayFormat(QCoreApplication.translate("RequestDetail", u"yyyy-MM-dd", None))
#if QT_CONFIG(accessibility)
        self.valid_from_edit.setAccessibleName(QCoreApplication.translate("RequestDetail", u"Valid from", None))
#endif // QT_CONFIG(accessibility)
        self.valid_to_label.setText(QCoreApplication.translate("RequestDetail", u"Valid &to:", None))
        self.valid_to_edit.setDisplayFormat(QCoreApplication.translate("RequestDetail", u"yyyy-MM-dd", None))
#if QT_CONFIG(accessibility)
        self.valid_to_edit.setAccessibleName(QCoreApplication.translate("RequestDetail", u"Valid to", None))
#endif // QT_CONFIG(accessibility)
        self.reason_label.setText(QCoreApplication.translate("RequestDetail", u"&Reason:", None))
#if QT_CONFIG(accessibility)
        self.reason_edit.setAccessibleName(QCoreApplication.translate("RequestDetail", u"Reason", None))
#endif // QT_CONFIG(accessibility)
        self.reason_edit.setPlaceholderText(QCoreApplication.translate("RequestDetail", u"Why: the criteria applied for a denial, what is missing for a pend, what changed", None))
        self.date_label.setText(QCoreApplication.translate("RequestDetail", u"Consult or report &date:", None))
        self.date_edit.setDisplayFormat(QCoreApplication.translate("RequestDetail", u"yyyy-MM-dd", None))
#if QT_CONFIG(accessibility)
        self.date_edit.setAccessibleName(QCoreApplication.translate("RequestDetail", u"Consult or report date", None))
#endif // QT_CONFIG(accessibility)
        self.npi_label.setText(QCoreApplication.translate("RequestDetail", u"Professional's N&PI:", None))
#if QT_CONFIG(accessibility)
        self.npi_edit.setAccessibleName(QCoreApplication.translate("RequestDetail", u"Professional's NPI", None))
#endif // QT_CONFIG(accessibility)
        self.approve_button.setText(QCoreApplication.translate("RequestDetail", u"Approve", None))
        self.modify_button.setText(QCoreApplication.translate("RequestDetail", u"Approve with changes", None))
        self.deny_button.setText(QCoreApplication.translate("RequestDetail", u"Deny", None))
        self.pend_button.setText(QCoreApplication.translate("RequestDetail", u"Pend for information", None))
        self.schedule_button.setText(QCoreApplication.translate("RequestDetail", u"Schedule consult", None))
        self.report_requested_button.setText(QCoreApplication.translate("RequestDetail", u"Report requested", None))
        self.report_received_button.setText(QCoreApplication.translate("RequestDetail", u"Report received", None))
        self.close_request_button.setText(QCoreApplication.translate("RequestDetail", u"Close request", None))
        self.withdraw_button.setText(QCoreApplication.translate("RequestDetail", u"Withdraw", None))
        self.error_label.setText("")
#if QT_CONFIG(accessibility)
        self.error_label.setAccessibleName(QCoreApplication.translate("RequestDetail", u"Problem", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.record_tab), QCoreApplication.translate("RequestDetail", u"&Record a step", None))
    # retranslateUi

