"""The Users screen, driven through its widgets: add a user, change a role, disable; refused to non-admins."""

import pytest
from PySide6.QtCore import Qt

from app.services.security import AuthService, NotAllowed, Role
from app.storage.db import open_db
from app.ui.users_dialog import UsersDialog
from tests.support.desks import FAST, PASSWORD


@pytest.fixture
def auth(tmp_path):
    service = AuthService(open_db(tmp_path / "desk.sqlite3"), hasher=FAST)
    service.admin = service.create_first_admin("admin", "Ada Admin", PASSWORD)
    return service


def _rows(dialog):
    table = dialog.ui.users_table
    return [tuple(table.item(row, column).text() for column in range(4)) for row in range(table.rowCount())]


def test_an_admin_adds_a_user_changes_the_role_and_disables(qtbot, auth):
    dialog = UsersDialog(auth, auth.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.username_edit, "rgarcia")
    qtbot.keyClicks(dialog.ui.display_name_edit, "Rita Garcia")
    dialog.ui.new_role_combo.setCurrentIndex(dialog.ui.new_role_combo.findData("front_desk"))
    qtbot.keyClicks(dialog.ui.password_edit, PASSWORD)
    qtbot.mouseClick(dialog.ui.add_button, Qt.MouseButton.LeftButton)
    assert ("rgarcia", "Rita Garcia", "front desk", "active") in _rows(dialog)
    dialog.ui.users_table.selectRow([r[0] for r in _rows(dialog)].index("rgarcia"))
    dialog.ui.role_combo.setCurrentIndex(dialog.ui.role_combo.findData("reviewer"))
    qtbot.mouseClick(dialog.ui.set_role_button, Qt.MouseButton.LeftButton)
    assert ("rgarcia", "Rita Garcia", "reviewer", "active") in _rows(dialog)
    dialog.ui.users_table.selectRow([r[0] for r in _rows(dialog)].index("rgarcia"))
    qtbot.mouseClick(dialog.ui.disable_button, Qt.MouseButton.LeftButton)
    assert ("rgarcia", "Rita Garcia", "reviewer", "disabled") in _rows(dialog)
    assert auth.users.get("rgarcia").active is False


def test_problems_are_said_in_the_dialog(qtbot, auth):
    dialog = UsersDialog(auth, auth.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.username_edit, "shorty")
    qtbot.keyClicks(dialog.ui.display_name_edit, "Sho Rty")
    qtbot.keyClicks(dialog.ui.password_edit, "short")
    qtbot.mouseClick(dialog.ui.add_button, Qt.MouseButton.LeftButton)
    assert "at least 10 characters" in dialog.ui.error_label.text() and dialog.ui.error_label.isVisible()
    dialog.ui.users_table.selectRow(0)  # the only admin
    qtbot.mouseClick(dialog.ui.disable_button, Qt.MouseButton.LeftButton)
    assert "only active admin" in dialog.ui.error_label.text()


def test_only_an_admin_opens_it(auth):
    desk = auth.add_user(auth.admin, "desk", "Dee Desk", Role.front_desk, PASSWORD)
    with pytest.raises(NotAllowed, match="Only an admin"):
        UsersDialog(auth, auth.sign_in(desk.username, PASSWORD))
