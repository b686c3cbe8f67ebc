"""Command-line verbs of the exchange: keys, trust, export, import, enroll."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from ..domain.errors import DomainError
from ..exchange.errors import BundleRejected
from .login import actor, add_db, open_desk


def run_keys(args: argparse.Namespace) -> int:
    """Print this desk's fingerprint; with --export-card write its card; with --new-keys
    make new keys for this desk (a reason is required)."""
    from ..services import exchange
    store = open_desk(args)
    try:
        exchange.ensure_desk_keys(store, actor(store))
        if args.new_keys:
            old = exchange.own_card(store).fingerprint
            exchange.change_own_keys(store, actor(store), reason=args.reason or "")
            print(f"已更换本单位密钥：原指纹 {old}")
            print("请导出新名片发给每个交换单位；对方电话核对新指纹后用 change-key 接受。")
        if args.export_card:
            fpr = exchange.export_card(store, args.export_card)
            print(f"已导出单位名片：{args.export_card}")
        else:
            fpr = exchange.own_card(store).fingerprint
        print(f"本单位指纹：{fpr}")
    finally:
        store.close()
    return 0


def run_trust(args: argparse.Namespace) -> int:
    """Show a card's fingerprint and trust it after confirmation (or --yes)."""
    from ..services import exchange
    from ..services.access import require
    card = exchange.read_card(args.card)
    store = open_desk(args)
    try:
        require(store, "trust_desk")  # refused before the question, not after it
        print(f"单位：{card.name}（代码 {card.code}，类型 {card.kind}）")
        print(f"指纹：{card.fingerprint}")
        print("请与对方电话逐组核对指纹。")
        if not args.yes:
            if not sys.stdin.isatty():
                print("未确认（非交互方式请加 --yes）。", file=sys.stderr)
                return 1
            if input("指纹一致吗？输入 yes 确认信任：").strip().lower() not in ("yes", "y", "是"):
                print("已取消。", file=sys.stderr)
                return 1
        exchange.trust_card(store, actor(store), card)
    finally:
        store.close()
    print(f"已信任 {card.name}（{card.code}）")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    """Revoke a trusted desk's key for ever (a reason is required)."""
    from ..services import exchange
    store = open_desk(args)
    try:
        exchange.revoke(store, actor(store), args.code, args.reason)
    finally:
        store.close()
    print(f"已撤销对 {args.code} 的信任；这把密钥今后不能再被信任。")
    return 0


