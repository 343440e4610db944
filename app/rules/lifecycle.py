"""Which status may follow which, and the clocks each status keeps running. Pure: no I/O, no clock reads."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from app.domain.cases import FINISHED, LABELS, Case, Clocks, Status
from app.domain.time import LOS_ANGELES

# 42 CFR 438.210(d)(1)(i): a standard decision may be extended by up to 14 more calendar days.
EXTENSION_DAYS = 14
DEFAULT_REPORT_DUE_DAYS = 30

S = Status
TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.draft: frozenset({S.submitted}),
    S.submitted: frozenset({S.ready_to_schedule, S.pending_authorization}),
    S.ready_to_schedule: frozenset({S.consult_scheduled}),
    S.pending_authorization: frozenset({S.approved, S.modified, S.denied, S.pended}),
    # One extension only: after a pend the plan must decide.
    S.pended: frozenset({S.approved, S.modified, S.denied}),
    S.approved: frozenset({S.consult_scheduled}),
    S.modified: frozenset({S.consult_scheduled}),
    S.denied: frozenset({S.closed}),
    # A consult may be moved to another date or professional.
    S.consult_scheduled: frozenset({S.consult_scheduled, S.report_requested, S.report_received}),
    S.report_requested: frozenset({S.report_received}),
    S.report_received: frozenset({S.closed}),
    S.closed: frozenset(),
    S.withdrawn: frozenset(),
}
# Withdrawn from any open state.
TRANSITIONS = {
    status: targets | ({S.withdrawn} if status not in FINISHED else frozenset())
    for status, targets in TRANSITIONS.items()
}


class IllegalTransition(ValueError):
    def __init__(self, current: Status, wanted: Status) -> None:
        allowed = sorted(TRANSITIONS[current], key=list(Status).index)
        if allowed:
            choices = ", ".join(f"{LABELS[s]} ({s.value})" for s in allowed)
            hint = f"From {LABELS[current]} it can go to: {choices}."
        else:
            hint = f"{LABELS[current]} is final: nothing can follow it."
        super().__init__(f"A request that is {LABELS[current]} cannot become {LABELS[wanted]}. {hint}")
        self.current, self.wanted = current, wanted


def check_transition(current: Status, wanted: Status) -> None:
    if wanted not in TRANSITIONS[current]:
        raise IllegalTransition(current, wanted)


def after_submission(authorization_required: bool, eligible: str) -> Status:
    """No authorization and clearly eligible: schedule it. Anything else waits for a decision."""
    if not authorization_required and eligible == "yes":
        return S.ready_to_schedule
    return S.pending_authorization


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=LOS_ANGELES)


def extension_deadline(decision_due: datetime, requested: date | None = None) -> datetime:
    """The pended clock: the requested date, never more than 14 calendar days past the original deadline."""
    latest = end_of_day(decision_due.astimezone(LOS_ANGELES).date() + timedelta(days=EXTENSION_DAYS))
    if requested is None:
        return latest
    return min(end_of_day(requested), latest)


def clocks_for(case: Case, report_due_days: int = DEFAULT_REPORT_DUE_DAYS) -> Clocks:
    """The clocks still running for a case, derived from its stored facts only."""
    determination = case.determination
    status = case.status
    if determination is None or status in FINISHED or status == S.draft:
        return Clocks()
    decision_due = None
    if status == S.pending_authorization:
        decision_due = determination.decision_due
    elif status == S.pended:
        decision_due = case.extension_due or determination.decision_due
    consult_due = None
    if determination.consult_due is not None and status in (
        S.submitted, S.ready_to_schedule, S.pending_authorization, S.pended, S.approved, S.modified
    ):
        consult_due = determination.consult_due
    report_due = None
    if case.consult is not None and status in (S.consult_scheduled, S.report_requested):
        report_due = end_of_day(case.consult.scheduled_for + timedelta(days=report_due_days))
    return Clocks(decision_due=decision_due, consult_due=consult_due, report_due=report_due)
