"""Which letters a case calls for, from its stored facts alone. Pure: no I/O, the day is an argument."""

from __future__ import annotations

from datetime import date

from app.domain.cases import Case, Status
from app.letters.model import LetterKind

S = Status
# The opinion may go ahead: authorized, or needing no authorization (HPSJ II.A, Partnership VI.A, Anthem IV).
GOING_AHEAD = frozenset({S.approved, S.modified, S.ready_to_schedule, S.consult_scheduled, S.report_requested,
                         S.report_received})
REPORT_OUTSTANDING = frozenset({S.consult_scheduled, S.report_requested})


def was_denied(case: Case) -> bool:
    """Denied now, or closed after a denial."""
    if case.status == S.denied:
        return True
    if case.status == S.closed:
        decisions = [entry.to_status for entry in case.history if entry.to_status in (S.approved, S.modified,
                                                                                        S.denied)]
        return bool(decisions) and decisions[-1] == S.denied
    return False


def letters_for(case: Case, today: date) -> list[LetterKind]:
    """The kinds of letter this case needs now, in the order they are printed."""
    if case.request is None:
        return []
    kinds: list[LetterKind] = []
    denied = was_denied(case)
    if case.status in GOING_AHEAD:
        kinds += [LetterKind.referral, LetterKind.member_approval]
    if case.status in REPORT_OUTSTANDING and case.consult is not None:
        report_due = case.clocks.report_due
        if report_due is not None and report_due.date() < today:
            kinds.append(LetterKind.consult_report_overdue)
        else:
            kinds.append(LetterKind.consult_report_request)
    if case.status == S.pended and case.extension_due is not None:
        kinds.append(LetterKind.member_delay)
    if denied:
        kinds.append(LetterKind.member_denial)
        determination = case.determination
        # GG.1538 III.D.1: an unauthorized out-of-network opinion is the member's to pay; say so, with appeal rights.
        if determination is not None and determination.network == "out":
            kinds.append(LetterKind.member_financial_responsibility)
    return kinds
