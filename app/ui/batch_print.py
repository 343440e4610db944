"""Print every letter due today, with a progress bar: one printer chosen once, each letter stored and recorded
with its request (app.services.letters) before it is painted, so a stop or a jam loses no record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from app.errors import InputProblem
from app.ui import printing
from app.ui.letters_panel import kind_label


def print_due_today(letters, parent: QWidget | None, choose_printer=None) -> int | None:
    """How many letters were printed; None when there was nothing to do or the clerk cancelled at the start."""
    choose_printer = choose_printer or printing.ask_for_printer
    try:
        due = letters.due_today()
    except InputProblem as problem:
        QMessageBox.warning(parent, "Letters due today", problem.render())
        return None
    if not due:
        QMessageBox.information(parent, "Letters due today", "No letter is due: every letter the open requests "
                                "need has been printed.")
        return None
    printer = choose_printer(parent, f"Print {len(due)} letter" + ("" if len(due) == 1 else "s") + " due today")
    if printer is None:
        return None
    progress = QProgressDialog("Printing the letters due today…", "Stop", 0, len(due), parent)
    progress.setWindowTitle("Letters due today")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    printed, problems = 0, []
    for number, item in enumerate(due):
        if progress.wasCanceled():
            break
        progress.setLabelText(f"{kind_label(item.kind.value)} for request #{item.case_id}, {item.member_label} "
                              f"({number + 1} of {len(due)})")
        progress.setValue(number)
        QApplication.processEvents()
        try:
            record = letters.print_letter(item.case_id, item.kind)
            printing.paint_pdf(letters.reprint(record.id), printer)
            printed += 1
        except (InputProblem, printing.PdfUnreadable) as problem:
            problems.append(f"request #{item.case_id}, {kind_label(item.kind.value)}: "
                            + (problem.render() if isinstance(problem, InputProblem) else str(problem)))
    progress.setValue(len(due))
    if problems:
        QMessageBox.warning(parent, "Letters due today",
                            f"Printed {printed} of {len(due)}. Not printed:\n" + "\n".join(problems))
    return printed
