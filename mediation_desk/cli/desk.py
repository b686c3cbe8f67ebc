"""The desk verbs: init, demo, cases, show, add, upgrade, check."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..domain import codec
from ..domain.corrections import superseded
from ..domain.enums import CaseStatus, CenterKind
from ..domain.errors import DomainError
from ..domain.masking import mask_id_number, mask_phone
from ..domain.queries import CaseFilter
from ..storage.store import Store
from .login import PASSWORD_ENV, actor, add_db, new_password, open_desk, require_user

log = logging.getLogger(__name__)


def _open(args: argparse.Namespace, *, readonly: bool) -> Store:
    return open_desk(args, readonly=readonly)


def _masked_party(p: Any) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "role": p.role.value, "role_label": p.role.label,
            "kind": p.kind.value, "id_number": mask_id_number(p.id_number),
            "phone": mask_phone(p.phone), "agent_name": p.agent_name}


# -- verbs ------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    """A new encrypted desk and its director's account; the recovery key shown once."""
    from ..services.auth import create_desk

    if getattr(args, "enrollment", None):
        from .exchange import run_init_from_enrollment
        if args.recovery_sheet:
            print("mediation-desk init: 用法错误：外出笔记本不生成恢复密钥单"
                  "（恢复密钥单是中心主任的），请去掉 --recovery-sheet", file=sys.stderr)
            return 2
        return run_init_from_enrollment(args)
    if not args.center_code or not args.center_name:
        print("mediation-desk init: 用法错误：需要 --center-code 和 --center-name"
              "（或 --enrollment FILE）", file=sys.stderr)
        return 2
    director = require_user(args, "中心主任的账户姓名")
    if Path(args.db).exists():
        raise DomainError(f"文件已存在：{args.db}。新建数据库请换一个文件名。",
                          code="already_initialised")
    sheet = output_file(args.recovery_sheet, "恢复密钥单") if args.recovery_sheet else None
    password = new_password(f"中心主任“{director}”", env=PASSWORD_ENV)
    store, recovery_key = create_desk(args.db, director_name=director, password=password,
                                      code=args.center_code, name=args.center_name,
                                      kind=CenterKind(args.kind),
                                      number_prefix=args.prefix or "",
                                      linked_court=args.linked_court or "",
                                      court_code=args.court_code or "")
    try:
        _after_init(store)
        created = store.today()
    finally:
        store.close()
    print(f"已创建加密数据库 {args.db}（{args.center_name}，代码 {args.center_code}）；"
          f"中心主任账户：{director}")
    show_recovery_key(recovery_key, args.db, director, sheet=sheet is not None)
    if sheet is not None:
        write_recovery_sheet(sheet, args.center_name, args.center_code, director, recovery_key,
                             created)
    return 0


def output_file(name: str, what: str) -> Path:
    """A file the verb will write, checked before anything else is done."""
    out = Path(name)
    if out.is_dir():
        raise DomainError(f"{what}的输出路径是一个文件夹，应为文件：{out}", code="out_invalid")
    if not out.parent.is_dir():
        raise DomainError(f"{what}的输出文件夹不存在：{out.parent}", code="out_dir_missing")
    return out


def show_recovery_key(recovery_key: str, db: str, director: str, *,
                      sheet: bool = False) -> None:
    """Print the recovery key once, with what it is for and where it belongs."""
    print("恢复密钥（只显示这一次，本程序不保存它）：")
    print(f"    {recovery_key}")
    keep = "请打印下面写出的恢复密钥单" if sheet else "请现在就把它抄在纸上"
    print(f"{keep}，锁进中心的保险柜。凭它可以在任何电脑上打开这个数据库和它的每一份备份，"
          "请勿拍照、存在电脑里或发给他人。")
    if director:
        print(f"主任忘记密码时用它重设：mediation-desk recover --db {db} --user {director}")
    else:
        print("外出笔记本的恢复密钥请交中心主任保管；调解员忘记密码时，由主任用它为调解员设置"
              f"新密码：mediation-desk recover --db {db} --user 调解员姓名"
              "（笔记本上尚未交回的工作不会丢失）。")


def write_recovery_sheet(out: Path, center_name: str, center_code: str, director: str,
                         recovery_key: str, created: date) -> None:
    """Write the one-page 恢复密钥单 (PDF) for the center's safe."""
    from ..documents.recovery_sheet import render_recovery_sheet
    from ..storage.connection import refuse_database_file

    pdf = render_recovery_sheet(center_name, center_code, director, recovery_key, created)
    refuse_database_file(out)
    part = out.with_name(out.name + ".part")
    try:
        part.write_bytes(pdf)
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise DomainError(f"无法写入恢复密钥单 {out}：{exc.strerror or exc}。"
                          "请抄下上面的恢复密钥。", code="write_failed") from exc
    print(f"已写出恢复密钥单：{out}。打印后请删除这个文件（它和恢复密钥一样能打开数据库）。")


