"""Events, agreements and attachments of a case."""

from __future__ import annotations

import hashlib

import sqlite_utils

from ..domain.errors import DomainError
from ..domain.models import MAX_ATTACHMENT_BYTES, Agreement, Attachment, CaseEvent
from . import records
from .records import ChangeLog


def events_of(db: sqlite_utils.Database, case_id: str) -> list[CaseEvent]:
    """Live events of a case, oldest first."""
    return records.load_where(db, "events", CaseEvent, "case_id = ?", [case_id],
                              order="occurred_at, seq")


def save_event(db: sqlite_utils.Database, event: CaseEvent, *, log: ChangeLog, now: str,
               origin: str) -> None:
    """Insert or update an event."""
    records.save(db, "events", event, log=log, now=now, origin=origin, entity="event")


def agreement_of(db: sqlite_utils.Database, case_id: str) -> Agreement | None:
    """The live agreement of a case (the latest if several), or None."""
    found = records.load_where(db, "agreements", Agreement, "case_id = ?", [case_id],
                               order="seq DESC")
    return found[0] if found else None


def agreements_of(db: sqlite_utils.Database, case_id: str) -> list[Agreement]:
    """Every live agreement of a case, oldest first (an oral one written down stays)."""
    return records.load_where(db, "agreements", Agreement, "case_id = ?", [case_id])


def save_agreement(db: sqlite_utils.Database, agreement: Agreement, *, log: ChangeLog, now: str,
                   origin: str) -> None:
    """Insert or update an agreement."""
    records.save(db, "agreements", agreement, log=log, now=now, origin=origin, entity="agreement")


def attachments_of(db: sqlite_utils.Database, case_id: str) -> list[Attachment]:
    """Live attachments of a case, in the order added."""
    return records.load_where(db, "attachments", Attachment, "case_id = ?", [case_id])


def store_blob(db: sqlite_utils.Database, content: bytes) -> str:
    """Store content once by its SHA-256; return the hash. Enforces the size limit."""
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise DomainError(
            f"附件过大（{len(content) / 1024 / 1024:.1f} MB），单个附件不能超过 20 MB。",
            code="attachment_too_large")
    digest = hashlib.sha256(content).hexdigest()
    db.execute("INSERT OR IGNORE INTO attachment_blobs (sha256, content) VALUES (?, ?)",
               [digest, content])
    return digest


def save_attachment(db: sqlite_utils.Database, attachment: Attachment, *, log: ChangeLog,
                    now: str, origin: str) -> None:
    """Insert or update an attachment's metadata (its blob must be stored already)."""
    records.save(db, "attachments", attachment, log=log, now=now, origin=origin,
                 entity="attachment")


def blob(db: sqlite_utils.Database, sha256: str) -> bytes | None:
    """Attachment content by hash, or None."""
    row = db.execute("SELECT content FROM attachment_blobs WHERE sha256 = ?", [sha256]).fetchone()
    return None if row is None else bytes(row[0])
