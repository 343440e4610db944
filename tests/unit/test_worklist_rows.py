"""The worklist read from plain columns (app.storage.worklist): the desk's first screen, before the models load.

Its rows must say exactly what the full cases say, and it must only take the fast path on a database that has
what it reads."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from app.domain.members import completed_from_roster
from app.domain.models import Address
from app.domain.time import LOS_ANGELES
from app.rules.plan_names import plan_names
from app.rules.profiles import default_profiles
from app.services.cases import Outcome
from app.storage.db import MIGRATIONS, open_db
from app.storage.worklist import WORKLIST_NEEDS, CaseFilter, WorklistRow, from_utc_text, open_worklist, utc_text
from tests.factories import ORTHO_HAKOBYAN, make_request, roster_member
from tests.support.desks import Clock, build_desk

RECEIVED = datetime(2026, 2, 2, 9, 30, tzinfo=LOS_ANGELES)


def one_line(address) -> str:
    place = " ".join(part for part in (address.state, address.zip) if part)
    return ", ".join(part for part in (address.line1, address.line2, address.city, place) if part)


def row_from_case(case, directory, roster) -> WorklistRow:
    """What the worklist shows, worked out from the full case, the directory and the roster (the reference)."""
    request = case.request
    language, address, from_roster = "", "", ()
    if request is not None:
        member, from_roster = completed_from_roster(request.member,
                                                    roster.get(request.member.member_id, request.plan))
        language = member.language or ""
        address = one_line(member.address) if member.address.has_any() else ""

    def named(npi):
        found = directory.get(npi)
        return found.display_name if found else f"NPI {npi}"

    if case.consult:
        professional = case.consult.name or named(case.consult.npi)
    elif request and request.requested_provider_npi:
        professional = named(request.requested_provider_npi)
    else:
        professional = "not chosen"
    return WorklistRow(
        id=case.id, status=case.status, member=case.member_label,
        plan=case.determination.plan_name if case.determination else (request.plan if request else ""),
        urgent=bool(request and request.urgent), professional=professional,
        decision_due=case.clocks.decision_due, consult_due=case.clocks.consult_due,
        report_due=case.clocks.report_due, language=language, address=address, from_roster=from_roster,
    )


@pytest.fixture
def desk(tmp_path):
    path = tmp_path / "desk.sqlite3"
    service = build_desk(path, clock=Clock(RECEIVED)).cases
    service.submit(make_request(member={"last_name": "Nguyễn", "first_name": "Thảo"}))
    service.submit(make_request(urgent=True, member={"member_id": "TST000002", "last_name": "Ávila"}))
    roster = service.evaluator.roster  # the plan's file gives one member the language the request lacks
    roster.upsert_many([roster_member(member_id="TST000007", address=Address())])
    service.submit(make_request(member={"member_id": "TST000007", "last_name": "Trần", "first_name": "Mai",
                                        "language": None}))
    ready = service.submit(make_request(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN,
                                        member={"member_id": "TST000003", "last_name": "Zhou"})).case
    service.schedule_consult(ready.id, date(2026, 2, 10), ORTHO_HAKOBYAN, "Armen Hakobyan, MD")
    pending = service.submit(make_request(member={"member_id": "TST000004", "last_name": "O'Brien"})).case
    service.decide(pending.id, Outcome.denied, reason="not medically necessary")
    service.submit(make_request(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN,
                                member={"member_id": "TST000006", "last_name": "Lee"}))
    service.save_draft({"member": {"last_name": "Pérez", "member_id": "TST000005"}})
    service.save_draft({"member": {"last_name": 42}, "plan": ["not", "text"]})  # whatever was typed
    return path, service


def test_worklist_rows_say_what_the_full_cases_say(desk):
    _path, service = desk
    everything = CaseFilter()
    rows = service.worklist(everything, limit=100)
    directory = service.evaluator.directory
    roster = service.evaluator.roster
    assert rows == [row_from_case(case, directory, roster) for case in service.find(everything, limit=100)]
    assert ("Vietnamese", ("language",)) in {(row.language, row.from_roster) for row in rows}
    members = {row.member for row in rows}
    assert {"Nguyễn, Thảo", "Pérez", "(draft)"} <= members
    assert "Armen Hakobyan, MD" in {row.professional for row in rows}  # the consult's name as recorded
    assert "Armen Հակոբյան, MD" in {row.professional for row in rows}  # the requested one, from the directory


@pytest.mark.parametrize("order", ["due", "newest", "name", "plan", "status", "decision_due", "report_due"])
def test_every_order_and_filter_gives_the_same_ids_as_the_case_repository(desk, order):
    _path, service = desk
    for where in (CaseFilter(), CaseFilter(open_only=True), CaseFilter(text="nguyen"), CaseFilter(plan="hpsj-medi-cal")):
        for descending in (False, True):
            rows = service.worklist(where, limit=3, offset=1, order=order, descending=descending)
            cases = service.find(where, limit=3, offset=1, order=order, descending=descending)
            assert [row.id for row in rows] == [case.id for case in cases]


def test_the_fast_path_opens_a_current_database_read_only(desk):
    path, service = desk
    reader = open_worklist(path)
    assert reader is not None
    assert reader.count(CaseFilter()) == service.count(CaseFilter())
    assert not reader.is_empty()
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        reader.connection.execute("DELETE FROM requests")
    assert service.count(CaseFilter()) == 8


def test_the_fast_path_refuses_what_needs_the_full_start(tmp_path):
    assert open_worklist(tmp_path / "missing.sqlite3") is None
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database", encoding="utf-8")
    assert open_worklist(text) is None
    old = tmp_path / "old.sqlite3"  # a desk from before the worklist index: upgraded first, then shown
    db = sqlite3.connect(old)
    db.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, "
               "applied_at TEXT)")
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name) VALUES ('sodesk', 'm001_providers')")
    db.commit()
    db.close()
    assert open_worklist(old) is None
    assert open_worklist(tmp_path) is None  # a folder


def test_what_the_worklist_reads_is_the_first_migrations_of_the_schema():
    assert tuple(migration.__name__ for migration in MIGRATIONS)[: len(WORKLIST_NEEDS)] == WORKLIST_NEEDS


def test_a_fresh_database_is_empty_for_the_fast_path(tmp_path):
    open_db(tmp_path / "fresh.sqlite3").close()
    assert open_worklist(tmp_path / "fresh.sqlite3").is_empty()


def test_plan_names_without_validation_match_the_validated_profiles():
    profiles = default_profiles()
    assert plan_names() == [(plan_id, profiles[plan_id].name) for plan_id in profiles]


def test_plan_names_of_a_plan_that_extends_another_and_of_an_unreadable_file(tmp_path):
    (tmp_path / "base.toml").write_text('id = "base"\nname = "Base Plan"\n', encoding="utf-8")
    (tmp_path / "child.toml").write_text('extends = "base"\nid = "child"\n', encoding="utf-8")
    (tmp_path / "loop.toml").write_text('extends = "loop"\n', encoding="utf-8")
    (tmp_path / "broken.toml").write_text('name = "unclosed\n', encoding="utf-8")
    assert plan_names(tmp_path) == [("base", "Base Plan"), ("broken", "broken"), ("child", "Base Plan"),
                                    ("loop", "loop")]


def test_utc_text_round_trips_in_pacific_time():
    moment = datetime(2026, 3, 8, 1, 59, 59, tzinfo=LOS_ANGELES)  # the minute before the clocks go forward
    assert utc_text(moment) == "2026-03-08T09:59:59Z"
    back = from_utc_text(utc_text(moment))
    assert back == moment and back.tzinfo is LOS_ANGELES
