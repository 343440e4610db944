"""The desk's main window: the worklist of requests, with search, filters and counts.

The layout is forms/main_window.ui (compiled into app/ui/forms/ui_main_window.py); this class holds behaviour
only and is handed the desk (app.services.desk.Desk): the services it shows, over one open database.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHeaderView, QMainWindow

from app import __version__
from app.domain.status import Status
from app.domain.time import LOS_ANGELES, now_pacific
from app.errors import InputProblem
from app.domain.worklist import CaseFilter
from app.ui import dialogs
from app.ui.forms.ui_main_window import Ui_MainWindow
from app.ui.screen import fit_to_screen
from app.ui.tasks import Task
from app.ui.worklist_model import COLUMNS, WorklistTableModel

if TYPE_CHECKING:  # the models (pydantic) load after the worklist shows: the cold-start budget
    from app.domain.cases import Case

SEARCH_PAUSE_MS = 250
CHANGES_POLL_MS = 1000


@dataclass(frozen=True)
class View:
    label: str
    where: Callable[[datetime], CaseFilter]


def _end_of_today(now: datetime) -> datetime:
    return datetime.combine(now.astimezone(LOS_ANGELES).date(), time(23, 59, 59), tzinfo=LOS_ANGELES)


VIEWS = (
    View("Open requests", lambda now: CaseFilter(open_only=True)),
    View("Overdue", lambda now: CaseFilter(open_only=True, overdue_at=now)),
    View("Due today or overdue", lambda now: CaseFilter(open_only=True, due_before=_end_of_today(now))),
    View("Due within 7 days", lambda now: CaseFilter(open_only=True, due_before=now + timedelta(days=7))),
    View("Pending authorization", lambda now: CaseFilter(statuses=(Status.pending_authorization, Status.pended))),
    View("Ready to schedule", lambda now: CaseFilter(statuses=(Status.ready_to_schedule, Status.approved,
                                                               Status.modified))),
    View("Waiting for the report", lambda now: CaseFilter(statuses=(Status.consult_scheduled,
                                                                    Status.report_requested))),
    View("Drafts", lambda now: CaseFilter(statuses=(Status.draft,))),
    View("All requests", lambda now: CaseFilter()),
)


class MainWindow(QMainWindow):
    """The worklist of `desk`: shown from `worklist` (a plain reader, see app.storage.worklist) before the case
    service and its models are loaded, else from the desk's case service."""

    def __init__(self, desk, plans: list[tuple[str, str]], *, now: Callable[[], datetime] = now_pacific,
                 worklist=None) -> None:
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        fit_to_screen(self)  # the designed size, or less on a small or 200 %-scaled screen
        self.setWindowTitle(f"Second Opinion Desk {__version__}: {desk.name}")
        self._now = now
        self.desk = desk
        self._ready = True
        self.plans = plans
        self._source = worklist if worklist is not None else self.service
        self.model = WorklistTableModel(self._source, now=now, load=False, parent=self)
        view = self.ui.worklist_view
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # next deadline first
        view.setModel(self.model)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().hide()
        metrics = view.fontMetrics()
        longest_plan = max((name for _, name in plans), key=metrics.horizontalAdvance, default="Plan")
        for number, column in enumerate(COLUMNS):  # sized from the font, so 200 % scaling stays unclipped
            sample = longest_plan if column.id == "plan" else column.sample
            view.setColumnWidth(number, metrics.horizontalAdvance(sample) + 20)
        for view_choice in VIEWS:
            self.ui.show_combo.addItem(view_choice.label)
        self.ui.plan_combo.addItem("All plans", None)
        for plan_id, name in plans:
            self.ui.plan_combo.addItem(name, plan_id)
        self._search_pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_pause.timeout.connect(self.apply_filter)
        self._counting: Task | None = None  # the background count of the worklist and of each view
        self._count_again = False  # the filter changed while counting: count once more when it is done
        self.ui.search_edit.textChanged.connect(lambda _text: self._search_pause.start())
        self.ui.search_edit.returnPressed.connect(self.apply_filter)
        self.ui.show_combo.currentIndexChanged.connect(self.apply_filter)
        self.ui.plan_combo.currentIndexChanged.connect(self.apply_filter)
        self.ui.action_refresh.triggered.connect(self.apply_filter)
        self.ui.action_find.triggered.connect(self._focus_search)
        self.ui.action_quit.triggered.connect(self.close)
        view.activated.connect(self.open_request)  # double-click or Enter on a row
        self.ui.action_directory.triggered.connect(self.open_directory)
        self.ui.action_roster.triggered.connect(self.open_roster)
        self.ui.action_settings.triggered.connect(self.open_settings)
        self.ui.action_database.triggered.connect(self.open_database)
        self.ui.welcome_import_button.clicked.connect(self._welcome_import)
        self.ui.welcome_demo_button.clicked.connect(lambda: self.load_demo())
        self.ui.welcome_new_button.clicked.connect(lambda: self.new_request())
        self.ui.action_new_request.triggered.connect(lambda: self.new_request())
        self.ui.action_print.triggered.connect(self.print_current)
        self.ui.action_print_due.triggered.connect(self.print_due_today)
        self.ui.action_export.triggered.connect(self.open_export)
        self.ui.action_reports.triggered.connect(self.open_reports)
        self.ui.statusbar.showMessage(f"Database: {desk.location}")
        # Changes saved at another desk (or by this desk's own workers) show within CHANGES_POLL_MS: a cheap
        # look at the store's change marker (SQLite's data_version; the server's change counter), taken on a
        # worker thread of its own so a slow or unplugged server never freezes the window.
        self._seen_change = None
        self.changes = ChangeWatcher(desk, self)
        self.changes.looked.connect(self._after_look)
        self._changes = QTimer(self, interval=CHANGES_POLL_MS)
        self._changes.timeout.connect(self._look_for_changes)
        self._changes.start()
        self.apply_filter()

    def _look_for_changes(self) -> None:
        if self._ready and self.isVisible():  # a closed window (or one still checking) does not look
            self.changes.look()

    def refresh_if_changed(self) -> bool:
        """Look now (on this thread) and refresh the worklist when another connection changed the data since
        the last look (True)."""
        try:
            marker = self.desk.store.change_marker()
        except InputProblem as problem:
            marker = problem
        return self._after_look(marker)

    def _after_look(self, marker) -> bool:
        if isinstance(marker, InputProblem):  # the server is away: say so, keep what is shown
            self.ui.statusbar.showMessage(marker.render())
            return False
        if not self._ready:
            return False
        # the first look refreshes too: a change saved elsewhere before it would otherwise wait for the next one
        changed = self._seen_change is None or marker != self._seen_change
        self._seen_change = marker
        changed = self._restore_kept_drafts() or changed
        if changed:
            self.apply_filter()
        return changed

    def _restore_kept_drafts(self) -> bool:
        """The server answers again: what was typed here while it was away goes to it as drafts."""
        local = self.desk.local_drafts
        if local is None or not local.waiting():
            return False
        try:
            restored = self.service.restore_local_drafts()
        except InputProblem:
            return False
        if restored:
            self.ui.statusbar.showMessage(
                f"The server is back: {len(restored)} request(s) typed while it was away are saved as drafts "
                "(Show: Drafts).", 15_000)
        return bool(restored)

    @property
    def service(self):
        """The desk's case service (built on first use: the worklist shows before it)."""
        return self.desk.cases

    @property
    def letters(self):
        return self.desk.letters

    def set_ready(self, ready: bool, why: str = "") -> None:
        """While the start-up check runs, the worklist can be read but nothing can be changed."""
        self._ready = ready
        for action in (self.ui.action_new_request, self.ui.action_directory, self.ui.action_roster,
                       self.ui.action_settings,
                       self.ui.action_print, self.ui.action_print_due, self.ui.action_export,
                       self.ui.action_reports):
            action.setEnabled(ready)
        for button in (self.ui.welcome_new_button, self.ui.welcome_import_button, self.ui.welcome_demo_button):
            button.setEnabled(ready)
        if why:
            self.ui.statusbar.showMessage(why)

    def _focus_search(self) -> None:
        self.ui.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.search_edit.selectAll()

    def current_filter(self) -> CaseFilter:
        return self._filter_for(max(self.ui.show_combo.currentIndex(), 0))

    def _filter_for(self, view_index: int) -> CaseFilter:
        """The view's filter narrowed by the plan and the search box."""
        where = VIEWS[view_index].where(self._now())
        text = self.ui.search_edit.text().strip() or None
        plan = self.ui.plan_combo.currentData()
        return CaseFilter(statuses=where.statuses, plan=plan, text=text, overdue_at=where.overdue_at,
                          due_before=where.due_before, open_only=where.open_only)

    def count_in_background(self) -> None:
        """Count the shown filter's requests and each view's ("Overdue (12)") on a worker, so typing in the search
        box never waits for a count (at a million requests a short prefix matches most of them). One count at a
        time: a filter changed meanwhile is counted when it ends."""
        if self._counting is not None:
            self._count_again = True
            return
        filters = [self.model.where] + [self._filter_for(index) for index in range(len(VIEWS))]
        source = self._source

        def count(_progress) -> list[int]:
            reader = source.for_this_thread() if hasattr(source, "for_this_thread") else source
            try:
                return [reader.count(where) for where in filters]
            finally:
                if reader is not source:
                    reader.close()

        self._counting = Task(self, count, success=lambda counts: self._counted(filters, counts),
                              failure=lambda _error: self._counted(filters, None), name="worklist counts").start()

    def _counted(self, filters: list[CaseFilter], counts: list[int] | None) -> None:
        self._counting = None
        if counts is not None:  # a count that failed (a damaged file) leaves the labels as they were
            self.model.set_total(filters[0], counts[0])
            self._show_total()
            for index, (view, count) in enumerate(zip(VIEWS, counts[1:], strict=True)):
                self.ui.show_combo.setItemText(index, f"{view.label} ({count:,})")
        if self._count_again:
            self._count_again = False
            self.count_in_background()

    def _show_total(self) -> None:
        total = self.model.total
        self.ui.count_label.setText(f"{self.model.rowCount():,}+ requests" if total is None
                                    else f"{total:,} request" + ("" if total == 1 else "s"))

    def open_request(self, index) -> None:
        from app.ui.request_detail import RequestDetailDialog
        from app.ui.worklist_model import CASE_ID_ROLE

        case_id = index.data(CASE_ID_ROLE)
        if case_id is None:
            return
        if not self._ready:
            self.ui.statusbar.showMessage("Checking the database before anything can change: one moment.", 5000)
            return
        case = self.service.get(case_id)
        if case.status == Status.draft:  # a kept draft goes on in the form it was typed in
            self.new_request(draft=case)
            return
        self.detail = RequestDetailDialog(self.service, case_id, self, letters=self.letters, sent=self.sent_to_plan)
        self.detail.changed.connect(lambda _id: self.apply_filter())
        self.detail.show()

    def sent_to_plan(self, case_id: int) -> list:
        """The export batches a request went out in (for the request detail)."""
        if getattr(self, "_exports", None) is None:
            self._exports = self.desk.exports(with_pdfs=False)
        return self._exports.sent(case_id)

    def print_current(self) -> None:
        """Ctrl+P: the letters of the request under the cursor."""
        index = self.ui.worklist_view.currentIndex()
        if not index.isValid():
            self.ui.statusbar.showMessage("Choose a request in the worklist first, then print its letters.", 5000)
            return
        self.open_request(index)
        if getattr(self, "detail", None) is not None and self.detail.isVisible():
            self.detail.show_letters()

    def open_export(self) -> None:
        """File > Export for the plan: a batch for upload, written on a worker thread (its own connection)."""
        from app.ui.export_dialog import ExportDialog

        if not self._ready:
            return
        desk = self.desk
        self.export_dialog = ExportDialog(lambda with_pdfs: desk.exports(with_pdfs=with_pdfs),
                                          self.plans, folder=desk.exports_folder, parent=self)
        self.export_dialog.finished.connect(lambda _result: self.apply_filter())
        self.export_dialog.open()

    def open_reports(self) -> None:
        """Tools > Reports: decisions within the clock, consultation reports, outcomes, days to consult."""
        from app.ui.reports_dialog import ReportsDialog

        if not self._ready:
            return
        self.reports_dialog = ReportsDialog(self.desk.reports, self)
        self.reports_dialog.show()

    def print_due_today(self) -> None:
        from app.ui.batch_print import print_due_today

        if not self._ready or getattr(self, "printing_due", None) is not None:
            return

        def printed(count: int) -> None:
            self.printing_due = None
            self.ui.statusbar.showMessage(f"Printed {count} letter" + ("" if count == 1 else "s") +
                                          "; each is kept with its request.", 10_000)

        self.printing_due = print_due_today(self.letters, self, when_done=printed)

    def new_request(self, draft: Case | None = None) -> None:
        """The intake form: a new request, or a kept draft to go on with."""
        from app.ui.intake_dialog import IntakeDialog

        if not self._ready:
            return
        self.intake = IntakeDialog(self.service, parent=self, draft=draft)
        self.intake.saved.connect(self._request_saved)
        self.intake.finished.connect(lambda _result: self.apply_filter())  # a kept draft shows under Drafts
        self.intake.open()

    def _request_saved(self, case_id: int) -> None:
        self.ui.statusbar.showMessage(f"Request #{case_id} saved and evaluated.", 10_000)
        self.apply_filter()

    def open_directory(self) -> None:
        from app.ui.directory_dialog import DirectoryDialog

        try:
            self.directory = DirectoryDialog(self.desk.directory, self)
        except InputProblem as problem:
            dialogs.warn(self, "Provider directory", problem.render())
            return
        self.directory.open()

    def open_roster(self) -> None:
        """Tools > Member roster: the plans' eligibility files."""
        from app.ui.roster_dialog import RosterDialog

        try:
            self.roster = RosterDialog(self.desk.members, self)
        except InputProblem as problem:
            dialogs.warn(self, "Member roster", problem.render())
            return
        self.roster.open()

    def open_settings(self) -> None:
        from app.ui.settings_dialog import SettingsDialog

        # Saved only by an admin (the service checks the signed-in session) and audited.
        self.settings_dialog = SettingsDialog(self.desk.settings, self.desk.data_folder, self.plans, parent=self)
        self.settings_dialog.open()

    def open_database(self) -> None:
        """Tools > Database: a file here, or the office server; it takes effect at the next start."""
        from app.ui.database_dialog import DatabaseDialog

        self.database_dialog = DatabaseDialog(self.desk.target, self)
        self.database_dialog.accepted.connect(self._database_chosen)
        self.database_dialog.open()

    def _database_chosen(self) -> None:
        from app.services.connection import is_server_url, safe_location

        chosen = self.database_dialog.chosen
        where = (f"the office server {safe_location(chosen)}" if is_server_url(chosen)
                 else f"the file {chosen}" if chosen else "the default database file")
        self.ui.statusbar.showMessage(f"Saved: the desk opens {where} at its next start (close it and start it "
                                      "again to switch).", 20_000)

    def apply_filter(self) -> None:
        self._search_pause.stop()
        self.model.set_filter(self.current_filter())
        self._show_total()
        # The first screen and each keystroke never wait for a count, and the counting (six counts over a
        # million requests on the other core) starts once the rows are painted.
        QTimer.singleShot(0, self.count_in_background)
        if self.model.problem:
            self.ui.statusbar.showMessage(self.model.problem)
            self.ui.pages.setCurrentWidget(self.ui.worklist_page)
            return
        self.ui.pages.setCurrentWidget(self.ui.welcome_page if self._desk_is_empty() else self.ui.worklist_page)

    def _desk_is_empty(self) -> bool:
        """No request at all and nobody in the directory: a first start."""
        try:
            return self._source.is_empty()
        except InputProblem:
            return False

    def _welcome_import(self) -> None:
        self.open_directory()
        if getattr(self, "directory", None) is not None:
            self.directory.finished.connect(lambda _result: self.apply_filter())
            self.directory.import_csv()

    def load_demo(self) -> None:
        """Invented providers and requests to try the desk with, loaded in the background."""
        from app.services.demo import load_demo

        if getattr(self, "_demo", None) is not None:
            return
        desk = self.desk
        self.ui.welcome_demo_button.setEnabled(False)
        self.ui.statusbar.showMessage("Loading the demo providers and requests…")

        def loaded(result) -> None:
            self.ui.statusbar.showMessage(
                f"Loaded {result.providers:,} demo providers and {result.requests} demo requests (all invented).",
                10_000)
            self.apply_filter()

        def failed(error: BaseException) -> None:
            text = error.render() if isinstance(error, InputProblem) else f"({type(error).__name__})"
            self.ui.statusbar.showMessage(f"The demo was not loaded: {text}", 15_000)

        def finished() -> None:
            self._demo = None
            self.ui.welcome_demo_button.setEnabled(self._ready)

        self._demo = Task(self, lambda _progress: load_demo(desk), success=loaded, failure=failed, name="demo")
        self._demo.finished.connect(finished)
        self._demo.start()


