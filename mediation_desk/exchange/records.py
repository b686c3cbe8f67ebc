"""Records as they travel in bundles, and their strict validation.

Each entity is one JSON Lines member (``records/<entity>.jsonl``) holding
``codec.to_dict`` of the domain record: exactly the listed fields, each of the
declared JSON type. Values are then checked by the same rules as the forms and
``add --json`` (:mod:`..domain.record_rules`: text, lengths, phones, amounts,
dates, the case's status; ID numbers and credit codes) and references must
resolve inside the bundle or the desk's database. One violation rejects the
bundle, naming the entity, the record and the field.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from operator import gt, itemgetter
from typing import Any

from ..domain import codec, models
from ..domain import record_rules as rules
from ..domain.documents import SCHEME_KEYED, SCHEME_UNKEYED, normalize_code
from ..domain.entities import ENTITIES as _ENTITIES
from ..domain.entities import fields_of as _fields_of
from ..domain.validators import (
    InvalidValue,
    check_credit_code,
    id_number_ok,
    validate_id_number,
)
from .cards import CODE_RE, UUID_RE
from .errors import BundleRejected
from .idset import IdSet

ENTITIES = _ENTITIES  # re-exported: the bundle members follow the domain's entity list
REFERENCES: dict[str, list[tuple[str, str]]] = {
    "mediators": [("center_id", "centers")],
    "cases": [("center_id", "centers"), ("mediator_ids", "mediators")],
    "parties": [("case_id", "cases")],
    "events": [("case_id", "cases")],
    "agreements": [("case_id", "cases")],
    "attachments": [("case_id", "cases")],
    "documents": [("case_id", "cases")],
}
MAX_DATA_DEPTH = 8  # nesting of an event's data

fields_of = _fields_of


class _FieldProblem(Exception):
    """Raised inside a checker: the message for the field (or item) that failed."""


def _unwrap(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0], True
    return tp, False


def _text_checker(entity: str, field: str) -> Callable[[Any], bool]:
    limit = rules.max_len(entity, field)
    multiline = rules.is_multiline(entity, field)

    def check(v: Any) -> bool:
        if not isinstance(v, str):
            return False
        problem = rules.text_problem(v, limit, multiline=multiline)
        if problem:
            raise _FieldProblem(problem)
        return True
    return check


def _data_checker(entity: str, field: str) -> Callable[[Any], bool]:
    """Free-form JSON (an event's data): every key and string value follows the text rule."""
    text = _text_checker(entity, field)

    def walk(v: Any, depth: int) -> bool:
        if depth > MAX_DATA_DEPTH:
            raise _FieldProblem("嵌套过深")
        if isinstance(v, str):
            return text(v)
        if isinstance(v, dict):
            return all(text(k) and walk(x, depth + 1) for k, x in v.items())
        if isinstance(v, list):
            return all(walk(x, depth + 1) for x in v)
        return v is None or type(v) in (int, float, bool)
    return lambda v: isinstance(v, dict) and (not v or walk(v, 0))


def _checker(tp: Any, entity: str, field: str) -> Callable[[Any], bool]:
    tp, optional = _unwrap(tp)
    origin = typing.get_origin(tp)
    base: Callable[[Any], bool]
    if origin in (list, set):
        inner = _checker(typing.get_args(tp)[0], entity, field)
        most = rules.MAX_ITEMS.get(field, 1000)
        base = lambda v: isinstance(v, list) and len(v) <= most and all(map(inner, v))  # noqa: E731
    elif tp is dict or origin is dict:
        base = _data_checker(entity, field)
    elif dataclasses.is_dataclass(tp):  # DeclaredRelation, HolidaySpan
        hints = typing.get_type_hints(tp, vars(models))
        names = {f.name: _checker(hints[f.name], entity, f"{field}.{f.name}")
                 for f in dataclasses.fields(tp)}
        base = lambda v: (isinstance(v, dict) and set(v) == set(names)  # noqa: E731
                          and all(names[k](x) for k, x in v.items()))
    elif isinstance(tp, type) and issubclass(tp, Enum):
        values = {m.value for m in tp}
        base = lambda v: isinstance(v, str) and v in values  # noqa: E731
    elif tp is datetime:
        base = lambda v: isinstance(v, str) and _parses(datetime.fromisoformat, v)  # noqa: E731
    elif tp is date:
        base = lambda v: isinstance(v, str) and len(v) == 10 and _parses(date.fromisoformat, v)  # noqa: E731
    elif tp is Decimal or tp is int:
        base = lambda v: type(v) is int  # noqa: E731
    elif tp is bool:
        base = lambda v: type(v) is bool  # noqa: E731
    elif tp is str:
        base = _text_checker(entity, field)
    else:
        raise TypeError(tp)
    if optional:
        return lambda v: v is None or base(v)
    return base


def _parses(fn: Callable[[str], Any], value: str) -> bool:
    try:
        fn(value)
    except ValueError:
        return False
    return True


def _hints(entity: str) -> tuple[list[dataclasses.Field[Any]], dict[str, Any]]:
    cls, exclude = ENTITIES[entity]
    hints = typing.get_type_hints(cls, vars(models))
    return [f for f in dataclasses.fields(cls) if f.name not in exclude], hints


def _build_checkers() -> dict[str, dict[str, Callable[[Any], bool]]]:
    out = {}
    for entity in ENTITIES:
        fields, hints = _hints(entity)
        out[entity] = {codec.column_name(f.name, hints[f.name]):
                       _checker(hints[f.name], entity, f.name) for f in fields}
    return out


_CHECKERS = _build_checkers()
_FIELDSETS = {e: frozenset(c) for e, c in _CHECKERS.items()}


def _exact_fields(entity: str, tp: type) -> tuple[str, ...]:
    fields, hints = _hints(entity)
    return tuple(f.name for f in fields if hints[f.name] is tp)


def _tuple_getter(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function returning the values of ``keys`` as a tuple (C itemgetter when 2+ keys)."""
    if len(keys) >= 2:
        return itemgetter(*keys)
    if keys:
        one = itemgetter(keys[0])
        return lambda rec: (one(rec),)
    return lambda rec: ()


def _joined_getter(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], str]:
    """A function returning the values of ``keys`` joined by spaces (for one search)."""
    if len(keys) >= 2:
        values = itemgetter(*keys)
        return lambda rec: " ".join(values(rec))
    if keys:
        return itemgetter(keys[0])
    return lambda rec: ""


# Plain text fields are checked inline, a record at a time in C builtins (a call per value
# was the verifier's largest cost): the type set, the lengths against the table, one
# search for forbidden characters over the single-line fields and one over the
# multi-line ones, one NFC check; only a failing record goes field by field.
_TEXT = {e: _exact_fields(e, str) for e in ENTITIES}
_TEXT_VALUES = {e: _tuple_getter(k) for e, k in _TEXT.items()}
_MAXES = {e: tuple(rules.max_len(e, k) for k in keys) for e, keys in _TEXT.items()}
_LINE_VALUES = {e: _joined_getter(tuple(k for k in keys if not rules.is_multiline(e, k)))
                for e, keys in _TEXT.items()}
_MULTI_VALUES = {e: _joined_getter(tuple(k for k in keys if rules.is_multiline(e, k)))
                 for e, keys in _TEXT.items()}
_STR = {str}
_is_nfc = unicodedata.is_normalized

# Plain int and bool fields likewise: one type set per record (exact types, as
# their checkers); only a failing record goes through the checkers for the message.
_EXACT = {e: tuple((_tuple_getter(k), {tp}) for tp in (int, bool)
                   if (k := _exact_fields(e, tp))) for e in ENTITIES}
_GROUPED = {e: set(_TEXT[e]).union(*(_exact_fields(e, tp) for tp in (int, bool)))
            for e in ENTITIES}
_OTHER = {e: tuple((k, c) for k, c in _CHECKERS[e].items() if k not in _GROUPED[e])
          for e in ENTITIES}
_ALL_OTHER = {e: tuple((k, c) for k, c in _CHECKERS[e].items() if k not in _TEXT[e])
              for e in ENTITIES}


def _notice_problem(rec: dict[str, Any]) -> tuple[str, str] | None:
    """Holiday notices as the calendar service checks them (year, spans inside it)."""
    year = rec["year"]
    if not 2000 <= year <= 2100:
        return "year", "节假日安排的年份无效"
    for span in rec["spans"]:
        start, end = date.fromisoformat(span["start"]), date.fromisoformat(span["end"])
        if end < start or start.year != year or end.year != year or (end - start).days > 31:
            return "spans", "节假日安排的日期段无效"
    return None


def _phone_ok(value: str) -> bool:
    return (value.isascii() and value.isdigit() and 5 <= len(value) <= 20) or (
        rules.phone_problem(value) is None)


def _party_problem(rec: dict[str, Any], today: date) -> tuple[str, str] | None:
    if not rec["name"].strip():
        return "name", "当事人姓名为空"
    try:
        for key in ("id_number", "agent_id_number"):
            if rec[key] and not id_number_ok(rec[key], today=today):
                validate_id_number(rec[key], today=today)  # raises with the precise message
        if rec["credit_code"]:
            key = "credit_code"
            check_credit_code(rec["credit_code"])
    except InvalidValue as exc:
        return key, exc.message
    for key in ("phone", "agent_phone"):
        if rec[key] and not _phone_ok(rec[key]):
            return key, rules.phone_problem(rec[key]) or ""
    if not 0 <= rec["position"] <= rules.MAX_POSITION:
        return "position", rules.count_problem(rec["position"], rules.MAX_POSITION) or ""
    if rec["birth_date"] is not None:
        problem = rules.date_problem(rec["birth_date"], today, birth=True)
        if problem:
            return "birth_date", problem
    return None


def _mediator_problem(rec: dict[str, Any], today: date) -> tuple[str, str] | None:
    if not rec["name"].strip():
        return "name", "调解员姓名为空"
    if rec["phone"] and not _phone_ok(rec["phone"]):
        return "phone", rules.phone_problem(rec["phone"]) or ""
    for relation in rec["relations"]:
        if relation["id_number"] and not id_number_ok(relation["id_number"], today=today):
            return "relations", "关系人的身份证号码无效"
    return None


def _center_problem(rec: dict[str, Any], today: date) -> tuple[str, str] | None:
    if not CODE_RE.match(rec["code"]):
        return "code", "单位代码无效"
    if not rec["name"].strip():
        return "name", "单位名称为空"
    return None


def _event_problem(rec: dict[str, Any], today: date) -> tuple[str, str] | None:
    problem = rules.date_problem(rec["occurred_at"], today)
    return ("occurred_at", problem) if problem else None


_HEX64 = re.compile("[0-9a-f]{64}")
_KIND = re.compile("[a-z][a-z_]{0,39}")
MAX_DOCUMENT_PAGES = 100_000


def _document_problem(rec: dict[str, Any], today: date) -> tuple[str, str] | None:
    """A register row (docs/exchange-format.md §5): hashes, code, kind, time, pages."""
    if not _HEX64.fullmatch(rec["sha256"]):
        return "sha256", "应为 64 位小写十六进制"
    if rec["content_hash"] and not _HEX64.fullmatch(rec["content_hash"]):
        return "content_hash", "应为 64 位小写十六进制"
    if normalize_code(rec["verification_code"]) != rec["verification_code"]:
        return "verification_code", "校验码格式无效"
    if not _KIND.fullmatch(rec["kind"]):
        return "kind", "文书类型无效"
    if not _parses(datetime.fromisoformat, rec["created_at"]):
        return "created_at", "时间无效"
    if rec["center_id"] and not UUID_RE.match(rec["center_id"]):
        return "center_id", "单位编号无效"
    if not 0 <= rec["pages"] <= MAX_DOCUMENT_PAGES:
        return "pages", "页数无效"
    if rec["scheme"] not in (SCHEME_UNKEYED, SCHEME_KEYED):
        return "scheme", "校验码版本无效"
    return None


_ENTITY_PROBLEM: dict[str, Callable[[dict[str, Any], date], tuple[str, str] | None]] = {
    "centers": _center_problem,
    "mediators": _mediator_problem,
    "cases": rules.case_problem,
    "parties": _party_problem,
    "events": _event_problem,
    "agreements": rules.agreement_problem,
    "attachments": lambda rec, _today: rules.attachment_problem(rec),
    "holiday_notices": lambda rec, _today: _notice_problem(rec),
    "documents": _document_problem,
}


def _where(entity: str, n: int, rec: dict[str, Any]) -> str:
    """``cases 1f0…（第3条）``: the record's id when it has a valid one, and its place."""
    rid = rec.get("id")
    if isinstance(rid, str) and UUID_RE.match(rid):
        return f"{entity} {rid}（第{n}条）"
    return f"{entity} 第{n}条"


def _field_rejected(where: str, key: str, message: str = "") -> BundleRejected:
    return BundleRejected("record_invalid", f"{where}：{key} {message or '的值无效'}")


def _text_failure(entity: str, where: str, rec: dict[str, Any]) -> BundleRejected:
    """The first plain text field of a record that failed the grouped checks."""
    for key in _TEXT[entity]:
        value = rec[key]
        if type(value) is not str:
            return _field_rejected(where, key, "应为文字")
        problem = rules.text_problem(value, rules.max_len(entity, key),
                                     multiline=rules.is_multiline(entity, key))
        if problem:
            return _field_rejected(where, key, problem)
    return _field_rejected(where, "?")  # pragma: no cover - the grouped check found one


def validate_records(entity: str, rows: Iterable[Any], *,
                     today: date | None = None, first: int = 1) -> list[dict[str, Any]]:
    """Check parsed JSON rows of ``entity``; return them or raise BundleRejected.

    ``first`` numbers the rows in messages (a batch of a longer member). Ids repeated
    within one call are refused; across batches the caller checks them.
    """
    today = today or date.today()
    others = _OTHER[entity]
    text_values, maxes = _TEXT_VALUES[entity], _MAXES[entity]
    line_values, multi_values = _LINE_VALUES[entity], _MULTI_VALUES[entity]
    bad_line, bad_multi = rules.BAD_LINE.search, rules.BAD_MULTILINE.search
    exact = _EXACT[entity]
    fieldset = _FIELDSETS[entity]
    entity_problem = _ENTITY_PROBLEM[entity]
    out = []
    seen: set[str] = set()
    good_origins: set[str] = set()  # origins already matched by CODE_RE (a bundle has few)
    for n, rec in enumerate(rows, first):
        if not isinstance(rec, dict):
            raise BundleRejected("record_invalid", f"{entity} 第{n}条不是对象")
        if rec.keys() != fieldset:
            unknown = sorted(set(rec) - fieldset)
            if unknown:
                raise BundleRejected("record_unknown_field",
                                     f"{entity} 第{n}条：{unknown[0][:40]}")
            raise BundleRejected("record_invalid", f"{entity} 第{n}条缺少字段")
        texts = text_values(rec)
        if texts and (set(map(type, texts)) != _STR or any(map(gt, map(len, texts), maxes))):
            raise _text_failure(entity, _where(entity, n, rec), rec)
        line, multi = line_values(rec), multi_values(rec)
        if (bad_line(line) or bad_multi(multi) or not (line.isascii() or _is_nfc("NFC", line))
                or not (multi.isascii() or _is_nfc("NFC", multi))):
            raise _text_failure(entity, _where(entity, n, rec), rec)
        for getter, types_ in exact:
            if set(map(type, getter(rec))) != types_:
                others = _ALL_OTHER[entity]  # the failing field is among these
        for key, check in others:
            try:
                ok = check(rec[key])
            except _FieldProblem as exc:
                raise _field_rejected(_where(entity, n, rec), key, str(exc)) from None
            if not ok:
                raise _field_rejected(_where(entity, n, rec), key)
        if not UUID_RE.match(rec["id"]) or rec["id"] in seen:
            raise BundleRejected("record_invalid", f"{entity} 第{n}条编号无效或重复")
        seen.add(rec["id"])
        # version and origin code checked, each distinct origin matched once
        origin = rec["origin"]
        if origin not in good_origins:
            if rec["version"] < 1 or not CODE_RE.match(origin):
                raise BundleRejected("record_invalid",
                                     f"{_where(entity, n, rec)}：版本号或来源单位代码无效")
            good_origins.add(origin)
        if rec["version"] < 1:
            raise BundleRejected("record_invalid",
                                 f"{_where(entity, n, rec)}：版本号或来源单位代码无效")
        problem = entity_problem(rec, today)
        if problem:
            raise _field_rejected(_where(entity, n, rec), *problem)
        out.append(rec)
    return out


class References:
    """:func:`check_references` over records seen a batch at a time: keeps the ids of the
    entities referred to and the ids each reference wants, not the records."""

    def __init__(self) -> None:
        self._targets = {t for refs in REFERENCES.values() for _f, t in refs}
        self.ids: dict[str, IdSet] = {t: IdSet() for t in self._targets}
        self.wanted: dict[tuple[str, str], set[str]] = {
            (e, f): set() for e, refs in REFERENCES.items() for f, _t in refs}
        self.hashes: set[str] = set()

    def add(self, entity: str, rows: list[dict[str, Any]]) -> None:
        """Note a batch of ``entity``'s records."""
        if entity in self._targets:
            self.ids[entity].update(r["id"] for r in rows)
        for field, target in REFERENCES.get(entity, []):
            # an id of a record already seen in the bundle is not kept (a bundle's targets
            # come before the records referring to them: a full bundle keeps almost none)
            wanted, present = self.wanted[(entity, field)], self.ids[target]
            for rec in rows:
                value = rec[field]
                for v in value if isinstance(value, list) else (value,):
                    if v not in present:
                        wanted.add(v)
        if entity == "attachments":
            self.hashes.update(r["sha256"] for r in rows)

    def check(self, known: Callable[[str, set[str]], set[str]], attachment_hashes: set[str],
              known_blobs: Callable[[set[str]], set[str]]) -> None:
        """Raise ``record_dangling`` as :func:`check_references` would."""
        for entity, refs in REFERENCES.items():
            for field, target in refs:
                present = self.ids[target]
                wanted = {w for w in self.wanted[(entity, field)] if w not in present}
                bad = {w for w in wanted if not UUID_RE.match(w)}
                missing = bad or (wanted - known(target, wanted) if wanted else set())
                if missing:
                    raise BundleRejected("record_dangling",
                                         f"{entity}.{field} → {sorted(missing)[0][:40]}")
        wanted = self.hashes - attachment_hashes
        if wanted and wanted - known_blobs(wanted):
            raise BundleRejected("record_dangling", "附件内容缺失")


def check_references(records: Mapping[str, list[dict[str, Any]]],
                     known: Callable[[str, set[str]], set[str]],
                     attachment_hashes: set[str],
                     known_blobs: Callable[[set[str]], set[str]]) -> None:
    """Every reference resolves in the bundle or (through ``known``) the database."""
    for entity, refs in REFERENCES.items():
        for field, target in refs:
            wanted: set[str] = set()
            for rec in records.get(entity, []):
                value = rec[field]
                wanted.update(value if isinstance(value, list) else [value])
            wanted -= {r["id"] for r in records.get(target, [])}
            bad = {w for w in wanted if not UUID_RE.match(w)}
            missing = bad or (wanted - known(target, wanted) if wanted else set())
            if missing:
                raise BundleRejected("record_dangling",
                                     f"{entity}.{field} → {sorted(missing)[0][:40]}")
    wanted = {r["sha256"] for r in records.get("attachments", [])} - attachment_hashes
    if wanted and wanted - known_blobs(wanted):
        raise BundleRejected("record_dangling", "附件内容缺失")
