# Generated from forms/intake_dialog.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'intake_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QDateTimeEdit, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy, QSpacerItem, QStackedWidget, QTableView, QTextBrowser, QVBoxLayout, QWidget

class Ui_IntakeDialog(object):
    def setupUi(self, IntakeDialog):
        if not IntakeDialog.objectName():
            IntakeDialog.setObjectName(u"IntakeDialog")
        IntakeDialog.resize(1280, 800)
        self.dialog_layout = QHBoxLayout(IntakeDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.left_layout = QVBoxLayout()
        self.left_layout.setObjectName(u"left_layout")
        self.pages = QStackedWidget(IntakeDialog)
        self.pages.setObjectName(u"pages")
        self.member_page = QWidget()
        self.member_page.setObjectName(u"member_page")
        self.member_page_layout = QVBoxLayout(self.member_page)
        self.member_page_layout.setObjectName(u"member_page_layout")
        self.member_page_heading = QLabel(self.member_page)
        self.member_page_heading.setObjectName(u"member_page_heading")
        self.member_page_heading.setWordWrap(True)

        self.member_page_layout.addWidget(self.member_page_heading)

        self.member_scroll = QScrollArea(self.member_page)
        self.member_scroll.setObjectName(u"member_scroll")
        self.member_scroll.setFocusPolicy(Qt.NoFocus)
        self.member_scroll.setWidgetResizable(True)
        self.member_scroll.setFrameShape(QFrame.NoFrame)
        self.member_contents = QWidget()
        self.member_contents.setObjectName(u"member_contents")
        self.member_contents_layout = QVBoxLayout(self.member_contents)
        self.member_contents_layout.setObjectName(u"member_contents_layout")
        self.member_contents_layout.setContentsMargins(0, 0, 0, 0)
        self.member_form = QFormLayout()
        self.member_form.setObjectName(u"member_form")
        self.member_form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.member_form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self.plan_label = QLabel(self.member_contents)
        self.plan_label.setObjectName(u"plan_label")

        self.member_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.plan_label)

        self.plan_combo = QComboBox(self.member_contents)
        self.plan_combo.setObjectName(u"plan_combo")

        self.member_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.plan_combo)

        self.member_id_label = QLabel(self.member_contents)
        self.member_id_label.setObjectName(u"member_id_label")

        self.member_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.member_id_label)

        self.member_id_layout = QVBoxLayout()
        self.member_id_layout.setSpacing(2)
        self.member_id_layout.setObjectName(u"member_id_layout")
        self.member_id_edit = QLineEdit(self.member_contents)
        self.member_id_edit.setObjectName(u"member_id_edit")

        self.member_id_layout.addWidget(self.member_id_edit)

        self.roster_label = QLabel(self.member_contents)
        self.roster_label.setObjectName(u"roster_label")
        self.roster_label.setWordWrap(True)

        self.member_id_layout.addWidget(self.roster_label)

        self.roster_list = QListWidget(self.member_contents)
        self.roster_list.setObjectName(u"roster_list")
        self.roster_list.setMaximumHeight(96)

        self.member_id_layout.addWidget(self.roster_list)


        self.member_form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.member_id_layout)

        self.cin_label = QLabel(self.member_contents)
        self.cin_label.setObjectName(u"cin_label")

        self.member_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.cin_label)

        self.cin_edit = QLineEdit(self.member_contents)
        self.cin_edit.setObjectName(u"cin_edit")
        self.cin_edit.setMaxLength(12)

        self.member_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.cin_edit)

        self.first_name_label = QLabel(self.member_contents)
        self.first_name_label.setObjectName(u"first_name_label")

        self.member_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.first_name_label)

        self.first_name_edit = QLineEdit(self.member_contents)
        self.first_name_edit.setObjectName(u"first_name_edit")

        self.member_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.first_name_edit)

        self.last_name_label = QLabel(self.member_contents)
        self.last_name_label.setObjectName(u"last_name_label")

        self.member_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.last_name_label)

        self.last_name_edit = QLineEdit(self.member_contents)
        self.last_name_edit.setObjectName(u"last_name_edit")

        self.member_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.last_name_edit)

        self.date_of_birth_label = QLabel(self.member_contents)
        self.date_of_birth_label.setObjectName(u"date_of_birth_label")

        self.member_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.date_of_birth_label)

        self.date_of_birth_edit = QLineEdit(self.member_contents)
        self.date_of_birth_edit.setObjectName(u"date_of_birth_edit")
        self.date_of_birth_edit.setMaxLength(10)

        self.member_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.date_of_birth_edit)

        self.sex_label = QLabel(self.member_contents)
        self.sex_label.setObjectName(u"sex_label")

        self.member_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.sex_label)

        self.sex_combo = QComboBox(self.member_contents)
        self.sex_combo.setObjectName(u"sex_combo")

        self.member_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.sex_combo)

        self.language_label = QLabel(self.member_contents)
        self.language_label.setObjectName(u"language_label")

        self.member_form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.language_label)

        self.language_edit = QLineEdit(self.member_contents)
        self.language_edit.setObjectName(u"language_edit")

        self.member_form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.language_edit)

        self.member_phone_label = QLabel(self.member_contents)
        self.member_phone_label.setObjectName(u"member_phone_label")

        self.member_form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.member_phone_label)

        self.member_phone_edit = QLineEdit(self.member_contents)
        self.member_phone_edit.setObjectName(u"member_phone_edit")

        self.member_form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.member_phone_edit)

        self.health_network_label = QLabel(self.member_contents)
        self.health_network_label.setObjectName(u"health_network_label")

        self.member_form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.health_network_label)

        self.health_network_edit = QLineEdit(self.member_contents)
        self.health_network_edit.setObjectName(u"health_network_edit")

        self.member_form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.health_network_edit)

        self.street_label = QLabel(self.member_contents)
        self.street_label.setObjectName(u"street_label")

        self.member_form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.street_label)

        self.street_edit = QLineEdit(self.member_contents)
        self.street_edit.setObjectName(u"street_edit")

        self.member_form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.street_edit)

        self.address_line2_label = QLabel(self.member_contents)
        self.address_line2_label.setObjectName(u"address_line2_label")

        self.member_form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.address_line2_label)

        self.address_line2_edit = QLineEdit(self.member_contents)
        self.address_line2_edit.setObjectName(u"address_line2_edit")

        self.member_form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.address_line2_edit)

        self.city_label = QLabel(self.member_contents)
        self.city_label.setObjectName(u"city_label")

        self.member_form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.city_label)

        self.city_state_zip_row = QHBoxLayout()
        self.city_state_zip_row.setObjectName(u"city_state_zip_row")
        self.city_edit = QLineEdit(self.member_contents)
        self.city_edit.setObjectName(u"city_edit")

        self.city_state_zip_row.addWidget(self.city_edit)

        self.state_label = QLabel(self.member_contents)
        self.state_label.setObjectName(u"state_label")

        self.city_state_zip_row.addWidget(self.state_label)

        self.state_edit = QLineEdit(self.member_contents)
        self.state_edit.setObjectName(u"state_edit")
        self.state_edit.setMaxLength(2)
        self.state_edit.setMaximumSize(QSize(60, 16777215))

        self.city_state_zip_row.addWidget(self.state_edit)

        self.zip_label = QLabel(self.member_contents)
        self.zip_label.setObjectName(u"zip_label")

        self.city_state_zip_row.addWidget(self.zip_label)

        self.zip_edit = QLineEdit(self.member_contents)
        self.zip_edit.setObjectName(u"zip_edit")
        self.zip_edit.setMaxLength(10)
        self.zip_edit.setMaximumSize(QSize(120, 16777215))

        self.city_state_zip_row.addWidget(self.zip_edit)


        self.member_form.setLayout(12, QFormLayout.ItemRole.FieldRole, self.city_state_zip_row)

        self.county_label = QLabel(self.member_contents)
        self.county_label.setObjectName(u"county_label")

        self.member_form.setWidget(13, QFormLayout.ItemRole.LabelRole, self.county_label)

        self.county_edit = QLineEdit(self.member_contents)
        self.county_edit.setObjectName(u"county_edit")

        self.member_form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.county_edit)


        self.member_contents_layout.addLayout(self.member_form)

        self.member_page_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.member_contents_layout.addItem(self.member_page_spacer)

        self.member_scroll.setWidget(self.member_contents)

        self.member_page_layout.addWidget(self.member_scroll)

        self.pages.addWidget(self.member_page)
        self.requester_page = QWidget()
        self.requester_page.setObjectName(u"requester_page")
        self.requester_page_layout = QVBoxLayout(self.requester_page)
        self.requester_page_layout.setObjectName(u"requester_page_layout")
        self.requester_page_heading = QLabel(self.requester_page)
        self.requester_page_heading.setObjectName(u"requester_page_heading")
        self.requester_page_heading.setWordWrap(True)

        self.requester_page_layout.addWidget(self.requester_page_heading)

        self.requester_form = QFormLayout()
        self.requester_form.setObjectName(u"requester_form")
        self.requester_form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.requester_form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self.requester_type_label = QLabel(self.requester_page)
        self.requester_type_label.setObjectName(u"requester_type_label")

        self.requester_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.requester_type_label)

        self.requester_type_combo = QComboBox(self.requester_page)
        self.requester_type_combo.addItem("")
        self.requester_type_combo.addItem("")
        self.requester_type_combo.addItem("")
        self.requester_type_combo.addItem("")
        self.requester_type_combo.addItem("")
        self.requester_type_combo.setObjectName(u"requester_type_combo")

        self.requester_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.requester_type_combo)

        self.requester_name_label = QLabel(self.requester_page)
        self.requester_name_label.setObjectName(u"requester_name_label")

        self.requester_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.requester_name_label)

        self.requester_name_edit = QLineEdit(self.requester_page)
        self.requester_name_edit.setObjectName(u"requester_name_edit")

        self.requester_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.requester_name_edit)

        self.requester_npi_label = QLabel(self.requester_page)
        self.requester_npi_label.setObjectName(u"requester_npi_label")

        self.requester_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.requester_npi_label)

        self.requester_npi_edit = QLineEdit(self.requester_page)
        self.requester_npi_edit.setObjectName(u"requester_npi_edit")

        self.requester_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.requester_npi_edit)

        self.requester_phone_label = QLabel(self.requester_page)
        self.requester_phone_label.setObjectName(u"requester_phone_label")

        self.requester_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.requester_phone_label)

        self.requester_phone_edit = QLineEdit(self.requester_page)
        self.requester_phone_edit.setObjectName(u"requester_phone_edit")

        self.requester_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.requester_phone_edit)

        self.received_label = QLabel(self.requester_page)
        self.received_label.setObjectName(u"received_label")

        self.requester_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.received_label)

        self.received_edit = QDateTimeEdit(self.requester_page)
        self.received_edit.setObjectName(u"received_edit")
        self.received_edit.setCalendarPopup(True)

        self.requester_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.received_edit)


        self.requester_page_layout.addLayout(self.requester_form)

        self.requester_page_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.requester_page_layout.addItem(self.requester_page_spacer)

        self.pages.addWidget(self.requester_page)
        self.care_page = QWidget()
        self.care_page.setObjectName(u"care_page")
        self.care_page_layout = QVBoxLayout(self.care_page)
        self.care_page_layout.setObjectName(u"care_page_layout")
        self.care_page_heading = QLabel(self.care_page)
        self.care_page_heading.setObjectName(u"care_page_heading")
        self.care_page_heading.setWordWrap(True)

        self.care_page_layout.addWidget(self.care_page_heading)

        self.care_scroll = QScrollArea(self.care_page)
        self.care_scroll.setObjectName(u"care_scroll")
        self.care_scroll.setFocusPolicy(Qt.NoFocus)
        self.care_scroll.setWidgetResizable(True)
        self.care_scroll.setFrameShape(QFrame.NoFrame)
        self.care_contents = QWidget()
        self.care_contents.setObjectName(u"care_contents")
        self.care_contents_layout = QVBoxLayout(self.care_contents)
        self.care_contents_layout.setObjectName(u"care_contents_layout")
        self.care_contents_layout.setContentsMargins(0, 0, -1, -1)
        self.care_form = QFormLayout()
        self.care_form.setObjectName(u"care_form")
        self.care_form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.care_form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self.care_from_label = QLabel(self.care_contents)
        self.care_from_label.setObjectName(u"care_from_label")

        self.care_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.care_from_label)

        self.care_from_combo = QComboBox(self.care_contents)
        self.care_from_combo.addItem("")
        self.care_from_combo.addItem("")
        self.care_from_combo.setObjectName(u"care_from_combo")

        self.care_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.care_from_combo)

        self.taxonomy_label = QLabel(self.care_contents)
        self.taxonomy_label.setObjectName(u"taxonomy_label")

        self.care_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.taxonomy_label)

        self.taxonomy_edit = QLineEdit(self.care_contents)
        self.taxonomy_edit.setObjectName(u"taxonomy_edit")

        self.care_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.taxonomy_edit)

        self.treating_npi_label = QLabel(self.care_contents)
        self.treating_npi_label.setObjectName(u"treating_npi_label")

        self.care_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.treating_npi_label)

        self.treating_npi_edit = QLineEdit(self.care_contents)
        self.treating_npi_edit.setObjectName(u"treating_npi_edit")

        self.care_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.treating_npi_edit)

        self.treating_name_label = QLabel(self.care_contents)
        self.treating_name_label.setObjectName(u"treating_name_label")

        self.care_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.treating_name_label)

        self.treating_name_edit = QLineEdit(self.care_contents)
        self.treating_name_edit.setObjectName(u"treating_name_edit")

        self.care_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.treating_name_edit)

        self.pcp_npi_label = QLabel(self.care_contents)
        self.pcp_npi_label.setObjectName(u"pcp_npi_label")

        self.care_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.pcp_npi_label)

        self.pcp_npi_edit = QLineEdit(self.care_contents)
        self.pcp_npi_edit.setObjectName(u"pcp_npi_edit")

        self.care_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.pcp_npi_edit)

        self.pcp_name_label = QLabel(self.care_contents)
        self.pcp_name_label.setObjectName(u"pcp_name_label")

        self.care_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.pcp_name_label)

        self.pcp_name_edit = QLineEdit(self.care_contents)
        self.pcp_name_edit.setObjectName(u"pcp_name_edit")

        self.care_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.pcp_name_edit)

        self.procedure_label = QLabel(self.care_contents)
        self.procedure_label.setObjectName(u"procedure_label")

        self.care_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.procedure_label)

        self.procedure_edit = QLineEdit(self.care_contents)
        self.procedure_edit.setObjectName(u"procedure_edit")

        self.care_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.procedure_edit)

        self.flags_row = QHBoxLayout()
        self.flags_row.setObjectName(u"flags_row")
        self.serious_check = QCheckBox(self.care_contents)
        self.serious_check.setObjectName(u"serious_check")

        self.flags_row.addWidget(self.serious_check)

        self.urgent_check = QCheckBox(self.care_contents)
        self.urgent_check.setObjectName(u"urgent_check")

        self.flags_row.addWidget(self.urgent_check)

        self.needs_transportation_check = QCheckBox(self.care_contents)
        self.needs_transportation_check.setObjectName(u"needs_transportation_check")

        self.flags_row.addWidget(self.needs_transportation_check)


        self.care_form.setLayout(7, QFormLayout.ItemRole.SpanningRole, self.flags_row)

        self.third_row = QHBoxLayout()
        self.third_row.setObjectName(u"third_row")
        self.third_opinion_check = QCheckBox(self.care_contents)
        self.third_opinion_check.setObjectName(u"third_opinion_check")

        self.third_row.addWidget(self.third_opinion_check)

        self.differ_check = QCheckBox(self.care_contents)
        self.differ_check.setObjectName(u"differ_check")

        self.third_row.addWidget(self.differ_check)


        self.care_form.setLayout(8, QFormLayout.ItemRole.SpanningRole, self.third_row)

        self.diagnosis_label = QLabel(self.care_contents)
        self.diagnosis_label.setObjectName(u"diagnosis_label")

        self.care_form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.diagnosis_label)

        self.diagnosis_row = QHBoxLayout()
        self.diagnosis_row.setObjectName(u"diagnosis_row")
        self.diagnosis_edit = QLineEdit(self.care_contents)
        self.diagnosis_edit.setObjectName(u"diagnosis_edit")

        self.diagnosis_row.addWidget(self.diagnosis_edit)

        self.add_diagnosis_button = QPushButton(self.care_contents)
        self.add_diagnosis_button.setObjectName(u"add_diagnosis_button")
        self.add_diagnosis_button.setAutoDefault(False)

        self.diagnosis_row.addWidget(self.add_diagnosis_button)

        self.remove_diagnosis_button = QPushButton(self.care_contents)
        self.remove_diagnosis_button.setObjectName(u"remove_diagnosis_button")
        self.remove_diagnosis_button.setAutoDefault(False)

        self.diagnosis_row.addWidget(self.remove_diagnosis_button)


        self.care_form.setLayout(9, QFormLayout.ItemRole.FieldRole, self.diagnosis_row)

        self.diagnoses_label = QLabel(self.care_contents)
        self.diagnoses_label.setObjectName(u"diagnoses_label")

        self.care_form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.diagnoses_label)

        self.diagnoses_list = QListWidget(self.care_contents)
        self.diagnoses_list.setObjectName(u"diagnoses_list")
        self.diagnoses_list.setMaximumSize(QSize(16777215, 70))

        self.care_form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.diagnoses_list)


        self.care_contents_layout.addLayout(self.care_form)

        self.reasons_box = QGroupBox(self.care_contents)
        self.reasons_box.setObjectName(u"reasons_box")
        self.reasons_layout = QVBoxLayout(self.reasons_box)
        self.reasons_layout.setObjectName(u"reasons_layout")
        self.reason_surgery_questioned_check = QCheckBox(self.reasons_box)
        self.reason_surgery_questioned_check.setObjectName(u"reason_surgery_questioned_check")

        self.reasons_layout.addWidget(self.reason_surgery_questioned_check)

        self.reason_surgery_questioned_wording = QLabel(self.reasons_box)
        self.reason_surgery_questioned_wording.setObjectName(u"reason_surgery_questioned_wording")
        self.reason_surgery_questioned_wording.setWordWrap(True)
        self.reason_surgery_questioned_wording.setIndent(24)

        self.reasons_layout.addWidget(self.reason_surgery_questioned_wording)

        self.reason_diagnosis_or_plan_questioned_check = QCheckBox(self.reasons_box)
        self.reason_diagnosis_or_plan_questioned_check.setObjectName(u"reason_diagnosis_or_plan_questioned_check")

        self.reasons_layout.addWidget(self.reason_diagnosis_or_plan_questioned_check)

        self.reason_diagnosis_or_plan_questioned_wording = QLabel(self.reasons_box)
        self.reason_diagnosis_or_plan_questioned_wording.setObjectName(u"reason_diagnosis_or_plan_questioned_wording")
        self.reason_diagnosis_or_plan_questioned_wording.setWordWrap(True)
        self.reason_diagnosis_or_plan_questioned_wording.setIndent(24)

        self.reasons_layout.addWidget(self.reason_diagnosis_or_plan_questioned_wording)

        self.reason_unclear_or_conflicting_check = QCheckBox(self.reasons_box)
        self.reason_unclear_or_conflicting_check.setObjectName(u"reason_unclear_or_conflicting_check")

        self.reasons_layout.addWidget(self.reason_unclear_or_conflicting_check)

        self.reason_unclear_or_conflicting_wording = QLabel(self.reasons_box)
        self.reason_unclear_or_conflicting_wording.setObjectName(u"reason_unclear_or_conflicting_wording")
        self.reason_unclear_or_conflicting_wording.setWordWrap(True)
        self.reason_unclear_or_conflicting_wording.setIndent(24)

        self.reasons_layout.addWidget(self.reason_unclear_or_conflicting_wording)

        self.reason_not_improving_check = QCheckBox(self.reasons_box)
        self.reason_not_improving_check.setObjectName(u"reason_not_improving_check")

        self.reasons_layout.addWidget(self.reason_not_improving_check)

        self.reason_not_improving_wording = QLabel(self.reasons_box)
        self.reason_not_improving_wording.setObjectName(u"reason_not_improving_wording")
        self.reason_not_improving_wording.setWordWrap(True)
        self.reason_not_improving_wording.setIndent(24)

        self.reasons_layout.addWidget(self.reason_not_improving_wording)

        self.reason_concerns_after_following_plan_check = QCheckBox(self.reasons_box)
        self.reason_concerns_after_following_plan_check.setObjectName(u"reason_concerns_after_following_plan_check")

        self.reasons_layout.addWidget(self.reason_concerns_after_following_plan_check)

        self.reason_concerns_after_following_plan_wording = QLabel(self.reasons_box)
        self.reason_concerns_after_following_plan_wording.setObjectName(u"reason_concerns_after_following_plan_wording")
        self.reason_concerns_after_following_plan_wording.setWordWrap(True)
        self.reason_concerns_after_following_plan_wording.setIndent(24)

        self.reasons_layout.addWidget(self.reason_concerns_after_following_plan_wording)

        self.other_row = QHBoxLayout()
        self.other_row.setObjectName(u"other_row")
        self.other_check = QCheckBox(self.reasons_box)
        self.other_check.setObjectName(u"other_check")

        self.other_row.addWidget(self.other_check)

        self.other_reason_edit = QLineEdit(self.reasons_box)
        self.other_reason_edit.setObjectName(u"other_reason_edit")

        self.other_row.addWidget(self.other_reason_edit)


        self.reasons_layout.addLayout(self.other_row)


        self.care_contents_layout.addWidget(self.reasons_box)

        self.care_scroll.setWidget(self.care_contents)

        self.care_page_layout.addWidget(self.care_scroll)

        self.pages.addWidget(self.care_page)
        self.professional_page = QWidget()
        self.professional_page.setObjectName(u"professional_page")
        self.professional_page_layout = QVBoxLayout(self.professional_page)
        self.professional_page_layout.setObjectName(u"professional_page_layout")
        self.professional_page_heading = QLabel(self.professional_page)
        self.professional_page_heading.setObjectName(u"professional_page_heading")
        self.professional_page_heading.setWordWrap(True)

        self.professional_page_layout.addWidget(self.professional_page_heading)

        self.professional_form = QFormLayout()
        self.professional_form.setObjectName(u"professional_form")
        self.professional_form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.professional_form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self.provider_search_label = QLabel(self.professional_page)
        self.provider_search_label.setObjectName(u"provider_search_label")

        self.professional_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.provider_search_label)

        self.provider_search_edit = QLineEdit(self.professional_page)
        self.provider_search_edit.setObjectName(u"provider_search_edit")

        self.professional_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.provider_search_edit)

        self.qualified_only_check = QCheckBox(self.professional_page)
        self.qualified_only_check.setObjectName(u"qualified_only_check")
        self.qualified_only_check.setChecked(True)

        self.professional_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.qualified_only_check)


        self.professional_page_layout.addLayout(self.professional_form)

        self.providers_label = QLabel(self.professional_page)
        self.providers_label.setObjectName(u"providers_label")

        self.professional_page_layout.addWidget(self.providers_label)

        self.providers_view = QTableView(self.professional_page)
        self.providers_view.setObjectName(u"providers_view")
        self.providers_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.providers_view.setTabKeyNavigation(False)
        self.providers_view.setAlternatingRowColors(True)
        self.providers_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.providers_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.providers_view.setTextElideMode(Qt.ElideRight)
        self.providers_view.setWordWrap(False)

        self.professional_page_layout.addWidget(self.providers_view)

        self.providers_count_label = QLabel(self.professional_page)
        self.providers_count_label.setObjectName(u"providers_count_label")
        self.providers_count_label.setWordWrap(True)

        self.professional_page_layout.addWidget(self.providers_count_label)

        self.chosen_form = QFormLayout()
        self.chosen_form.setObjectName(u"chosen_form")
        self.chosen_form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.chosen_form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self.chosen_npi_label = QLabel(self.professional_page)
        self.chosen_npi_label.setObjectName(u"chosen_npi_label")

        self.chosen_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.chosen_npi_label)

        self.chosen_npi_edit = QLineEdit(self.professional_page)
        self.chosen_npi_edit.setObjectName(u"chosen_npi_edit")

        self.chosen_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.chosen_npi_edit)


        self.professional_page_layout.addLayout(self.chosen_form)

        self.professional_page_layout.setStretch(3, 1)
        self.pages.addWidget(self.professional_page)
        self.review_page = QWidget()
        self.review_page.setObjectName(u"review_page")
        self.review_page_layout = QVBoxLayout(self.review_page)
        self.review_page_layout.setObjectName(u"review_page_layout")
        self.review_page_heading = QLabel(self.review_page)
        self.review_page_heading.setObjectName(u"review_page_heading")
        self.review_page_heading.setWordWrap(True)

        self.review_page_layout.addWidget(self.review_page_heading)

        self.summary_view = QTextBrowser(self.review_page)
        self.summary_view.setObjectName(u"summary_view")

        self.review_page_layout.addWidget(self.summary_view)

        self.review_form = QFormLayout()
        self.review_form.setObjectName(u"review_form")
        self.review_form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.notes_label = QLabel(self.review_page)
        self.notes_label.setObjectName(u"notes_label")

        self.review_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.notes_label)

        self.notes_edit = QPlainTextEdit(self.review_page)
        self.notes_edit.setObjectName(u"notes_edit")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumSize(QSize(16777215, 90))

        self.review_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.notes_edit)


        self.review_page_layout.addLayout(self.review_form)

        self.review_page_layout.setStretch(1, 1)
        self.pages.addWidget(self.review_page)

        self.left_layout.addWidget(self.pages)

        self.buttons_row = QHBoxLayout()
        self.buttons_row.setObjectName(u"buttons_row")
        self.back_button = QPushButton(IntakeDialog)
        self.back_button.setObjectName(u"back_button")

        self.buttons_row.addWidget(self.back_button)

        self.next_button = QPushButton(IntakeDialog)
        self.next_button.setObjectName(u"next_button")

        self.buttons_row.addWidget(self.next_button)

        self.buttons_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons_row.addItem(self.buttons_spacer)

        self.save_button = QPushButton(IntakeDialog)
        self.save_button.setObjectName(u"save_button")

        self.buttons_row.addWidget(self.save_button)

        self.close_button = QPushButton(IntakeDialog)
        self.close_button.setObjectName(u"close_button")

        self.buttons_row.addWidget(self.close_button)


        self.left_layout.addLayout(self.buttons_row)


        self.dialog_layout.addLayout(self.left_layout)

        self.right_layout = QVBoxLayout()
        self.right_layout.setObjectName(u"right_layout")
        self.determination_label = QLabel(IntakeDialog)
        self.determination_label.setObjectName(u"determination_label")

        self.right_layout.addWidget(self.determination_label)

        self.determination_view = QTextBrowser(IntakeDialog)
        self.determination_view.setObjectName(u"determination_view")
        self.determination_view.setOpenExternalLinks(False)

        self.right_layout.addWidget(self.determination_view)

        self.problems_label = QLabel(IntakeDialog)
        self.problems_label.setObjectName(u"problems_label")
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.RichText)

        self.right_layout.addWidget(self.problems_label)

        self.problems_list = QListWidget(IntakeDialog)
        self.problems_list.setObjectName(u"problems_list")
        self.problems_list.setWordWrap(True)
        self.problems_list.setMaximumSize(QSize(16777215, 180))

        self.right_layout.addWidget(self.problems_list)


        self.dialog_layout.addLayout(self.right_layout)

        self.dialog_layout.setStretch(0, 5)
        self.dialog_layout.setStretch(1, 3)
