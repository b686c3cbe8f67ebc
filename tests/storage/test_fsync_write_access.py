"""Files are synced through a handle opened for writing, as Windows requires.

Windows' FlushFileBuffers (os.fsync) fails with "Permission denied" on a read-only handle;
a backup synced through ``open(path, "rb")`` therefore failed every import and every
backup on Windows (found by the Wine smoke test, packaging/smoke_windows.sh). Here os.fsync
in the storage modules follows the Windows rule on Linux too.
"""

from __future__ import annotations

import fcntl
import os
import types
from pathlib import Path

import pytest

from mediation_desk.storage import backup, connection

KEY = bytes(range(32))


def windows_fsync(fd: int) -> None:
    """os.fsync with Windows' rule: the handle must have write access."""
    if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
        raise PermissionError(13, "Permission denied")
    os.fsync(fd)


@pytest.fixture
def windows_rule(monkeypatch):
    shim = types.SimpleNamespace(**{n: getattr(os, n) for n in dir(os) if not n.startswith("__")})
    shim.fsync = windows_fsync
    monkeypatch.setattr(backup, "os", shim)
    monkeypatch.setattr(connection, "os", shim)


def source_db(path: Path) -> Path:
    conn = connection.connect(path, key=KEY, isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('调解')")
    conn.close()
    return path


def test_the_rule_refuses_a_read_only_handle(tmp_path):
    (tmp_path / "f").write_bytes(b"x")
    with open(tmp_path / "f", "rb") as fh, pytest.raises(PermissionError):
        windows_fsync(fh.fileno())


def test_a_backup_copy_is_synced_through_a_writable_handle(tmp_path, windows_rule):
    src = source_db(tmp_path / "desk.db")
    backup.copy_file(src, tmp_path / "copy.db", KEY)
    conn = connection.connect(tmp_path / "copy.db", key=KEY, readonly=True)
    assert conn.execute("SELECT x FROM t").fetchall() == [("调解",)]
    conn.close()


def test_an_exported_file_is_synced_through_a_writable_handle(tmp_path, windows_rule):
    conn = connection.connect(source_db(tmp_path / "desk.db"), key=KEY, isolation_level=None)
    connection.export_to(conn, tmp_path / "rekeyed.db", bytes(32))
    conn.close()
    copy = connection.connect(tmp_path / "rekeyed.db", key=bytes(32), readonly=True)
    assert copy.execute("SELECT x FROM t").fetchall() == [("调解",)]
    copy.close()