def _after_init(store: Store) -> None:
    """What a new desk needs at once: its key pairs for exchange."""
    from ..services.exchange import ensure_desk_keys

    ensure_desk_keys(store, actor(store))


def cmd_demo(args: argparse.Namespace) -> int:
    from ..services.demo import DEMO_PASSWORD, build_demo

    result = build_demo(Path(args.db), cases=args.cases, seed=args.seed,
                        progress=_print_progress if sys.stderr.isatty() else None)
    if result.seed_already_used:
        print(f"演示数据库 {args.db} 已含用种子 {args.seed} 生成的案件"
              f"（共 {result.total_cases} 件），"
              f"未新增。要再添加演示案件，请换一个种子，例如 --seed {args.seed + 1}；"
              "要重新开始，请用一个新文件。")
    else:
        print(f"演示数据库已就绪：{args.db}（新增案件 {result.cases_added} 件，"
              f"共 {result.total_cases} 件，"
              f"用时 {result.seconds:.1f} 秒）")
    print(demo_accounts_text(result.accounts, DEMO_PASSWORD, args.db))
    if result.recovery_key:
        print(f"演示数据库的恢复密钥（演示用，不必保存）：{result.recovery_key}")
    return 0


def demo_accounts_text(accounts: tuple[str, ...], password: str, db: str) -> str:
    """How to log in to a demo database (its accounts all share one password)."""
    first = accounts[0] if accounts else ""
    return (f"演示账户：{'、'.join(accounts)}，密码都是 {password}。例如："
            f"mediation-desk cases --db {db} --user {first}"
            "（密码在终端输入，或用环境变量 MEDIATION_DESK_PASSWORD）")


def _print_progress(done: int, total: int) -> bool:
    print(f"\r生成中 {done}/{total}", end="", file=sys.stderr, flush=True)
    if done >= total:
        print(file=sys.stderr)
    return True


def cmd_cases(args: argparse.Namespace) -> int:
    from ..services.cases import CaseService

    store = _open(args, readonly=True)
    try:
        svc = CaseService(store)
        statuses = tuple(CaseStatus.parse(s) for s in args.status) if args.status else ()
        flt = CaseFilter(statuses=statuses, overdue=args.overdue, due_within=args.due_within,
                         text=args.search or "")
        rows = svc.list(flt, limit=args.limit)
        parties = svc.parties_of([r.id for r in rows])
        if args.json:
            out = []
            for r in rows:
                out.append({
                    "id": r.id, "number": r.number, "status": r.status.value,
                    "dispute_type": r.dispute_type.value, "source": r.source.value,
                    "received_on": r.received_on.isoformat(),
                    "due_on": r.due_on.isoformat() if r.due_on else None,
                    "court_case_number": r.court_case_number,
                    "mediators": [m for m in r.mediator_names.split("、") if m],
                    "parties": [_masked_party(p) for p in parties[r.id]],
                    "deadline": svc.deadline(r).level.value,
                })
            json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            for r in rows:
                names = "、".join(f"{p.name}({p.role.label})" for p in parties[r.id])
                due = r.due_on.isoformat() if r.due_on else "-"
                print(f"{r.number}\t{r.status.label}\t{r.dispute_type.label}\t{r.source.label}\t"
                      f"{r.received_on.isoformat()}\t期限:{due}\t{names}")
            print(f"共 {svc.count(flt)} 件，显示 {len(rows)} 件", file=sys.stderr)
    finally:
        store.close()
    return 0


