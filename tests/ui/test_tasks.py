"""app.ui.tasks: the one way the desk works in the background. The work runs off the GUI thread; its result, its
failure and its progress arrive on the GUI thread, in order; a stop asked for is seen by the work."""

import threading

from PySide6.QtWidgets import QWidget

from app.errors import InputProblem
from app.ui.tasks import Task


def test_the_work_runs_off_the_gui_thread_and_its_result_and_progress_come_back_on_it(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    seen = []

    def work(progress):
        seen.append(("work", threading.current_thread() is threading.main_thread()))
        for done in (1, 2, 3):
            progress(done, 3)
        return "batch 7"

    task = Task(owner, work, success=lambda result: seen.append(("success", result, _on_gui())),
                progress=lambda done, total: seen.append(("progress", done, total, _on_gui())))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    assert seen == [("work", False), ("progress", 1, 3, True), ("progress", 2, 3, True), ("progress", 3, 3, True),
                    ("success", "batch 7", True)]
    assert task.running is False


def test_a_failure_comes_back_as_the_exception_on_the_gui_thread(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    failures = []

    def work(_progress):
        raise InputProblem(["plan: unknown plan 'x'"])

    task = Task(owner, work, success=lambda _result: failures.append("success?"),
                failure=lambda error: failures.append((error.render(), _on_gui())))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    assert failures == [("plan: unknown plan 'x'", True)]


def test_a_stop_asked_for_is_seen_by_the_work_at_its_next_report(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    started, reports = threading.Event(), []

    def work(progress):
        started.set()
        for done in range(1, 1000):
            if not progress(done, 999):
                return done
            threading.Event().wait(0.005)
        return 999

    results = []
    task = Task(owner, work, success=results.append, progress=lambda done, total: reports.append(done))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
        assert started.wait(5)
        task.cancel()
    assert task.cancelled and results and results[0] < 999


def test_closing_the_window_while_the_work_reports_is_safe_and_stops_the_work(qtbot):
    """The worker reports through the application's relay, never on the Task: a window deleted while its work
    runs (the clerk closed it, a test cleaned up) is not told anything, and its work stops at the next report."""
    from PySide6.QtWidgets import QApplication

    owner = QWidget()
    started, stopped, told = threading.Event(), threading.Event(), []

    def work(progress):
        started.set()
        for done in range(1, 2000):
            if not progress(done, 2000):
                stopped.set()
                return done
            threading.Event().wait(0.002)
        return 2000

    task = Task(owner, work, success=told.append, progress=lambda done, total: told.append(done))
    task.start()
    assert started.wait(5)
    qtbot.waitUntil(lambda: len(told) >= 3, timeout=5000)
    owner.deleteLater()  # the Task goes with its window
    qtbot.waitUntil(stopped.is_set, timeout=10_000)
    before = len(told)
    QApplication.processEvents()  # whatever was on its way is dropped, not delivered to a deleted object
    assert len(told) == before and 2000 not in told


def _on_gui() -> bool:
    return threading.current_thread() is threading.main_thread()
