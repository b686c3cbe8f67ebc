"""One set of rules for every record, however it arrives (form, ``add --json``, import).

* **Text** (every text field): normalised to NFC; no C0/C1 control characters (only the
  multi-line fields, :data:`MULTILINE`, may hold ``\\n`` and ``\\t``), no bidi embeddings,
  overrides, isolates or marks, no zero-width characters, no line/paragraph separators,
  no lone surrogates. Rare characters (CJK Extension B such as 𠮷) are fine.
* **Lengths**: :data:`MAX_LEN`, one table per entity and field (docs/case-input.md).
* **Phones** on records: digits, spaces, ``+ - ( )`` and an extension, 5–20 characters
  (the forms are stricter: :func:`validators.validate_phone`).
* **Amounts**: integer fen, 0 to :data:`MAX_AMOUNT_FEN`.
* **Dates**: real, from 1949-10-01 (birth dates 1850-01-01) to five years after today.
* **Case status**: the dates, end reason and mediators each status implies
  (:func:`case_state_problem`, derived from the state machine and the services that move
  a case through it).

Checks here work on the wire form of a record (``codec.to_dict``: ISO dates, enum ids,
fen) so the import verifier can run them on parsed JSON without building objects; they
return ``(field, message)`` or raise :class:`InvalidValue` with a Chinese message.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from operator import itemgetter
from typing import Any

from .errors import ValidationError
from .formatting import MAX_AMOUNT
from .models import MAX_ATTACHMENT_BYTES
from .validators import InvalidValue

# ------------------------------------------------------------------------------ text

# Forbidden everywhere; the multi-line fields additionally allow \t and \n.
_FORBIDDEN = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but \t \n), DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u200b-\u200d\u2060\ufeff"  # zero-width space / non-joiner / joiner, word joiner, BOM
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates (JSON \\ud800 escapes)
)
BAD_MULTILINE = re.compile(f"[{_FORBIDDEN}]")
BAD_LINE = re.compile(f"[\t\n{_FORBIDDEN}]")

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def char_problem(ch: str) -> str:
    """The Chinese message for a forbidden character ``ch``."""
    code = f"U+{ord(ch):04X}"
    if ch in "\n\t":
        return "不能含有换行符或制表符" if ch == "\n" else "不能含有制表符"
    if ch in _BIDI:
        return f"含有改变文字方向的隐藏字符（{code}）"
    if ch in _ZERO_WIDTH:
        return f"含有零宽度的隐藏字符（{code}）"
    if "\ud800" <= ch <= "\udfff":
        return f"含有无效的字符编码（{code}）"
    if ch == "\x1b":
        return f"含有控制字符（{code}，终端转义序列）"
    if ch in "\u2028\u2029":
        return f"含有分行符（{code}）"
    return f"含有控制字符（{code}）"


def text_problem(value: str, max_len: int, *, multiline: bool = False) -> str | None:
    """Why ``value`` (as stored: already normalised) breaks the text rule, or None."""
    bad = (BAD_MULTILINE if multiline else BAD_LINE).search(value)
    if bad:
        return char_problem(bad.group())
    if len(value) > max_len:
        return f"不能超过{max_len:,}个字（现有{len(value):,}个字）"
    if not unicodedata.is_normalized("NFC", value):
        return "文字不是NFC规范形式"
    return None


def clean_text(value: str, max_len: int, *, multiline: bool = False) -> str:
    """Input text in stored form: NFC, ``\\r\\n`` as ``\\n``, stripped; raise InvalidValue."""
    text = unicodedata.normalize("NFC", value)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    problem = text_problem(text, max_len, multiline=multiline)
    if problem:
        raise InvalidValue(problem)
    return text


# ----------------------------------------------------------------------- length table

NAME = 100  # a person's or an organisation's name
PERSON = 50  # a mediator's name, a recorded actor
LONG = 20_000  # facts and records of sessions: the longest texts the desk keeps
COURT_NUMBER = 60

MAX_LEN: dict[str, dict[str, int]] = {
    "_record": {"id": 36, "origin": 32, "updated_at": 40},
    "centers": {"code": 32, "name": NAME, "number_prefix": 10, "linked_court": NAME,
                "court_code": 20},
    "mediators": {"center_id": 36, "name": PERSON, "phone": 20, "villages": 50,
                  "relations.person_name": NAME, "relations.id_number": 18,
                  "relations.note": 200},
    "cases": {"center_id": 36, "number": COURT_NUMBER, "title": 100, "facts": LONG,
              "claims": 5_000, "mediator_ids": 36, "court_case_number": COURT_NUMBER,
              "filing_number": COURT_NUMBER, "jc_ruling": COURT_NUMBER, "end_note": 2_000},
    "parties": {"case_id": 36, "name": NAME, "ethnicity": 20, "id_number": 18,
                "credit_code": 18, "legal_representative": PERSON, "occupation": 50,
                "phone": 20, "address": 300, "village": 50, "agent_name": NAME,
                "agent_phone": 20, "agent_id_number": 18, "agent_relation": 50},
    "events": {"case_id": 36, "actor": PERSON, "place": 200, "participants": 1_000,
               "notes": LONG, "data": LONG},
    "agreements": {"case_id": 36, "facts": LONG, "clauses": 5_000,
                   "performance_method": 500, "performance_place": 200},
    "attachments": {"case_id": 36, "name": 255, "media_type": 100, "sha256": 64,
                    "added_at": 40},
    "holiday_notices": {"title": 200, "note": 2_000, "spans.name": 40},
    "documents": {"case_id": 36, "kind": 40, "created_at": 40, "sha256": 64,
                  "verification_code": 11, "actor": NAME, "center_id": 36, "content_hash": 64},
}
"""entity -> field -> the most characters it may hold (``a.b``: field b of list items a).

