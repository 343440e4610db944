"""The sign-in dialog: the administrator's form on a first start, then sign-in with a clear wrong-password
message; the passphrase of an encrypted database asked before anything is read."""

import pytest
from PySide6.QtCore import Qt

from app.services.security import AuthService, Role
from app.storage import crypto
from app.storage.db import open_db
from app.ui import sign_in_dialog
from app.ui.sign_in_dialog import SignInDialog, unlock_encrypted
from tests.support.desks import FAST, PASSWORD


@pytest.fixture
def auth(tmp_path):
    return AuthService(open_db(tmp_path / "desk.sqlite3"), hasher=FAST)


def test_the_first_start_creates_the_administrator(qtbot, auth):
    dialog = SignInDialog(lambda: auth)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.form.ui
    assert "Create the administrator" in ui.title_label.text() and ui.confirm_edit.isVisible()
    qtbot.keyClicks(ui.username_edit, "admin")
    qtbot.keyClicks(ui.display_name_edit, "Ada Admin")
    qtbot.keyClicks(ui.password_edit, PASSWORD)
    qtbot.keyClicks(ui.confirm_edit, "something else entirely")
    qtbot.mouseClick(ui.sign_in_button, Qt.MouseButton.LeftButton)
    assert "the two passwords differ" in ui.error_label.text()
    qtbot.keyClicks(ui.password_edit, PASSWORD)
    qtbot.keyClicks(ui.confirm_edit, PASSWORD)
    qtbot.keyClick(ui.confirm_edit, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.session.role == Role.admin


def test_a_wrong_password_is_said_in_the_dialog(qtbot, auth):
    auth.create_first_admin("admin", "Ada Admin", PASSWORD)
    dialog = SignInDialog(lambda: auth)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.form.ui
    assert "Sign in" in ui.title_label.text() and not ui.confirm_edit.isVisible()
    qtbot.keyClicks(ui.username_edit, "admin")
    qtbot.keyClicks(ui.password_edit, "wrong password here")
    qtbot.keyClick(ui.password_edit, Qt.Key.Key_Return)
    assert ui.error_label.text() == "the user name or the password is wrong (4 more tries before the account is locked)"
    assert dialog.session is None and dialog.isVisible()
    qtbot.keyClicks(ui.password_edit, PASSWORD)
    qtbot.keyClick(ui.password_edit, Qt.Key.Key_Return)
    assert dialog.session.user == "admin"


def test_an_encrypted_database_asks_its_passphrase_until_it_opens(qtbot, tmp_path, monkeypatch):
    from app.ui import dialogs

    path = tmp_path / "secret.sqlite3"
    open_db(path, "the right passphrase").close()
    answers = iter(["a wrong one", "the right passphrase"])
    problems = []

    def ask(shown):  # the passphrase prompt, as the clerk reads it
        assert shown.kind == "password" and "secret.sqlite3 is encrypted. Its passphrase:" in shown.text
        problems.append(shown.text.split("\n\n")[0] if "\n\n" in shown.text else None)
        return next(answers)

    monkeypatch.setattr(dialogs, "_responder", ask)
    try:
        assert unlock_encrypted(path)
        assert problems[0] is None and problems[1].startswith("the passphrase is wrong")
        assert crypto.passphrase_for(path) == "the right passphrase"
    finally:
        crypto._KEYS.clear()
