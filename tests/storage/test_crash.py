"""Kill a writer with SIGKILL at random moments: every reported commit survives."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mediation_desk.services.cases import CaseService
from mediation_desk.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_loses_no_committed_operation(store, db_path):
    store.close()
    rng = random.Random(20261127)
    registered: dict[str, int] = {}
    accepted: set[str] = set()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(22):
        proc = subprocess.Popen([sys.executable, "-m", "tests.storage.crash_worker", str(db_path)],
                                stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        # wait until it has committed something, then kill it at a random moment
        first = proc.stdout.readline()
        lines = [first]
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        lines += out.splitlines()
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and parts[0] == "registered":
                registered[parts[1]] = int(parts[2])
            elif len(parts) == 2 and parts[0] == "accepted":
                accepted.add(parts[1])
    assert len(registered) >= 22
    s = Store.open(db_path, readonly=True)
    try:
        problems, chain = s.check()
        assert problems == []
        assert chain.ok, chain
        svc = CaseService(s)
        for cid, serial in registered.items():
            case = svc.get(cid)
            assert case.serial == serial
            if cid in accepted:
                assert case.accepted_on is not None
        serials = [r[0] for r in s.db.execute("SELECT serial FROM cases ORDER BY serial")]
        assert len(serials) == len(set(serials))
    finally:
        s.close()
