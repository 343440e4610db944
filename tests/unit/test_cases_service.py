"""The case file on a real SQLite file and a real PostgreSQL server: intake, decisions, consult, report, clocks, conflicts, duplicates."""

from datetime import date, datetime, timedelta

import pytest

from app.domain.cases import Status
from app.domain.time import LOS_ANGELES
from app.services.cases import CaseProblem, Outcome
from app.storage.cases import CaseFilter
from tests.factories import ORTHO_HAKOBYAN, make_request
from tests.support.desks import SYNTHETIC_NOW as NOW
from tests.support.desks import Clock, build_desk


@pytest.fixture
def service(seeded_desk):
    return seeded_desk.cases


def test_submitted_request_needing_authorization_waits_with_its_decision_clock(service):
    submitted = service.submit(make_request())  # CalOptima authorizes every request
    case = submitted.case
    assert case.status == Status.pending_authorization
    assert [(h.from_status, h.to_status) for h in case.history] == [
        (None, Status.submitted), (Status.submitted, Status.pending_authorization)]
    assert case.history[0].who == "clerk.one"
    assert "engine 1.0.0" in case.history[0].why and "GG.1538" in case.history[0].why
    assert case.clocks.decision_due.isoformat() == "2025-03-10T23:59:59-07:00"
    assert case.determination.engine_version == "1.0.0"
    assert case.version == 2


def test_in_network_request_without_authorization_is_ready_to_schedule(service):
    case = service.submit(make_request(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN)).case
    assert case.status == Status.ready_to_schedule
    assert case.clocks.decision_due is None


def test_the_whole_life_of_an_approved_request(service):
    case = service.submit(make_request(urgent=True)).case
    assert case.clocks.consult_due is not None
    case = service.decide(case.id, Outcome.approved, authorization_number="AUTH-778", valid_from=date(2025, 3, 4),
                          valid_to=date(2025, 6, 4))
    assert case.status == Status.approved and case.authorization.number == "AUTH-778"
    assert case.clocks.decision_due is None and case.clocks.consult_due is not None
    case = service.schedule_consult(case.id, date(2025, 3, 5), ORTHO_HAKOBYAN)
    assert case.clocks.consult_due is None
    assert case.clocks.report_due.isoformat() == "2025-04-04T23:59:59-07:00"
    case = service.request_report(case.id)
    case = service.report_received(case.id, date(2025, 3, 20))
    assert case.clocks.running() == []
    case = service.close(case.id)
    assert case.status == Status.closed
    assert [h.to_status for h in case.history] == [
        Status.submitted, Status.pending_authorization, Status.approved, Status.consult_scheduled,
        Status.report_requested, Status.report_received, Status.closed]


def test_denial_needs_its_reasons(service):
    case = service.submit(make_request()).case
    with pytest.raises(CaseProblem, match="reason: required when the request is denied"):
        service.decide(case.id, Outcome.denied)
    denied = service.decide(case.id, Outcome.denied, reason="Criteria GG.1538 II.C not met: no surgery proposed")
    assert denied.decision_reason.startswith("Criteria") and denied.clocks.running() == []


def test_approval_needs_an_authorization_number(service):
    case = service.submit(make_request()).case
    with pytest.raises(CaseProblem, match="authorization number: required"):
        service.decide(case.id, Outcome.approved)


def test_pending_for_information_runs_the_extension_clock(service):
    case = service.submit(make_request()).case
    pended = service.decide(case.id, Outcome.pended, reason="Need the MRI report")
    assert pended.status == Status.pended
    assert pended.clocks.decision_due.isoformat() == "2025-03-24T23:59:59-07:00"
    assert pended.extension_reason == "Need the MRI report"
    with pytest.raises(CaseProblem, match="cannot become Pended"):
        service.decide(case.id, Outcome.pended, reason="again")


def test_illegal_transition_is_refused_and_nothing_changes(service):
    case = service.submit(make_request()).case
    with pytest.raises(CaseProblem) as raised:
        service.close(case.id)
    assert "cannot become Closed" in raised.value.render() and "Approved" in raised.value.render()
    assert service.get(case.id).version == case.version


def test_withdraw_from_an_open_state_needs_a_reason(service):
    case = service.submit(make_request()).case
    with pytest.raises(CaseProblem, match="say why"):
        service.withdraw(case.id, " ")
    withdrawn = service.withdraw(case.id, "Member chose to proceed with surgery")
    assert withdrawn.status == Status.withdrawn and withdrawn.history[-1].why.startswith("Member chose")
    with pytest.raises(CaseProblem, match="final"):
        service.withdraw(case.id, "twice")


