"""Kill a desk with SIGKILL at random moments and check what must survive (shared by the
test suite's short run and ``benchmarks/bench_crash.py``'s long one)."""

from __future__ import annotations

import os
import random
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.forkserver import ForkServer


@dataclass
class Acknowledged:
    """Every commit a killed worker reported before it died."""

    registered: dict[str, int] = field(default_factory=dict)
    accepted: set[str] = field(default_factory=set)
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def commits(self) -> int:
        return len(self.registered) + len(self.accepted) + len(self.titles)

    def read(self, lines: list[str]) -> None:
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and parts[0] == "registered":
                self.registered[parts[1]] = int(parts[2])
            elif len(parts) == 2 and parts[0] == "accepted":
                self.accepted.add(parts[1])
            elif len(parts) == 3 and parts[0] == "titled":
                self.titles[parts[1]] = parts[2]


def moments(rng: random.Random, kills: int, span: float) -> list[float]:
    """``kills`` moments in ``[0, span)``, one at random in each of ``kills`` equal slices.

    Stratified: every part of the span gets a kill however few there are (N independent
    random moments leave gaps about ln N times wider), so a short default run still kills
    in every phase of the work while the long runs (``MEDIATION_DESK_FULL_SWEEP=1``, the
    benchmarks) add kills within each phase.
    """
    width = span / kills
    return [(i + rng.random()) * width for i in range(kills)]


def kill_once(workers: ForkServer, db_path: Path, delay: float, ack: Acknowledged,
              after: str = "") -> None:
    """Start a worker, let it commit (and print a line starting with ``after``), SIGKILL it
    ``delay`` seconds later, record its commits."""
    proc = workers.spawn(str(db_path))
    lines = [proc.stdout.readline()]  # it has committed something
    while after and lines[-1] and not lines[-1].startswith(after):
        lines.append(proc.stdout.readline())
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate()
    ack.read([*lines, *out.splitlines()])


def check_survivors(db_path: Path, ack: Acknowledged) -> list[str]:
    """Integrity, schema, audit chain and every acknowledged commit; the problems found."""
    from mediation_desk.services.cases import CaseService
    from mediation_desk.storage.store import Store

    problems: list[str] = []
    s = Store.open(db_path, readonly=True)
    try:
        integrity, chain = s.check()
        problems += [f"integrity: {p}" for p in integrity]
        if not chain.ok:
            problems.append(f"audit chain: {chain}")
        svc = CaseService(s)
        for cid, serial in ack.registered.items():
            case = svc.get(cid)
            if case.serial != serial:
                problems.append(f"{cid}: serial {case.serial} != {serial}")
            if cid in ack.accepted and case.accepted_on is None:
                problems.append(f"{cid}: acceptance lost")
            if cid in ack.titles and case.title != ack.titles[cid]:
                problems.append(f"{cid}: title lost")
        serials = [r[0] for r in s.db.execute("SELECT serial FROM cases ORDER BY serial")]
        if len(serials) != len(set(serials)):
            problems.append("duplicate serials")
    finally:
        s.close()
    return problems


SPAN = 0.25  # seconds after the first commit: several rounds of register, accept, read, edit


def run(db_path: Path, kills: int, seed: int = 20261201) -> tuple[Acknowledged, list[str]]:
    """``kills`` kills spread over the first SPAN seconds of a worker's life (``moments``),
    each followed by the full check; (commits seen, problems)."""
    rng = random.Random(seed)
    # half the kills come in the worker's first SPAN seconds, half in the SPAN seconds after
    # its first edit (every third round): by the order of its lines, not by timing, so on a
    # loaded machine too some kills follow an acknowledged edit (with independent moments
    # over the first 0.25 s, a loaded run once saw no edit at all and failed)
    later = kills // 2
    plan = [*(("", d) for d in moments(rng, kills - later, SPAN)),
            *(("titled", d) for d in moments(rng, later, SPAN))]
    rng.shuffle(plan)  # the database grows from kill to kill: no phase always meets a small one
    ack = Acknowledged()
    problems: list[str] = []
    with ForkServer("tests.storage.crash_worker") as workers:
        for i, (after, delay) in enumerate(plan):
            kill_once(workers, db_path, delay, ack, after)
            problems += [f"after kill {i + 1}: {p}" for p in check_survivors(db_path, ack)]
    return ack, problems
