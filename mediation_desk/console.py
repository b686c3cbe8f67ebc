"""UTF-8 on every console: the command line's Chinese never depends on the code page.

Python writes to a pipe or a file in the locale's encoding: GBK under a Chinese Windows,
cp1252 under a Western one (where ``--help`` crashed with UnicodeEncodeError), ASCII under
``LANG=C``. :func:`use_utf8` switches stdout and stderr to UTF-8 at start-up; on Windows,
attached to a console, it also sets the console's code pages to 65001 (UTF-8) for this run
and puts the old ones back at exit, so the cmd.exe window is left as it was found.
No Qt here: the CLI and the GUI's start both call it.
"""

from __future__ import annotations

import atexit
import codecs
import io
import sys
from typing import TextIO

UTF8_CODE_PAGE = 65001


def _is_utf8(stream: TextIO) -> bool:
    try:
        return codecs.lookup(stream.encoding).name == "utf-8"
    except (LookupError, TypeError, AttributeError):
        return False


def utf8_stream(stream: TextIO | None) -> TextIO | None:
    """``stream`` writing UTF-8: reconfigured in place, else a new wrapper of its bytes,
    else (no byte buffer to wrap) replacing what its encoding cannot write. None stays None
    (a windowed Windows program has no stdout)."""
    if stream is None or _is_utf8(stream):
        return stream
    try:
        stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
        return stream
    except (AttributeError, ValueError, io.UnsupportedOperation):
        pass
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        errors = getattr(stream, "errors", None) or "strict"
        return io.TextIOWrapper(buffer, encoding="utf-8", errors=errors, line_buffering=True)
    try:  # the last resort: the wrong encoding, but never a UnicodeEncodeError
        stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
    except (AttributeError, ValueError, io.UnsupportedOperation):
        pass
    return stream


def _windows_console_utf8() -> None:
    """Code page 65001 for the console this process is attached to, restored at exit."""
    if sys.platform == "win32":  # mypy checks this block only for Windows
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        if not kernel32.GetConsoleWindow():
            return  # no console: the windowed program, or a service's redirected output
        old_output, old_input = kernel32.GetConsoleOutputCP(), kernel32.GetConsoleCP()
        if old_output == UTF8_CODE_PAGE and old_input == UTF8_CODE_PAGE:
            return
        kernel32.SetConsoleOutputCP(UTF8_CODE_PAGE)
        kernel32.SetConsoleCP(UTF8_CODE_PAGE)

        def restore() -> None:
            kernel32.SetConsoleOutputCP(old_output)
            kernel32.SetConsoleCP(old_input)

        atexit.register(restore)


_console_switched: list[bool] = []


def use_utf8() -> None:
    """Make stdout and stderr write UTF-8 (and a Windows console show it). Idempotent."""
    if not _console_switched:
        _console_switched.append(True)
        _windows_console_utf8()
    sys.stdout = utf8_stream(sys.stdout)
    sys.stderr = utf8_stream(sys.stderr)
