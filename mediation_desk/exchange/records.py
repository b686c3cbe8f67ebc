"""Records as they travel in bundles, and their strict validation.

Each entity is one JSON Lines member (``records/<entity>.jsonl``) holding
``codec.to_dict`` of the domain record: exactly the listed fields, each of the
declared JSON type. Values are then checked like the forms check them (ID
numbers, credit codes) and references must resolve inside the bundle or the
desk's database.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from operator import itemgetter
from typing import Any

from ..domain import codec, models
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

ENTITIES = _ENTITIES  # re-exported: the bundle members follow the domain's entity list
REFERENCES: dict[str, list[tuple[str, str]]] = {
    "mediators": [("center_id", "centers")],
    "cases": [("center_id", "centers"), ("mediator_ids", "mediators")],
    "parties": [("case_id", "cases")],
    "events": [("case_id", "cases")],
    "agreements": [("case_id", "cases")],
    "attachments": [("case_id", "cases")],
}
MAX_TEXT = 100_000


fields_of = _fields_of


def _unwrap(tp: Any) -> tuple[Any, bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0], True
    return tp, False


def _checker(tp: Any) -> Callable[[Any], bool]:
    tp, optional = _unwrap(tp)
    origin = typing.get_origin(tp)
    base: Callable[[Any], bool]
    if origin in (list, set):
        inner = _checker(typing.get_args(tp)[0])
        base = lambda v: isinstance(v, list) and len(v) <= 1000 and all(map(inner, v))  # noqa: E731
    elif tp is dict or origin is dict:
        base = lambda v: isinstance(v, dict)  # noqa: E731
    elif dataclasses.is_dataclass(tp):  # DeclaredRelation, HolidaySpan
        hints = typing.get_type_hints(tp, vars(models))
        names = {f.name: _checker(hints[f.name]) for f in dataclasses.fields(tp)}
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
        base = lambda v: isinstance(v, str) and len(v) <= MAX_TEXT  # noqa: E731
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


def _build_checkers() -> dict[str, dict[str, Callable[[Any], bool]]]:
    out = {}
    for entity, (cls, exclude) in ENTITIES.items():
        hints = typing.get_type_hints(cls, vars(models))
        out[entity] = {codec.column_name(f.name, hints[f.name]): _checker(hints[f.name])
                       for f in dataclasses.fields(cls) if f.name not in exclude}
    return out


_CHECKERS = _build_checkers()
_FIELDSETS = {e: frozenset(c) for e, c in _CHECKERS.items()}


def _plain_text_fields(entity: str) -> tuple[str, ...]:
    cls, exclude = ENTITIES[entity]
    hints = typing.get_type_hints(cls, vars(models))
    return tuple(f.name for f in dataclasses.fields(cls)
                 if f.name not in exclude and hints[f.name] is str)


# Plain text fields are checked inline (most fields; a call per value was the
# verifier's largest cost); the others through their checker.
_TEXT = {e: _plain_text_fields(e) for e in ENTITIES}


def _tuple_getter(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function returning the values of ``keys`` as a tuple (C itemgetter when 2+ keys)."""
    if len(keys) >= 2:
        return itemgetter(*keys)
    return lambda rec: tuple(rec[k] for k in keys)


# The text values of a record are checked in one pass of C builtins (type set, max length).
_TEXT_VALUES = {e: _tuple_getter(k) for e, k in _TEXT.items()}
_STR = {str}


def _exact_fields(entity: str, tp: type) -> tuple[str, ...]:
    cls, exclude = ENTITIES[entity]
    hints = typing.get_type_hints(cls, vars(models))
    return tuple(f.name for f in dataclasses.fields(cls)
                 if f.name not in exclude and hints[f.name] is tp)


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


# Entities with checks beyond version and origin (in _entity_problem).
_ENTITY_CHECKED = frozenset({"parties", "centers", "attachments", "holiday_notices"})


