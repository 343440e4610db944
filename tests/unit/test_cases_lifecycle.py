"""A request's life: each transition legal or refused with what is allowed; clocks from stored facts."""

from datetime import date, datetime, timedelta

import pytest

from app.domain.cases import FINISHED, Case, Consult, Status
from app.domain.time import LOS_ANGELES
from app.rules.lifecycle import (
    TRANSITIONS,
    IllegalTransition,
    after_submission,
    check_transition,
    clocks_for,
    extension_deadline,
)

S = Status
LEGAL = [
    (S.draft, S.submitted), (S.submitted, S.ready_to_schedule), (S.submitted, S.pending_authorization),
    (S.pending_authorization, S.approved), (S.pending_authorization, S.modified),
    (S.pending_authorization, S.denied), (S.pending_authorization, S.pended),
    (S.pended, S.approved), (S.pended, S.modified), (S.pended, S.denied),
    (S.approved, S.consult_scheduled), (S.modified, S.consult_scheduled), (S.ready_to_schedule, S.consult_scheduled),
    (S.consult_scheduled, S.consult_scheduled), (S.consult_scheduled, S.report_requested),
    (S.consult_scheduled, S.report_received), (S.report_requested, S.report_received),
    (S.report_received, S.closed), (S.denied, S.closed),
]


@pytest.mark.parametrize(("current", "wanted"), LEGAL)
def test_legal_transitions(current, wanted):
    check_transition(current, wanted)


@pytest.mark.parametrize("current", sorted(set(Status) - FINISHED))
def test_withdrawn_from_any_open_state(current):
    check_transition(current, S.withdrawn)


ILLEGAL = [(current, wanted) for current in Status for wanted in Status
           if (current, wanted) not in LEGAL and not (wanted == S.withdrawn and current not in FINISHED)]


@pytest.mark.parametrize(("current", "wanted"), ILLEGAL)
def test_every_other_transition_is_refused_saying_what_is_allowed(current, wanted):
    with pytest.raises(IllegalTransition) as raised:
        check_transition(current, wanted)
    message = str(raised.value)
    assert "cannot become" in message
    if TRANSITIONS[current]:
        assert "it can go to:" in message
    else:
        assert "is final" in message


def test_a_second_extension_is_refused():
    with pytest.raises(IllegalTransition, match="Pended for information cannot become Pended"):
        check_transition(S.pended, S.pended)


def test_submission_goes_to_scheduling_only_without_authorization_and_clearly_eligible():
    assert after_submission(False, "yes") == S.ready_to_schedule
    assert after_submission(True, "yes") == S.pending_authorization
    assert after_submission(False, "review") == S.pending_authorization
    assert after_submission(False, "no") == S.pending_authorization


def test_42_cfr_438_210d1i_extension_up_to_14_more_calendar_days():
    due = datetime(2026, 11, 27, 23, 59, 59, tzinfo=LOS_ANGELES)
    assert extension_deadline(due).isoformat() == "2026-12-11T23:59:59-08:00"
    assert extension_deadline(due, date(2026, 12, 4)).isoformat() == "2026-12-04T23:59:59-08:00"
    assert extension_deadline(due, date(2027, 1, 30)).isoformat() == "2026-12-11T23:59:59-08:00"


def test_extension_across_the_dst_change_ends_at_local_midnight():
    due = datetime(2026, 10, 30, 23, 59, 59, tzinfo=LOS_ANGELES)  # PDT; DST ends 1 Nov
    assert extension_deadline(due).isoformat() == "2026-11-13T23:59:59-08:00"


def _case(status, determination, **fields):
    now = datetime(2026, 11, 20, 9, 0, tzinfo=LOS_ANGELES)
    return Case(id=1, version=1, status=status, determination=determination, created_at=now, updated_at=now,
                **fields)


@pytest.fixture
def urgent_determination(determine):
    return determine(urgent=True, received_at="2026-11-20T09:00:00")


def test_clocks_follow_the_status(urgent_determination):
    d = urgent_determination
    pending = clocks_for(_case(S.pending_authorization, d))
    assert pending.decision_due == d.decision_due and pending.consult_due == d.consult_due
    approved = clocks_for(_case(S.approved, d))
    assert approved.decision_due is None and approved.consult_due == d.consult_due
    consult = Consult(scheduled_for=date(2026, 11, 22), npi="1000000012")
    scheduled = clocks_for(_case(S.consult_scheduled, d, consult=consult))
    assert scheduled.consult_due is None
    assert scheduled.report_due.isoformat() == "2026-12-22T23:59:59-08:00"
    assert clocks_for(_case(S.consult_scheduled, d, consult=consult), report_due_days=10).report_due.day == 2
    assert clocks_for(_case(S.report_received, d, consult=consult)).running() == []
    assert clocks_for(_case(S.closed, d)).running() == []


def test_pended_clock_is_the_extension(urgent_determination):
    extended = urgent_determination.decision_due + timedelta(days=10)
    clocks = clocks_for(_case(S.pended, urgent_determination, extension_due=extended))
    assert clocks.decision_due == extended
    assert clocks.next_due == min(extended, urgent_determination.consult_due)
