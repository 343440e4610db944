"""Sign-in before the desk is usable, and the automatic lock after idle time (HIPAA's automatic logoff).

`install_desk_lock(window, desk)` puts the window's content in a stack with the sign-in form in front of it,
adds Users…, Audit trail…, Lock (Ctrl+L) and Sign out to a Security menu, and watches every input event of the
application. After `idle_lock_minutes` (Settings) without one, or on Ctrl+L, the content and every open dialog
are hidden behind the sign-in form; menus and shortcuts do nothing while locked. Work in progress stays as it
was (intake drafts are saved as typed): the same user signing in gets it back; another user signing in closes
the first user's dialogs (their drafts are saved first, as the first user) and works on.

The signed-in session is the desk's (`desk.session`, app.services.desk): each service the desk hands out checks
the role before each action (the menus only follow).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.ui.sign_in_dialog import SignInForm

INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
                QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.MouseButtonDblClick}
DEFAULT_IDLE_MS = 10 * 60 * 1000


class IdleWatcher(QObject):
    """An application-wide event filter: `idle` after `timeout_ms` without keyboard, mouse or touch input."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True, interval=timeout_ms)
        self.timer.timeout.connect(self.idle)
        self.blocking = None  # a callable(obj, event) -> bool: swallow this event (shortcuts while locked)
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def set_timeout(self, timeout_ms: int) -> None:
        self.timer.setInterval(timeout_ms)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.timer.start()
        if self.blocking is not None and kind in (QEvent.Type.Shortcut, QEvent.Type.Close):
            return self.blocking(watched, event)
        return False


