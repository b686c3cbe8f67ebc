"""File mechanics of encrypting a legacy plain database (policy: services/encryption.py).

* :func:`export_plain` writes an encrypted copy of a plain database (SQLCipher's
  ``sqlcipher_export``) while holding the plain file alone (no other connection, any
  process), after a TRUNCATE checkpoint so its ``-wal`` holds nothing;
* :func:`facts_of` / :func:`compare` check the copy: integrity, the row count of every
  table, the audit head (last sequence number and hash), application id, schema version;
* :func:`secure_remove` overwrites a plain file with zeros, syncs it, then unlinks it
  (with its ``-wal``/``-shm``/``-journal``);
* :class:`FileLock` is the cross-process lock one encryption holds (an OS lock, released
  when its process dies, so a killed run never blocks the next).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import sqlite_utils

from .backup import configured_dir, exclusive
from .connection import DRIVER_ERRORS, connect, export_to
from .connection import fsync_folder as fsync_folder  # re-exported: services/encryption.py

COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass
class Facts:
    """What a database holds, to compare a copy with its source."""

    integrity: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    audit_head: tuple[int, str] = (0, "")
    application_id: int = 0
    user_version: int = 0


def facts_of(conn: sqlite3.Connection) -> Facts:
    """Integrity, every stored table's row count, the audit head, id and version."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    facts = Facts(integrity=[] if rows == ["ok"] else rows)
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0 ORDER BY name")]
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        facts.counts[name] = int(conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0])
    if "audit" in facts.counts:
        head = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        facts.audit_head = (int(head[0]), str(head[1])) if head else (0, "")
    facts.application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    facts.user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    return facts


def facts_of_file(path: Path, key: bytes | None) -> Facts:
    """:func:`facts_of` for a closed file, read-only."""
    conn = connect(path, key=key, readonly=True)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        return facts_of(conn)
    finally:
        conn.close()


def compare(source: Facts, copy: Facts) -> list[str]:
    """Why ``copy`` is not a faithful copy of ``source`` ([] when it is)."""
    problems: list[str] = []
    if copy.integrity:
        problems.append("完整性检查未通过：" + "；".join(copy.integrity[:3]))
    if copy.counts != source.counts:
        differ = sorted(n for n in set(source.counts) | set(copy.counts)
                        if source.counts.get(n) != copy.counts.get(n))
        problems.append("记录数不一致：" + "、".join(differ[:5]))
    if copy.audit_head != source.audit_head:
        problems.append("审计记录的最后一条不一致")
    if (copy.application_id, copy.user_version) != (source.application_id,
                                                     source.user_version):
        problems.append("文件标识或结构版本不一致")
    return problems


def export_plain(path: Path, target: Path, key: bytes) -> Facts:
    """Write ``path`` (plain) encrypted under ``key`` to the new file ``target``.

    The plain file is held alone for the whole export (``db_in_use`` when another
    connection has it open; nothing is changed then) and checkpointed first. Returns the
    plain file's facts, read in the same hold.
    """
    with exclusive(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        facts = facts_of(conn)
        export_to(conn, target, key)
    return facts


def export_file(path: Path, target: Path, key: bytes) -> Facts:
    """Write the closed plain database file ``path`` (a backup) encrypted to ``target``."""
    conn = connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        facts = facts_of(conn)
        export_to(conn, target, key)
    finally:
        conn.close()
    return facts


def is_plain_database(path: Path) -> bool:
    """True when ``path`` opens as a plain SQLite database (read-only, through SQLite)."""
    try:
        conn = connect(path, readonly=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except DRIVER_ERRORS:
        return False
    return True


def configured_backup_dir(path: Path) -> Path | None:
    """The backup folder a plain database's settings name (read-only; None when unset or
    unreadable), whatever its schema version."""
    try:
        conn = connect(path, readonly=True)
    except DRIVER_ERRORS:
        return None
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        return configured_dir(sqlite_utils.Database(conn, execute_plugins=False))
    finally:
        conn.close()


def secure_remove(path: Path) -> None:
    """Overwrite ``path`` and its ``-wal``/``-shm``/``-journal`` with zeros, sync, unlink.

    Only for a file no connection of this process has open (the plain database after the
    switch, a plain backup after its encrypted copy replaced it). On an SSD or a
    journaling, copy-on-write or snapshotting file system the old blocks may survive
    (docs/encryption.md): this removes what an ordinary undelete tool would find.
    """
    zeros = bytes(1 << 20)
    for target in (path, *(Path(f"{path}{s}") for s in COMPANIONS)):
        try:
            size = target.stat().st_size
        except FileNotFoundError:
            continue
        with open(target, "r+b") as fh:
            left = size
            while left > 0:
                n = min(left, len(zeros))
                fh.write(zeros[:n])
                left -= n
            fh.flush()
            os.fsync(fh.fileno())
        target.unlink()
    fsync_folder(path.parent)


class FileLock:
    """An exclusive OS lock on ``path`` (created if missing), released when the process dies.

    ``acquire(wait=False)`` returns False at once when another process (or another open of
    the file in this one) holds it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, wait: bool = False) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform == "win32":
                import msvcrt

                os.lseek(fd, 0, os.SEEK_SET)
                mode = msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK
                msvcrt.locking(fd, mode, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self, remove: bool = False) -> None:
        """Let go; with ``remove`` also delete the lock file (one who opened it meanwhile
        then holds a lock on a removed file: harmless, it finds nothing left to do)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if sys.platform == "win32":
                import msvcrt

                with suppress(OSError):
                    os.lseek(fd, 0, os.SEEK_SET)
                    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
            if remove:
                with suppress(OSError):
                    self.path.unlink()

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
