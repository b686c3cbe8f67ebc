"""Reading a file the user named (a bundle, a card, a scan, a JSON or notice file), bounded.

:func:`read_input_file` reads regular files only and never more than the caller's limit
plus one byte, so ``/dev/zero``, a pipe that never ends or a 30 GB file cannot fill memory,
and a FIFO cannot hang the desk. Each refusal is a Chinese sentence naming the file.
The desk's own database file is refused first, before any descriptor is opened on it:
closing another descriptor of that file would drop SQLite's POSIX locks.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..domain.errors import DomainError
from ..storage.connection import refuse_database_file

__all__ = ["InputFileRefused", "format_size", "read_input_file"]

_CHUNK = 1 << 20


class InputFileRefused(DomainError):
    """A named file that is not read: ``reason`` is one of ``missing``, ``folder``,
    ``device``, ``pipe``, ``socket``, ``special``, ``too_large``, ``unreadable``.

    ``code`` is ``file_too_large`` for ``too_large`` and ``file_unreadable`` otherwise.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message, code="file_too_large" if reason == "too_large"
                         else "file_unreadable")
        self.reason = reason


def format_size(n: int) -> str:
    """A size for a message: ``16 KB``, ``20 MB``, ``1.5 GB`` (binary units)."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            value = n / scale
            return f"{value:.0f} {unit}" if value == int(value) or value >= 100 \
                else f"{value:.1f} {unit}"
    return f"{n} 字节"


def _kind_problem(mode: int, what: str, p: Path) -> InputFileRefused | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return InputFileRefused(f"{what}应是一个文件，选中的却是文件夹：{p}", "folder")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return InputFileRefused(f"{what}不能是设备文件：{p}", "device")
    if stat.S_ISFIFO(mode):
        return InputFileRefused(f"{what}不能是管道（FIFO）：{p}", "pipe")
    if stat.S_ISSOCK(mode):
        return InputFileRefused(f"{what}不能是套接字：{p}", "socket")
    return InputFileRefused(f"{what}不是普通文件：{p}", "special")


def _too_large(what: str, p: Path, size: int | None, limit: int) -> InputFileRefused:
    found = f"（{format_size(size)}）" if size is not None else ""
    return InputFileRefused(f"{what}过大{found}，上限为 {format_size(limit)}，未读取：{p}",
                            "too_large")


def read_input_file(path: str | os.PathLike[str], *, limit: int, what: str) -> bytes:
    """The content of the regular file at ``path``, at most ``limit`` bytes.

    ``what`` names the file for the messages (「交换文件」, 「附件」, 「单位名片文件」).
    A symbolic link to a regular file is followed. Raises :class:`InputFileRefused`
    (a ``DomainError``) for a missing file, a folder, a device, a FIFO, a socket, a file
    over ``limit`` (also one that grows past it while being read) or a read error; the
    storage error of ``refuse_database_file`` for the desk's own database.
    """
    p = Path(path)
    refuse_database_file(p)  # first: a descriptor on it would drop this process's locks
    try:
        before = os.stat(p)  # opens nothing: a device or FIFO is refused before open()
    except FileNotFoundError:
        raise InputFileRefused(f"找不到{what}：{p}", "missing") from None
    except OSError as exc:
        raise InputFileRefused(f"无法读取{what}：{p}（{exc.strerror}）", "unreadable") from exc
    if (problem := _kind_problem(before.st_mode, what, p)) is not None:
        raise problem
    if before.st_size > limit:
        raise _too_large(what, p, before.st_size, limit)
    # O_NONBLOCK: if the path was swapped for a FIFO since stat, open() does not wait for a
    # writer; fstat below then refuses it
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(p, flags)
    except OSError as exc:
        raise InputFileRefused(f"无法读取{what}：{p}（{exc.strerror}）", "unreadable") from exc
    try:
        opened = os.fstat(fd)
        if (problem := _kind_problem(opened.st_mode, what, p)) is not None:
            raise problem
        if opened.st_size > limit:
            raise _too_large(what, p, opened.st_size, limit)
        parts: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(_CHUNK, left))
            if not chunk:
                break
            parts.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise InputFileRefused(f"无法读取{what}：{p}（{exc.strerror}）", "unreadable") from exc
    finally:
        os.close(fd)
    data = b"".join(parts)
    if len(data) > limit:
        raise _too_large(what, p, None, limit)
    return data
