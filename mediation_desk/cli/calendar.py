"""The ``calendar`` verbs: which years are official, estimated or entered; import a notice.

``mediation-desk calendar show --db DB [--year 2027] [--json]``
``mediation-desk calendar import --db DB FILE``   (the file format: services/calendar.py)
``mediation-desk calendar export --db DB --year 2027 --out FILE``
``mediation-desk calendar delete --db DB NOTICE_ID``
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.enums import DayKind
from ..domain.workdays import ESTIMATE_WARNING
from .login import actor, add_db, open_desk

if TYPE_CHECKING:
    from ..storage.store import Store



def add_calendar_commands(sub: Any) -> None:
    """Register ``calendar show|import|export|delete``."""
    p = sub.add_parser("calendar", help="节假日安排：查看各年来源、导入国务院通知",
                       description="节假日安排。没有官方数据也未录入通知的年份按法定节假日推算，"
                                   "相关期限标注“节假日安排为推算”。")
    verbs = p.add_subparsers(dest="calendar_verb", required=True)
    show = verbs.add_parser("show", help="各年安排的来源；指定 --year 时列出放假和调休上班日")
    add_db(show)
    show.add_argument("--year", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)
    imp = verbs.add_parser("import", help="从文本文件导入一年的节假日安排（格式见用户手册）")
    add_db(imp)
    imp.add_argument("file")
    imp.set_defaults(func=cmd_import)
    exp = verbs.add_parser("export", help="把一年的安排写成可导入的文本文件")
    add_db(exp)
    exp.add_argument("--year", type=int, required=True)
    exp.add_argument("--out", required=True)
    exp.set_defaults(func=cmd_export)
    rm = verbs.add_parser("delete", help="删除本机录入的一份安排")
    add_db(rm)
    rm.add_argument("notice_id")
    rm.set_defaults(func=cmd_delete)


def _store(args: argparse.Namespace, *, readonly: bool) -> Store:
    return open_desk(args, readonly=readonly)


def cmd_show(args: argparse.Namespace) -> int:
    from ..services import calendar as cal_svc

    store = _store(args, readonly=True)
    try:
        today = store.today()
        years = range(args.year, args.year + 1) if args.year else range(today.year - 1,
                                                                          today.year + 3)
        overview = cal_svc.year_overview(store, years)
        cal = cal_svc.load_calendar(store)
        days = cal.special_days(args.year) if args.year else []
    finally:
        store.close()
    if args.json:
        out = {"years": [{"year": y.year, "source": y.source.value, "label": y.source.label,
                          "estimated": y.source.value == "estimated", "title": y.title,
                          "notice_ids": y.notice_ids} for y in overview]}
        if args.year:
            out["days"] = [{"date": d.isoformat(), "kind": k.value, "name": n}
                           for d, k, n in days]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for y in overview:
        estimated = y.source.value == "estimated"
        note = f"（{ESTIMATE_WARNING}：调休和连休以国务院通知为准）" if estimated else ""
        title = f"  {y.title}" if y.title else ""
        print(f"{y.year}年  {y.source.label}{note}{title}")
    for d, kind, name in days:
        weekday = "一二三四五六日"[d.weekday()]
        word = "放假" if kind is DayKind.REST else "上班"
        print(f"  {d.isoformat()} 周{weekday}  {word}  {name}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ..services import calendar as cal_svc

    store = _store(args, readonly=False)
    try:
        change = cal_svc.import_notice_file(store, actor(store), args.file)
        source = cal_svc.load_calendar(store).source(change.notice.year)
    finally:
        store.close()
    n = change.notice
    print(f"已导入{n.year}年节假日安排（{len(n.spans)}段，{source.label}）；"
          f"重新计算期限的案件：{len(change.moved)}件")
    for number in change.moved[:20]:
        print(f"  {number}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ..domain.errors import DomainError
    from ..services import calendar as cal_svc

    store = _store(args, readonly=True)
    try:
        found = cal_svc.notices(store, args.year)
    finally:
        store.close()
    if not found:
        raise DomainError(f"{args.year}年没有录入或下发的节假日安排。", code="not_found")
    chosen = sorted(found, key=lambda n: (n.complete, n.updated_at))[-1]
    out = Path(args.out)
    if out.is_dir() or not out.parent.is_dir():
        raise DomainError(f"输出路径无效（应为文件，且文件夹已存在）：{out}", code="out_invalid")
    out.write_text(cal_svc.notice_text(chosen), encoding="utf-8")
    print(f"已写出 {out}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from ..services import calendar as cal_svc

    store = _store(args, readonly=False)
    try:
        change = cal_svc.delete_notice(store, actor(store), args.notice_id)
    finally:
        store.close()
    print(f"已删除{change.notice.year}年节假日安排；重新计算期限的案件：{len(change.moved)}件")
    return 0