def test_unknown_id_says_how_to_find_ids(service):
    with pytest.raises(CaseProblem, match="no request #999"):
        service.get(999)


def test_an_edit_based_on_an_older_version_is_refused(tmp_path):
    path = tmp_path / "shared.sqlite3"
    desk_one = build_desk(path, who="desk.one").cases
    desk_two = build_desk(path, who="desk.two").cases
    case = desk_one.submit(make_request()).case
    seen_by_two = desk_two.get(case.id)
    desk_one.decide(case.id, Outcome.approved, authorization_number="A-1", expected_version=case.version)
    with pytest.raises(CaseProblem) as raised:
        desk_two.decide(case.id, Outcome.denied, reason="late", expected_version=seen_by_two.version)
    assert "changed at another desk" in raised.value.render() and "nothing was overwritten" in raised.value.render()
    stored = desk_one.get(case.id)
    assert stored.status == Status.approved and stored.authorization.number == "A-1"


def test_duplicate_check_names_the_open_request(service):
    first = service.submit(make_request()).case
    again = service.submit(make_request(reasons=["not_improving"]))  # same member, same specialty
    assert [case.id for case in again.duplicates] == [first.id]
    other_member = service.submit(make_request(member={"member_id": "TST000002"}))
    assert other_member.duplicates == []


def test_closed_requests_are_not_duplicates(service):
    first = service.submit(make_request()).case
    service.withdraw(first.id, "changed mind")
    assert service.submit(make_request()).duplicates == []


def test_clock_queries_overdue_due_within_and_filters(tmp_path):
    clock = Clock(NOW)
    service = build_desk(tmp_path / "q.sqlite3", clock=clock).cases
    routine = service.submit(make_request()).case  # due Mon 10 March 23:59:59
    urgent = service.submit(make_request(urgent=True, member={"member_id": "TST000009"})).case  # Thu 6 Mar 10:00
    hpsj = service.submit(make_request(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN,
                                       member={"member_id": "TST000003"})).case
    repo = service.repository
    ids = lambda where: [case.id for case in repo.find(where)]  # noqa: E731
    assert ids(CaseFilter(open_only=True)) == [urgent.id, routine.id, hpsj.id]  # by next due, undated last
    at = datetime(2025, 3, 7, 9, 0, tzinfo=LOS_ANGELES)
    assert ids(CaseFilter(overdue_at=at)) == [urgent.id]
    assert ids(CaseFilter(due_before=NOW + timedelta(days=8))) == [urgent.id, routine.id]
    assert ids(CaseFilter(plan="hpsj-medi-cal")) == [hpsj.id]
    assert ids(CaseFilter(statuses=(Status.ready_to_schedule,))) == [hpsj.id]
    assert ids(CaseFilter(text="testc")) == [urgent.id, routine.id, hpsj.id]
    assert ids(CaseFilter(text="TST000003")) == [hpsj.id]
    assert repo.count(CaseFilter(open_only=True)) == 3


def test_clocks_are_stored_in_utc_and_read_back_in_pacific_time(service):
    case = service.submit(make_request(received_at="2025-11-01T10:00:00", urgent=True)).case
    row = service.repository.db.execute("SELECT decision_due FROM requests WHERE id = ?", [case.id]).fetchone()
    assert row[0] == "2025-11-04T17:00:00Z"
    assert service.get(case.id).clocks.decision_due.isoformat() == "2025-11-04T09:00:00-08:00"


def test_repository_refuses_a_write_when_the_row_moved_on_between_read_and_write(service):
    from app.storage.cases import StaleVersion

    case = service.submit(make_request()).case
    service.repository.db.execute("UPDATE requests SET version = version + 1 WHERE id = ?", [case.id])
    with pytest.raises(StaleVersion):
        service.repository.save(case, expected_version=case.version, who="x")


def test_two_processes_on_one_file_never_lose_an_update(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "two-desks.sqlite3"
    mine = build_desk(path, who="desk.one").cases
    case = mine.submit(make_request()).case
    other_desk = (
        "from tests.support.desks import build_desk\n"
        "from app.services.cases import Outcome\n"
        f"s = build_desk({str(path)!r}, who='desk.two').cases\n"
        f"s.decide({case.id}, Outcome.approved, authorization_number='FROM-DESK-TWO', expected_version={case.version})\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", other_desk], check=True, cwd=root, timeout=60)
    with pytest.raises(CaseProblem, match="changed at another desk"):
        mine.decide(case.id, Outcome.denied, reason="mine", expected_version=case.version)
    stored = mine.get(case.id)
    assert stored.authorization.number == "FROM-DESK-TWO"
    assert [h.who for h in stored.history][-1] == "desk.two"
