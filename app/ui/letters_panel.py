"""The Letters tab of a request: the letters it needs now, preview, print (each print stored with the request, with
its SHA-256), save as PDF, and reprint what was printed. What a letter says, and the record of each print, come
from the letter service; this widget only shows them and hands the PDF to the printer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from app.errors import InputProblem
from app.domain.time import format_pacific
from app.ui import dialogs
from app.ui.forms.ui_letters_panel import Ui_LettersPanel
from app.ui.printing import ChoosePrinter, PdfUnreadable, ask_for_printer, paint_pdf, preview
from app.ui.theme import error_style

# How the desk names each kind (the letters' own titles are in resources/letters, per language).
KIND_LABELS = {
    "referral": ("Referral and authorization", "Second-opinion professional"),
    "consult_report_request": ("Consultation report request", "Second-opinion professional"),
    "consult_report_overdue": ("Consultation report overdue: reminder", "Second-opinion professional"),
    "member_approval": ("Approval notice", "Member"),
    "member_denial": ("Denial notice", "Member"),
    "member_delay": ("Delay notice", "Member"),
    "member_financial_responsibility": ("Financial responsibility notice", "Member"),
}
KIND_ROLE = Qt.ItemDataRole.UserRole + 1

def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, (kind.replace("_", " ").capitalize(), ""))[0]


class LettersPanel(QWidget):
    def __init__(self, letters, case_id: int, parent: QWidget | None = None, *,
                 choose_printer: ChoosePrinter | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_LettersPanel()
        self.ui.setupUi(self)
        self.ui.error_label.setStyleSheet(error_style())
        self.letters = letters
        self.case_id = case_id
        # the system's dialogs unless told otherwise (looked up when used, so a test can stand in for them)
        self._choose_printer = choose_printer or (lambda parent, title: ask_for_printer(parent, title))
        self.ui.language_combo.addItem("Member's language (English when it has no texts)", None)
        for code, pack in sorted(letters.catalog.languages.items()):
            info = pack.common.language
            self.ui.language_combo.addItem(f"{info.name} ({info.native_name})", code)
        for table in (self.ui.letters_table, self.ui.printed_table):
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
        self.ui.preview_button.clicked.connect(self.preview)
        self.ui.print_button.clicked.connect(self.print_selected)
        self.ui.save_button.clicked.connect(self.save_selected)
        self.ui.reprint_button.clicked.connect(self.reprint_selected)
        self.ui.letters_table.activated.connect(lambda _index: self.print_selected())
        self.ui.letters_table.itemSelectionChanged.connect(self._enable)
        self.ui.printed_table.itemSelectionChanged.connect(self._enable)
        self.refresh()

    # --- showing --------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ui.error_label.clear()
        try:
            kinds = [kind.value for kind in self.letters.applicable(self.case_id)]
            printed = self.letters.prints(self.case_id)
        except InputProblem as problem:
            kinds, printed = [], []
            self.ui.error_label.setText(problem.render())
        last_printed = {}
        for record in printed:
            last_printed[record.kind] = record
        table = self.ui.letters_table
        table.setRowCount(len(kinds))
        for row, kind in enumerate(kinds):
            label, to = KIND_LABELS.get(kind, (kind_label(kind), ""))
            record = last_printed.get(kind)
            when = f"{format_pacific(record.printed_at)} by {record.printed_by}" if record else "not yet"
            for column, text in enumerate((label, to, self._language_shown(kind), when)):
                item = QTableWidgetItem(text)
                item.setData(KIND_ROLE, kind)
                table.setItem(row, column, item)
        if kinds and not table.selectedItems():
            table.selectRow(0)
        history = self.ui.printed_table
        history.setRowCount(len(printed))
        for row, record in enumerate(reversed(printed)):  # newest first
            values = (format_pacific(record.printed_at), kind_label(record.kind), record.language,
                      record.printed_by, record.sha256[:12] + "…")
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(KIND_ROLE, record.id)
                if column == 4:
                    item.setToolTip(f"SHA-256 {record.sha256}\n{record.file_path}")
                history.setItem(row, column, item)
        if not kinds and not self.ui.error_label.text():
            self.ui.due_label.setText("&Letters this request needs now: none at this stage.")
        self._enable()

    def _language_shown(self, kind: str) -> str:
        code = self.ui.language_combo.currentData()
        if code:
            return code
        return "member's" if kind.startswith("member_") else "en"

    def _enable(self) -> None:
        chosen = self.selected_kind() is not None
        for button in (self.ui.preview_button, self.ui.print_button, self.ui.save_button):
            button.setEnabled(chosen)
        self.ui.reprint_button.setEnabled(self.selected_print() is not None)

    def selected_kind(self) -> str | None:
        items = self.ui.letters_table.selectedItems()
        return items[0].data(KIND_ROLE) if items else None

    def selected_print(self) -> int | None:
        items = self.ui.printed_table.selectedItems()
        return items[0].data(KIND_ROLE) if items else None

    # --- acting ---------------------------------------------------------------------------------------------

    def _render(self) -> bytes | None:
        kind = self.selected_kind()
        if kind is None:
            return None
        try:
            return self.letters.render(self.case_id, kind, self.ui.language_combo.currentData())
        except InputProblem as problem:
            self.ui.error_label.setText(problem.render())
            return None

    def preview(self) -> None:
        data = self._render()
        if data is None:
            return
        self.preview_dialog = preview(self, data, f"{kind_label(self.selected_kind())}: request #{self.case_id}")
        self.preview_dialog.open()

    def print_selected(self) -> bool:
        """Ask for the printer, then render, store and record the letter, and print the stored file."""
        kind = self.selected_kind()
        if kind is None:
            return False
        printer = self._choose_printer(self, f"Print the {kind_label(kind).lower()}")
        if printer is None:
            return False
        try:
            record = self.letters.print_letter(self.case_id, kind, self.ui.language_combo.currentData())
            paint_pdf(self.letters.reprint(record.id), printer)
        except InputProblem as problem:
            self.ui.error_label.setText(problem.render())
            return False
        except PdfUnreadable as problem:
            self.refresh()
            self.ui.error_label.setText(f"{problem}. The letter was kept with the request: select it under "
                                        "Printed letters and press Reprint.")
            return False
        self.refresh()
        return True

    def save_selected(self) -> Path | None:
        kind = self.selected_kind()
        data = self._render()
        if data is None:
            return None
        target = dialogs.save_file(self, "Save the letter as PDF", f"request-{self.case_id}-{kind}.pdf",
                                   "PDF files (*.pdf)")
        if target is None:
            return None
        try:
            target.write_bytes(data)
        except OSError as error:
            self.ui.error_label.setText(f"Could not save {target}: {error.strerror or error}. Choose another folder.")
            return None
        return target

    def reprint_selected(self) -> bool:
        letter_id = self.selected_print()
        if letter_id is None:
            return False
        printer = self._choose_printer(self, "Reprint the letter")
        if printer is None:
            return False
        try:
            paint_pdf(self.letters.reprint(letter_id), printer)
        except (InputProblem, PdfUnreadable) as problem:
            self.ui.error_label.setText(problem.render() if isinstance(problem, InputProblem) else str(problem))
            return False
        return True