For a list of texts (clauses, villages, mediator_ids) the limit is per item."""

MULTILINE: dict[str, frozenset[str]] = {
    "cases": frozenset({"facts", "claims", "end_note"}),
    "events": frozenset({"notes", "data"}),
    "agreements": frozenset({"facts", "clauses", "performance_method"}),
    "holiday_notices": frozenset({"note"}),
}
"""The fields that may hold line breaks and tabs."""

MAX_ITEMS: dict[str, int] = {"clauses": 100, "villages": 200, "mediator_ids": 20,
                             "relations": 100, "specialties": 20, "flags": 20, "spans": 100}
"""The most items a list field may hold."""


def max_len(entity: str, field: str) -> int:
    """The length limit of ``entity.field`` (record fields fall back to the shared ones)."""
    return MAX_LEN[entity].get(field) or MAX_LEN["_record"][field]


def is_multiline(entity: str, field: str) -> bool:
    """Whether ``entity.field`` may hold line breaks."""
    return field in MULTILINE.get(entity, ())


def check_text(entity: str, field: str, value: str) -> str:
    """Input for ``entity.field`` cleaned (NFC, stripped) or InvalidValue."""
    return clean_text(value, max_len(entity, field), multiline=is_multiline(entity, field))


def clean_input(entity: str, values: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """Form input cleaned by :func:`check_text`: ``{path: (field, value)}`` -> ``{path: text}``.

    Raises :class:`ValidationError` naming every path that breaks the text rule.
    """
    out: dict[str, str] = {}
    problems: dict[str, list[str]] = {}
    for path, (field, value) in values.items():
        try:
            out[path] = check_text(entity, field, value)
        except InvalidValue as exc:
            problems[path] = [exc.message]
    if problems:
        raise ValidationError(problems)
    return out


# ---------------------------------------------------------------------------- phones

_PHONE = re.compile(r"\+?[0-9 ()\-]+(?:(?:转|分机|ext\.?|x|#) ?[0-9]{1,6})?", re.IGNORECASE)


def phone_problem(value: str) -> str | None:
    """Why a stored phone number is not one (None if it is, or when empty)."""
    if not value:
        return None
    if not 5 <= len(value) <= 20:
        return f"联系电话应为5到20个字符，当前为{len(value)}个"
    if not _PHONE.fullmatch(value) or sum(c.isdigit() for c in value) < 5:
        return "联系电话只能包含数字、空格、+、-、括号和分机号"
    return None


# ---------------------------------------------------------------------------- amounts

MAX_AMOUNT_FEN = int(MAX_AMOUNT * 100) - 1  # below 1 万亿 yuan, as the forms' parse_amount


def amount_problem(fen: int | None) -> str | None:
    """Why an amount in fen is out of range (None if fine or absent)."""
    if fen is None:
        return None
    if fen < 0:
        return "金额不能为负数"
    if fen > MAX_AMOUNT_FEN:
        return "金额过大（应小于1万亿元）"
    return None


# ------------------------------------------------------------------------------ dates

FIRST_DATE = date(1949, 10, 1)
FIRST_BIRTH_DATE = date(1850, 1, 1)
YEARS_AHEAD = 5


def last_date(today: date) -> date:
    """The latest date any record may carry: five years after ``today``."""
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


@functools.cache
def _bounds(today: date) -> tuple[str, str, str]:
    """(first date, first birth date, last date) as ISO text, for ``today``."""
    return FIRST_DATE.isoformat(), FIRST_BIRTH_DATE.isoformat(), last_date(today).isoformat()


def date_problem(value: date | str | None, today: date, *, birth: bool = False) -> str | None:
    """Why a date (or its ISO text, or a datetime's) is outside the sane range (None if fine)."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, date) else value[:10]
    first, first_birth, last = _bounds(today)
    if birth:
        first = first_birth
    if first <= text <= last:
        return None
    if text < first:
        return f"日期{text}早于{first[:4]}年{int(first[5:7])}月{int(first[8:])}日"
    return f"日期{text}晚于{YEARS_AHEAD}年后（{last}）"


# ------------------------------------------------------------------------- counters

MAX_DAYS = 3650  # suspended_days, extended_days: ten years
MAX_POSITION = 1000
MAX_SERIAL = 10_000_000  # either sign: a court's unnumbered referrals count 0, -1, ...


def count_problem(value: int, high: int) -> str | None:
    """Why a counter is outside 0..high."""
    if value < 0:
        return "不能为负数"
    if value > high:
        return f"不能大于{high}"
    return None


# ------------------------------------------------------------------- case status rules

_OPEN = frozenset({"registered", "accepted", "mediating", "suspended"})
_NOT_ACCEPTED = frozenset({"registered", "not_accepted"})
_AGREEMENT = frozenset({"agreed", "jc_applied", "jc_confirmed", "jc_rejected", "jc_withdrawn",
                        "performed", "not_performed", "enforcement_applied"})
_JC = frozenset({"jc_applied", "jc_confirmed", "jc_rejected", "jc_withdrawn"})
_ENDED_BY_TERMINATION = frozenset({"terminated", "handed_to_filing", "filed"})
_WITH_MEDIATOR = _AGREEMENT | {"mediating", "suspended", "litigation"}


def case_state_problem(rec: Mapping[str, Any]) -> tuple[str, str] | None:
    """The first (field, message) where a case's fields contradict its status (wire form).

    Derived from the services that move a case (REFERENCE §3.6): acceptance sets
    ``accepted_on``; suspension sets ``suspended_since`` and resumption or termination
    clears it; not accepting, the agreement and termination set ``closed_on`` and
    re-mediation clears it; termination sets ``end_reason`` (never "agreement reached"),
    a full agreement sets it to "agreement reached"; applying for confirmation sets
    ``jc_applied_on`` (kept after re-mediation); a confirmed ruling and a filing carry
    their numbers; every status from mediating on needs a mediator, except those a case
    reaches by termination, which may happen before assignment.
    """
    status = rec["status"]
    received, accepted = rec["received_on"], rec["accepted_on"]
    closed, applied = rec["closed_on"], rec["jc_applied_on"]
    reason = rec["end_reason"]
    if status in _NOT_ACCEPTED:
        if accepted is not None:
            return "accepted_on", "未受理的案件不应有受理日期"
    elif accepted is None and status != "archived":  # archived may have been not accepted
        return "accepted_on", "该状态的案件必须有受理日期"
    if (rec["suspended_since"] is None) == (status == "suspended"):
        return ("suspended_since", "中止中的案件必须有中止日期" if status == "suspended"
                else "只有中止中的案件才有中止日期")
    if (closed is None) != (status in _OPEN):
        return ("closed_on", "进行中的案件不应有结案日期" if status in _OPEN
                else "该状态的案件必须有结案日期")
    if status in _OPEN or status == "not_accepted":
        if reason is not None:
            return "end_reason", "未终止的案件不应有终止原因"
    elif status in _ENDED_BY_TERMINATION:
        if reason is None or reason == "agreement_reached":
            return "end_reason", "终止调解的案件必须有终止原因（不能是“达成协议”）"
    elif status in _AGREEMENT and reason not in (None, "agreement_reached"):
        return "end_reason", "达成协议的案件的终止原因只能是“达成协议”"
    if status in _JC or status == "enforcement_applied":
        if applied is None:
            return "jc_applied_on", "申请司法确认后的案件必须有申请日期"
    elif applied is not None and status in ("registered", "accepted", "not_accepted"):
        return "jc_applied_on", "尚未调解的案件不应有司法确认申请日期"
    if status == "jc_confirmed" and not rec["jc_ruling"]:
        return "jc_ruling", "司法确认有效的案件必须有裁定案号"
    if status == "filed" and not rec["filing_number"]:
        return "filing_number", "法院已立案的案件必须有立案案号"
    if status in _WITH_MEDIATOR and not rec["mediator_ids"]:
        return "mediator_ids", "调解中及之后的案件必须有调解员"
    # the order of the dates (ISO text compares as dates)
    if accepted is not None and accepted < received:
        return "accepted_on", "受理日期不能早于收案日期"
    if closed is not None and closed < received:
        return "closed_on", "结案日期不能早于收案日期"
    # a termination is not before the acceptance; an agreement's date may be (mediated on
    # the spot, the case accepted on paper the day after: the agreement form allows it)
    if (closed is not None and accepted is not None and closed < accepted
            and status in _ENDED_BY_TERMINATION):
        return "closed_on", "终止调解的日期不能早于受理日期"
    since = rec["suspended_since"]
    if since is not None and accepted is not None and since < accepted:
        return "suspended_since", "中止日期不能早于受理日期"
    if applied is not None and (applied < received or (
            status in _JC and closed is not None and applied < closed)):
        return "jc_applied_on", "申请司法确认的日期不能早于调解协议的日期"
    return None


_CASE_DATE_KEYS = ("received_on", "accepted_on", "due_on", "base_due_on", "suspended_since",
                   "jc_due_on", "jc_applied_on", "closed_on", "follow_up_due_on")
_CASE_DATES = itemgetter(*_CASE_DATE_KEYS)


def case_problem(rec: Mapping[str, Any], today: date) -> tuple[str, str] | None:
    """Every rule on a case in wire form: amount, dates, counters, then the status rules."""
    problem = amount_problem(rec["amount_fen"])
    if problem:
        return "amount_fen", problem
    dates = [v for v in _CASE_DATES(rec) if v is not None]
    first, _birth, last = _bounds(today)
    if min(dates) < first or max(dates) > last:  # received_on is always there
        for key in _CASE_DATE_KEYS:
            problem = date_problem(rec[key], today)
            if problem:
                return key, problem
    if not (0 <= rec["suspended_days"] <= MAX_DAYS and 0 <= rec["extended_days"] <= MAX_DAYS
            and -MAX_SERIAL <= rec["serial"] <= MAX_SERIAL):
        for key, high in (("suspended_days", MAX_DAYS), ("extended_days", MAX_DAYS)):
            problem = count_problem(rec[key], high)
            if problem:
                return key, problem
        return "serial", "序号无效"
    year = rec["year"]
    if year != 0 and not FIRST_DATE.year <= year <= last_date(today).year:
        return "year", f"年度{year}无效"
    return case_state_problem(rec)


def agreement_problem(rec: Mapping[str, Any], today: date) -> tuple[str, str] | None:
    """An agreement in wire form: amount, dates and their order."""
    problem = amount_problem(rec["amount_fen"])
    if problem:
        return "amount_fen", problem
    for key in ("performance_deadline", "signed_on", "effective_on"):
        problem = date_problem(rec[key], today)
        if problem:
            return key, problem
    effective, deadline = rec["effective_on"], rec["performance_deadline"]
    if effective is not None and deadline is not None and deadline < effective:
        return "performance_deadline", "履行期限不能早于协议生效日期"
    return None


_FILE_NAME_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')


def attachment_name_problem(name: str) -> str | None:
    """Why an attachment's name is not a plain file name (the text rule applies as well)."""
    if not name.strip():
        return "附件名称为空"
    if _FILE_NAME_FORBIDDEN.search(name) or name.strip(" .") == "":
        return "附件名称不能含有路径或 \\ / : * ? \" < > | 等字符"
    return None


def attachment_problem(rec: Mapping[str, Any]) -> tuple[str, str] | None:
    """An attachment in wire form: its name, hash and size."""
    problem = attachment_name_problem(rec["name"])
    if problem:
        return "name", problem
    if not re.fullmatch(r"[0-9a-f]{64}", rec["sha256"]):
        return "sha256", "附件校验值无效"
    if count_problem(rec["size"], MAX_ATTACHMENT_BYTES):
        return "size", f"附件大小应在0到{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB之间"
    return None
