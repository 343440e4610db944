"""The provider directory screen: search as you type, a plan filter, one provider's details, and CSV import.

The layout is forms/directory_dialog.ui (compiled into app/ui/forms/ui_directory_dialog.py); this class holds
behaviour only. It is handed the desk's directory (a ProviderRepository over the desk's store, which gives each
thread a connection of its own): searching runs on the GUI thread, an import in a background task (app.ui.tasks) that reports
back through signals only.

A main window opens it with:

    DirectoryDialog(desk.directory, parent=self).exec()     # or .open() to keep the worklist usable
"""

from __future__ import annotations


from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QDialog, QHeaderView, QProgressDialog

from app.services.context import plan_profiles
from app.ui import dialogs
from app.ui.directory_model import ProviderTableModel, details_html, plan_labels
from app.ui.forms.ui_directory_dialog import Ui_DirectoryDialog
from app.ui.import_report import import_failure_text, report_details, report_problems, report_summary
from app.ui.screen import fit_to_screen
from app.ui.tasks import Task

SEARCH_PAUSE_MS = 150
SHOWN_LIMIT = 200  # rows listed at most; the count label says when there are more
class DirectoryDialog(QDialog):
    """The desk's provider directory (`directory`: a ProviderRepository)."""

    def __init__(self, directory, parent=None, *, profiles=None) -> None:
        super().__init__(parent)
        self.ui = Ui_DirectoryDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)  # the designed size, or less on a small or 200 %-scaled screen
        self.repository = directory
        profiles = profiles if profiles is not None else plan_profiles()
        self._plan_names = {plan_id: profiles[plan_id].name for plan_id in profiles}
        self.model = ProviderTableModel(plan_labels(profiles), parent=self)
        self._import: Task | None = None
        self.progress: QProgressDialog | None = None
        self.report_box = None  # the last import's report (a message box), kept for a look (and the tests)

        view = self.ui.results_view
        view.setModel(self.model)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Long titles ("Accepting new patients") wrap onto two lines over their narrow Yes/No columns.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                   | Qt.TextFlag.TextWordWrap)
        metrics = view.fontMetrics()
        header.setMinimumHeight(2 * header.fontMetrics().lineSpacing() + 12)
        # Longer cells elide, and their tooltip shows them whole.
        samples = ("Guadalupe Hernández, MD", "Hematology & Oncology", "CalOptima OneCare, HPSJ",
                   "Medi-Cal", "English, Spanish", "Accepting new", "San Francisco", "(714) 555-0101")
        for column, sample in enumerate(samples):  # sized from the font, so 200 % scaling stays unclipped
            width = max(metrics.horizontalAdvance(sample), header.fontMetrics().horizontalAdvance(sample))
            view.setColumnWidth(column, width + 24)
        self.ui.splitter.setStretchFactor(0, 1)
        self.ui.splitter.setStretchFactor(1, 0)
        details_width = metrics.horizontalAdvance("Accepting new patients  Health Net Medi-Cal") + 40
        self.ui.details_pane.setMinimumWidth(details_width)
        self.ui.splitter.setSizes([self.width() - details_width, details_width])

        self.ui.plan_combo.addItem("All plans", None)
        for plan_id, name in self._plan_names.items():
            self.ui.plan_combo.addItem(name, plan_id)

        self._search_pause = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_pause.timeout.connect(self.refresh)
        self.ui.search_edit.textChanged.connect(lambda _text: self._search_pause.start())
        self.ui.search_edit.returnPressed.connect(self.refresh)
        self.ui.plan_combo.currentIndexChanged.connect(self.refresh)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.ui.import_button.clicked.connect(self.import_csv)
        self.ui.close_button.clicked.connect(self.reject)
        self.refresh()

    # --- what a main window (or a test) calls -----------------------------------------------------------------

    def refresh(self) -> None:
        """Search again with what is in the search box and the plan filter; keep the chosen provider if listed."""
        self._search_pause.stop()
        chosen = self.selected_provider()
        text = self.ui.search_edit.text().strip()
        plan = self.ui.plan_combo.currentData()
        found = self.repository.search(text, plan=plan, limit=SHOWN_LIMIT + 1)
        self.model.set_providers(found[:SHOWN_LIMIT])
        self._show_count(len(found), bool(text or plan))
        row = self.model.row_of(chosen.npi) if chosen else -1
        if row >= 0:
            self.select_row(row)
        else:
            self._show_details(None)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.ui.results_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.ui.results_view.scrollTo(index)

    def selected_provider(self):
        return self.model.provider_at(self.ui.results_view.selectionModel().currentIndex().row())

    def import_csv(self) -> None:
        """Ask for a CSV, import it in the background behind a progress dialog, then report and refresh."""
        if self._import is not None:
            return
        path = dialogs.open_file(self, "Import providers from a CSV file", "", "CSV files (*.csv);;All files (*)")
        if path is None:
            return
        self.ui.import_button.setEnabled(False)
        self.progress = QProgressDialog(f"Importing providers from {path.name}…", "", 0, 0, self)
        self.progress.setWindowTitle("Importing providers")
        self.progress.setCancelButton(None)  # the import is one transaction: it finishes or changes nothing
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.show()
        repository = self.repository
        self._import = Task(self, lambda _progress: repository.import_csv(path), success=self._imported,
                            failure=lambda error: self._import_failed(import_failure_text(error, path)),
                            name="provider-import")
        self._import.finished.connect(self._import_finished)
        self._import.start()

    @property
    def importing(self) -> bool:
        return self._import is not None

    # --- what happens on the GUI thread -----------------------------------------------------------------------

    def _imported(self, report) -> None:
        self.refresh()
        self._show_report(dialogs.warn if report.problems else dialogs.inform,
                          f"Import finished: {report_summary(report)}.", report_problems(report),
                          report_details(report))

    def _import_failed(self, message: str) -> None:
        self._show_report(dialogs.warn, "The file was not imported.", message, "")

    def _import_finished(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._import = None  # the finished Task stays with the dialog and goes with it
        self.ui.import_button.setEnabled(True)

    def _show_report(self, tell, text: str, informative: str, details: str) -> None:
        """Over the dialog, without waiting: the clerk reads it while the list shows the new rows."""
        self.report_box = tell(self, "Provider import", text, informative=informative, details=details, wait=False)

    def _show_count(self, found: int, filtered: bool) -> None:
        label = self.ui.count_label
        if found > SHOWN_LIMIT:
            label.setText(f"The first {SHOWN_LIMIT} matches are shown: type more to narrow the list")
        elif found == 0:
            label.setText("No provider matches" if filtered or self.repository.count() else
                          "The directory is empty: import a CSV file")
        else:
            label.setText(f"{found} provider" + ("" if found == 1 else "s"))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(self.model.provider_at(current.row()) if current.isValid() else None)

    def _show_details(self, provider) -> None:
        self.ui.details_browser.setHtml(details_html(provider, self._plan_names))

    def done(self, result: int) -> None:
        if self._import is not None:  # closing mid-import: let the one transaction finish first
            self._import.wait()
        self._search_pause.stop()
        super().done(result)
