"""The store: an open database plus the one way to change it.

Every business operation runs as ``with store.operation(actor, action) as work:``;
the block's writes and one audit row commit together or not at all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from ..domain import attachment_types
from ..domain.access import Account
from ..domain.errors import DomainError
from ..domain.models import (
    Agreement,
    Attachment,
    Case,
    CaseEvent,
    Center,
    HolidayNotice,
    Mediator,
)
from . import audit, calendar, cases, directory, documents, items, seals
from .connection import (
    DRIVER_ERRORS,
    StorageError,
    copy_database,
    file_identity,
    gone_message,
    key_of,
    open_database,
    translate_error,
)
from .records import ChangeLog
from .upgrade import ensure_schema, needs_migration

if TYPE_CHECKING:
    from .integrity import CheckReport

log = logging.getLogger(__name__)


def _local_now() -> datetime:
    return datetime.now().astimezone()


class Work:
    """Writes inside one operation; collects the changes for the audit row."""

    def __init__(self, store: Store, now: datetime) -> None:
        self.store = store
        self.db = store.db
        self.log = ChangeLog()
        self.moment = now
        self.now = now.astimezone(UTC).isoformat(timespec="milliseconds")
        self.origin = store.origin_code()
        self.case_id: str | None = None
        self.summary = ""

    def _kw(self) -> dict[str, Any]:
        return {"log": self.log, "now": self.now, "origin": self.origin}

    def next_serial(self, center_id: str, year: int) -> int:
        """Reserve the next case serial for a center and year."""
        return cases.next_serial(self.db, center_id, year)

    def save_case(self, case: Case) -> None:
        """Write a case with its parties and mediators."""
        self.case_id = self.case_id or case.id
        cases.save_case(self.db, case, **self._kw())

    def save_event(self, event: CaseEvent) -> None:
        """Write a case event (by the logged-in account, whatever name the caller gave)."""
        if self.store.principal is not None:
            event.actor = self.store.principal.name
        items.save_event(self.db, event, **self._kw())

    def save_agreement(self, agreement: Agreement) -> None:
        """Write an agreement."""
        items.save_agreement(self.db, agreement, **self._kw())

    def add_attachment(self, attachment: Attachment, content: bytes) -> None:
        """Store an attachment's content (hashed) and its metadata.

        The content decides (``domain.attachment_types.accept``): anything but PDF, JPEG,
        PNG or TIFF raises ``AttachmentRefused``; the stored media type is the sniffed one
        and the name is reduced to a safe base name whose extension matches it.
        """
        attachment.name, kind = attachment_types.accept(attachment.name, content)
        attachment.media_type = kind.media_type
        attachment.sha256 = items.store_blob(self.db, content)
        attachment.size = len(content)
        attachment.added_at = attachment.added_at or self.now
        items.save_attachment(self.db, attachment, **self._kw())

    def save_attachment(self, attachment: Attachment) -> None:
        """Update an attachment's metadata (e.g. a tombstone)."""
        items.save_attachment(self.db, attachment, **self._kw())

    def save_mediator(self, mediator: Mediator) -> None:
        """Write a mediator."""
        directory.save_mediator(self.db, mediator, **self._kw())

    def save_center(self, center: Center, *, is_self: bool | None = None) -> None:
        """Write a center."""
        directory.save_center(self.db, center, is_self=is_self, **self._kw())

    def save_holiday_notice(self, notice: HolidayNotice) -> None:
        """Write a holiday notice (节假日安排)."""
        calendar.save_notice(self.db, notice, **self._kw())

    def save_account(self, account: Account) -> None:
        """Write an account (local to this desk, never exchanged)."""
        from . import accounts

        accounts.save(self.db, account, log=self.log, now=self.now)

    def set_setting(self, key: str, value: Any) -> None:
        """Store a setting."""
        directory.set_setting(self.db, key, value, log=self.log)

    def register_document(self, entry: documents.DocumentEntry) -> None:
        """Record a generated document in the register (文书登记) and in the audit row."""
        documents.add(self.db, entry)
        self.log.add("document", entry.id, "insert", {
            "kind": [None, entry.kind], "sha256": [None, entry.sha256],
            "verification_code": [None, entry.verification_code]})

    def note(self, entity: str, record_id: str, fields: dict[str, list[Any]]) -> None:
        """Add a change entry that no record save produced (e.g. a reveal)."""
        self.log.add(entity, record_id, "note", fields)


