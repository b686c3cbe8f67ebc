"""Command-line verbs of the exchange: keys, trust, export, import, enroll."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from ..exchange.errors import BundleRejected
from ..storage.store import Store


def _actor(args: argparse.Namespace) -> str:
    return getattr(args, "actor", None) or os.environ.get("MEDIATION_DESK_ACTOR") or "命令行"


def run_keys(args: argparse.Namespace) -> int:
    """Print this desk's fingerprint; with --export-card write its card."""
    from ..services import exchange
    store = Store.open(args.db)
    try:
        exchange.ensure_desk_keys(store, _actor(args))
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
    card = exchange.read_card(args.card)
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
    store = Store.open(args.db)
    try:
        exchange.trust_card(store, _actor(args), card)
    finally:
        store.close()
    print(f"已信任 {card.name}（{card.code}）")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Export a bundle to a trusted desk."""
    from ..services import exchange
    store = Store.open(args.db)
    try:
        report = exchange.export_bundle(store, _actor(args), args.to, args.out,
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
    store = Store.open(args.db)
    try:
        report = exchange.import_bundle(store, _actor(args), args.file, dry_run=args.dry_run)
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
    print(f"{head}：来自 {report.sender}，序号 {report.sequence}。新增 {c['new']}，"
          f"更新 {c['updated']}，未变 {c['unchanged']}，冲突 {c['conflicting']}")
    return 0


def run_enroll(args: argparse.Namespace) -> int:
    """Write an enrollment file for a field laptop and print its one-time passphrase."""
    from ..services.enrollment import enroll
    store = Store.open(args.db)
    try:
        rep = enroll(store, _actor(args), args.mediator, args.out, field_code=args.code)
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

    from ..domain.errors import DomainError
    value = getattr(args, "passphrase", None) or os.environ.get("MEDIATION_DESK_PASSPHRASE")
    if value:
        return value
    if sys.stdin.isatty():
        return getpass.getpass("请输入中心提供的登记口令：")
    raise DomainError("需要登记口令：请用 --passphrase 或环境变量 MEDIATION_DESK_PASSPHRASE 提供。",
                      code="passphrase_missing")


def run_init_from_enrollment(args: argparse.Namespace) -> int:
    """``init --db PATH --enrollment FILE``: set up a field laptop (verify first)."""
    from ..services.enrollment import init_from_enrollment, read_enrollment
    passphrase = read_passphrase(args)
    try:
        _opened, info = read_enrollment(args.enrollment, passphrase)
        print(f"登记文件来自：{info.center.name}（代码 {info.center.code}）")
        print(f"中心指纹：{info.center.fingerprint}（请与中心核对）")
        if sys.stdin.isatty() and input("指纹一致吗？输入 yes 继续：").strip().lower() not in (
                "yes", "y", "是"):
            print("已取消。", file=sys.stderr)
            return 1
        store = init_from_enrollment(args.db, args.enrollment, passphrase, actor=_actor(args))
    except BundleRejected as exc:
        return _reject(args, exc)
    try:
        from ..services import exchange
        fpr = exchange.own_card(store).fingerprint
        code = store.origin_code()
    finally:
        store.close()
    print(f"已初始化外出调解笔记本 {args.db}（代码 {code}）")
    print(f"本机指纹：{fpr}")
    print(f"请导出本机名片交给中心信任：mediation-desk keys --db {args.db} --export-card 名片文件")
    return 0


def add_exchange_commands(sub: Any) -> None:
    """Add the exchange verbs to the CLI's sub-parsers."""
    p = sub.add_parser("keys", help="本单位密钥与单位名片")
    p.add_argument("--db", required=True)
    p.add_argument("--export-card", metavar="FILE")
    p.set_defaults(func=run_keys)

    p = sub.add_parser("trust", help="信任另一单位的名片")
    p.add_argument("--db", required=True)
    p.add_argument("card", metavar="CARD")
    p.add_argument("--yes", action="store_true", help="不询问，直接信任")
    p.set_defaults(func=run_trust)

    p = sub.add_parser("export", help="导出交换文件（.mdx）")
    p.add_argument("--db", required=True)
    p.add_argument("--to", required=True, metavar="CODE")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--case", action="append", metavar="CASE")
    p.add_argument("--full", action="store_true")
    p.set_defaults(func=run_export)

    p = sub.add_parser("import", help="校验并导入交换文件")
    p.add_argument("--db", required=True)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_import)

    p = sub.add_parser("enroll", help="生成外出调解笔记本的登记文件")
    p.add_argument("--db", required=True)
    p.add_argument("--mediator", required=True, metavar="MEDIATOR")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--code", help="外出笔记本的单位代码（默认：中心代码-F序号）")
    p.set_defaults(func=run_enroll)
