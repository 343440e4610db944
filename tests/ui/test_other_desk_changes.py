"""Two desks on one database: what one saves shows in the other's worklist within about 2 seconds, without F5,
on a desk's file shared by two windows and on the office server."""

import time

from app.rules.plan_names import plan_names
from app.services.desk import Desk
from app.storage.worklist import WorklistReader
from app.ui.main import MainWindow
from tests.factories import cast, make_request


def _members(window):
    model = window.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_a_request_saved_at_another_desk_shows_in_this_worklist_within_two_seconds(qtbot, db_target):
    here = Desk.open(db_target)
    here.directory.upsert_many(cast())
    window = MainWindow(here, plan_names(), worklist=WorklistReader(here.store, here.plan_names))
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 0

    elsewhere = Desk.open(db_target)  # another desk: its own store and connections
    saved = elsewhere.cases.submit(make_request(member={"member_id": "TST000077", "last_name": "Nguyễn",
                                                        "first_name": "Thảo"})).case
    started = time.monotonic()
    qtbot.waitUntil(lambda: any("Nguyễn, Thảo" in (name or "") for name in _members(window)), timeout=2500)
    assert time.monotonic() - started < 2.5
    assert window.ui.count_label.text() == "1 request"

    elsewhere.cases.withdraw(saved.id, reason="asked by the member")  # and a change to it leaves the open view
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=2500)
