"""The worklist model without a window: pages, filters, sorting, colours for overdue and due today."""

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from app.domain.cases import Status
from app.domain.time import LOS_ANGELES
from app.storage.cases import CaseFilter
from app.ui.worklist_model import (CASE_ID_ROLE, DUE_TODAY, MEMBER, OVERDUE, PROFESSIONAL, REPORT, STATUS,
                                   WorklistTableModel)
from tests.factories import NO_ADDRESS, ORTHO_HAKOBYAN, make_request, roster_member
from tests.support.desks import Clock, build_desk

RECEIVED = datetime(2025, 3, 3, 10, 0, tzinfo=LOS_ANGELES)


@pytest.fixture
def desk(tmp_path):
    service = build_desk(tmp_path / "worklist.sqlite3", clock=Clock(RECEIVED)).cases
    routine = service.submit(make_request(member={"last_name": "Nguyễn", "first_name": "Thảo"})).case
    urgent = service.submit(make_request(urgent=True, member={"member_id": "TST000002", "last_name": "Ávila"})).case
    ready = service.submit(make_request(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN,
                                        member={"member_id": "TST000003", "last_name": "Zhou"})).case
    return service, routine, urgent, ready


def _model(service, now):
    return WorklistTableModel(service, now=lambda: now, page_size=2)


def _column(model, column, role=Qt.ItemDataRole.DisplayRole):
    return [model.data(model.index(row, column), role) for row in range(model.rowCount())]


def test_the_model_passes_qts_own_model_checks(qtmodeltester, desk):
    model = _model(desk[0], RECEIVED)
    qtmodeltester.check(model)


def test_rows_come_by_next_deadline_a_page_at_a_time(qapp, desk):
    service, routine, urgent, ready = desk
    model = _model(service, RECEIVED)
    assert model.total is None and model.rowCount() == 2  # a full first page: counted in the background
    assert _column(model, MEMBER, CASE_ID_ROLE) == [urgent.id, routine.id]
    assert model.canFetchMore()
    model.fetchMore()
    assert _column(model, MEMBER, CASE_ID_ROLE) == [urgent.id, routine.id, ready.id]
    assert not model.canFetchMore() and model.total == 3  # the last page, not full: all are loaded


def test_a_count_from_the_background_sets_the_total_of_the_filter_it_counted(qapp, desk):
    service, routine, urgent, ready = desk
    model = _model(service, RECEIVED)
    shown = model.where
    model.set_total(CaseFilter(text="other"), 7)  # a count of a filter no longer shown is dropped
    assert model.total is None
    model.set_total(shown, service.count(shown))
    assert model.total == 3 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 3 and not model.canFetchMore()
    assert _column(model, MEMBER)[0] == "URGENT  Ávila, Rosa"
    assert _column(model, MEMBER)[1] == "Nguyễn, Thảo"
    assert _column(model, STATUS) == ["Pending authorization", "Pending authorization", "Ready to schedule"]
    assert model.data(model.index(0, MEMBER), Qt.ItemDataRole.FontRole).bold()


def test_overdue_rows_are_red_and_rows_due_today_amber(qapp, desk):
    service, routine, urgent, ready = desk
    on_the_urgent_day = datetime(2025, 3, 6, 8, 0, tzinfo=LOS_ANGELES)  # urgent due 10:00 today
    model = _model(service, on_the_urgent_day)
    backgrounds = _column(model, MEMBER, Qt.ItemDataRole.BackgroundRole)
    assert backgrounds == [DUE_TODAY, None]
    later = datetime(2025, 3, 11, 9, 0, tzinfo=LOS_ANGELES)  # both deadlines passed
    model = _model(service, later)
    assert _column(model, MEMBER, Qt.ItemDataRole.BackgroundRole) == [OVERDUE, OVERDUE]
    assert "Overdue" in model.data(model.index(0, MEMBER), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, MEMBER), Qt.ItemDataRole.AccessibleTextRole).endswith(", overdue")


