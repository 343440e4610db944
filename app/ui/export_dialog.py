"""Export a batch for a plan: choose the plan and where, optionally a ZIP encrypted with a passphrase, and watch
the progress bar while the service writes it.

The layout is forms/export_dialog.ui (compiled into app/ui/forms/ui_export_dialog.py); this class holds
behaviour only. It is handed a factory of the export service (with or without the letters), called in the
background task (app.ui.tasks) that writes the batch (the desk's store gives that thread a connection of its own).

    dialog = ExportDialog(lambda with_pdfs: desk.exports(with_pdfs=with_pdfs), plans,
                          folder=desk.exports_folder, parent=window)
    dialog.exec()
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from app.errors import InputProblem
from app.ui import dialogs
from app.ui.forms.ui_export_dialog import Ui_ExportDialog
from app.ui.screen import fit_to_screen
from app.ui.tasks import Task

MIN_PASSPHRASE = 8


def _export(service_for: Callable[[bool], object], options: dict, progress):
    """The work, on the worker thread: open the export service there and write the batch."""
    options = dict(options)
    service = service_for(options.pop("with_pdfs"))
    return service.export(**options, progress=lambda done, total: progress(done, total))


def failure_text(error: BaseException) -> str:
    if isinstance(error, InputProblem):
        return error.render()
    return f"The export stopped and nothing was recorded: {error}"


class ExportDialog(QDialog):
    def __init__(self, service_for: Callable[[bool], object], plans: list[tuple[str, str]], *,
                 folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ExportDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)
        self.service_for = service_for
        for plan_id, name in plans:
            self.ui.plan_combo.addItem(name, plan_id)
        if folder is not None:
            self.ui.out_edit.setText(str(folder))
        self.export_button = self.ui.button_box.addButton("&Export", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setDefault(True)
        self.ui.button_box.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.start)
        self.ui.browse_button.clicked.connect(self.browse)
        self.ui.encrypt_check.toggled.connect(self._encryption_changed)
        self._encryption_changed(False)
        self._thread: Task | None = None
        self.result = None  # the last ExportResult (what the clerk saw reported)

    # --- what the clerk does ---------------------------------------------------------------------------------

    def browse(self) -> None:
        chosen = dialogs.choose_folder(self, "Write the batch into", self.ui.out_edit.text())
        if chosen:
            self.ui.out_edit.setText(str(chosen))

    def _encryption_changed(self, encrypt: bool) -> None:
        for widget in (self.ui.passphrase_label, self.ui.passphrase_edit, self.ui.confirm_label,
                       self.ui.confirm_edit):
            widget.setEnabled(encrypt)
        if encrypt:
            self.ui.zip_check.setChecked(True)
        self.ui.zip_check.setEnabled(not encrypt)

    def _options(self) -> dict:
        problems = []
        out = self.ui.out_edit.text().strip()
        if not out:
            problems.append("Write to: choose the folder to write the batch into")
        passphrase = None
        if self.ui.encrypt_check.isChecked():
            passphrase = self.ui.passphrase_edit.text()
            if len(passphrase) < MIN_PASSPHRASE:
                problems.append(f"Passphrase: at least {MIN_PASSPHRASE} characters")
            elif passphrase != self.ui.confirm_edit.text():
                problems.append("Passphrase again: the two passphrases differ")
        if self.ui.plan_combo.currentIndex() < 0:
            problems.append("Plan: choose the plan the batch is for")
        if problems:
            raise InputProblem(problems)
        return {"plan": self.ui.plan_combo.currentData(), "out": Path(out),
                "as_zip": self.ui.zip_check.isChecked(), "passphrase": passphrase,
                "again": self.ui.again_check.isChecked(), "with_pdfs": self.ui.letters_check.isChecked()}

    def start(self) -> None:
        if self._thread is not None:
            return
        try:
            options = self._options()
        except InputProblem as problem:
            self.ui.status_label.setText(problem.render())
            return
        self.ui.status_label.setText("Writing the batch…")
        self.ui.progress_bar.setRange(0, 0)  # busy until the first request is written
        self.export_button.setEnabled(False)
        service_for = self.service_for
        self._thread = Task(self, lambda progress: _export(service_for, options, progress), success=self._exported, failure=self._failed, progress=self._progressed,
                            name="export")
        self._thread.finished.connect(self._finished)
        self._thread.start()

    @property
    def exporting(self) -> bool:
        return self._thread is not None

    # --- on the GUI thread -----------------------------------------------------------------------------------

    def _progressed(self, done: int, total: int) -> None:
        self.ui.progress_bar.setRange(0, total)
        self.ui.progress_bar.setValue(done)
        self.ui.status_label.setText(f"Writing request {done} of {total}…")

    def _exported(self, result) -> None:
        self.result = result
        self.ui.progress_bar.setRange(0, max(result.count, 1))
        self.ui.progress_bar.setValue(result.count)
        text = f"Batch {result.batch_id}: {result.count} request(s) written to {result.path}"
        if result.held_back:
            text += f"\n{len(result.held_back)} request(s) held back, not in the batch:"
            text += "".join(f"\n  - {held}" for held in result.held_back)
        self.ui.status_label.setText(text)

    def _failed(self, error: BaseException) -> None:
        self.ui.progress_bar.setRange(0, 1)
        self.ui.progress_bar.setValue(0)
        self.ui.status_label.setText(failure_text(error))

    def _finished(self) -> None:
        self._thread = None  # the finished Task stays with the dialog and goes with it
        self.export_button.setEnabled(True)

    def reject(self) -> None:
        if self._thread is not None:
            return  # a batch is written whole or not at all: let it finish
        super().reject()