def run_change_key(args: argparse.Namespace) -> int:
    """Accept a trusted desk's new card: the fingerprint read over the phone and a reason."""
    from ..services import exchange
    card = exchange.read_card(args.card)
    store = open_desk(args)
    try:
        old = store.exchange.trusted(card.code)
        exchange.change_peer_key(store, actor(store), card,
                                 confirmed_fingerprint=args.fingerprint, reason=args.reason)
    finally:
        store.close()
    was = old[0]["fingerprint"] if old else ""
    print(f"已更换 {card.name}（{card.code}）的密钥：{was} → {card.fingerprint}；原密钥已撤销。")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Export a bundle to a trusted desk."""
    from ..services import exchange
    store = open_desk(args)
    try:
        report = exchange.export_bundle(store, actor(store), args.to, args.out,
                                        case_keys=args.case or None, full=args.full)
    finally:
        store.close()
    counts = "，".join(f"{k} {v}" for k, v in report.counts.items() if v)
    print(f"已导出并校验：{report.path}（序号 {report.sequence}；{counts or '无新变化'}）")
    return 0


def _reject(args: argparse.Namespace, exc: BundleRejected) -> int:
    if getattr(args, "json", False):
        print(json.dumps({"rejected": exc.reason_code, "message": exc.message_zh},
                         ensure_ascii=False))
    print(f"拒绝导入 [{exc.reason_code}]：{exc.message_zh}", file=sys.stderr)
    return 1


def run_import(args: argparse.Namespace) -> int:
    """Verify and import a bundle (``--dry-run`` previews only)."""
    from ..services import exchange
    store = open_desk(args)
    try:
        report = exchange.import_bundle(store, actor(store), args.file, dry_run=args.dry_run)
    except BundleRejected as exc:
        return _reject(args, exc)
    finally:
        store.close()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True))
        return 0
    if report.already_applied:
        print(f"该文件（{report.bundle_id}）已经导入过，没有任何变化。")
        return 0
    c: dict[str, Any] = report.counts
    head = "预览（未导入）" if report.dry_run else "已导入"
    cases = report.by_entity.get("cases", {})
    print(f"{head}：来自 {report.sender}，序号 {report.sequence}。新增 {c['new']}，"
          f"更新 {c['updated']}，未变 {c['unchanged']}，冲突 {c['conflicting']}"
          f"（其中案件 {sum(cases.values())} 件：新增 {cases.get('new', 0)}，"
          f"更新 {cases.get('updated', 0)}）")
    if report.missing:
        from ..services.exchange_status import missing_text
        print(f"注意：{missing_text(report.sender, tuple(report.missing))}"
              "（其内容已包含在这份文件中；请向对方问明这些文件的去向）。")
    if report.renumbered:
        print(f"外出调解笔记本登记的案件已由本中心编号：{'、'.join(report.renumbered)}")
    return 0


def run_enroll(args: argparse.Namespace) -> int:
    """Write an enrollment file for a field laptop and print its one-time passphrase."""
    from ..services.enrollment import enroll
    store = open_desk(args)
    try:
        rep = enroll(store, actor(store), args.mediator, args.out, field_code=args.code)
    finally:
        store.close()
    print(f"已生成登记文件：{rep.path}（外出笔记本代码 {rep.field_code}；"
          f"案件 {rep.counts['cases']} 件）")
    print(f"本中心指纹：{rep.fingerprint}")
    print(f"登记口令（只显示这一次，请交给调解员本人输入）：{rep.passphrase}")
    print(f"笔记本初始化后，请导入其单位名片：mediation-desk trust --db {args.db} 名片文件")
    return 0


def read_passphrase(args: argparse.Namespace) -> str:
    """--passphrase, else MEDIATION_DESK_PASSPHRASE, else a getpass prompt on a terminal."""
    import getpass

    value = getattr(args, "passphrase", None) or os.environ.get("MEDIATION_DESK_PASSPHRASE")
    if value:
        return value
    if sys.stdin.isatty():
        return getpass.getpass("请输入中心提供的登记口令：")
    raise DomainError("需要登记口令：请用 --passphrase 或环境变量 MEDIATION_DESK_PASSPHRASE 提供。",
                      code="passphrase_missing")


def run_init_from_enrollment(args: argparse.Namespace) -> int:
    """``init --db PATH --enrollment FILE``: set up a field laptop (verify first), encrypted,
    with the enrolled mediator's account."""
    from pathlib import Path

    from ..services.enrollment import create_field_desk, enrolled_mediator_name, read_enrollment
    from .desk import show_recovery_key
    from .login import PASSWORD_ENV, new_password, user_of

    if Path(args.db).exists():
        raise DomainError(f"数据库文件已存在：{args.db}。外出笔记本只能登记到新的数据库。",
                          code="already_initialised")
    passphrase = read_passphrase(args)
    try:
        enrollment = read_enrollment(args.enrollment, passphrase)
        _opened, info = enrollment
        print(f"登记文件来自：{info.center.name}（代码 {info.center.code}）")
        print(f"中心指纹：{info.center.fingerprint}（请与中心核对）")
        if sys.stdin.isatty() and input("指纹一致吗？输入 yes 继续：").strip().lower() not in (
                "yes", "y", "是"):
            print("已取消。", file=sys.stderr)
            return 1
        name = user_of(args) or enrolled_mediator_name(*enrollment)
        password = new_password(f"调解员“{name}”的账户", env=PASSWORD_ENV)
        store, recovery_key = create_field_desk(args.db, args.enrollment, passphrase,
                                                password=password, name=name,
                                                enrollment=enrollment)
    except BundleRejected as exc:
        return _reject(args, exc)
    try:
        from ..services import exchange
        fpr = exchange.own_card(store).fingerprint
        code = store.origin_code()
    finally:
        store.close()
    print(f"已初始化外出调解笔记本 {args.db}（代码 {code}），加密；调解员账户：{name}")
    print(f"本机指纹：{fpr}")
    show_recovery_key(recovery_key, args.db, "")
    print(f"请导出本机名片交给中心信任：mediation-desk keys --db {args.db} --user {name} "
          "--export-card 名片文件")
    return 0


def add_exchange_commands(sub: Any) -> None:
    """Add the exchange verbs to the CLI's sub-parsers."""
    p = sub.add_parser("keys", help="本单位密钥与单位名片")
    add_db(p)
    p.add_argument("--export-card", metavar="FILE")
    p.add_argument("--new-keys", action="store_true",
                   help="为本单位生成新密钥（需 --reason；各交换单位须用 change-key 接受新名片）")
    p.add_argument("--reason", metavar="TEXT", help="更换密钥的原因")
    p.set_defaults(func=run_keys)

    p = sub.add_parser("revoke", help="撤销对某单位密钥的信任（永久）")
    add_db(p)
    p.add_argument("code", metavar="CODE")
    p.add_argument("--reason", required=True, metavar="TEXT", help="撤销的原因")
    p.set_defaults(func=run_revoke)

    p = sub.add_parser("change-key", help="接受已信任单位的新名片（更换密钥）")
    add_db(p)
    p.add_argument("card", metavar="CARD")
    p.add_argument("--fingerprint", required=True, metavar="TEXT",
                   help="对方在电话中读出的新指纹")
    p.add_argument("--reason", required=True, metavar="TEXT", help="更换的原因")
    p.set_defaults(func=run_change_key)

    p = sub.add_parser("trust", help="信任另一单位的名片")
    add_db(p)
    p.add_argument("card", metavar="CARD")
    p.add_argument("--yes", action="store_true", help="不询问，直接信任")
    p.set_defaults(func=run_trust)

    p = sub.add_parser("export", help="导出交换文件（.mdx）")
    add_db(p)
    p.add_argument("--to", required=True, metavar="CODE")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--case", action="append", metavar="CASE")
    p.add_argument("--full", action="store_true")
    p.set_defaults(func=run_export)

    p = sub.add_parser("import", help="校验并导入交换文件")
    add_db(p)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_import)

    p = sub.add_parser("enroll", help="生成外出调解笔记本的登记文件")
    add_db(p)
    p.add_argument("--mediator", required=True, metavar="MEDIATOR")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--code", help="外出笔记本的单位代码（默认：中心代码-F序号）")
    p.set_defaults(func=run_enroll)