#if QT_CONFIG(shortcut)
        self.plan_label.setBuddy(self.plan_combo)
        self.member_id_label.setBuddy(self.member_id_edit)
        self.cin_label.setBuddy(self.cin_edit)
        self.first_name_label.setBuddy(self.first_name_edit)
        self.last_name_label.setBuddy(self.last_name_edit)
        self.date_of_birth_label.setBuddy(self.date_of_birth_edit)
        self.sex_label.setBuddy(self.sex_combo)
        self.language_label.setBuddy(self.language_edit)
        self.member_phone_label.setBuddy(self.member_phone_edit)
        self.health_network_label.setBuddy(self.health_network_edit)
        self.street_label.setBuddy(self.street_edit)
        self.address_line2_label.setBuddy(self.address_line2_edit)
        self.city_label.setBuddy(self.city_edit)
        self.state_label.setBuddy(self.state_edit)
        self.zip_label.setBuddy(self.zip_edit)
        self.county_label.setBuddy(self.county_edit)
        self.requester_type_label.setBuddy(self.requester_type_combo)
        self.requester_name_label.setBuddy(self.requester_name_edit)
        self.requester_npi_label.setBuddy(self.requester_npi_edit)
        self.requester_phone_label.setBuddy(self.requester_phone_edit)
        self.received_label.setBuddy(self.received_edit)
        self.care_from_label.setBuddy(self.care_from_combo)
        self.taxonomy_label.setBuddy(self.taxonomy_edit)
        self.treating_npi_label.setBuddy(self.treating_npi_edit)
        self.treating_name_label.setBuddy(self.treating_name_edit)
        self.pcp_npi_label.setBuddy(self.pcp_npi_edit)
        self.pcp_name_label.setBuddy(self.pcp_name_edit)
        self.procedure_label.setBuddy(self.procedure_edit)
        self.diagnosis_label.setBuddy(self.diagnosis_edit)
        self.diagnoses_label.setBuddy(self.diagnoses_list)
        self.provider_search_label.setBuddy(self.provider_search_edit)
        self.providers_label.setBuddy(self.providers_view)
        self.chosen_npi_label.setBuddy(self.chosen_npi_edit)
        self.notes_label.setBuddy(self.notes_edit)
        self.determination_label.setBuddy(self.determination_view)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IntakeDialog)

        self.next_button.setDefault(True)

    # setupUi

    def retranslateUi(self, IntakeDialog):
        IntakeDialog.setWindowTitle(QCoreApplication.translate("IntakeDialog", u"New request", None))
        self.member_page_heading.setText(QCoreApplication.translate("IntakeDialog", u"Step 1 of 5: the member", None))
        self.plan_label.setText(QCoreApplication.translate("IntakeDialog", u"&Plan:", None))
