"""A paper whose characters no installed face can draw is refused, naming them.

A court paper must not print 𠮷祥 as ``[U+20BB7]祥``: the name would be another
name. :func:`refuse_unprintable` takes the characters a rendering reported as
missing and raises a :class:`DomainError` that names each one, the fields of the
case that hold it (当事人姓名, 纠纷事实, ...) and the font to install.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..domain.enums import EventKind
from ..domain.errors import DomainError
from .data import CaseBundle
from .fonts import RARE_HINT

_EVENT_FIELDS = {EventKind.SESSION: "调解记录", EventKind.INVESTIGATION: "调查记录",
                 EventKind.FOLLOW_UP: "回访记录", EventKind.UNDISPUTED_FACTS: "无争议事实"}
_SHOWN = 12  # characters named in one message; the rest are counted


def case_fields(bundle: CaseBundle) -> Iterator[tuple[str, str]]:
    """``(Chinese field name, text)`` for every text of the bundle a paper may print."""
    if bundle.center is not None:
        yield "调解组织名称", bundle.center.name
        yield "法院名称", bundle.center.linked_court
    for m in bundle.mediators:
        yield "调解员姓名", m.name
    case = bundle.case
    if case is None:
        return
    for p in bundle.parties:
        yield "当事人姓名", p.name
        yield "当事人住所", p.address
        yield "当事人民族", p.ethnicity
        yield "当事人职业", p.occupation
        yield "法定代表人", p.legal_representative
        yield "代理人姓名", p.agent_name
        yield "代理人与当事人的关系", p.agent_relation
    yield "案件名称", case.title
    yield "纠纷事实", case.facts
    yield "申请事项", case.claims
    yield "法院案号", case.court_case_number
    yield "终止情况说明", case.end_note
    for e in bundle.events:
        if not e.deleted:
            what = _EVENT_FIELDS.get(e.kind, f"{e.kind.label}记录")
            yield what, e.notes
            yield f"{what}的地点", e.place
            yield f"{what}的参加人员", e.participants
            yield f"{what}的记录人", e.actor
    for a in bundle.agreements or ([bundle.agreement] if bundle.agreement else []):
        yield "协议的纠纷事实", a.facts
        for clause in a.clauses:
            yield "协议条款", clause
        yield "履行方式", a.performance_method
        yield "履行地点", a.performance_place
    for att, _ in bundle.attachments:
        yield "附件名称", att.name


def unprintable_message(missing: Iterable[str], bundle: CaseBundle) -> str:
    """The Chinese refusal naming each character, where it is, and what to install."""
    chars = list(dict.fromkeys(missing))
    fields = list(case_fields(bundle))
    parts = []
    for ch in chars[:_SHOWN]:
        where = "、".join(dict.fromkeys(name for name, text in fields if ch in text)) or "文书"
        parts.append(f"{where}中的“{ch}”（U+{ord(ch):04X}）")
    more = f"等{len(chars)}个字符" if len(chars) > _SHOWN else ""
    return (f"{'，'.join(parts)}{more}无法用已安装的字体打印，文书未生成。"
            f"{RARE_HINT}后重试。")


def refuse_unprintable(missing: Iterable[str], bundle: CaseBundle) -> None:
    """Raise DomainError (code ``unprintable_characters``) when ``missing`` is not empty."""
    chars = tuple(missing)
    if chars:
        raise DomainError(unprintable_message(chars, bundle), code="unprintable_characters")
