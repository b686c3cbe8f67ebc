"""Errors: user-fixable ones in plain Chinese; bugs logged with a short apology, no traceback."""

from __future__ import annotations

import sys

from mediation_desk.logs import log_file, setup_logging
from mediation_desk.storage.connection import StorageError
from mediation_desk.ui.errors import ExceptionHook, describe


def test_user_error_shown_as_is():
    exc = StorageError("数据库正被其他程序使用（已锁定）：x.db。请关闭其他打开该文件的窗口后重试。",
                       code="db_locked")
    title, text = describe(exc)
    assert title == "无法完成操作"
    assert "请关闭其他打开该文件的窗口后重试" in text


def test_unexpected_error_logged_not_shown_as_traceback(qapp):
    setup_logging()
    hook = ExceptionHook(show=False).install()
    try:
        try:
            raise KeyError("boom-7f3a")
        except KeyError:
            sys.excepthook(*sys.exc_info())
    finally:
        hook.uninstall()
    (title, text), = hook.shown
    assert title == "出错了"
    assert str(log_file()) in text and "Traceback" not in text and "boom" not in text
    logged = log_file().read_text("utf-8")
    assert "boom-7f3a" in logged and "Traceback" in logged


def test_raw_driver_errors_are_told_apart_by_their_code(qapp):
    """A driver error that escaped untranslated: a known SQLite code is the user's to fix."""
    import sqlite3

    from mediation_desk.storage.connection import InternalDatabaseError
    from mediation_desk.ui.errors import is_user_error

    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode, busy.sqlite_errorname = 5, "SQLITE_BUSY"
    title, text = describe(busy)
    assert is_user_error(busy) and title == "无法完成操作" and "锁定" in text
    odd = sqlite3.OperationalError("database is locked")  # the same words, another code
    odd.sqlite_errorcode, odd.sqlite_errorname = 1, "SQLITE_ERROR"
    for bug in (odd, InternalDatabaseError("unexpected database error SQLITE_ERROR")):
        title, text = describe(bug)
        assert not is_user_error(bug) and title == "出错了" and str(log_file()) in text
