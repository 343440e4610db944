"""The desk's main window: the worklist of requests, with search, filters and counts.

The layout is forms/main_window.ui (compiled into app/ui/forms/ui_main_window.py); this class holds behaviour
only and is handed the case service it needs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QHeaderView, QMainWindow

from app import __version__
from app.domain.cases import Status
from app.domain.time import LOS_ANGELES
from app.storage.cases import CaseFilter
from app.ui.forms.ui_main_window import Ui_MainWindow
from app.ui.worklist_model import WorklistTableModel

SEARCH_PAUSE_MS = 250


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


def now_pacific() -> datetime:
    return datetime.now(LOS_ANGELES)


class MainWindow(QMainWindow):
    def __init__(self, service, plans: list[tuple[str, str]], *, db_path: Path | None = None,
                 now: Callable[[], datetime] = now_pacific) -> None:
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowTitle(f"Second Opinion Desk {__version__}" + (f": {db_path.name}" if db_path else ""))
        self._now = now
        self.service = service
        self.db_path = db_path
        self.plans = plans
        self.model = WorklistTableModel(service, now=now, load=False, parent=self)
        view = self.ui.worklist_view
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # next deadline first
        view.setModel(self.model)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().hide()
        metrics = view.fontMetrics()
        longest_plan = max((name for _, name in plans), key=metrics.horizontalAdvance, default="Plan")
        samples = {0: "URGENT  Hernández-Villanueva, Guadalupe", 1: longest_plan, 2: "Pending authorization",
                   3: "Armen Hakobyan, MD", 4: "Wed Mar 10, 11:59 PM", 5: "Wed Mar 10, 11:59 PM",
                   6: "Wed Mar 10, 11:59 PM"}
        for column, sample in samples.items():  # sized from the font, so 200 % scaling stays unclipped
            view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 20)
        for view_choice in VIEWS:
            self.ui.show_combo.addItem(view_choice.label)
        self.ui.plan_combo.addItem("All plans", None)
        for plan_id, name in plans:
            self.ui.plan_combo.addItem(name, plan_id)
        self._search_pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_pause.timeout.connect(self.apply_filter)
        self.ui.search_edit.textChanged.connect(lambda _text: self._search_pause.start())
        self.ui.search_edit.returnPressed.connect(self.apply_filter)
        self.ui.show_combo.currentIndexChanged.connect(self.apply_filter)
        self.ui.plan_combo.currentIndexChanged.connect(self.apply_filter)
        self.ui.action_refresh.triggered.connect(self.apply_filter)
        self.ui.action_find.triggered.connect(self._focus_search)
        self.ui.action_quit.triggered.connect(self.close)
        view.activated.connect(self.open_request)  # double-click or Enter on a row
        self.ui.action_directory.triggered.connect(self.open_directory)
        self.ui.action_settings.triggered.connect(self.open_settings)
        self.ui.action_directory.setEnabled(db_path is not None)
        self.ui.action_settings.setEnabled(db_path is not None)
        self.ui.welcome_import_button.clicked.connect(self._welcome_import)
        self.ui.welcome_demo_button.clicked.connect(self.load_demo)
        self.ui.welcome_new_button.clicked.connect(self.new_request)
        for button in (self.ui.welcome_import_button, self.ui.welcome_demo_button):
            button.setEnabled(db_path is not None)
        self.ui.action_new_request.triggered.connect(self.new_request)
        # The letters come with their issue; the print shortcut is reserved now.
        self.ui.action_print.setEnabled(False)
        if db_path is not None:
            self.ui.statusbar.showMessage(f"Database: {db_path}")
        self.apply_filter()

    def _focus_search(self) -> None:
        self.ui.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.search_edit.selectAll()

    def current_filter(self) -> CaseFilter:
        where = VIEWS[max(self.ui.show_combo.currentIndex(), 0)].where(self._now())
        text = self.ui.search_edit.text().strip() or None
        plan = self.ui.plan_combo.currentData()
        return CaseFilter(statuses=where.statuses, plan=plan, text=text, overdue_at=where.overdue_at,
                          due_before=where.due_before, open_only=where.open_only)

    def open_request(self, index) -> None:
        from app.ui.request_detail import RequestDetailDialog
        from app.ui.worklist_model import CASE_ID_ROLE

        case_id = index.data(CASE_ID_ROLE)
        if case_id is None:
            return
        self.detail = RequestDetailDialog(self.service, case_id, self)
        self.detail.changed.connect(lambda _id: self.apply_filter())
        self.detail.show()

    def new_request(self) -> None:
        from app.ui.intake_dialog import IntakeDialog

        self.intake = IntakeDialog(self.service, parent=self)
        self.intake.saved.connect(self._request_saved)
        self.intake.finished.connect(lambda _result: self.apply_filter())  # a kept draft shows under Drafts
        self.intake.open()

    def _request_saved(self, case_id: int) -> None:
        self.ui.statusbar.showMessage(f"Request #{case_id} saved and evaluated.", 10_000)
        self.apply_filter()

    def open_directory(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from app.errors import InputProblem
        from app.ui.directory_dialog import DirectoryDialog

        try:
            self.directory = DirectoryDialog(self.db_path, self)
        except InputProblem as problem:
            QMessageBox.warning(self, "Provider directory", problem.render())
            return
        self.directory.open()

    def open_settings(self) -> None:
        from app.storage.db import open_db
        from app.storage.settings import SettingsRepository
        from app.ui.settings_dialog import SettingsDialog

        self.settings_dialog = SettingsDialog(SettingsRepository(open_db(self.db_path)), self.db_path.parent,
                                              self.plans, parent=self)
        self.settings_dialog.open()

    def apply_filter(self) -> None:
        self._search_pause.stop()
        self.model.set_filter(self.current_filter())
        total = self.model.total
        self.ui.count_label.setText(f"{total} request" + ("" if total == 1 else "s"))
        self.ui.pages.setCurrentWidget(self.ui.welcome_page if self._desk_is_empty() else self.ui.worklist_page)

    def _desk_is_empty(self) -> bool:
        """No request at all and nobody in any plan's directory: a first start."""
        if self.service.count(CaseFilter()) > 0:
            return False
        directory = self.service.evaluator.directory
        return not any(directory.has_plan(plan_id) for plan_id, _ in self.plans)

    def _welcome_import(self) -> None:
        self.open_directory()
        if getattr(self, "directory", None) is not None:
            self.directory.finished.connect(lambda _result: self.apply_filter())
            self.directory.import_csv()

    def load_demo(self) -> None:
        from PySide6.QtGui import QCursor

        from app.services.demo import load_demo

        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            loaded = load_demo(self.db_path)
        finally:
            QApplication.restoreOverrideCursor()
        self.ui.statusbar.showMessage(
            f"Loaded {loaded.providers:,} demo providers and {loaded.requests} demo requests (all invented).", 10_000)
        self.apply_filter()


def run_desk(db_path: Path) -> int:
    from PySide6.QtWidgets import QMessageBox

    from app.errors import InputProblem
    from app.rules.profiles import default_profiles
    from app.services.context import case_service_for
    from app.services.startup import start_database

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Second Opinion Desk")
    try:
        started = start_database(db_path)  # check, create or upgrade, then the daily backup
    except InputProblem as problem:
        # A damaged or foreign file is never touched: say what is wrong and how to restore the last good backup.
        QMessageBox.critical(None, "Second Opinion Desk cannot open its database", problem.render())
        return 1
    profiles = default_profiles()
    plans = [(plan_id, profiles[plan_id].name) for plan_id in profiles]
    window = MainWindow(case_service_for(db_path), plans, db_path=db_path)
    if started.backup_problem:
        window.statusBar().showMessage(f"Automatic backup failed: {started.backup_problem}")
    elif started.backup:
        window.statusBar().showMessage(f"Backed up to {started.backup}", 10_000)
    window.show()
    return app.exec()
