# Generated from forms/sign_in_dialog.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sign_in_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout

class Ui_SignInForm(object):
    def setupUi(self, SignInForm):
        if not SignInForm.objectName():
            SignInForm.setObjectName(u"SignInForm")
        SignInForm.resize(420, 320)
        self.layout = QVBoxLayout(SignInForm)
        self.layout.setObjectName(u"layout")
        self.title_label = QLabel(SignInForm)
        self.title_label.setObjectName(u"title_label")
        self.title_label.setTextFormat(Qt.TextFormat.RichText)

        self.layout.addWidget(self.title_label)

        self.message_label = QLabel(SignInForm)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.layout.addWidget(self.message_label)

        self.fields = QFormLayout()
        self.fields.setObjectName(u"fields")
        self.username_label = QLabel(SignInForm)
        self.username_label.setObjectName(u"username_label")

        self.fields.setWidget(0, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username_edit = QLineEdit(SignInForm)
        self.username_edit.setObjectName(u"username_edit")

        self.fields.setWidget(0, QFormLayout.ItemRole.FieldRole, self.username_edit)

        self.display_name_label = QLabel(SignInForm)
        self.display_name_label.setObjectName(u"display_name_label")

        self.fields.setWidget(1, QFormLayout.ItemRole.LabelRole, self.display_name_label)

        self.display_name_edit = QLineEdit(SignInForm)
        self.display_name_edit.setObjectName(u"display_name_edit")

        self.fields.setWidget(1, QFormLayout.ItemRole.FieldRole, self.display_name_edit)

        self.password_label = QLabel(SignInForm)
        self.password_label.setObjectName(u"password_label")

        self.fields.setWidget(2, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_edit = QLineEdit(SignInForm)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.fields.setWidget(2, QFormLayout.ItemRole.FieldRole, self.password_edit)

        self.confirm_label = QLabel(SignInForm)
        self.confirm_label.setObjectName(u"confirm_label")

        self.fields.setWidget(3, QFormLayout.ItemRole.LabelRole, self.confirm_label)

        self.confirm_edit = QLineEdit(SignInForm)
        self.confirm_edit.setObjectName(u"confirm_edit")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.fields.setWidget(3, QFormLayout.ItemRole.FieldRole, self.confirm_edit)


        self.layout.addLayout(self.fields)

        self.error_label = QLabel(SignInForm)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.layout.addWidget(self.error_label)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.button_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.button_spacer)

        self.sign_in_button = QPushButton(SignInForm)
        self.sign_in_button.setObjectName(u"sign_in_button")

        self.buttons.addWidget(self.sign_in_button)


        self.layout.addLayout(self.buttons)

#if QT_CONFIG(shortcut)
        self.username_label.setBuddy(self.username_edit)
        self.display_name_label.setBuddy(self.display_name_edit)
        self.password_label.setBuddy(self.password_edit)
        self.confirm_label.setBuddy(self.confirm_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SignInForm)
    # setupUi

    def retranslateUi(self, SignInForm):
        SignInForm.setWindowTitle(QCoreApplication.translate("SignInForm", u"Sign in", None))
        self.title_label.setText(QCoreApplication.translate("SignInForm", u"Sign in", None))
        self.message_label.setText(QCoreApplication.translate("SignInForm", u"Sign in to use the desk.", None))
        self.username_label.setText(QCoreApplication.translate("SignInForm", u"&User name:", None))
#if QT_CONFIG(accessibility)
        self.username_edit.setAccessibleName(QCoreApplication.translate("SignInForm", u"User name", None))
#endif // QT_CONFIG(accessibility)
        self.display_name_label.setText(QCoreApplication.translate("SignInForm", u"&Your name:", None))
#if QT_CONFIG(accessibility)
        self.display_name_edit.setAccessibleName(QCoreApplication.translate("SignInForm", u"Your name", None))
#endif // QT_CONFIG(accessibility)
        self.display_name_edit.setPlaceholderText(QCoreApplication.translate("SignInForm", u"As colleagues know you", None))
        self.password_label.setText(QCoreApplication.translate("SignInForm", u"&Password:", None))
#if QT_CONFIG(accessibility)
        self.password_edit.setAccessibleName(QCoreApplication.translate("SignInForm", u"Password", None))
#endif // QT_CONFIG(accessibility)
        self.confirm_label.setText(QCoreApplication.translate("SignInForm", u"&Again:", None))
#if QT_CONFIG(accessibility)
        self.confirm_edit.setAccessibleName(QCoreApplication.translate("SignInForm", u"Password again", None))
#endif // QT_CONFIG(accessibility)
        self.error_label.setText("")
#if QT_CONFIG(accessibility)
        self.error_label.setAccessibleName(QCoreApplication.translate("SignInForm", u"Problem", None))
#endif // QT_CONFIG(accessibility)
        self.sign_in_button.setText(QCoreApplication.translate("SignInForm", u"&Sign in", None))
    # retranslateUi

