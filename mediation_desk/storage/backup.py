"""Backup mechanics: consistent copies through SQLite, verification, the sidecar file.

A backup is always made by SQLite's online backup API from a connection (never by copying
the file with Python file APIs: closing any descriptor of a database file drops this
process's POSIX locks on it). A backup file is a plain rollback-journal database
(``journal_mode = DELETE``), so it is one self-contained file that opens read-only.

Writing one (:func:`write_backup`):

1. ``<name>.mdbak.part-<pid>`` is written by the backup API in one step (one read snapshot
   of the source, so it holds exactly the committed state of one moment);
2. it is closed, reopened read-only and verified (:func:`inspect`: integrity check,
   application id and schema version, audit chain, counts);
3. renamed to ``<name>.mdbak``; then the sidecar ``<name>.mdbak.json`` (date, size, cases,
   SHA-256, verified) is written to a temporary name and renamed over.

A process killed at any point leaves either a ``.part`` file (never listed), a backup
without a sidecar (listed as not verified) or a complete, verified backup.

Every copy is written under the source's data key (SQLCipher: the backup API copies pages
only between files with the same key), so a backup of an encrypted desk is encrypted too
and opens with the live key file or the recovery key (docs/encryption.md).

Policy (when, where, how many are kept) lives in :mod:`mediation_desk.services.backup`;
this module also serves the migration backup taken by :func:`.upgrade.ensure_schema`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import sqlite_utils

from . import audit
from .connection import (
    APPLICATION_ID,
    DRIVER_ERRORS,
    SQLITE_BUSY,
    SQLITE_LOCKED,
    SQLITE_NOTADB,
    StorageError,
    connect,
    fsync_folder,
    is_encrypted,
    key_of,
    key_opens,
)

if TYPE_CHECKING:
    from .store import Store

SUFFIX = ".mdbak"
SIDECAR = ".json"
SIDECAR_FORMAT = 1
BACKUP_DIR_SETTING = "backup_dir"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<date>\d{8})-(?P<time>\d{6})-(?P<reason>[a-z0-9-]+?)"
                   r"(?:-(?P<n>\d+))?\.mdbak$")


# -- where backups go ---------------------------------------------------------------------
def default_backup_dir() -> Path:
    """The ``backups`` folder in the user data folder (MEDIATION_DESK_HOME overrides)."""
    from ..logs import data_dir

    return data_dir() / "backups"


def configured_dir(db: sqlite_utils.Database) -> Path | None:
    """The backup folder set for this database (setting ``backup_dir``), or None."""
    try:
        row = db.execute("SELECT value FROM settings WHERE key = ?",
                         [BACKUP_DIR_SETTING]).fetchone()
    except DRIVER_ERRORS:
        return None
    if row is None:
        return None
    value = json.loads(row[0])
    return Path(value) if isinstance(value, str) and value.strip() else None


def backup_dir_of(db: sqlite_utils.Database) -> Path:
    """The folder backups of this database go to (configured, else the default)."""
    return configured_dir(db) or default_backup_dir()


def _locations_file() -> Path:
    from ..logs import data_dir

    return data_dir() / "backup-locations.json"


def remember_location(db_path: Path, folder: Path) -> None:
    """Note outside the database where its backups are (found even if the file is broken)."""
    key = str(db_path.resolve())
    target = _locations_file()
    try:
        known = json.loads(target.read_text("utf-8")) if target.exists() else {}
    except (OSError, ValueError):
        known = {}
    if not isinstance(known, dict):
        known = {}
    if known.get(key) == str(folder):
        return
    known[key] = str(folder)
    with suppress(OSError):
        _write_atomic(target, json.dumps(known, ensure_ascii=False, indent=1).encode("utf-8"))


def remembered_location(db_path: Path) -> Path | None:
    """The folder the last backup of ``db_path`` went to, read without opening the database."""
    try:
        known = json.loads(_locations_file().read_text("utf-8"))
        value = known.get(str(db_path.resolve()))
    except (OSError, ValueError, AttributeError):
        return None
    return Path(value) if isinstance(value, str) and value else None


def restore_hint(db_path: Path | str) -> str:
    """One sentence saying where the backups are and how to restore (for error messages)."""
    p = Path(db_path)
    folder = remembered_location(p) if str(p) else None
    folder = folder or default_backup_dir()
    return (f"备份在 {folder}；恢复请用 mediation-desk restore --db {p} 备份文件，"
            "或在调解工作台中选 文件 → 恢复。")


# -- naming -------------------------------------------------------------------------------
def backup_name(db_path: Path, moment: datetime, reason: str) -> str:
    """``<dbname>-YYYYMMDD-HHMMSS-<reason>.mdbak``."""
    return f"{db_path.stem}-{moment:%Y%m%d-%H%M%S}-{reason}{SUFFIX}"


def parse_name(name: str) -> tuple[str, datetime, str] | None:
    """(database stem, time, reason) of a backup file name, or None."""
    m = _NAME.match(name)
    if m is None:
        return None
    try:
        moment = datetime.strptime(m["date"] + m["time"], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return m["stem"], moment, m["reason"]


def sidecar_of(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR)


# -- facts about a database file ----------------------------------------------------------
@dataclass
class BackupCheck:
    """What a database file holds and whether it passed every check."""

    integrity: list[str] = field(default_factory=list)
    application_id: int = 0
    schema_version: int = 0
    migrations: list[str] = field(default_factory=list)
    audit_ok: bool = False
    audit_rows: int = 0
    audit_problem: str = ""
    cases: int = 0
    last_audit_at: str = ""
    demo: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return not self.problems


def _open_readonly(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    conn = connect(path, key=key, readonly=True)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA query_only = ON")
    return conn


def key_problem(path: Path, key: bytes | None) -> str:
    """One sentence when ``key`` (None: no key) does not open the database file ``path``.

    '' when it opens, or when the file is no database at all (the integrity check says so).
    Read through SQLite only.
    """
    if key is None:
        if is_encrypted(path) and not _plain_garbage(path):
            return ("这份备份是加密的，要用数据库的密钥打开：请登录后再操作（或先用恢复密钥"
                    "打开数据库）。")
        return ""
    if key_opens(path, key):
        return ""
    if not is_encrypted(path):
        return ("这是加密之前的旧备份（未加密），不能用于已加密的数据库。如需其中的内容，"
                "请把它作为单独的旧数据库打开并加密。")
    return ("这份备份不属于这个数据库（它是用另一个数据库的密钥加密的，或文件已损坏），"
            "无法打开。请选择本数据库的备份。")


def _plain_garbage(path: Path) -> bool:
    """True when ``path`` is too short to be an encrypted database (a broken file)."""
    try:
        return path.stat().st_size < 1024
    except OSError:
        return True


def inspect(path: Path, key: bytes | None = None) -> BackupCheck:
    """Open ``path`` read-only and check it: integrity, kind, schema version, audit chain.

    A file ``key`` does not open (another desk's key, a plain file for an encrypted desk,
    an encrypted one without a key) gets one sentence saying so (:func:`key_problem`).
    """
    from .schema import SCHEMA_MAJOR, migrations

    check = BackupCheck()
    if not path.is_file():
        check.problems.append(f"文件不存在：{path}")
        return check
    refused = key_problem(path, key)
    if refused:
        check.problems.append(refused)
        return check
    try:
        conn = _open_readonly(path, key)
    except DRIVER_ERRORS as exc:
        check.problems.append(f"无法打开：{exc}")
        return check
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False)
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        check.integrity = [] if rows == ["ok"] else rows
        if check.integrity:
            check.problems.append("完整性检查未通过：" + "；".join(check.integrity[:3]))
            return check
        check.application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        check.schema_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if check.application_id != APPLICATION_ID:
            check.problems.append("不是调解工作台数据库")
            return check
        if check.schema_version > SCHEMA_MAJOR:
            check.problems.append(f"由更新版本创建（结构版本 {check.schema_version}）")
        check.migrations = [m.name for m in migrations.applied(db)]
        known = {m.name for m in migrations._migrations}
        unknown = [n for n in check.migrations if n not in known]
        if unknown:
            check.problems.append(f"含本程序不认识的结构升级：{unknown[0]}")
        chain = audit.verify_chain(db)
        check.audit_ok, check.audit_rows = chain.ok, chain.rows_checked
        if not chain.ok:
            check.audit_problem = f"第 {chain.first_bad_seq} 条 {chain.reason}"
            check.problems.append(f"审计记录链校验失败：{check.audit_problem}")
        check.cases = int(conn.execute("SELECT count(*) FROM cases WHERE deleted = 0")
                          .fetchone()[0])
        last = conn.execute("SELECT at FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        check.last_audit_at = last[0] if last else ""
        mark = conn.execute("SELECT value FROM settings WHERE key = 'demo'").fetchone()
        check.demo = mark is not None
    except DRIVER_ERRORS as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and int(code) & 0xFF == SQLITE_NOTADB:
            check.problems.append("文件不是调解工作台数据库，或已损坏")
        else:
            check.problems.append(f"读取失败：{exc}")
    finally:
        conn.close()
    return check


def sha256_of(path: Path) -> str:
    """SHA-256 of a (closed, not live) backup file."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# -- copying ------------------------------------------------------------------------------