class ChangeWatcher(QObject):
    """Reads the desk's change marker on one worker thread of its own (one connection, reused); `looked`
    carries the marker, or the InputProblem of a server that does not answer, on the GUI thread. At most one
    look at a time. The worker is handed the store alone, never a Qt object: the GUI thread sees the answer
    by looking at the look's future every POLL_MS (a worker emitting on a window being closed, or dropping the
    last reference to it, crashes the process)."""

    looked = Signal(object)
    POLL_MS = 20

    def __init__(self, desk, parent=None) -> None:
        super().__init__(parent)
        from concurrent.futures import ThreadPoolExecutor

        self.desk = desk
        self._worker = pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="change-watcher")
        self.destroyed.connect(lambda *_args: pool.shutdown(wait=False))  # its thread ends with the window
        self._pending = None  # the look on its way
        self._poll = QTimer(self, interval=self.POLL_MS)
        self._poll.timeout.connect(self._answered)

    def look(self) -> None:
        if self._pending is not None:
            return
        self._pending = self._worker.submit(_change_marker, self.desk.store)
        self._poll.start()

    def _answered(self) -> None:
        if self._pending is None or not self._pending.done():
            return
        look, self._pending = self._pending, None
        self._poll.stop()
        self.looked.emit(look.result())


def _change_marker(store) -> object:
    """On the watcher's thread: the store's change marker, or why it could not be read (never raises)."""
    try:
        return store.change_marker()
    except InputProblem as problem:
        return problem
    except Exception as error:  # noqa: BLE001  a look must never end the desk: said, and tried again
        return InputProblem([f"the database could not be asked for changes ({type(error).__name__})"])


