"""The repositories: what the services may ask of the database, in their own words.

A :class:`~.store.Store` carries one of each over its connection (``store.cases``,
``store.items``, ``store.directory``, ``store.calendar``, ``store.documents``,
``store.audit``, ``store.exchange``, ``store.changes``). Services speak intent
(``store.cases.page(flt, sort, today=...)``, ``store.exchange.cases_of_center(id)``)
and never see the connection or write SQL; every method here is a thin delegation to
the storage module that holds the SQL, so nothing gets slower.

Reads may run anywhere on the door's thread (the reader inside a snapshot, the writer
inside or outside an operation). Methods that write (marked "inside an operation") must
run inside ``store.operation(...)``, whose transaction and audit row they join; the
audited writes of domain records stay on :class:`~.store.Work`.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

import sqlite_utils

from ..domain.access import Account
from ..domain.models import (
    Agreement,
    Attachment,
    Case,
    CaseEvent,
    Center,
    HolidayNotice,
    Mediator,
    Party,
)
from ..domain.paging import CaseCursor, CasePage
from ..domain.queries import CaseFilter, CaseRow, CaseSort, DashboardCounts
from ..domain.statistics import StatFacts
from . import (
    accounts,
    audit,
    bulk,
    calendar,
    case_queries,
    cases,
    changes,
    court_queries,
    directory,
    documents,
    exchange,
    exchange_apply,
    exchange_bases,
    exchange_status,
    items,
    seals,
    statistics_queries,
)

Rows = list[dict[str, Any]]


class _Repository:
    __slots__ = ("_db",)

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db


class CaseRepository(_Repository):
    """Cases: by key, the list's pages and counts, the dashboard, the court's views."""

    __slots__ = ()

    def get(self, key: str, *, include_deleted: bool = False) -> Case | None:
        """A case by UUID or number (tombstoned ones only with ``include_deleted``)."""
        return cases.get_case(self._db, key, include_deleted=include_deleted)

    def page(self, flt: CaseFilter, sort: CaseSort, *, today: date,
             offset: int = 0, limit: int = 100) -> list[CaseRow]:
        """One page of the case list matching ``flt``, ordered by ``sort``."""
        return case_queries.list_cases(self._db, flt, today=today, sort=sort, offset=offset,
                                       limit=limit)

    def keyset_page(self, flt: CaseFilter, sort: CaseSort, *, today: date,
                    after: CaseCursor | None = None, limit: int = 100) -> CasePage:
        """The page of the case list after ``after`` (the first without it), by keyset."""
        return case_queries.page_cases(self._db, flt, today=today, sort=sort, after=after,
                                       limit=limit)

    def count(self, flt: CaseFilter, *, today: date, cap: int | None = None) -> int:
        """How many cases match ``flt`` (counting stops at ``cap`` when given)."""
        return case_queries.count_cases(self._db, flt, today=today, cap=cap)

    def serial_clashes(self, incoming: list[tuple[str, str, int, int]]
                       ) -> list[tuple[str, str]]:
        """Incoming cases (id, center, year, serial) whose number another case holds here:
        (incoming id, that case's number)."""
        return cases.serial_clashes(self._db, incoming)

    def count_live(self) -> int:
        """Number of live cases."""
        return cases.count_all(self._db)

    def parties_of(self, case_ids: list[str]) -> dict[str, list[Party]]:
        """Live parties of several cases, keyed by case id."""
        return case_queries.parties_of(self._db, case_ids)

    def dashboard(self, *, today: date, warn_days: int) -> DashboardCounts:
        """The dashboard's counts for ``today``."""
        return case_queries.dashboard_counts(self._db, today=today, warn_days=warn_days)

    def awaiting_jc(self, *, today: date, limit: int = 100) -> list[CaseRow]:
        """Agreed cases inside their judicial-confirmation window, nearest end first."""
        return case_queries.awaiting_jc(self._db, today=today, limit=limit)

    def follow_ups_due(self, *, today: date, limit: int = 100) -> list[CaseRow]:
        """Cases whose follow-up visit is due, oldest due first."""
        return case_queries.follow_ups_due(self._db, today=today, limit=limit)

    def open_workloads(self) -> dict[str, int]:
        """Open cases per mediator id."""
        return case_queries.open_workloads(self._db)

    def related_open_cases(self, parties: list[Party], *, exclude_case_id: str | None = None
                           ) -> list[tuple[CaseRow, str]]:
        """Other open cases sharing a party, each with the reason (Chinese)."""
        return case_queries.related_open_cases(self._db, parties,
                                               exclude_case_id=exclude_case_id)

    def mediator_names(self, mediator_ids: list[str]) -> str:
        """Names of mediators by id, in the given order (``、``-separated)."""
        return cases.mediator_names(self._db, mediator_ids)

    # -- the court liaison desk ---------------------------------------------------
    def court_center_counts(self, *, today: date) -> list[dict[str, Any]]:
        """Per other center: counts of its court-related cases."""
        return court_queries.center_counts(self._db, today=today)

    def handed_to_filing(self, center_id: str | None = None) -> list[str]:
        """Ids of live cases handed over for filing (of one center when given)."""
        return court_queries.handed_to_filing(self._db, center_id)

    def session_dates(self, case_id: str) -> list[str]:
        """Dates (YYYY-MM-DD) of the mediation sessions of a case."""
        return court_queries.session_dates(self._db, case_id)

    # -- bulk loading (the demo) ---------------------------------------------------
    def reserve_serials(self, center_id: str, year: int, count: int) -> int:
        """Inside an operation: reserve ``count`` consecutive serials; return the first."""
        return bulk.reserve_serials(self._db, center_id, year, count)

    def insert_batch(self, *, cases: list[Case], events: list[CaseEvent],
                     agreements: list[Agreement], mediators: dict[str, Mediator], now: str,
                     origin: str) -> None:
        """Inside an operation: insert new, already numbered cases with their records."""
        bulk.insert_batch(self._db, cases=cases, events=events, agreements=agreements,
                          mediators=mediators, now=now, origin=origin)

    def write_rows(self, rows: bulk.BatchRows, *, now: str) -> None:
        """Inside an operation: insert a batch's rows made by ``bulk.batch_rows``."""
        bulk.write_rows(self._db, rows, now)


class StatisticsRepository(_Repository):
    """What statistics count: the events of a window of dates (docs/statistics.md)."""

    __slots__ = ()

    def facts(self, start: date, end: date, *, trend_only: bool = False,
              center_id: str | None = None, with_mediators: bool = True) -> StatFacts:
        """Every counted event dated ``start``..``end`` and the cases behind them
        (``trend_only``: acceptances and successes only, of ``center_id``'s cases if given;
        ``with_mediators=False``: no case's mediators read)."""
        return statistics_queries.facts(self._db, start, end, trend_only=trend_only,
                                        center_id=center_id, with_mediators=with_mediators)


class ItemRepository(_Repository):
    """What hangs off a case: events, agreements, attachments and their contents."""

    __slots__ = ()

    def events_of(self, case_id: str) -> list[CaseEvent]:
        """Live events of a case, oldest first."""
        return items.events_of(self._db, case_id)

    def agreement_of(self, case_id: str) -> Agreement | None:
        """The live agreement of a case (the latest if several), or None."""
        return items.agreement_of(self._db, case_id)

    def agreements_of(self, case_id: str) -> list[Agreement]:
        """Every live agreement of a case, oldest first."""
        return items.agreements_of(self._db, case_id)

    def attachments_of(self, case_id: str) -> list[Attachment]:
        """Live attachments of a case, in the order added."""
        return items.attachments_of(self._db, case_id)

    def blob(self, sha256: str) -> bytes | None:
        """Attachment content by hash, or None."""
        return items.blob(self._db, sha256)


class DirectoryRepository(_Repository):
    """Centers, mediators and settings."""

    __slots__ = ()

    def self_center(self) -> Center | None:
        """This desk's own center, or None before init."""
        return directory.self_center(self._db)

    def center(self, center_id: str) -> Center | None:
        """A center by id."""
        return directory.center(self._db, center_id)

    def centers(self) -> list[Center]:
        """All live centers known to this desk, by code."""
        return directory.centers(self._db)

    def center_codes(self) -> dict[str, str]:
        """Every known center (tombstoned too): id -> code."""
        return directory.center_codes(self._db)

    def code_holders(self, codes: list[str]) -> dict[str, tuple[str, str]]:
        """Centers holding these codes (tombstoned too): code -> (center id, name)."""
        return directory.code_holders(self._db, codes)

    def mediators(self, *, include_inactive: bool = True) -> list[Mediator]:
        """Live mediators, by name."""
        return directory.mediators(self._db, include_inactive=include_inactive)

    def mediator(self, mediator_id: str) -> Mediator | None:
        """A mediator by id (tombstoned included)."""
        return directory.mediator(self._db, mediator_id)

    def setting(self, key: str, default: Any = None) -> Any:
        """A setting's value, or ``default``."""
        return directory.get_setting(self._db, key, default)

    def settings(self) -> dict[str, Any]:
        """Every stored setting."""
        return directory.all_settings(self._db)


class CalendarRepository(_Repository):
    """Holiday notices (节假日安排) and the cases whose deadlines depend on them."""

    __slots__ = ()

    def notices(self) -> list[HolidayNotice]:
        """Every live holiday notice, by year."""
        return calendar.notices(self._db)

    def notice(self, notice_id: str) -> HolidayNotice | None:
        """A notice by id (tombstoned included)."""
        return calendar.notice(self._db, notice_id)

    def cases_with_deadlines_from(self, center_id: str, since: date) -> list[Case]:
        """A center's cases with a deadline on or after ``since``."""
        return calendar.cases_with_deadlines_from(self._db, center_id, since)


class DocumentRegister(_Repository):
    """The document register (文书登记); entries are written by ``Work.register_document``."""

    __slots__ = ()

    def of_case(self, case_id: str) -> list[documents.DocumentEntry]:
        """Register rows of a case, oldest first."""
        return documents.of_case(self._db, case_id)

    def by_code(self, code: str) -> list[documents.DocumentEntry]:
        """Register rows with a printed verification code, newest first."""
        return documents.by_code(self._db, code)

    def by_sha256(self, sha256: str) -> list[documents.DocumentEntry]:
        """Register rows of the PDF with this SHA-256, newest first."""
        return documents.by_sha256(self._db, sha256)

    def first_issued(self, origin: str, code: str) -> str | None:
        """When the desk ``origin`` first issued the paper with this code (None: never)."""
        return documents.first_issued(self._db, origin, code)


class AccountRepository(_Repository):
    """The desk's accounts (local, never exchanged); writes through ``Work.save_account``."""

    __slots__ = ()

    def all(self) -> list[Account]:
        """Every account, active first, by name."""
        return accounts.all_accounts(self._db)

    def get(self, account_id: str) -> Account | None:
        return accounts.by_id(self._db, account_id)

    def named(self, name: str) -> Account | None:
        return accounts.by_name(self._db, name)

    def count(self) -> int:
        return accounts.count(self._db)


class AuditLog(_Repository):
    """The audit trail (its rows are appended by ``Store.operation``)."""

    __slots__ = ()

    def case_history(self, case_id: str) -> list[dict[str, Any]]:
        """Audit rows of one case, oldest first."""
        return audit.case_history(self._db, case_id)

    def verify_chain(self) -> audit.ChainCheck:
        """Walk the hash chain; report the first row that does not match."""
        return audit.verify_chain(self._db)

    def head(self) -> tuple[int, str]:
        """The chain's newest row as (seq, hash); (0, '') when empty."""
        return audit.head(self._db)

    def registered_by(self, case_id: str) -> str:
        """Who registered a case here (the actor of its first audit row; '' when unknown)."""
        return audit.first_actor(self._db, case_id)

    def last_seq(self) -> int:
        """Sequence number of the newest audit row (0 when there is none)."""
        row = self._db.execute("SELECT max(seq) FROM audit").fetchone()
        return int(row[0] or 0)


class ExchangeRepository(_Repository):
    """Keys, trust, the bundle ledger, merge bases, conflicts and raw merged records.

    Records cross as raw rows (``fetch``, the export selections) turned into wire dicts by
    :meth:`wire_rows`, and go back as wire dicts (:meth:`write_rows`, :meth:`insert_new`).
    """

    __slots__ = ()

    # -- keys and trust -----------------------------------------------------------
    def load_keys(self) -> tuple[bytes, bytes] | None:
        """This desk's private keys (signing, encryption), or None before they exist."""
        return exchange.load_keys(self._db)

    def save_keys(self, signing: bytes, encryption: bytes, now: str) -> None:
        """Inside an operation: store the desk's keys once."""
        exchange.save_keys(self._db, signing, encryption, now)

    def replace_keys(self, signing: bytes, encryption: bytes, now: str) -> None:
        """Inside an operation: replace the desk's own keys (a key change)."""
        exchange.replace_keys(self._db, signing, encryption, now)

    def trusted(self, code: str | None = None) -> Rows:
        """Trusted desks (all, or the one with ``code``)."""
        return exchange.trusted(self._db, code)

    def add_revoked_key(self, row: dict[str, Any]) -> None:
        """Inside an operation: remember a key this desk stopped trusting."""
        exchange.add_revoked_key(self._db, row)

    def revoked_keys(self) -> Rows:
        """Every revoked key, newest first."""
        return exchange.revoked_keys(self._db)

    def key_revoked(self, signing: bytes, encryption: bytes) -> str | None:
        """Fingerprint of a revoked key sharing either public key, or None."""
        return exchange.key_revoked(self._db, signing, encryption)

    def add_anchors(self, rows: list[tuple[str, str, int, str, str, str]]) -> None:
        """Inside an operation: keep audit anchors (repeats ignored)."""
        exchange.add_anchors(self._db, rows)

    def anchors(self, direction: str, peer: str | None = None,
                limit: int | None = None) -> Rows:
        """Audit anchors of one direction (``received`` or ``confirmed``), newest first."""
        return exchange.anchors(self._db, direction, peer, limit)

    def ledger_sequences(self, peer: str, direction: str) -> list[int]:
        """Every ledger sequence from/to ``peer``, ascending."""
        return exchange.ledger_sequences(self._db, peer, direction)

    def save_trusted(self, row: dict[str, Any]) -> None:
        """Inside an operation: insert or replace a trusted desk."""
        exchange.save_trusted(self._db, row)

    def set_revoked(self, code: str, now: str) -> None:
        """Inside an operation: mark a trusted desk's key revoked."""
        exchange.set_revoked(self._db, code, now)

    # -- ledger, what peers hold, merge bases --------------------------------------
    def ledger_entry(self, bundle_id: str) -> dict[str, Any] | None:
        """The ledger row of a bundle, or None."""
        return exchange.ledger_entry(self._db, bundle_id)

    def last_sequence(self, peer: str, direction: str) -> int:
        """Highest sequence sent to (``out``) or received from (``in``) ``peer``."""
        return exchange.last_sequence(self._db, peer, direction)

    def last_bundles(self) -> dict[tuple[str, str], tuple[int, str]]:
        """(peer, direction) -> (highest sequence, when recorded)."""
        return exchange_status.last_bundles(self._db)

    def record_ledger(self, row: dict[str, Any]) -> None:
        """Inside an operation: add a ledger row."""
        exchange.record_ledger(self._db, row)

    def record_sent(self, peer: str, sequence: int, sent: Iterable[tuple[str, str, int]]
                    ) -> None:
        """Inside an operation: which record versions went out in a bundle."""
        exchange.record_sent(self._db, peer, sequence, sent)

    def mark_known(self, peer: str, known: Iterable[tuple[str, str, int]]) -> None:
        """Inside an operation: ``peer`` holds these record versions."""
        exchange.mark_known(self._db, peer, known)

    def acknowledge(self, peer: str, upto: int) -> None:
        """Inside an operation: the peer received our bundles up to ``upto``."""
        exchange.acknowledge(self._db, peer, upto)

    def known_versions(self, peer: str, entity: str) -> dict[str, int]:
        """Record id -> version held by ``peer``."""
        return exchange.known_versions(self._db, peer, entity)

    def known_versions_of(self, peer: str, entity: str, ids: list[str]) -> dict[str, int]:
        """Record id -> version held by ``peer``, for these ids only."""
        return exchange.known_versions_of(self._db, peer, entity, ids)

    def case_ids(self, selection: str, values: list[Any]) -> list[str]:
        """Ids of the cases an export selects (``all``, ``ids``, ``sources``, ``center``,
        ``mediator``), in insertion order."""
        return exchange.case_ids(self._db, selection, values)

    def bases(self, entity: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Merge bases of records."""
        return exchange.bases(self._db, entity, ids)

    def set_bases(self, entity: str, recs: Iterable[dict[str, Any]]) -> None:
        """Inside an operation: store merge bases."""
        exchange.set_bases(self._db, entity, recs)

    def set_bases_packed(self, entity: str, member: tuple[int, bytes],
                         rows: list[tuple[str, int, int]]) -> None:
        """Inside an operation: store bases that are lines of a bundle member."""
        exchange.set_bases_packed(self._db, entity, member, rows)

    def packed_bases(self, entity: str, member: tuple[int, bytes | memoryview | list[bytes]]
                     ) -> exchange_bases.PackedBases:
        """Inside an operation: bases that are lines of a bundle member, batch by batch."""
        return exchange_bases.PackedBases(self._db, entity, member)

    def appending(self) -> AbstractContextManager[None]:
        """Inside an operation: new record rows written meanwhile are sealed by the seq
        range they append (``seals.appending``), not noted one by one."""
        return seals.appending(self._db, seals.TABLES)

    # -- conflicts ----------------------------------------------------------------
    def add_conflicts(self, rows: list[tuple[Any, ...]]) -> None:
        """Inside an operation: record conflicting fields."""
        exchange.add_conflicts(self._db, rows)

    def open_conflicts(self) -> Rows:
        """Conflicts waiting for a person's choice."""
        return exchange.open_conflicts(self._db)

    def resolve_conflict(self, seq: int, choice: str, now: str) -> None:
        """Inside an operation: mark a conflict decided."""
        exchange.resolve_conflict(self._db, seq, choice, now)

    # -- records ------------------------------------------------------------------
    def fetch(self, entity: str, ids: list[str]) -> Rows:
        """Raw rows of ``entity`` with these ids (tombstones included)."""
        return exchange.fetch(self._db, entity, ids)

    def wire_rows(self, entity: str, cls: type, rows: Rows, fields: list[str]) -> Rows:
        """Raw rows -> wire dicts (JSON values, real booleans, case mediator ids)."""
        return exchange.to_wire_rows(self._db, entity, cls, rows, fields)

    def wire_records(self, entity: str, cls: type, ids: list[str], fields: list[str]) -> Rows:
        """The records with these ids as wire dicts."""
        return exchange.to_wire_rows(self._db, entity, cls, exchange.fetch(self._db, entity, ids),
                                     fields)

    def existing_ids(self, entity: str, ids: set[str]) -> set[str]:
        """Which of ``ids`` exist in ``entity`` (tombstones included)."""
        return exchange.existing_ids(self._db, entity, ids)

    def existing_blobs(self, hashes: set[str]) -> set[str]:
        """Which attachment contents are stored."""
        return exchange.existing_blobs(self._db, hashes)

    def case_id_of(self, entity: str, record_id: str) -> str:
        """The case a record belongs to ('' when unknown)."""
        return exchange.case_id_of(self._db, entity, record_id)

    # what an export selects (raw rows, tombstones included)
    def all_records(self, entity: str) -> Rows:
        """Every row of ``entity``."""
        return exchange.all_records(self._db, entity)

    def cases_with_ids(self, ids: list[str]) -> Rows:
        """The case rows with these ids."""
        return exchange.cases_with_ids(self._db, ids)

    def cases_from_sources(self, sources: Iterable[str]) -> Rows:
        """Case rows whose source is one of ``sources``."""
        return exchange.cases_from_sources(self._db, sources)

    def cases_of_center(self, center_id: str) -> Rows:
        """Case rows of one center."""
        return exchange.cases_of_center(self._db, center_id)

    def cases_of_mediator(self, mediator_id: str, origin: str = "") -> Rows:
        """Case rows to which a mediator is assigned, and those desk ``origin`` registered."""
        return exchange.cases_of_mediator(self._db, mediator_id, origin)

    def children_of_cases(self, entity: str, case_ids: list[str]) -> Rows:
        """Rows of a child entity (parties, events, agreements, attachments) of these cases."""
        return exchange.children_of_cases(self._db, entity, case_ids)

    def mediators_of_center(self, center_id: str) -> Rows:
        """A center's whole roster."""
        return exchange.mediators_of_center(self._db, center_id)

    def notices_of_origin(self, origin: str) -> Rows:
        """Holiday notice rows issued by ``origin``."""
        return exchange.notices_of_origin(self._db, origin)

    def status_counts_without_sources(self, sources: list[str]) -> dict[str, int]:
        """Live cases per status, leaving out the given sources (counts only)."""
        return exchange.status_counts_without_sources(self._db, sources)

    # -- writing merged records (inside an operation) --------------------------------
    def store_blobs(self, blobs: dict[str, bytes]) -> None:
        """Inside an operation: store attachment contents by hash."""
        exchange.store_blobs(self._db, blobs)

    def write_rows(self, entity: str, wires: Rows) -> None:
        """Inside an operation: upsert wire records exactly as given."""
        exchange.write_rows(self._db, entity, wires)

    def insert_new(self, entity: str, wires: Rows,
                   derived: dict[str, tuple[str, str]] | None = None) -> None:
        """Inside an operation: plain batched INSERTs of records new to this desk."""
        exchange_apply.insert_new(self._db, entity, wires, derived)

    def new_case_texts(self, new_cases: Rows, new_parties: Iterable[dict[str, Any]]
                       ) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
        """Names and search text of new cases, computed from the bundle."""
        return exchange_apply.new_case_texts(self._db, new_cases, new_parties)

    def index_new_cases(self, bodies: dict[str, str]) -> None:
        """Inside an operation: search entries of new cases."""
        exchange_apply.index_new_cases(self._db, bodies)

    def refresh_cases(self, case_ids: Iterable[str]) -> None:
        """Inside an operation: recompute names and search entries after raw writes."""
        exchange.refresh_cases(self._db, case_ids)


class Changes(_Repository):
    """Commits made by other connections."""

    __slots__ = ()

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file."""
        return changes.data_version(self._db)

    def marker(self) -> tuple[int, int]:
        """Changes whenever anyone (this connection included) writes to the file."""
        return changes.marker(self._db)