def _fsync_file(path: Path) -> None:
    # opened for writing: Windows flushes only a handle with write access (FlushFileBuffers
    # on a read-only one fails: PermissionError); a closed backup file, never the live database
    with open(path, "r+b") as fh:
        os.fsync(fh.fileno())


def _write_atomic(target: Path, data: bytes) -> None:
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    fsync_folder(target.parent)


def copy_from_connection(source: sqlite3.Connection, target: Path,
                         key: bytes | None = None) -> None:
    """Write a consistent copy of ``source``'s database to the new file ``target``.

    One backup step copies every page inside one read transaction of the source, so the
    copy is the committed state of one moment (WAL included), whatever others write.
    The copy is a rollback-journal file (no ``-wal`` beside it), synced to disk, encrypted
    with ``key`` (the source's own key: SQLCipher copies pages only between equal keys).
    """
    if target.exists():
        raise StorageError(f"目标文件已存在：{target}", code="backup_exists")
    dest = connect(target, key=key)
    try:
        source.backup(dest, pages=-1)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    _fsync_file(target)


def copy_file(source: Path, target: Path, key: bytes | None = None) -> None:
    """A consistent copy of the database at ``source`` (opened read-only through SQLite)."""
    src = _open_readonly(source, key)
    try:
        copy_from_connection(src, target, key)
    finally:
        src.close()