def case_detail(svc: Any, key: str) -> dict[str, Any]:
    """A case as a JSON-able dict with identifiers masked (for show --json)."""
    case = svc.get(key)
    data = codec.to_dict(case, exclude=("parties",))
    data["amount"] = str(case.amount) if case.amount is not None else None
    data.pop("amount_fen", None)
    data["status_label"] = case.status.label
    data["source_label"] = case.source.label
    data["dispute_type_label"] = case.dispute_type.label
    data["parties"] = [_masked_party(p) for p in case.parties if not p.deleted]
    events = svc.events(case.id)
    replaced = superseded(events)  # a session record a correction replaced (kept, marked)
    data["events"] = [{"kind": e.kind.value, "kind_label": e.kind.label,
                       "occurred_at": e.occurred_at.isoformat(), "actor": e.actor,
                       "place": e.place, "participants": e.participants, "notes": e.notes,
                       "data": e.data, "corrected": e.id in replaced} for e in events]
    agreement = svc.agreement(case.id)
    if agreement is not None:
        a = codec.to_dict(agreement)
        a["amount"] = str(agreement.amount) if agreement.amount is not None else None
        a.pop("amount_fen", None)
        data["agreement"] = a
    else:
        data["agreement"] = None
    state = svc.deadline(case)
    data["deadline"] = {"level": state.level.value, "label": state.level.label,
                        "days_left": state.days_left}
    data["allowed_actions"] = [a.value for a in svc.allowed(case)]
    data["attachments"] = [{"name": a.name, "media_type": a.media_type, "sha256": a.sha256,
                            "size": a.size} for a in svc.attachments(case.id)]
    return data


def cmd_show(args: argparse.Namespace) -> int:
    from ..services.cases import CaseService

    store = _open(args, readonly=True)
    try:
        data = case_detail(CaseService(store), args.case)
    finally:
        store.close()
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(show_text(data))
    return 0


def _cn_day(iso: str | None) -> str:
    from ..domain.formatting import format_cn_date

    return format_cn_date(date.fromisoformat(iso)) if iso else "无"


def _deadline_text(data: dict[str, Any]) -> str:
    """期限：2026年4月1日（即将到期，还剩3天）, or 期限：无（无期限）."""
    state = data["deadline"]
    bits = [state["label"]]
    if state["days_left"] is not None:
        days = state["days_left"]
        bits.append(f"还剩{days}天" if days >= 0 else f"已超{-days}天")
    return f"期限：{_cn_day(data['due_on'])}（{'，'.join(bits)}）"


def show_text(data: dict[str, Any]) -> str:
    """``show`` for a person: every value by its Chinese label, times as 2026年3月2日 09时05分;
    an empty value is left out (or reads 无), never an id or （none）."""
    from ..domain.formatting import format_cn_datetime

    lines = [f"{data['number']}  {data['status_label']}  {data['title']}",
             f"来源：{data['source_label']}  类型：{data['dispute_type_label']}  "
             f"收案：{_cn_day(data['received_on'])}  {_deadline_text(data)}"]
    for p in data["parties"]:
        extra = "  ".join(v for v in (p["id_number"], p["phone"]) if v)
        lines.append(f"  {p['role_label']}：{p['name']}" + (f"  {extra}" if extra else ""))
    lines.append(f"事实：{data['facts'] or '无'}")
    for e in data["events"]:
        at = datetime.fromisoformat(e["occurred_at"])
        when = format_cn_datetime(at.astimezone() if at.tzinfo else at)
        who = f"（{e['actor']}）" if e["actor"] else ""
        notes = f"：{e['notes']}" if e["notes"] else ""
        version = (e["data"] or {}).get("version") if e["kind"] == "session" else None
        mark = "（已更正）" if e.get("corrected") else f"（第{version}版）" if version else ""
        lines.append(f"  {when}  {e['kind_label']}{mark}{who}{notes}")
    if data["agreement"]:
        for i, c in enumerate(data["agreement"]["clauses"], 1):
            lines.append(f"  协议第{i}条：{c}")
    return "\n".join(lines)


MAX_CASE_JSON_BYTES = 64 * 1024 * 1024  # ~10,000 cases with long facts; more: split the file