#if QT_CONFIG(accessibility)
        self.plan_combo.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Plan", None))
#endif // QT_CONFIG(accessibility)
        self.member_id_label.setText(QCoreApplication.translate("IntakeDialog", u"&Member ID:", None))
#if QT_CONFIG(accessibility)
        self.member_id_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Member ID", None))
#endif // QT_CONFIG(accessibility)
        self.member_id_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"as on the plan ID card: the roster fills the rest", None))
        self.roster_label.setText(QCoreApplication.translate("IntakeDialog", u"On the roster: click a member (or press Enter on one) to fill the form", None))
#if QT_CONFIG(accessibility)
        self.roster_list.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Members on the roster", None))
#endif // QT_CONFIG(accessibility)
        self.cin_label.setText(QCoreApplication.translate("IntakeDialog", u"M&edi-Cal CIN:", None))
#if QT_CONFIG(accessibility)
        self.cin_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Medi-Cal CIN", None))
#endif // QT_CONFIG(accessibility)
        self.cin_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"e.g. 91234567A (optional)", None))
#if QT_CONFIG(tooltip)
        self.cin_edit.setToolTip(QCoreApplication.translate("IntakeDialog", u"The member's Medi-Cal Client Index Number, from the Benefits Identification Card: eight digits and a letter. Sent to the plan beside the member ID.", None))