@dataclass
class BackupRecord:
    """A backup file and its sidecar facts."""

    path: Path
    database: str
    source: str
    created_at: str
    reason: str
    size: int
    sha256: str = ""
    cases: int = 0
    audit_rows: int = 0
    last_audit_at: str = ""
    schema_version: int = 0
    migration: str = ""
    verified: bool = False
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("path")
        data["format"] = SIDECAR_FORMAT
        data["file"] = self.path.name
        return data


def write_backup(source: Store | sqlite3.Connection | Path, db_path: Path, folder: Path,
                 reason: str, moment: datetime, key: bytes | None = None) -> BackupRecord:
    """Write, verify and describe one backup of ``db_path`` in ``folder``.

    ``source`` is an open store or connection (e.g. the one about to import or migrate;
    no transaction may be open on it) or the database path. The backup is encrypted with
    the database's data key (a store's own; ``key`` for a path or a connection).
    Raises :class:`StorageError` when the folder is missing or not writable; a backup that
    fails its checks is kept (marked not verified in its sidecar) and reported.
    """
    if not folder.is_dir():
        raise StorageError(f"备份文件夹不存在（如果是 U 盘，请检查是否已插好）：{folder}",
                           code="backup_dir_missing")
    name = backup_name(db_path, moment, reason)
    final = folder / name
    n = 2
    while final.exists() or sidecar_of(final).exists():
        final = folder / name.replace(SUFFIX, f"-{n}{SUFFIX}")
        n += 1
    part = final.with_name(f"{final.name}.part-{os.getpid()}")
    try:
        if isinstance(source, Path):
            copy_file(source, part, key)
        elif hasattr(source, "db"):  # a Store (the driver's Connection class is untyped)
            store = cast("Store", source)
            key = store.key
            copy_from_connection(store.db.conn, part, key)
        else:
            copy_from_connection(source, part, key)
        check = inspect(part, key)
        digest = sha256_of(part)
        size = part.stat().st_size
        os.replace(part, final)
    except OSError as exc:
        with suppress(OSError):
            part.unlink()
        raise StorageError(f"无法写入备份文件夹 {folder}：{exc.strerror or exc}",
                           code="backup_write_failed") from exc
    except BaseException:
        with suppress(OSError):
            part.unlink()
        raise
    fsync_folder(folder)
    record = BackupRecord(path=final, database=db_path.name, source=str(db_path.resolve()),
                          created_at=moment.isoformat(timespec="milliseconds"), reason=reason,
                          size=size, sha256=digest, cases=check.cases,
                          audit_rows=check.audit_rows, last_audit_at=check.last_audit_at,
                          schema_version=check.schema_version,
                          migration=check.migrations[-1] if check.migrations else "",
                          verified=check.verified, problems=check.problems)
    try:
        _write_atomic(sidecar_of(final),
                      json.dumps(record.to_json(), ensure_ascii=False, indent=1).encode("utf-8"))
    except OSError as exc:
        raise StorageError(f"无法写入备份说明文件：{exc.strerror or exc}",
                           code="backup_write_failed") from exc
    remember_location(db_path, folder)
    return record


