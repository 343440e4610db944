# Generated from forms/export_dialog.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'export_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout

class Ui_ExportDialog(object):
    def setupUi(self, ExportDialog):
        if not ExportDialog.objectName():
            ExportDialog.setObjectName(u"ExportDialog")
        ExportDialog.resize(560, 360)
        self.dialog_layout = QVBoxLayout(ExportDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.plan_label = QLabel(ExportDialog)
        self.plan_label.setObjectName(u"plan_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.plan_label)

        self.plan_combo = QComboBox(ExportDialog)
        self.plan_combo.setObjectName(u"plan_combo")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.plan_combo)

        self.out_label = QLabel(ExportDialog)
        self.out_label.setObjectName(u"out_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.out_label)

        self.out_layout = QHBoxLayout()
        self.out_layout.setObjectName(u"out_layout")
        self.out_edit = QLineEdit(ExportDialog)
        self.out_edit.setObjectName(u"out_edit")

        self.out_layout.addWidget(self.out_edit)

        self.browse_button = QPushButton(ExportDialog)
        self.browse_button.setObjectName(u"browse_button")

        self.out_layout.addWidget(self.browse_button)


        self.form_layout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.out_layout)

        self.zip_check = QCheckBox(ExportDialog)
        self.zip_check.setObjectName(u"zip_check")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.zip_check)

        self.encrypt_check = QCheckBox(ExportDialog)
        self.encrypt_check.setObjectName(u"encrypt_check")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.encrypt_check)

        self.passphrase_label = QLabel(ExportDialog)
        self.passphrase_label.setObjectName(u"passphrase_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.passphrase_label)

        self.passphrase_edit = QLineEdit(ExportDialog)
        self.passphrase_edit.setObjectName(u"passphrase_edit")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.passphrase_edit)

        self.confirm_label = QLabel(ExportDialog)
        self.confirm_label.setObjectName(u"confirm_label")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.confirm_label)

        self.confirm_edit = QLineEdit(ExportDialog)
        self.confirm_edit.setObjectName(u"confirm_edit")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.confirm_edit)

        self.again_check = QCheckBox(ExportDialog)
        self.again_check.setObjectName(u"again_check")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.again_check)

        self.letters_check = QCheckBox(ExportDialog)
        self.letters_check.setObjectName(u"letters_check")
        self.letters_check.setChecked(True)

        self.form_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.letters_check)


        self.dialog_layout.addLayout(self.form_layout)

        self.progress_bar = QProgressBar(ExportDialog)
        self.progress_bar.setObjectName(u"progress_bar")
        self.progress_bar.setValue(0)

        self.dialog_layout.addWidget(self.progress_bar)

        self.status_label = QLabel(ExportDialog)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialog_layout.addWidget(self.status_label)

        self.button_box = QDialogButtonBox(ExportDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.plan_label.setBuddy(self.plan_combo)
        self.out_label.setBuddy(self.out_edit)
        self.passphrase_label.setBuddy(self.passphrase_edit)
        self.confirm_label.setBuddy(self.confirm_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ExportDialog)
    # setupUi

    def retranslateUi(self, ExportDialog):
        ExportDialog.setWindowTitle(QCoreApplication.translate("ExportDialog", u"Export a batch for a plan", None))
        self.plan_label.setText(QCoreApplication.translate("ExportDialog", u"&Plan:", None))
#if QT_CONFIG(accessibility)
        self.plan_combo.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Plan", None))
#endif // QT_CONFIG(accessibility)
        self.out_label.setText(QCoreApplication.translate("ExportDialog", u"&Write to:", None))
#if QT_CONFIG(accessibility)
        self.out_edit.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Folder to write the batch into", None))
#endif // QT_CONFIG(accessibility)
        self.out_edit.setPlaceholderText(QCoreApplication.translate("ExportDialog", u"A folder: the batch is written inside it", None))
        self.browse_button.setText(QCoreApplication.translate("ExportDialog", u"&Browse\u2026", None))
        self.zip_check.setText(QCoreApplication.translate("ExportDialog", u"One &ZIP file", None))
        self.encrypt_check.setText(QCoreApplication.translate("ExportDialog", u"&Encrypt the ZIP (AES-256) with a passphrase", None))
        self.passphrase_label.setText(QCoreApplication.translate("ExportDialog", u"Pa&ssphrase:", None))
#if QT_CONFIG(accessibility)
        self.passphrase_edit.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.confirm_label.setText(QCoreApplication.translate("ExportDialog", u"Passphrase a&gain:", None))
#if QT_CONFIG(accessibility)
        self.confirm_edit.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Passphrase again", None))
#endif // QT_CONFIG(accessibility)
        self.again_check.setText(QCoreApplication.translate("ExportDialog", u"Include requests already sent to this plan", None))
        self.letters_check.setText(QCoreApplication.translate("ExportDialog", u"Include the referral &letters (PDF)", None))
#if QT_CONFIG(accessibility)
        self.progress_bar.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Export progress", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

