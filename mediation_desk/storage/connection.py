"""The one place that opens the database file.

Everything else receives a :class:`sqlite_utils.Database` from
:func:`open_database`; nothing outside this module imports ``sqlite3``. A later
issue swaps the driver for SQLCipher here (``sqlcipher3`` has its own
exception classes, hence :data:`DRIVER_ERRORS`).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import sqlite_utils

from ..domain.errors import DomainError

APPLICATION_ID = 0x4D445331  # "MDS1": marks a file as a Mediation Desk database
BUSY_TIMEOUT_MS = 5000

DRIVER_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error,)
IntegrityError = sqlite3.IntegrityError
OperationalError = sqlite3.OperationalError


class StorageError(DomainError):
    """A problem with the database file the user can act on."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message, code=code)


def _missing(path: Path) -> StorageError:
    return StorageError(f"数据库文件不存在：{path}。请检查路径，或先用 init 命令创建。",
                        code="db_missing")


def translate_error(exc: BaseException, path: Path | str = "") -> StorageError:
    """Map a driver exception to a user-facing :class:`StorageError`."""
    text = str(exc).lower()
    if isinstance(exc, StorageError):
        return exc
    if "locked" in text or "busy" in text:
        return StorageError(f"数据库正被其他程序使用（已锁定）：{path}。请关闭其他打开该文件的窗口后重试。",
                            code="db_locked")
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return StorageError(f"文件不是有效的调解工作台数据库，或已损坏：{path}。请从备份恢复。",
                            code="db_corrupt")
    if "disk" in text and ("full" in text or "i/o" in text):
        return StorageError("磁盘空间已满或无法写入，刚才的操作没有保存。请清理磁盘后重试。",
                            code="disk_full")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageError(f"无法打开或写入数据库文件：{path}。请检查文件权限。", code="db_unreadable")
    return StorageError(f"数据库错误：{exc}", code="db_error")


def _configure(conn: sqlite3.Connection, *, readonly: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError("无法启用 WAL 日志模式。", code="db_error")
    conn.execute("PRAGMA synchronous = FULL")


def _precheck(p: Path, max_user_version: int | None) -> None:
    """Look at an existing file read-only; refuse a foreign or too-new one before any write."""
    try:
        conn = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except DRIVER_ERRORS as exc:
        raise translate_error(exc, p) from exc
    if tables and app != APPLICATION_ID:
        raise StorageError(f"该文件是其他程序的数据库，不是调解工作台数据库：{p}", code="db_wrong_kind")
    if max_user_version is not None and version > max_user_version:
        raise StorageError(
            f"此数据库由更新版本的调解工作台创建（结构版本 {version}，本程序支持 {max_user_version}）。"
            "请升级程序后再打开，文件未被修改。", code="db_too_new")


def open_database(path: str | os.PathLike[str], *, create: bool = False,
                  readonly: bool = False, check_same_thread: bool = True,
                  max_user_version: int | None = None) -> sqlite_utils.Database:
    """Open (or with ``create`` create) a Mediation Desk database file.

    A read-only open never creates or modifies the file. A file that is not a
    SQLite database, or a SQLite database of another application, raises
    :class:`StorageError` before anything is written.
    """
    p = Path(path)
    if not p.exists():
        if not create:
            raise _missing(p)
        if not p.parent.exists():
            raise StorageError(f"文件夹不存在：{p.parent}", code="db_missing")
    elif p.is_dir():
        raise StorageError(f"这是一个文件夹，不是数据库文件：{p}", code="db_wrong_kind")
    else:
        try:
            with open(p, "rb") as fh:
                head = fh.read(100)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM):
                raise StorageError(f"没有权限读取数据库文件：{p}", code="db_unreadable") from exc
            raise StorageError(f"无法读取数据库文件：{p}（{exc.strerror}）", code="db_unreadable") from exc
        if len(head) == 0 and not create:
            raise StorageError(f"数据库文件是空的：{p}", code="db_wrong_kind")
        if len(head) > 0 and not head.startswith(b"SQLite format 3\x00"):
            raise StorageError(f"文件不是调解工作台数据库：{p}", code="db_wrong_kind")
        if len(head) >= 72:
            app_id = int.from_bytes(head[68:72], "big")
            if app_id not in (0, APPLICATION_ID):
                raise StorageError(f"该文件是其他程序的数据库，不是调解工作台数据库：{p}",
                                   code="db_wrong_kind")
    if p.exists() and p.stat().st_size > 0:
        _precheck(p, max_user_version)
    try:
        if readonly:
            uri = p.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=check_same_thread)
        else:
            conn = sqlite3.connect(str(p), check_same_thread=check_same_thread)
        _configure(conn, readonly=readonly)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DRIVER_ERRORS as exc:
        raise translate_error(exc, p) from exc
    db = sqlite_utils.Database(conn, execute_plugins=False)
    return db


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
    """Copy the whole database (consistently, WAL included) to ``target``."""
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()


def integrity_check(db: sqlite_utils.Database) -> list[str]:
    """SQLite's integrity check; an empty list means sound."""
    rows = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows
