"""The accounts table: who may log in to this desk, with which role."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from ..domain.access import Account, Role
from .records import ChangeLog


def _account(row: Any) -> Account:
    return Account(id=row[0], name=row[1], role=Role(row[2]), mediator_id=row[3] or None,
                   active=bool(row[4]))


_COLUMNS = "id, name, role, mediator_id, active"


def all_accounts(db: sqlite_utils.Database) -> list[Account]:
    """Every account, active first, by name."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM accounts ORDER BY active DESC, name").fetchall()
    return [_account(r) for r in rows]


def by_id(db: sqlite_utils.Database, account_id: str) -> Account | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM accounts WHERE id = ?", [account_id]).fetchone()
    return None if row is None else _account(row)


def by_name(db: sqlite_utils.Database, name: str) -> Account | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM accounts WHERE name = ?", [name]).fetchone()
    return None if row is None else _account(row)


def count(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT count(*) FROM accounts").fetchone()[0])


def save(db: sqlite_utils.Database, account: Account, *, log: ChangeLog, now: str) -> None:
    """Insert or update an account; the change goes into the operation's audit row."""
    old = by_id(db, account.id)
    values = {"name": account.name, "role": account.role.value,
              "mediator_id": account.mediator_id, "active": int(account.active)}
    if old is None:
        db.execute("INSERT INTO accounts (id, name, role, mediator_id, active, created_at,"
                   " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [account.id, account.name, account.role.value, account.mediator_id,
                    int(account.active), now, now])
        log.add("account", account.id, "insert", {k: [None, v] for k, v in values.items()})
        return
    before = {"name": old.name, "role": old.role.value, "mediator_id": old.mediator_id,
              "active": int(old.active)}
    changed = {k: [before[k], v] for k, v in values.items() if before[k] != v}
    if not changed:
        return
    db.execute("UPDATE accounts SET name = ?, role = ?, mediator_id = ?, active = ?,"
               " updated_at = ? WHERE id = ?",
               [account.name, account.role.value, account.mediator_id, int(account.active),
                now, account.id])
    log.add("account", account.id, "update", changed)
