"""Tools > Member roster: import the plans' eligibility files (an X12 834 or the roster CSV) behind a progress
bar, and see what was imported, when and by whom.

The layout is forms/roster_dialog.ui; this class holds behaviour only. It is handed the desk's roster service
(`desk.members`); the import runs in a background Task (app.ui.tasks) as one transaction, so it cannot be
cancelled half-way: it finishes, or changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QProgressDialog, QTableWidgetItem

from app.domain.time import LOS_ANGELES
from app.ui import dialogs
from app.ui.forms.ui_roster_dialog import Ui_RosterDialog
from app.ui.import_report import import_failure_text, report_details, report_problems, report_summary
from app.ui.screen import fit_to_screen
from app.ui.tasks import Task

FILES = "Eligibility files (*.834 *.x12 *.edi *.txt *.csv);;X12 834 (*.834 *.x12 *.edi *.txt);;CSV files (*.csv);;All files (*)"


class RosterDialog(QDialog):
    def __init__(self, roster, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_RosterDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)
        self.roster = roster
        self._import: Task | None = None
        self.progress: QProgressDialog | None = None
        self.report_box = None  # the last import's report, kept for a look (and the tests)
        self.ui.plan_combo.addItem("The plan the file names (its payer)", None)
        for plan_id, name in sorted(roster.plan_names.items(), key=lambda item: item[1]):
            self.ui.plan_combo.addItem(name, plan_id)
        header = self.ui.loads_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.ui.loads_table.verticalHeader().hide()
        self.ui.import_button.clicked.connect(self.import_file)
        self.ui.close_button.clicked.connect(self.reject)
        self.refresh()

    def refresh(self) -> None:
        count = self.roster.count()
        loads = self.roster.loads()
        plans = sorted({load["plan"] for load in loads})
        if count:
            names = ", ".join(self.roster.plan_names.get(plan, plan) for plan in plans)
            self.ui.summary_label.setText(f"<b>{count:,} member{'s' if count != 1 else ''}</b> on the roster, "
                                          f"of {names}.")
        else:
            self.ui.summary_label.setText("<b>The roster is empty.</b> Until a plan's file is imported, the "
                                          "intake is typed by hand and coverage is not checked.")
        table = self.ui.loads_table
        table.setRowCount(len(loads))
        for row, load in enumerate(loads):
            cells = (_when(load["loaded_at"]), self.roster.plan_names.get(load["plan"], load["plan"]),
                     load["source"], load["loaded_by"] or "", f"{load['members']:,}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)

    def import_file(self) -> None:
        """Ask for the file, import it in the background behind a progress bar, then report and refresh."""
        if self._import is not None:
            return
        path = dialogs.open_file(self, "Import a member roster (834 or CSV)", "", FILES)
        if path is None:
            return
        plan = self.ui.plan_combo.currentData()
        self.ui.import_button.setEnabled(False)
        self.progress = QProgressDialog(f"Importing members from {path.name}…", "", 0, 100, self)
        self.progress.setWindowTitle("Importing the member roster")
        self.progress.setCancelButton(None)  # one transaction: it finishes or changes nothing
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setValue(0)
        self.progress.show()
        roster = self.roster
        self._import = Task(self, lambda progress: roster.import_file(path, plan=plan, progress=progress),
                            success=self._imported, progress=self._progressed,
                            failure=lambda error: self._show_report(dialogs.warn, "The file was not imported.",
                                                                    import_failure_text(error, path), ""),
                            name="roster-import")
        self._import.finished.connect(self._import_finished)
        self._import.start()

    @property
    def importing(self) -> bool:
        return self._import is not None

    def _progressed(self, done: int, total: int, *_detail) -> None:
        if self.progress is not None:
            self.progress.setValue(min(100, 100 * done // max(total, 1)))

    def _imported(self, report) -> None:
        self.refresh()
        spans = f" {report.spans_added:,} new coverage spans kept in the members' history."
        self._show_report(dialogs.warn if report.problems else dialogs.inform,
                          f"Import finished: {report_summary(report)}.{spans}", report_problems(report),
                          report_details(report))

    def _import_finished(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._import = None
        self.ui.import_button.setEnabled(True)

    def _show_report(self, tell, text: str, informative: str, details: str) -> None:
        self.report_box = tell(self, "Member roster", text, informative=informative, details=details, wait=False)

    def done(self, result: int) -> None:
        if self._import is not None:  # closing mid-import: let the one transaction finish first
            self._import.wait()
        super().done(result)


def _when(stamp: str) -> str:
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(LOS_ANGELES)
    except ValueError:
        return stamp
    return f"{moment:%m/%d/%Y %I:%M %p}"
