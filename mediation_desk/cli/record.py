"""The recording verbs: ``session``, ``investigation``, ``undisputed-facts``.

``mediation-desk session --db DB --case CASE --notes TEXT [--result TEXT] [--at TIME]``
records a mediation session (调解记录) with its result; ``investigation`` an investigation
(调查记录); ``undisputed-facts --facts TEXT --confirmed-by NAME ...`` the facts every party
confirmed (无争议事实). Long text can come from a UTF-8 file (``--notes-file`` …). The
logged-in account is the recorder (记录人). The same service checks as the GUI's forms.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from ..domain.errors import DomainError, ValidationError
from .login import actor, add_db, open_desk

MAX_TEXT_FILE_BYTES = 1024 * 1024

FIELDS = {"notes": "记录内容（--notes）", "result": "调解结果（--result）",
          "facts": "无争议事实（--facts）", "place": "地点（--place）",
          "participants": "参加人（--participants）", "occurred_at": "时间（--at）",
          "confirming_party_ids": "确认的当事人（--confirmed-by）"}
"""The services' problem paths, as this command line names the options."""


def add_record_commands(sub: Any) -> None:
    """Register ``session``, ``investigation`` and ``undisputed-facts``."""
    p = sub.add_parser("session", help="记录一次调解（调解记录：经过、调解结果；记录人为登录账户）")
    _common(p, "记录内容（调解经过、各方陈述）")
    _text(p, "result", "调解结果（达成的内容，或未达成的原因和建议的途径）", required=False)
    p.set_defaults(func=run_session)

    p = sub.add_parser("investigation", help="记录一次调查（调查记录；记录人为登录账户）")
    _common(p, "调查内容")
    p.set_defaults(func=run_investigation)

    p = sub.add_parser("undisputed-facts",
                       help="记录各方当事人书面确认的无争议事实（打印无争议事实确认书由各方签名）")
    add_db(p)
    p.add_argument("--case", required=True, help="案件编号、法院案号或 UUID")
    _text(p, "facts", "各方当事人均无争议的事实")
    p.add_argument("--confirmed-by", action="append", default=[], metavar="NAME",
                   help="确认的当事人姓名（每人一次；须为本案全部当事人）")
    p.add_argument("--all-parties", action="store_true", help="本案全部当事人均已确认")
    p.add_argument("--at", help="确认时间 YYYY-MM-DD HH:MM（默认现在）")
    p.add_argument("--place", default="", help="地点")
    p.set_defaults(func=run_undisputed_facts)


def _common(p: argparse.ArgumentParser, notes_help: str) -> None:
    add_db(p)
    p.add_argument("--case", required=True, help="案件编号、法院案号或 UUID")
    _text(p, "notes", notes_help)
    p.add_argument("--at", help="时间 YYYY-MM-DD HH:MM（默认现在）")
    p.add_argument("--place", default="", help="地点")
    p.add_argument("--participants", default="", help="参加人（当事人、调解员、邀请参加的人）")


def _text(p: argparse.ArgumentParser, name: str, help: str, *, required: bool = True) -> None:
    group = p.add_mutually_exclusive_group(required=required)
    group.add_argument(f"--{name}", help=help)
    group.add_argument(f"--{name}-file", metavar="FILE", help=f"{help}（从 UTF-8 文本文件读取）")


def _read_text(args: argparse.Namespace, name: str) -> str:
    """The option's text, or the file's (``--NAME-file``); '' when neither was given."""
    path = getattr(args, f"{name}_file", None)
    if path is None:
        return str(getattr(args, name, None) or "")
    from ..services.files import read_input_file

    raw = read_input_file(path, limit=MAX_TEXT_FILE_BYTES, what="文本文件")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(f"文件不是 UTF-8 编码的文本：{path}", code="bad_text_file") from None


def _at(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            {"occurred_at": [f"时间格式应为 YYYY-MM-DD HH:MM，收到“{value}”"]}) from None
    return when.astimezone()  # a time typed here is this machine's local time


def _named(exc: ValidationError) -> ValidationError:
    return ValidationError({FIELDS.get(k, k): v for k, v in exc.problems.items()})


def _record(args: argparse.Namespace, method: str, **values: Any) -> int:
    from ..services.cases import CaseService

    try:
        when = _at(args.at)
        store = open_desk(args)
        try:
            svc = CaseService(store)
            case = svc.get(args.case)
            if method == "record_undisputed_facts":
                values["confirming_party_ids"] = _confirming(case, args)
            event = getattr(svc, method)(actor(store), case.id, occurred_at=when, **values)
            same = [e for e in svc.events(case.id) if e.kind is event.kind]
        finally:
            store.close()
    except ValidationError as exc:
        raise _named(exc) from None
    n = next((i for i, e in enumerate(same, 1) if e.id == event.id), len(same))
    what = {"record_session": "调解", "record_investigation": "调查",
            "record_undisputed_facts": "无争议事实确认"}[method]
    print(f"已记录：{case.number}第{n}次{what}（{event.occurred_at:%Y-%m-%d %H:%M}），"
          f"记录人{event.actor}")
    return 0


def _confirming(case: Any, args: argparse.Namespace) -> list[str]:
    live = [p for p in case.parties if not p.deleted]
    if args.all_parties:
        return [p.id for p in live]
    ids = []
    for name in args.confirmed_by:
        found = [p.id for p in live if p.name == name.strip()]
        if not found:
            raise ValidationError({"confirming_party_ids": [
                f"案件{case.number}没有名为“{name}”的当事人"
                f"（本案当事人：{'、'.join(p.name for p in live)}）"]})
        ids += found
    return ids


def run_session(args: argparse.Namespace) -> int:
    """Record a mediation session and its result."""
    return _record(args, "record_session", notes=_read_text(args, "notes"),
                   result=_read_text(args, "result"), place=args.place,
                   participants=args.participants)


def run_investigation(args: argparse.Namespace) -> int:
    """Record an investigation."""
    return _record(args, "record_investigation", notes=_read_text(args, "notes"),
                   place=args.place, participants=args.participants)


def run_undisputed_facts(args: argparse.Namespace) -> int:
    """Record the undisputed facts every party confirmed."""
    return _record(args, "record_undisputed_facts", facts=_read_text(args, "facts"),
                   place=args.place)
