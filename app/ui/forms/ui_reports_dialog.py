# Generated from forms/reports_dialog.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reports_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QSplitter, QTableView, QVBoxLayout, QWidget

class Ui_ReportsDialog(object):
    def setupUi(self, ReportsDialog):
        if not ReportsDialog.objectName():
            ReportsDialog.setObjectName(u"ReportsDialog")
        ReportsDialog.resize(1000, 720)
        self.dialog_layout = QVBoxLayout(ReportsDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.filter_layout = QHBoxLayout()
        self.filter_layout.setObjectName(u"filter_layout")
        self.kind_label = QLabel(ReportsDialog)
        self.kind_label.setObjectName(u"kind_label")

        self.filter_layout.addWidget(self.kind_label)

        self.kind_combo = QComboBox(ReportsDialog)
        self.kind_combo.setObjectName(u"kind_combo")
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.kind_combo.sizePolicy().hasHeightForWidth())
        self.kind_combo.setSizePolicy(sizePolicy)

        self.filter_layout.addWidget(self.kind_combo)

        self.plan_label = QLabel(ReportsDialog)
        self.plan_label.setObjectName(u"plan_label")

        self.filter_layout.addWidget(self.plan_label)

        self.plan_combo = QComboBox(ReportsDialog)
        self.plan_combo.setObjectName(u"plan_combo")
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        sizePolicy.setHeightForWidth(self.plan_combo.sizePolicy().hasHeightForWidth())
        self.plan_combo.setSizePolicy(sizePolicy)

        self.filter_layout.addWidget(self.plan_combo)

        self.from_label = QLabel(ReportsDialog)
        self.from_label.setObjectName(u"from_label")

        self.filter_layout.addWidget(self.from_label)

        self.from_edit = QLineEdit(ReportsDialog)
        self.from_edit.setObjectName(u"from_edit")
        self.from_edit.setMaxLength(7)
        self.from_edit.setMinimumWidth(96)

        self.filter_layout.addWidget(self.from_edit)

        self.to_label = QLabel(ReportsDialog)
        self.to_label.setObjectName(u"to_label")

        self.filter_layout.addWidget(self.to_label)

        self.to_edit = QLineEdit(ReportsDialog)
        self.to_edit.setObjectName(u"to_edit")
        self.to_edit.setMaxLength(7)
        self.to_edit.setMinimumWidth(96)

        self.filter_layout.addWidget(self.to_edit)

        self.show_button = QPushButton(ReportsDialog)
        self.show_button.setObjectName(u"show_button")

        self.filter_layout.addWidget(self.show_button)

        self.filter_spacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filter_layout.addItem(self.filter_spacer)


        self.dialog_layout.addLayout(self.filter_layout)

        self.status_label = QLabel(ReportsDialog)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialog_layout.addWidget(self.status_label)

        self.splitter = QSplitter(ReportsDialog)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.chart_host = QWidget(self.splitter)
        self.chart_host.setObjectName(u"chart_host")
        self.chart_host.setMinimumSize(QSize(0, 180))
        self.chart_layout = QVBoxLayout(self.chart_host)
        self.chart_layout.setObjectName(u"chart_layout")
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.splitter.addWidget(self.chart_host)
        self.summary_view = QTableView(self.splitter)
        self.summary_view.setObjectName(u"summary_view")
        self.summary_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary_view.setAlternatingRowColors(True)
        self.summary_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.splitter.addWidget(self.summary_view)
        self.listing_host = QWidget(self.splitter)
        self.listing_host.setObjectName(u"listing_host")
        self.listing_layout = QVBoxLayout(self.listing_host)
        self.listing_layout.setObjectName(u"listing_layout")
        self.listing_layout.setContentsMargins(0, 0, 0, 0)
        self.listing_label = QLabel(self.listing_host)
        self.listing_label.setObjectName(u"listing_label")

        self.listing_layout.addWidget(self.listing_label)

        self.listing_view = QTableView(self.listing_host)
        self.listing_view.setObjectName(u"listing_view")
        self.listing_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.listing_view.setAlternatingRowColors(True)
        self.listing_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.listing_layout.addWidget(self.listing_view)

        self.splitter.addWidget(self.listing_host)

        self.dialog_layout.addWidget(self.splitter)

        self.button_layout = QHBoxLayout()
        self.button_layout.setObjectName(u"button_layout")
        self.csv_button = QPushButton(ReportsDialog)
        self.csv_button.setObjectName(u"csv_button")

        self.button_layout.addWidget(self.csv_button)

        self.pdf_button = QPushButton(ReportsDialog)
        self.pdf_button.setObjectName(u"pdf_button")

        self.button_layout.addWidget(self.pdf_button)

        self.button_box = QDialogButtonBox(ReportsDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.button_layout.addWidget(self.button_box)


        self.dialog_layout.addLayout(self.button_layout)

#if QT_CONFIG(shortcut)
        self.kind_label.setBuddy(self.kind_combo)
        self.plan_label.setBuddy(self.plan_combo)
        self.from_label.setBuddy(self.from_edit)
        self.to_label.setBuddy(self.to_edit)
        self.listing_label.setBuddy(self.listing_view)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.kind_combo, self.plan_combo)
        QWidget.setTabOrder(self.plan_combo, self.from_edit)
        QWidget.setTabOrder(self.from_edit, self.to_edit)
        QWidget.setTabOrder(self.to_edit, self.show_button)
        QWidget.setTabOrder(self.show_button, self.summary_view)
        QWidget.setTabOrder(self.summary_view, self.listing_view)
        QWidget.setTabOrder(self.listing_view, self.csv_button)
        QWidget.setTabOrder(self.csv_button, self.pdf_button)

        self.retranslateUi(ReportsDialog)
    # setupUi

    def retranslateUi(self, ReportsDialog):
        ReportsDialog.setWindowTitle(QCoreApplication.translate("ReportsDialog", u"Reports", None))
        self.kind_label.setText(QCoreApplication.translate("ReportsDialog", u"&Report:", None))
