"""Noticing commits made by other connections (another process, e.g. the command line)."""

from __future__ import annotations

import sqlite_utils


def data_version(db: sqlite_utils.Database) -> int:
    """SQLite's ``PRAGMA data_version`` of this connection.

    It changes whenever *another* connection commits to the file, never for this
    connection's own commits, so polling it on the writer connection tells the GUI that
    something outside it (the CLI, a second program) changed the data.
    """
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def marker(db: sqlite_utils.Database) -> tuple[int, int]:
    """Something that changes whenever anyone commits to the file: (data_version, this
    connection's total_changes). Equal markers mean nothing was written in between."""
    return data_version(db), int(db.conn.total_changes)
