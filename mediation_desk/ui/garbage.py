"""Python's cycle collector runs on the GUI thread only.

The database door (services/door.py) runs Python on its own thread. Were the automatic cycle
collector to start there, it could destroy Qt objects held in reference cycles (a widget and a
lambda connected to its signal, a dialog and its callback) off the GUI thread, and Qt crashes
when a widget is destroyed on another thread — at random, long after the code that made the
cycle. So automatic collection is switched off and the GUI thread collects on a timer, one
generation at a time when its count passes the usual threshold: the well-known
``GarbageCollector`` recipe (Erik Janssens; also GitFourchette's and OpenCue's).

Reference counting still frees everything that is not in a cycle at once, on whichever thread
drops the last reference, so the door never holds Qt objects (it returns plain values).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GarbageCollector(QObject):
    """While alive (and started), cycles are collected on this object's (the GUI) thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> GarbageCollector:
        self._was_enabled = gc.isenabled()
        gc.disable()
        # what exists now (the imported modules, their classes and functions) lives as long
        # as the program: leaving it out of every collection makes each one cheaper, the
        # first full one during start-up included (the usual gc.freeze() after imports)
        gc.freeze()
        self.timer.start()
        return self

    def stop(self) -> None:
        """Stop; automatic collection comes back if it was on before ``start``."""
        self.timer.stop()
        gc.unfreeze()
        if getattr(self, "_was_enabled", True):
            gc.enable()

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; objects found."""
        counts = gc.get_count()
        generation = -1
        for gen, (count, limit) in enumerate(zip(counts, self.threshold, strict=True)):
            if limit and count > limit:
                generation = gen
        return gc.collect(generation) if generation >= 0 else 0
