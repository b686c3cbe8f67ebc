"""Crash safety at scale: SIGKILL a desk N times (default 200) and check after every kill.

    .venv/bin/python benchmarks/bench_crash.py [--kills 200] [--seed N]

The killed process holds the database as the GUI does (the database thread with a writer
and a reader connection) and is registering, accepting and editing cases, with a read
snapshot open between writes. After every kill the file must pass SQLite's integrity check
and the audit-chain verification, and every commit the process reported (a line is printed
only after its commit returned) must be present. Prints kills, acknowledged commits checked,
failures, and exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediation_desk.services.desk import init_desk  # noqa: E402
from tests.storage.crash_harness import run  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--kills", type=int, default=200)
    p.add_argument("--seed", type=int, default=20261201)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "crash.db"
        init_desk(db, code="ZD-MS", name="马尚街道调解中心", number_prefix="马尚").close()
        started = time.perf_counter()
        ack, problems = run(db, args.kills, seed=args.seed)
        took = time.perf_counter() - started
    print(f"kills: {args.kills}")
    print(f"acknowledged commits checked: {ack.commits} "
          f"({len(ack.registered)} registrations, {len(ack.accepted)} acceptances, "
          f"{len(ack.titles)} edits)")
    print(f"failures: {len(problems)}")
    for line in problems[:20]:
        print(f"  {line}")
    print(f"time: {took:.0f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
