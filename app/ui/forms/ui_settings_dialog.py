# Generated from forms/settings_dialog.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout, QWidget

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(620, 480)
        self.dialog_layout = QVBoxLayout(SettingsDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.practice_name_label = QLabel(SettingsDialog)
        self.practice_name_label.setObjectName(u"practice_name_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.practice_name_label)

        self.practice_name_edit = QLineEdit(SettingsDialog)
        self.practice_name_edit.setObjectName(u"practice_name_edit")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.practice_name_edit)

        self.practice_address_label = QLabel(SettingsDialog)
        self.practice_address_label.setObjectName(u"practice_address_label")
        self.practice_address_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.practice_address_label)

        self.practice_address_edit = QPlainTextEdit(SettingsDialog)
        self.practice_address_edit.setObjectName(u"practice_address_edit")
        self.practice_address_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.practice_address_edit)

        self.practice_phone_label = QLabel(SettingsDialog)
        self.practice_phone_label.setObjectName(u"practice_phone_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.practice_phone_label)

        self.practice_phone_edit = QLineEdit(SettingsDialog)
        self.practice_phone_edit.setObjectName(u"practice_phone_edit")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.practice_phone_edit)

        self.practice_fax_label = QLabel(SettingsDialog)
        self.practice_fax_label.setObjectName(u"practice_fax_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.practice_fax_label)

        self.practice_fax_edit = QLineEdit(SettingsDialog)
        self.practice_fax_edit.setObjectName(u"practice_fax_edit")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.practice_fax_edit)

        self.practice_npi_label = QLabel(SettingsDialog)
        self.practice_npi_label.setObjectName(u"practice_npi_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.practice_npi_label)

        self.practice_npi_edit = QLineEdit(SettingsDialog)
        self.practice_npi_edit.setObjectName(u"practice_npi_edit")
        self.practice_npi_edit.setMaxLength(10)

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.practice_npi_edit)

        self.practice_tin_label = QLabel(SettingsDialog)
        self.practice_tin_label.setObjectName(u"practice_tin_label")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.practice_tin_label)

        self.practice_tin_edit = QLineEdit(SettingsDialog)
        self.practice_tin_edit.setObjectName(u"practice_tin_edit")
        self.practice_tin_edit.setMaxLength(11)

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.practice_tin_edit)

        self.place_of_service_label = QLabel(SettingsDialog)
        self.place_of_service_label.setObjectName(u"place_of_service_label")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.place_of_service_label)

        self.place_of_service_combo = QComboBox(SettingsDialog)
        self.place_of_service_combo.setObjectName(u"place_of_service_combo")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.place_of_service_combo)

        self.practice_logo_label = QLabel(SettingsDialog)
        self.practice_logo_label.setObjectName(u"practice_logo_label")

        self.form_layout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.practice_logo_label)

        self.logo_row = QHBoxLayout()
        self.logo_row.setObjectName(u"logo_row")
        self.practice_logo_edit = QLineEdit(SettingsDialog)
        self.practice_logo_edit.setObjectName(u"practice_logo_edit")

        self.logo_row.addWidget(self.practice_logo_edit)

        self.choose_logo_button = QPushButton(SettingsDialog)
        self.choose_logo_button.setObjectName(u"choose_logo_button")
        self.choose_logo_button.setAutoDefault(False)

        self.logo_row.addWidget(self.choose_logo_button)


        self.form_layout.setLayout(7, QFormLayout.ItemRole.FieldRole, self.logo_row)

        self.default_plan_label = QLabel(SettingsDialog)
        self.default_plan_label.setObjectName(u"default_plan_label")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.default_plan_label)

        self.default_plan_combo = QComboBox(SettingsDialog)
        self.default_plan_combo.setObjectName(u"default_plan_combo")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.default_plan_combo)

        self.default_county_label = QLabel(SettingsDialog)
        self.default_county_label.setObjectName(u"default_county_label")

        self.form_layout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.default_county_label)

        self.default_county_combo = QComboBox(SettingsDialog)
        self.default_county_combo.setObjectName(u"default_county_combo")
        self.default_county_combo.setEditable(True)
        self.default_county_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.default_county_combo.setMaxVisibleItems(15)

        self.form_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.default_county_combo)

        self.report_due_days_label = QLabel(SettingsDialog)
        self.report_due_days_label.setObjectName(u"report_due_days_label")

        self.form_layout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.report_due_days_label)

        self.report_due_days_spin = QSpinBox(SettingsDialog)
        self.report_due_days_spin.setObjectName(u"report_due_days_spin")
        self.report_due_days_spin.setMinimum(1)
        self.report_due_days_spin.setMaximum(365)
        self.report_due_days_spin.setValue(30)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.report_due_days_spin.sizePolicy().hasHeightForWidth())
        self.report_due_days_spin.setSizePolicy(sizePolicy)

        self.form_layout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.report_due_days_spin)

        self.backup_keep_label = QLabel(SettingsDialog)
        self.backup_keep_label.setObjectName(u"backup_keep_label")

        self.form_layout.setWidget(11, QFormLayout.ItemRole.LabelRole, self.backup_keep_label)

        self.backup_keep_spin = QSpinBox(SettingsDialog)
        self.backup_keep_spin.setObjectName(u"backup_keep_spin")
        self.backup_keep_spin.setMinimum(1)
        self.backup_keep_spin.setMaximum(365)
        self.backup_keep_spin.setValue(14)
        sizePolicy.setHeightForWidth(self.backup_keep_spin.sizePolicy().hasHeightForWidth())
        self.backup_keep_spin.setSizePolicy(sizePolicy)

        self.form_layout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.backup_keep_spin)

        self.idle_lock_label = QLabel(SettingsDialog)
        self.idle_lock_label.setObjectName(u"idle_lock_label")

        self.form_layout.setWidget(12, QFormLayout.ItemRole.LabelRole, self.idle_lock_label)

        self.idle_lock_spin = QSpinBox(SettingsDialog)
        self.idle_lock_spin.setObjectName(u"idle_lock_spin")
        self.idle_lock_spin.setMinimum(1)
        self.idle_lock_spin.setMaximum(240)
        self.idle_lock_spin.setValue(10)
        sizePolicy.setHeightForWidth(self.idle_lock_spin.sizePolicy().hasHeightForWidth())
        self.idle_lock_spin.setSizePolicy(sizePolicy)

        self.form_layout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.idle_lock_spin)

        self.lockout_label = QLabel(SettingsDialog)
        self.lockout_label.setObjectName(u"lockout_label")

        self.form_layout.setWidget(13, QFormLayout.ItemRole.LabelRole, self.lockout_label)

        self.lockout_spin = QSpinBox(SettingsDialog)
        self.lockout_spin.setObjectName(u"lockout_spin")
        self.lockout_spin.setMinimum(1)
        self.lockout_spin.setMaximum(1440)
        self.lockout_spin.setValue(15)
        sizePolicy.setHeightForWidth(self.lockout_spin.sizePolicy().hasHeightForWidth())
        self.lockout_spin.setSizePolicy(sizePolicy)

        self.form_layout.setWidget(13, QFormLayout.ItemRole.FieldRole, self.lockout_spin)

        self.data_folder_label = QLabel(SettingsDialog)
        self.data_folder_label.setObjectName(u"data_folder_label")

        self.form_layout.setWidget(14, QFormLayout.ItemRole.LabelRole, self.data_folder_label)

        self.data_folder_row = QHBoxLayout()
        self.data_folder_row.setObjectName(u"data_folder_row")
        self.data_folder_edit = QLineEdit(SettingsDialog)
        self.data_folder_edit.setObjectName(u"data_folder_edit")
        self.data_folder_edit.setReadOnly(True)

        self.data_folder_row.addWidget(self.data_folder_edit)

        self.open_folder_button = QPushButton(SettingsDialog)
        self.open_folder_button.setObjectName(u"open_folder_button")
        self.open_folder_button.setAutoDefault(False)

        self.data_folder_row.addWidget(self.open_folder_button)


        self.form_layout.setLayout(14, QFormLayout.ItemRole.FieldRole, self.data_folder_row)


        self.dialog_layout.addLayout(self.form_layout)

        self.error_label = QLabel(SettingsDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setVisible(False)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)

        self.dialog_layout.addWidget(self.error_label)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialog_layout.addItem(self.bottom_spacer)

        self.button_box = QDialogButtonBox(SettingsDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.practice_name_label.setBuddy(self.practice_name_edit)
        self.practice_address_label.setBuddy(self.practice_address_edit)
        self.practice_phone_label.setBuddy(self.practice_phone_edit)
        self.practice_fax_label.setBuddy(self.practice_fax_edit)
        self.practice_npi_label.setBuddy(self.practice_npi_edit)
        self.practice_tin_label.setBuddy(self.practice_tin_edit)
        self.place_of_service_label.setBuddy(self.place_of_service_combo)
        self.practice_logo_label.setBuddy(self.practice_logo_edit)
        self.default_plan_label.setBuddy(self.default_plan_combo)
        self.default_county_label.setBuddy(self.default_county_combo)
        self.report_due_days_label.setBuddy(self.report_due_days_spin)
        self.backup_keep_label.setBuddy(self.backup_keep_spin)
        self.idle_lock_label.setBuddy(self.idle_lock_spin)
        self.lockout_label.setBuddy(self.lockout_spin)
        self.data_folder_label.setBuddy(self.data_folder_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.practice_name_edit, self.practice_address_edit)
        QWidget.setTabOrder(self.practice_address_edit, self.practice_phone_edit)
        QWidget.setTabOrder(self.practice_phone_edit, self.practice_fax_edit)
        QWidget.setTabOrder(self.practice_fax_edit, self.practice_npi_edit)
        QWidget.setTabOrder(self.practice_npi_edit, self.practice_tin_edit)
        QWidget.setTabOrder(self.practice_tin_edit, self.place_of_service_combo)
        QWidget.setTabOrder(self.place_of_service_combo, self.practice_logo_edit)
        QWidget.setTabOrder(self.practice_logo_edit, self.choose_logo_button)
        QWidget.setTabOrder(self.choose_logo_button, self.default_plan_combo)
        QWidget.setTabOrder(self.default_plan_combo, self.default_county_combo)
        QWidget.setTabOrder(self.default_county_combo, self.report_due_days_spin)
        QWidget.setTabOrder(self.report_due_days_spin, self.backup_keep_spin)
        QWidget.setTabOrder(self.backup_keep_spin, self.idle_lock_spin)
        QWidget.setTabOrder(self.idle_lock_spin, self.lockout_spin)
        QWidget.setTabOrder(self.lockout_spin, self.data_folder_edit)
        QWidget.setTabOrder(self.data_folder_edit, self.open_folder_button)
        QWidget.setTabOrder(self.open_folder_button, self.button_box)

        self.retranslateUi(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.practice_name_label.setText(QCoreApplication.translate("SettingsDialog", u"Practice &name:", None))
#if QT_CONFIG(accessibility)
        self.practice_name_edit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Practice name", None))
#endif // QT_CONFIG(accessibility)
        self.practice_name_edit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"As printed on letters and reports", None))
        self.practice_address_label.setText(QCoreApplication.translate("SettingsDialog", u"&Address:", None))
