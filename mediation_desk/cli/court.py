"""Command-line verbs of the court liaison desk: court-summary, court-cases, intake-sheet."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..domain.statistics import MEASURES, Report, ReportPeriod, Row
from ..reports.statistics_json import number, period_json
from .login import actor, add_db, open_desk
from .report import UsageError, add_period_options, period_of, usage_error

SUMMARY_COLUMNS = ("accepted", "succeeded", "success_rate", "overdue", "overdue_rate",
                   "jc_confirmed", "handed_over")
"""court-summary's columns: 受理, 成功, 成功率, 超期, 超期率, 司法确认有效, 移送立案."""
_COLUMN_HEADS = {"accepted": "受理", "succeeded": "成功", "success_rate": "成功率%",
                 "overdue": "超期", "overdue_rate": "超期率%", "jc_confirmed": "司法确认有效",
                 "handed_over": "移送立案"}
SUMMARY_RULE = ("按本期内发生的事件统计（受理按受理日期，调解成功按协议生效日期，"
                "司法确认按裁定日期，移送立案按移送日期），不按案件当前状态")


def _summary_rows(report: Report, codes: dict[str, str],
                  self_code: str) -> tuple[list[tuple[Row, str]], Row | None]:
    """The rows per center (ranked, each with its code) and the totals. The court desk's
    report has them in 按调解组织; a center's own desk is its one row."""
    table = report.table("by_center")
    if table is not None:
        return [(r, codes.get(r.key, "")) for r in table.rows], table.total
    own = Row("", report.unit_name, {k: report.figures[k] for k in SUMMARY_COLUMNS
                                     if k in report.figures})
    return [(own, self_code)], None


def run_court_summary(args: argparse.Namespace) -> int:
    """Per-center figures of a period (default: this year) by the counting rule of the
    statistics (events in the period), from the same report as ``report``."""
    from ..services.statistics import StatisticsService

    try:
        period = period_of(args)
    except UsageError as exc:
        return usage_error(args, str(exc))
    store = open_desk(args, readonly=True)
    try:
        period = period or ReportPeriod.year(store.today().year)
        report = StatisticsService(store).report(period)
        codes = {c.id: c.code for c in store.directory.centers()}
        me = store.directory.self_center()
    finally:
        store.close()
    rows, total = _summary_rows(report, codes, me.code if me else "")
    if args.json:
        def cells(r: Row) -> dict[str, Any]:
            return {k: (None if (f := r.cells.get(k)) is None or f.suppressed
                        else number(f.value)) for k in SUMMARY_COLUMNS}
        print(json.dumps({
            "period": period_json(report.period), "unit_name": report.unit_name,
            "rule": SUMMARY_RULE,
            "columns": {k: MEASURES[k].label for k in SUMMARY_COLUMNS},
            "centers": [{"rank": r.rank, "code": code, "name": r.label, **cells(r)}
                        for r, code in rows],
            "total": cells(total) if total is not None else None,
        }, ensure_ascii=False, indent=2))
        return 0
    p = report.period
    print(f"{report.unit_name}：各调解组织统计，{p.label}（{p.start.isoformat()} 至 "
          f"{p.end.isoformat()}），按本期内发生的事件统计")
    print("\t".join(["名次", "调解组织", *(_COLUMN_HEADS[k] for k in SUMMARY_COLUMNS)]))

    def line(rank: str, name: str, r: Row) -> str:
        values = [r.cells[k].text() if k in r.cells else "—" for k in SUMMARY_COLUMNS]
        return "\t".join([rank, name, *values])

    for r, code in rows:
        print(line(str(r.rank or ""), f"{r.label}（{code}）" if code else r.label, r))
    if total is not None:
        print(line("", "合计", total))
    return 0


def run_court_cases(args: argparse.Namespace) -> int:
    """Cases of one center (names only; no ID numbers or phones in a listing)."""
    from ..services.court import CourtService
    store = open_desk(args, readonly=True)
    try:
        rows = CourtService(store).cases_of_center(args.center, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps([{"id": r.id, "number": r.number, "court_case_number":
                           r.court_case_number, "status": r.status.value,
                           "received_on": r.received_on.isoformat(),
                           "due_on": r.due_on.isoformat() if r.due_on else None,
                           "parties": r.party_names, "mediators": r.mediator_names}
                          for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"{r.court_case_number or r.number}\t{r.status.label}\t{r.party_names}\t"
              f"{r.mediator_names}")
    return 0


def run_intake_sheet(args: argparse.Namespace) -> int:
    """Write the intake sheet (XLSX) of cases handed to filing, optionally with PDFs."""
    from ..services.court import CourtService
    store = open_desk(args)
    try:
        rep = CourtService(store).intake_sheet(actor(store), args.out, pdf_dir=args.pdf_dir,
                                               center_code=args.center)
    finally:
        store.close()
    extra = f"，案卷 PDF {len(rep.pdfs)} 份在 {args.pdf_dir}" if args.pdf_dir else ""
    print(f"已导出移送立案登记表：{rep.path}（{rep.cases} 件{extra}）", file=sys.stdout)
    return 0


def add_court_commands(sub: Any) -> None:
    """Add the court desk's verbs."""
    p = sub.add_parser("court-summary", help="法院联络台：各调解组织的统计（按期间，默认本年）")
    add_db(p)
    add_period_options(p, default="本年")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（数字为数值）")
    p.set_defaults(func=run_court_summary)

    p = sub.add_parser("court-cases", help="法院联络台：某调解组织的案件")
    add_db(p)
    p.add_argument("--center", required=True, metavar="CODE")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_court_cases)

    p = sub.add_parser("intake-sheet", help="法院联络台：导出移送立案登记表（XLSX）")
    add_db(p)
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.add_argument("--pdf-dir", metavar="DIR", help="同时生成各案卷宗 PDF")
    p.add_argument("--center", metavar="CODE", help="只导出该调解组织的案件")
    p.set_defaults(func=run_intake_sheet)
