"""The desk window on a real database: the worklist, its search and filters, driven through the widgets."""

import hashlib
from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.domain.time import LOS_ANGELES
from app.rules.profiles import default_profiles
from app.ui import dialogs
from app.ui.main import VIEWS, MainWindow, run_desk
from app.ui.worklist_model import CASE_ID_ROLE, STATUS
from app.services.desk import Desk
from tests.factories import ORTHO_HAKOBYAN, make_request
from tests.support.desks import Clock, build_desk

RECEIVED = datetime(2025, 3, 3, 10, 0, tzinfo=LOS_ANGELES)
PLANS = [(plan_id, profile.name) for plan_id, profile in default_profiles().items()]


@pytest.fixture
def window(qtbot, db_target, make_desk):
    desk = make_desk(db_target, clock=Clock(RECEIVED))
    service = desk.cases
    service.submit(make_request(member={"last_name": "Nguyễn", "first_name": "Thảo"}))
    service.submit(make_request(urgent=True, member={"member_id": "TST000002", "last_name": "Ávila"}))
    service.submit(make_request(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN,
                                member={"member_id": "TST000003", "last_name": "Zhou"}))
    now = datetime(2025, 3, 7, 9, 0, tzinfo=LOS_ANGELES)  # the urgent decision is overdue
    shown = MainWindow(desk, PLANS, now=lambda: now)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _names(window):
    model = window.ui.worklist_view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_worklist_lists_open_requests_by_next_deadline(window):
    assert window.ui.count_label.text() == "3 requests"
    assert _names(window) == ["URGENT  Ávila, Rosa", "Nguyễn, Thảo", "Zhou, Rosa"]


def test_typing_in_search_filters_after_a_pause(window, qtbot):
    qtbot.keyClicks(window.ui.search_edit, "nguyen")
    qtbot.waitUntil(lambda: window.ui.count_label.text() == "1 request", timeout=2000)
    assert _names(window) == ["Nguyễn, Thảo"]


def test_choosing_overdue_and_a_plan(window, qtbot):
    overdue = [v.label for v in VIEWS].index("Overdue")
    qtbot.waitUntil(lambda: window.ui.show_combo.itemText(overdue) == "Overdue (1)", timeout=2000)
    assert window.ui.show_combo.itemText(0) == "Open requests (3)"
    window.ui.show_combo.setCurrentIndex(overdue)
    assert window.ui.count_label.text() == "1 request" and _names(window) == ["URGENT  Ávila, Rosa"]
    window.ui.show_combo.setCurrentIndex(0)
    window.ui.plan_combo.setCurrentIndex(window.ui.plan_combo.findData("hpsj-medi-cal"))
    assert _names(window) == ["Zhou, Rosa"]
    qtbot.waitUntil(lambda: window.ui.show_combo.itemText(overdue) == "Overdue (0)", timeout=2000)  # in the plan


def test_keyboard_ctrl_f_goes_to_search_and_f5_refreshes(window, qtbot):
    window.activateWindow()
    window.ui.worklist_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.ui.search_edit.hasFocus() or QApplication.focusWidget() is window.ui.search_edit
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.ui.count_label.text() == "3 requests"


def test_every_filter_has_a_label_the_screen_reader_can_say(window):
    for widget in (window.ui.search_edit, window.ui.show_combo, window.ui.plan_combo, window.ui.worklist_view):
        assert widget.accessibleName()
    assert window.ui.search_label.buddy() is window.ui.search_edit


def test_overdue_rows_are_red_in_the_view(window):
    model = window.ui.worklist_view.model()
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).name() == "#f8d7da"
    assert model.index(0, 0).data(CASE_ID_ROLE) == 2