def read_record(path: Path) -> BackupRecord:
    """A backup file's record from its sidecar (not verified when the sidecar is missing,
    unreadable, or does not match the file's size)."""
    parsed = parse_name(path.name)
    created = parsed[1].isoformat(timespec="seconds") if parsed else ""
    reason = parsed[2] if parsed else ""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    base = BackupRecord(path=path, database="", source="", created_at=created, reason=reason,
                        size=size, problems=["没有校验记录（备份可能未写完）"])
    try:
        data = json.loads(sidecar_of(path).read_text("utf-8"))
    except (OSError, ValueError):
        return base
    if not isinstance(data, dict) or data.get("format") != SIDECAR_FORMAT:
        return base
    try:
        record = BackupRecord(
            path=path, database=str(data["database"]), source=str(data["source"]),
            created_at=str(data["created_at"]), reason=str(data["reason"]),
            size=int(data["size"]), sha256=str(data["sha256"]), cases=int(data["cases"]),
            audit_rows=int(data.get("audit_rows", 0)),
            last_audit_at=str(data.get("last_audit_at", "")),
            schema_version=int(data.get("schema_version", 0)),
            migration=str(data.get("migration", "")), verified=data.get("verified") is True,
            problems=[str(p) for p in data.get("problems", [])])
    except (KeyError, TypeError, ValueError):
        return base
    if record.size != size:
        record.verified = False
        record.problems = [*record.problems, "文件大小与校验记录不符"]
    return record