#endif // QT_CONFIG(tooltip)
        self.first_name_label.setText(QCoreApplication.translate("IntakeDialog", u"&First name:", None))
#if QT_CONFIG(accessibility)
        self.first_name_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"First name", None))
#endif // QT_CONFIG(accessibility)
        self.last_name_label.setText(QCoreApplication.translate("IntakeDialog", u"&Last name:", None))
#if QT_CONFIG(accessibility)
        self.last_name_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Last name", None))
#endif // QT_CONFIG(accessibility)
        self.date_of_birth_label.setText(QCoreApplication.translate("IntakeDialog", u"&Date of birth:", None))
#if QT_CONFIG(accessibility)
        self.date_of_birth_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Date of birth", None))
#endif // QT_CONFIG(accessibility)
        self.date_of_birth_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"MM/DD/YYYY", None))
        self.sex_label.setText(QCoreApplication.translate("IntakeDialog", u"Se&x:", None))
#if QT_CONFIG(accessibility)
        self.sex_combo.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Sex", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.sex_combo.setToolTip(QCoreApplication.translate("IntakeDialog", u"As the plan's eligibility file records it (sent to the plan as the member's administrative sex)", None))
#endif // QT_CONFIG(tooltip)
        self.language_label.setText(QCoreApplication.translate("IntakeDialog", u"Lan&guage:", None))
