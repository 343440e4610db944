"""The office server's plug is pulled while a clerk types and saves: the desk says so in words, shows no
traceback, keeps the typing on this computer, and hands it to the server as a draft when the server is back.

A server of its own (not the session's shared one): this test stops and starts it.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.devtools.pgcluster import Cluster
from app.rules.plan_names import plan_names
from app.services.desk import Desk
from app.storage.worklist import WorklistReader
from app.ui.intake_dialog import IntakeDialog
from app.ui.main import MainWindow
from tests.factories import cast

LEFT = Qt.MouseButton.LeftButton


def type_into(widget, text):
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


@pytest.fixture
def office(tmp_path, monkeypatch, pg_cluster):  # pg_cluster: the same skip/fail rule as every server test
    monkeypatch.setattr("app.paths.user_data_dir", lambda: tmp_path / "this-computer")
    cluster = Cluster(durable=True)  # a committed draft survives the plug, as on a real server
    cluster.init()
    cluster.start()
    yield cluster, cluster.create_database("office")
    cluster.remove()


def test_pulling_the_plug_mid_save_keeps_the_typing_and_it_comes_back_as_a_draft(qtbot, office):
    cluster, url = office
    desk = Desk.open(url)
    desk.directory.upsert_many(cast())
    window = MainWindow(desk, plan_names(), worklist=WorklistReader(desk.store))
    qtbot.addWidget(window)
    window.show()
    dialog = IntakeDialog(desk.cases, window)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    type_into(ui.member_id_edit, "TST000042")
    type_into(ui.last_name_edit, "Nguyễn")
    qtbot.waitUntil(lambda: dialog.case_id is not None, timeout=5000)  # the draft is on the server
    draft_id = dialog.case_id

    cluster.stop("immediate")  # the plug is pulled
    type_into(ui.first_name_edit, "Thảo")
    qtbot.mouseClick(ui.save_button, LEFT)
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    listed = [ui.problems_list.item(row).text() for row in range(ui.problems_list.count())]
    assert any("server cannot be reached" in line and "kept on this computer" in line for line in listed), listed
    assert "server away" in dialog.windowTitle()
    kept = desk.local_drafts.waiting()
    assert [(case_id, data["member"]) for _key, case_id, data in kept] == [
        (draft_id, {"member_id": "TST000042", "last_name": "Nguyễn", "first_name": "Thảo"})]
    qtbot.mouseClick(ui.close_button, LEFT)  # closing while it is away: still kept, no traceback
    assert not dialog.isVisible()
    assert window.refresh_if_changed() is False
    assert "cannot be reached" in window.ui.statusbar.currentMessage()

    cluster.start()  # the server is back: the desk notices within its next looks (a pool reconnects)
    said = []
    window.ui.statusbar.messageChanged.connect(said.append)
    qtbot.waitUntil(lambda: any("saved as drafts" in message for message in said), timeout=20_000)
    assert desk.local_drafts.waiting() == []
    stored = desk.cases.get(draft_id)
    assert stored.draft["member"] == {"member_id": "TST000042", "last_name": "Nguyễn", "first_name": "Thảo"}
