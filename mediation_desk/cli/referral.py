"""The court's referral verbs (委派调解): ``referral add`` and ``referral list``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError
from .login import actor, add_user, open_desk


def _read_json(path: str) -> Any:
    from .desk import _reject_constant

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DomainError(f"无法读取文件 {path}：{exc.strerror}", code="file") from exc
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise DomainError(f"JSON 文件格式错误：{exc}", code="bad_json") from exc
    except RecursionError:
        raise DomainError(f"JSON 文件嵌套层数过多，不是委派数据：{path}", code="bad_json") from None


def _read_material(path: Path) -> Any:
    from ..services.files import read_input_file
    from ..services.referrals import MAX_MATERIAL_BYTES, Material

    return Material(path.name, read_input_file(path, limit=MAX_MATERIAL_BYTES, what="材料"))


def _db(args: argparse.Namespace) -> str:
    db = args.db or args.referral_db
    if not db:
        print("mediation-desk referral: 用法错误：需要 --db COURT.db", file=sys.stderr)
        raise SystemExit(2)
    return str(db)


def run_referral_add(args: argparse.Namespace) -> int:
    """Register a referral from a JSON file (docs/case-input.md plus ``due_on`` and
    ``materials``) for the trusted center ``--center``."""
    from ..services.referrals import ReferralService

    db = _db(args)

    doc = _read_json(args.json)
    if isinstance(doc, dict) and isinstance(doc.get("cases"), list) and len(doc["cases"]) == 1:
        doc = doc["cases"][0]
    if not isinstance(doc, dict):
        raise DomainError("JSON 中应为一件委派案件（一个对象）", code="bad_json")
    base = Path(args.json).parent
    listed = doc.pop("materials", [])
    if not isinstance(listed, list) or not all(isinstance(x, str) for x in listed):
        raise DomainError("materials 应为文件路径的列表（相对于 JSON 文件所在文件夹）",
                          code="bad_json")
    paths = [base / x for x in listed] + [Path(x) for x in args.material or []]
    materials = [_read_material(p) for p in paths]
    store = open_desk(args, db)
    try:
        done = ReferralService(store).refer(actor(store), args.center, doc, materials)
    finally:
        store.close()
    for path, messages in done.warnings.items():
        for message in messages:
            print(f"提示（已保存）：{path}：{message}", file=sys.stderr)
    if args.output == "json":
        json.dump({"id": done.case.id, "court_case_number": done.case.court_case_number,
                   "center": done.center.code, "due_on": done.requested_due_on.isoformat(),
                   "materials": [a.name for a in done.attachments],
                   "warnings": done.warnings}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"已委派：{done.case.court_case_number} → {done.center.name}（{done.center.code}），"
          f"要求{done.requested_due_on.isoformat()}前调结，材料{len(done.attachments)}份。"
          f"下次向 {done.center.code} 导出交换文件时一并发送。\t{done.case.id}")
    return 0


def run_referral_list(args: argparse.Namespace) -> int:
    """This court's referrals, by state."""
    from ..services.referrals import ReferralService

    store = open_desk(args, _db(args), readonly=True)
    try:
        svc = ReferralService(store)
        rows = svc.referrals(args.state)
        counts = svc.counts() if args.state is None else None
    finally:
        store.close()
    if args.json:
        out: dict[str, Any] = {"referrals": [r.to_json() for r in rows]}
        if counts is not None:
            out["counts"] = {s.value: n for s, n in counts.total.items()}
            out["by_center"] = [{"center": code, "name": name,
                                 "counts": {s.value: n for s, n in c.items()}}
                                for code, name, c in counts.by_center]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if counts is not None:
        print("；".join(f"{s.label} {n}" for s, n in counts.total.items()))
    print("法院案号\t调解组织\t状态\t当事人\t要求调结\t期限\t说明")
    for r in rows:
        due = r.due_on.isoformat() if r.due_on else "—"
        asked = r.requested_due_on.isoformat() if r.requested_due_on else "—"
        print(f"{r.court_case_number}\t{r.center_name}（{r.center_code}）\t{r.state.label}"
              f"（{r.status.label}）\t{r.party_names}\t{asked}\t{due}\t{r.reason or '—'}")
    return 0


def add_referral_commands(sub: Any) -> None:
    """Add ``referral add`` and ``referral list``."""
    from ..services.referrals import ReferralState

    p = sub.add_parser("referral", help="法院联络台：委派调解（登记、查看）")
    # `referral --db COURT.db add ...` and `referral add --db COURT.db ...` both work
    p.add_argument("--db", dest="referral_db", metavar="DB")
    add_user(p)
    verbs = p.add_subparsers(dest="referral_verb", required=True,
                             parser_class=type(p))
    a = verbs.add_parser("add", help="登记一件委派调解，发给本院信任的调解组织")
    a.add_argument("--db", metavar="DB")
    add_user(a)
    a.add_argument("--center", required=True, metavar="CODE", help="调解组织代码")
    a.add_argument("--json", required=True, metavar="FILE",
                   help="委派内容（格式同 add --json，另可含 due_on、materials）")
    a.add_argument("--material", action="append", metavar="FILE",
                   help="材料（PDF/JPEG/PNG/TIFF），可重复")
    a.add_argument("--output", choices=["text", "json"], default="text")
    a.set_defaults(func=run_referral_add)
    ls = verbs.add_parser("list", help="按状态列出本院的委派调解")
    ls.add_argument("--db", metavar="DB")
    add_user(ls)
    ls.add_argument("--state", choices=[s.value for s in ReferralState],
                    help="sent 待受理 / accepted 已受理 / refused 不予受理 / overdue 超期 / "
                         "result 已有结果")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_referral_list)
