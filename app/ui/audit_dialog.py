"""The audit trail (admins only): rows filtered by user, action, dates and request; the hash chain verified;
the rows shown exported to CSV.

The layout is forms/audit_dialog.ui (compiled into app/ui/forms/ui_audit_dialog.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QTableWidgetItem, QWidget

from app.services.security import Action, require
from app.services.audit import AuditFilter, AuditLog, entries_csv
from app.ui import dialogs
from app.ui.forms.ui_audit_dialog import Ui_AuditDialog
from app.ui.screen import fit_to_screen
from app.ui.theme import error_style

COLUMNS = ("Row", "When (UTC)", "User", "Action", "Request", "Detail")
SHOWN = 5000


class AuditDialog(QDialog):
    def __init__(self, log: AuditLog, session, parent: QWidget | None = None) -> None:
        require(session, Action.users)
        super().__init__(parent)
        self.ui = Ui_AuditDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)
        self.log = log
        self.entries = []
        ui = self.ui
        ui.user_combo.addItem("Anyone", None)
        for user in log.users():
            ui.user_combo.addItem(user, user)
        ui.action_combo.addItem("Any action", None)
        for action in log.actions():
            ui.action_combo.addItem(action, action)
        first = log.entries(limit=1)
        start = QDate.fromString(first[0].at[:10], "yyyy-MM-dd") if first else QDate.currentDate()
        ui.since_edit.setDate(start)
        ui.until_edit.setDate(QDate.currentDate().addDays(1))
        table = ui.entries_table
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        ui.user_combo.currentIndexChanged.connect(self.refresh)
        ui.action_combo.currentIndexChanged.connect(self.refresh)
        ui.since_edit.dateChanged.connect(self.refresh)
        ui.until_edit.dateChanged.connect(self.refresh)
        ui.request_edit.textChanged.connect(self.refresh)
        ui.verify_button.clicked.connect(self.verify)
        ui.export_button.clicked.connect(self._export_clicked)
        ui.button_box.rejected.connect(self.reject)
        self.refresh()
        self.verify()

    def current_filter(self) -> AuditFilter:
        text = self.ui.request_edit.text().strip().lstrip("#")
        return AuditFilter(user=self.ui.user_combo.currentData(), action=self.ui.action_combo.currentData(),
                           request_id=int(text) if text.isdigit() else None,
                           since=self.ui.since_edit.date().toPython(), until=self.ui.until_edit.date().toPython())

    def refresh(self) -> None:
        self.entries = self.log.entries(self.current_filter(), limit=SHOWN, newest_first=True)
        table = self.ui.entries_table
        table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            values = (str(e.id), e.at.replace("T", " ").rstrip("Z"), e.user, e.action,
                      f"#{e.request_id}" if e.request_id is not None else "", e.detail or "")
            for column, text in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        count = len(self.entries)
        self.ui.count_label.setText(f"{count} row" + ("" if count == 1 else "s") +
                                    (f" (the newest {SHOWN})" if count == SHOWN else ""))

    def verify(self) -> bool:
        result = self.log.verify()
        if result.ok:
            self.ui.verify_label.setStyleSheet("")
            self.ui.verify_label.setText(f"The chain is intact ({result.rows} rows).")
        else:
            self.ui.verify_label.setStyleSheet(error_style())
            self.ui.verify_label.setText(f"Row {result.bad_id}: {result.problem}.")
        return result.ok

    def _export_clicked(self) -> None:
        target = dialogs.save_file(self, "Export the audit trail", Path.home() / "audit.csv", "CSV files (*.csv)")
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """The rows shown (the filter applies), oldest first."""
        target.write_bytes(entries_csv(list(reversed(self.entries))))
        self.ui.count_label.setText(f"Exported {len(self.entries)} rows to {target}")
