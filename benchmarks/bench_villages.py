"""The 村居 view (村（社区）纠纷情况 and 无讼 candidates) over the 100,000-case demo.

For a month, a quarter and a year it times ``VillageService.tables`` (both tables from one
read, as the ``villages`` verb and the 统计 page ask) and, in the same run, the bare SQL
aggregation of the same four figures per village (one GROUP BY per measure, the village by
a correlated subquery, no case ids, no repeat check beyond one SQL EXISTS), and checks the
counts agree. Targets (issue 12, brief h12_5): ≤ 300 ms for a month, ≤ 1 s for a year.

    .venv/bin/python benchmarks/bench_villages.py [--db PATH] [--repeats 5] [--steps]
        [--against TREE]

Without ``--db`` it uses the tests' cached demo (``/tmp/mediation-desk-cache``, built when
missing: minutes). ``--unverified`` opens a copy with an index on trial (the schema check
would refuse it). ``--steps`` also prints the time of each query of
``storage.village_queries.village_facts``. The load average is printed: on a shared
machine it decides much of the figure. ``--against TREE`` (a ``git worktree`` of an older
commit) also runs that tree's ``village_facts``, alternating with this one's in the same
process, and checks both give the same facts: a before/after under the same load.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import os
import statistics
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediation_desk.domain.statistics import ReportPeriod  # noqa: E402
from mediation_desk.services.demo import cached_demo, open_demo  # noqa: E402
from mediation_desk.services.villages import VillageService  # noqa: E402
from mediation_desk.storage import village_queries as vq  # noqa: E402

PERIODS = (ReportPeriod.month(2026, 11), ReportPeriod.month(2025, 6),
           ReportPeriod.quarter(2026, 3), ReportPeriod.year(2025))

_VILLAGE = """coalesce(
  (SELECT p.village FROM parties p WHERE p.case_id = {c} AND p.deleted = 0 AND p.village != ''
    AND p.role = 'applicant' ORDER BY p.position LIMIT 1),
  (SELECT p.village FROM parties p WHERE p.case_id = {c} AND p.deleted = 0 AND p.village != ''
    ORDER BY p.position LIMIT 1), '')"""

BARE = {
    "accepted": f"""SELECT {_VILLAGE.format(c='c.id')}, count(*) FROM cases c
        WHERE c.accepted_on BETWEEN :s AND :e AND c.deleted = 0 GROUP BY 1""",
    "succeeded": f"""SELECT {_VILLAGE.format(c='c.id')}, count(*) FROM cases c WHERE c.id IN (
        SELECT case_id FROM agreements WHERE effective_on BETWEEN :s AND :e AND deleted = 0)
        AND c.deleted = 0 GROUP BY 1""",
    "to_court": f"""SELECT {_VILLAGE.format(c='c.id')}, count(*) FROM cases c WHERE c.id IN (
        SELECT case_id FROM events WHERE kind = 'status_change'
          AND json_extract(data, '$.action') IN ('hand_over', 'litigate', 'return_to_trial')
          AND occurred_at >= :s AND occurred_at < :after AND deleted = 0
          AND (json_extract(data, '$.action') != 'return_to_trial'
               OR coalesce(json_extract(data, '$.outcome'), '') = ''))
        AND c.deleted = 0 GROUP BY 1""",
}
"""The bare aggregation (no written-copy exclusion: the demo has no written copies)."""


def _median(fn: Any, repeats: int) -> tuple[float, Any]:
    result, times = None, []
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def _steps(store: Any, period: ReportPeriod) -> dict[str, float]:
    """Seconds spent in each query helper of village_facts (one run)."""
    spent: Counter[str] = Counter()
    saved = {}
    for name in ("_succeeded", "_to_court", "_live_centers", "_parties", "_twice",
                 "_repeats"):
        real = getattr(vq, name)
        saved[name] = real

        @functools.wraps(real)
        def timed(*a: Any, _real: Any = real, _name: str = name, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return _real(*a, **k)
            finally:
                spent[_name] += time.perf_counter() - t

        setattr(vq, name, timed)
    try:
        t = time.perf_counter()
        vq.village_facts(store.db, period.start, period.end)
        spent["total"] = time.perf_counter() - t
    finally:
        for name, real in saved.items():
            setattr(vq, name, real)
    return dict(spent)


def _against(store: Any, tree: Path, repeats: int) -> None:
    """This tree's village_facts and ``tree``'s, alternating (best of ``repeats``)."""
    name = "mediation_desk.storage.village_queries_against"
    spec = importlib.util.spec_from_file_location(
        name, tree / "mediation_desk/storage/village_queries.py")
    assert spec is not None and spec.loader is not None
    old = importlib.util.module_from_spec(spec)
    sys.modules[name] = old
    spec.loader.exec_module(old)
    for period in PERIODS:
        best = {"old": float("inf"), "new": float("inf")}
        got = {}
        for _ in range(repeats):
            for label, mod in (("old", old), ("new", vq)):
                t = time.perf_counter()
                f = mod.village_facts(store.db, period.start, period.end)
                best[label] = min(best[label], time.perf_counter() - t)
                got[label] = (f.accepted, f.repeats, f.succeeded, f.to_court, f.places)
        assert got["old"] == got["new"], period.code
        print(f"{period.code:<14} {tree.name}: {best['old'] * 1000:.0f} ms, this tree: "
              f"{best['new'] * 1000:.0f} ms (best of {repeats}); facts equal", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--steps", action="store_true")
    parser.add_argument("--unverified", action="store_true",
                        help="open a copy whose schema has an index on trial (not verified)")
    parser.add_argument("--against", type=Path, help="a worktree of an older commit")
    args = parser.parse_args()
    db = args.db or cached_demo(Path("/tmp/mediation-desk-cache"), 100_000, 7)
    store = open_demo(db, readonly=True, verify_schema=not args.unverified)
    svc = VillageService(store)
    print(f"{db}  load average {os.getloadavg()[0]:.2f}")
    if args.against:
        _against(store, args.against, args.repeats)
    print(f"{'period':<14}{'service ms':>11}{'bare SQL ms':>12}{'ratio':>7}  受理 重复 成功 诉讼")
    try:
        for period in PERIODS:
            svc.tables(period)  # warm the page cache as a second look at the page would
            ours, (villages, _w) = _median(lambda p=period: svc.tables(p), args.repeats)
            params = {"s": period.start.isoformat(), "e": period.end.isoformat(),
                      "after": (period.end + timedelta(days=1)).isoformat()}

            def bare(params: dict[str, Any] = params) -> dict[str, dict[str, int]]:
                return {k: dict(store.db.execute(sql, params).fetchall())
                        for k, sql in BARE.items()}

            base, counts = _median(bare, args.repeats)
            for key, per in counts.items():  # the same figures, village by village
                mine = {r.key: int(r.cells[key].value or 0) for r in villages.rows}
                assert {v: n for v, n in mine.items() if n} == per, (period.code, key)
            t = villages.total.cells
            print(f"{period.code:<14}{ours * 1000:>11.0f}{base * 1000:>12.0f}"
                  f"{ours / base:>7.2f}  {t['accepted'].value} {t['repeat'].value} "
                  f"{t['succeeded'].value} {t['to_court'].value}")
            if args.steps:
                print("   ", {k: round(v * 1000) for k, v in _steps(store, period).items()})
    finally:
        store.close()
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