def cmd_add(args: argparse.Namespace) -> int:
    from ..services.cases import CaseService
    from ..services.files import read_input_file

    raw = read_input_file(args.json, limit=MAX_CASE_JSON_BYTES, what="案件 JSON 文件")
    try:
        doc = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise DomainError(f"JSON 文件格式错误：{exc}", code="bad_json") from exc
    except RecursionError:  # thousands of nested [ or {: not case data, and not our bug
        raise DomainError(f"JSON 文件嵌套层数过多，不是案件数据：{args.json}",
                          code="bad_json") from None
    items = doc.get("cases") if isinstance(doc, dict) and "cases" in doc else doc
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list) or not items:
        raise DomainError("JSON 中没有案件（应为一个案件对象、案件数组或 {\"cases\": [...]}）",
                          code="bad_json")
    store = _open(args, readonly=False)
    try:
        result = CaseService(store).register_checked(actor(store), items)
    finally:
        store.close()
    # warnings never block the registration, but the user must see them
    for path, messages in result.warnings.items():
        for message in messages:
            print(f"提示（已保存）：{path}：{message}", file=sys.stderr)
    if args.output == "json":
        json.dump({"cases": [{"number": c.number, "id": c.id, "warnings": result.warnings_of(i)}
                             for i, c in enumerate(result.cases)],
                   "warnings": result.warnings}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for c in result.cases:
        print(f"{c.number}\t{c.id}")
    return 0


def _reject_constant(name: str) -> Any:
    raise ValueError(f"不允许的数值 {name}")


def cmd_upgrade(args: argparse.Namespace) -> int:
    store = _open(args, readonly=False)  # opening read-write applies pending migrations
    store.close()
    print(f"数据库已是最新格式：{args.db}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    # the schema is reported here, not refused at open: check is how a person finds out why
    store = open_desk(args, readonly=True, verify_schema=False)
    try:
        report = store.check_report()
    finally:
        store.close()
    err = sys.stderr
    if report.integrity:
        print("数据库完整性检查未通过：" + "；".join(report.integrity[:5]), file=err)
    if report.schema:
        print("数据库结构与本程序不一致：" + "；".join(report.schema[:10])
              + "。这个文件可能被其他程序改动过，调解工作台不会打开它。", file=err)
    for title, lines in (("条记录与审计记录不符", report.records),
                         ("个附件的内容与其校验值不符", report.blobs)):
        if lines:
            print(f"有 {len(lines)} {title}：", file=err)
            for line in lines[:CHECK_SHOWN]:
                print(f"  {line}", file=err)
            if len(lines) > CHECK_SHOWN:
                print(f"  ……另有 {len(lines) - CHECK_SHOWN} 条未列出", file=err)
    chain = report.chain
    if not chain.ok:
        print(f"审计记录链校验失败：第 {chain.first_bad_seq} 条 {chain.reason}", file=err)
    if not report.ok:
        return 1
    print(f"数据库完整，审计记录 {chain.rows_checked} 条，链校验通过；"
          f"{report.records_checked} 条记录与审计记录一致")
    return 0


CHECK_SHOWN = 20  # findings listed one by one; the rest are counted


# -- parser -----------------------------------------------------------------
def add_commands(sub: Any) -> None:
    """Register the desk verbs: init, demo, cases, show, add, upgrade, check."""
    p = sub.add_parser("init", help="创建加密的数据库和中心主任账户（--user 主任姓名）",
                       description="创建加密的数据库和中心主任的账户（--user 主任姓名；"
                                   f"密码用环境变量 {PASSWORD_ENV} 或在终端输入两次），"
                                   "并显示一次恢复密钥。外出调解笔记本用 --enrollment 登记文件 "
                                   "初始化，建立该调解员的账户。")
    p.add_argument("--db", required=True)
    p.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS,
                   help="中心主任的姓名（账户名）；外出笔记本：调解员的账户名（默认为名册中的姓名）")
    p.add_argument("--recovery-sheet", metavar="FILE.pdf",
                   help="同时写出可打印的恢复密钥单（PDF），打印后请删除该文件")
    p.add_argument("--center-code")
    p.add_argument("--center-name")
    p.add_argument("--kind", choices=["center", "court"], default="center")
    p.add_argument("--prefix", help="案号前缀，如“张店”得（2026）张店调字第1号")
    p.add_argument("--linked-court", help="对接法院")
    p.add_argument("--court-code", help="法院代字，如“鲁0303”（法院工作台）")
    p.add_argument("--enrollment", metavar="FILE", help="外出调解笔记本：用中心的登记文件初始化")
    p.add_argument("--passphrase", help="登记口令（也可用环境变量 MEDIATION_DESK_PASSPHRASE）")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="生成演示数据库")
    p.add_argument("--db", required=True)
    p.add_argument("--cases", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("cases", help="列出案件")
    add_db(p)
    p.add_argument("--status", action="append", help="状态 id，如 mediating（可重复）")
    p.add_argument("--overdue", action="store_true")
    p.add_argument("--due-within", type=int, metavar="DAYS")
    p.add_argument("--search")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cases)

    p = sub.add_parser("show", help="查看一个案件")
    add_db(p)
    p.add_argument("case", help="案件 UUID 或案号")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("add", help="从 JSON 文件登记案件")
    add_db(p)
    p.add_argument("--json", required=True, metavar="FILE")
    p.add_argument("--output", choices=["text", "json"], default="text",
                   help="输出格式：text（案号与编号）或 json（含提示信息）")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("upgrade", help="升级旧版本数据库（先自动备份）")
    add_db(p)
    p.set_defaults(func=cmd_upgrade)

    p = sub.add_parser("check", help="完整性与审计链检查")
    add_db(p)
    p.set_defaults(func=cmd_check)
