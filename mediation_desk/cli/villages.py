"""The ``villages`` verb: the 村居 view (无讼社区) of a period on the command line.

``villages --db DB --kind monthly --period 2026-11`` (or ``--from D --to D``) prints the
table of disputes per village or community (受理, 重复纠纷, 调解成功, 进入诉讼) and the
无讼 candidates; ``--json`` prints both tables with the ids of the cases behind every cell;
``--public`` prints the version for publication (对外发布: counts of 1 or 2 shown as <3, no
case ids). On the court desk, ``--center CODE`` limits it to one center. The period options
are those of ``report``; a wrong one is a usage error (exit 2) found before the login.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..domain.statistics import MEASURES, Report, Row, Table
from .login import add_db, open_desk
from .report import UsageError, add_period_options, center_id_of, period_of, usage_error


def _lines(table: Table, period_label: str) -> list[str]:
    """A table as tab-separated lines: title, header, rows, total, note."""
    head = "\t".join(["村（社区）", *(MEASURES[c].label for c in table.columns)])

    def line(row: Row) -> str:
        return "\t".join([row.label, *(row.cells[c].text() for c in table.columns)])

    out = [f"{table.title}（{period_label}）", head]
    out += [line(r) for r in table.rows] or ["（本期无数据）"]
    if table.total is not None:
        out.append(line(table.total))
    if table.note:
        out.append(f"说明：{table.note}")
    return out


def render_text(report: Report) -> str:
    """Both tables as printed (the published version says so in its first line)."""
    public = "（对外发布）" if report.public else ""
    lines = [f"{report.unit_name}　村居纠纷情况{public}　统计期间：{report.period.label}", ""]
    for table in report.tables:
        lines += [*_lines(table, report.period.label), ""]
    return "\n".join(lines).rstrip() + "\n"


def run_villages(args: argparse.Namespace) -> int:
    """Print the village table and the 无讼 candidates of a period."""
    try:
        period = period_of(args)
        if period is None:
            raise UsageError("请给出统计期间：--period 2026-11（月）、2026Q4（季度）、"
                             "2026（年），或 --from 和 --to")
    except UsageError as exc:
        return usage_error(args, str(exc))
    from ..services.villages import VillageService

    store = open_desk(args, readonly=True)
    try:
        center_id = center_id_of(store, args.center)
        report = VillageService(store).report(period, center_id=center_id, public=args.public)
    finally:
        store.close()
    if args.json:
        from ..reports.statistics_json import report_json

        doc: dict[str, Any] = report_json(report)
        print(json.dumps(doc, ensure_ascii=False, indent=1))
    else:
        print(render_text(report), end="")
    return 0


def add_villages_command(sub: Any) -> None:
    """Add the ``villages`` verb."""
    p = sub.add_parser("villages", help="村居视图：各村（社区）纠纷情况和无讼村（社区）候选")
    add_db(p)
    add_period_options(p)
    p.add_argument("--center", metavar="CODE", help="法院联络台：只统计该调解组织")
    p.add_argument("--public", action="store_true",
                   help="对外发布版本：少于3件的数字显示为“<3”，不含案件编号")
    p.add_argument("--json", action="store_true", help="JSON：每个数字及其统计的案件")
    p.set_defaults(func=run_villages)
