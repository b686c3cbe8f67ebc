"""Convert domain records to flat JSON-able dicts and back.

One codec serves the database rows and the exchange files, so a record means
the same thing everywhere. Dates are ISO text, decimals are integer fen
(``amount`` -> ``amount_fen``), enums their ids, lists and dicts JSON values,
booleans real booleans (the storage layer turns them into 0/1).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from functools import cache
from typing import Any

from . import models


def yuan_to_fen(value: Decimal | None) -> int | None:
    """Decimal yuan -> integer fen (rounded half up)."""
    if value is None:
        return None
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fen_to_yuan(value: int | None) -> Decimal | None:
    """Integer fen -> Decimal yuan with two places."""
    if value is None:
        return None
    return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(models))


def _unwrap_optional(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def column_name(field_name: str, tp: Any) -> str:
    """The column/key a field is stored under."""
    return f"{field_name}_fen" if _unwrap_optional(tp) is Decimal else field_name


_PLAIN = frozenset({str, int, bool, float, type(None)})  # encoded as they are


def _encode(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if type(value) is dict:  # exactly a dict or a list: the checks below cannot apply
        return {k: v if type(v) in _PLAIN else _encode(v) for k, v in value.items()}
    if type(value) is list:
        return [v if type(v) in _PLAIN else _encode(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return yuan_to_fen(value)
    if isinstance(value, (set, frozenset)):
        return sorted(_encode(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: v if type(v) in _PLAIN else _encode(v) for k, v in value.items()}
    return value


def _decode(tp: Any, value: Any) -> Any:
    tp = _unwrap_optional(tp)
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (list, set):
        (inner,) = typing.get_args(tp)
        if isinstance(value, str):
            value = json.loads(value)
        items = [_decode(inner, v) for v in value]
        return set(items) if origin is set else items
    if origin is dict or tp is dict:
        return json.loads(value) if isinstance(value, str) else dict(value)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):  # DeclaredRelation, HolidaySpan
        return tp(**{k: _decode(_hints(tp)[k], v) for k, v in value.items()})
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    if tp is Decimal:
        return fen_to_yuan(value)
    if tp is bool:
        return bool(value)
    if tp is int:
        return int(value)
    return value


Encoder = Callable[[Any], Any]


def field_kind(tp: Any) -> tuple[str, Any]:
    """How values of a declared field type are encoded: (kind, the type).

    kind is ``plain`` (kept), ``bool``, ``enum`` (its value), ``date``, ``datetime`` (ISO text),
    ``decimal`` (fen) or ``generic`` (:func:`_encode` decides per value). A value that is
    not of the declared type always goes through :func:`_encode`, so a per-kind encoder
    gives exactly ``_encode(value)``.
    """
    tp = _unwrap_optional(tp)
    if tp is bool:
        return "bool", tp
    if tp in (str, int, float):
        return "plain", tp
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "enum", tp
    if tp is date:
        return "date", tp
    if tp is datetime:
        return "datetime", tp
    if tp is Decimal:
        return "decimal", tp
    return "generic", tp


def is_json_container(tp: Any) -> bool:
    """True when a declared field type is a list or dict (never a set or a dataclass)."""
    tp = _unwrap_optional(tp)
    return typing.get_origin(tp) in (list, dict) or tp in (list, dict)


def _field_encoder(kind: str, tp: Any) -> Encoder:
    if kind in ("plain", "bool"):
        return lambda v: v if type(v) in _PLAIN else _encode(v)
    if kind == "enum":
        return lambda v: v._value_ if type(v) is tp else _encode(v)
    if kind == "date":
        return lambda v: v.isoformat() if type(v) is date else _encode(v)
    if kind == "datetime":
        return lambda v: v.isoformat(timespec="seconds") if type(v) is datetime else _encode(v)
    if kind == "decimal":
        return lambda v: yuan_to_fen(v) if type(v) is Decimal else _encode(v)
    return _encode


@cache
def field_plan(cls: type, exclude: tuple[str, ...] = ()
               ) -> tuple[tuple[str, str, str, Any], ...]:
    """(field name, column, kind, type) per field of ``cls`` not in ``exclude`` (see
    :func:`field_kind`), worked out once per class.

    Inspecting each field's type for every record was most of the time of writing records
    in bulk (issue 14: 63% of the demo build).
    """
    hints = _hints(cls)
    return tuple((f.name, column_name(f.name, hints[f.name]), *field_kind(hints[f.name]))
                 for f in dataclasses.fields(cls) if f.name not in exclude)


@cache
def field_encoders(cls: type, exclude: tuple[str, ...] = ()
                   ) -> tuple[tuple[str, str, Encoder], ...]:
    """(field name, column, encoder) per field of ``cls`` not in ``exclude``, once per class."""
    return tuple((name, column, _field_encoder(kind, tp))
                 for name, column, kind, tp in field_plan(cls, exclude))


def to_dict(record: Any, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record as a flat dict of JSON-able values (lists/dicts stay Python values)."""
    cls: type = type(record)
    return {column: fn(getattr(record, name)) for name, column, fn in field_encoders(cls, exclude)}


def from_dict(cls: type, data: dict[str, Any], *, exclude: tuple[str, ...] = ()) -> Any:
    """Build a record of ``cls`` from a dict made by :func:`to_dict` (or a DB row)."""
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in exclude:
            continue
        key = column_name(f.name, hints[f.name])
        if key in data:
            kwargs[f.name] = _decode(hints[f.name], data[key])
    return cls(**kwargs)


def field_names(cls: type, *, exclude: tuple[str, ...] = ()) -> list[str]:
    """Column names of ``cls`` in declaration order."""
    hints = _hints(cls)
    return [column_name(f.name, hints[f.name]) for f in dataclasses.fields(cls)
            if f.name not in exclude]


def is_structured(cls: type, column: str) -> bool:
    """True when ``column`` of ``cls`` holds a list/dict/set (stored as JSON text)."""
    hints = _hints(cls)
    tp = _unwrap_optional(hints.get(column, Any))
    return typing.get_origin(tp) in (list, set, dict) or tp is dict