def test_the_compiled_forms_are_fresh():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(root / "packaging" / "compile_forms.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_run_desk_creates_the_database_and_opens_the_worklist(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QEventLoop

    db = tmp_path / "new" / "desk.sqlite3"
    seen = {}
    # A local loop stands in for app.exec(): quitting the application itself would stop every later test's timers.
    loop = QEventLoop()
    monkeypatch.setattr(QApplication, "exec", lambda *args: loop.exec())

    def look_then_quit():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen["count"] = windows[0].ui.count_label.text() if windows else None
        for shown in windows:
            shown.close()
        loop.quit()

    QTimer.singleShot(300, look_then_quit)
    assert run_desk(db) == 0
    assert db.exists() and (db.parent / "backups").is_dir()
    assert seen["count"] == "0 requests"


def test_a_damaged_database_is_explained_and_left_untouched(qtbot, tmp_path, monkeypatch):
    db = tmp_path / "desk.sqlite3"
    db.write_text("this is a shopping list, not a database\n", encoding="utf-8")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    shown = {}
    monkeypatch.setattr(dialogs, "_responder", lambda seen: shown.update(title=seen.title, text=seen.text))
    assert run_desk(db) == 1
    assert shown["title"] == "Second Opinion Desk cannot open its database"
    assert "not a SQLite database" in shown["text"]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def _run_desk_looking(db, monkeypatch, look) -> int:
    """run_desk with a local loop for app.exec(); `look(window)` runs once the window is up and returns True
    when it has seen enough (it is asked again every 20 ms)."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    monkeypatch.setattr(QApplication, "exec", lambda *args: loop.exec())
    poll = QTimer(interval=20)

    def again():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if look(windows[0] if windows else None):
            poll.stop()
            for shown in windows:
                shown.close()
            loop.quit()

    poll.timeout.connect(again)
    poll.start()
    return run_desk(db)


def test_an_existing_database_shows_its_worklist_at_once_and_takes_changes_after_its_check(
        qtbot, tmp_path, monkeypatch):
    import threading

    from app.services import startup

    db = tmp_path / "desk.sqlite3"
    build_desk(db, clock=Clock(RECEIVED)).cases.submit(make_request(member={"last_name": "Nguyễn"}))
    seen = []
    # The background check is held until the window has been looked at once: the test waits on the event it
    # means (the worklist shown while the check runs), never on which thread happens to be faster.
    looked = threading.Event()
    check = startup.start_database

    def held_check(path):
        if threading.current_thread() is not threading.main_thread():
            assert looked.wait(10), "the window was never looked at"
        return check(path)

    monkeypatch.setattr(startup, "start_database", held_check)

    def look(window):
        if window is None:
            return False
        seen.append((window.isVisible(), window.model.rowCount(), window.ui.action_new_request.isEnabled()))
        looked.set()
        return window.ui.action_new_request.isEnabled() and len(seen) > 1

    assert _run_desk_looking(db, monkeypatch, look) == 0
    assert seen[0] == (True, 1, False)  # shown and populated, changes wait for the check
    assert seen[-1] == (True, 1, True)
    assert (tmp_path / "backups").is_dir()


def test_damage_found_by_the_background_check_is_explained_and_the_file_left_untouched(
        qtbot, tmp_path, monkeypatch):
    import random
    import sqlite3

    db = tmp_path / "desk.sqlite3"
    service = build_desk(db, clock=Clock(RECEIVED)).cases
    for number in range(60):
        service.submit(make_request(member={"member_id": f"TST{number:06d}"}))
    service.repository.db.close()
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    noise = random.Random(3)
    data[-3 * page:] = bytes(noise.randrange(256) for _ in range(3 * page))  # the last pages: not the schema
    db.write_bytes(bytes(data))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    from app.storage.worklist import open_worklist

    assert open_worklist(db) is not None  # the worklist opens: only the check can find this damage
    shown = {}
    monkeypatch.setattr(dialogs, "_responder", lambda seen: shown.update(title=seen.title, text=seen.text))
    assert _run_desk_looking(db, monkeypatch, lambda window: bool(shown) and window is None) == 1
    assert shown["title"] == "Second Opinion Desk cannot open its database"
    assert "sodesk restore" in shown["text"] or "backup" in shown["text"]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_enter_on_a_row_opens_the_request_and_a_recorded_step_refreshes_the_worklist(window, qtbot):
    view = window.ui.worklist_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))  # Nguyễn, pending authorization
    qtbot.keyClick(view, Qt.Key.Key_Return)
    detail = window.detail
    assert "Nguyễn, Thảo" in detail.windowTitle()
    qtbot.keyClicks(detail.ui.auth_edit, "A-1")
    detail.ui.valid_from_edit.setDate(detail.ui.valid_to_edit.date().addDays(-10))
    qtbot.mouseClick(detail.ui.approve_button, Qt.MouseButton.LeftButton)
    row = [view.model().index(r, 0).data() for r in range(view.model().rowCount())].index("Nguyễn, Thảo")
    assert view.model().index(row, STATUS).data() == "Approved"
    detail.close()


def test_tools_menu_opens_the_directory_and_the_settings(window, qtbot):
    window.ui.action_directory.trigger()
    assert window.directory.isVisible()
    qtbot.keyClicks(window.directory.ui.search_edit, "ortiz")
    qtbot.waitUntil(lambda: window.directory.model.rowCount() == 1, timeout=2000)
    assert "Ortiz" in window.directory.model.index(0, 0).data()
    window.directory.close()
    window.ui.action_settings.trigger()
    assert window.settings_dialog.isVisible()
    window.settings_dialog.close()


def test_an_empty_database_opens_on_the_welcome_page_and_demo_data_fills_the_worklist(qtbot, tmp_path, specialties):
    db = tmp_path / "first-start.sqlite3"
    shown = MainWindow(Desk(db), PLANS)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.ui.pages.currentWidget() is shown.ui.welcome_page
    assert "This database is empty" in shown.ui.welcome_label.text()
    assert shown.ui.welcome_new_button.isEnabled()
    qtbot.mouseClick(shown.ui.welcome_demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown.ui.pages.currentWidget() is shown.ui.worklist_page, timeout=30_000)
    assert shown.model.total > 0 and "demo" in shown.ui.statusbar.currentMessage()


def test_ctrl_n_opens_a_new_request_and_closing_it_keeps_the_typed_draft(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    intake = window.intake
    assert intake.isVisible()
    qtbot.keyClicks(intake.ui.member_id_edit, "TST000777")
    intake.close()
    drafts = window.service.drafts()
    assert len(drafts) == 1 and drafts[0].draft["member"]["member_id"] == "TST000777"


def test_enter_on_a_kept_draft_goes_on_with_it_in_the_intake_form(window, qtbot):
    draft = window.service.save_draft({"plan": "hpsj-medi-cal", "member": {"member_id": "TST000888",
                                                                          "last_name": "Øverland"}})
    drafts = next(index for index in range(window.ui.show_combo.count())
                  if window.ui.show_combo.itemText(index).startswith("Drafts"))
    window.ui.show_combo.setCurrentIndex(drafts)
    qtbot.waitUntil(lambda: _names(window) != [] and "Øverland" in _names(window)[0], timeout=3000)
    view = window.ui.worklist_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    intake = window.intake
    assert intake.isVisible() and f"draft #{draft.id}" in intake.windowTitle()
    assert intake.ui.last_name_edit.text() == "Øverland" and intake.ui.plan_combo.currentData() == "hpsj-medi-cal"
    qtbot.keyClicks(intake.ui.first_name_edit, "Ingrid")
    intake.close()
    kept = window.service.drafts()
    assert [case.id for case in kept] == [draft.id]
    assert kept[0].draft["member"] == {"member_id": "TST000888", "last_name": "Øverland", "first_name": "Ingrid"}


def test_a_search_shows_its_first_page_at_once_and_its_count_when_counted(qtbot, tmp_path, make_desk,
                                                                           monkeypatch):
    """At a million requests a short prefix matches most of them: the rows come first and the count follows from
    the background, so the next keystroke never waits for it (issue 15)."""
    import threading

    desk = make_desk(tmp_path / "desk.sqlite3", clock=Clock(RECEIVED))
    for number in range(101):  # one more than a page
        desk.cases.submit(make_request(member={"member_id": f"TST9{number:05d}", "last_name": "García",
                                               "first_name": f"Ana{number}"}))
    desk.cases.submit(make_request(member={"member_id": "TST800000", "last_name": "Zhou"}))
    release = threading.Event()
    counting = desk.cases.count

    def slow_count(where):
        release.wait(10)  # a count that takes its time, on the worker
        return counting(where)

    monkeypatch.setattr(desk.cases, "count", slow_count)
    window = MainWindow(desk, PLANS, now=lambda: RECEIVED)
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.ui.search_edit, "garc")
    qtbot.waitUntil(lambda: window.model.where.text == "garc", timeout=2000)
    assert window.ui.worklist_view.model().rowCount() == 100  # the first page, while the count waits
    assert window.ui.count_label.text() == "100+ requests"
    qtbot.keyClicks(window.ui.search_edit, "ia")  # typing goes on while counting
    qtbot.waitUntil(lambda: window.model.where.text == "garcia", timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: window.ui.count_label.text() == "101 requests", timeout=5000)
    assert window.ui.show_combo.itemText(0) == "Open requests (101)"
    window.ui.worklist_view.scrollToBottom()
    qtbot.waitUntil(lambda: window.ui.worklist_view.model().rowCount() == 101, timeout=2000)