def startup_check(db_path: Path) -> Callable[..., object]:
    """The start-up check (integrity, settings, the daily backup) as background work, so the worklist shows at
    once: it returns the `Started` result or the InputProblem, never raises."""

    def work(_progress) -> object:
        from app.services.startup import start_database

        try:
            result: object = start_database(db_path)
        except InputProblem as problem:
            result = problem
        except Exception as error:  # noqa: BLE001  the desk must never wait for an answer that cannot come
            result = InputProblem([f"the start-up check failed ({type(error).__name__})"], source=str(db_path))
        try:  # what the first request needs, loaded off the GUI thread while the clerk looks at the worklist
            import app.services.context  # noqa: F401
            import app.ui.intake_dialog  # noqa: F401
            import app.ui.request_detail  # noqa: F401
        except ImportError:
            pass
        return result

    return work


CANNOT_OPEN = "Second Opinion Desk cannot open its database"


def _start_logging() -> None:
    from app.logs import ensure_logging

    ensure_logging()


def _show_backup(window: MainWindow, started) -> None:
    if started.backup_problem:
        window.statusBar().showMessage(f"Automatic backup failed: {started.backup_problem}")
    elif started.backup:
        window.statusBar().showMessage(f"Backed up to {started.backup}", 10_000)


def _connect_to_server(desk):
    """(desk, its worklist reader) on the office server, the password asked once when the server wants one
    and kept in the system keyring; (desk, None) after saying why it cannot (or the clerk cancelled)."""
    from app.errors import PasswordNeeded
    from app.services.desk import Desk
    from app.services.startup import server_worklist

    typed = None
    while True:
        try:
            reader = server_worklist(desk)
        except PasswordNeeded as problem:
            from app.ui.database_dialog import ask_server_password

            typed = ask_server_password(desk.location, problem.problems[0])
            if typed is None:
                return desk, None
            desk = Desk(desk.target, password=typed)
            continue
        except InputProblem as problem:
            dialogs.fail(None, CANNOT_OPEN, problem.render())
            return desk, None
        if typed:
            from app.services.connection import remember_password

            try:
                remember_password(desk.target, typed)
            except InputProblem:
                pass  # no keyring here: asked again at the next start (or kept in ~/.pgpass)
        return desk, reader


