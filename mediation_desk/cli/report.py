"""The ``report`` verb: a statistics report (月报 / 季度通报 / 年度报告) as PDF, XLSX or JSON.

``report --db DB --kind monthly --period 2026-11 --format xlsx --out 月报.xlsx`` (the
kind may be left out: ``2026-11`` is a month, ``2026Q4`` a quarter, ``2026`` a year;
``--from D --to D`` is a range). ``--public`` writes the version for publication
(对外发布: small cells shown as <3, no case ids). On the court desk the report is the
roll-up across the centers, or one center's with ``--center CODE``. The period options are
shared with ``court-summary`` (:func:`add_period_options`, :func:`period_of`).

A wrong period or date is a usage error (exit 2) found before the login; nothing is
written then, and a report is written whole or not at all (a temporary file renamed).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.statistics import PeriodKind, Report, ReportPeriod
from ..domain.validators import InvalidValue
from .login import actor, add_db, open_desk

FORMATS = ("pdf", "xlsx", "json")
KIND_NAMES = {"monthly": "月报", "quarterly": "季度", "yearly": "年度", "range": "自定义期间"}


class UsageError(Exception):
    """A wrong option value, found before the desk is opened (exit 2)."""


def add_period_options(p: argparse.ArgumentParser, *, default: str = "") -> None:
    """``--kind``, ``--period``, ``--from`` and ``--to`` (``default`` names what applies when
    none is given, for the help)."""
    p.add_argument("--kind", choices=[k.value for k in PeriodKind],
                   help="月报 monthly、季度 quarterly、年度 yearly、自定义期间 range"
                        "（可不写：由 --period 的写法判断）")
    p.add_argument("--period", metavar="2026-11|2026Q4|2026",
                   help="统计期间：月份 2026-11、季度 2026Q4 或年份 2026" +
                        (f"（不写：{default}）" if default else ""))
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="自定义期间的开始日期")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="自定义期间的结束日期（含）")


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} 应为日期，写作“2026-11-03”：{text}") from None


def _kind_of(text: str) -> PeriodKind:
    """The kind a period is written as: 2026-11 a month, 2026Q4 a quarter, 2026 a year."""
    t = text.strip()
    if "Q" in t.upper():
        return PeriodKind.QUARTER
    return PeriodKind.MONTH if "-" in t else PeriodKind.YEAR


def period_of(args: argparse.Namespace) -> ReportPeriod | None:
    """The period the options name (None: none given). Raises :class:`UsageError`."""
    kind = PeriodKind(args.kind) if args.kind else None
    ranged = args.start is not None or args.end is not None
    if ranged:
        if kind not in (None, PeriodKind.RANGE) or args.period:
            raise UsageError("--from/--to 用于自定义期间（--kind range），不能与 --period "
                             "或其他 --kind 同用")
        if args.start is None or args.end is None:
            raise UsageError("自定义期间需要同时给出 --from 和 --to")
        start, end = _date(args.start, "--from"), _date(args.end, "--to")
        if end < start:
            raise UsageError(f"--to（{end.isoformat()}）不能早于 --from（{start.isoformat()}）")
        return ReportPeriod.range(start, end)
    if kind is PeriodKind.RANGE:
        raise UsageError("自定义期间（--kind range）请用 --from 和 --to 给出开始和结束日期")
    if not args.period:
        if kind is not None:
            example = {"monthly": "2026-11", "quarterly": "2026Q4", "yearly": "2026"}[kind]
            raise UsageError(f"请用 --period 指明{KIND_NAMES[kind.value]}，例如 --period "
                             f"{example}")
        return None
    try:
        return ReportPeriod.parse(kind or _kind_of(args.period), args.period)
    except InvalidValue as exc:
        raise UsageError(f"--period {exc.message}") from None


def _format_of(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.out).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise UsageError("请用 --format pdf|xlsx|json 指明文件格式（或让 --out 以 .pdf、.xlsx、"
                     ".json 结尾）")


def usage_error(args: argparse.Namespace, message: str) -> int:
    """One line on stderr, exit 2 (argparse's own usage errors look the same)."""
    print(f"mediation-desk {args.verb}: 用法错误：{message}", file=sys.stderr)
    return 2


def center_id_of(store: Any, code: str | None) -> str | None:
    """The id of ``--center CODE``: only on the court desk, only a known center."""
    if not code:
        return None
    from ..domain.errors import DomainError
    from ..services.court import CourtService
    from ..services.statistics import StatisticsService

    if not StatisticsService(store).court_desk():
        raise DomainError("--center 只用于法院联络台（汇总各调解组织）；本单位的报表就是本单位"
                          "的案件，请去掉 --center。", code="not_court_desk")
    return CourtService(store).center_id(code)


def render(report: Report, fmt: str, *, numbers: dict[str, str], prepared_by: str,
           reviewed_by: str) -> bytes:
    """The report file's bytes in ``fmt``."""
    if fmt == "xlsx":
        from ..reports.statistics_xlsx import render_report_xlsx
        return render_report_xlsx(report, prepared_by=prepared_by, reviewed_by=reviewed_by)
    if fmt == "pdf":
        from ..reports.statistics_pdf import render_report
        return render_report(report, prepared_by=prepared_by, reviewed_by=reviewed_by)
    from ..reports.statistics_json import report_json
    doc = report_json(report, numbers, prepared_by=prepared_by, reviewed_by=reviewed_by)
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def case_numbers(store: Any, report: Report) -> dict[str, str]:
    """Case numbers of the cases the headline figures count (for the JSON)."""
    from ..domain.queries import CaseFilter
    from ..reports.statistics_json import headline_case_ids
    from ..services.cases import CaseService

    ids = headline_case_ids(report)
    if not ids:
        return {}
    rows = CaseService(store).list(CaseFilter(case_ids=tuple(ids)), limit=len(ids))
    return {r.id: r.number for r in rows}


def summary_line(report: Report) -> str:
    """受理、成功、成功率 of the headline, for the one line the verb prints."""
    f = report.figures
    parts = [f"{f[k].label} {f[k].text()}{f[k].unit.value if not f[k].suppressed else ''}"
             for k in ("accepted", "succeeded", "success_rate") if k in f]
    return "，".join(parts)


def run_report(args: argparse.Namespace) -> int:
    """Write one statistics report file."""
    try:
        period = period_of(args)
        if period is None:
            raise UsageError("请给出统计期间：--period 2026-11（月）、2026Q4（季度）、"
                             "2026（年），或 --from 和 --to")
        fmt = _format_of(args)
    except UsageError as exc:
        return usage_error(args, str(exc))
    from ..services.exchange import write_file_atomically
    from ..services.statistics import StatisticsService

    store = open_desk(args, readonly=True)
    try:
        center_id = center_id_of(store, args.center)
        report = StatisticsService(store).for_file(period, public=args.public,
                                                   center_id=center_id)
        numbers = {} if args.public or fmt != "json" else case_numbers(store, report)
        prepared_by = args.prepared_by.strip() or actor(store)  # as the 统计 page does
    finally:
        store.close()
    data = render(report, fmt, numbers=numbers, prepared_by=prepared_by,
                  reviewed_by=args.reviewed_by.strip())
    out = Path(args.out)
    write_file_atomically(out, data)
    public = "（对外发布）" if report.public else ""
    print(f"已生成{report.title}{public}（{report.period.label}，{fmt.upper()}）：{out}")
    print(summary_line(report))
    return 0


def add_report_command(sub: Any) -> None:
    """Add the ``report`` verb."""
    p = sub.add_parser("report", help="统计报表：月报、季度通报、年度报告（PDF、XLSX 或 JSON）")
    add_db(p)
    add_period_options(p)
    p.add_argument("--format", choices=FORMATS,
                   help="pdf、xlsx 或 json（json 含每个数字所统计的案件）；不写：按 --out 的扩展名")
    p.add_argument("--out", required=True, metavar="FILE", help="报表文件")
    p.add_argument("--public", action="store_true",
                   help="对外发布版本：少于3件的数字显示为“<3”，不含案件编号")
    p.add_argument("--center", metavar="CODE", help="法院联络台：只统计该调解组织")
    p.add_argument("--prepared-by", default="", metavar="NAME", help="填报人（不写：登录的账户）")
    p.add_argument("--reviewed-by", default="", metavar="NAME", help="审核人")
    p.set_defaults(func=run_report)


def run_assessment(args: argparse.Namespace) -> int:
    """Write the mediators' assessment (考评) of a period as PDF: one mediator's form, or
    the ranked table of all of them (director only)."""
    try:
        period = period_of(args)
        if period is None:
            raise UsageError("请给出考评期间：--period 2026（年），或 --from 和 --to")
    except UsageError as exc:
        return usage_error(args, str(exc))
    from ..domain.errors import DomainError
    from ..reports.assessment_pdf import render_assessment
    from ..services.exchange import write_file_atomically
    from ..services.statistics import StatisticsService

    store = open_desk(args, readonly=True)
    try:
        report = StatisticsService(store).for_file(period, assessment=True)
    finally:
        store.close()
    key = None
    if args.mediator:
        table = report.table("by_mediator")
        rows = [r for r in (table.rows if table else ()) if r.label == args.mediator.strip()]
        if not rows:
            raise DomainError(f"{report.period.label}没有调解员“{args.mediator}”办理的案件。",
                              code="no_such_mediator")
        key = rows[0].key
    out = Path(args.out)
    write_file_atomically(out, render_assessment(report, key))
    what = f"{args.mediator}的考评表" if key else "调解员考评排名表"
    print(f"已生成{report.period.label}{what}：{out}")
    return 0


def add_assessment_command(sub: Any) -> None:
    """Add the ``assessment`` verb."""
    p = sub.add_parser("assessment", help="调解员考评：某人的考评表或全体排名（PDF，中心主任）")
    add_db(p)
    add_period_options(p)
    p.add_argument("--mediator", default="", metavar="NAME", help="调解员姓名（不写：全体排名表）")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="考评表 PDF")
    p.set_defaults(func=run_assessment)
