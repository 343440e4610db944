# Generated from forms/database_dialog.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'database_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QVBoxLayout

class Ui_DatabaseDialog(object):
    def setupUi(self, DatabaseDialog):
        if not DatabaseDialog.objectName():
            DatabaseDialog.setObjectName(u"DatabaseDialog")
        DatabaseDialog.resize(620, 480)
        self.dialog_layout = QVBoxLayout(DatabaseDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.current_label = QLabel(DatabaseDialog)
        self.current_label.setObjectName(u"current_label")
        self.current_label.setWordWrap(True)
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialog_layout.addWidget(self.current_label)

        self.file_radio = QRadioButton(DatabaseDialog)
        self.file_radio.setObjectName(u"file_radio")

        self.dialog_layout.addWidget(self.file_radio)

        self.file_layout = QHBoxLayout()
        self.file_layout.setObjectName(u"file_layout")
        self.file_edit = QLineEdit(DatabaseDialog)
        self.file_edit.setObjectName(u"file_edit")

        self.file_layout.addWidget(self.file_edit)

        self.file_button = QPushButton(DatabaseDialog)
        self.file_button.setObjectName(u"file_button")

        self.file_layout.addWidget(self.file_button)


        self.dialog_layout.addLayout(self.file_layout)

        self.server_radio = QRadioButton(DatabaseDialog)
        self.server_radio.setObjectName(u"server_radio")

        self.dialog_layout.addWidget(self.server_radio)

        self.server_form = QFormLayout()
        self.server_form.setObjectName(u"server_form")
        self.server_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.host_label = QLabel(DatabaseDialog)
        self.host_label.setObjectName(u"host_label")

        self.server_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.host_label)

        self.host_edit = QLineEdit(DatabaseDialog)
        self.host_edit.setObjectName(u"host_edit")

        self.server_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.host_edit)

        self.port_label = QLabel(DatabaseDialog)
        self.port_label.setObjectName(u"port_label")

        self.server_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.port_label)

        self.port_edit = QLineEdit(DatabaseDialog)
        self.port_edit.setObjectName(u"port_edit")

        self.server_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.port_edit)

        self.dbname_label = QLabel(DatabaseDialog)
        self.dbname_label.setObjectName(u"dbname_label")

        self.server_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.dbname_label)

        self.dbname_edit = QLineEdit(DatabaseDialog)
        self.dbname_edit.setObjectName(u"dbname_edit")

        self.server_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dbname_edit)

        self.user_label = QLabel(DatabaseDialog)
        self.user_label.setObjectName(u"user_label")

        self.server_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.user_label)

        self.user_edit = QLineEdit(DatabaseDialog)
        self.user_edit.setObjectName(u"user_edit")

        self.server_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.user_edit)

        self.sslmode_label = QLabel(DatabaseDialog)
        self.sslmode_label.setObjectName(u"sslmode_label")

        self.server_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.sslmode_label)

        self.sslmode_combo = QComboBox(DatabaseDialog)
        self.sslmode_combo.setObjectName(u"sslmode_combo")

        self.server_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.sslmode_combo)

        self.sslrootcert_label = QLabel(DatabaseDialog)
        self.sslrootcert_label.setObjectName(u"sslrootcert_label")

        self.server_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.sslrootcert_label)

        self.sslrootcert_layout = QHBoxLayout()
        self.sslrootcert_layout.setObjectName(u"sslrootcert_layout")
        self.sslrootcert_edit = QLineEdit(DatabaseDialog)
        self.sslrootcert_edit.setObjectName(u"sslrootcert_edit")

        self.sslrootcert_layout.addWidget(self.sslrootcert_edit)

        self.sslrootcert_button = QPushButton(DatabaseDialog)
        self.sslrootcert_button.setObjectName(u"sslrootcert_button")

        self.sslrootcert_layout.addWidget(self.sslrootcert_button)


        self.server_form.setLayout(5, QFormLayout.ItemRole.FieldRole, self.sslrootcert_layout)

        self.password_label = QLabel(DatabaseDialog)
        self.password_label.setObjectName(u"password_label")

        self.server_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_edit = QLineEdit(DatabaseDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.server_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.password_edit)

        self.remember_check = QCheckBox(DatabaseDialog)
        self.remember_check.setObjectName(u"remember_check")
        self.remember_check.setChecked(True)

        self.server_form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.remember_check)


        self.dialog_layout.addLayout(self.server_form)

        self.status_label = QLabel(DatabaseDialog)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialog_layout.addWidget(self.status_label)

        self.button_box = QDialogButtonBox(DatabaseDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.host_label.setBuddy(self.host_edit)
        self.port_label.setBuddy(self.port_edit)
        self.dbname_label.setBuddy(self.dbname_edit)
        self.user_label.setBuddy(self.user_edit)
        self.sslmode_label.setBuddy(self.sslmode_combo)
        self.sslrootcert_label.setBuddy(self.sslrootcert_edit)
        self.password_label.setBuddy(self.password_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DatabaseDialog)
    # setupUi

    def retranslateUi(self, DatabaseDialog):
        DatabaseDialog.setWindowTitle(QCoreApplication.translate("DatabaseDialog", u"Database", None))
        self.file_radio.setText(QCoreApplication.translate("DatabaseDialog", u"A database &file on this computer (one desk)", None))
#if QT_CONFIG(accessibility)
        self.file_edit.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"Database file", None))