#if QT_CONFIG(accessibility)
        self.practice_address_edit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Address", None))
#endif // QT_CONFIG(accessibility)
        self.practice_address_edit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"Street, suite, city and ZIP, one per line", None))
        self.practice_phone_label.setText(QCoreApplication.translate("SettingsDialog", u"&Phone:", None))
#if QT_CONFIG(accessibility)
        self.practice_phone_edit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Phone", None))
#endif // QT_CONFIG(accessibility)
        self.practice_phone_edit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"e.g. 209-555-0100", None))
        self.practice_fax_label.setText(QCoreApplication.translate("SettingsDialog", u"Fa&x:", None))
#if QT_CONFIG(accessibility)
        self.practice_fax_edit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Fax", None))
#endif // QT_CONFIG(accessibility)
        self.practice_fax_edit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"e.g. 209-555-0101", None))
        self.practice_npi_label.setText(QCoreApplication.translate("SettingsDialog", u"Practice NP&I:", None))
#if QT_CONFIG(accessibility)
        self.practice_npi_edit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Practice NPI", None))
#endif // QT_CONFIG(accessibility)
        self.practice_npi_edit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"The practice's organization NPI, 10 digits", None))
        self.practice_tin_label.setText(QCoreApplication.translate("SettingsDialog", u"&Tax ID (TIN):", None))
