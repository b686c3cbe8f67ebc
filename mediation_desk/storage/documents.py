"""The document register (文书登记): which document was generated for a case, when, by whom.

Rows are written inside the generating operation, so the register entry and its
audit row commit together. The PDF itself is not stored: the same data gives the
same bytes, and ``sha256`` identifies them.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

DDL = """
CREATE TABLE documents (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    case_id TEXT NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    verification_code TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX documents_case ON documents (case_id, seq);
CREATE INDEX documents_code ON documents (verification_code);
"""


@dataclass(frozen=True)
class DocumentEntry:
    """One row of the document register."""

    id: str
    case_id: str
    kind: str
    created_at: str
    sha256: str
    verification_code: str
    actor: str


_COLUMNS = "id, case_id, kind, created_at, sha256, verification_code, actor"


def add(db: sqlite_utils.Database, entry: DocumentEntry) -> None:
    """Insert a register row (inside the caller's transaction)."""
    db.execute(f"INSERT INTO documents ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
               [entry.id, entry.case_id, entry.kind, entry.created_at, entry.sha256,
                entry.verification_code, entry.actor])


def of_case(db: sqlite_utils.Database, case_id: str) -> list[DocumentEntry]:
    """Register rows of a case, oldest first."""
    cur = db.execute(f"SELECT {_COLUMNS} FROM documents WHERE case_id = ? ORDER BY seq", [case_id])
    return [DocumentEntry(*row) for row in cur]


def by_code(db: sqlite_utils.Database, code: str) -> list[DocumentEntry]:
    """Register rows with a verification code (to check a printed paper), newest first."""
    cur = db.execute(f"SELECT {_COLUMNS} FROM documents WHERE verification_code = ?"
                     " ORDER BY seq DESC", [code.strip().upper()])
    return [DocumentEntry(*row) for row in cur]
