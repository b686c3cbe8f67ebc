"""Kill a desk (writer and reader connection open, as the GUI holds them) with SIGKILL at
moments spread over its first rounds of work: after every kill the file is sound and every
reported commit survives.

The default run kills 16 times: 8 spread one per slice over the first 0.25 s of a worker's
work and 8 over the 0.25 s after its first edit (crash_harness.run: every phase of a round is
hit and some kills always follow an edit, which 24 independent random moments over the first
0.25 s did not promise: a loaded machine once saw no edit and failed);
``MEDIATION_DESK_FULL_SWEEP=1`` kills 64 times, and the long run (200 kills) is
``benchmarks/bench_crash.py``.
"""

from __future__ import annotations

import os
import signal

import pytest

from tests.storage.crash_harness import run

KILLS = 64 if os.environ.get("MEDIATION_DESK_FULL_SWEEP") else 16


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_loses_no_committed_operation(store, db_path):
    store.close()
    ack, problems = run(db_path, KILLS)
    assert problems == []
    assert len(ack.registered) >= KILLS and ack.accepted and ack.titles
