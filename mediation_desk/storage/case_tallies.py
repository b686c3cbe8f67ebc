"""Live-case tallies the dashboard reads instead of counting (m015).

``case_tallies (tally, key, live)`` holds, for each tally, how many live cases have each
key:

* ``status``: a case's status;
* ``due``: the deadline (``due_on``) of a case whose clock runs (受理, 调解中);
* ``jc``: the end of the judicial-confirmation window (``jc_due_on``) of an agreed case;
* ``follow_up``: the follow-up date (``follow_up_due_on``) of a case awaiting its visit
  (达成协议, 司法确认, 撤回确认).

Triggers on ``cases`` keep them in the same statement as every insert, update, upsert and
delete of a case (a tombstone is ``deleted = 1``: out of every tally), so no code path can
change a case without its tallies; a key whose count falls to 0 is removed. A dashboard
figure is then a sum over a handful of rows (statuses) or over the distinct dates of a range
(a few thousand at most), not a count over the index entries of the cases it counts (tens of
thousands at 1,000,000 cases). The statuses are frozen here with the migration: the
dashboard's conditions (``case_queries``) must stay the same, which a test checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

TALLIES: dict[str, tuple[tuple[str, ...], str]] = {
    "status": ((), "status"),
    "due": (("accepted", "mediating"), "due_on"),
    "jc": (("agreed",), "jc_due_on"),
    "follow_up": (("agreed", "jc_confirmed", "jc_withdrawn"), "follow_up_due_on"),
}
"""tally -> (the statuses it holds, none: all; the column that is its key). Frozen (m015)."""


def _key(tally: str, row: str) -> str:
    """SQL for ``row``'s (``old``/``new``/a table) key in ``tally``, NULL when it is not in it."""
    statuses, column = TALLIES[tally]
    cond = f"{row}.deleted = 0"
    if statuses:
        cond += f" AND {row}.status IN ({', '.join(repr(s) for s in statuses)})"
    return f"(CASE WHEN {cond} THEN {row}.{column} END)"


def _add(tally: str, row: str) -> str:
    key = _key(tally, row)
    return (f"INSERT INTO case_tallies (tally, key, live) SELECT '{tally}', {key}, 1"
            f" WHERE {key} IS NOT NULL ON CONFLICT (tally, key) DO UPDATE SET live = live + 1;")


def _take(tally: str, row: str) -> str:
    key = _key(tally, row)
    return (f"UPDATE case_tallies SET live = live - 1 WHERE tally = '{tally}' AND key = {key};"
            f"\n    DELETE FROM case_tallies WHERE tally = '{tally}' AND key = {key}"
            " AND live <= 0;")


def m015_ddl() -> str:
    """The table, its triggers and its first fill from the cases as they are (m015)."""
    parts = ["CREATE TABLE case_tallies (tally TEXT NOT NULL, key TEXT NOT NULL,"
             " live INTEGER NOT NULL, PRIMARY KEY (tally, key)) WITHOUT ROWID;"]
    for tally, (_statuses, column) in TALLIES.items():
        key = _key(tally, "cases")
        parts.append(f"INSERT INTO case_tallies (tally, key, live) SELECT '{tally}', {key},"
                     f" count(*) FROM cases WHERE {key} IS NOT NULL GROUP BY {key};")
        columns = ", ".join(dict.fromkeys(("status", "deleted", column)))
        parts.append(
            f"CREATE TRIGGER case_tallies_{tally}_insert AFTER INSERT ON cases"
            f" WHEN {_key(tally, 'new')} IS NOT NULL\nBEGIN\n    {_add(tally, 'new')}\nEND;")
        parts.append(
            f"CREATE TRIGGER case_tallies_{tally}_delete AFTER DELETE ON cases"
            f" WHEN {_key(tally, 'old')} IS NOT NULL\nBEGIN\n    {_take(tally, 'old')}\nEND;")
        parts.append(
            f"CREATE TRIGGER case_tallies_{tally}_update AFTER UPDATE OF {columns} ON cases"
            f" WHEN {_key(tally, 'old')} IS NOT {_key(tally, 'new')}\nBEGIN\n"
            f"    {_take(tally, 'old')}\n    {_add(tally, 'new')}\nEND;")
    return "\n".join(parts)


def in_statuses(db: sqlite_utils.Database, statuses: Iterable[str]) -> int:
    """Live cases of any of ``statuses``."""
    wanted = list(dict.fromkeys(statuses))
    if not wanted:
        return 0
    marks = ", ".join("?" * len(wanted))
    return int(db.execute("SELECT coalesce(sum(live), 0) FROM case_tallies"
                          f" WHERE tally = 'status' AND key IN ({marks})", wanted).fetchone()[0])


def in_range(db: sqlite_utils.Database, tally: str, *, low: str | None = None,
             high: str | None = None, below: str | None = None) -> int:
    """Live cases of ``tally`` whose key (an ISO date) is >= ``low``, <= ``high`` and
    < ``below`` (None: no such bound)."""
    if tally not in TALLIES or tally == "status":
        raise ValueError(f"not a date tally: {tally}")
    sql = "SELECT coalesce(sum(live), 0) FROM case_tallies WHERE tally = ?"
    params: list[Any] = [tally]
    if low is not None:
        sql += " AND key >= ?"
        params.append(low)
    if high is not None:
        sql += " AND key <= ?"
        params.append(high)
    if below is not None:
        sql += " AND key < ?"
        params.append(below)
    return int(db.execute(sql, params).fetchone()[0])


def stored(db: sqlite_utils.Database) -> dict[tuple[str, str], int]:
    """Every (tally, key) -> live as the table holds it."""
    return {(t, k): int(n) for t, k, n in db.execute("SELECT tally, key, live FROM case_tallies")}


def recounted(db: sqlite_utils.Database) -> dict[tuple[str, str], int]:
    """The same counted afresh from ``cases`` (a full scan: for checks and tests)."""
    out: dict[tuple[str, str], int] = {}
    for tally in TALLIES:
        key = _key(tally, "cases")
        for k, n in db.execute(f"SELECT {key}, count(*) FROM cases WHERE {key} IS NOT NULL"
                               f" GROUP BY {key}"):
            out[(tally, str(k))] = int(n)
    return out
