"""The account verbs: ``account list|add|reset-password|deactivate|activate|role``,
``password`` (change one's own), ``recover`` (the recovery key) and ``encrypt`` (a legacy
plain database).

``mediation-desk account list --db DB --user 主任``
``mediation-desk account add --db DB --user 主任 周明 --role 调解员 --mediator 周明``
``mediation-desk account reset-password --db DB --user 主任 周明``
``mediation-desk account deactivate|activate --db DB --user 主任 周明``
``mediation-desk account role --db DB --user 主任 周明 只读``
``mediation-desk password --db DB --user 周明``
``mediation-desk recover --db DB --user 主任``
``mediation-desk encrypt --db DB --user 主任``

Managing accounts is a director's (the services refuse anyone else). A new password comes
from MEDIATION_DESK_NEW_PASSWORD or is typed twice on a terminal; the recovery key from
MEDIATION_DESK_RECOVERY_KEY or typed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from ..domain.access import Account, Role
from ..domain.errors import DomainError, ValidationError
from ..storage.store import Store
from .login import (
    NEW_PASSWORD_ENV,
    PASSWORD_ENV,
    RECOVERY_KEY_ENV,
    add_db,
    add_user,
    current_password,
    new_password,
    open_desk,
    recovery_key,
    require_user,
)

if TYPE_CHECKING:
    from ..services.auth import AccountService

ROLE_HELP = "角色：" + "、".join(f"{r.label}（{r.value}）" for r in Role)


def add_account_commands(sub: Any) -> None:
    """Register ``account ...``, ``password``, ``recover`` and ``encrypt``."""
    p = sub.add_parser("account",
                       help="账户管理（中心主任）：列出、新建、重置密码、停用、启用、改角色",
                       description="账户管理，只有中心主任可以操作（account list 人人可看）。"
                                   f"新密码用环境变量 {NEW_PASSWORD_ENV} 提供，或在终端输入两次。")
    verbs = p.add_subparsers(dest="account_verb", required=True, parser_class=type(p))

    ls = verbs.add_parser("list", help="列出本数据库的账户")
    add_db(ls)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)

    add = verbs.add_parser("add", help="新建账户（调解员账户要对应名册中的调解员）")
    add_db(add)
    add.add_argument("name", metavar="NAME", help="新账户的姓名（登录名）")
    add.add_argument("--role", required=True, type=_role, metavar="ROLE", help=ROLE_HELP)
    add.add_argument("--mediator", metavar="ID_OR_NAME",
                     help="调解员账户对应的名册调解员（编号或姓名；默认与账户同名的调解员）")
    add.set_defaults(func=cmd_add)

    reset = verbs.add_parser("reset-password", help="为一个账户设置新密码（并解除锁定）")
    add_db(reset)
    reset.add_argument("name", metavar="NAME")
    reset.set_defaults(func=cmd_reset)

    off = verbs.add_parser("deactivate", help="停用账户（其密码从此打不开数据库）")
    add_db(off)
    off.add_argument("name", metavar="NAME")
    off.set_defaults(func=cmd_deactivate)

    on = verbs.add_parser("activate", help="重新启用停用的账户（需设置新密码）")
    add_db(on)
    on.add_argument("name", metavar="NAME")
    on.set_defaults(func=cmd_activate)

    role = verbs.add_parser("role", help="修改账户的角色")
    add_db(role)
    role.add_argument("name", metavar="NAME")
    role.add_argument("role", type=_role, metavar="ROLE", help=ROLE_HELP)
    role.add_argument("--mediator", metavar="ID_OR_NAME", help="改为调解员时对应的名册调解员")
    role.set_defaults(func=cmd_role)

    pw = sub.add_parser("password", help="修改自己的密码",
                        description="修改自己的密码：原密码即登录密码"
                                    f"（{PASSWORD_ENV} 或终端输入），"
                                    f"新密码用 {NEW_PASSWORD_ENV} 或在终端输入两次。")
    add_db(pw)
    pw.set_defaults(func=cmd_password)

    rec = sub.add_parser("recover",
                         help="忘记密码：用恢复密钥为中心主任（外出笔记本：其调解员）设置新密码",
                         description="用恢复密钥单上的恢复密钥为中心主任（外出笔记本上为它的调解员）"
                                     "设置新密码（密钥文件丢失时"
                                     f"也可用，会重建）。恢复密钥用 {RECOVERY_KEY_ENV} 或在"
                                     f"终端输入，新密码用 {NEW_PASSWORD_ENV} 或在终端输入两次。")
    rec.add_argument("--db", required=True, metavar="DB", help="数据库文件")
    add_user(rec, help="中心主任的账户姓名")
    rec.set_defaults(func=cmd_recover)

    enc = sub.add_parser("encrypt", help="加密旧版未加密的数据库，并建立中心主任账户",
                         description="把旧版未加密的数据库加密（先复制、校验，再替换；原文件"
                                     "在加密副本校验通过后才删除），建立中心主任账户（--user；"
                                     f"密码用 {PASSWORD_ENV} 或在终端输入两次），"
                                     "并显示一次恢复密钥。")
    enc.add_argument("--db", required=True, metavar="DB", help="数据库文件")
    add_user(enc, help="中心主任的姓名（新账户）")
    enc.add_argument("--recovery-sheet", metavar="FILE.pdf",
                     help="同时写出可打印的恢复密钥单（PDF），打印后请删除该文件")
    enc.set_defaults(func=cmd_encrypt)


def _role(value: str) -> Role:
    try:
        return Role.parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _account_service(store: Store) -> AccountService:
    from ..services.auth import AccountService

    return AccountService(store)


def _mediator_id(store: Store, key: str) -> str:
    """The roster entry named by id or name (a unique active one)."""
    from ..services.desk import MediatorService

    roster = MediatorService(store).mediators()
    by_id = [m for m in roster if m.id == key and not m.deleted]
    if by_id:
        return by_id[0].id
    named = [m for m in roster if m.name == key.strip() and not m.deleted]
    if len(named) > 1:
        named = [m for m in named if m.active] or named
    if not named:
        raise ValidationError({"mediator": [f"调解员名册中没有“{key}”（可用编号或姓名）"]})
    if len(named) > 1:
        raise ValidationError({"mediator": [f"名册中有 {len(named)} 位“{key}”，请用编号指明："
                                            + "、".join(m.id for m in named)]})
    return named[0].id


def _account_json(a: Account, mediators: dict[str, str]) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "role": a.role.value, "role_label": a.role.label,
            "active": a.active, "mediator_id": a.mediator_id,
            "mediator": mediators.get(a.mediator_id or "", "")}


def cmd_list(args: argparse.Namespace) -> int:
    from ..services.desk import MediatorService

    store = open_desk(args, readonly=True)
    try:
        service = _account_service(store)
        accounts, states = service.accounts(), service.sign_in_states()
        mediators = {m.id: m.name for m in MediatorService(store).mediators()}
    finally:
        store.close()
    rows = [{**_account_json(a, mediators), "sign_in": states.get(a.id, "")} for a in accounts]
    if args.json:
        json.dump({"accounts": rows}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for r in rows:
        state = "在用" if r["active"] else "已停用"
        state += f"，{r['sign_in']}" if r["sign_in"] else ""
        linked = f"\t名册：{r['mediator']}" if r["mediator"] else ""
        print(f"{r['name']}\t{r['role_label']}\t{state}{linked}")
    print(f"共 {len(rows)} 个账户", file=sys.stderr)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    role: Role = args.role
    store = open_desk(args)
    try:
        _check_may(store, "create_account")
        mediator_id = None
        if role is Role.MEDIATOR:
            mediator_id = _mediator_id(store, args.mediator or args.name)
        password = new_password(f"新账户“{args.name.strip()}”")
        account = _account_service(store).create(args.name, role, password,
                                                 mediator_id=mediator_id)
    finally:
        store.close()
    print(f"已新建账户：{account.label}。请把密码当面交给本人，并请其登录后用 "
          "mediation-desk password 修改。")
    return 0


def _check_may(store: Store, action: str) -> None:
    """Refuse before a password is asked for (the service checks again)."""
    from ..services.access import require

    require(store, action)


def _named(store: Store, name: str) -> Account:
    account = store.accounts.named(name.strip())
    if account is None:
        raise DomainError(f"本数据库没有名为“{name.strip()}”的账户（mediation-desk account list "
                          "列出全部账户）。", code="not_found")
    return account


def cmd_reset(args: argparse.Namespace) -> int:
    store = open_desk(args)
    try:
        _check_may(store, "reset_password")
        account = _named(store, args.name)
        password = new_password(f"账户“{account.name}”")
        _account_service(store).reset_password(account.id, password)
    finally:
        store.close()
    print(f"已重置 {account.label} 的密码（锁定已解除）。请把新密码当面交给本人。")
    return 0


def cmd_deactivate(args: argparse.Namespace) -> int:
    store = open_desk(args)
    try:
        account = _named(store, args.name)
        changed = _account_service(store).set_active(account.id, False)
    finally:
        store.close()
    print(f"已停用账户 {changed.label}：其密码从此打不开数据库。")
    return 0


def cmd_activate(args: argparse.Namespace) -> int:
    store = open_desk(args)
    try:
        _check_may(store, "update_account")
        account = _named(store, args.name)
        if account.active:
            print(f"账户 {account.label} 本来就在用，未改动。")
            return 0
        password = new_password(f"账户“{account.name}”")
        changed = _account_service(store).set_active(account.id, True, new_password=password)
    finally:
        store.close()
    print(f"已启用账户 {changed.label}，并设置了新密码。")
    return 0


def cmd_role(args: argparse.Namespace) -> int:
    role: Role = args.role
    store = open_desk(args)
    try:
        _check_may(store, "update_account")
        account = _named(store, args.name)
        mediator_id = None
        if role is Role.MEDIATOR:
            mediator_id = _mediator_id(store, args.mediator or account.name) \
                if args.mediator or not account.mediator_id else account.mediator_id
        changed = _account_service(store).set_role(account.id, role, mediator_id=mediator_id)
    finally:
        store.close()
    print(f"已把账户 {changed.name} 的角色改为{changed.role.label}。")
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    from ..services.auth import environment_login

    name = require_user(args, "要修改密码的账户")
    old = current_password(name)  # asked once: it is the login's password too
    store = environment_login(args.db, name, prompt=lambda _prompt: old)
    try:
        password = new_password("您的账户")
        _account_service(store).change_password(old, password)
    finally:
        store.close()
    print(f"已修改 {name} 的密码。下次登录请用新密码。")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    from ..services.auth import recover

    director = require_user(args, "要重设密码的中心主任")
    _refuse_missing(args.db)
    secret = recovery_key()
    password = new_password(f"中心主任“{director}”")
    store = recover(args.db, secret, director, password)
    store.close()
    print(f"已用恢复密钥为中心主任 {director} 设置新密码。其他账户的密码不变"
          "（如果密钥文件是重建的，请为其他账户重置密码）。")
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from ..services.auth import login, state
    from ..services.encryption import encrypt_database
    from .desk import output_file, show_recovery_key, write_recovery_sheet

    director = require_user(args, "中心主任的姓名（将为其建立账户）")
    _refuse_missing(args.db)
    if state(args.db) != "plain":
        raise DomainError(f"数据库 {args.db} 已经是加密的，无需再加密。", code="already_encrypted")
    sheet = output_file(args.recovery_sheet, "恢复密钥单") if args.recovery_sheet else None
    password = new_password(f"中心主任“{director}”", env=PASSWORD_ENV)
    recovery = encrypt_database(args.db, director, password,
                                progress=_print_step if sys.stderr.isatty() else None)
    print(f"已加密数据库 {args.db}，原来的未加密文件已删除；中心主任账户：{director}")
    show_recovery_key(recovery, args.db, director, sheet=sheet is not None)
    if sheet is not None:
        store = login(args.db, director, password, readonly=True)
        try:
            center = store.directory.self_center()
            created = store.today()
        finally:
            store.close()
        write_recovery_sheet(sheet, center.name if center else "", center.code if center else "",
                             director, recovery, created)
    return 0


def _print_step(what: str, done: int, total: int) -> None:
    print(f"[{done}/{total}] {what}", file=sys.stderr, flush=True)


def _refuse_missing(db: str) -> None:
    from pathlib import Path

    if not Path(db).is_file():
        raise DomainError(f"数据库文件不存在：{db}。请检查路径。", code="db_missing")
