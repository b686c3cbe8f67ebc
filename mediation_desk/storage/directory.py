"""Centers, mediators and settings."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from ..domain.models import Center, Mediator
from . import records
from .records import ChangeLog

CENTER_EXTRA = ("is_self",)


def self_center(db: sqlite_utils.Database) -> Center | None:
    """This desk's own center, or None before init."""
    found = records.load_where(db, "centers", Center, "is_self = 1", [])
    return found[0] if found else None


def code_holders(db: sqlite_utils.Database, codes: list[str]) -> dict[str, tuple[str, str]]:
    """Centers (tombstoned ones too) holding these codes: code -> (center id, name)."""
    out: dict[str, tuple[str, str]] = {}
    for i in range(0, len(codes), 500):
        chunk = codes[i:i + 500]
        out.update((code, (cid, name)) for code, cid, name in db.execute(
            f"SELECT code, id, name FROM centers WHERE code IN ({','.join('?' * len(chunk))})",
            chunk))
    return out


def center_codes(db: sqlite_utils.Database) -> dict[str, str]:
    """Every center this desk knows (tombstoned ones too): id -> code."""
    return dict(db.execute("SELECT id, code FROM centers").fetchall())


def centers(db: sqlite_utils.Database) -> list[Center]:
    """All live centers known to this desk."""
    return records.load_where(db, "centers", Center, "1", [], order="code")


def center(db: sqlite_utils.Database, center_id: str) -> Center | None:
    """A center by id."""
    return records.load(db, "centers", Center, center_id)


def save_center(db: sqlite_utils.Database, c: Center, *, log: ChangeLog, now: str, origin: str,
                is_self: bool | None = None) -> None:
    """Insert or update a center (``is_self`` marks this desk's own)."""
    extra = None if is_self is None else {"is_self": int(is_self)}
    records.save(db, "centers", c, log=log, now=now, origin=origin, extra=extra, entity="center")


def mediators(db: sqlite_utils.Database, *, include_inactive: bool = True) -> list[Mediator]:
    """Live mediators, by name."""
    where = "1" if include_inactive else "active = 1"
    return records.load_where(db, "mediators", Mediator, where, [], order="name, id")


def mediator(db: sqlite_utils.Database, mediator_id: str) -> Mediator | None:
    """A mediator by id (tombstoned included)."""
    return records.load(db, "mediators", Mediator, mediator_id)


def save_mediator(db: sqlite_utils.Database, m: Mediator, *, log: ChangeLog, now: str,
                  origin: str) -> None:
    """Insert or update a mediator."""
    records.save(db, "mediators", m, log=log, now=now, origin=origin, entity="mediator")


def get_setting(db: sqlite_utils.Database, key: str, default: Any = None) -> Any:
    """A setting's JSON value, or ``default``."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return default if row is None else json.loads(row[0])


def all_settings(db: sqlite_utils.Database) -> dict[str, Any]:
    """Every stored setting."""
    return {k: json.loads(v) for k, v in db.execute("SELECT key, value FROM settings")}


def set_setting(db: sqlite_utils.Database, key: str, value: Any, *, log: ChangeLog) -> None:
    """Store a setting (inside the caller's transaction)."""
    old = get_setting(db, key)
    if old == value:
        return
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key)"
               " DO UPDATE SET value = excluded.value",
               [key, json.dumps(value, ensure_ascii=False)])
    log.add("setting", key, "update", {key: [old, value]})
