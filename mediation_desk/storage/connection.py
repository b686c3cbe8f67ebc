"""The one place that opens the database file.

Everything else receives a :class:`sqlite_utils.Database` from :func:`open_database` (or a
driver connection from :func:`connect`). The driver is ``sqlcipher3``: SQLCipher's SQLite,
which keeps the ``sqlite3`` API and encrypts every page with the desk's data key
(docs/encryption.md). Every connection of the process goes through it, keyed or not: two
copies of SQLite in one process do not see each other's POSIX locks, and closing one copy's
descriptor of a file would drop the other's locks (https://sqlite.org/howtocorrupt.html 2.2.1).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlcipher3 import dbapi2 as driver

from ..domain.errors import DomainError

APPLICATION_ID = 0x4D445331  # "MDS1": marks a file as a Mediation Desk database
BUSY_TIMEOUT_MS = 5000

# sqlite3's own classes too: sqlite-utils' in-memory databases (integrity.py) use it
DRIVER_ERRORS: tuple[type[BaseException], ...] = (driver.Error, sqlite3.Error)
IntegrityError: type[Exception] = driver.IntegrityError
OperationalError: type[Exception] = driver.OperationalError
KEY_BYTES = 32


def _key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a data key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: str | os.PathLike[str], *, key: bytes | None = None, readonly: bool = False,
            check_same_thread: bool = True, timeout: float = 5.0,
            isolation_level: str | None = "") -> sqlite3.Connection:
    """A driver connection to ``path``, keyed with ``key`` before anything else runs.

    ``readonly`` opens through a ``mode=ro`` URI (nothing is created or changed). The key
    is not checked here: the first read of a wrong key raises SQLITE_NOTADB. Temporary
    storage is memory (``temp_store``; docs/encryption.md).
    """
    p = Path(path)
    kw: dict[str, Any] = {"check_same_thread": check_same_thread, "timeout": timeout}
    if isolation_level != "":
        kw["isolation_level"] = isolation_level
    if readonly:
        conn = driver.connect(p.resolve().as_uri() + "?mode=ro", uri=True, **kw)
    else:
        conn = driver.connect(str(p), **kw)
    if key is not None:
        conn.execute(_key_pragma(key))
    # every connection, keyed or not, backup copies and checks too: sorts, temporary
    # indexes and tables stay in memory, never in a temporary file outside the database
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn  # type: ignore[no-any-return]


def attach_encrypted(conn: sqlite3.Connection, target: str | os.PathLike[str], schema: str,
                     key: bytes | None) -> None:
    """ATTACH ``target`` as ``schema``, encrypted with ``key`` (plain with None)."""
    hexkey = "" if key is None else key.hex()
    if key is not None and len(key) != KEY_BYTES:
        raise ValueError("a data key is 32 bytes")
    conn.execute(f"ATTACH DATABASE ? AS {schema} KEY \"x'{hexkey}'\"" if key is not None
                 else f"ATTACH DATABASE ? AS {schema} KEY ''", (os.fspath(target),))


def export_to(conn: sqlite3.Connection, target: str | os.PathLike[str], key: bytes | None
              ) -> None:
    """Write the whole database of ``conn`` into the new file ``target`` under ``key``.

    SQLCipher's ``sqlcipher_export``: the way to encrypt a plain file, decrypt one, or
    change its key (the backup API copies pages only between files with the same key).
    The new file is written without a journal or syncs (a half-written one is garbage
    either way: callers write to a name of their own and check the result), then synced
    once: one ``fsync`` instead of one per table.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    attach_encrypted(conn, target, "export_target", key)
    try:
        conn.execute("PRAGMA export_target.journal_mode = OFF").fetchone()
        conn.execute("PRAGMA export_target.synchronous = OFF")
        conn.execute("SELECT sqlcipher_export('export_target')").fetchall()
        conn.execute(f"PRAGMA export_target.user_version = {int(version)}")
        conn.execute(f"PRAGMA export_target.application_id = {int(app)}")
        conn.execute("PRAGMA export_target.journal_mode = DELETE").fetchone()
    finally:
        conn.execute("DETACH DATABASE export_target")
    # detached: no connection of ours has it open; for writing, as Windows flushes only a
    # handle with write access
    with open(target, "r+b") as fh:
        os.fsync(fh.fileno())


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is not readable as a plain SQLite file (SQLCipher, or not a database).

    Read through SQLite (``mode=ro``), never with Python's ``open()``.
    """
    try:
        conn = connect(path, readonly=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except DRIVER_ERRORS as exc:
        return _primary(exc) == SQLITE_NOTADB
    return False


def key_opens(path: str | os.PathLike[str], key: bytes) -> bool:
    """True when ``key`` decrypts the database at ``path`` (read-only, nothing changes)."""
    try:
        conn = connect(path, key=key, readonly=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except DRIVER_ERRORS:
        return False
    return True


class StorageError(DomainError):
    """A problem with the database file the user can act on."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message, code=code)


