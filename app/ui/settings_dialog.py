"""Settings: the practice's letterhead, default plan and county, report-due days, backups kept, the data folder.

The layout is forms/settings_dialog.ui (compiled into app/ui/forms/ui_settings_dialog.py); this class holds
behaviour only. It is handed the settings repository; the Settings model validates, and nothing is stored until
every field is valid.

    dialog = SettingsDialog(desk.settings, desk.data_folder, plans, parent=window)
    if dialog.exec():
        settings = dialog.settings   # what was stored
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCompleter, QDialog, QWidget

from app.domain.settings import PLACES_OF_SERVICE, Settings
from app.errors import InputProblem, Problem
from app.ui import dialogs
from app.ui.forms.ui_settings_dialog import Ui_SettingsDialog
from app.ui.screen import fit_to_screen
from app.ui.theme import error_style

# California's 58 counties, for the default-county choice (typed names are matched to these, any case).
CALIFORNIA_COUNTIES = (
    "Alameda", "Alpine", "Amador", "Butte", "Calaveras", "Colusa", "Contra Costa", "Del Norte", "El Dorado",
    "Fresno", "Glenn", "Humboldt", "Imperial", "Inyo", "Kern", "Kings", "Lake", "Lassen", "Los Angeles", "Madera",
    "Marin", "Mariposa", "Mendocino", "Merced", "Modoc", "Mono", "Monterey", "Napa", "Nevada", "Orange", "Placer",
    "Plumas", "Riverside", "Sacramento", "San Benito", "San Bernardino", "San Diego", "San Francisco",
    "San Joaquin", "San Luis Obispo", "San Mateo", "Santa Barbara", "Santa Clara", "Santa Cruz", "Shasta", "Sierra",
    "Siskiyou", "Solano", "Sonoma", "Stanislaus", "Sutter", "Tehama", "Trinity", "Tulare", "Tuolumne", "Ventura",
    "Yolo", "Yuba",
)

# Settings field -> the label the clerk sees beside it (problems are reported in these words).
FIELD_LABELS = {
    "practice_name": "Practice name",
    "practice_address": "Address",
    "practice_phone": "Phone",
    "practice_fax": "Fax",
    "practice_npi": "Practice NPI",
    "practice_tin": "Tax ID (TIN)",
    "place_of_service": "Place of service",
    "practice_logo": "Logo",
    "default_plan": "Default plan",
    "default_county": "Default county",
    "report_due_days": "Consultation report due",
    "backup_keep": "Backups kept",
    "idle_lock_minutes": "Lock when idle",
    "lockout_minutes": "Lockout after 5 failed sign-ins",
}


class SettingsDialog(QDialog):
    def __init__(self, repository, data_folder: Path, plans: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)  # the designed size, or less on a small or 200 %-scaled screen
        self.ui.error_label.setStyleSheet(error_style())  # readable in a light or a dark palette
        self.repository = repository
        self.data_folder = Path(data_folder)
        self.settings: Settings = repository.load()
        self._inputs: dict[str, QWidget] = {
            "practice_name": self.ui.practice_name_edit,
            "practice_address": self.ui.practice_address_edit,
            "practice_phone": self.ui.practice_phone_edit,
            "practice_fax": self.ui.practice_fax_edit,
            "practice_npi": self.ui.practice_npi_edit,
            "practice_tin": self.ui.practice_tin_edit,
            "place_of_service": self.ui.place_of_service_combo,
            "practice_logo": self.ui.practice_logo_edit,
            "default_plan": self.ui.default_plan_combo,
            "default_county": self.ui.default_county_combo,
            "report_due_days": self.ui.report_due_days_spin,
            "backup_keep": self.ui.backup_keep_spin,
            "idle_lock_minutes": self.ui.idle_lock_spin,
            "lockout_minutes": self.ui.lockout_spin,
        }
        for code, name in PLACES_OF_SERVICE.items():
            self.ui.place_of_service_combo.addItem(f"{code} {name}", code)
        self.ui.default_plan_combo.addItem("None", None)
        for plan_id, name in plans:
            self.ui.default_plan_combo.addItem(name, plan_id)
        county = self.ui.default_county_combo
        county.addItems(CALIFORNIA_COUNTIES)
        county.lineEdit().setPlaceholderText("None")
        county.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        county.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # Three lines of address show without scrolling; sized from the font so 200 % scaling stays unclipped.
        lines = self.ui.practice_address_edit.fontMetrics().lineSpacing()
        self.ui.practice_address_edit.setFixedHeight(lines * 4 + 12)
        self.ui.data_folder_edit.setText(str(self.data_folder))
        self.ui.data_folder_edit.setToolTip(str(self.data_folder))
        self.ui.data_folder_edit.setCursorPosition(0)
        self.ui.choose_logo_button.clicked.connect(self._choose_logo_clicked)
        self.ui.open_folder_button.clicked.connect(lambda: self.open_folder())
        self.ui.button_box.accepted.connect(self.accept)
        self.ui.button_box.rejected.connect(self.reject)
        self._show(self.settings)

    # ------------------------------------------------------------------------------------------- form <-> model

    def _show(self, settings: Settings) -> None:
        self.ui.practice_name_edit.setText(settings.practice_name or "")
        self.ui.practice_address_edit.setPlainText(settings.practice_address or "")
        self.ui.practice_phone_edit.setText(settings.practice_phone or "")
        self.ui.practice_fax_edit.setText(settings.practice_fax or "")
        self.ui.practice_npi_edit.setText(settings.practice_npi or "")
        self.ui.practice_tin_edit.setText(settings.practice_tin or "")
        places = self.ui.place_of_service_combo
        places.setCurrentIndex(max(places.findData(settings.place_of_service), 0))
        self.ui.practice_logo_edit.setText(settings.practice_logo or "")
        plans = self.ui.default_plan_combo
        if settings.default_plan is not None and plans.findData(settings.default_plan) < 0:
            plans.addItem(settings.default_plan, settings.default_plan)  # a plan no longer listed is kept, not lost
        plans.setCurrentIndex(max(plans.findData(settings.default_plan), 0))
        county = self.ui.default_county_combo
        county.setCurrentIndex(county.findText(settings.default_county or "", Qt.MatchFlag.MatchFixedString))
        county.setEditText(settings.default_county or "")
        self.ui.report_due_days_spin.setValue(settings.report_due_days)
        self.ui.backup_keep_spin.setValue(settings.backup_keep)
        self.ui.idle_lock_spin.setValue(settings.idle_lock_minutes)
        self.ui.lockout_spin.setValue(settings.lockout_minutes)

    def changes(self) -> dict[str, object]:
        """What the form says, as Settings fields (blank text is None; the model trims and validates)."""
        county = self.ui.default_county_combo.currentText().strip()
        known = {name.casefold(): name for name in CALIFORNIA_COUNTIES}
        return {
            "practice_name": self.ui.practice_name_edit.text(),
            "practice_address": self.ui.practice_address_edit.toPlainText(),
            "practice_phone": self.ui.practice_phone_edit.text(),
            "practice_fax": self.ui.practice_fax_edit.text(),
            "practice_npi": self.ui.practice_npi_edit.text(),
            "practice_tin": self.ui.practice_tin_edit.text(),
            "place_of_service": self.ui.place_of_service_combo.currentData(),
            "practice_logo": self.ui.practice_logo_edit.text(),
            "default_plan": self.ui.default_plan_combo.currentData(),
            "default_county": known.get(county.casefold(), county),
            "report_due_days": self.ui.report_due_days_spin.value(),
            "backup_keep": self.ui.backup_keep_spin.value(),
            "idle_lock_minutes": self.ui.idle_lock_spin.value(),
            "lockout_minutes": self.ui.lockout_spin.value(),
        }

    # ------------------------------------------------------------------------------------------------ actions

    def accept(self) -> None:
        for spin in (self.ui.report_due_days_spin, self.ui.backup_keep_spin, self.ui.idle_lock_spin,
                     self.ui.lockout_spin):
            spin.interpretText()  # a number typed but not yet committed still counts
        try:
            self.settings = self.repository.update(**self.changes())
        except InputProblem as problem:
            self._show_problems(problem.items)
            return
        self._hide_problems()
        super().accept()

    def _show_problems(self, problems: list[Problem]) -> None:
        lines, first = [], None
        for problem in problems:
            name = (problem.field_path or "").split(".")[0]
            if name in FIELD_LABELS:
                lines.append(f"{FIELD_LABELS[name]}: {problem.message}")
                first = first or self._inputs[name]
            else:
                lines.append(problem.render())
        self.ui.error_label.setText("\n".join(lines))
        self.ui.error_label.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            if hasattr(first, "selectAll"):
                first.selectAll()

    def _hide_problems(self) -> None:
        self.ui.error_label.clear()
        self.ui.error_label.hide()

    def _choose_logo_clicked(self) -> None:
        current = self.ui.practice_logo_edit.text().strip()
        start = Path(current).parent if current else Path.home()
        chosen = dialogs.open_file(self, "Choose the practice logo", start, "Pictures (*.png *.jpg *.jpeg)")
        if chosen:
            self.ui.practice_logo_edit.setText(str(chosen))

    def open_folder(self) -> bool:
        """Open the data folder in the system's file manager; says so in the dialog if that failed."""
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder)))
        if not opened:
            self.ui.error_label.setText(f"Could not open the data folder {self.data_folder}.")
            self.ui.error_label.show()
        return opened