#endif // QT_CONFIG(accessibility)
        self.file_edit.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"sodesk.sqlite3 in your data folder", None))
        self.file_button.setText(QCoreApplication.translate("DatabaseDialog", u"Choose &file\u2026", None))
        self.server_radio.setText(QCoreApplication.translate("DatabaseDialog", u"The &office server (PostgreSQL, shared by several desks)", None))
        self.host_label.setText(QCoreApplication.translate("DatabaseDialog", u"Server &host:", None))
#if QT_CONFIG(accessibility)
        self.host_edit.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"Server host", None))
#endif // QT_CONFIG(accessibility)
        self.host_edit.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"db.clinic.example", None))
        self.port_label.setText(QCoreApplication.translate("DatabaseDialog", u"&Port:", None))
#if QT_CONFIG(accessibility)
        self.port_edit.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"Port", None))
#endif // QT_CONFIG(accessibility)
        self.port_edit.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"5432", None))
        self.dbname_label.setText(QCoreApplication.translate("DatabaseDialog", u"&Database:", None))
#if QT_CONFIG(accessibility)
        self.dbname_edit.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"Database name", None))
#endif // QT_CONFIG(accessibility)
        self.dbname_edit.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"sodesk", None))
        self.user_label.setText(QCoreApplication.translate("DatabaseDialog", u"&User:", None))
#if QT_CONFIG(accessibility)
        self.user_edit.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"User on the server", None))
#endif // QT_CONFIG(accessibility)
        self.user_edit.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"desk1", None))
        self.sslmode_label.setText(QCoreApplication.translate("DatabaseDialog", u"&TLS:", None))
#if QT_CONFIG(accessibility)
        self.sslmode_combo.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"TLS mode", None))
#endif // QT_CONFIG(accessibility)
        self.sslrootcert_label.setText(QCoreApplication.translate("DatabaseDialog", u"&Root certificate:", None))
#if QT_CONFIG(accessibility)
        self.sslrootcert_edit.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"Root certificate file", None))
#endif // QT_CONFIG(accessibility)
        self.sslrootcert_edit.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"the office's CA certificate (.crt), for verify-full", None))
        self.sslrootcert_button.setText(QCoreApplication.translate("DatabaseDialog", u"&Choose\u2026", None))
        self.password_label.setText(QCoreApplication.translate("DatabaseDialog", u"Pass&word:", None))
#if QT_CONFIG(accessibility)
        self.password_edit.setAccessibleName(QCoreApplication.translate("DatabaseDialog", u"Password on the server", None))
#endif // QT_CONFIG(accessibility)
        self.password_edit.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"asked once; kept in the system keyring when ticked below", None))
        self.remember_check.setText(QCoreApplication.translate("DatabaseDialog", u"&Keep the password in this computer's keyring", None))
    # retranslateUi

