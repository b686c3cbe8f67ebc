"""The desk's one private temporary folder: per process, mode 0700, removed at exit.

Attachments never need it (the viewer shows them from memory). It holds what must exist as
a file for another program, today only a generated document opened in the system's PDF
viewer (文书 → 用系统程序打开). The folder is made on first use with ``tempfile.mkdtemp``
(owner-only on POSIX), removed by ``atexit`` when the program ends, and folders left by a
run that crashed are removed the next time one is made: each holds a ``.lock`` that its
live process keeps locked (POSIX ``flock``) or open (Windows: an open file cannot be
deleted), so only a dead run's folder can be taken away.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO

PREFIX = "mediation-desk-private-"  # distinct: never the test cache or a backup stage
_LOCK = ".lock"
_state: dict[str, tuple[Path, IO[bytes]]] = {}


def private_folder() -> Path:
    """This process's temporary folder, made (and stale ones cleaned) on first use."""
    if "folder" in _state:
        folder, _lock = _state["folder"]
        if folder.is_dir():
            return folder
    remove_stale()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    lock = open(folder / _LOCK, "wb")  # noqa: SIM115 - held open for the process's life
    if sys.platform != "win32":
        import fcntl

        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    _state["folder"] = (folder, lock)
    if len(_state) == 1:
        atexit.register(remove_private_folder)
    return folder


def write_private(name: str, content: bytes) -> Path:
    """Write ``content`` as ``name`` (a base name) inside the private folder."""
    path = private_folder() / Path(name).name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    return path


def remove_private_folder() -> None:
    """Remove this process's folder (at exit; also safe to call earlier)."""
    entry = _state.pop("folder", None)
    if entry is None:
        return
    folder, lock = entry
    lock.close()
    shutil.rmtree(folder, ignore_errors=True)


def _is_stale(folder: Path) -> bool:
    lock = folder / _LOCK
    if sys.platform == "win32":
        try:
            lock.unlink(missing_ok=True)  # fails while the owning process holds it open
        except OSError:
            return False
        return True
    import fcntl

    try:
        fd = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        return True  # no lock: a folder of an older version, or a half-made one
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a live run holds it
    finally:
        os.close(fd)
    return True


def remove_stale(root: Path | None = None) -> list[Path]:
    """Remove the private folders of runs that ended without cleaning up; return them."""
    root = Path(root or tempfile.gettempdir())
    removed = []
    mine = _state.get("folder", (None, None))[0]
    try:
        candidates = [p for p in root.iterdir() if p.name.startswith(PREFIX)]
    except OSError:
        return []
    for folder in candidates:
        try:
            if folder == mine or folder.is_symlink() or not folder.is_dir() \
                    or folder.stat().st_uid != _uid():
                continue
        except OSError:
            continue
        if _is_stale(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _uid() -> int:
    return os.getuid() if hasattr(os, "getuid") else 0
