"""以案定补 verbs: ``subsidy`` (the month's sheet) and ``subsidy-rates`` (show or set the
rate table). Both log in like every verb; both are the director's (docs/subsidy.md)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from .login import actor, add_db, open_desk

if TYPE_CHECKING:
    from ..domain.subsidy import SubsidyRates


def run_subsidy(args: argparse.Namespace) -> int:
    """Write the month's 以案定补补贴发放表 (PDF, XLSX or JSON)."""
    from ..domain.errors import DomainError
    from ..domain.statistics import ReportPeriod
    from ..domain.validators import InvalidValue
    from ..services.subsidy import SubsidyService

    try:
        month = ReportPeriod.parse("monthly", args.month)
    except InvalidValue as exc:  # before logging in: a typo costs no password
        raise DomainError(f"--month：{exc.message}", code="bad_month") from None
    store = open_desk(args)
    try:
        written = SubsidyService(store).write(actor(store), month, args.format, args.out)
    finally:
        store.close()
    sheet = written.sheet
    print(f"已生成{sheet.title}：{written.path}（调解员{len(sheet.lines)}人，办结"
          f"{len(sheet.case_ids)}件，合计{sheet.total}元，{sheet.total_capital}）")
    return 0


def _print_rates(rates: SubsidyRates) -> None:
    from ..domain.subsidy import rates_to_wire, rule_to_wire

    if not rates.rules:
        print("尚未设置以案定补标准（用 subsidy-rates --set 文件.json 设置）。")
        return
    print(f"疑难复杂案件倍数：{rates_to_wire(rates)['complex_multiplier']}")
    print("序号\t纠纷类型\t适用结果\t元/件\t起始日期\t截止日期\t疑难复杂倍数\t说明")
    for n, r in enumerate(rates.rules, 1):
        w = rule_to_wire(r)
        print(f"{n}\t{r.type_label}\t{r.outcome.label}\t{w['amount']}\t{w['effective_from']}\t"
              f"{w['effective_to'] or '长期'}\t{w['complex_multiplier'] or '按总倍数'}\t{r.note}")


def run_subsidy_rates(args: argparse.Namespace) -> int:
    """Show the rate table, or replace it with the one in ``--set FILE.json``."""
    from ..domain.subsidy import rates_to_wire
    from ..services.subsidy import read_rates_file, save_rates, view_rates

    store = open_desk(args)
    try:
        if args.set:
            data = read_rates_file(args.set)
            rates = save_rates(store, actor(store), data)
            print(f"已保存以案定补标准（{len(rates.rules)}条）。")
        else:
            rates = view_rates(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps(rates_to_wire(rates), ensure_ascii=False, indent=2))
    else:
        _print_rates(rates)
    return 0


def add_subsidy_commands(sub: Any) -> None:
    """Add ``subsidy`` and ``subsidy-rates``."""
    p = sub.add_parser("subsidy", help="以案定补：生成某月的补贴发放表（中心主任）")
    add_db(p)
    p.add_argument("--month", required=True, metavar="2026-11", help="月份，如 2026-11")
    p.add_argument("--format", required=True, choices=("pdf", "xlsx", "json"))
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(func=run_subsidy)

    p = sub.add_parser("subsidy-rates",
                       help="以案定补标准：查看，或用 --set 文件.json 替换（中心主任）")
    add_db(p)
    p.add_argument("--set", metavar="FILE.json",
                   help="新的以案定补标准（格式见 docs/subsidy.md；整表替换）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（可改后用 --set 保存）")
    p.set_defaults(func=run_subsidy_rates)
