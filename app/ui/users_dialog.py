"""Users (admins only): the list with roles and states; add a user; change a role; disable, enable, unlock; give
a new password. Every change goes through AuthService, which checks the admin's session and audits it.

The layout is forms/users_dialog.ui (compiled into app/ui/forms/ui_users_dialog.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTableWidgetItem, QWidget

from app.errors import InputProblem
from app.services.security import ROLE_LABELS, AuthService, Role, require, Action
from app.services.audit import utc_now
from app.ui import dialogs
from app.ui.forms.ui_users_dialog import Ui_UsersDialog
from app.ui.screen import fit_to_screen
from app.ui.theme import error_style

COLUMNS = ("User", "Name", "Role", "State")


class UsersDialog(QDialog):
    def __init__(self, auth: AuthService, session, parent: QWidget | None = None) -> None:
        require(session, Action.users)  # refused before anything is shown
        super().__init__(parent)
        self.ui = Ui_UsersDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)
        self.ui.error_label.setStyleSheet(error_style())
        self.auth = auth
        self.session = session
        for role in Role:
            self.ui.role_combo.addItem(ROLE_LABELS[role], role.value)
            self.ui.new_role_combo.addItem(ROLE_LABELS[role], role.value)
        table = self.ui.users_table
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        self.ui.add_button.clicked.connect(self.add_user)
        self.ui.set_role_button.clicked.connect(lambda: self._change(self.auth.set_role, self.ui.role_combo.currentData()))
        self.ui.disable_button.clicked.connect(lambda: self._change(self.auth.set_active, False))
        self.ui.enable_button.clicked.connect(lambda: self._change(self.auth.set_active, True))
        self.ui.unlock_button.clicked.connect(lambda: self._change(self.auth.unlock))
        self.ui.reset_password_button.clicked.connect(self.reset_password)
        self.ui.button_box.rejected.connect(self.reject)
        self.ui.error_label.hide()
        self.refresh()

    def refresh(self) -> None:
        users = self.auth.list_users(self.session)
        now = utc_now()
        table = self.ui.users_table
        table.setRowCount(len(users))
        for row, user in enumerate(users):
            state = "disabled" if not user.active else "locked" if user.locked_at(now) else "active"
            for column, text in enumerate((user.username, user.display_name, ROLE_LABELS[Role(user.role)], state)):
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()

    def selected_user(self) -> str | None:
        row = self.ui.users_table.currentRow()
        item = self.ui.users_table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _problem(self, text: str) -> None:
        self.ui.error_label.setText(text)
        self.ui.error_label.setVisible(bool(text))

    def _change(self, action, *args) -> None:
        username = self.selected_user()
        if username is None:
            self._problem("Choose a user in the list first.")
            return
        try:
            action(self.session, username, *args)
        except InputProblem as problem:
            self._problem(problem.render())
            return
        self._problem("")
        self.refresh()

    def add_user(self) -> None:
        ui = self.ui
        try:
            self.auth.add_user(self.session, ui.username_edit.text(), ui.display_name_edit.text(),
                               ui.new_role_combo.currentData(), ui.password_edit.text())
        except InputProblem as problem:
            self._problem(problem.render())
            return
        for edit in (ui.username_edit, ui.display_name_edit, ui.password_edit):
            edit.clear()
        self._problem("")
        self.refresh()

    def reset_password(self) -> None:
        username = self.selected_user()
        if username is None:
            self._problem("Choose a user in the list first.")
            return
        password = dialogs.password(self, "New password", f"New password for {username} (10 characters or more):")
        if password is not None:
            self._change(self.auth.reset_password, password)