#if QT_CONFIG(accessibility)
        self.language_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Language", None))
#endif // QT_CONFIG(accessibility)
        self.language_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"e.g. Vietnamese", None))
        self.member_phone_label.setText(QCoreApplication.translate("IntakeDialog", u"P&hone:", None))
#if QT_CONFIG(accessibility)
        self.member_phone_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Phone", None))
#endif // QT_CONFIG(accessibility)
        self.health_network_label.setText(QCoreApplication.translate("IntakeDialog", u"Health ne&twork:", None))
#if QT_CONFIG(accessibility)
        self.health_network_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Health network", None))
#endif // QT_CONFIG(accessibility)
        self.health_network_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"medical group or IPA, e.g. ipa-sunrise", None))
        self.street_label.setText(QCoreApplication.translate("IntakeDialog", u"St&reet:", None))
#if QT_CONFIG(accessibility)
        self.street_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Street", None))
#endif // QT_CONFIG(accessibility)
        self.street_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"e.g. 100 Example St", None))
        self.address_line2_label.setText(QCoreApplication.translate("IntakeDialog", u"Apt, su&ite:", None))
#if QT_CONFIG(accessibility)
        self.address_line2_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Apt, suite", None))
#endif // QT_CONFIG(accessibility)
        self.address_line2_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"if any", None))
        self.city_label.setText(QCoreApplication.translate("IntakeDialog", u"&City:", None))
