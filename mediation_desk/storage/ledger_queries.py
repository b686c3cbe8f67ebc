"""What a 台账 needs beyond a case-list row: outcome, agreement, follow-up, and the
cases an import matches (by 案号, or by its row key). Read in chunks of case ids."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

import sqlite_utils

if TYPE_CHECKING:
    from .store import Store

_CHUNK = 500


@dataclass(frozen=True)
class LedgerExtras:
    """One case's ledger fields that the case list does not carry."""

    mediator_ids: tuple[str, ...]
    end_reason: str | None
    jc_ruling: str
    jc_applied_on: date | None
    follow_up_due_on: date | None
    agreement_amount: Decimal | None
    agreement_scope: str | None  # None: no agreement
    follow_up_on: date | None  # the latest follow-up visit
    follow_up_performance: str | None
    follow_up_satisfaction: int | None
    facts: str = ""


class LedgerParty(NamedTuple):
    """What a ledger's 当事人 cell shows of a party."""

    role: str
    name: str
    id_number: str
    credit_code: str
    phone: str


def ledger_parties(db: sqlite_utils.Database, case_ids: list[str]
                   ) -> dict[str, list[LedgerParty]]:
    """The live parties of ``case_ids`` in their order, as the ledger shows them (a few
    columns, not whole records: a 100,000-case export reads a quarter million)."""
    out: dict[str, list[LedgerParty]] = {cid: [] for cid in case_ids}
    for chunk in _chunks(case_ids):
        marks = ",".join("?" * len(chunk))
        for cid, *rest in db.execute(
                f"SELECT case_id, role, name, id_number, credit_code, phone FROM parties"
                f" WHERE deleted = 0 AND case_id IN ({marks}) ORDER BY case_id, position",
                chunk):
            out[cid].append(LedgerParty(*rest))
    return out


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def ledger_extras(db: sqlite_utils.Database, case_ids: list[str], *,
                  facts: bool = False) -> dict[str, LedgerExtras]:
    """The ledger fields of ``case_ids`` (live cases), by case id."""
    out: dict[str, LedgerExtras] = {}
    for chunk in _chunks(case_ids):
        marks = ",".join("?" * len(chunk))
        mediators: dict[str, list[str]] = {}
        for cid, mid in db.execute(
                f"SELECT case_id, mediator_id FROM case_mediators WHERE case_id IN ({marks})"
                " ORDER BY case_id, position", chunk):
            mediators.setdefault(cid, []).append(mid)
        agreements: dict[str, tuple[Any, str]] = {}
        for cid, fen, scope in db.execute(
                f"SELECT case_id, amount_fen, scope FROM agreements WHERE deleted = 0"
                f" AND case_id IN ({marks}) ORDER BY seq", chunk):
            agreements[cid] = (fen, scope)  # the latest agreement wins
        visits: dict[str, tuple[str, dict[str, Any]]] = {}
        for cid, at, data in db.execute(
                f"SELECT case_id, occurred_at, data FROM events WHERE kind = 'follow_up'"
                f" AND deleted = 0 AND case_id IN ({marks}) ORDER BY occurred_at, seq", chunk):
            visits[cid] = (at, json.loads(data or "{}"))
        facts_col = "facts" if facts else "''"
        for row in db.execute(
                f"SELECT id, end_reason, jc_ruling, jc_applied_on, follow_up_due_on, {facts_col}"
                f" FROM cases WHERE id IN ({marks})", chunk):
            cid = row[0]
            fen, scope = agreements.get(cid, (None, None))
            at, data = visits.get(cid, (None, {}))
            sat = data.get("satisfaction")
            out[cid] = LedgerExtras(
                mediator_ids=tuple(mediators.get(cid, ())), end_reason=row[1],
                jc_ruling=row[2] or "", jc_applied_on=_day(row[3]),
                follow_up_due_on=_day(row[4]),
                agreement_amount=(Decimal(fen) / 100) if fen is not None else None,
                agreement_scope=scope, follow_up_on=_day(at),
                follow_up_performance=data.get("performance"),
                follow_up_satisfaction=int(sat) if isinstance(sat, int | float) else None,
                facts=row[5] or "")
    return out


def cases_by_number(db: sqlite_utils.Database, numbers: list[str]) -> dict[str, str]:
    """Live cases whose 案号 is one of ``numbers``: number -> case id."""
    out: dict[str, str] = {}
    for chunk in _chunks(numbers):
        marks = ",".join("?" * len(chunk))
        for number, cid in db.execute(
                f"SELECT number, id FROM cases WHERE deleted = 0 AND number IN ({marks})"
                " ORDER BY seq", chunk):
            out.setdefault(number, cid)
    return out


def cases_received_on(db: sqlite_utils.Database, days: list[date]) -> dict[date, list[str]]:
    """Live cases received on each of ``days`` (an import's row key: date, type, names)."""
    out: dict[date, list[str]] = {}
    texts = sorted({d.isoformat() for d in days})
    for chunk in _chunks(texts):
        marks = ",".join("?" * len(chunk))
        for day, cid in db.execute(
                f"SELECT received_on, id FROM cases WHERE deleted = 0"
                f" AND received_on IN ({marks}) ORDER BY seq", chunk):
            out.setdefault(date.fromisoformat(day), []).append(cid)
    return out


def serials_taken(db: sqlite_utils.Database, center_id: str,
                  pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Which (year, serial) of ``pairs`` a case of ``center_id`` already holds."""
    out: set[tuple[int, int]] = set()
    for start in range(0, len(pairs), 300):
        chunk = pairs[start:start + 300]
        marks = ", ".join("(?, ?)" for _ in chunk)
        params: list[Any] = [center_id] + [v for pair in chunk for v in pair]
        for year, serial in db.execute(
                f"SELECT year, serial FROM cases WHERE center_id = ?"
                f" AND (year, serial) IN (VALUES {marks})", params):
            out.add((int(year), int(serial)))
    return out


def raise_serial_counter(db: sqlite_utils.Database, center_id: str, year: int,
                         serial: int) -> None:
    """Make the center's counter for ``year`` at least ``serial`` (an imported 案号 kept as
    it was: the next registration takes the number after it). Inside an operation."""
    db.execute(
        "INSERT INTO number_counters (center_id, year, last_serial) VALUES (?, ?, ?)"
        " ON CONFLICT (center_id, year) DO UPDATE SET"
        " last_serial = max(last_serial, excluded.last_serial)", [center_id, year, serial])


class LedgerRepository:
    """What the ledger service may ask of the database (``ledger_of(store)``)."""

    __slots__ = ("_db",)

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def extras(self, case_ids: list[str], *, facts: bool = False) -> dict[str, LedgerExtras]:
        return ledger_extras(self._db, case_ids, facts=facts)

    def parties(self, case_ids: list[str]) -> dict[str, list[LedgerParty]]:
        return ledger_parties(self._db, case_ids)

    def by_number(self, numbers: list[str]) -> dict[str, str]:
        return cases_by_number(self._db, numbers)

    def received_on(self, days: list[date]) -> dict[date, list[str]]:
        return cases_received_on(self._db, days)

    def serials_taken(self, center_id: str, pairs: list[tuple[int, int]]
                      ) -> set[tuple[int, int]]:
        return serials_taken(self._db, center_id, pairs)

    def keep_serial(self, center_id: str, year: int, serial: int) -> None:
        """Inside an operation: the counter moves past an imported serial."""
        raise_serial_counter(self._db, center_id, year, serial)


def ledger_of(store: Store) -> LedgerRepository:
    """The ledger queries over ``store``'s connection."""
    return LedgerRepository(store.db)
