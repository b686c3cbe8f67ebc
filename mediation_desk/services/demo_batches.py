"""The demo's batches of rows made ahead of the writer, in a second process.

Making a batch (drawing its cases from the seeded ``CaseMaker``, numbering them, their
row tuples and search text) needs no database and is about half of a build's CPU; writing
it (SQLite, the seals, the commit) is the other half. On a new file, which nobody else
has open (so nobody else takes its case numbers or row ids), ``demo.build_demo`` has a
second process make the batches while it writes the ones made before: the same cases
from the same single generator, in the same order, so the same seed gives the same rows
either way (tests/services/test_demo_batches.py). The writer takes every serial
reservation again and refuses a batch whose numbers or row ids would differ.

The second process is forked (Linux, not a frozen build): it inherits the generator and
never touches the database or Qt; elsewhere the batches are made in this process.
"""

from __future__ import annotations

import multiprocessing
import queue
import sys
import threading
import traceback
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.models import Case
from ..domain.numbering import format_case_number
from ..storage import bulk
from .demo_cases import CaseMaker

# a batch is about 4 MB of tuples: two made ahead keep the writer busy without piling up
AHEAD = 2
_POLL_SECONDS = 1.0


def number_cases(cases: list[Case], prefix: str, reserve: Callable[[int, int], int]) -> None:
    """Give a batch's cases their numbers: per year one reservation of consecutive serials
    (``reserve(year, count)`` returns the first), in the order received."""
    by_year: dict[int, list[Case]] = {}
    for c in cases:
        c.year = c.received_on.year
        by_year.setdefault(c.year, []).append(c)
    for year, group in by_year.items():
        first = reserve(year, len(group))
        for serial, c in enumerate(group, first):
            c.serial = serial
            c.number = format_case_number(year, prefix, serial)


@dataclass
class Plan:
    """What making the batches needs: the generator (its state after the mediators and
    the days were drawn), the days in order, and where numbering and row ids start."""

    maker: CaseMaker
    days: list[date]
    batch: int
    center_id: str
    prefix: str
    origin: str
    mediator_names: dict[str, str]
    first_seq: int = 1  # a new file: the first case is row 1
    next_serial: dict[int, int] | None = None  # per year (None: every year starts at 1)


def make_batches(plan: Plan) -> Iterator[bulk.BatchRows]:
    """Each batch's rows, numbered from the plan's serials and row ids (in this process)."""
    serials = dict(plan.next_serial or {})
    seq = plan.first_seq
    for start in range(0, len(plan.days), plan.batch):
        made = [plan.maker.case(d, plan.center_id)
                for d in plan.days[start:start + plan.batch]]
        reserved: list[tuple[int, int, int]] = []

        def reserve(year: int, count: int, reserved: list[tuple[int, int, int]] = reserved
                    ) -> int:
            first = serials.get(year, 1)
            serials[year] = first + count
            reserved.append((year, first, count))
            return first

        cases = [c for c, _, _ in made]
        number_cases(cases, plan.prefix, reserve)
        rows = bulk.batch_rows(cases=cases, events=[e for m in made for e in m[1]],
                               agreements=[a for m in made for a in m[2]],
                               mediator_names=plan.mediator_names, origin=plan.origin,
                               first_seq=seq)
        rows.reserved = reserved
        seq += len(cases)
        yield rows


def fork_available() -> bool:
    """Whether this platform and build can fork at all (Linux, not a frozen build)."""
    return sys.platform == "linux" and not getattr(sys, "frozen", False) and \
        "fork" in multiprocessing.get_all_start_methods()


def can_fork() -> bool:
    """Whether batches are made in a forked second process here when not told otherwise.

    Only from a process with one thread and no Qt: a fork copies just the calling thread,
    and a lock another thread held at that moment (logging's, the import lock, Qt's own
    threads') would stay locked in the child for ever. The application's ``--demo`` builds
    on a worker thread beside the GUI, so it builds in one process.
    """
    return fork_available() and threading.active_count() == 1 and \
        "PySide6.QtCore" not in sys.modules


def _produce(plan: Plan, out: Any) -> None:
    try:
        for rows in make_batches(plan):
            out.put(rows)
        out.put(None)
    except BaseException:
        out.put(traceback.format_exc())


def batches(plan: Plan, *, parallel: bool) -> Generator[bulk.BatchRows, None, None]:
    """The plan's batches in order: made by a second process while the caller writes
    (``parallel``, see :func:`can_fork`), or here, one when asked for.

    Closing the iterator early (the caller stopped) ends the second process.
    """
    if not parallel:
        yield from make_batches(plan)
        return
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue(maxsize=AHEAD)
    proc = ctx.Process(target=_produce, args=(plan, out), name="demo-batches", daemon=True)
    proc.start()
    try:
        while True:
            try:
                item = out.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if not proc.is_alive():
                    raise RuntimeError(
                        f"演示数据生成进程意外退出（退出码 {proc.exitcode}）") from None
                continue
            if item is None:
                break
            if isinstance(item, str):
                raise RuntimeError(f"演示数据生成进程出错：\n{item}")
            yield item
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join()
        out.close()
        out.join_thread()