class InternalDatabaseError(Exception):
    """A driver error this program does not expect: a bug, not something the user did.

    Deliberately not a :class:`DomainError`: the CLI and the GUI log it with its
    traceback (the driver exception is its ``__cause__``) and show the short apology.
    """


# SQLite primary result codes (https://sqlite.org/rescode.html)
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB = 26
SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)


def _primary(exc: BaseException) -> int | None:
    """SQLite's primary result code of a driver exception (None when it has none)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def gone_message(path: Path | str) -> str:
    """What to say when the open database file was moved, deleted or replaced."""
    return (f"数据库文件已被移动、删除或替换：{path}。刚才的操作没有保存。"
            "请用“另存副本”把当前内容保存到安全的位置，再打开那份副本继续工作。")


def _known(exc: BaseException, path: Path | str) -> StorageError | None:
    """The user-facing error for a driver exception SQLite classifies as a known condition."""
    extended = getattr(exc, "sqlite_errorcode", None)
    primary = _primary(exc)
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return StorageError(f"数据库正被其他程序使用（已锁定）：{path}。请稍候重试；"
                            "如仍不行，请关闭其他打开该文件的窗口或命令。", code="db_locked")
    if primary == SQLITE_FULL:
        return StorageError("磁盘空间已满，刚才的操作没有保存。请清理磁盘空间后重试。",
                            code="disk_full")
    if extended == SQLITE_READONLY_DBMOVED:
        return StorageError(gone_message(path), code="db_gone")
    if primary == SQLITE_READONLY:
        return StorageError(f"数据库文件是只读的，刚才的操作没有保存：{path}。请检查文件权限，"
                            "或把文件复制到可以写入的位置（不要放在写保护的U盘或光盘上）。",
                            code="db_readonly")
    if primary == SQLITE_NOTADB:
        return StorageError(f"文件不是调解工作台数据库（或已加密、已损坏）：{path}。"
                            "请确认选择的文件是否正确。", code="db_wrong_kind")
    if primary == SQLITE_CORRUPT:
        from .backup import restore_hint  # backup imports this module

        return StorageError(f"数据库文件已损坏：{path}。请停止使用这个文件，从备份恢复："
                            f"{restore_hint(path)}",
                            code="db_corrupt")
    if primary == SQLITE_CANTOPEN:
        return StorageError(f"无法打开数据库文件：{path}。请检查文件和所在文件夹是否存在、"
                            "是否有读写权限（U盘或网络盘是否已连接）。", code="db_unreadable")
    if primary == SQLITE_IOERR:
        return StorageError(f"读写数据库文件时出错（磁盘故障，或U盘、网络盘已断开）：{path}。"
                            "刚才的操作没有保存。请检查存储设备，然后重新打开数据库。",
                            code="db_io")
    if primary == SQLITE_PERM:
        return StorageError(f"没有权限访问数据库文件：{path}。请检查文件权限。",
                            code="db_unreadable")
    return None


def translate_error(exc: BaseException,
                    path: Path | str = "") -> StorageError | InternalDatabaseError:
    """Map a driver exception by SQLite's result code, never by its message text.

    Known conditions become a :class:`StorageError` saying what to do; anything
    else (a constraint, a syntax error, a closed connection, ...) is a bug and
    becomes :class:`InternalDatabaseError`. Raise the result ``from exc``.
    """
    if isinstance(exc, (StorageError, InternalDatabaseError)):
        return exc
    known = _known(exc, path)
    if known is not None:
        return known
    name = getattr(exc, "sqlite_errorname", type(exc).__name__)
    return InternalDatabaseError(f"unexpected database error {name}: {exc}")


def user_error(exc: BaseException) -> StorageError | None:
    """The user-facing error for a driver exception that escaped untranslated, else None.

    For the CLI's and the GUI's last-resort handlers: a raw driver error whose
    code is a known condition is still the user's to fix, not a bug.
    """
    if isinstance(exc, DRIVER_ERRORS):
        return _known(exc, "")
    return None


def _missing(path: Path) -> StorageError:
    return StorageError(f"数据库文件不存在：{path}。请检查路径，或先用 init 命令创建。",
                        code="db_missing")


def _configure(conn: sqlite3.Connection, *, readonly: bool) -> None:
    # A database file may come from anywhere (a USB stick, an e-mail): functions in its
    # triggers and views must not run with this program's trust (https://sqlite.org/security.html)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError("无法启用 WAL 日志模式。", code="db_error")
    conn.execute("PRAGMA synchronous = FULL")
    # sorts, indexes being built and temporary tables stay in memory: a temporary file
    # would hold party data outside the encrypted database (docs/encryption.md)
    conn.execute("PRAGMA temp_store = MEMORY")


def _precheck(p: Path, max_user_version: int | None,
              verify: Callable[[sqlite_utils.Database], None] | None = None,
              key: bytes | None = None) -> None:
    """Look at an existing file through a read-only SQLite connection; refuse it before any write.

    The header, application id and schema version are read through SQLite, never
    with Python ``open()``: on POSIX, closing any descriptor of a file drops every
    lock this process holds on it, and another process would then delete the WAL
    under our open connections (SQLite, "How To Corrupt", 2.2). SQLite's own
    descriptors are shared per inode and their close is deferred while locks are held.

    ``verify`` (e.g. the schema comparison) runs on the same read-only connection,
    so a refused file is never opened for writing (not even to switch on WAL).
    """
    try:
        conn = connect(p, key=key, readonly=True)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app not in (0, APPLICATION_ID) or (tables and app != APPLICATION_ID):
                raise StorageError(f"该文件是其他程序的数据库，不是调解工作台数据库：{p}",
                                   code="db_wrong_kind")
            if max_user_version is not None and version > max_user_version:
                raise StorageError(
                    f"此数据库由更新版本的调解工作台创建（结构版本 {version}，本程序支持 "
                    f"{max_user_version}）。请升级程序后再打开，文件未被修改。", code="db_too_new")
            if verify is not None and tables:
                verify(sqlite_utils.Database(conn, execute_plugins=False))
        finally:
            conn.close()
    except DRIVER_ERRORS as exc:
        raise translate_error(exc, p) from exc


def open_database(path: str | os.PathLike[str], *, create: bool = False,
                  readonly: bool = False, check_same_thread: bool = True,
                  max_user_version: int | None = None,
                  verify: Callable[[sqlite_utils.Database], None] | None = None,
                  key: bytes | None = None) -> sqlite_utils.Database:
    """Open (or with ``create`` create) a Mediation Desk database file.

    A read-only open never creates or modifies the file. A file that is not a
    SQLite database, or a SQLite database of another application, raises
    :class:`StorageError` before anything is written; so does whatever ``verify``
    raises for an existing file (run read-only first). Only SQLite opens the file
    (see :func:`_precheck`); ``stat`` and ``access`` open no descriptor. With ``key`` the
    file is a SQLCipher database under that data key (a new file is created encrypted).
    """
    p = Path(path)
    if not p.exists():
        if not create:
            raise _missing(p)
        if not p.parent.exists():
            raise StorageError(f"文件夹不存在：{p.parent}", code="db_missing")
    elif p.is_dir():
        raise StorageError(f"这是一个文件夹，不是数据库文件：{p}", code="db_wrong_kind")
    elif not os.access(p, os.R_OK):
        raise StorageError(f"没有权限读取数据库文件：{p}", code="db_unreadable")
    elif p.stat().st_size == 0:
        if not create:
            raise StorageError(f"数据库文件是空的：{p}", code="db_wrong_kind")
    else:
        _precheck(p, max_user_version, verify, key)
    try:
        conn = connect(p, key=key, readonly=readonly, check_same_thread=check_same_thread)
        _configure(conn, readonly=readonly)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DRIVER_ERRORS as exc:
        raise translate_error(exc, p) from exc
    _OPEN_FILES[id(conn)] = (conn, p)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    if key is not None:
        _KEYS[id(conn)] = key
    else:
        _KEYS.pop(id(conn), None)
    return db


# The data key of each open keyed connection, so a copy of it (backup, save-copy) is
# written under the same key and never in plain text.
_KEYS: dict[int, bytes] = {}


def key_of(db: sqlite_utils.Database) -> bytes | None:
    """The data key the database was opened with (None: a plain file)."""
    return _KEYS.get(id(db.conn))


# Database files this process has open, so that a file the user picks (an attachment,
# a bundle, an output path) is never the database itself: opening it with Python would
# drop our locks, writing it would destroy it.
_OPEN_FILES: dict[int, tuple[sqlite3.Connection, Path]] = {}


def _is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.in_transaction  # noqa: B018 - raises ProgrammingError once closed
    except (driver.ProgrammingError, sqlite3.ProgrammingError):
        return False
    return True


FileIdentity = tuple[int, int]


def file_identity(path: str | os.PathLike[str]) -> FileIdentity | None:
    """(device, inode) of the file now at ``path``, None when it is missing or unreachable.

    ``os.stat`` opens no descriptor, so it never disturbs SQLite's locks.
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def is_open_database_file(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a database file this process has open, or its -wal/-shm/-journal."""
    for ident_key, (conn, _p) in list(_OPEN_FILES.items()):
        if not _is_open(conn):
            del _OPEN_FILES[ident_key]
            _KEYS.pop(ident_key, None)
    target = Path(path)
    try:
        resolved = target.resolve()
    except OSError:
        resolved = target
    ident = file_identity(target)
    for _conn, db_path in _OPEN_FILES.values():
        for suffix in ("", "-wal", "-shm", "-journal"):
            companion = Path(f"{db_path}{suffix}")
            try:
                if companion.resolve() == resolved:
                    return True
            except OSError:
                pass
            if ident is not None and file_identity(companion) == ident:
                return True
    return False


def refuse_database_file(path: str | os.PathLike[str]) -> None:
    """Raise when a file the user picked is an open database file (or one of its companions)."""
    if is_open_database_file(path):
        raise StorageError(f"这是调解工作台正在使用的数据库文件，不能用于这里：{path}。"
                           "请选择其他文件。", code="own_database_file")


def _copy_refused(message: str) -> StorageError:
    return StorageError(message, code="copy_target")


def copy_database(db: sqlite_utils.Database, target: str | os.PathLike[str]) -> Path:
    """Write a complete, consistent copy of the open database to ``target``.

    The copy is made from the open connection with SQLite's backup API, so it works
    even when the file under the connection was deleted, moved or replaced. It is
    written beside the target, checked, switched to an ordinary rollback journal (a
    single file, nothing to lose when it is copied on), then renamed into place.
    """
    t = Path(target)
    if t.is_dir():
        raise _copy_refused(f"这是一个文件夹：{t}。请给副本起一个文件名。")
    if not t.parent.is_dir():
        raise _copy_refused(f"文件夹不存在：{t.parent}。请选择已有的文件夹。")
    if is_open_database_file(t):
        raise _copy_refused(f"不能把副本保存在正在使用的数据库文件的位置：{t}。"
                            "请换一个位置或文件名。")
    for suffix in ("-wal", "-shm", "-journal"):
        if Path(f"{t}{suffix}").exists():
            # another database's log beside the target would be applied to the copy
            raise _copy_refused(f"目标位置已有 {t.name}{suffix} 文件（另一个数据库的日志）。"
                                "请换一个文件名或文件夹。")
    part = t.with_name(f".{t.name}.{os.getpid()}.part")
    try:
        dest = connect(part, key=key_of(db))
        try:
            db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE").fetchone()
            verdict = dest.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            dest.close()
        if verdict != "ok":
            raise StorageError(f"副本校验未通过（{verdict}），没有保存：{t}", code="copy_failed")
        os.replace(part, t)
    except DRIVER_ERRORS as exc:
        raise translate_error(exc, t) from exc
    except OSError as exc:
        raise StorageError(f"无法写入副本：{t}（{exc.strerror}）", code="copy_failed") from exc
    finally:
        for leftover in (part, Path(f"{part}-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
    fsync_folder(t.parent)
    return t


def fsync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable (POSIX; Windows cannot open a folder to sync it)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def application_id(db: sqlite_utils.Database) -> int:
    """The file's application id (0 when unset)."""
    return int(db.execute("PRAGMA application_id").fetchone()[0])


def set_application_id(db: sqlite_utils.Database) -> None:
    """Mark the file as a Mediation Desk database."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def user_version(db: sqlite_utils.Database) -> int:
    """PRAGMA user_version (the schema major version we store there)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def set_user_version(db: sqlite_utils.Database, value: int) -> None:
    """Set PRAGMA user_version."""
    db.execute(f"PRAGMA user_version = {int(value)}")


def backup_file(db: sqlite_utils.Database, target: Path) -> None:
    """Copy the whole database (consistently, WAL included) to ``target``, under its key."""
    dest = connect(target, key=key_of(db))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()


def integrity_check(db: sqlite_utils.Database) -> list[str]:
    """SQLite's integrity check; an empty list means sound."""
    rows = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def run_script(db: sqlite_utils.Database, sql: str) -> None:
    """Run a script's statements one by one inside the open transaction (the migrations').

    What ``db.executescript`` does inside a transaction, without its splitter, which joins
    the text again at every character (quadratic in a statement's length: 40% of making a
    new desk's file went there). A statement ends at a ``;`` where SQLite's own
    ``complete_statement`` says it is complete (not inside a literal or a trigger's body).
    """
    cursor = db.conn.cursor()
    pieces = sql.split(";")
    statement = ""
    for n, piece in enumerate(pieces):
        statement += piece if n == len(pieces) - 1 else piece + ";"
        if statement.strip() and driver.complete_statement(statement):
            cursor.execute(statement.strip())
            statement = ""
    if statement.strip():
        cursor.execute(statement.strip())
