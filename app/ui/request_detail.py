"""One request: its determination with citations, its clocks and history, and the next steps a clerk records.

Only the steps the lifecycle allows from the current status are enabled; every step goes through the case
service with the version shown, so a change made at another desk meanwhile is refused with a message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.cases import LABELS, Case, Status
from app.domain.models import Determination
from app.errors import InputProblem
from app.domain.time import format_pacific
from app.services.cases import CaseService, Outcome
from app.services.summary import summary_rows
from app.ui.forms.ui_request_detail import Ui_RequestDetail
from app.ui.screen import fit_to_screen
from app.ui.theme import colours, error_style



def determination_html(determination: Determination) -> str:
    """The determination as the clerk reads it; every string escaped (names may hold '<' or '&'); severities
    coloured for the palette in use."""
    d = determination
    severity_colours = colours()

    table = "".join(f"<tr><td><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>"
                    for label, value in summary_rows(d))
    findings = "".join(
        f"<li><span style='color:{severity_colours[f.severity.value]}'><b>{escape(f.severity.value.upper())}</b></span>"
        f" {escape(f.message)}<br><i>{escape(f.citation)}</i></li>"
        for f in d.findings
    )
    alternatives = "".join(
        f"<li>{escape(a.name)} (NPI {escape(a.npi)}){', ' + escape(a.specialty) if a.specialty else ''}"
        f"{', ' + escape(a.city) if a.city else ''}{', ' + escape(a.phone) if a.phone else ''}</li>"
        for a in d.alternatives
    )
    parts = [f"<p>{escape(d.plan_name)}; {escape(d.policy_revision)}</p>", f"<table cellpadding='3'>{table}</table>"]
    if alternatives:
        parts.append(f"<p><b>Qualified in-network professionals</b></p><ul>{alternatives}</ul>")
    parts.append(f"<p><b>Why</b></p><ul>{findings}</ul>")
    return "".join(parts)


class RequestDetailDialog(QDialog):
    changed = Signal(int)  # the case id, after a step was recorded

    def __init__(self, service: CaseService, case_id: int, parent: QWidget | None = None, *, letters=None,
                 sent: Callable[[int], list] | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RequestDetail()
        self.ui.setupUi(self)
        fit_to_screen(self)  # the designed size, or less on a small or 200 %-scaled screen
        self.ui.error_label.setStyleSheet(error_style())  # readable in a light or a dark palette
        self.service = service
        self._sent = sent  # when the request went to the plan (ExportService.sent), if known
        self.case: Case = service.get_for_view(case_id)  # opening a request is recorded in the audit trail
        today = QDate.currentDate()
        for edit in (self.ui.valid_from_edit, self.ui.valid_to_edit, self.ui.date_edit):
            edit.setDate(today)
        self.ui.valid_to_edit.setDate(today.addDays(90))
        if self.case.request and self.case.request.requested_provider_npi:
            self.ui.npi_edit.setText(self.case.request.requested_provider_npi)  # the professional chosen at intake
        self.ui.button_box.rejected.connect(self.reject)
        steps = {
            self.ui.approve_button: self._approve,
            self.ui.modify_button: lambda: self._decide(Outcome.modified),
            self.ui.deny_button: lambda: self._decide(Outcome.denied),
            self.ui.pend_button: lambda: self._decide(Outcome.pended),
            self.ui.schedule_button: self._schedule,
            self.ui.report_requested_button: lambda: self._step(self.service.request_report, self.case.id,
                                                                 expected_version=self.case.version),
            self.ui.report_received_button: lambda: self._step(self.service.report_received, self.case.id,
                                                               self._date(self.ui.date_edit),
                                                               expected_version=self.case.version),
            self.ui.close_request_button: lambda: self._step(self.service.close, self.case.id,
                                                             expected_version=self.case.version),
            self.ui.withdraw_button: lambda: self._step(self.service.withdraw, self.case.id, self._reason(),
                                                        expected_version=self.case.version),
        }
        for button, action in steps.items():
            button.clicked.connect(action)
        self._targets = {
            self.ui.approve_button: Status.approved, self.ui.modify_button: Status.modified,
            self.ui.deny_button: Status.denied, self.ui.pend_button: Status.pended,
            self.ui.schedule_button: Status.consult_scheduled,
            self.ui.report_requested_button: Status.report_requested,
            self.ui.report_received_button: Status.report_received,
            self.ui.close_request_button: Status.closed, self.ui.withdraw_button: Status.withdrawn,
        }
        self.letters_panel = None
        if letters is not None:  # the letter service (app.services.letters): the Letters tab
            from app.ui.letters_panel import LettersPanel

            self.letters_panel = LettersPanel(letters, case_id, self)
            self.ui.tabs.addTab(self.letters_panel, "&Letters")
            self.changed.connect(lambda _id: self.letters_panel.refresh())
        self._show()

    def show_letters(self) -> None:
        if self.letters_panel is not None:
            self.ui.tabs.setCurrentWidget(self.letters_panel)
            self.letters_panel.ui.letters_table.setFocus()

    # --- showing --------------------------------------------------------------------------------------------

    def _show(self) -> None:
        case = self.case
        self.setWindowTitle(f"Request #{case.id}: {case.member_label}")
        urgent = " (urgent)" if case.request and case.request.urgent else ""
        self.ui.title_label.setText(
            f"<b>#{case.id} {escape(case.member_label)}</b>{urgent}: {escape(LABELS[case.status])}, "
            f"version {case.version}")
        running = case.clocks.running()
        clocks = "Deadlines: " + ("; ".join(f"{name} due {format_pacific(due)}" for name, due in running)
                                  or "none running")
        sent = self._sent(case.id) if self._sent is not None else []
        if sent:
            clocks += "\nSent to the plan: " + "; ".join(
                f"batch {s.batch_id} line {s.line}, {format_pacific(s.created_at)} by {s.who}" for s in sent)
        self.ui.clocks_label.setText(clocks)
        if case.determination:
            self.ui.determination_view.setHtml(determination_html(case.determination))
        else:
            self.ui.determination_view.setPlainText("Not evaluated yet: this is a draft.")
        history = "".join(
            f"<li>{escape(format_pacific(h.at))}, {escape(h.who)}: "
            f"{escape(LABELS[h.from_status]) if h.from_status else 'new'} &rarr; {escape(LABELS[h.to_status])}"
            f"{': ' + escape(h.why) if h.why else ''}</li>"
            for h in case.history
        )
        self.ui.history_view.setHtml(f"<ul>{history}</ul>")
        allowed = self.service.next_steps(case.status)
        for button, target in self._targets.items():
            button.setEnabled(target in allowed)
            button.setToolTip("" if target in allowed else
                              f"Not possible while the request is {LABELS[case.status]}")

    # --- recording a step -----------------------------------------------------------------------------------

    @staticmethod
    def _date(edit) -> date:
        return edit.date().toPython()

    def _reason(self) -> str:
        return self.ui.reason_edit.toPlainText().strip()

    def _approve(self) -> None:
        self._decide(Outcome.approved)

    def _decide(self, outcome: Outcome) -> None:
        self._step(
            self.service.decide, self.case.id, outcome,
            reason=self._reason() or None,
            authorization_number=self.ui.auth_edit.text().strip() or None,
            valid_from=self._date(self.ui.valid_from_edit) if outcome in (Outcome.approved, Outcome.modified)
            else None,
            valid_to=self._date(self.ui.valid_to_edit) if outcome in (Outcome.approved, Outcome.modified) else None,
            expected_version=self.case.version,
        )

    def _schedule(self) -> None:
        self._step(self.service.schedule_consult, self.case.id, self._date(self.ui.date_edit),
                   self.ui.npi_edit.text().strip(), expected_version=self.case.version)

    def _step(self, action, *args, **kwargs) -> None:
        try:
            self.case = action(*args, **kwargs)
        except InputProblem as problem:
            self.ui.error_label.setText(problem.render())
            return
        self.ui.error_label.setText("")
        self.case = self.service.get(self.case.id)  # with its history
        self._show()
        self.changed.emit(self.case.id)