#if QT_CONFIG(accessibility)
        self.city_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"City", None))
#endif // QT_CONFIG(accessibility)
        self.state_label.setText(QCoreApplication.translate("IntakeDialog", u"St&ate:", None))
#if QT_CONFIG(accessibility)
        self.state_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"State", None))
#endif // QT_CONFIG(accessibility)
        self.state_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"CA", None))
        self.zip_label.setText(QCoreApplication.translate("IntakeDialog", u"&ZIP:", None))
#if QT_CONFIG(accessibility)
        self.zip_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"ZIP", None))
#endif // QT_CONFIG(accessibility)
        self.zip_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"5 digits", None))
        self.county_label.setText(QCoreApplication.translate("IntakeDialog", u"Co&unty:", None))
#if QT_CONFIG(accessibility)
        self.county_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"County", None))
#endif // QT_CONFIG(accessibility)
        self.county_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"e.g. Orange", None))
        self.requester_page_heading.setText(QCoreApplication.translate("IntakeDialog", u"Step 2 of 5: who asks, and when", None))
        self.requester_type_label.setText(QCoreApplication.translate("IntakeDialog", u"Re&quester:", None))
        self.requester_type_combo.setItemText(0, QCoreApplication.translate("IntakeDialog", u"Member", None))
        self.requester_type_combo.setItemText(1, QCoreApplication.translate("IntakeDialog", u"Authorized representative", None))
        self.requester_type_combo.setItemText(2, QCoreApplication.translate("IntakeDialog", u"Treating provider", None))
        self.requester_type_combo.setItemText(3, QCoreApplication.translate("IntakeDialog", u"The member's PCP", None))
        self.requester_type_combo.setItemText(4, QCoreApplication.translate("IntakeDialog", u"Another provider", None))

