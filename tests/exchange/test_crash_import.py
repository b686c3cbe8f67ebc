"""Kill the importer (a child process) with SIGKILL at moments spread over its import.

After every kill the database holds either none or all of the bundle, passes
the integrity and audit-chain checks, and the bundle imports again cleanly.

The first kill comes as soon as the importer opened the database, the others one in each
slice of an uninterrupted import's time (``crash_harness.moments``): 10 kills cover the
import's phases as the 16 independent random ones did (40 with MEDIATION_DESK_FULL_SWEEP=1).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest

from mediation_desk.services import exchange
from mediation_desk.storage.store import Store
from tests.forkserver import ForkServer
from tests.storage.crash_harness import moments

from .helpers import ACTOR, make_desk, referral, trust_both

CASES = 150
KILLS = 40 if os.environ.get("MEDIATION_DESK_FULL_SWEEP") else 10


@pytest.fixture
def workers():
    """The importer processes (tests/exchange/crash_import_worker.py), forked ready-imported."""
    with ForkServer("tests.exchange.crash_import_worker") as server:
        yield server


def _copy_db(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
        if Path(f"{src}{suffix}").exists():
            shutil.copy(f"{src}{suffix}", f"{dst}{suffix}")


def _held(db: Path, bundle_id: str) -> tuple[int, int]:
    s = Store.open(db)
    try:
        problems, chain = s.check()
        assert problems == [] and chain.ok, (problems, chain)
        ledger = s.db.execute("SELECT count(*) FROM exchange_ledger WHERE bundle_id = ?",
                              [bundle_id]).fetchone()[0]
        cases = s.db.execute("SELECT count(*) FROM cases WHERE source = 'court_delegated'"
                             ).fetchone()[0]
        parties = s.db.execute("SELECT count(*) FROM parties").fetchone()[0]
        fts = s.db.execute("SELECT count(*) FROM case_fts").fetchone()[0]
        assert (cases, parties, fts) in ((0, 0, 0), (CASES, 2 * CASES, CASES)), (cases, parties)
        assert ledger == (1 if cases else 0)
        return ledger, cases
    finally:
        s.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_import_leaves_none_or_all(workers, tmp_path):
    court = make_desk(tmp_path, "court01", "court")
    center = make_desk(tmp_path, "center01")
    trust_both(tmp_path, court, center)
    for n in range(CASES):
        referral(court, center, n)
    bundle_file = tmp_path / "big.mdx"
    rep = exchange.export_bundle(court, ACTOR, "center01", bundle_file)
    court.close()
    center.close()
    base, db = tmp_path / "center01.db", tmp_path / "victim.db"

    # how long an uninterrupted import takes, from "opened" to the end
    _copy_db(base, db)
    proc = workers.spawn(str(db), str(bundle_file))
    assert proc.stdout.readline().strip() == "opened"
    t0 = time.perf_counter()
    out, _ = proc.communicate()
    span = time.perf_counter() - t0
    assert out.startswith("done") and _held(db, rep.bundle_id) == (1, CASES)

    rng = random.Random(20260302)
    outcomes = []
    for delay in [0.0, *moments(rng, KILLS - 1, span * 1.1)]:
        _copy_db(base, db)
        proc = workers.spawn(str(db), str(bundle_file))
        proc.stdout.readline()
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        outcomes.append(_held(db, rep.bundle_id))
        s = Store.open(db)  # re-import after the crash works and completes the bundle
        try:
            again = exchange.import_bundle(s, ACTOR, bundle_file)
            assert again.already_applied == (outcomes[-1][0] == 1)
        finally:
            s.close()
        assert _held(db, rep.bundle_id) == (1, CASES)
    assert any(o == (0, 0) for o in outcomes), outcomes  # at least one kill hit the import
