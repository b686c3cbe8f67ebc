"""Logging to a file in the user data folder (personal data masked)."""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_NAME = "MediationDesk"


def data_dir() -> Path:
    """The user data folder (created on demand)."""
    p = Path(os.environ.get("MEDIATION_DESK_HOME") or user_data_dir(APP_NAME, appauthor=False))
    p.mkdir(parents=True, exist_ok=True)
    return p


def log_file() -> Path:
    """The log file's path."""
    base = os.environ.get("MEDIATION_DESK_HOME")
    d = Path(base) / "logs" if base else Path(user_log_dir(APP_NAME, appauthor=False))
    d.mkdir(parents=True, exist_ok=True)
    return d / "mediation-desk.log"


class MaskingFilter(logging.Filter):
    """Masks ID and phone numbers in every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        from .domain.masking import mask_text

        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format must not stop logging
            return True
        record.msg, record.args = mask_text(message), None
        return True


_handler: logging.Handler | None = None
_handler_path: Path | None = None


def setup_logging(level: int = logging.INFO) -> None:
    """Send log records to the rotating log file (again if the folder changed)."""
    global _handler, _handler_path
    path = log_file()
    if _handler is not None and _handler_path == path:
        return
    root = logging.getLogger("mediation_desk")
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    try:
        handler: logging.Handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3,
                                                       encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.addFilter(MaskingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    _handler, _handler_path = handler, path
