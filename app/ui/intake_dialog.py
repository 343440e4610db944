"""New request, guided step by step, with a live determination beside the form; the draft saves itself.

The layout is forms/intake_dialog.ui (compiled into app/ui/forms/ui_intake_dialog.py); this class holds behaviour
only: widgets -> request dict (the contract's field names) -> the case service -> what the clerk sees.

Every edit restarts a 200 ms single-shot timer (and typing without a pause still updates at least every second).
When it fires, the form's data goes to a `DraftAutosaver` (so closing never loses work) and is evaluated: a
determination with its citations, or the list of what is still missing, named by the labels on the form. A value
that is wrong (a ZIP of four digits, an NPI whose check digit fails) is also marked and explained beside its field;
a missing one is, once Save was tried. Clicking a problem in the list (or Enter on it) goes to its field.

Saving asks first when the member already has an open request about the same care (`CaseService.duplicates_of`).

The professional step lists the qualified in-network professionals by default (app.services.chooser: the plan's
network, or the member's health network for PCP care, and the same or an equivalent specialty), the live
determination's alternatives first and marked; the clerk unticks "Only qualified in-network professionals" to
search the whole directory. Each keystroke restarts a 150 ms pause timer; when it fires, `refresh_professionals`
asks the repository's indexed queries. Down goes from the search box to the matches; selecting a row (or Enter /
Space on it) puts its NPI into Chosen NPI.

A main window opens it with:

    dialog = IntakeDialog(service, parent=self)
    dialog.saved.connect(self.refresh_worklist)     # saved(case_id): the request was submitted
    dialog.open()                                    # closing without Save keeps the draft
"""

from __future__ import annotations

import time
from datetime import datetime
from html import escape

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QStringListModel,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLayoutItem,
    QLineEdit,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from app.domain.cases import LABELS, Case
from app.domain.models import CareFrom, Reason, RequesterType
from app.domain.time import LOS_ANGELES
from app.errors import InputProblem, Problem, ServerUnavailable
from app.services.cases import CaseService, DraftAutosaver
from app.services.chooser import Found, Qualification
from app.services.evaluation import DATE_ERRORS
from app.ui import dialogs
from app.ui.directory_model import SUGGESTED_MARK, ProviderTableModel, plan_labels
from app.ui.forms.ui_intake_dialog import Ui_IntakeDialog
from app.ui.request_detail import determination_html
from app.ui.screen import fit_to_screen
from app.ui.theme import colours, error_style

PAUSE_MS = 200
SEARCH_PAUSE_MS = 150  # as the directory screen: a search per pause in typing, not per key
MAX_BEHIND_S = 1.0  # while typing goes on without a pause, update at least this often
SUGGESTIONS = 12
REQUESTER_TYPES = [RequesterType.member, RequesterType.authorized_representative, RequesterType.treating_provider,
                   RequesterType.pcp, RequesterType.other_provider]
CARE_FROM = [CareFrom.pcp, CareFrom.specialist]
CRITERIA = [Reason.surgery_questioned, Reason.diagnosis_or_plan_questioned, Reason.unclear_or_conflicting,
            Reason.not_improving, Reason.concerns_after_following_plan]
PAGE_NAMES = ["Member", "Requester", "Care and reasons", "Professional", "Review"]

# The member's sex as the plan's file records it: what the combo shows, and the request's code (None: not known).
SEXES = (("Not recorded", None), ("Female", "F"), ("Male", "M"), ("Unknown", "U"))

OFFLINE_TITLE = " (server away: typing kept on this computer)"
SERVER_AWAY = ("the office database server cannot be reached: what you typed is kept on this computer and goes "
               "to the server as a draft when it answers again; save the request then")

# Field path -> (page, the label the clerk sees, the widget that holds it). Paths not listed are shown as they are.
FIELDS = {
    "plan": (0, "Plan", "plan_combo"), "member.member_id": (0, "Member ID", "member_id_edit"),
    "member.first_name": (0, "First name", "first_name_edit"), "member.last_name": (0, "Last name", "last_name_edit"),
    "member.date_of_birth": (0, "Date of birth", "date_of_birth_edit"),
    "member.sex": (0, "Sex", "sex_combo"), "member.cin": (0, "Medi-Cal CIN", "cin_edit"),
    "member.language": (0, "Language", "language_edit"), "member.phone": (0, "Phone", "member_phone_edit"),
    "member.health_network": (0, "Health network", "health_network_edit"),
    "member.address.line1": (0, "Street", "street_edit"),
    "member.address.line2": (0, "Apt, suite", "address_line2_edit"),
    "member.address.city": (0, "City", "city_edit"), "member.address.state": (0, "State", "state_edit"),
    "member.address.zip": (0, "ZIP", "zip_edit"), "county": (0, "County", "county_edit"),
    "requester.type": (1, "Requester", "requester_type_combo"),
    "requester.name": (1, "Requester name", "requester_name_edit"),
    "requester.npi": (1, "Requester NPI", "requester_npi_edit"),
    "requester.phone": (1, "Requester phone", "requester_phone_edit"),
    "received_at": (1, "Received", "received_edit"),
    "care_in_question.from": (2, "Care from", "care_from_combo"),
    "care_in_question.taxonomy": (2, "Specialty", "taxonomy_edit"),
    "care_in_question.npi": (2, "Treating NPI", "treating_npi_edit"),
    "care_in_question.name": (2, "Treating name", "treating_name_edit"),
    "pcp.npi": (2, "PCP NPI", "pcp_npi_edit"), "pcp.name": (2, "PCP name", "pcp_name_edit"),
    "procedure": (2, "Procedure", "procedure_edit"),
    "needs_transportation": (2, "Needs transportation", "needs_transportation_check"),
    "other_reason": (2, "Other reason", "other_reason_edit"), "diagnoses": (2, "Diagnoses", "diagnosis_edit"),
    "reasons": (2, "Reasons", "reason_surgery_questioned_check"),
    "requested_provider_npi": (3, "Chosen NPI", "chosen_npi_edit"), "notes": (4, "Notes", "notes_edit"),
}
FIELD_LABELS = {path: (page, label) for path, (page, label, _widget) in FIELDS.items()}


