"""The desk locks itself when idle (a 200 ms timeout here): the content and open dialogs hide behind the sign-in
form; the same user signing in gets the typed draft back; another user closes it, the draft saved."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from app.domain.time import LOS_ANGELES
from app.rules.profiles import default_profiles
from app.services.security import AuthService, Role
from app.ui.idle_lock import install_desk_lock
from app.ui.main import MainWindow
from tests.support.desks import FAST, PASSWORD, Clock, build_desk

PLANS = [(plan_id, profile.name) for plan_id, profile in default_profiles().items()]
RECEIVED = datetime(2025, 3, 3, 10, 0, tzinfo=LOS_ANGELES)


@pytest.fixture
def desk(qtbot, tmp_path):
    built = build_desk(tmp_path / "desk.sqlite3", clock=Clock(RECEIVED))
    service = built.cases
    auth = AuthService(service.repository.db, hasher=FAST)
    admin = auth.create_first_admin("admin", "Ada Admin", PASSWORD)
    auth.add_user(admin, "desk", "Dee Desk", Role.front_desk, PASSWORD)
    window = MainWindow(built, PLANS)
    qtbot.addWidget(window)
    lock = install_desk_lock(window, window.desk, auth=auth, idle_ms=200)
    window.show()
    yield window, lock, service
    lock.watcher.stop()


def sign_in(qtbot, lock, user, password=PASSWORD):
    form = lock.form.ui
    form.username_edit.clear()
    qtbot.keyClicks(form.username_edit, user)
    qtbot.keyClicks(form.password_edit, password)
    qtbot.mouseClick(form.sign_in_button, Qt.MouseButton.LeftButton)


def test_the_desk_opens_locked_and_a_sign_in_shows_the_worklist(desk, qtbot):
    window, lock, _service = desk
    assert lock.stack.currentWidget() is lock.lock_page and not window.menuBar().isEnabled()
    sign_in(qtbot, lock, "desk")
    assert lock.stack.currentWidget() is lock.content and window.menuBar().isEnabled()
    assert lock.session.role == Role.front_desk
    assert not lock.action_users.isEnabled()  # front desk: no admin screens


def test_a_wrong_password_is_said_in_the_form(desk, qtbot):
    _window, lock, _service = desk
    sign_in(qtbot, lock, "desk", "not the password")
    assert "the user name or the password is wrong" in lock.form.ui.error_label.text()
    assert lock.form.ui.error_label.isVisible() and lock.form.ui.password_edit.text() == ""
    assert lock.stack.currentWidget() is lock.lock_page


def test_idle_locks_and_the_same_user_gets_the_typed_draft_back(desk, qtbot):
    window, lock, service = desk
    sign_in(qtbot, lock, "desk")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    intake = window.intake
    qtbot.keyClicks(intake.ui.last_name_edit, "Testcase")
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)  # nobody touches anything for 200 ms
    assert lock.stack.currentWidget() is lock.lock_page and not intake.isVisible()
    assert lock.form.ui.username_edit.text() == "desk"
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # shortcuts do nothing while locked
    assert window.intake is intake
    sign_in(qtbot, lock, "desk")
    assert intake.isVisible() and intake.ui.last_name_edit.text() == "Testcase"
    assert lock.stack.currentWidget() is lock.content


def test_another_user_closes_the_first_users_dialogs_after_saving_the_draft(desk, qtbot):
    window, lock, service = desk
    sign_in(qtbot, lock, "desk")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    intake = window.intake
    qtbot.keyClicks(intake.ui.last_name_edit, "Testcase")
    lock.action_lock.trigger()  # Security > Lock (Ctrl+L), at once
    assert lock.locked and not intake.isVisible()
    sign_in(qtbot, lock, "admin")
    assert not intake.isVisible() and lock.session.user == "admin"
    drafts = service.drafts()
    assert [d.draft["member"]["last_name"] for d in drafts] == ["Testcase"]
    assert lock.action_users.isEnabled() and lock.action_audit.isEnabled()


def test_sign_out_locks_and_is_audited(desk, qtbot):
    window, lock, service = desk
    sign_in(qtbot, lock, "desk")
    lock.action_sign_out.trigger()
    assert lock.locked and lock.session is None
    from app.storage.audit import AuditLog

    actions = [(e.user, e.action) for e in AuditLog(service.repository.db).entries()]
    assert actions[-2:] == [("desk", "sign_in"), ("desk", "sign_out")]
