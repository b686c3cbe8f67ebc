"""The 台账 verbs: ``ledger export`` (a case list as XLSX) and ``ledger import``.

``ledger import FILE --dry-run`` shows what the import would do, row by row, and writes
nothing; without ``--dry-run`` every new row is written in one operation, or nothing when
any row has an error (exit 1, each error with its row number). ``--map 列名=字段`` changes
the guessed mapping of a column (docs/ledger.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.enums import CaseFlag, CaseSource, CaseStatus, DisputeType
from ..domain.errors import DomainError
from ..domain.ledger_columns import COLUMNS, IMPORT_ONLY
from ..domain.queries import SORT_KEYS, CaseFilter, CaseSort
from .login import actor, add_db, open_desk

MAX_LEDGER_BYTES = 64 * 1024 * 1024


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD：{text}") from None


def _enum(enum: Any) -> Any:
    def parse(text: str) -> Any:
        try:
            return enum.parse(text)
        except ValueError:
            choices = "、".join(f"{e.value}（{e.label}）" for e in enum)
            raise argparse.ArgumentTypeError(f"“{text}”无效，可选：{choices}") from None
    return parse


def case_filter(args: argparse.Namespace, store: Any) -> CaseFilter:
    """The list the options name (as ``cases`` and the case list filter it)."""
    mediator_id = None
    if args.mediator:
        found = [m for m in store.directory.mediators() if m.name == args.mediator
                 or m.id == args.mediator]
        if not found:
            raise DomainError(f"名册中没有调解员“{args.mediator}”", code="no_mediator")
        mediator_id = found[0].id
    statuses = tuple(args.status or ())
    return CaseFilter(
        statuses=tuple(s for s in statuses if s != "open"), open_only="open" in statuses,
        dispute_types=tuple(args.type or ()), sources=tuple(args.source or ()),
        flags=tuple(args.flag or ()), mediator_id=mediator_id,
        received_from=args.date_from, received_to=args.date_to, overdue=args.overdue,
        due_within=args.due_within, text=args.search or "")


def cmd_export(args: argparse.Namespace) -> int:
    from ..services.ledger import LedgerService

    columns = [c.strip() for c in args.columns.split(",")] if args.columns else None
    if columns:
        columns = [_column_key(c) for c in columns]
    store = open_desk(args, readonly=False)  # a full-number export is audited
    try:
        flt = case_filter(args, store)
        done = LedgerService(store).export(
            actor(store), flt, Path(args.out), columns=columns,
            sort=CaseSort(args.sort, descending=not args.ascending))
    finally:
        store.close()
    shown = ("（含完整证件号码和电话，已记入审计记录）" if done.revealed
             else "（证件号码和电话已遮蔽）")
    print(f"已导出台账 {done.path}：{done.count} 件{shown}")
    return 0


def _column_key(name: str) -> str:
    for key, col in COLUMNS.items():
        if name in (key, col.title) and col not in IMPORT_ONLY:
            return key
    choices = "、".join(f"{k}（{c.title}）" for k, c in COLUMNS.items() if c not in IMPORT_ONLY)
    raise DomainError(f"没有这一列：{name}。可选：{choices}", code="bad_column")


def cmd_import(args: argparse.Namespace) -> int:
    from ..services.files import read_input_file
    from ..services.ledger_import import (
        ROW_LABELS,
        LedgerImport,
        parse_mapping,
        read_ledger_file,
    )

    path = Path(args.file)
    data = read_input_file(str(path), limit=MAX_LEDGER_BYTES, what="台账文件")
    sheet = read_ledger_file(data, path.name)
    store = open_desk(args, readonly=args.dry_run)
    try:
        mapping = parse_mapping(sheet.headers, args.map or [])
        service = LedgerImport(store)
        plan = service.plan(sheet, mapping, file_name=path.name)
        result = None
        if plan.ok and not args.dry_run:
            result = service.apply(actor(store), sheet, mapping, file_name=path.name)
    finally:
        store.close()
    counts = plan.counts()
    if args.json:
        json.dump({
            "file": path.name, "sheet": plan.sheet, "header_row": plan.header_row,
            "mapping": [{"column": h, "field": f, "field_label": COLUMNS[f].title if f else ""}
                        for h, f in zip(plan.headers, plan.mapping, strict=False)],
            "rows": [{"row": r.row, "result": r.kind, "result_label": ROW_LABELS[r.kind],
                      "number": r.number, "parties": r.summary, "errors": r.errors,
                      "warnings": r.warnings} for r in plan.rows],
            "problems": plan.problems, "notes": plan.notes, "counts": counts,
            "dry_run": args.dry_run,
            "added": [c.number for c in result.added] if result else [],
        }, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(f"工作表“{plan.sheet}”，表头在第{plan.header_row}行；列的对应：")
        for h, f in zip(plan.headers, plan.mapping, strict=False):
            print(f"  {h or '（空）'} → {COLUMNS[f].title if f else '（忽略）'}")
        for problem in plan.problems:
            print(f"错误：{problem}", file=sys.stderr)
        for note in plan.notes:
            print(f"提示：{note}")
        for r in plan.rows:
            print(f"第{r.row}行\t{ROW_LABELS[r.kind]}\t{r.number or '（无案号）'}\t{r.summary}")
            for e in r.errors:
                print(f"  错误：{e}", file=sys.stderr)
            for w in r.warnings:
                print(f"  提示：{w}")
        print(f"新增 {counts['new']} 件，已有 {counts['same'] + counts['differs']} 件"
              f"（其中 {counts['differs']} 件内容不同，未修改），有错误 {counts['error']} 行")
    if not plan.ok:
        print("台账有错误，未导入任何案件。请改正上面列出的行（或用 --map 调整列的对应）后重试。",
              file=sys.stderr)
        return 1
    if args.dry_run:
        print("试导入（--dry-run）：未写入任何内容。", file=sys.stderr)
    elif result is not None and not result.added:
        print("没有新的案件：这个台账的案件本机都已有，未作任何改动。", file=sys.stderr)
    elif result is not None:
        print(f"已导入 {len(result.added)} 件案件。", file=sys.stderr)
    return 0


def add_ledger_commands(sub: Any) -> None:
    """Register ``ledger export`` and ``ledger import``."""
    p = sub.add_parser("ledger", help="台账：导出为 Excel（XLSX）、从 Excel 台账导入",
                       description="矛盾纠纷调解台账：export 导出案件列表，import 导入已有台账。")
    verbs = p.add_subparsers(dest="ledger_verb", required=True)

    e = verbs.add_parser("export", help="把案件列表导出为台账（XLSX）")
    add_db(e)
    e.add_argument("--out", required=True, metavar="台账.xlsx")
    e.add_argument("--status", action="append", type=_status_or_open,
                   help="状态（如 mediating 或 调解中；open 为在办），可重复")
    e.add_argument("--type", action="append", type=_enum(DisputeType), help="纠纷类型，可重复")
    e.add_argument("--source", action="append", type=_enum(CaseSource), help="来源，可重复")
    e.add_argument("--flag", action="append", type=_enum(CaseFlag), help="标记，可重复")
    e.add_argument("--mediator", help="调解员姓名")
    e.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD",
                   help="收案日期从")
    e.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD", help="收案日期至")
    e.add_argument("--overdue", action="store_true", help="只导出已超期的")
    e.add_argument("--due-within", type=int, metavar="DAYS", help="若干日内到期的")
    e.add_argument("--search", help="检索（姓名、案号、村居……）")
    e.add_argument("--columns", help="要导出的列，逗号分隔（默认：标准台账各列和法院案号）")
    e.add_argument("--sort", choices=SORT_KEYS, default="received_on", help="排序（默认收案日期）")
    e.add_argument("--ascending", action="store_true", help="升序（默认新的在前）")
    e.set_defaults(func=cmd_export)

    i = verbs.add_parser("import", help="导入已有的台账（XLSX）；--dry-run 只预览")
    add_db(i)
    i.add_argument("file", metavar="台账.xlsx")
    i.add_argument("--map", action="append", metavar="列名=字段",
                   help="改变一列的对应，如 --map 编号=案号、--map 备注=忽略（可重复）")
    i.add_argument("--dry-run", action="store_true", help="只检查和预览，不写入")
    i.add_argument("--json", action="store_true", help="以 JSON 输出预览")
    i.set_defaults(func=cmd_import)


def _status_or_open(text: str) -> Any:
    if text in ("open", "在办"):
        return "open"
    return _enum(CaseStatus)(text)
