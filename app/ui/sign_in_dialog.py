"""Sign in (or, on a first start, create the administrator), and ask an encrypted database's passphrase.

The layout is forms/sign_in_dialog.ui (compiled into app/ui/forms/ui_sign_in_dialog.py). `SignInForm` is the
form itself: the desk shows it in place of its content when locked (app.ui.idle_lock); `SignInDialog` shows it
on its own. Both are handed a function making the AuthService (app.services.security), called when the clerk
presses Sign in, so nothing reads the database before it was checked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from app.errors import InputProblem
from app.ui import dialogs
from app.ui.forms.ui_sign_in_dialog import Ui_SignInForm
from app.ui.theme import error_style


class SignInForm(QWidget):
    signed_in = Signal(object)  # the Session

    def __init__(self, auth: Callable[[], object], parent: QWidget | None = None, *,
                 waiting: str | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SignInForm()
        self.ui.setupUi(self)
        self.ui.error_label.setStyleSheet(error_style())
        # Room for the hints and the messages, from the font (so 200 % scaling keeps it): about 55 characters.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 55)
        self._auth_factory = auth
        self._auth = None
        self.first_start = False
        self.locked_user: str | None = None
        # Enter in a field signs in (below); the button must not also take it as a dialog's default button.
        self.ui.sign_in_button.setAutoDefault(False)
        self.ui.sign_in_button.clicked.connect(self.submit)
        for edit in (self.ui.username_edit, self.ui.display_name_edit, self.ui.password_edit,
                     self.ui.confirm_edit):
            edit.returnPressed.connect(self.submit)
        self.ui.sign_in_button.setEnabled(waiting is None)
        self.show_sign_in()
        if waiting:
            self.ui.message_label.setText(waiting)

    @property
    def auth(self):
        if self._auth is None:
            self._auth = self._auth_factory()
        return self._auth

    def set_waiting(self, why: str | None) -> None:
        """While the start-up check runs nobody can sign in yet (the users are in the database being checked)."""
        self.ui.sign_in_button.setEnabled(why is None)
        if why:
            self.ui.message_label.setText(why)
        else:
            self.show_sign_in(self.locked_user)

    def show_sign_in(self, locked_user: str | None = None) -> None:
        """The form for `locked_user` (the desk was locked: their work waits) or for anyone; the administrator's
        form when the database has no user yet (asked only once the form may read it)."""
        self.locked_user = locked_user
        ui = self.ui
        self.first_start = bool(self.ui.sign_in_button.isEnabled() and self._first_start())
        for widget in (ui.display_name_label, ui.display_name_edit, ui.confirm_label, ui.confirm_edit):
            widget.setVisible(self.first_start)
        ui.error_label.clear()
        ui.error_label.hide()
        ui.password_edit.clear()
        ui.confirm_edit.clear()
        if self.first_start:
            ui.title_label.setText("<b>Create the administrator</b>")
            ui.message_label.setText("This is the desk's first start: create the administrator, who then adds "
                                     "the front desk and reviewers (Users…). The password needs 10 characters "
                                     "or more.")
            ui.sign_in_button.setText("&Create and sign in")
        else:
            ui.title_label.setText("<b>Sign in</b>" if not locked_user else "<b>Locked</b>")
            ui.message_label.setText(
                f"The desk was locked; {locked_user}'s work is kept. Sign in to go on (another user signing in "
                "closes it, saving the drafts)." if locked_user else "Sign in to use the desk.")
            ui.sign_in_button.setText("&Sign in")
            if locked_user:
                ui.username_edit.setText(locked_user)
        target = ui.password_edit if ui.username_edit.text() and not self.first_start else ui.username_edit
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _first_start(self) -> bool:
        try:
            return self.auth.needs_first_admin()
        except InputProblem:
            return False

    def submit(self) -> None:
        if not self.ui.sign_in_button.isEnabled():
            return
        ui = self.ui
        username, password = ui.username_edit.text(), ui.password_edit.text()
        try:
            if self.first_start:
                if password != ui.confirm_edit.text():
                    raise InputProblem(["the two passwords differ: type the same password twice"])
                session = self.auth.create_first_admin(username, ui.display_name_edit.text(), password)
            else:
                session = self.auth.sign_in(username, password)
        except InputProblem as problem:
            ui.error_label.setText(problem.render())
            ui.error_label.show()
            ui.password_edit.clear()
            ui.confirm_edit.clear()
            ui.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        ui.password_edit.clear()
        ui.confirm_edit.clear()
        ui.error_label.clear()
        ui.error_label.hide()
        self.first_start = False
        self.signed_in.emit(session)


class SignInDialog(QDialog):
    """The sign-in form on its own: `exec()` is accepted once someone signed in (`.session`)."""

    def __init__(self, auth: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Second Opinion Desk: sign in")
        self.form = SignInForm(auth, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.session = None
        self.form.signed_in.connect(self._signed_in)

    def _signed_in(self, session) -> None:
        self.session = session
        self.accept()


def ask_passphrase(db_path: Path, parent: QWidget | None = None, *, problem: str | None = None) -> str | None:
    """The passphrase of an encrypted database, or None when the clerk cancels."""
    text = f"{db_path.name} is encrypted. Its passphrase:"
    if problem:
        text = f"{problem}\n\n{text}"
    return dialogs.password(parent, "Second Opinion Desk: passphrase", text)


def unlock_encrypted(db_path: Path, parent: QWidget | None = None) -> bool:
    """Before anything is read from an encrypted database: ask its passphrase until it opens (True) or the clerk
    gives up (False). A plain or new database needs nothing (True)."""
    from app.services.startup import needs_passphrase, unlock

    if not needs_passphrase(db_path):
        return True
    problem = None
    while True:
        passphrase = ask_passphrase(db_path, parent, problem=problem)
        if passphrase is None:
            return False
        try:
            unlock(db_path, passphrase)
        except InputProblem as error:
            problem = error.problems[0]
            continue
        return True
