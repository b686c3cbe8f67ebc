"""The document register (文书登记): which document was issued for a case, when, by whom.

Rows are written inside the generating operation, so the register entry and its
audit row commit together. The PDF itself is not stored: the same data gives the
same bytes, and ``sha256`` identifies them. Rows of other desks arrive in bundles
(``documents``, written by the exchange like every record) and are looked up the same way.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from ..domain.documents import DocumentRecord

DocumentEntry = DocumentRecord
"""One row of the document register (the domain record; the name the services use)."""

_COLUMNS = ("id", "origin", "version", "updated_at", "deleted", "case_id", "kind", "created_at",
            "sha256", "verification_code", "actor", "center_id", "content_hash", "pages",
            "scheme")
_SELECT = ", ".join(_COLUMNS)


def _entry(row: Any) -> DocumentEntry:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["deleted"] = bool(values["deleted"])
    return DocumentEntry(**values)


def add(db: sqlite_utils.Database, entry: DocumentEntry) -> None:
    """Insert a register row (inside the caller's transaction)."""
    values = [getattr(entry, c) for c in _COLUMNS]
    values[_COLUMNS.index("deleted")] = int(entry.deleted)
    db.execute(f"INSERT INTO documents ({_SELECT}) VALUES ({', '.join('?' * len(_COLUMNS))})",
               values)


def of_case(db: sqlite_utils.Database, case_id: str) -> list[DocumentEntry]:
    """Register rows of a case, oldest first."""
    cur = db.execute(f"SELECT {_SELECT} FROM documents WHERE case_id = ? AND deleted = 0"
                     " ORDER BY seq", [case_id])
    return [_entry(row) for row in cur]


def by_code(db: sqlite_utils.Database, code: str) -> list[DocumentEntry]:
    """Register rows with a verification code (to check a printed paper), newest first."""
    cur = db.execute(f"SELECT {_SELECT} FROM documents WHERE verification_code = ?"
                     " AND deleted = 0 ORDER BY seq DESC", [code.strip().upper()])
    return [_entry(row) for row in cur]


def by_sha256(db: sqlite_utils.Database, sha256: str) -> list[DocumentEntry]:
    """Register rows of the PDF with this SHA-256 (lower-case hex), newest first."""
    cur = db.execute(f"SELECT {_SELECT} FROM documents WHERE sha256 = ? AND deleted = 0"
                     " ORDER BY seq DESC", [sha256.lower()])
    return [_entry(row) for row in cur]


def first_issued(db: sqlite_utils.Database, origin: str, code: str) -> str | None:
    """``created_at`` of the first row of this desk with this code (None: never issued)."""
    row = db.execute("SELECT min(created_at) FROM documents WHERE origin = ? AND"
                     " verification_code = ? AND deleted = 0", [origin, code]).fetchone()
    return None if row is None or row[0] is None else str(row[0])
