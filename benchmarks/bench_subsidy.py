"""The 以案定补 sheet over the 100,000-case demo, checked against the statistics core.

For a few months it times ``SubsidyService.subsidy_sheet`` (the month's closings by the
counting rule, each case's earlier closings, sessions, mediators and parties, the rates
applied) beside ``StatisticsService.report`` of the same month, checks that the sheet's
cases are exactly the report's 调解成功 ∪ 终止调解, and times the PDF and XLSX of the first
month. The demo has no rates, so the table of tests/services/subsidy_world.py is tried.

    .venv/bin/python benchmarks/bench_subsidy.py [--db PATH] [--repeats 2] [--files]

Without ``--db`` it uses the tests' cached demo (``/tmp/mediation-desk-cache``). The load
average is printed: on a shared machine it decides much of the figure.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediation_desk.domain.statistics import ReportPeriod  # noqa: E402
from mediation_desk.domain.subsidy import rates_from_wire  # noqa: E402
from mediation_desk.services.demo import cached_demo, open_demo  # noqa: E402
from mediation_desk.services.statistics import StatisticsService  # noqa: E402
from mediation_desk.services.subsidy import SubsidyService  # noqa: E402
from tests.services.subsidy_world import RATES  # noqa: E402

MONTHS = (ReportPeriod.month(2026, 10), ReportPeriod.month(2026, 3), ReportPeriod.month(2025, 6))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--files", action="store_true", help="also time the PDF and the XLSX")
    args = ap.parse_args()
    db = args.db or cached_demo(Path(os.environ.get("MEDIATION_DESK_TEST_CACHE",
                                                    "/tmp/mediation-desk-cache")), 100_000, 7)
    store = open_demo(db, readonly=True)
    rates = rates_from_wire(RATES)
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; {db.name}")
    try:
        first = None
        for month in MONTHS:
            sheet_s, report_s = [], []
            for _ in range(args.repeats):
                t = time.perf_counter()
                sheet = SubsidyService(store).subsidy_sheet(month, rates=rates)
                sheet_s.append(time.perf_counter() - t)
                t = time.perf_counter()
                report = StatisticsService(store).report(month)
                report_s.append(time.perf_counter() - t)
            core = (set(report.figure("succeeded").case_ids)
                    | set(report.figure("terminated").case_ids))
            same = set(sheet.case_ids) == core
            print(f"{month.code}: sheet {min(sheet_s) * 1000:.0f} ms, report "
                  f"{min(report_s) * 1000:.0f} ms; {len(sheet.case_ids)} cases, "
                  f"{len(sheet.lines)} mediators, total {sheet.total} yuan; "
                  f"{'same cases as' if same else 'DIFFERENT cases from'} the 月报")
            if not same:
                return 1
            first = first or sheet
        if args.files and first is not None:
            from mediation_desk.documents.fonts import document_font
            from mediation_desk.reports.subsidy_sheet import sheet_pdf, sheet_xlsx

            t = time.perf_counter()
            pdf = sheet_pdf(first, document_font())
            print(f"PDF {(time.perf_counter() - t) * 1000:.0f} ms, {len(pdf) // 1024} KiB")
            t = time.perf_counter()
            xlsx = sheet_xlsx(first)
            print(f"XLSX {(time.perf_counter() - t) * 1000:.0f} ms, {len(xlsx) // 1024} KiB")
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
