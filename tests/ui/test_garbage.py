"""Cycles are collected on the GUI thread only (ui/garbage.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from mediation_desk.ui.garbage import GarbageCollector


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_cycles_wait_for_the_gui_threads_timer(qtbot, qapp):
    collector = GarbageCollector(interval_ms=10).start()
    try:
        assert not gc.isenabled()
        gone = weakref.ref(Node())
        assert gone() is not None

        def churn() -> None:  # allocations on another thread, as the database door makes them
            for _ in range(100_000):
                _ = [[]]

        t = threading.Thread(target=churn)
        t.start()
        t.join()
        assert gone() is not None  # nothing collected it off the GUI thread
        collector.threshold = (1, 1, 1)
        qtbot.waitUntil(lambda: gone() is None, timeout=10_000)  # the GUI thread's timer did
    finally:
        collector.stop()
    assert not gc.isenabled()  # the test session's own collector (conftest) still runs


def test_check_collects_only_past_a_threshold(qapp):
    collector = GarbageCollector().start()
    try:
        gc.collect()
        collector.threshold = (10**9, 10, 10)
        gone = weakref.ref(Node())
        assert collector.check() == 0 and gone() is not None
        collector.threshold = (1, 10**9, 10**9)
        assert collector.check() >= 1 and gone() is None
    finally:
        collector.stop()
