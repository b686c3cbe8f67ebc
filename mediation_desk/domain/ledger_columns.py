"""The columns of a 台账 (case ledger) and how a sheet's Chinese headers map onto them.

The standard layout (docs/ledger.md) is :data:`STANDARD`, in order; :data:`OPTIONAL` are
columns an export may add and an import understands. An import guesses each header's field
with :func:`guess_field` (exact names first, then the words offices use: 编号/案件编号,
受理日期/登记日期, 申请人/被申请人, 金额（元）...); the person can change every guess (the
GUI's mapping table, ``--map 列名=字段`` on the command line). No Qt, no SQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int  # characters (a Chinese character counts two)


STANDARD: tuple[Column, ...] = (
    Column("seq", "序号", 5), Column("number", "案号", 20), Column("received_on", "收案日期", 11),
    Column("source", "来源", 9), Column("dispute_type", "纠纷类型", 12),
    Column("parties", "当事人", 30), Column("amount", "争议金额", 11),
    Column("mediators", "调解员", 9), Column("status", "状态", 10),
    Column("due_on", "期限", 11), Column("outcome", "结果", 16),
    Column("agreement_amount", "协议金额", 11), Column("jc", "是否司法确认", 8),
    Column("follow_up", "回访", 16),
)
"""The standard ledger layout, in its order."""

OPTIONAL: tuple[Column, ...] = (
    Column("court_case_number", "法院案号", 20), Column("title", "案由", 16),
    Column("facts", "简要案情", 30),
)
"""Columns an export may add (after the standard ones) and an import reads."""

IMPORT_ONLY: tuple[Column, ...] = (
    Column("applicants", "申请人", 16), Column("respondents", "被申请人", 16),
)
"""Columns only an import reads (a ledger with one column per side)."""

COLUMNS = {c.key: c for c in (*STANDARD, *OPTIONAL, *IMPORT_ONLY)}
"""Every field a column can map to, by key."""

IGNORE = ""
"""The field of a column the import leaves out."""

DEFAULT_EXPORT = (*(c.key for c in STANDARD), "court_case_number")
"""What an export writes unless told: the standard layout, then 法院案号 (without it a
court-referred case could not be imported again: its 法院案号 is required)."""

# header words -> field; checked after the exact titles, longest first
SYNONYMS: dict[str, str] = {
    "序号": "seq", "编号": "number", "案件编号": "number", "案号": "number",
    "调解案号": "number", "卷宗号": "number", "登记编号": "number",
    "收案日期": "received_on", "受理日期": "received_on", "登记日期": "received_on",
    "收案时间": "received_on", "受理时间": "received_on", "登记时间": "received_on",
    "日期": "received_on",
    "来源": "source", "案件来源": "source", "纠纷来源": "source", "受理方式": "source",
    "纠纷类型": "dispute_type", "纠纷类别": "dispute_type", "案件类型": "dispute_type",
    "类型": "dispute_type", "类别": "dispute_type",
    "当事人": "parties", "当事人姓名": "parties", "双方当事人": "parties",
    "申请人": "applicants", "申请人姓名": "applicants", "申请方": "applicants",
    "被申请人": "respondents", "被申请人姓名": "respondents", "被申请方": "respondents",
    "争议金额": "amount", "涉案金额": "amount", "标的额": "amount", "金额": "amount",
    "争议标的": "amount", "标的金额": "amount",
    "调解员": "mediators", "承办调解员": "mediators", "承办人": "mediators",
    "主持人": "mediators", "调解人员": "mediators",
    "状态": "status", "办理状态": "status", "案件状态": "status", "进展": "status",
    "期限": "due_on", "调解期限": "due_on", "办结期限": "due_on", "到期日": "due_on",
    "结果": "outcome", "调解结果": "outcome", "处理结果": "outcome", "办理结果": "outcome",
    "协议金额": "agreement_amount", "协议涉及金额": "agreement_amount",
    "履行金额": "agreement_amount",
    "是否司法确认": "jc", "司法确认": "jc", "司法确认情况": "jc",
    "回访": "follow_up", "回访情况": "follow_up", "回访记录": "follow_up",
    "法院案号": "court_case_number", "诉前调解案号": "court_case_number",
    "案由": "title", "纠纷名称": "title", "案件名称": "title",
    "简要案情": "facts", "案情": "facts", "纠纷简要情况": "facts", "案情摘要": "facts",
    "纠纷事实": "facts", "主要事实": "facts", "简要情况": "facts",
}

_UNIT = re.compile(r"[（(][^（）()]*[）)]$")  # 金额（元）, 争议金额(万元)


def normal_header(text: object) -> str:
    """A header as compared: NFKC, no spaces or line breaks, no trailing unit in brackets."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text))
    s = "".join(s.split())
    return _UNIT.sub("", s)


def header_unit(text: object) -> str:
    """The unit in a header's brackets (``元``, ``万元``), or ''."""
    s = "".join(unicodedata.normalize("NFKC", str(text or "")).split())
    m = _UNIT.search(s)
    return m.group(0)[1:-1] if m else ""


def guess_field(header: object) -> str:
    """The field a header most likely names ('' when none)."""
    h = normal_header(header)
    if not h:
        return IGNORE
    for c in COLUMNS.values():
        if h == c.title:
            return c.key
    if h in SYNONYMS:
        return SYNONYMS[h]
    for word in sorted(SYNONYMS, key=len, reverse=True):
        if len(word) >= 2 and word in h and word != "日期":
            return SYNONYMS[word]
    return IGNORE


def guess_mapping(headers: Sequence[object]) -> list[str]:
    """The field of each header, each field used once (the first header naming it wins)."""
    taken: set[str] = set()
    out = []
    for h in headers:
        field = guess_field(h)
        if field and field in taken:
            field = IGNORE
        if field:
            taken.add(field)
        out.append(field)
    return out


def header_score(cells: Sequence[object]) -> int:
    """How much a row looks like a ledger's header: the fields its cells name."""
    return len({f for f in (guess_field(c) for c in cells) if f and f != "seq"})


def field_of(name: str) -> str:
    """A field given by its key or its Chinese title (``--map 编号=案号``); ValueError."""
    name = name.strip()
    if name in ("", "忽略", "ignore", "-"):
        return IGNORE
    if name in COLUMNS:
        return name
    for c in COLUMNS.values():
        if c.title == name:
            return c.key
    if name in SYNONYMS:
        return SYNONYMS[name]
    choices = "、".join(c.title for c in COLUMNS.values())
    raise ValueError(f"没有这个字段：“{name}”（可选：{choices}、忽略）")