def run_desk(target: Path | str) -> int:
    """Open the desk on `target`: a database file, or the office server (a postgresql:// URL).

    A file that has what the worklist reads shows its worklist at once and is checked (and any later migration
    applied) in the background, nothing can change until the check passes; a new, old or unreadable one is
    checked, created or upgraded first. A damaged or foreign file is never written to. The office server is
    connected to (and migrated) first; a server that cannot be reached is said so, and nothing starts."""
    from app.services.desk import Desk

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Second Opinion Desk")
    QTimer.singleShot(0, _start_logging)  # once the window is up: the log file is not what the clerk waits for
    desk = Desk(target)
    started = None
    check = None
    if desk.path is None:
        desk, reader = _connect_to_server(desk)
        if reader is None:
            return 1
    else:
        db_path = desk.path
        from app.services.startup import open_worklist
        from app.ui.sign_in_dialog import unlock_encrypted

        if not unlock_encrypted(db_path):  # an encrypted database: its passphrase before anything is read
            return 1
        reader = open_worklist(db_path)
        if reader is None:
            from app.services.startup import start_database

            try:
                started = start_database(db_path)  # check, create or upgrade, then the daily backup
            except InputProblem as problem:
                # Say what is wrong and how to restore the last good backup; the file is left as it was.
                dialogs.fail(None, CANNOT_OPEN, problem.render())
                return 1
            reader = open_worklist(db_path)
    window = MainWindow(desk, list(desk.plan_names.items()), worklist=reader)
    outcome = {"code": 0}
    if started is not None:
        _show_backup(window, started)
    elif desk.path is not None:
        window.set_ready(False, "Checking the database…")
        def checked(result) -> None:
            if isinstance(result, InputProblem):
                outcome["code"] = 1
                dialogs.fail(window, CANNOT_OPEN, result.render())
                window.close()  # the last window: the desk quits, and run_desk returns 1
                return
            window.set_ready(True)
            window.ui.statusbar.clearMessage()
            _show_backup(window, result)
            window.service  # noqa: B018  built now, while the clerk reads, not on the first Ctrl+N

        check = Task(window, startup_check(desk.path), success=checked, name="startup-check")
    from app.ui.idle_lock import install_desk_lock

    window.desk_lock = install_desk_lock(window, desk, check=check)  # sign in first; locks when idle
    window.show()
    if check is not None:
        QTimer.singleShot(0, check.start)  # after the window is painted
    code = app.exec()
    if check is not None:
        check.wait()
    desk.close()
    return outcome["code"] or code