class DeskLock(QObject):
    session_changed = Signal(object)  # the new Session, or None when signed out
    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, desk, *, auth=None, idle_ms: int | None = None,
                 waiting: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.desk = desk
        self._auth = auth
        self._idle_ms = idle_ms
        desk.session = None
        self.locked = False
        self._hidden: list[QWidget] = []
        self.content = window.takeCentralWidget()
        self.stack = QStackedWidget(window)
        self.stack.addWidget(self.content)
        self.form = SignInForm(self.auth_service, waiting=waiting)
        self.lock_page = QWidget()
        layout = QVBoxLayout(self.lock_page)
        layout.addStretch(1)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.stack.addWidget(self.lock_page)
        window.setCentralWidget(self.stack)
        self.form.signed_in.connect(self.signed_in)
        self._add_menu()
        self.watcher = IdleWatcher(idle_ms or DEFAULT_IDLE_MS, self)
        self.watcher.idle.connect(lambda: self.lock("idle"))
        self.watcher.blocking = self._blocked
        self.lock("start")

    # --- services ---------------------------------------------------------------------------------------------

    @property
    def session(self):
        return self.desk.session

    def auth_service(self):
        return self._auth if self._auth is not None else self.desk.auth

    def _idle_from_settings(self) -> None:
        if self._idle_ms is not None:
            return
        minutes = self.desk.settings.load().idle_lock_minutes
        self.watcher.set_timeout(minutes * 60 * 1000)

    # --- the menu ---------------------------------------------------------------------------------------------

    def _add_menu(self) -> None:
        menu = self.window.menuBar().addMenu("&Security")
        self.menu = menu
        self.action_users = QAction("&Users…", self.window)
        self.action_audit = QAction("&Audit trail…", self.window)
        self.action_lock = QAction("&Lock", self.window)
        self.action_lock.setShortcut(QKeySequence("Ctrl+L"))
        self.action_lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # from any open dialog too
        self.window.addAction(self.action_lock)
        self.action_sign_out = QAction("Sign &out", self.window)
        for action in (self.action_users, self.action_audit):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.action_lock)
        menu.addAction(self.action_sign_out)
        self.action_users.triggered.connect(self.open_users)
        self.action_audit.triggered.connect(self.open_audit)
        self.action_lock.triggered.connect(lambda: self.lock("asked"))
        self.action_sign_out.triggered.connect(self.sign_out)

    def _blocked(self, watched: QObject, event: QEvent) -> bool:
        """While locked only the sign-in form's own shortcuts (its mnemonics) work in this window."""
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.watcher.stop()  # the desk is closing: no lock to come
            return False
        if not self.locked or event.type() != QEvent.Type.Shortcut or not self._ours(watched):
            return False
        return not (isinstance(watched, QWidget) and (watched is self.form or self.form.isAncestorOf(watched)))

    def _ours(self, thing: QObject | None) -> bool:
        while thing is not None:
            if thing is self.window:
                return True
            thing = thing.parent()
        return False

    # --- locking ----------------------------------------------------------------------------------------------

    def lock(self, why: str = "idle") -> None:
        if self.locked:
            return
        self.locked = True
        for widget in QApplication.topLevelWidgets():
            if (widget is not self.window and isinstance(widget, QDialog) and widget.isVisible()
                    and self._ours(widget)):
                self._hidden.append(widget)
                widget.hide()
        self.stack.setCurrentWidget(self.lock_page)
        self.window.menuBar().setEnabled(False)
        self.window.statusBar().showMessage("Locked: sign in to go on.")  # not the last user's "Signed in as"
        if self.session is not None and why != "sign out":
            try:
                self.auth_service().locked(self.session, why)
            except Exception:  # noqa: BLE001  the lock itself must never fail
                pass
        self.form.show_sign_in(self.session.user if self.session is not None else None)
        self.locked_changed.emit(True)

    def set_waiting(self, why: str | None) -> None:
        self.form.set_waiting(why)

    def signed_in(self, session) -> None:
        from app.services.security import Action, allowed

        previous = self.session
        if previous is not None and previous.user != session.user:
            self._close_hidden()  # the first user's drafts are saved while their session still acts
        self.desk.session = session
        self.locked = False
        self.stack.setCurrentWidget(self.content)
        self.window.menuBar().setEnabled(True)
        admin = allowed(session, Action.users)
        self.action_users.setEnabled(admin)
        self.action_audit.setEnabled(admin)
        self.window.statusBar().showMessage(f"Signed in as {session.display_name or session.user} "
                                            f"({session.role_label}).", 10_000)
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self._idle_from_settings()
        self.watcher.timer.start()
        if previous != session:
            self.session_changed.emit(session)
        self.locked_changed.emit(False)

    def _close_hidden(self) -> None:
        for widget in self._hidden:
            widget.reject()  # (close() does nothing to a hidden dialog) an intake dialog saves its draft here
        self._hidden = []

    def sign_out(self) -> None:
        if self.session is None:
            return
        for widget in QApplication.topLevelWidgets():
            if (widget is not self.window and isinstance(widget, QDialog) and widget.isVisible()
                    and self._ours(widget)):
                widget.close()
        self.auth_service().sign_out(self.session)
        self.desk.session = None
        self.session_changed.emit(None)
        self.lock("sign out")

    # --- admin screens ----------------------------------------------------------------------------------------

    def open_users(self) -> None:
        from app.ui.users_dialog import UsersDialog

        self.users_dialog = UsersDialog(self.auth_service(), self.session, self.window)
        self.users_dialog.open()

    def open_audit(self) -> None:
        from app.ui.audit_dialog import AuditDialog

        self.audit_dialog = AuditDialog(self.desk.audit, self.session, self.window)
        self.audit_dialog.open()


def install_desk_lock(window: QMainWindow, desk, *, check=None, **options) -> DeskLock:
    """Sign-in first, then the idle lock, for `desk` (app.services.desk.Desk). With the start-up `check` still
    running, nobody can sign in until it is done (the users live in the database it checks and upgrades)."""
    lock = DeskLock(window, desk, waiting="Checking the database: one moment…" if check is not None else None,
                    **options)
    if check is not None:
        check.finished.connect(lambda: lock.set_waiting(None))
    return lock
