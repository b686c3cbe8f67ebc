"""Statistics reports over the 100,000-case demo, beside the bare SQL of the same figures.

For a month, a quarter and a year it times ``StatisticsService.report`` (every headline
figure with its 环比 and 同比 and its case ids, the tables by type, source, mediator, end
reason and satisfaction, the 12-month trend, the village tables) and, in the same run, a
bare implementation: one SQL query per figure returning the ids of the cases it counts for
the period, the period before and the year before (the same rules: business dates, the
written copy of an oral agreement not counted again, the last follow-up of a case, a stopped
clock not due), the tables as GROUP BYs over those ids and the trend as a GROUP BY month. It
checks that both give the same case ids for every headline figure and the same counts for
every type, source and mediator row. The village tables are part of the report, so the bare
side computes them too (each measure's cases with their villages, 重复纠纷 by EXISTS probes
of the identity indexes in index order) and both give the same cases in the same villages;
the two bare parts are printed apart. Target (issue 12): a report ≤ 1 s, ≤ 3× the bare SQL.

    .venv/bin/python benchmarks/bench_reports.py [--db PATH] [--repeats 3] [--only 2026-11,2025]

Without ``--db`` it uses the tests' cached demo (``/tmp/mediation-desk-cache``). The load
average is printed: on a shared machine it decides much of the figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediation_desk.domain.statistics import ReportPeriod  # noqa: E402
from mediation_desk.services.demo import cached_demo, open_demo  # noqa: E402
from mediation_desk.services.statistics import StatisticsService  # noqa: E402
from mediation_desk.storage.statistics_queries import INDEXED_ACTIONS  # noqa: E402

PERIODS = (ReportPeriod.month(2026, 11), ReportPeriod.month(2025, 6),
           ReportPeriod.quarter(2026, 3), ReportPeriod.year(2025), ReportPeriod.year(2026))

_COPIES = """SELECT json_extract(data, '$.written_agreement_id') FROM events
    WHERE kind = 'note' AND deleted = 0
      AND json_extract(data, '$.action') = 'record_written_agreement'"""
_LIVE = "case_id NOT IN (SELECT id FROM cases WHERE deleted = 1)"  # cases_deleted: tombstones
# the partial index of counted status changes (m014) serves a query that repeats its
# condition word for word; without it each figure read every event (166 s a month at 100k)
_COUNTED = f"kind = 'status_change' AND {INDEXED_ACTIONS}"
_STATUS = """SELECT DISTINCT case_id FROM events WHERE {counted}
    AND json_extract(data, '$.action') = '{a}' AND deleted = 0 AND {live}
    AND occurred_at >= :s AND occurred_at < :after"""

BARE: dict[str, str] = {
    "received": "SELECT id FROM cases WHERE received_on BETWEEN :s AND :e AND deleted = 0",
    "accepted": "SELECT id FROM cases WHERE accepted_on BETWEEN :s AND :e AND deleted = 0",
    "succeeded": f"""SELECT DISTINCT case_id FROM agreements WHERE effective_on BETWEEN :s AND :e
        AND deleted = 0 AND {_LIVE} AND id NOT IN ({_COPIES})""",
    "jc_applied": f"""SELECT DISTINCT case_id FROM events WHERE {_COUNTED}
        AND json_extract(data, '$.action') = 'apply_jc' AND deleted = 0 AND {_LIVE}
        AND occurred_at >= :s
        AND coalesce(json_extract(data, '$.applied_on'), substr(occurred_at, 1, 10))
            BETWEEN :s AND :e""",
    **{k: _STATUS.format(a=a, live=_LIVE, counted=_COUNTED) for k, a in (
        ("jc_confirmed", "jc_confirm"), ("jc_rejected", "jc_reject"),
        ("jc_withdrawn", "jc_withdraw"), ("handed_over", "hand_over"),
        ("filed", "record_filing"), ("returned_to_trial", "return_to_trial"),
        ("not_accepted", "not_accept"), ("terminated", "terminate"))},
    "due": """SELECT id FROM cases WHERE due_on BETWEEN :s AND :e AND due_on < :today
        AND deleted = 0 AND NOT (status = 'suspended' AND suspended_since <= due_on)""",
    "overdue": """SELECT id FROM cases WHERE due_on BETWEEN :s AND :e AND due_on < :today
        AND deleted = 0 AND NOT (status = 'suspended' AND suspended_since <= due_on)
        AND (closed_on IS NULL OR closed_on > due_on)""",
    "follow_ups": f"""SELECT DISTINCT case_id FROM events WHERE kind = 'follow_up'
        AND deleted = 0 AND {_LIVE} AND occurred_at >= :s AND occurred_at < :after""",
}
AMOUNT = f"""SELECT coalesce(sum(amount_fen), 0) FROM (
    SELECT case_id, amount_fen, max(effective_on) FROM agreements
    WHERE effective_on BETWEEN :s AND :e AND deleted = 0 AND {_LIVE}
      AND id NOT IN ({_COPIES}) GROUP BY case_id)"""
# the ids as one JSON parameter: a year at 1M is more cases than SQLite takes variables
_IDS = "(SELECT value FROM json_each(?))"
GROUPS = {
    "by_type": f"SELECT dispute_type, count(*) FROM cases WHERE id IN {_IDS} GROUP BY 1",
    "by_source": f"SELECT source, count(*) FROM cases WHERE id IN {_IDS} GROUP BY 1",
    "by_mediator": f"""SELECT mediator_id, count(DISTINCT case_id) FROM case_mediators
        WHERE case_id IN {_IDS} GROUP BY 1""",
}
# the village tables (村（社区）纠纷情况 and its 无讼 candidates) are part of the report: the
# bare side computes the same four measures with each case's village (the first applicant's
# recorded village by position, else any party's) and the same 重复纠纷 rule
_VILLAGE = """coalesce(
  (SELECT p.village FROM parties p WHERE p.case_id = c.id AND p.deleted = 0 AND p.village != ''
    AND p.role = 'applicant' ORDER BY p.position, p.seq LIMIT 1),
  (SELECT p.village FROM parties p WHERE p.case_id = c.id AND p.deleted = 0 AND p.village != ''
    ORDER BY p.position, p.seq LIMIT 1), '')"""
_SAME_BEFORE = """q.case_id != m.cid AND q.deleted = 0 AND d.deleted = 0
    AND d.received_on >= date(m.on_, '-1 year') AND d.received_on < m.on_"""
VILLAGES = {
    "accepted": f"""SELECT c.id, c.center_id, {_VILLAGE} FROM cases c
        WHERE c.accepted_on BETWEEN :s AND :e AND c.deleted = 0""",
    # a party of another live case received in the 12 months before (SQLite's '-1 year' of
    # 29 February is 1 March, as the rule says): the same ID number when both have one,
    # else the same name and phone. The period's parties are probed in index order, and an
    # identity only one row holds (nearly all) is settled by the index alone
    "repeat": f"""WITH mine AS MATERIALIZED (
          SELECT c.id AS cid, c.received_on AS on_, p.id_number AS idn, p.name, p.phone
          FROM cases c JOIN parties p ON p.case_id = c.id AND p.deleted = 0
          WHERE c.accepted_on BETWEEN :s AND :e AND c.deleted = 0),
        hit AS (
          SELECT m.cid FROM (SELECT * FROM mine WHERE idn != '' ORDER BY idn) m
          WHERE EXISTS (SELECT 1 FROM parties t WHERE t.id_number = m.idn
                        AND t.id_number != '' LIMIT 1 OFFSET 1)
            AND EXISTS (SELECT 1 FROM parties q JOIN cases d ON d.id = q.case_id
                        WHERE q.id_number = m.idn AND q.id_number != '' AND {_SAME_BEFORE})
          UNION
          SELECT m.cid FROM (SELECT * FROM mine WHERE name != '' AND phone != ''
                             ORDER BY name, phone) m
          WHERE EXISTS (SELECT 1 FROM parties t WHERE t.name = m.name AND t.phone = m.phone
                        LIMIT 1 OFFSET 1)
            AND EXISTS (SELECT 1 FROM parties q JOIN cases d ON d.id = q.case_id
                        WHERE q.name = m.name AND q.phone = m.phone
                        AND NOT (m.idn != '' AND q.id_number != '') AND {_SAME_BEFORE}))
        SELECT c.id, c.center_id, {_VILLAGE} FROM cases c WHERE c.id IN (SELECT cid FROM hit)""",
    "succeeded": f"""SELECT c.id, c.center_id, {_VILLAGE} FROM cases c WHERE c.deleted = 0
        AND c.id IN (SELECT case_id FROM agreements WHERE effective_on BETWEEN :s AND :e
                     AND deleted = 0 AND id NOT IN ({_COPIES}))""",
    "to_court": f"""SELECT c.id, c.center_id, {_VILLAGE} FROM cases c WHERE c.deleted = 0
        AND c.id IN (SELECT case_id FROM events WHERE {_COUNTED}
          AND json_extract(data, '$.action') IN ('hand_over', 'litigate', 'return_to_trial')
          AND occurred_at >= :s AND occurred_at < :after AND deleted = 0
          AND (json_extract(data, '$.action') != 'return_to_trial'
               OR coalesce(json_extract(data, '$.outcome'), '') = ''))""",
}
TREND = {
    "accepted": """SELECT substr(accepted_on, 1, 7), count(*) FROM cases
        WHERE accepted_on BETWEEN :s AND :e AND deleted = 0 GROUP BY 1""",
    "succeeded": f"""SELECT substr(effective_on, 1, 7), count(DISTINCT case_id) FROM agreements
        WHERE effective_on BETWEEN :s AND :e AND deleted = 0 AND {_LIVE}
          AND id NOT IN ({_COPIES}) GROUP BY 1""",
}


def bare(db: Any, period: ReportPeriod, today: date) -> dict[str, Any]:
    """The same figures by plain SQL: ids per figure for the period, 环比 and 同比."""
    out: dict[str, Any] = {}
    for label, p in (("now", period), ("previous", period.previous()),
                     ("year_before", period.year_before())):
        args = {"s": p.start.isoformat(), "e": p.end.isoformat(), "today": today.isoformat(),
                "after": (p.end + timedelta(days=1)).isoformat()}
        ids = {k: sorted(r[0] for r in db.execute(sql, args)) for k, sql in BARE.items()}
        ids["amount_fen"] = db.execute(AMOUNT, args).fetchone()[0]
        out[label] = ids
    now = out["now"]
    for key, sql in GROUPS.items():
        measure = {}
        for m in ("accepted", "succeeded"):
            measure[m] = dict(db.execute(sql, [json.dumps(now[m])]))
        out[key] = measure
    first = period.months_to(12)[0].start
    args = {"s": first.isoformat(), "e": period.end.isoformat()}
    out["trend"] = {k: dict(db.execute(sql, args)) for k, sql in TREND.items()}
    return out


def bare_villages(db: Any, period: ReportPeriod) -> dict[str, list[tuple[str, str, str]]]:
    """The village tables' measures by plain SQL: (case id, center, village) per measure."""
    args = {"s": period.start.isoformat(), "e": period.end.isoformat(),
            "after": (period.end + timedelta(days=1)).isoformat()}
    return {k: db.execute(sql, args).fetchall() for k, sql in VILLAGES.items()}