def _notice_problem(rec: dict[str, Any]) -> str | None:
    """Holiday notices as the calendar service checks them (year, spans inside it)."""
    year = rec["year"]
    if not 2000 <= year <= 2100 or len(rec["spans"]) > 100 or len(rec["title"]) > 200:
        return "节假日安排的年份或内容无效"
    for span in rec["spans"]:
        start, end = date.fromisoformat(span["start"]), date.fromisoformat(span["end"])
        if end < start or start.year != year or end.year != year or (end - start).days > 31:
            return "节假日安排的日期段无效"
        if len(span["name"]) > 40 or any(ord(ch) < 32 or 0x200b <= ord(ch) <= 0x202e
                                         for ch in span["name"]):
            return "节假日安排的名称无效"
    return None


def _entity_problem(entity: str, rec: dict[str, Any]) -> str | None:
    try:
        if entity == "parties":
            if not rec["name"].strip():
                return "当事人姓名为空"
            for key in ("id_number", "agent_id_number"):
                if rec[key] and not id_number_ok(rec[key]):
                    validate_id_number(rec[key])  # raises with the precise message
            if rec["credit_code"]:
                check_credit_code(rec["credit_code"])
        elif entity == "centers" and not CODE_RE.match(rec["code"]):
            return "单位代码无效"
        elif entity == "attachments" and (len(rec["sha256"]) != 64 or rec["size"] < 0
                                          or rec["size"] > models.MAX_ATTACHMENT_BYTES):
            return "附件信息无效"
        elif entity == "holiday_notices":
            return _notice_problem(rec)
    except InvalidValue as exc:
        return exc.message
    return None


def validate_records(entity: str, rows: Iterable[Any]) -> list[dict[str, Any]]:
    """Check parsed JSON rows of ``entity``; return them or raise BundleRejected."""
    text_keys, others = _TEXT[entity], _OTHER[entity]
    text_values = _TEXT_VALUES[entity]
    exact = _EXACT[entity]
    fieldset = _FIELDSETS[entity]
    entity_checked = entity in _ENTITY_CHECKED
    out = []
    seen: set[str] = set()
    good_origins: set[str] = set()  # origins already matched by CODE_RE (a bundle has few)
    for n, rec in enumerate(rows, 1):
        where = f"{entity} 第{n}条"
        if not isinstance(rec, dict):
            raise BundleRejected("record_invalid", f"{where}不是对象")
        if rec.keys() != fieldset:
            unknown = sorted(set(rec) - fieldset)
            if unknown:
                raise BundleRejected("record_unknown_field", f"{where}：{unknown[0][:40]}")
            raise BundleRejected("record_invalid", f"{where}缺少字段")
        texts = text_values(rec)
        if texts and (set(map(type, texts)) != _STR or max(map(len, texts)) > MAX_TEXT):
            key = next(k for k in text_keys
                       if type(rec[k]) is not str or len(rec[k]) > MAX_TEXT)
            raise BundleRejected("record_invalid", f"{where}字段 {key} 的值无效")
        for getter, types_ in exact:
            if set(map(type, getter(rec))) != types_:
                others = _ALL_OTHER[entity]  # the failing field is among these
        for key, check in others:
            if not check(rec[key]):
                raise BundleRejected("record_invalid", f"{where}字段 {key} 的值无效")
        if not UUID_RE.match(rec["id"]) or rec["id"] in seen:
            raise BundleRejected("record_invalid", f"{where}编号无效或重复")
        seen.add(rec["id"])
        # version and origin code checked, each distinct origin matched once
        origin = rec["origin"]
        if origin not in good_origins:
            if rec["version"] < 1 or not CODE_RE.match(origin):
                raise BundleRejected("record_invalid", f"{where}：版本号或来源单位代码无效")
            good_origins.add(origin)
        if rec["version"] < 1:
            raise BundleRejected("record_invalid", f"{where}：版本号或来源单位代码无效")
        if entity_checked and (problem := _entity_problem(entity, rec)):
            raise BundleRejected("record_invalid", f"{where}：{problem}")
        out.append(rec)
    return out


def check_references(records: dict[str, list[dict[str, Any]]],
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
