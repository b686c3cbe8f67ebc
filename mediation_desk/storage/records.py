"""Generic loading and saving of versioned records (one table per entity).

Saving compares the stored row with the new one, bumps ``version``, sets
``updated_at`` and reports the field-level change for the audit trail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlite_utils

from ..domain import codec
from . import audit

T = TypeVar("T")


def to_row(record: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Domain record -> SQLite row values (JSON text for lists, 0/1 for booleans)."""
    row = codec.to_dict(record, exclude=exclude)
    for key, value in row.items():
        if isinstance(value, (list, dict)):
            row[key] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            row[key] = int(value)
    return row


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