def check_villages(report: Any, expected: dict[str, list[tuple[str, str, str]]]) -> None:
    """The same cases per measure, split into the same villages (one row per center and
    village: a name found under two centers is two rows)."""
    table = report.table("villages")
    assert table is not None and table.total is not None
    for m, rows in expected.items():
        assert list(table.total.cells[m].case_ids) == sorted(r[0] for r in rows), m
        groups: dict[tuple[str, str], set[str]] = {}
        for cid, center, village in rows:
            groups.setdefault((center, village), set()).add(cid)
        got = {frozenset(r.cells[m].case_ids) for r in table.rows if r.cells[m].case_ids}
        assert got == {frozenset(g) for g in groups.values()}, (m, "villages")


def check(report: Any, expected: dict[str, Any]) -> None:
    """Both implementations give the same cases and counts (a fast wrong answer is a bug)."""
    for key in BARE:
        f = report.figures[key]
        assert sorted(f.case_ids) == expected["now"][key], key
        assert f.previous == len(expected["previous"][key]), (key, "previous")
        assert f.year_before == len(expected["year_before"][key]), (key, "year_before")
    # the figure is in 万元 to two places, rounded half up (reports/measures.py): the bare
    # sum of fen rounded the same way (demo amounts are not whole hundreds of yuan)
    shown = (Decimal(expected["now"]["amount_fen"]) / 1_000_000).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP)
    got = report.figures["amount"].value or Decimal(0)
    assert got == shown, ("amount", got, shown, expected["now"]["amount_fen"])
    for key in GROUPS:
        table = report.table(key)
        for m in ("accepted", "succeeded"):
            got = {r.key: r.cells[m].value for r in table.rows if r.cells[m].value}
            assert got == expected[key][m], (key, m)
    for point in report.trend:
        month = point.period.code
        assert point.accepted.value == expected["trend"]["accepted"].get(month, 0), month
        assert point.succeeded.value == expected["trend"]["succeeded"].get(month, 0), month


