"""Background work, one way: the work runs on a worker thread and never touches a widget; what it returns (or
raises) and its progress come back on the GUI thread. Anki's `QueryOp` is the model.

    Task(self, lambda progress: service.export(..., progress=progress),
         success=self._exported, failure=self._failed, progress=self._progressed).start()

`work(progress)` gets a callable `progress(done, total, *detail)` to report with; it returns False once the clerk
asked to stop (`cancel()`), so a service that takes a progress callback stops where it may. `success(result)`,
`failure(error)` and `progress(done, total, *detail)` run on the GUI thread, in the order the work reported them.
`finished` is emitted after success or failure. The desk's store gives the worker thread a connection of its own.

The worker never emits a signal of the Task itself: the Task belongs to a window the clerk (or a test's clean-up)
may close while the work runs, and a signal emitted from another thread on an object being deleted crashes the
process. It emits on one relay that lives as long as the application; the relay's slot runs on the GUI thread,
where nothing is deleted meanwhile, and passes each report on only while the Task still exists.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

log = logging.getLogger("app.ui.tasks")  # the kind of error only: never a message that may carry PHI


class _Relay(QObject):
    """The one object worker threads emit on (see the module's docstring)."""

    delivered = Signal(object, str, object)  # the Task, the name of its GUI-thread method, the value

    def __init__(self) -> None:
        super().__init__()
        self.delivered.connect(self.deliver)  # a slot of an object on the GUI thread: queued from workers

    @Slot(object, str, object)
    def deliver(self, task: Task, method: str, value: Any) -> None:
        if shiboken6.isValid(task):
            getattr(task, method)(value)
            return
        task._stop.set()  # its window was closed meanwhile: nobody is left to tell, and the work may stop
        if method in _LAST:
            task._retire()


_LAST = ("_on_success", "_on_failure")  # a worker's last report
_relay: _Relay | None = None
# Every started Task until its worker thread has ended, held on the GUI thread: the thread holds a reference
# to its Task while it runs, and the last reference to a Qt object must never be dropped on a worker thread
# (the wrapper would be freed there while the GUI thread deletes the object: a crash seen once in 20 runs).
_running: set = set()


def _the_relay() -> _Relay:
    """Made on first use, on the GUI thread (a Task is made there), and kept for the application's life."""
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay()
        application = QCoreApplication.instance()
        if application is not None:
            _relay.moveToThread(application.thread())
    return _relay


class Task(QObject):
    finished = Signal()

    def __init__(self, parent: QObject, work: Callable[[Callable[..., bool]], Any], *,
                 success: Callable[[Any], None] | None = None,
                 failure: Callable[[BaseException], None] | None = None,
                 progress: Callable[..., None] | None = None, name: str = "task") -> None:
        super().__init__(parent)
        self._work = work
        self._success = success
        self._failure = failure
        self._progress = progress
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.running = False
        self._relay = _the_relay()

    def start(self) -> Task:
        self.running = True
        _running.add(self)
        self._thread.start()
        return self

    def _retire(self) -> None:
        """After the worker's last report: wait the moment it takes to end, then let the Task go (here, on the
        GUI thread)."""
        self._thread.join()
        _running.discard(self)

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report (it ends as it would: success or failure)."""
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the worker is done (quitting waits: a backup or a batch is never cut short). The
        success/failure callbacks still arrive through the event loop afterwards."""
        if self._thread.is_alive():
            self._thread.join(timeout)

    # --- on the worker thread ----------------------------------------------------------------------------------

    def _report(self, *values: Any) -> bool:
        self._emit("_on_progress", values)
        return not self._stop.is_set()

    def _run(self) -> None:
        try:
            result = self._work(self._report)
        except BaseException as error:  # noqa: BLE001  the GUI thread decides what the clerk is told
            log.info("background %s ended with %s", self._thread.name, type(error).__name__)
            self._emit("_on_failure", error)
        else:
            self._emit("_on_success", result)

    def _emit(self, method: str, value: Any) -> None:
        self._relay.delivered.emit(self, method, value)

    # --- on the GUI thread -------------------------------------------------------------------------------------

    def _on_progress(self, values: tuple) -> None:
        if self._progress is not None:
            self._progress(*values)

    def _on_success(self, result: Any) -> None:
        try:
            if self._success is not None:
                self._success(result)
        finally:
            self._done()

    def _on_failure(self, error: BaseException) -> None:
        try:
            if self._failure is None:
                raise error
            self._failure(error)
        finally:
            self._done()

    def _done(self) -> None:
        self.running = False
        self._retire()
        self.finished.emit()
        # Done: it leaves its window, so the last reference to it (dropped here, on the GUI thread, once its
        # report is delivered) frees it; a window that starts a Task per keystroke does not collect them all day.
        # (Deleting a Task from inside its own finished signal, with deleteLater, crashed about once in 6 runs.)
        self.setParent(None)
