"""Print every letter due today, with a progress bar: one printer chosen once; the letter service stores and
records each letter with its request in the background (LetterService.print_due) before it is painted here, on
the GUI thread, so a stop or a jam loses no record."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import InputProblem
from app.ui import dialogs, printing
from app.ui.letters_panel import kind_label
from app.ui.tasks import Task

TITLE = "Letters due today"


def print_due_today(letters, parent: QWidget | None, choose_printer=None,
                    when_done: Callable[[int], None] | None = None) -> Task | None:
    """Start printing the letters due today; `when_done(printed)` once the batch ended. None when there was
    nothing to do or the clerk cancelled at the start."""
    choose_printer = choose_printer or printing.ask_for_printer
    try:
        due = letters.due_today()
    except InputProblem as problem:
        dialogs.warn(parent, TITLE, problem.render())
        return None
    if not due:
        dialogs.inform(parent, TITLE, "No letter is due: every letter the open requests need has been "
                                "printed.")
        return None
    printer = choose_printer(parent, f"Print {len(due)} letter" + ("" if len(due) == 1 else "s") + " due today")
    if printer is None:
        return None
    progress = QProgressDialog("Printing the letters due today…", "Stop", 0, len(due), parent)
    progress.setWindowTitle(TITLE)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    problems: list[str] = []
    painted = 0
    to_paint: list = []  # printed (stored and recorded) in the background, waiting to be painted here
    state = {"painting": False, "ended": False, "told": False}

    def name(item) -> str:
        return f"request #{item.case_id}, {kind_label(item.kind.value)}"

    def printed_one(done: int, total: int, item, record) -> None:  # on the GUI thread
        if record is not None:
            to_paint.append((item, record))
        progress.setLabelText(f"{kind_label(item.kind.value)} for request #{item.case_id}, {item.member_label} "
                              f"({done} of {total})")
        progress.setValue(done)  # a modal progress dialog lets events through here: paint() guards itself
        paint()

    def paint() -> None:
        nonlocal painted
        if state["painting"]:
            return
        state["painting"] = True
        try:
            while to_paint:
                item, record = to_paint.pop(0)
                try:
                    printing.paint_pdf(letters.reprint(record.id), printer)
                    painted += 1
                except (InputProblem, printing.PdfUnreadable) as problem:
                    problems.append(f"{name(item)}: " + (problem.render() if isinstance(problem, InputProblem)
                                                         else str(problem)))
        finally:
            state["painting"] = False
        if state["ended"]:
            tell()

    def not_printed(item, problem: InputProblem) -> None:  # on the worker thread: kept for the end
        problems.append(f"{name(item)}: {problem.render()}")

    def ended() -> None:
        state["ended"] = True
        paint()

    def tell() -> None:
        if state["told"]:
            return
        state["told"] = True
        progress.setValue(len(due))
        progress.close()
        if problems:
            dialogs.warn(parent, TITLE, f"Printed {painted} of {len(due)}. Not printed:\n"
                                + "\n".join(problems))
        if when_done is not None:
            when_done(painted)

    def failed(error: BaseException) -> None:
        problems.append(error.render() if isinstance(error, InputProblem) else
                        f"the batch stopped ({type(error).__name__})")

    task = Task(parent, lambda report: letters.print_due(report, on_problem=not_printed), progress=printed_one,
                failure=failed, name="print-due")
    task.finished.connect(ended)
    progress.canceled.connect(task.cancel)
    return task.start()