#if QT_CONFIG(accessibility)
        self.requester_type_combo.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Requester", None))
#endif // QT_CONFIG(accessibility)
        self.requester_name_label.setText(QCoreApplication.translate("IntakeDialog", u"Requester na&me:", None))
#if QT_CONFIG(accessibility)
        self.requester_name_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Requester name", None))
#endif // QT_CONFIG(accessibility)
        self.requester_npi_label.setText(QCoreApplication.translate("IntakeDialog", u"Requester N&PI:", None))
#if QT_CONFIG(accessibility)
        self.requester_npi_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Requester NPI", None))
#endif // QT_CONFIG(accessibility)
        self.requester_npi_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"10 digits, providers only", None))
        self.requester_phone_label.setText(QCoreApplication.translate("IntakeDialog", u"Requester p&hone:", None))
#if QT_CONFIG(accessibility)
        self.requester_phone_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Requester phone", None))
#endif // QT_CONFIG(accessibility)
        self.received_label.setText(QCoreApplication.translate("IntakeDialog", u"&Received:", None))
#if QT_CONFIG(accessibility)
        self.received_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Received", None))
#endif // QT_CONFIG(accessibility)
        self.received_edit.setDisplayFormat(QCoreApplication.translate("IntakeDialog", u"MM/dd/yyyy h:mm AP", None))
        self.care_page_heading.setText(QCoreApplication.translate("IntakeDialog", u"Step 3 of 5: the care in question and the reasons", None))
        self.care_from_label.setText(QCoreApplication.translate("IntakeDialog", u"Care &from:", None))
        self.care_from_combo.setItemText(0, QCoreApplication.translate("IntakeDialog", u"PCP", None))
        self.care_from_combo.setItemText(1, QCoreApplication.translate("IntakeDialog", u"Specialist", None))

#if QT_CONFIG(accessibility)
        self.care_from_combo.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Care from", None))
#endif // QT_CONFIG(accessibility)
        self.taxonomy_label.setText(QCoreApplication.translate("IntakeDialog", u"Specialt&y:", None))
#if QT_CONFIG(accessibility)
        self.taxonomy_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Specialty", None))
#endif // QT_CONFIG(accessibility)
        self.taxonomy_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"type a name or a taxonomy code", None))
        self.treating_npi_label.setText(QCoreApplication.translate("IntakeDialog", u"&Treating NPI:", None))
#if QT_CONFIG(accessibility)
        self.treating_npi_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Treating NPI", None))
#endif // QT_CONFIG(accessibility)
        self.treating_name_label.setText(QCoreApplication.translate("IntakeDialog", u"Treating na&me:", None))
#if QT_CONFIG(accessibility)
        self.treating_name_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Treating name", None))
#endif // QT_CONFIG(accessibility)
        self.pcp_npi_label.setText(QCoreApplication.translate("IntakeDialog", u"P&CP NPI:", None))
#if QT_CONFIG(accessibility)
        self.pcp_npi_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"PCP NPI", None))
#endif // QT_CONFIG(accessibility)
        self.pcp_name_label.setText(QCoreApplication.translate("IntakeDialog", u"PCP n&ame:", None))
#if QT_CONFIG(accessibility)
        self.pcp_name_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"PCP name", None))
#endif // QT_CONFIG(accessibility)
        self.procedure_label.setText(QCoreApplication.translate("IntakeDialog", u"Pr&ocedure:", None))
#if QT_CONFIG(accessibility)
        self.procedure_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Procedure", None))
#endif // QT_CONFIG(accessibility)
        self.procedure_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"e.g. Right total knee arthroplasty", None))
        self.serious_check.setText(QCoreApplication.translate("IntakeDialog", u"Se&rious condition", None))
#if QT_CONFIG(accessibility)
        self.serious_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Serious condition", None))
#endif // QT_CONFIG(accessibility)
        self.urgent_check.setText(QCoreApplication.translate("IntakeDialog", u"&Urgent", None))
#if QT_CONFIG(accessibility)
        self.urgent_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Urgent", None))
#endif // QT_CONFIG(accessibility)
        self.needs_transportation_check.setText(QCoreApplication.translate("IntakeDialog", u"Needs trans&portation", None))
#if QT_CONFIG(accessibility)
        self.needs_transportation_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Needs transportation", None))
#endif // QT_CONFIG(accessibility)
        self.third_opinion_check.setText(QCoreApplication.translate("IntakeDialog", u"T&hird opinion", None))
#if QT_CONFIG(accessibility)
        self.third_opinion_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Third opinion", None))
#endif // QT_CONFIG(accessibility)
        self.differ_check.setText(QCoreApplication.translate("IntakeDialog", u"The first t&wo opinions differ", None))
#if QT_CONFIG(accessibility)
        self.differ_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"The first two opinions differ", None))
#endif // QT_CONFIG(accessibility)
        self.diagnosis_label.setText(QCoreApplication.translate("IntakeDialog", u"&Diagnosis:", None))
#if QT_CONFIG(accessibility)
        self.diagnosis_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Diagnosis", None))
