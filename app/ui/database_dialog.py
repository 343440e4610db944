"""Tools > Database: which database this computer's desk opens: a file here (one desk), or the office server
(PostgreSQL, shared by the group's desks), with TLS and the password kept in the system keyring.

The layout is forms/database_dialog.ui (compiled into app/ui/forms/ui_database_dialog.py); this class holds
behaviour only, over app.services.connection. Nothing is saved until the server answers (Test connection, or
Save, which tests first); the choice takes effect at the desk's next start.

    dialog = DatabaseDialog(desk.target, parent=window)
    if dialog.exec():
        dialog.chosen   # the file or the server URL (never with its password) the next start opens
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from app.errors import InputProblem, Problem
from app.services import connection
from app.ui import dialogs
from app.ui.forms.ui_database_dialog import Ui_DatabaseDialog
from app.ui.screen import fit_to_screen
from app.ui.tasks import Task
from app.ui.theme import error_style

SSL_LABELS = {  # short enough for the combo box at 200 %; the tooltip says the rest
    "verify-full": "verify-full (recommended): certificate and name checked",
    "verify-ca": "verify-ca: certificate checked, not the name",
    "require": "require: encrypted, certificate not checked",
    "prefer": "prefer: encrypted when the server offers it",
    "disable": "disable: not encrypted (trusted network only)",
}
FIELDS = {"host": "Server host", "port": "Port", "dbname": "Database", "user": "User", "sslmode": "TLS",
          "sslrootcert": "Root certificate"}


class DatabaseDialog(QDialog):
    def __init__(self, current: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_DatabaseDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)
        self.chosen: Path | str | None = None
        ui = self.ui
        for mode in connection.SSL_MODES:
            ui.sslmode_combo.addItem(SSL_LABELS[mode], mode)
        ui.sslmode_combo.setToolTip("How the connection to the server is protected. verify-full encrypts it and "
                                    "checks, with the root certificate, that it is the office's server.")
        self.test_button = ui.button_box.addButton("&Test connection", QDialogButtonBox.ButtonRole.ActionRole)
        self.test_button.clicked.connect(lambda: self.test())
        self._testing = None  # the connection test running in the background
        ui.button_box.accepted.connect(self.save)
        ui.button_box.rejected.connect(self.reject)
        ui.file_radio.toggled.connect(self._enable)
        ui.file_button.clicked.connect(self._choose_file)
        ui.sslrootcert_button.clicked.connect(self._choose_certificate)
        self._show(current)

    # --- what is shown -----------------------------------------------------------------------------------------

    def _show(self, current: Path | str) -> None:
        from app.services.connection import is_server_url, safe_location

        ui = self.ui
        if is_server_url(current):
            ui.current_label.setText(f"This desk now works on the office server: {safe_location(str(current))}")
            settings = _settings_of(str(current))
            ui.server_radio.setChecked(True)
            if settings is not None:
                ui.host_edit.setText(settings.host)
                ui.port_edit.setText(str(settings.port))
                ui.dbname_edit.setText(settings.dbname)
                ui.user_edit.setText(settings.user)
                ui.sslmode_combo.setCurrentIndex(max(ui.sslmode_combo.findData(settings.sslmode), 0))
                ui.sslrootcert_edit.setText(settings.sslrootcert or "")
        else:
            ui.current_label.setText(f"This desk now works on the database file {current}")
            ui.file_radio.setChecked(True)
            ui.file_edit.setText(str(current))
            ui.port_edit.setText("5432")
            ui.dbname_edit.setText("sodesk")
        self._enable()

    def _enable(self, *_args) -> None:
        on_server = self.ui.server_radio.isChecked()
        for widget in (self.ui.host_edit, self.ui.port_edit, self.ui.dbname_edit, self.ui.user_edit,
                       self.ui.sslmode_combo, self.ui.sslrootcert_edit, self.ui.sslrootcert_button,
                       self.ui.password_edit, self.ui.remember_check, self.test_button):
            widget.setEnabled(on_server)
        self.ui.file_edit.setEnabled(not on_server)
        self.ui.file_button.setEnabled(not on_server)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.ui.status_label.setStyleSheet(error_style() if error else "")
        self.ui.status_label.setText(text)

    def _choose_file(self) -> None:
        chosen = dialogs.save_file(self, "Database file", self.ui.file_edit.text(),
                                   "Second Opinion Desk database (*.sqlite3)", confirm_overwrite=False)
        if chosen:
            self.ui.file_edit.setText(str(chosen))

    def _choose_certificate(self) -> None:
        chosen = dialogs.open_file(self, "Root certificate of the office server", "",
                                   "Certificates (*.crt *.pem);;All files (*)")
        if chosen:
            self.ui.sslrootcert_edit.setText(str(chosen))

    # --- testing and saving ------------------------------------------------------------------------------------

    def server(self) -> connection.ServerSettings:
        ui = self.ui
        port = ui.port_edit.text().strip() or "5432"
        if not port.isdigit():
            raise InputProblem(["port: a number, e.g. 5432"])
        try:
            return connection.server_settings(host=ui.host_edit.text(), port=int(port), dbname=ui.dbname_edit.text(),
                                              user=ui.user_edit.text(), sslmode=ui.sslmode_combo.currentData(),
                                              sslrootcert=ui.sslrootcert_edit.text().strip() or None)
        except InputProblem as problem:
            raise InputProblem([_labelled(item) for item in problem.items]) from None

    def test(self, then: Callable[[], None] | None = None) -> None:
        """Connect once with what is typed, in the background: say what answered, or what is wrong and how to fix
        it; `then` runs after a good answer (Save keeps the server only once it answered)."""
        if self._testing is not None:
            return
        try:
            settings = self.server()
        except InputProblem as problem:
            self._say(problem.render(), error=True)
            return
        password = self.ui.password_edit.text() or None
        self._say("Connecting to the office server…")
        self.test_button.setEnabled(False)

        def answered(answer) -> None:
            self._say(f"Connected: {answer}.")
            if then is not None and self.isVisible():  # closed meanwhile: nothing is kept
                then()

        def failed(error: BaseException) -> None:
            text = error.render() if isinstance(error, InputProblem) else f"the test stopped ({type(error).__name__})"
            self._say(text, error=True)

        self._testing = Task(self, lambda _progress: connection.check_server(settings, password), success=answered,
                             failure=failed, name="server-test")
        self._testing.finished.connect(self._tested)
        self._testing.start()

    def done(self, result: int) -> None:
        if self._testing is not None:  # closing mid-test: the answer has nobody to go to
            self._testing.cancel()
        super().done(result)

    def _tested(self) -> None:
        self._testing = None
        self._enable()

    @property
    def testing(self) -> bool:
        return self._testing is not None

    def save(self) -> None:
        ui = self.ui
        try:
            if ui.server_radio.isChecked():
                self.test(then=self._keep_server)  # kept only once it answered
                return
            else:
                text = ui.file_edit.text().strip()
                target = Path(text).expanduser() if text else None
                if target is not None and target.is_dir():
                    raise InputProblem([f"database file: {target} is a folder: give a file name inside it"])
            self._keep(target)
        except InputProblem as problem:
            self._say(problem.render(), error=True)

    def _keep_server(self) -> None:
        try:
            target = self.server().url()
            password = self.ui.password_edit.text()
            if password and self.ui.remember_check.isChecked():
                connection.remember_password(target, password)
            self._keep(target)
        except InputProblem as problem:
            self._say(problem.render(), error=True)

    def _keep(self, target: Path | str | None) -> None:
        connection.choose_database(target)
        self.chosen = target
        self.accept()


def ask_server_password(location: str, problem: str, parent: QWidget | None = None) -> str | None:
    """The office server's password, asked once at start (None when the clerk cancels)."""
    return dialogs.password(parent, "Second Opinion Desk: office server", f"{problem}\n\nPassword for {location}:")


def _settings_of(url: str) -> connection.ServerSettings | None:
    try:
        return connection.ServerSettings.from_url(url)
    except ValueError:  # a URL typed by hand elsewhere (a socket folder, no user): the fields stay empty
        return None


def _labelled(problem: Problem) -> Problem:
    """A problem at 'host' said as 'Server host: no spaces...' (the label the clerk sees)."""
    return replace(problem, label=FIELDS.get(problem.field_path or "", problem.label))
