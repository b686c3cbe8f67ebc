"""Background work on the database thread, results back on the GUI thread.

A task is a plain function; once the runner is attached to the database door
(:meth:`TaskRunner.attach`, done by ``Services``) it runs on the door's thread, the
one thread that owns the connections, so tasks and database calls never overlap.
``done(result)`` or ``failed(exc)`` are then called on the GUI thread. Before a door
exists (e.g. building a demo database) tasks run on a worker thread of their own.
``TaskRunner(synchronous=True)`` waits for each task (still on the door's thread) and
calls back at once on the caller's thread, for tests.

Long work with a progress dialog: :func:`run_with_progress` passes the function
a :class:`Progress` whose ``report(done, total)`` returns False once the user
pressed Cancel.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Bridge(QObject):
    """Lives on the GUI thread; a signal emitted from the worker is delivered there."""

    finished = Signal(object)


class TaskRunner:
    """Runs functions on one worker thread (or synchronously in tests)."""

    def __init__(self, *, synchronous: bool = False,
                 on_error: Failed | None = None) -> None:
        self.synchronous = synchronous
        self.on_error = on_error  # default failure handler (shows the error)
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.pending = 0
        self.closed = False  # after shutdown, late submissions (timers) are dropped
        self.door: Any = None

    def attach(self, door: Any) -> None:
        """Run every later task on ``door``'s database thread."""
        self.door = door
        self.closed = False

    def submit(self, fn: Callable[[], Any], done: Done | None = None,
               failed: Failed | None = None) -> None:
        """Run ``fn()`` in the background.

        Then ``done(result)`` or ``failed(exc)`` on the GUI thread.
        """
        if self.closed:
            return
        if self.door is not None:
            self._submit_to_door(fn, done, failed)
            return
        if self.synchronous:
            self._finish(self._call(fn), done, failed)
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="db-worker", daemon=True)
            self._thread.start()
        self.pending += 1
        self._queue.put((fn, done, failed))

    def _submit_to_door(self, fn: Callable[[], Any], done: Done | None,
                        failed: Failed | None) -> None:
        if self.synchronous:
            self._finish(self._call(lambda: self.door.call(fn)), done, failed)
            return
        self.pending += 1
        self.door.submit(fn, lambda ok, value: self._bridge.finished.emit(
            ((ok, value), done, failed)))

    @staticmethod
    def _call(fn: Callable[[], Any]) -> tuple[bool, Any]:
        try:
            return True, fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            return False, exc

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            fn, done, failed = item
            self._bridge.finished.emit((self._call(fn), done, failed))

    def _deliver(self, payload: tuple) -> None:
        self.pending -= 1
        if self.closed:  # the database is closed: nobody is waiting for this any more
            return
        outcome, done, failed = payload
        self._finish(outcome, done, failed)

    def _finish(self, outcome: tuple[bool, Any], done: Done | None,
                failed: Failed | None) -> None:
        ok, value = outcome
        if ok:
            if done is not None:
                done(value)
            return
        handler = failed or self.on_error
        if handler is None:
            raise value
        handler(value)

    def shutdown(self, timeout: float = 5.0) -> None:
        """Let queued work finish and stop the worker (the door closes with the services)."""
        self.closed = True
        self.door = None
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None


class Progress:
    """Progress of one long task as the task sees it (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.done = 0
        self.total = 0
        self.cancelled = False

    def report(self, done: int, total: int) -> bool:
        """Record progress; False means stop (the user cancelled)."""
        with self._lock:
            self.done, self.total = done, total
            return not self.cancelled

    def cancel(self) -> None:
        with self._lock:
            self.cancelled = True

    def snapshot(self) -> tuple[int, int]:
        with self._lock:
            return self.done, self.total


def run_with_progress(runner: TaskRunner, parent: QWidget | None, title: str,
                      fn: Callable[[Progress], Any], done: Done, failed: Failed | None = None,
                      *, cancellable: bool = True) -> QProgressDialog:
    """Run ``fn(progress)`` off the GUI thread behind a modal progress dialog."""
    from PySide6.QtCore import QTimer

    progress = Progress()
    dialog = QProgressDialog(title, "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if cancellable:
        dialog.setCancelButtonText(QProgressDialog.tr("Cancel"))
        dialog.canceled.connect(progress.cancel)
    else:
        dialog.setCancelButton(None)
    timer = QTimer(dialog)
    timer.setInterval(100)

    def tick() -> None:
        d, t = progress.snapshot()
        if t:
            dialog.setMaximum(t)
            dialog.setValue(min(d, t))

    timer.timeout.connect(tick)
    timer.start()

    def finish(call: Callable, value: Any) -> None:
        timer.stop()
        dialog.close()
        dialog.deleteLater()
        call(value)

    runner.submit(lambda: fn(progress), lambda v: finish(done, v),
                  lambda e: finish(failed or runner.on_error or _reraise, e))
    return dialog


def _reraise(exc: BaseException) -> None:
    raise exc