def form_field(path: str | None) -> tuple[str, int | None] | None:
    """A problem's field path as (the form's field, the item in it): 'diagnoses[1]' -> ('diagnoses', 1),
    'member.address.zip' -> ('member.address.zip', None); None when the form has no such field."""
    if path is None:
        return None
    name, bracket, rest = path.partition("[")
    number = rest.removesuffix("]")
    if bracket and not (rest.endswith("]") and number.isascii() and number.isdigit()):
        return None  # a key in brackets, or an item of an item: not something the form shows
    return (name, int(number) if bracket else None) if name in FIELDS else None


def problem_field(problem: Problem) -> str | None:
    """Problem at 'diagnoses[1]' -> 'diagnoses': the field a problem is about, when the form has that field."""
    found = form_field(problem.field_path)
    return found[0] if found else None


def labelled(problem: Problem) -> str:
    """Problem('required, but missing', field_path='member.date_of_birth') -> 'Date of birth (Member): required,
    but missing'; a problem at no field of the form is said as it is."""
    found = form_field(problem.field_path) if problem.line is None else None
    if found is None:
        return problem.render()
    name, index = found
    page, label = FIELD_LABELS[name]
    if index is not None:
        label += f" #{index + 1}"
    return f"{label} ({PAGE_NAMES[page]}): {problem.message}"


def duplicates_text(cases: list[Case]) -> str:
    """One line per open request the new one may duplicate: what a clerk needs to recognise it."""
    lines = []
    for case in cases:
        request = case.request
        received = request.received_at.strftime("%m/%d/%Y") if request else "unknown"
        specialty = request.care_in_question.taxonomy if request and request.care_in_question.taxonomy else ""
        lines.append(f"Request #{case.id}: {LABELS[case.status]}, received {received}"
                     + (f", specialty {specialty}" if specialty else ""))
    return "\n".join(lines)


def _holds(item: QLayoutItem | None, widget: QWidget) -> bool:
    if item is None:
        return False
    if item.widget() is widget:
        return True
    layout = item.layout()
    return layout is not None and any(_holds(layout.itemAt(index), widget) for index in range(layout.count()))


DATE_FORMATS = ("MM/dd/yyyy", "M/d/yyyy", "MM-dd-yyyy", "M-d-yyyy", "MMddyyyy", "yyyy-MM-dd")
DATE_HINT = "type it as MM/DD/YYYY, e.g. 05/14/1971"


