"""Kill a desk (writer and reader connection open, as the GUI holds them) with SIGKILL at
random moments: after every kill the file is sound and every reported commit survives.

The long run (200 kills) is ``benchmarks/bench_crash.py``.
"""

from __future__ import annotations

import signal

import pytest

from tests.storage.crash_harness import run

KILLS = 24


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_loses_no_committed_operation(store, db_path):
    store.close()
    ack, problems = run(db_path, KILLS)
    assert problems == []
    assert len(ack.registered) >= KILLS and ack.accepted and ack.titles