#endif // QT_CONFIG(accessibility)
        self.diagnosis_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"ICD-10-CM code or words, e.g. M17.11 or knee", None))
        self.add_diagnosis_button.setText(QCoreApplication.translate("IntakeDialog", u"Add", None))
        self.remove_diagnosis_button.setText(QCoreApplication.translate("IntakeDialog", u"Remove", None))
        self.diagnoses_label.setText(QCoreApplication.translate("IntakeDialog", u"Dia&gnoses added:", None))
#if QT_CONFIG(accessibility)
        self.diagnoses_list.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Diagnoses added", None))
#endif // QT_CONFIG(accessibility)
        self.reasons_box.setTitle(QCoreApplication.translate("IntakeDialog", u"Reasons", None))
        self.reason_surgery_questioned_check.setText(QCoreApplication.translate("IntakeDialog", u"&1 Surgery questioned", None))
#if QT_CONFIG(accessibility)
        self.reason_surgery_questioned_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"1 Surgery questioned", None))
#endif // QT_CONFIG(accessibility)
        self.reason_diagnosis_or_plan_questioned_check.setText(QCoreApplication.translate("IntakeDialog", u"&2 Diagnosis or plan questioned", None))
#if QT_CONFIG(accessibility)
        self.reason_diagnosis_or_plan_questioned_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"2 Diagnosis or plan questioned", None))
#endif // QT_CONFIG(accessibility)
        self.reason_unclear_or_conflicting_check.setText(QCoreApplication.translate("IntakeDialog", u"&3 Unclear or conflicting findings", None))
#if QT_CONFIG(accessibility)
        self.reason_unclear_or_conflicting_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"3 Unclear or conflicting findings", None))
#endif // QT_CONFIG(accessibility)
        self.reason_not_improving_check.setText(QCoreApplication.translate("IntakeDialog", u"&4 Not improving", None))
#if QT_CONFIG(accessibility)
        self.reason_not_improving_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"4 Not improving", None))
#endif // QT_CONFIG(accessibility)
        self.reason_concerns_after_following_plan_check.setText(QCoreApplication.translate("IntakeDialog", u"&5 Concerns after following the plan", None))
#if QT_CONFIG(accessibility)
        self.reason_concerns_after_following_plan_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"5 Concerns after following the plan", None))
#endif // QT_CONFIG(accessibility)
        self.other_check.setText(QCoreApplication.translate("IntakeDialog", u"&6 Other:", None))
#if QT_CONFIG(accessibility)
        self.other_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"6 Other", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.other_reason_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Other reason", None))
#endif // QT_CONFIG(accessibility)
        self.other_reason_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"say what the member asks", None))
        self.professional_page_heading.setText(QCoreApplication.translate("IntakeDialog", u"Step 4 of 5: the second-opinion professional", None))
        self.provider_search_label.setText(QCoreApplication.translate("IntakeDialog", u"Searc&h directory:", None))
#if QT_CONFIG(accessibility)
        self.provider_search_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Search directory", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.provider_search_edit.setAccessibleDescription(QCoreApplication.translate("IntakeDialog", u"Type a name, specialty, city or NPI; press Down to go to the matches", None))
#endif // QT_CONFIG(accessibility)
        self.provider_search_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"name, specialty, city or NPI; Down goes to the matches", None))
        self.qualified_only_check.setText(QCoreApplication.translate("IntakeDialog", u"&Only qualified in-network professionals", None))
#if QT_CONFIG(accessibility)
        self.qualified_only_check.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Only qualified in-network professionals", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.qualified_only_check.setAccessibleDescription(QCoreApplication.translate("IntakeDialog", u"In the member's plan network (for PCP care, the member's health network) and of the same or an equivalent specialty; untick to search the whole directory", None))
#endif // QT_CONFIG(accessibility)
        self.providers_label.setText(QCoreApplication.translate("IntakeDialog", u"M&atches:", None))
#if QT_CONFIG(accessibility)
        self.providers_view.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Matches", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.providers_view.setAccessibleDescription(QCoreApplication.translate("IntakeDialog", u"Enter, Space or selecting a row chooses that professional", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.providers_count_label.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Matches found", None))
#endif // QT_CONFIG(accessibility)
        self.chosen_npi_label.setText(QCoreApplication.translate("IntakeDialog", u"&Chosen NPI:", None))
#if QT_CONFIG(accessibility)
        self.chosen_npi_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Chosen NPI", None))
#endif // QT_CONFIG(accessibility)
        self.chosen_npi_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"pick above, or type the NPI", None))
        self.review_page_heading.setText(QCoreApplication.translate("IntakeDialog", u"Step 5 of 5: review, then Save", None))
#if QT_CONFIG(accessibility)
        self.summary_view.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Summary", None))
#endif // QT_CONFIG(accessibility)
        self.notes_label.setText(QCoreApplication.translate("IntakeDialog", u"N&otes:", None))
#if QT_CONFIG(accessibility)
        self.notes_edit.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        self.notes_edit.setPlaceholderText(QCoreApplication.translate("IntakeDialog", u"for the reviewer: anything the member said that the form has no place for", None))
        self.back_button.setText(QCoreApplication.translate("IntakeDialog", u"&Back", None))
        self.next_button.setText(QCoreApplication.translate("IntakeDialog", u"&Next", None))
        self.save_button.setText(QCoreApplication.translate("IntakeDialog", u"&Save", None))
        self.close_button.setText(QCoreApplication.translate("IntakeDialog", u"Close", None))
        self.determination_label.setText(QCoreApplication.translate("IntakeDialog", u"D&etermination (updates as you type):", None))
#if QT_CONFIG(accessibility)
        self.determination_view.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Determination", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.problems_label.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Problems heading", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.problems_list.setAccessibleName(QCoreApplication.translate("IntakeDialog", u"Problems", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.problems_list.setAccessibleDescription(QCoreApplication.translate("IntakeDialog", u"Press Enter or click on a problem to go to its field", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.problems_list.setToolTip(QCoreApplication.translate("IntakeDialog", u"Click a problem (or press Enter on it) to go to its field", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