#if QT_CONFIG(accessibility)
        self.kind_combo.setAccessibleName(QCoreApplication.translate("ReportsDialog", u"Report", None))
#endif // QT_CONFIG(accessibility)
        self.plan_label.setText(QCoreApplication.translate("ReportsDialog", u"&Plan:", None))
#if QT_CONFIG(accessibility)
        self.plan_combo.setAccessibleName(QCoreApplication.translate("ReportsDialog", u"Plan", None))
#endif // QT_CONFIG(accessibility)
        self.from_label.setText(QCoreApplication.translate("ReportsDialog", u"&From:", None))
#if QT_CONFIG(accessibility)
        self.from_edit.setAccessibleName(QCoreApplication.translate("ReportsDialog", u"First month, as year-month", None))
#endif // QT_CONFIG(accessibility)
        self.from_edit.setPlaceholderText(QCoreApplication.translate("ReportsDialog", u"YYYY-MM", None))
        self.to_label.setText(QCoreApplication.translate("ReportsDialog", u"&To:", None))
#if QT_CONFIG(accessibility)
        self.to_edit.setAccessibleName(QCoreApplication.translate("ReportsDialog", u"Last month, as year-month", None))
#endif // QT_CONFIG(accessibility)
        self.to_edit.setPlaceholderText(QCoreApplication.translate("ReportsDialog", u"YYYY-MM", None))
        self.show_button.setText(QCoreApplication.translate("ReportsDialog", u"&Show", None))
        self.status_label.setText("")
#if QT_CONFIG(accessibility)
        self.summary_view.setAccessibleName(QCoreApplication.translate("ReportsDialog", u"Report table", None))
#endif // QT_CONFIG(accessibility)
        self.listing_label.setText(QCoreApplication.translate("ReportsDialog", u"Late ones", None))
#if QT_CONFIG(accessibility)
        self.listing_view.setAccessibleName(QCoreApplication.translate("ReportsDialog", u"Late ones", None))
#endif // QT_CONFIG(accessibility)
        self.csv_button.setText(QCoreApplication.translate("ReportsDialog", u"Export &CSV\u2026", None))
        self.pdf_button.setText(QCoreApplication.translate("ReportsDialog", u"Save P&DF\u2026", None))
    # retranslateUi