def typed_date(text: str) -> str:
    """'05/14/1971' (as a US desk types it) -> '1971-05-14'; text that is not a date stays as typed, so the
    problem names it."""
    text = text.strip()
    for form in DATE_FORMATS:
        date = QDate.fromString(text, form)
        if date.isValid():
            return date.toString("yyyy-MM-dd")
    return text


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

    def __init__(self, service: CaseService, parent: QWidget | None = None, *, now: datetime | None = None,
                 draft: Case | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_IntakeDialog()
        self.ui.setupUi(self)
        self.service = service
        self.autosaver = DraftAutosaver(service, pause=0.0)  # the 200 ms timer is the pause
        self.intake = service.intake  # the live determination, the chooser's query: no Qt (app.services.intake)
        self.profiles = self.intake.profiles
        self.codes = self.intake.codes
        self.taxonomy = self.intake.taxonomy
        self._qualification: Qualification | None = None  # the chooser's, as last refreshed
        self._submitted = False
        self._first_pending: float | None = None
        self._last_data: dict | None = None
        self.determination = None
        self.problems: list[str] = []
        self._save_tried = False  # after a refused Save, missing fields are marked beside them too
        self._notes: dict[QWidget, QLabel] = {}  # a field -> the explanation shown under it
        self._descriptions: dict[QWidget, str] = {}  # a marked field's own accessible description
        # A field to fix gets a border in the palette's error colour (readable in light and dark).
        # A field the roster filled and the clerk then changed is marked too (dashed), under a problem's border.
        self.setStyleSheet(f'[roster="edited"] {{ border: 2px dashed {colours()["warning"]}; }} '
                           f'[problem="true"] {{ border: 2px solid {colours()["error"]}; }}')
        fit_to_screen(self)  # the designed size, or less on a small or 200 %-scaled screen

        ui = self.ui
        ui.plan_combo.setPlaceholderText("Choose the member's plan")
        for plan_id, label in sorted(plan_labels(self.profiles).items(), key=lambda item: item[1]):
            ui.plan_combo.addItem(label, plan_id)
        ui.plan_combo.setCurrentIndex(-1)
        for label, code in SEXES:
            ui.sex_combo.addItem(label, code)
        ui.care_from_combo.setCurrentIndex(1)  # most second opinions are about a specialist's care
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
        ui.add_diagnosis_button.clicked.connect(self._add_diagnosis)
        ui.diagnosis_edit.installEventFilter(self)  # Enter adds the diagnosis; it does not press Next
        ui.remove_diagnosis_button.clicked.connect(self._remove_diagnosis)
        self._set_up_chooser()
        self._set_up_roster()
        ui.back_button.clicked.connect(lambda: self._go(ui.pages.currentIndex() - 1))
        ui.next_button.clicked.connect(lambda: self._go(ui.pages.currentIndex() + 1))
        ui.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)  # Ctrl+S, as in the main window
        ui.problems_list.itemClicked.connect(self._problem_chosen)
        ui.problems_list.itemActivated.connect(self._problem_chosen)  # Enter (and double-click)
        ui.problems_list.hide()
        ui.close_button.clicked.connect(self.reject)
        self._kept_reasons: list[str] = []  # a draft's reasons the form has no box for (kept, never dropped)
        self._ask_opinions = False  # the draft says two contradictory things: asked once the form is shown
        self._blank = self.form_data()  # closing an untouched form stores no draft
        self._go(0)
        ui.determination_view.setHtml("<p>Fill in the form: the determination appears here as you type.</p>")
        if draft is not None:
            self.resume(draft)

    # --- the request the form holds --------------------------------------------------------------------------

    def form_data(self) -> dict:
        """The request as typed, with the contract's field names (`from` for the care in question)."""
        ui = self.ui
        received = ui.received_edit.dateTime()
        reasons = [reason.value for reason in CRITERIA if self._reason_check(reason).isChecked()]
        if ui.other_check.isChecked():
            reasons.append(Reason.other.value)
        reasons += getattr(self, "_kept_reasons", [])
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
                "cin": ui.cin_edit.text(),
                "first_name": ui.first_name_edit.text(),
                "last_name": ui.last_name_edit.text(),
                "date_of_birth": typed_date(ui.date_of_birth_edit.text()),
                "sex": ui.sex_combo.currentData(),
                "language": ui.language_edit.text(),
                "phone": ui.member_phone_edit.text(),
                "health_network": ui.health_network_edit.text(),
                "address": {
                    "line1": ui.street_edit.text(),
                    "line2": ui.address_line2_edit.text(),
                    "city": ui.city_edit.text(),
                    "state": ui.state_edit.text().upper(),
                    "zip": ui.zip_edit.text(),
                },
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
            "needs_transportation": ui.needs_transportation_check.isChecked(),
            "notes": ui.notes_edit.toPlainText(),
        }
        data = _pruned(data)
        data["diagnoses"] = self.diagnoses()
        return data

    def resume(self, draft: Case) -> None:
        """Go on with a kept draft: the form shows what was typed, and saving continues the same draft."""
        data = draft.draft or {}
        self.autosaver.case_id = draft.id
        self.setWindowTitle(f"{self.windowTitle()}: draft #{draft.id}")
        self.fill(data)
        self._blank = self._last_data = self.form_data()  # nothing changed yet: nothing to save on close
        self._update()

    def fill(self, data: dict) -> None:
        """Put a draft's data (the contract's field names, as `form_data` gives them) into the form."""
        ui = self.ui

        def text(edit: QLineEdit, value) -> None:
            edit.setText("" if value is None else str(value))

        def section(name: str) -> dict:
            value = data.get(name)
            return value if isinstance(value, dict) else {}

        index = ui.plan_combo.findData(data.get("plan"))
        ui.plan_combo.setCurrentIndex(index)
        text(ui.county_edit, data.get("county"))
        received = QDateTime.fromString(str(data.get("received_at") or ""), Qt.DateFormat.ISODate)
        if received.isValid():
            ui.received_edit.setDateTime(received)
        requester = section("requester")
        kinds = [kind.value for kind in REQUESTER_TYPES]
        if requester.get("type") in kinds:
            ui.requester_type_combo.setCurrentIndex(kinds.index(requester["type"]))
        text(ui.requester_name_edit, requester.get("name"))
        text(ui.requester_npi_edit, requester.get("npi"))
        text(ui.requester_phone_edit, requester.get("phone"))
        member = section("member")
        for key, edit in (("member_id", ui.member_id_edit), ("cin", ui.cin_edit), ("first_name", ui.first_name_edit),
                          ("last_name", ui.last_name_edit), ("language", ui.language_edit),
                          ("phone", ui.member_phone_edit), ("health_network", ui.health_network_edit)):
            text(edit, member.get(key))
        ui.sex_combo.setCurrentIndex(max(ui.sex_combo.findData(member.get("sex")), 0))
        born = QDate.fromString(str(member.get("date_of_birth") or ""), "yyyy-MM-dd")
        text(ui.date_of_birth_edit, born.toString("MM/dd/yyyy") if born.isValid() else member.get("date_of_birth"))
        address = member.get("address") if isinstance(member.get("address"), dict) else {}
        for key, edit in (("line1", ui.street_edit), ("line2", ui.address_line2_edit), ("city", ui.city_edit),
                          ("state", ui.state_edit), ("zip", ui.zip_edit)):
            text(edit, address.get(key))
        pcp = section("pcp")
        text(ui.pcp_npi_edit, pcp.get("npi"))
        text(ui.pcp_name_edit, pcp.get("name"))
        care = section("care_in_question")
        froms = [kind.value for kind in CARE_FROM]
        if care.get("from") in froms:
            ui.care_from_combo.setCurrentIndex(froms.index(care["from"]))
        code = care.get("taxonomy") or ""
        text(ui.taxonomy_edit, f"{code} {self.taxonomy.name(code) or ''}".strip() if code else "")
        text(ui.treating_npi_edit, care.get("npi"))
        text(ui.treating_name_edit, care.get("name"))
        reasons = [str(reason) for reason in data.get("reasons") or []]
        for reason in CRITERIA:
            self._reason_check(reason).setChecked(reason.value in reasons)
        ui.other_check.setChecked(Reason.other.value in reasons)
        text(ui.other_reason_edit, data.get("other_reason"))
        boxes = {Reason.other.value, *(reason.value for reason in CRITERIA)}
        self._kept_reasons = [reason for reason in reasons if reason not in boxes]
        ui.serious_check.setChecked(bool(data.get("serious_condition")))
        ui.urgent_check.setChecked(bool(data.get("urgent")))
        differ_reason = Reason.conflicting_recommendations.value in reasons
        ui.third_opinion_check.setChecked(data.get("opinion_number") == 3 or differ_reason)
        ui.differ_check.setChecked(bool(data.get("prior_opinions_differ")))
        self._ask_opinions = differ_reason and not data.get("prior_opinions_differ")
        text(ui.chosen_npi_edit, data.get("requested_provider_npi"))
        text(ui.procedure_edit, data.get("procedure"))
        ui.needs_transportation_check.setChecked(bool(data.get("needs_transportation")))
        ui.notes_edit.setPlainText(str(data.get("notes") or ""))
        ui.diagnoses_list.clear()
        for code in data.get("diagnoses") or []:
            dotted = str(code)
            description = self.codes.describe(dotted) if dotted in self.codes else None
            item = QListWidgetItem(f"{dotted} {description}" if description else dotted)
            item.setData(Qt.ItemDataRole.UserRole, dotted)
            ui.diagnoses_list.addItem(item)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._ask_opinions:
            self._ask_opinions = False
            QTimer.singleShot(0, self.ask_whether_opinions_differ)

    def ask_whether_opinions_differ(self) -> None:
        """The draft gives "the first two opinions differ" as a reason but does not say they differ: ask which is
        true. Either answer makes the two agree; "Decide later" keeps both, and the determination says so."""
        differ, agree, later = "They &differ", "They do &not differ", "Decide &later"

        def answered(choice: str | None) -> None:
            if choice not in (differ, agree):
                return
            self.ui.differ_check.setChecked(choice == differ)
            reason = Reason.conflicting_recommendations.value
            self._kept_reasons = [kept for kept in self._kept_reasons if kept != reason]
            self._update()

        self.question = dialogs.ask_later(
            self, "Do the first two opinions differ?",
            "This draft gives “the first two opinions differ” as its reason, but “The first two opinions differ” "
            "is not ticked.", [differ, agree, later], answered,
            informative="Which is true? A third opinion is owed by some plans only when the first two opinions "
                        "differ on the need for a procedure.", escape=later)

    def diagnoses(self) -> list[str]:
        items = (self.ui.diagnoses_list.item(row) for row in range(self.ui.diagnoses_list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items]

    def _reason_text(self, reason: str) -> str:
        if reason == Reason.other.value:
            return f"Other: {self.ui.other_reason_edit.text().strip()}"
        if reason == Reason.conflicting_recommendations.value:
            return "The first two opinions differ (as the draft says)"
        if reason not in {criterion.value for criterion in CRITERIA}:
            return reason
        return self._reason_check(Reason(reason)).text().replace("&", "").split(" ", 1)[1]

    def _reason_check(self, reason: Reason) -> QCheckBox:
        return getattr(self.ui, f"reason_{reason.value}_check")

    # --- the member roster: a member ID (or name and date of birth) fills the member's fields -----------------

    def _set_up_roster(self) -> None:
        self._roster_values: dict[str, str] = {}  # field path -> the text the roster put there
        self._roster_member = None  # whom the form was filled from
        self._roster_shown: tuple = ()
        self.ui.roster_label.hide()
        self.ui.roster_list.hide()
        self.ui.roster_list.setWordWrap(True)
        self.ui.roster_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ui.roster_list.itemClicked.connect(self._roster_chosen)
        self.ui.roster_list.itemActivated.connect(self._roster_chosen)  # Enter

    def _look_up_roster(self, data: dict) -> None:
        """List the roster's members for what is typed (none once the form was filled from the one found)."""
        matches = self.intake.roster_matches(data)
        chosen = self._roster_member
        if chosen is not None and [(m.member_id, m.plan) for m in matches] == [(chosen.member_id, chosen.plan)]:
            matches = []
        shown = tuple((member.member_id, member.plan) for member in matches)
        if shown == self._roster_shown:
            return
        self._roster_shown = shown
        ui = self.ui
        ui.roster_list.clear()
        labels = plan_labels(self.profiles)
        for member in matches:
            until = f"covered until {member.coverage_end:%m/%d/%Y}" if member.coverage_end else "covered"
            item = QListWidgetItem(f"{member.member_id}  {member.last_name}, {member.first_name}, born "
                                   f"{member.date_of_birth:%m/%d/%Y}\n{labels.get(member.plan, member.plan)}, "
                                   f"{member.health_network or 'no health network'}, {until}")
            item.setData(Qt.ItemDataRole.UserRole, member)
            ui.roster_list.addItem(item)
        ui.roster_label.setText(f"On the roster ({len(matches)}): click one, or press Enter on it, to fill the "
                                "member, plan, county, health network, PCP and language" if matches else "")
        ui.roster_label.setVisible(bool(matches))
        ui.roster_list.setVisible(bool(matches))

    def _roster_chosen(self, item: QListWidgetItem) -> None:
        self.fill_from_roster(item.data(Qt.ItemDataRole.UserRole))

    def fill_from_roster(self, member) -> None:
        """Put the roster's member into the form; each field stays editable, and a field then changed is
        marked (its tooltip says what the roster has)."""
        values = {}
        for path, value in self.intake.roster_fields(member).items():
            widget = self._roster_widget(path)
            if widget is None:
                continue
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(widget.findData(value))
            else:
                if path == "member.date_of_birth":
                    value = QDate.fromString(value, "yyyy-MM-dd").toString("MM/dd/yyyy")
                widget.setText(value)
            values[path] = value
        self._roster_values = values
        self._roster_member = member
        self._roster_shown = ()
        self.ui.roster_list.hide()
        self.ui.roster_label.hide()
        self._mark_roster_edits()
        self._update()

    def _roster_widget(self, path: str) -> QWidget | None:
        entry = FIELDS.get(path)
        return getattr(self.ui, entry[2], None) if entry else None

    def _mark_roster_edits(self) -> None:
        for path, value in self._roster_values.items():
            widget = self._roster_widget(path)
            current = widget.currentData() if isinstance(widget, QComboBox) else widget.text()
            edited = (current or "") != value
            shown = widget.itemText(widget.findData(value)) if isinstance(widget, QComboBox) else value
            if widget.property("roster") == ("edited" if edited else "filled"):
                continue
            widget.setProperty("roster", "edited" if edited else "filled")
            widget.setToolTip(f"Edited here: the roster has {shown}" if edited else "From the member roster")
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def roster_marks(self) -> dict[str, str]:
        """Each field the roster filled: "filled", or "edited" once changed (what the clerk sees marked)."""
        return {path: self._roster_widget(path).property("roster") for path in self._roster_values}

    # --- edits: autosave and the live determination ------------------------------------------------------

    def _watch_edits(self) -> None:
        for widget in self.ui.pages.findChildren(QWidget):
            if isinstance(widget, QLineEdit) and widget not in (self.ui.provider_search_edit,
                                                                self.ui.diagnosis_edit):
                widget.textChanged.connect(self._edited)
            elif widget is self.ui.qualified_only_check:
                continue  # how the chooser filters, not part of the request
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._edited)
            elif isinstance(widget, QDateTimeEdit):  # QDateEdit too
                widget.dateTimeChanged.connect(self._edited)
            elif isinstance(widget, QAbstractButton) and widget.isCheckable():
                widget.toggled.connect(self._edited)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self._edited)

    def _edited(self, *_args) -> None:
        if self._roster_values:
            self._mark_roster_edits()
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
        self._show_offline()
        self._look_up_roster(data)
        self._evaluate(data)

    def _show_offline(self) -> None:
        """While the office server is away the typing is kept on this computer: the title says so."""
        title = self.windowTitle().removesuffix(OFFLINE_TITLE)
        self.setWindowTitle(title + (OFFLINE_TITLE if self.autosaver.offline else ""))

    def _evaluate(self, data: dict) -> None:
        try:
            self.determination = self.intake.determine(data)
        except InputProblem as problem:
            self.determination = None
            self._show_problems(problem.items)
            return
        self.problems = []
        self._list_problems([], "")
        self._mark_fields([])
        self.ui.determination_view.setHtml(determination_html(self.determination))
        self._show_summary()

    def _show_problems(self, problems: list[Problem], heading: str = "Still needed or to check") -> None:
        # The form takes the date of birth as a US desk types it, so say that form rather than the contract's.
        problems = [Problem(DATE_HINT, field_path=problem.field_path, kind=problem.kind)
                    if problem.field_path == "member.date_of_birth" and problem.kind in DATE_ERRORS else problem
                    for problem in problems]
        self.problems = [labelled(problem) for problem in problems]
        self._list_problems(problems, heading)
        self._mark_fields(problems)
        missing = [labelled(problem).removesuffix(f": {problem.message}") for problem in problems
                   if problem.kind == "missing"]
        what = (f"Missing: {escape(', '.join(missing))}." if missing
                else "Some fields need checking (listed below).")
        self.ui.determination_view.setHtml(f"<p><b>No determination yet.</b> {what}</p>")
        self._show_summary()

    # --- problems: listed beside the determination, explained beside their fields ---------------------------

    def _list_problems(self, problems: list[Problem], heading: str) -> None:
        ui = self.ui
        ui.problems_label.setText(f"<b>{escape(heading)}:</b> (click one to go to it)" if problems else "")
        shown = [ui.problems_list.item(row).text() for row in range(ui.problems_list.count())]
        if shown == [labelled(problem) for problem in problems]:
            return  # keep the clerk's place in the list
        ui.problems_list.clear()
        for problem in problems:
            item = QListWidgetItem(labelled(problem))
            item.setData(Qt.ItemDataRole.UserRole, problem_field(problem))
            ui.problems_list.addItem(item)
        ui.problems_list.setVisible(bool(problems))

    def _problem_chosen(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            # After the list's own signal has finished: going to the review page rebuilds the list.
            QTimer.singleShot(0, lambda: self.go_to_field(path))

    def go_to_field(self, path: str) -> None:
        """Show the step that holds the field at `path` and put the cursor in it."""
        page, _label, name = FIELDS[path]
        widget: QWidget = getattr(self.ui, name)
        self._go(page)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._scroll_to(widget)

    def _scroll_to(self, widget: QWidget) -> None:
        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(widget)

    def _mark_fields(self, problems: list[Problem]) -> None:
        """Mark each field that must change and say why under it: wrong values at once, missing ones after Save."""
        wanted: dict[QWidget, list[str]] = {}
        for problem in problems:
            path = problem_field(problem)
            if path is None or (problem.kind == "missing" and not self._save_tried):
                continue
            widget = getattr(self.ui, FIELDS[path][2])
            wanted.setdefault(widget, []).append(problem.message)
        for widget in [widget for widget in self._notes if widget not in wanted]:
            self._unmark(widget)
        for widget, messages in wanted.items():
            self._mark(widget, "; ".join(dict.fromkeys(messages)))

    def _mark(self, widget: QWidget, message: str) -> None:
        note = self._notes.get(widget)
        if note is None:
            found = self._form_row(widget)
            if found is None:
                return
            form, row = found
            note = QLabel(self)
            note.setWordWrap(True)
            note.setStyleSheet(error_style())
            form.insertRow(row + 1, "", note)
            self._notes[widget] = note
            self._descriptions[widget] = widget.accessibleDescription()
            widget.setProperty("problem", True)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        note.setText(f"⚠ {message}")
        note.setAccessibleName(f"{widget.accessibleName()}: {message}")
        widget.setToolTip(message)
        widget.setAccessibleDescription(message)

    def _unmark(self, widget: QWidget) -> None:
        note = self._notes.pop(widget)
        found = self._form_row(note)
        if found is not None:
            found[0].removeRow(found[1])
        widget.setProperty("problem", False)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        widget.setToolTip("")
        widget.setAccessibleDescription(self._descriptions.pop(widget, ""))

    def note_for(self, widget: QWidget) -> str:
        """The explanation shown under a field, or "" (for tests and screen readers alike)."""
        note = self._notes.get(widget)
        return note.text() if note is not None else ""

    def _form_row(self, widget: QWidget) -> tuple[QFormLayout, int] | None:
        for form in self.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                if _holds(form.itemAt(row, QFormLayout.ItemRole.FieldRole), widget):
                    return form, row
        return None

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
        if last:
            self._update()
        first = {0: ui.plan_combo, 1: ui.requester_type_combo, 2: ui.care_from_combo,
                 3: ui.provider_search_edit, 4: ui.save_button}[index]
        first.setFocus(Qt.FocusReason.TabFocusReason)
        if index in (0, 2):
            (ui.member_scroll if index == 0 else ui.care_scroll).verticalScrollBar().setValue(0)

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
        address = member.get("address", {})
        care = data.get("care_in_question", {})
        street = ", ".join(part for part in (address.get("line1"), address.get("line2")) if part)
        place = " ".join(part for part in (address.get("city", "") + ("," if address.get("city") else ""),
                                           address.get("state"), address.get("zip")) if part).strip(",")
        label = self.ui.plan_combo.currentText() or "not chosen"
        rows = [
            ("Plan", label), ("County", data.get("county", "")),
            ("Member", f"{member.get('first_name', '')} {member.get('last_name', '')}".strip()),
            ("Member ID", member.get("member_id", "")), ("Medi-Cal CIN", member.get("cin", "")),
            ("Date of birth", member.get("date_of_birth", "")),
            ("Sex", self.ui.sex_combo.currentText()),
            ("Address", "; ".join(part for part in (street, place) if part)),
            ("Requester", self.ui.requester_type_combo.currentText()),
            ("Received", self.ui.received_edit.text()),
            ("Care from", self.ui.care_from_combo.currentText()),
            ("Specialty", f"{care.get('taxonomy', '')} {self.taxonomy.name(care['taxonomy']) or ''}"
             if care.get("taxonomy") else ""),
            ("Reasons", ", ".join(self._reason_text(reason) for reason in data.get("reasons", []))),
            ("Diagnoses", ", ".join(data.get("diagnoses", []))),
            ("Chosen NPI", data.get("requested_provider_npi", "")),
            ("Needs transportation", "Yes" if data.get("needs_transportation") else "No"),
            ("Notes", data.get("notes", "")),
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
            self._mark(self.ui.diagnosis_edit, f"{code} is not an ICD-10-CM code; search by words, e.g. “knee”.")
            return
        # A category (I25) is not a code (ICD-10-CM Official Guidelines I.B.2): say which codes are under it,
        # in the words the evaluation uses, and add nothing.
        problem = self.intake.diagnosis_problem(code)
        if problem is not None:
            self._mark(self.ui.diagnosis_edit, problem)
            return
        if self.ui.diagnosis_edit in self._notes:
            self._unmark(self.ui.diagnosis_edit)
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

    # --- the professional: the qualified first, the engine's alternatives before them ------------------------

    def _set_up_chooser(self) -> None:
        ui = self.ui
        self.providers_model = ProviderTableModel(plan_labels(self.profiles), self, network=self.network_marker)
        self._suggested: list[str] = []
        self._suggested_for: Qualification | None = None
        self.found = Found()
        self._shown: tuple | None = None  # what the table shows: the rows, the suggested, who is qualified
        view = ui.providers_view
        view.setModel(self.providers_model)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Long titles ("Accepting new patients") wrap onto two lines over their narrow Yes/No columns.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                   | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(2 * header.fontMetrics().lineSpacing() + 12)
        samples = (SUGGESTED_MARK + "Guadalupe Hernández, MD", "Hematology & Oncology",
                   "In network (ipa-delta-valley)", "Medi-Cal", "English, Spanish", "Accepting new",
                   "San Francisco", "(714) 555-0101")
        bold = view.font()
        bold.setBold(True)
        for column, sample in enumerate(samples):  # sized from the font, so 200 % scaling stays unclipped
            width = max(QFontMetrics(bold).horizontalAdvance(sample),
                        header.fontMetrics().horizontalAdvance(sample))
            view.setColumnWidth(column, width + 24)
        view.setMinimumHeight(header.minimumHeight() + 4 * view.verticalHeader().defaultSectionSize())

        self._search_pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_pause.timeout.connect(self.refresh_professionals)
        ui.provider_search_edit.textChanged.connect(lambda _text: self._search_pause.start())
        ui.qualified_only_check.toggled.connect(self.refresh_professionals)
        ui.pages.currentChanged.connect(self._page_shown)
        view.selectionModel().currentRowChanged.connect(self._choose_row)
        ui.provider_search_edit.installEventFilter(self)  # Down goes to the matches
        view.installEventFilter(self)  # Enter and Space choose; Up from the first row goes back to the search

    def _page_shown(self, index: int) -> None:
        """Entering the professional step (by Next, a problem's link or a screenshot script) lists who fits now."""
        if self.ui.pages.widget(index) is self.ui.professional_page:
            if self.timer.isActive():
                self._update()  # the alternatives offered first come from what was just typed
            self.refresh_professionals()

    def network_marker(self, provider) -> str:
        """How a professional stands for this request, by the engine's own rule (the chooser's qualification)."""
        return self._qualification.marker(provider) if self._qualification is not None else "Choose a plan"

    def qualification(self) -> Qualification | None:
        """Who is qualified for the request as typed so far; None until the plan is chosen."""
        return self.intake.qualification(self.form_data())

    def refresh_professionals(self) -> None:
        """Search again with the search box and the filter (what the pause timer runs); keep the chosen row."""
        self._search_pause.stop()
        ui = self.ui
        qualification = self._qualification = self.qualification()
        ui.qualified_only_check.setEnabled(qualification is not None)
        filtered = qualification if ui.qualified_only_check.isChecked() else None
        found = self.intake.professionals(ui.provider_search_edit.text(), filtered, self._suggestions(qualification))
        shown = (found.providers, found.suggested, qualification)  # the marker reads the request's network
        if shown != self._shown:  # typing more of a name often finds the same rows: keep them, and the scroll
            self.providers_model.set_providers(found.providers, found.suggested)
            self._shown = shown
        self.found = found
        ui.providers_count_label.setText(self._count_text(qualification, filtered is not None))
        row = self.providers_model.row_of(ui.chosen_npi_edit.text().strip())
        if row >= 0:
            index = self.providers_model.index(row, 0)
            ui.providers_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            ui.providers_view.scrollTo(index)

    def _suggestions(self, qualification: Qualification | None) -> list[str]:
        """The live determination's alternatives. Once a qualified professional is chosen the engine offers none;
        the chooser keeps showing the last ones until what makes someone qualified changes."""
        offered = [alternative.npi for alternative in self.determination.alternatives] if self.determination else []
        if offered or qualification != self._suggested_for or not self.ui.chosen_npi_edit.text().strip():
            self._suggested, self._suggested_for = offered, qualification
        return self._suggested

    def _count_text(self, qualification: Qualification | None, filtered: bool) -> str:
        found = self.found
        count = len(found.providers)
        if qualification is None:
            text = (f"{count} professional{'s' if count != 1 else ''} from the whole directory. Choose the member's "
                    "plan (step 1) to see who is qualified and in network.")
        elif filtered:
            plan = plan_labels(self.profiles).get(qualification.plan, qualification.plan)
            code = _first_word(self.ui.taxonomy_edit.text())
            if code:
                specialty = f"{self.taxonomy.name(code) or code} or an equivalent specialty"
            elif qualification.taxonomies is not None:
                specialty = "primary care"
            else:
                specialty = "any specialty (enter the specialty on step 3 to narrow)"
            network = f"health network {qualification.group}" if qualification.group else f"the {plan} network"
            if qualification.prefer:
                network += f" (health network {qualification.prefer} first)"
            text = (f"{count} qualified professional{'s' if count != 1 else ''}: in {network}, {specialty}. "
                    "Untick the box to search the whole directory.")
        else:
            text = f"{count} professional{'s' if count != 1 else ''} from the whole directory."
        if found.more:
            text += " More match: type more (a surname, the city) to narrow."
        if found.suggested:
            text += f" {SUGGESTED_MARK}Bold: suggested by the determination."
        return text

    def _into_matches(self) -> None:
        """Down in the search box: the matches, with the first (or the chosen) row current, which chooses it."""
        if self._search_pause.isActive():
            self.refresh_professionals()
        view = self.ui.providers_view
        if self.providers_model.rowCount() == 0:
            return
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not view.currentIndex().isValid():
            view.selectionModel().setCurrentIndex(
                self.providers_model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _choose_row(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        provider = self.providers_model.provider_at(current.row()) if current.isValid() else None
        if provider is not None:
            self.ui.chosen_npi_edit.setText(provider.npi)

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
        self._last_data = data
        try:
            self.autosaver.flush()
            self._show_offline()
            if self.autosaver.offline:  # kept on this computer; the request itself needs the server
                raise ServerUnavailable([SERVER_AWAY])
            submitted = self.service.submit_draft(
                self.autosaver.case_id,
                confirm_duplicates=lambda request, duplicates: self._confirm_duplicates(request.member.full_name,
                                                                                      duplicates))
            if submitted is None:
                return False  # the clerk goes back to check: the draft is kept
        except InputProblem as problem:
            self._save_tried = True
            self._show_problems(problem.items, "Not saved yet; the draft is kept. Fix")
            return False
        self._submitted = True
        self.saved.emit(submitted.case.id)
        self.accept()
        return True

    def _confirm_duplicates(self, member: str, duplicates: list[Case]) -> bool:
        """Ask before a second open request about the same care: True to save anyway."""
        save, back = "&Save anyway", "&Go back"
        return dialogs.ask(self, "Possible duplicate request", f"{member} already has an open request about the "
                           "same care:", [save, back], default=back, escape=back,
                           informative=f"{duplicates_text(duplicates)}\n\nSave this one as well, or go back and "
                                       "check?") == save

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        ui, key = self.ui, event.key()
        if watched is ui.diagnosis_edit and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._add_diagnosis()
            return True
        if watched is ui.provider_search_edit and key == Qt.Key.Key_Down:
            self._into_matches()
            return True
        if watched is ui.providers_view:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
                self._choose_row(ui.providers_view.currentIndex())  # chosen; Enter does not also press Next
                return True
            if key == Qt.Key.Key_Up and ui.providers_view.currentIndex().row() <= 0:
                ui.provider_search_edit.setFocus(Qt.FocusReason.BacktabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def done(self, result: int) -> None:
        # Closing keeps the work: whatever was typed since the last autosave is written as the draft.
        if not self._submitted:
            self.timer.stop()
            data = self.form_data()
            if data != (self._last_data or self._blank):
                self.autosaver.changed(data)
            try:
                self.autosaver.flush()  # with the server away: kept on this computer (the desk says so)
            except InputProblem:
                pass  # nowhere to keep it (a SQLite file that went away): the last autosave stands
        super().done(result)