#if QT_CONFIG(accessibility)
        self.practice_tin_edit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Tax ID (TIN)", None))
#endif // QT_CONFIG(accessibility)
        self.practice_tin_edit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"The practice's federal tax ID (EIN), e.g. 12-3456789", None))
        self.place_of_service_label.setText(QCoreApplication.translate("SettingsDialog", u"Place of ser&vice:", None))
#if QT_CONFIG(accessibility)
        self.place_of_service_combo.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Place of service", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.place_of_service_combo.setToolTip(QCoreApplication.translate("SettingsDialog", u"Where the second-opinion consultations are given (a CMS place-of-service code, sent with each submission)", None))
#endif // QT_CONFIG(tooltip)
        self.practice_logo_label.setText(QCoreApplication.translate("SettingsDialog", u"&Logo:", None))
#if QT_CONFIG(accessibility)
        self.practice_logo_edit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Logo", None))
#endif // QT_CONFIG(accessibility)
        self.practice_logo_edit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"A .png or .jpg picture (optional)", None))
        self.choose_logo_button.setText(QCoreApplication.translate("SettingsDialog", u"C&hoose\u2026", None))
#if QT_CONFIG(accessibility)
        self.choose_logo_button.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Choose logo", None))
#endif // QT_CONFIG(accessibility)
        self.default_plan_label.setText(QCoreApplication.translate("SettingsDialog", u"Default p&lan:", None))