def backups_in(folder: Path, stem: str) -> list[BackupRecord]:
    """Backups of databases named ``stem`` in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for p in folder.iterdir():
        parsed = parse_name(p.name)
        if parsed is None or parsed[0] != stem or not p.is_file():
            continue
        found.append(read_record(p))
    found.sort(key=lambda r: (r.created_at, r.path.name), reverse=True)
    return found


def remove_backup(path: Path) -> None:
    """Delete a backup file and its sidecar."""
    for p in (path, sidecar_of(path)):
        with suppress(FileNotFoundError):
            p.unlink()


def stale_parts(folder: Path, stem: str, older_than: float) -> list[Path]:
    """Half-written ``.part`` files of ``stem`` last changed before ``older_than``."""
    if not folder.is_dir():
        return []
    out = []
    for p in folder.glob(f"{stem}-*{SUFFIX}.part-*"):
        with suppress(OSError):
            if p.stat().st_mtime < older_than:
                out.append(p)
    return out


# -- restoring ----------------------------------------------------------------------------
_IN_USE = ("数据库正被其他程序使用（调解工作台窗口或命令行）：{0}。"
           "请先关闭所有打开该文件的窗口和命令，再恢复。数据库未改动。")


def _is_locked(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in (SQLITE_BUSY, SQLITE_LOCKED)
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


@contextmanager
def exclusive(db_path: Path, key: bytes | None = None) -> Iterator[sqlite3.Connection]:
    """Hold the database file alone for the block (no other connection, any process).

    In exclusive locking mode SQLite keeps its lock until the connection closes: while
    the block runs no other process can open the file, and if one already has it open
    (even idle), this raises ``db_in_use`` without changing anything.
    """
    conn = connect(db_path, key=key, timeout=0.5, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")  # the lock stays: exclusive locking mode
        except DRIVER_ERRORS as exc:
            if _is_locked(exc):
                raise StorageError(_IN_USE.format(db_path), code="db_in_use") from exc
            raise
        yield conn
    finally:
        conn.close()


def probe_exclusive(db_path: Path, key: bytes | None = None) -> None:
    """Raise ``db_in_use`` if another connection has ``db_path`` open (then let go)."""
    with exclusive(db_path, key):
        pass


def copy_into(source: Path, target: sqlite3.Connection, key: bytes | None = None) -> None:
    """Replace ``target``'s whole content with the database at ``source``.

    One backup step is one write transaction on the target: a process killed while it
    runs leaves the target as it was (its journal rolls back), never half old, half new.
    The target keeps its journal mode (WAL); its WAL is checkpointed afterwards.
    """
    src = _open_readonly(source, key)
    try:
        src.backup(target, pages=-1)
    finally:
        src.close()
    target.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()


def set_wal(path: Path, key: bytes | None = None) -> None:
    """Put a freshly restored file into WAL mode (the live database's journal mode)."""
    conn = connect(path, key=key)
    try:
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
    finally:
        conn.close()


def migration_backup(db: sqlite_utils.Database, db_path: Path,
                     first_migration: str) -> BackupRecord:
    """The verified backup taken from the open connection before migrating ``db_path``.

    It goes to the database's backup folder (the default one when that is missing) and is
    never rotated away. Raises :class:`StorageError` (and nothing is migrated) when it
    cannot be written or does not pass its checks.
    """
    folder = configured_dir(db)
    if folder is None or not folder.is_dir():
        folder = default_backup_dir()
        folder.mkdir(parents=True, exist_ok=True)
    record = write_backup(db.conn, db_path, folder, "migration", datetime.now(), key_of(db))
    if not record.verified:
        raise StorageError(f"升级前的备份未通过校验（{'；'.join(record.problems[:2])}），"
                           f"数据库未升级（将执行 {first_migration}）。", code="backup_unverified")
    return record


def audit_position(path: Path, key: bytes | None = None) -> tuple[int, str, int]:
    """(audit rows, time of the newest one, schema version) of a closed database file:
    what a backup's sidecar records of the state it holds (read-only, nothing written)."""
    conn = _open_readonly(path, key)
    try:
        rows = int(conn.execute("SELECT count(*) FROM audit").fetchone()[0])
        last = conn.execute("SELECT at FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        return rows, (last[0] if last else ""), version
    finally:
        conn.close()


def last_audit_seq(store: Store) -> int:
    """The number of the newest audit entry of an open store (0 when there is none)."""
    row = store.db.execute("SELECT max(seq) FROM audit").fetchone()
    return int(row[0] or 0)
