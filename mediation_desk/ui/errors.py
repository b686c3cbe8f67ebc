"""Two kinds of error, shown two ways.

* Known, user-fixable problems (:class:`DomainError`, including the storage
  layer's locked / full / bad-file errors) are shown in plain Chinese with what
  to do next — the message comes from the domain, already written that way.
* Anything else is a bug: logged with its traceback to the log file and shown
  as a short apology naming the log file. Never a traceback on screen.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errors import DomainError, ValidationError
from ..logs import log_file

log = logging.getLogger("mediation_desk.ui")



def is_user_error(exc: BaseException) -> bool:
    return isinstance(exc, DomainError)


def describe(exc: BaseException) -> tuple[str, str]:
    """(title, text) for a user-facing error; unexpected errors get the apology."""
    if isinstance(exc, ValidationError):
        return (QWidget.tr("Please check the input"), exc.message)
    if isinstance(exc, DomainError):
        return (QWidget.tr("Cannot do that"), exc.message)
    return (QWidget.tr("Something went wrong"),
            QWidget.tr("Sorry, something unexpected went wrong and the last action may not "
                       "have been completed. The details were written to the log file:\n{0}\n"
                       "Please send this file to your technical contact.").format(log_file()))


def report(exc: BaseException, parent: QWidget | None = None, *,
           show: bool = True) -> tuple[str, str]:
    """Log (if unexpected) and show ``exc``; returns what was shown."""
    if not is_user_error(exc):
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    else:
        log.info("user error %s: %s", getattr(exc, "code", ""), getattr(exc, "message", exc))
    title, text = describe(exc)
    if show:
        box = QMessageBox(QMessageBox.Icon.Warning if is_user_error(exc)
                          else QMessageBox.Icon.Critical, title, text,
                          QMessageBox.StandardButton.Ok, parent)
        box.exec()
    return title, text


class ExceptionHook:
    """``sys.excepthook`` for the GUI: report instead of printing a traceback."""

    def __init__(self, parent: QWidget | None = None, *, show: bool = True) -> None:
        self.parent = parent
        self.show = show
        self.shown: list[tuple[str, str]] = []
        self._previous = sys.excepthook
        self._previous_thread = threading.excepthook

    def __call__(self, kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, exc, tb)
            return
        try:
            self.shown.append(report(exc.with_traceback(tb), self.parent, show=self.show))
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            log.exception("error while reporting an error")

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:  # not shown: no widgets off the GUI thread
            log.error("unexpected error in thread %s", args.thread,
                      exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    def install(self) -> ExceptionHook:
        sys.excepthook = self
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._previous
        threading.excepthook = self._previous_thread
