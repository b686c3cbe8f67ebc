"""Two kinds of error, shown two ways.

* Known, user-fixable problems (:class:`DomainError`, including the storage
  layer's locked / full / bad-file errors) are shown in plain Chinese with what
  to do next — the message comes from the domain, already written that way.
* Anything else is a bug: logged with its traceback to the log file and shown
  as a short apology naming the log file. Never a traceback on screen.

Which kind a database error is, SQLite's result code decides
(:func:`..storage.connection.user_error`). When the database file went away
under the open desk (``db_gone``) the message offers 「另存副本…」: a complete
copy from the open connection to a place the user picks.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..domain.errors import DomainError, ValidationError
from ..logs import log_file
from ..storage.connection import user_error

CopySaver = Callable[[Path], Path]

log = logging.getLogger("mediation_desk.ui")



def _as_user_error(exc: BaseException) -> DomainError | None:
    if isinstance(exc, DomainError):
        return exc
    return user_error(exc)  # a raw driver error with a known result code (busy, full, ...)


def is_user_error(exc: BaseException) -> bool:
    return _as_user_error(exc) is not None


def describe(exc: BaseException) -> tuple[str, str]:
    """(title, text) for a user-facing error; unexpected errors get the apology."""
    exc = _as_user_error(exc) or exc
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
        box.setObjectName("errorBox")
        saver = copy_saver(parent) if getattr(exc, "code", "") == "db_gone" else None
        copy = None
        if saver is not None:
            copy = box.addButton(QWidget.tr("Save a copy…"), QMessageBox.ButtonRole.ActionRole)
            copy.setObjectName("saveCopyButton")
        box.exec()
        if saver is not None and box.clickedButton() is copy:
            save_copy_dialog(parent, saver)
    return title, text


def copy_saver(widget: QWidget | None) -> CopySaver | None:
    """The open desk's ``save_copy``, from the first widget up the parent chain with services."""
    while widget is not None:
        saver = getattr(getattr(widget, "services", None), "save_copy", None)
        if callable(saver):
            return saver  # type: ignore[no-any-return]
        widget = widget.parentWidget()
    return None


def save_copy_dialog(parent: QWidget | None, saver: CopySaver) -> Path | None:
    """Ask where to put a complete copy of the open database, write it, say where it went."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = QWidget.tr("Mediation Desk copy {0}.db").format(datetime.now().strftime("%Y%m%d-%H%M"))
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, QWidget.tr("Save a copy of the database"),
        str(Path(folder) / name) if folder else name,
        QWidget.tr("Mediation Desk databases (*.db);;All files (*)"))
    if not chosen:
        return None
    try:
        path = saver(Path(chosen))
    except Exception as exc:  # noqa: BLE001 - shown (a bad target, a full disk), never raised into Qt
        report(exc, parent)
        return None
    box = QMessageBox(QMessageBox.Icon.Information, QWidget.tr("Copy saved"),
                      QWidget.tr("A complete copy of the database, with everything saved so far, "
                                 "is now at:\n{0}\nOpen that copy to go on working.").format(path),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("copySavedBox")
    box.exec()
    return path


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
