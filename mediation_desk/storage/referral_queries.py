"""Queries of the court's referrals (委派调解): the cases this court created for its centers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlite_utils

from .court_queries import COURT_SOURCES

if TYPE_CHECKING:
    from .store import Store

_COLUMNS = ("id", "center_id", "center_code", "center_name", "court_case_number", "number",
            "title", "status", "received_on", "accepted_on", "due_on", "closed_on",
            "end_reason", "end_note", "party_names", "filing_number", "jc_ruling",
            "requested_due_on")


def referrals(db: sqlite_utils.Database, origin: str) -> list[dict[str, Any]]:
    """Live court cases created by the desk ``origin``, newest first, with each one's
    center and the due date the court asked for (from its referral event)."""
    sql = """
        SELECT c.id, c.center_id, coalesce(ce.code, ''), coalesce(ce.name, ''),
               c.court_case_number, c.number, c.title, c.status, c.received_on,
               c.accepted_on, c.due_on, c.closed_on, c.end_reason, c.end_note,
               c.party_names, c.filing_number, c.jc_ruling,
               (SELECT json_extract(e.data, '$.requested_due_on') FROM events e
                 WHERE e.case_id = c.id AND e.deleted = 0 AND e.origin = c.origin
                   AND e.kind = 'status_change' AND json_extract(e.data, '$.action') = 'refer'
                 ORDER BY e.occurred_at LIMIT 1)
        FROM cases c LEFT JOIN centers ce ON ce.id = c.center_id
        WHERE c.origin = ? AND c.deleted = 0 AND c.source IN (?, ?)
        ORDER BY c.received_on DESC, c.seq DESC"""
    return [dict(zip(_COLUMNS, row, strict=True))
            for row in db.execute(sql, [origin, *COURT_SOURCES])]


def referral_number_holder(db: sqlite_utils.Database, origin: str,
                           court_case_number: str) -> str | None:
    """The id of a live case this desk created under ``court_case_number``, if any."""
    row = db.execute(
        "SELECT id FROM cases WHERE origin = ? AND court_case_number = ? AND deleted = 0"
        " LIMIT 1", [origin, court_case_number]).fetchone()
    return row[0] if row else None


def next_referral_serial(db: sqlite_utils.Database, center_id: str, year: int) -> int:
    """A serial for a case the court creates for ``center_id``: below every serial the
    court holds for that center and year, and never positive.

    A center numbers its own cases 1, 2, 3, ... (``number_counters``); the court's referrals
    take 0, -1, -2, ... until the center accepts one and gives it a number of its own, so a
    court-made case never takes, or clashes with, one of the center's serials. Tombstones
    count too, so a slot is not reused.
    """
    row = db.execute("SELECT min(serial) FROM cases WHERE center_id = ? AND year = ?"
                     " AND serial <= 0", [center_id, year]).fetchone()
    return 0 if row is None or row[0] is None else int(row[0]) - 1


class ReferralRepository:
    """What the referral service may ask of the database (``referrals_of(store)``)."""

    __slots__ = ("_db",)

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def referrals(self, origin: str) -> list[dict[str, Any]]:
        """The court cases the desk ``origin`` created (its referrals), newest first."""
        return referrals(self._db, origin)

    def number_holder(self, origin: str, court_case_number: str) -> str | None:
        """The live case ``origin`` created under a court number, if any."""
        return referral_number_holder(self._db, origin, court_case_number)

    def next_serial(self, center_id: str, year: int) -> int:
        """Inside an operation: a serial (0, -1, ...) for a referral no center numbered yet."""
        return next_referral_serial(self._db, center_id, year)


def referrals_of(store: Store) -> ReferralRepository:
    """The referral queries over ``store``'s connection."""
    return ReferralRepository(store.db)