def test_filters_and_counts(qapp, desk):
    service, routine, urgent, ready = desk
    model = _model(service, RECEIVED)
    model.set_filter(CaseFilter(statuses=(Status.ready_to_schedule,)))
    assert model.total == 1 and _column(model, MEMBER, CASE_ID_ROLE) == [ready.id]
    model.set_filter(CaseFilter(text="nguyen", open_only=True))
    assert _column(model, MEMBER, CASE_ID_ROLE) == [routine.id]
    model.set_filter(CaseFilter(open_only=True, overdue_at=datetime(2025, 3, 7, tzinfo=LOS_ANGELES)))
    assert model.total == 1


def test_sorting_by_member_name(qapp, desk):
    service, routine, urgent, ready = desk
    model = _model(service, RECEIVED)
    model.sort(MEMBER, Qt.SortOrder.AscendingOrder)
    model.fetchMore()
    assert [name.removeprefix("URGENT  ").split(",")[0] for name in _column(model, MEMBER)] == [
        "Ávila", "Nguyễn", "Zhou"]
    model.sort(MEMBER, Qt.SortOrder.DescendingOrder)
    assert _column(model, MEMBER, CASE_ID_ROLE)[0] == ready.id


def test_a_change_elsewhere_shows_after_refresh(qapp, desk):
    service, routine, urgent, ready = desk
    model = _model(service, RECEIVED)
    service.schedule_consult(ready.id, date(2025, 3, 5), ORTHO_HAKOBYAN, name="Armen Հակոբյան, MD")
    model.refresh()
    model.fetchMore()
    row = _column(model, MEMBER, CASE_ID_ROLE).index(ready.id)
    assert model.data(model.index(row, PROFESSIONAL)) == "Armen Հակոբյան, MD"
    assert model.data(model.index(row, REPORT)) == "Fri Apr 4, 11:59 PM"


def test_an_unreadable_database_shows_no_rows_and_says_why(qapp):
    from app.errors import InputProblem

    class Damaged:
        def worklist(self, where, **page):
            raise InputProblem(["the worklist cannot be read from the database (database disk image is malformed)"])

        def count(self, where):
            return 3

    model = WorklistTableModel(Damaged(), now=lambda: RECEIVED)
    assert model.rowCount() == 0 and model.total == 0
    assert "database disk image is malformed" in model.problem


def test_the_language_column_and_the_tooltip_take_the_rosters_where_the_request_has_none(qapp, desk):
    """Issue 16: the member's language shows in its own column, the request's own or else the plan's roster's;
    the tooltip says which came from the roster, with the mailing address."""
    from app.ui.worklist_model import LANGUAGE

    service = desk[0]
    service.evaluator.roster.upsert_many([roster_member()])
    bare = service.submit(make_request(member={"member_id": "TST000009", "last_name": "Trần", "first_name": "Mai",
                                               "language": None, "address": NO_ADDRESS})).case
    model = WorklistTableModel(service, now=lambda: RECEIVED, page_size=10)
    assert model.headerData(LANGUAGE, Qt.Orientation.Horizontal) == "Language"
    ids = _column(model, MEMBER, CASE_ID_ROLE)
    languages = dict(zip(ids, _column(model, LANGUAGE)))
    assert languages[bare.id] == "Vietnamese" and languages[desk[1].id] == "Spanish"  # the request's own
    tip = model.data(model.index(ids.index(bare.id), MEMBER), Qt.ItemDataRole.ToolTipRole)
    assert "Mailing address: 200 Example St, Garden Grove, CA 92840 (member roster)" in tip
    assert "Language: Vietnamese (member roster)" in tip
    own = model.data(model.index(ids.index(desk[1].id), MEMBER), Qt.ItemDataRole.ToolTipRole)
    assert "Mailing address: 100 Example St, Santa Ana, CA 92701" in own and "member roster" not in own
