"""The correction verb: ``correct`` (更正调解记录、补充协议、更正说明), the GUI's rules.

``mediation-desk correct --db DB --case CASE --session N --reason TEXT --notes TEXT``
replaces session record N (第N次调解, or its UUID) by a corrected version while the
mediation goes on; the old one is kept. ``--note TEXT`` instead adds a 更正说明 and leaves the
record as it is (the only way once it is final). ``--agreement`` names the case's agreement,
which is never edited once in effect: ``--clause TEXT`` (repeated) with ``--signed-on DATE``
adds a 补充协议, ``--note TEXT`` a 更正说明. A refusal says why and what may be added instead.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ..domain import corrections as rules
from ..domain.enums import EventKind
from ..domain.errors import DomainError, ValidationError
from .login import actor, add_db, open_desk
from .record import _at, _read_text

FIELDS = {"reason": "更正原因（--reason）", "notes": "记录内容（--notes）",
          "result": "调解结果（--result）", "place": "地点（--place）",
          "participants": "参加人（--participants）", "occurred_at": "时间（--at）",
          "text": "更正内容（--note）", "clauses": "补充条款（--clause）",
          "signed_on": "签订日期（--signed-on）"}
"""The services' problem paths, as this command line names the options."""


def add_correct_command(sub: Any) -> None:
    """Register ``correct``."""
    p = sub.add_parser("correct", help="更正调解记录（生效前出新版本并注明原因）；"
                                       "协议生效后只能签订补充协议或添加更正说明")
    add_db(p)
    p.add_argument("--case", required=True, help="案件编号、法院案号或 UUID")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", metavar="N", help="第N次调解的调解记录（或记录的 UUID）")
    which.add_argument("--agreement", action="store_true", help="本案的调解协议")
    p.add_argument("--reason", required=True, help="更正原因")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--notes", help="更正后的记录内容（出新版本，仅调解记录定稿前）")
    what.add_argument("--notes-file", metavar="FILE", help="更正后的记录内容（UTF-8 文本文件）")
    what.add_argument("--note", help="更正说明：原记载内容和更正后的内容（记录本身不变）")
    what.add_argument("--clause", action="append", metavar="TEXT",
                      help="补充协议的一项条款（可重复；仅调解协议）")
    p.add_argument("--result", default=None, help="更正后的调解结果（默认沿用原记录）")
    p.add_argument("--place", default=None, help="更正后的地点（默认沿用原记录）")
    p.add_argument("--participants", default=None, help="更正后的参加人（默认沿用原记录）")
    p.add_argument("--at", help="更正后的时间 YYYY-MM-DD HH:MM（默认沿用原记录）")
    p.add_argument("--signed-on", help="补充协议签订（生效）日期 YYYY-MM-DD（默认今天）")
    p.set_defaults(func=run_correct)


def _named(exc: ValidationError) -> ValidationError:
    return ValidationError({FIELDS.get(k, k): v for k, v in exc.problems.items()})


def _signed_on(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError({"signed_on": [f"日期格式应为 YYYY-MM-DD，收到“{value}”"]}) from None


def _session_id(svc: Any, case_id: str, which: str) -> tuple[str, int]:
    """The id and number of the session record ``which`` (its 第N次 number or UUID)."""
    current = [e for e in rules.current_events(svc.events(case_id))
               if e.kind is EventKind.SESSION]
    every = [e for e in svc.events(case_id) if e.kind is EventKind.SESSION]
    text = which.strip()
    if text.isdigit():
        n = int(text)
        if not 1 <= n <= len(current):
            raise DomainError(f"本案有{len(current)}次调解的调解记录，没有第{n}次。",
                              code="not_found")
        return current[n - 1].id, n
    found = next((e for e in every if e.id == text), None)
    if found is None:
        raise DomainError(f"本案没有这份调解记录：{text}", code="not_found")
    n = next((i for i, e in enumerate(current, 1) if e.id == found.id), 0)
    return found.id, n


def run_correct(args: argparse.Namespace) -> int:
    from ..services.cases import CaseService

    try:
        when = _at(args.at)
        signed_on = _signed_on(args.signed_on)
        store = open_desk(args)
        try:
            svc = CaseService(store)
            case = svc.get(args.case)
            who = actor(store)
            if args.agreement:
                agreement = svc.agreement(case.id)
                if agreement is None:
                    raise DomainError(f"案件{case.number}尚未登记调解协议。", code="no_agreement")
                record_id = agreement.id
            else:
                record_id, n = _session_id(svc, case.id, args.session)
            if args.note is not None:
                svc.add_correction_note(who, case.id, record_id, reason=args.reason,
                                        text=args.note)
                print(f"已添加更正说明：{case.number}"
                      f"{'调解协议' if args.agreement else f'第{n}次调解的调解记录'}，"
                      "原记录不变（打印：document --kind correction_note）")
                return 0
            if args.clause is not None:
                if not args.agreement:
                    raise DomainError("补充协议只能针对调解协议（--agreement）。",
                                      code="usage")
                svc.add_supplementary_agreement(who, case.id, record_id, reason=args.reason,
                                                clauses=args.clause, signed_on=signed_on)
                print(f"已添加补充协议：{case.number}，{len(args.clause)}项条款"
                      "（打印：document --kind supplementary_agreement，由各方签名盖章）")
                return 0
            if args.agreement:
                state = svc.correctable(case.id, record_id)
                raise DomainError(state.refusal, code="record_final")
            new = svc.correct_session(
                who, case.id, record_id, reason=args.reason, notes=_read_text(args, "notes"),
                place=args.place, participants=args.participants, result=args.result,
                occurred_at=when)
        finally:
            store.close()
    except ValidationError as exc:
        raise _named(exc) from None
    print(f"已更正：{case.number}第{n}次调解的调解记录为第{new.data['version']}版，"
          f"原记录保留（原因：{args.reason.strip()}）")
    return 0