def timed(fn: Any, repeats: int) -> tuple[float, Any]:
    result, times = None, []
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--only", help="periods to run, e.g. 2026-11,2025 (default: all)")
    args = ap.parse_args()
    path = args.db or cached_demo(Path("/tmp/mediation-desk-cache"), 100_000, 7)
    store = open_demo(path, readonly=True)
    svc = StatisticsService(store)
    today = store.today() + timedelta(days=0)
    print(f"database: {path.name}  load average: {os.getloadavg()[0]:.1f}")
    print(f"{'period':<16}{'app ms':>9}{'bare ms':>9}{'ratio':>7}{'accepted':>10}"
          f"{'(bare: figures':>16}{'villages)':>10}")
    for period in PERIODS:
        if args.only and period.code not in args.only.split(","):
            continue
        app_s, report = timed(lambda p=period: svc.report(p, today=today), args.repeats)
        figures_s, expected = timed(lambda p=period: bare(store.db, p, today), args.repeats)
        villages_s, places = timed(lambda p=period: bare_villages(store.db, p), args.repeats)
        check(report, expected)
        check_villages(report, places)
        bare_s = figures_s + villages_s
        print(f"{period.code:<16}{app_s * 1000:>9.0f}{bare_s * 1000:>9.0f}"
              f"{app_s / bare_s:>7.2f}{report.figures['accepted'].value:>10}"
              f"{figures_s * 1000:>16.0f}{villages_s * 1000:>10.0f}", flush=True)
    print("results equal: every headline figure's cases, 环比/同比 counts, type/source/"
          "mediator rows, the trend; the village tables' cases per measure and village")


if __name__ == "__main__":
    main()
