"""Generic loading and saving of versioned records (one table per entity).

Saving compares the stored row with the new one, bumps ``version``, sets
``updated_at`` and reports the field-level change for the audit trail.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

import sqlite_utils

from ..domain import codec
from . import audit

T = TypeVar("T")


_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps(v, ensure_ascii=False), built once


def _json_text(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)`` (the encoder made once, not per call)."""
    return _JSON.encode(value)


def _db_value(value: Any) -> Any:
    """An encoded value as SQLite stores it: JSON text for lists/dicts, 0/1 for booleans."""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return value
    if kind is bool:
        return int(value)
    if isinstance(value, (list, dict)):
        return _json_text(value)
    if isinstance(value, bool):
        return int(value)
    return value


RowWriter = Callable[[Any], tuple[Any, ...]]
_ROW_PLAIN = frozenset({str, int, float, type(None)})
# per kind of field (codec.field_kind): the expression giving its row value from ``v``
_ROW_EXPR = {
    "plain": "v if type(v := r.{name}) in PLAIN else slow(v)",
    "bool": "(1 if v else 0) if type(v := r.{name}) is bool else slow(v)",
    "enum": "v._value_ if type(v := r.{name}) is T{i} else slow(v)",  # = .value, no descriptor
    "date": "v.isoformat() if type(v := r.{name}) is date else slow(v)",
    "datetime": "v.isoformat(timespec='seconds') if type(v := r.{name}) is datetime else slow(v)",
    "decimal": "fen(v) if type(v := r.{name}) is Decimal else slow(v)",
    "json": "json(enc(v)) if type(v := r.{name}) is dict or type(v) is list else slow(v)",
    "generic": "slow(r.{name})",
}


def _slow_value(value: Any) -> Any:
    return _db_value(codec._encode(value))


@cache
def row_writer(cls: type, exclude: tuple[str, ...] = ()) -> tuple[tuple[str, ...], RowWriter]:
    """(columns, record -> row values in that order) for ``cls``, built once per class.

    The one place that decides a record's columns for inserting (``to_row`` and the bulk
    inserts of storage/bulk.py), so a change of table layout touches only here and codec.
    The function is generated (as ``dataclasses`` generates ``__init__``): one expression per
    field, chosen from its declared type, with every value of another type going through
    the generic encoder, so it always equals ``_db_value(codec._encode(value))``.
    """
    plan = codec.field_plan(cls, exclude)
    scope: dict[str, Any] = {"PLAIN": _ROW_PLAIN, "slow": _slow_value, "fen": codec.yuan_to_fen,
                             "date": date, "datetime": datetime, "Decimal": Decimal,
                             "json": _json_text, "enc": codec._encode}
    parts = []
    for i, (name, _column, kind, tp) in enumerate(plan):
        if not name.isidentifier():
            raise ValueError(f"field name {name!r} of {cls.__name__}")
        scope[f"T{i}"] = tp
        if kind == "generic" and codec.is_json_container(tp):
            kind = "json"  # a list or dict field: JSON text of its encoded value
        parts.append(f"({_ROW_EXPR[kind].format(name=name, i=i)})")
    source = f"def write(r):\n    return ({', '.join(parts)},)\n"
    exec(compile(source, f"<row_writer {cls.__name__}>", "exec"), scope)  # noqa: S102
    return tuple(column for _name, column, _kind, _tp in plan), scope["write"]


def to_row(record: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Domain record -> SQLite row values (JSON text for lists, 0/1 for booleans)."""
    cls: type = type(record)
    columns, write = row_writer(cls, exclude)
    return dict(zip(columns, write(record), strict=True))


def from_row(cls: type[T], row: dict[str, Any], exclude: tuple[str, ...] = ()) -> T:
    """SQLite row -> domain record."""
    record: T = codec.from_dict(cls, row, exclude=exclude)
    return record


def _comparable(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if isinstance(v, str) and v[:1] in "[{":
            try:
                v = json.loads(v)
            except ValueError:
                pass
        out[k] = v
    return out


@dataclass
class ChangeLog:
    """Changes made inside one business operation, for its audit row."""

    entries: list[dict[str, Any]] = field(default_factory=list)

    def add(self, entity: str, record_id: str, op: str, fields: dict[str, list[Any]]) -> None:
        self.entries.append({"entity": entity, "id": record_id, "op": op, "fields": fields})


def fetch_row(db: sqlite_utils.Database, table: str, record_id: str) -> dict[str, Any] | None:
    """The raw row of ``table`` with ``id``, or None."""
    cur = db.execute(f"SELECT * FROM {table} WHERE id = ?", [record_id])
    values = cur.fetchone()
    if values is None:
        return None
    return dict(zip([d[0] for d in cur.description], values, strict=True))


def save(db: sqlite_utils.Database, table: str, record: Any, *, log: ChangeLog, now: str,
         origin: str, exclude: tuple[str, ...] = (), extra: dict[str, Any] | None = None,
         entity: str | None = None) -> bool:
    """Insert or update ``record`` in ``table``; return True when something changed.

    The record's ``version`` and ``updated_at`` are updated in place.
    """
    if not record.origin:
        record.origin = origin
    new = to_row(record, exclude)
    new.update(extra or {})
    old = fetch_row(db, table, record.id)
    name = entity or table
    if old is None:
        record.version = max(record.version, 0) + 1
        record.updated_at = now
        new["version"], new["updated_at"] = record.version, now
        cols = ", ".join(new)
        marks = ", ".join(f":{k}" for k in new)
        db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", new)
        log.add(name, record.id, "insert", audit.diff(None, _comparable(new)))
        return True
    old.pop("seq", None)
    changes = audit.diff(_comparable(old), _comparable(new))
    if not changes:
        record.version, record.updated_at = old["version"], old["updated_at"]
        return False
    record.version = int(old["version"]) + 1
    record.updated_at = now
    new["version"], new["updated_at"] = record.version, now
    sets = ", ".join(f"{k} = :{k}" for k in new if k != "id")
    db.execute(f"UPDATE {table} SET {sets} WHERE id = :id", new)
    op = "delete" if new.get("deleted") and not old.get("deleted") else "update"
    log.add(name, record.id, op, changes)
    return True


def load(db: sqlite_utils.Database, table: str, cls: type[T], record_id: str,
         exclude: tuple[str, ...] = ()) -> T | None:
    """Load one record by id (tombstoned ones included), or None."""
    row = fetch_row(db, table, record_id)
    return None if row is None else from_row(cls, row, exclude)


def load_where(db: sqlite_utils.Database, table: str, cls: type[T], where: str,
               params: list[Any], order: str = "seq", exclude: tuple[str, ...] = ()) -> list[T]:
    """Load the live records matching ``where``."""
    cur = db.execute(f"SELECT * FROM {table} WHERE deleted = 0 AND ({where}) ORDER BY {order}",
                     params)
    cols = [d[0] for d in cur.description]
    return [from_row(cls, dict(zip(cols, v, strict=True)), exclude) for v in cur]
