# Generated from forms/users_dialog.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'users_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QTableWidget, QVBoxLayout

class Ui_UsersDialog(object):
    def setupUi(self, UsersDialog):
        if not UsersDialog.objectName():
            UsersDialog.setObjectName(u"UsersDialog")
        UsersDialog.resize(760, 480)
        self.layout = QVBoxLayout(UsersDialog)
        self.layout.setObjectName(u"layout")
        self.users_table = QTableWidget(UsersDialog)
        self.users_table.setObjectName(u"users_table")
        self.users_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.users_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.users_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.layout.addWidget(self.users_table)

        self.selected_buttons = QHBoxLayout()
        self.selected_buttons.setObjectName(u"selected_buttons")
        self.role_label = QLabel(UsersDialog)
        self.role_label.setObjectName(u"role_label")

        self.selected_buttons.addWidget(self.role_label)

        self.role_combo = QComboBox(UsersDialog)
        self.role_combo.setObjectName(u"role_combo")

        self.selected_buttons.addWidget(self.role_combo)

        self.set_role_button = QPushButton(UsersDialog)
        self.set_role_button.setObjectName(u"set_role_button")

        self.selected_buttons.addWidget(self.set_role_button)

        self.disable_button = QPushButton(UsersDialog)
        self.disable_button.setObjectName(u"disable_button")

        self.selected_buttons.addWidget(self.disable_button)

        self.enable_button = QPushButton(UsersDialog)
        self.enable_button.setObjectName(u"enable_button")

        self.selected_buttons.addWidget(self.enable_button)

        self.unlock_button = QPushButton(UsersDialog)
        self.unlock_button.setObjectName(u"unlock_button")

        self.selected_buttons.addWidget(self.unlock_button)

        self.reset_password_button = QPushButton(UsersDialog)
        self.reset_password_button.setObjectName(u"reset_password_button")

        self.selected_buttons.addWidget(self.reset_password_button)

        self.selected_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.selected_buttons.addItem(self.selected_spacer)


        self.layout.addLayout(self.selected_buttons)

        self.add_group = QGroupBox(UsersDialog)
        self.add_group.setObjectName(u"add_group")
        self.add_fields = QFormLayout(self.add_group)
        self.add_fields.setObjectName(u"add_fields")
        self.username_label = QLabel(self.add_group)
        self.username_label.setObjectName(u"username_label")

        self.add_fields.setWidget(0, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username_edit = QLineEdit(self.add_group)
        self.username_edit.setObjectName(u"username_edit")

        self.add_fields.setWidget(0, QFormLayout.ItemRole.FieldRole, self.username_edit)

        self.display_name_label = QLabel(self.add_group)
        self.display_name_label.setObjectName(u"display_name_label")

        self.add_fields.setWidget(1, QFormLayout.ItemRole.LabelRole, self.display_name_label)

        self.display_name_edit = QLineEdit(self.add_group)
        self.display_name_edit.setObjectName(u"display_name_edit")

        self.add_fields.setWidget(1, QFormLayout.ItemRole.FieldRole, self.display_name_edit)

        self.new_role_label = QLabel(self.add_group)
        self.new_role_label.setObjectName(u"new_role_label")

        self.add_fields.setWidget(2, QFormLayout.ItemRole.LabelRole, self.new_role_label)

        self.new_role_combo = QComboBox(self.add_group)
        self.new_role_combo.setObjectName(u"new_role_combo")

        self.add_fields.setWidget(2, QFormLayout.ItemRole.FieldRole, self.new_role_combo)

        self.password_label = QLabel(self.add_group)
        self.password_label.setObjectName(u"password_label")

        self.add_fields.setWidget(3, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_edit = QLineEdit(self.add_group)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.add_fields.setWidget(3, QFormLayout.ItemRole.FieldRole, self.password_edit)

        self.add_spacer_label = QLabel(self.add_group)
        self.add_spacer_label.setObjectName(u"add_spacer_label")

        self.add_fields.setWidget(4, QFormLayout.ItemRole.LabelRole, self.add_spacer_label)

        self.add_button = QPushButton(self.add_group)
        self.add_button.setObjectName(u"add_button")

        self.add_fields.setWidget(4, QFormLayout.ItemRole.FieldRole, self.add_button)


        self.layout.addWidget(self.add_group)

        self.error_label = QLabel(UsersDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(UsersDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.role_label.setBuddy(self.role_combo)
        self.username_label.setBuddy(self.username_edit)
        self.display_name_label.setBuddy(self.display_name_edit)
        self.new_role_label.setBuddy(self.new_role_combo)
        self.password_label.setBuddy(self.password_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UsersDialog)
    # setupUi

    def retranslateUi(self, UsersDialog):
        UsersDialog.setWindowTitle(QCoreApplication.translate("UsersDialog", u"Users", None))
#if QT_CONFIG(accessibility)
        self.users_table.setAccessibleName(QCoreApplication.translate("UsersDialog", u"Users", None))
#endif // QT_CONFIG(accessibility)
        self.role_label.setText(QCoreApplication.translate("UsersDialog", u"&Role:", None))
#if QT_CONFIG(accessibility)
        self.role_combo.setAccessibleName(QCoreApplication.translate("UsersDialog", u"Role", None))
#endif // QT_CONFIG(accessibility)
        self.set_role_button.setText(QCoreApplication.translate("UsersDialog", u"Set &role", None))
        self.disable_button.setText(QCoreApplication.translate("UsersDialog", u"&Disable", None))
        self.enable_button.setText(QCoreApplication.translate("UsersDialog", u"&Enable", None))
        self.unlock_button.setText(QCoreApplication.translate("UsersDialog", u"&Unlock", None))
        self.reset_password_button.setText(QCoreApplication.translate("UsersDialog", u"New &password\u2026", None))
        self.add_group.setTitle(QCoreApplication.translate("UsersDialog", u"Add a user", None))
        self.username_label.setText(QCoreApplication.translate("UsersDialog", u"User &name:", None))
#if QT_CONFIG(accessibility)
        self.username_edit.setAccessibleName(QCoreApplication.translate("UsersDialog", u"New user name", None))
#endif // QT_CONFIG(accessibility)
        self.username_edit.setPlaceholderText(QCoreApplication.translate("UsersDialog", u"e.g. rgarcia", None))
        self.display_name_label.setText(QCoreApplication.translate("UsersDialog", u"&Person:", None))
#if QT_CONFIG(accessibility)
        self.display_name_edit.setAccessibleName(QCoreApplication.translate("UsersDialog", u"Person's name", None))
#endif // QT_CONFIG(accessibility)
        self.new_role_label.setText(QCoreApplication.translate("UsersDialog", u"R&ole:", None))
#if QT_CONFIG(accessibility)
        self.new_role_combo.setAccessibleName(QCoreApplication.translate("UsersDialog", u"Role of the new user", None))
#endif // QT_CONFIG(accessibility)
        self.password_label.setText(QCoreApplication.translate("UsersDialog", u"Pass&word:", None))
#if QT_CONFIG(accessibility)
        self.password_edit.setAccessibleName(QCoreApplication.translate("UsersDialog", u"Password", None))
#endif // QT_CONFIG(accessibility)
        self.password_edit.setPlaceholderText(QCoreApplication.translate("UsersDialog", u"At least 10 characters", None))
        self.add_spacer_label.setText("")
        self.add_button.setText(QCoreApplication.translate("UsersDialog", u"&Add user", None))
        self.error_label.setText("")
#if QT_CONFIG(accessibility)
        self.error_label.setAccessibleName(QCoreApplication.translate("UsersDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