#if QT_CONFIG(accessibility)
        self.default_plan_combo.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Default plan", None))
#endif // QT_CONFIG(accessibility)
        self.default_county_label.setText(QCoreApplication.translate("SettingsDialog", u"Default co&unty:", None))
#if QT_CONFIG(accessibility)
        self.default_county_combo.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Default county", None))
#endif // QT_CONFIG(accessibility)
        self.report_due_days_label.setText(QCoreApplication.translate("SettingsDialog", u"Consultation &report due:", None))
#if QT_CONFIG(accessibility)
        self.report_due_days_spin.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Consultation report due", None))
#endif // QT_CONFIG(accessibility)
        self.report_due_days_spin.setSuffix(QCoreApplication.translate("SettingsDialog", u" days after the consult", None))
        self.backup_keep_label.setText(QCoreApplication.translate("SettingsDialog", u"&Backups kept:", None))
#if QT_CONFIG(accessibility)
        self.backup_keep_spin.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Backups kept", None))
#endif // QT_CONFIG(accessibility)
        self.idle_lock_label.setText(QCoreApplication.translate("SettingsDialog", u"Lock when idl&e:", None))
#if QT_CONFIG(accessibility)
        self.idle_lock_spin.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Lock when idle", None))
#endif // QT_CONFIG(accessibility)
        self.idle_lock_spin.setSuffix(QCoreApplication.translate("SettingsDialog", u" minutes without input", None))
        self.lockout_label.setText(QCoreApplication.translate("SettingsDialog", u"Loc&kout after 5 failed sign-ins:", None))
#if QT_CONFIG(accessibility)
        self.lockout_spin.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Lockout after 5 failed sign-ins", None))
#endif // QT_CONFIG(accessibility)
        self.lockout_spin.setSuffix(QCoreApplication.translate("SettingsDialog", u" minutes", None))
        self.data_folder_label.setText(QCoreApplication.translate("SettingsDialog", u"&Data folder:", None))
#if QT_CONFIG(accessibility)
        self.data_folder_edit.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Data folder", None))
#endif // QT_CONFIG(accessibility)
        self.open_folder_button.setText(QCoreApplication.translate("SettingsDialog", u"&Open folder", None))
#if QT_CONFIG(accessibility)
        self.open_folder_button.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Open data folder", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.error_label.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

