"""Entry of MediationDesk.exe (the windowed desktop): the package's own main(), as an absolute
import so PyInstaller follows it (mediation_desk/__main__.py's relative imports it cannot).

A program that cannot even load (Qt's libraries refused: a Windows older than 10 1903 has no
system ICU; a damaged install) says so in Chinese in a message box, never with a traceback."""

import sys

CANNOT_START = ("调解工作台无法启动：程序文件不完整，或 Windows 版本过旧（需要 Windows 10 1903 或更高版本，"
                "64 位）。请重新安装；仍不能启动时请联系技术支持。\n\n详情：{detail}")


def cannot_start(error: BaseException) -> int:
    """Tell the user why the program cannot start (a box on Windows, stderr elsewhere)."""
    text = CANNOT_START.format(detail=f"{type(error).__name__}: {error}")
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.user32.MessageBoxW(None, text, "调解工作台", 0x10)  # MB_ICONERROR
    elif sys.stderr is not None:
        print(text, file=sys.stderr)
    return 1


try:
    from PySide6 import QtCore, QtWidgets  # noqa: F401 - loaded here to fail early and clearly

    from mediation_desk.__main__ import main
except (ImportError, OSError) as error:
    raise SystemExit(cannot_start(error)) from None

raise SystemExit(main())
