"""New request, guided step by step, with a live determination beside the form; the draft saves itself.

The layout is forms/intake_dialog.ui (compiled into app/ui/forms/ui_intake_dialog.py); this class holds behaviour
only: widgets -> request dict (the contract's field names) -> the case service -> what the clerk sees.

Every edit restarts a 200 ms single-shot timer (and typing without a pause still updates at least every second).
When it fires, the form's data goes to a `DraftAutosaver` (so closing never loses work) and is evaluated: a
determination with its citations, or the list of what is still missing, named by the labels on the form.

A main window opens it with:

    dialog = IntakeDialog(service, parent=self)
    dialog.saved.connect(self.refresh_worklist)     # saved(case_id): the request was submitted
    dialog.open()                                    # closing without Save keeps the draft
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from html import escape

from PySide6.QtCore import QDate, QDateTime, QStringListModel, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from app.codes.icd10 import default_code_set
from app.codes.taxonomy import default_taxonomy
from app.domain.models import CareFrom, Reason, RequesterType
from app.domain.time import LOS_ANGELES
from app.errors import InputProblem
from app.services.cases import CaseService, DraftAutosaver
from app.services.evaluation import parse_request
from app.ui.directory_model import plan_labels
from app.ui.forms.ui_intake_dialog import Ui_IntakeDialog
from app.ui.request_detail import determination_html

PAUSE_MS = 200
MAX_BEHIND_S = 1.0  # while typing goes on without a pause, update at least this often
SUGGESTIONS = 12
REQUESTER_TYPES = [RequesterType.member, RequesterType.authorized_representative, RequesterType.treating_provider,
                   RequesterType.pcp, RequesterType.other_provider]
CARE_FROM = [CareFrom.pcp, CareFrom.specialist]
CRITERIA = [Reason.surgery_questioned, Reason.diagnosis_or_plan_questioned, Reason.unclear_or_conflicting,
            Reason.not_improving, Reason.concerns_after_following_plan]
PAGE_NAMES = ["Member", "Requester", "Care and reasons", "Professional", "Review"]

# Field path -> (page, the label the clerk sees). Paths not listed are shown as they are.
FIELD_LABELS = {
    "plan": (0, "Plan"), "county": (0, "County"), "member.member_id": (0, "Member ID"),
    "member.first_name": (0, "First name"), "member.last_name": (0, "Last name"),
    "member.date_of_birth": (0, "Date of birth"), "member.language": (0, "Language"),
    "member.phone": (0, "Phone"), "member.health_network": (0, "Health network"),
    "requester.type": (1, "Requester"), "requester.name": (1, "Requester name"),
    "requester.npi": (1, "Requester NPI"), "requester.phone": (1, "Requester phone"),
    "received_at": (1, "Received"),
    "care_in_question.from": (2, "Care from"), "care_in_question.taxonomy": (2, "Specialty"),
    "care_in_question.npi": (2, "Treating NPI"), "care_in_question.name": (2, "Treating name"),
    "pcp.npi": (2, "PCP NPI"), "pcp.name": (2, "PCP name"), "procedure": (2, "Procedure"),
    "other_reason": (2, "Other reason"), "diagnoses": (2, "Diagnoses"), "reasons": (2, "Reasons"),
    "requested_provider_npi": (3, "Chosen NPI"),
}
_PATH = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*)(\[(\d+)\])?: (.*)$", re.S)


def labelled(problem: str) -> str:
    """'member.date_of_birth: required, but missing' -> 'Date of birth (Member): required, but missing'."""
    match = _PATH.match(problem)
    if not match or match.group(1) not in FIELD_LABELS:
        return problem
    page, label = FIELD_LABELS[match.group(1)]
    if match.group(3) is not None:
        label += f" #{int(match.group(3)) + 1}"
    return f"{label} ({PAGE_NAMES[page]}): {match.group(4)}"


def _first_word(text: str) -> str:
    return text.strip().split(" ", 1)[0].strip().upper() if text.strip() else ""


def _pruned(value):
    """Drop empty strings and empty sections so a blank required field reads 'required, but missing'."""
    if isinstance(value, dict):
        kept = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in ("", None, {})}
    return value.strip() if isinstance(value, str) else value


class IntakeDialog(QDialog):
    saved = Signal(int)  # the case id, once the request was submitted

    def __init__(self, service: CaseService, parent: QWidget | None = None, *, now: datetime | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_IntakeDialog()
        self.ui.setupUi(self)
        self.service = service
        self.autosaver = DraftAutosaver(service, pause=0.0)  # the 200 ms timer is the pause
        self.profiles = service.evaluator.profiles
        self.codes = default_code_set()
        self.taxonomy = default_taxonomy()
        self._submitted = False
        self._first_pending: float | None = None
        self._last_data: dict | None = None
        self.determination = None
        self.problems: list[str] = []

        ui = self.ui
        ui.plan_combo.setPlaceholderText("Choose the member's plan")
        for plan_id, label in sorted(plan_labels(self.profiles).items(), key=lambda item: item[1]):
            ui.plan_combo.addItem(label, plan_id)
        ui.plan_combo.setCurrentIndex(-1)
        ui.care_from_combo.setCurrentIndex(1)  # most second opinions are about a specialist's care
        ui.date_of_birth_edit.setMaximumDate(QDate.currentDate())
        ui.date_of_birth_edit.setDate(ui.date_of_birth_edit.minimumDate())  # shown as "Not entered"
        received = (now or datetime.now(LOS_ANGELES)).astimezone(LOS_ANGELES).replace(microsecond=0)
        ui.received_edit.setDateTime(QDateTime(QDate(received.year, received.month, received.day),
                                               QTime(received.hour, received.minute)))

        self._suggest(ui.taxonomy_edit, self._taxonomy_suggestions)
        self._suggest(ui.diagnosis_edit, self._diagnosis_suggestions)
        self._show_wording()

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PAUSE_MS)
        self.timer.timeout.connect(self._update)
        self._watch_edits()

        ui.plan_combo.currentIndexChanged.connect(self._show_wording)
        ui.plan_combo.currentIndexChanged.connect(self._search_providers)
        ui.add_diagnosis_button.clicked.connect(self._add_diagnosis)
        ui.diagnosis_edit.returnPressed.connect(self._add_diagnosis)
        ui.remove_diagnosis_button.clicked.connect(self._remove_diagnosis)
        ui.provider_search_edit.textChanged.connect(self._search_providers)
        ui.providers_list.currentItemChanged.connect(self._choose_provider)
        ui.back_button.clicked.connect(lambda: self._go(ui.pages.currentIndex() - 1))
        ui.next_button.clicked.connect(lambda: self._go(ui.pages.currentIndex() + 1))
        ui.save_button.clicked.connect(self.save)
        ui.close_button.clicked.connect(self.reject)
        self._blank = self.form_data()  # closing an untouched form stores no draft
        self._go(0)
        ui.determination_view.setHtml("<p>Fill in the form: the determination appears here as you type.</p>")

    # --- the request the form holds --------------------------------------------------------------------------

    def form_data(self) -> dict:
        """The request as typed, with the contract's field names (`from` for the care in question)."""
        ui = self.ui
        dob = ui.date_of_birth_edit.date()
        received = ui.received_edit.dateTime()
        reasons = [reason.value for reason in CRITERIA if self._reason_check(reason).isChecked()]
        if ui.other_check.isChecked():
            reasons.append(Reason.other.value)
        data = {
            "plan": ui.plan_combo.currentData() or "",
            "county": ui.county_edit.text(),
            "received_at": received.toString("yyyy-MM-ddTHH:mm:00"),
            "requester": {
                "type": REQUESTER_TYPES[max(ui.requester_type_combo.currentIndex(), 0)].value,
                "name": ui.requester_name_edit.text(),
                "npi": ui.requester_npi_edit.text(),
                "phone": ui.requester_phone_edit.text(),
            },
            "member": {
                "member_id": ui.member_id_edit.text(),
                "first_name": ui.first_name_edit.text(),
                "last_name": ui.last_name_edit.text(),
                "date_of_birth": "" if dob == ui.date_of_birth_edit.minimumDate() else dob.toString("yyyy-MM-dd"),
                "language": ui.language_edit.text(),
                "phone": ui.member_phone_edit.text(),
                "health_network": ui.health_network_edit.text(),
            },
            "pcp": {"npi": ui.pcp_npi_edit.text(), "name": ui.pcp_name_edit.text()},
            "care_in_question": {
                "from": CARE_FROM[max(ui.care_from_combo.currentIndex(), 0)].value,
                "taxonomy": _first_word(ui.taxonomy_edit.text()),
                "npi": ui.treating_npi_edit.text(),
                "name": ui.treating_name_edit.text(),
            },
            "reasons": reasons,
            "other_reason": ui.other_reason_edit.text() if ui.other_check.isChecked() else "",
            "serious_condition": ui.serious_check.isChecked(),
            "urgent": ui.urgent_check.isChecked(),
            "opinion_number": 3 if ui.third_opinion_check.isChecked() else 2,
            "prior_opinions_differ": ui.third_opinion_check.isChecked() and ui.differ_check.isChecked(),
            "requested_provider_npi": ui.chosen_npi_edit.text(),
            "procedure": ui.procedure_edit.text(),
        }
        data = _pruned(data)
        data["diagnoses"] = self.diagnoses()
        return data

    def diagnoses(self) -> list[str]:
        items = (self.ui.diagnoses_list.item(row) for row in range(self.ui.diagnoses_list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items]

    def _reason_text(self, reason: str) -> str:
        if reason == Reason.other.value:
            return f"Other: {self.ui.other_reason_edit.text().strip()}"
        return self._reason_check(Reason(reason)).text().replace("&", "").split(" ", 1)[1]

    def _reason_check(self, reason: Reason) -> QCheckBox:
        return getattr(self.ui, f"reason_{reason.value}_check")

    # --- edits: autosave and the live determination ------------------------------------------------------

    def _watch_edits(self) -> None:
        for widget in self.ui.pages.findChildren(QWidget):
            if isinstance(widget, QLineEdit) and widget not in (self.ui.provider_search_edit,
                                                                self.ui.diagnosis_edit):
                widget.textChanged.connect(self._edited)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._edited)
            elif isinstance(widget, QDateTimeEdit):  # QDateEdit too
                widget.dateTimeChanged.connect(self._edited)
            elif isinstance(widget, QAbstractButton) and widget.isCheckable():
                widget.toggled.connect(self._edited)

    def _edited(self, *_args) -> None:
        now = time.monotonic()
        if self._first_pending is None:
            self._first_pending = now
        if now - self._first_pending >= MAX_BEHIND_S:
            self._update()
        else:
            self.timer.start()

    def _update(self) -> None:
        """Save the draft, then evaluate what is typed so far."""
        self.timer.stop()
        self._first_pending = None
        data = self.form_data()
        if data != (self._last_data or self._blank) and not self._submitted:
            self.autosaver.changed(data)
            self.autosaver.tick()
            self._last_data = data
        self._evaluate(data)

    def _evaluate(self, data: dict) -> None:
        try:
            self.determination = self.service.evaluator.evaluate(parse_request(data))
        except InputProblem as problem:
            self.determination = None
            self._show_problems(problem.problems)
            return
        self.problems = []
        self.ui.problems_label.setText("")
        self.ui.determination_view.setHtml(determination_html(self.determination))
        self._show_summary()

    def _show_problems(self, problems: list[str], heading: str = "Still needed or to check") -> None:
        self.problems = [labelled(problem) for problem in problems]
        items = "".join(f"<li>{escape(problem)}</li>" for problem in self.problems)
        self.ui.problems_label.setText(f"<b>{escape(heading)}:</b><ul>{items}</ul>")
        missing = [labelled(problem).split(":")[0] for problem in problems
                   if problem.endswith("required, but missing")]
        what = (f"Missing: {escape(', '.join(missing))}." if missing
                else "Some fields need checking (listed below).")
        self.ui.determination_view.setHtml(f"<p><b>No determination yet.</b> {what}</p>")
        self._show_summary()

    # --- pages ------------------------------------------------------------------------------------------------

    def _go(self, index: int) -> None:
        ui = self.ui
        index = max(0, min(index, ui.pages.count() - 1))
        ui.pages.setCurrentIndex(index)
        ui.back_button.setEnabled(index > 0)
        ui.next_button.setEnabled(index < ui.pages.count() - 1)
        last = index == ui.pages.count() - 1
        ui.next_button.setDefault(not last)
        ui.save_button.setDefault(last)
        self.setWindowTitle(f"New request: {PAGE_NAMES[index]} ({index + 1} of {ui.pages.count()})")
        if index == 3:
            self._search_providers()
        if last:
            self._update()
        first = {0: ui.plan_combo, 1: ui.requester_type_combo, 2: ui.care_from_combo,
                 3: ui.provider_search_edit, 4: ui.save_button}[index]
        first.setFocus(Qt.FocusReason.TabFocusReason)

    def _show_wording(self) -> None:
        profile = self.profiles.get(self.ui.plan_combo.currentData() or "")
        for reason in CRITERIA:
            criterion = profile.criterion(reason) if profile else None
            wording = criterion.wording if criterion else "Choose the plan to see its policy's wording."
            getattr(self.ui, f"reason_{reason.value}_wording").setText(
                f"{wording} ({criterion.citation})" if criterion else wording)
            self._reason_check(reason).setAccessibleDescription(wording)

    def _show_summary(self) -> None:
        data = self.form_data()
        member = data.get("member", {})
        care = data.get("care_in_question", {})
        label = self.ui.plan_combo.currentText() or "not chosen"
        rows = [
            ("Plan", label), ("County", data.get("county", "")),
            ("Member", f"{member.get('first_name', '')} {member.get('last_name', '')}".strip()),
            ("Member ID", member.get("member_id", "")), ("Date of birth", member.get("date_of_birth", "")),
            ("Requester", self.ui.requester_type_combo.currentText()),
            ("Received", self.ui.received_edit.text()),
            ("Care from", self.ui.care_from_combo.currentText()),
            ("Specialty", f"{care.get('taxonomy', '')} {self.taxonomy.name(care['taxonomy']) or ''}"
             if care.get("taxonomy") else ""),
            ("Reasons", ", ".join(self._reason_text(reason) for reason in data.get("reasons", []))),
            ("Diagnoses", ", ".join(data.get("diagnoses", []))),
            ("Chosen NPI", data.get("requested_provider_npi", "")),
        ]
        table = "".join(f"<tr><td><b>{escape(name)}</b></td><td>{escape(value or '—')}</td></tr>"
                        for name, value in rows)
        problems = "".join(f"<li>{escape(problem)}</li>" for problem in self.problems)
        self.ui.summary_view.setHtml(f"<table cellpadding='3'>{table}</table>"
                                     + (f"<p><b>Before saving:</b></p><ul>{problems}</ul>" if problems else
                                        "<p>Ready to save.</p>"))

    # --- look-ups ---------------------------------------------------------------------------------------------

    def _suggest(self, edit: QLineEdit, suggestions) -> None:
        model = QStringListModel(self)
        completer = QCompleter(model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        edit.setCompleter(completer)
        edit.textEdited.connect(lambda text: model.setStringList(suggestions(text)))

    def _taxonomy_suggestions(self, text: str) -> list[str]:
        return [f"{entry.code} {entry.display_name}" for entry in self.taxonomy.search(text, SUGGESTIONS)]

    def _diagnosis_suggestions(self, text: str) -> list[str]:
        if len(text.strip()) < 2:
            return []
        return [f"{code} {description}" for code, description in self.codes.search(text, SUGGESTIONS)]

    def _add_diagnosis(self) -> None:
        code = _first_word(self.ui.diagnosis_edit.text())
        if not code:
            return
        found = self.codes.search(code, 1)
        if code not in self.codes or not found:
            self.ui.problems_label.setText(
                f"<b>Diagnosis:</b> {escape(code)} is not an ICD-10-CM code; search by words, e.g. “knee”.")
            return
        dotted, description = found[0]
        if dotted not in self.diagnoses():
            item = QListWidgetItem(f"{dotted} {description}")
            item.setData(Qt.ItemDataRole.UserRole, dotted)
            self.ui.diagnoses_list.addItem(item)
        self.ui.diagnosis_edit.clear()
        self._edited()

    def _remove_diagnosis(self) -> None:
        row = self.ui.diagnoses_list.currentRow()
        if row >= 0:
            self.ui.diagnoses_list.takeItem(row)
            self._edited()

    def _search_providers(self, *_args) -> None:
        plan = self.ui.plan_combo.currentData()
        found = self.service.evaluator.directory.search(self.ui.provider_search_edit.text(), limit=50)
        listing: QListWidget = self.ui.providers_list
        listing.blockSignals(True)
        listing.clear()
        for provider in found:
            network = ("choose a plan" if not plan else
                       "in network" if plan in provider.plans else "out of network")
            text = " — ".join(part for part in (provider.display_name, provider.specialty, provider.city) if part)
            item = QListWidgetItem(f"{text} — {network}")
            item.setData(Qt.ItemDataRole.UserRole, provider.npi)
            item.setToolTip(f"NPI {provider.npi}")
            listing.addItem(item)
        listing.blockSignals(False)

    def _choose_provider(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.ui.chosen_npi_edit.setText(item.data(Qt.ItemDataRole.UserRole))

    # --- saving and closing -----------------------------------------------------------------------------------

    @property
    def case_id(self) -> int | None:
        return self.autosaver.case_id

    def save(self) -> bool:
        """Submit the draft: True and `saved(case_id)` when stored; otherwise the problems stay on screen."""
        data = self.form_data()
        self.timer.stop()
        self._first_pending = None
        self.autosaver.changed(data)
        self.autosaver.flush()
        self._last_data = data
        try:
            submitted = self.service.submit_draft(self.autosaver.case_id)
        except InputProblem as problem:
            self._show_problems(problem.problems, "Not saved yet; the draft is kept. Fix")
            return False
        self._submitted = True
        self.saved.emit(submitted.case.id)
        self.accept()
        return True

    def done(self, result: int) -> None:
        # Closing keeps the work: whatever was typed since the last autosave is written as the draft.
        if not self._submitted:
            self.timer.stop()
            data = self.form_data()
            if data != (self._last_data or self._blank):
                self.autosaver.changed(data)
            self.autosaver.flush()
        super().done(result)