class Store:
    """An open Mediation Desk database."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None,
                 clock: Callable[[], datetime] = _local_now, readonly: bool = False) -> None:
        from . import repositories as r

        self.db = db
        # what services may ask of this connection, in their words (storage/repositories.py)
        self.cases, self.items = r.CaseRepository(db), r.ItemRepository(db)
        self.directory, self.calendar = r.DirectoryRepository(db), r.CalendarRepository(db)
        self.documents, self.audit = r.DocumentRegister(db), r.AuditLog(db)
        self.exchange, self.changes = r.ExchangeRepository(db), r.Changes(db)
        self.accounts = r.AccountRepository(db)
        self.statistics = r.StatisticsRepository(db)
        self.path = path
        self.clock = clock
        self.readonly = readonly
        self._origin: str | None = None
        # who is logged in (None: the program itself, e.g. building a demo or a test
        # fixture); set by services/access.py, which also installs ``guard``: called with
        # each operation's action before it begins, it raises when the account may not
        self.principal: Account | None = None
        self.guard: Callable[[str], None] | None = None
        # which file the connection has open: a write first checks the path still names it
        self.identity = file_identity(path) if path is not None else None

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, readonly: bool = False,
             clock: Callable[[], datetime] = _local_now,
             check_same_thread: bool = True, verify_schema: bool = True,
             key: bytes | None = None, backup_before_migrating: bool = True) -> Store:
        """Open a database file, migrating it if needed (never when read-only).

        An existing file's schema must be exactly what this version wrote for the
        migrations it has applied (:mod:`.integrity`); otherwise it is refused,
        unchanged, before any write. ``verify_schema=False`` is for ``check``,
        which reports the differences instead. ``key``: the data key of an encrypted file
        (docs/encryption.md); a new file made with a key is encrypted from its first page.
        ``backup_before_migrating=False`` only for a throw-away copy whose original is kept
        (the demo cache upgrading an older build).
        """
        p = Path(path)
        from .integrity import verify_schema as verify
        from .schema import SCHEMA_MAJOR

        db = open_database(p, create=create, readonly=readonly,
                           check_same_thread=check_same_thread, max_user_version=SCHEMA_MAJOR,
                           verify=(lambda ro: verify(ro, p)) if verify_schema else None,
                           key=key)
        try:
            if readonly:
                if needs_migration(db):
                    if not db.table_names():
                        raise StorageError(f"文件不是调解工作台数据库：{p}", code="db_wrong_kind")
                    raise StorageError(
                        f"数据库 {p} 由旧版本创建，需要先升级（升级前会自动备份）："
                        f"请运行 mediation-desk upgrade --db {p}，或在调解工作台中打开它一次。",
                        code="db_needs_migration")
            else:
                ensure_schema(db, p if backup_before_migrating else None)
                seals.track_writes(db)  # every operation seals the rows it wrote
        except DRIVER_ERRORS as exc:
            db.close()
            raise translate_error(exc, p) from exc
        except BaseException:
            db.close()
            raise
        return cls(db, p, clock=clock, readonly=readonly)

    def widen_cache(self, mebibytes: int) -> None:
        """A larger page cache on this connection for a long bulk load (storage/bulk.py)."""
        from . import bulk

        bulk.widen_cache(self.db, mebibytes)

    def loading_new_file(self) -> AbstractContextManager[None]:
        """Bulk loading into a file nobody else has open yet (storage/bulk.new_file_load)."""
        from . import bulk

        return bulk.new_file_load(self.db)

    @property
    def key(self) -> bytes | None:
        """The data key the file is encrypted with (None: a plain file)."""
        return key_of(self.db)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # -- the file under the connection ----------------------------------------
    def file_gone(self) -> bool:
        """True when the path no longer names the file opened (deleted, moved, replaced)."""
        if self.path is None or self.identity is None:
            return False
        return file_identity(self.path) != self.identity

    def _refuse_if_gone(self) -> None:
        if self.file_gone():
            log.warning("database file %s was moved, deleted or replaced; write refused", self.path)
            raise StorageError(gone_message(self.path or ""), code="db_gone")

    @staticmethod
    def copy_file(source: str | Path, target: str | Path, *, key: bytes | None) -> Path:
        """Copy the database file ``source`` (any schema version) to ``target``, unchanged."""
        db = open_database(source, readonly=True, key=key)
        try:
            return copy_database(db, target)
        finally:
            db.close()

    def save_copy(self, target: str | Path) -> Path:
        """Write a complete copy of the open database to ``target`` (SQLite backup API).

        Made from the open connection, so after the file went away (``db_gone``)
        everything committed so far can still be kept. Returns the copy's path.
        """
        return copy_database(self.db, target)

    # -- time ---------------------------------------------------------------
    def now(self) -> datetime:
        """The current local time (injectable for tests)."""
        return self.clock()

    def today(self) -> date:
        """The current local date."""
        return self.clock().date()

    def origin_code(self) -> str:
        """Code of this desk's center (stamped as ``origin`` on new records)."""
        if self._origin is None:
            c = directory.self_center(self.db)
            if c is None:
                return ""
            self._origin = c.code
        return self._origin

    # -- writing ------------------------------------------------------------
    @contextmanager
    def operation(self, actor: str, action: str, *, case_id: str | None = None,
                  summary: str = "") -> Iterator[Work]:
        """One business operation: its writes and audit row in one transaction."""
        if self.readonly:
            raise StorageError("数据库以只读方式打开，不能修改。", code="db_readonly")
        if self.principal is not None:
            actor = self.principal.name  # the audit names the logged-in account, always
        if not actor:
            raise DomainError("必须注明操作人。", code="actor_missing")
        if self.guard is not None:
            self.guard(action)
        self._refuse_if_gone()
        work = Work(self, self.clock())
        work.case_id, work.summary = case_id, summary
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except DRIVER_ERRORS as exc:
            raise translate_error(exc, self.path or "") from exc
        try:
            yield work
            changes = work.log.entries + seals.seal_written(self.db)
            audit.append(self.db, at=work.now, actor=actor, action=action,
                         case_id=work.case_id, summary=work.summary, changes=changes)
            self._refuse_if_gone()  # gone while the operation ran: roll back, report
            self.db.execute("COMMIT")
        except BaseException as exc:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            self._origin = None
            if isinstance(exc, DRIVER_ERRORS):
                raise translate_error(exc, self.path or "") from exc
            raise

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction: every query inside sees the same committed state.

        Nested use (already in a transaction) just runs inside the outer one.
        """
        outer = self.db.conn.in_transaction  # a local: the check after yield is not narrowed
        if outer:
            yield
            return
        try:
            self.db.execute("BEGIN")
        except DRIVER_ERRORS as exc:
            raise translate_error(exc, self.path or "") from exc
        try:
            yield
        finally:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")  # a read snapshot has nothing to keep

    # -- checks -------------------------------------------------------------
    def check(self) -> tuple[list[str], audit.ChainCheck]:
        """Every check of :meth:`check_report`: (its findings as lines, the audit chain)."""
        report = self.check_report()
        return report.problems(), report.chain

    def check_report(self) -> CheckReport:
        """Integrity, schema, every record against the audit trail, attachments, audit chain."""
        from .integrity import full_check

        return full_check(self.db)
