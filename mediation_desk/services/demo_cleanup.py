"""Old ``--demo`` databases are removed instead of piling up (issue 16).

Every ``mediation-desk --demo`` builds a new ``demo/demo-<time>.db`` in the user data
folder (with its ``.keys``, ``-wal``/``-shm`` and, after the window closes, a closing backup
in the backups folder). :func:`remove_old_demos` keeps the one being opened and the newest
few others and deletes the rest with everything that belongs to them. A demo another
running program has open is never deleted: one whose files changed within the last hour is
left alone without looking further, an older one is first probed with SQLite's own
exclusive lock (``storage.backup.probe_exclusive``, which sees an idle connection of any
process), and on Windows an open file cannot be deleted anyway (then it is kept whole).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from ..domain.errors import DomainError
from ..security import keyfile as kf
from ..storage import backup as mechanics

log = logging.getLogger(__name__)

KEEP_OTHERS = 2
"""Demo databases kept besides the one being opened."""
RECENT_SECONDS = 3600
"""A demo whose files changed this recently may be open somewhere: never deleted."""
DEMO_NAME = re.compile(r"demo-\d{8}-\d{6}(?:-\d+)?\.db")
"""The names ``app.generate_demo`` gives (only these are ever deleted)."""
DRIVER_FILES = ("-wal", "-shm", "-journal")


def demo_files(db: Path) -> list[Path]:
    """The files of one demo database in its folder: itself, SQLite's, its key file and any
    other ``<name>.*`` sidecar (a restore's copy kept aside, a lock), the database first."""
    own = [db, *(Path(f"{db}{s}") for s in DRIVER_FILES), kf.keyfile_path(db)]
    others = sorted(p for p in db.parent.glob(f"{db.name}.*") if p not in own)
    return [p for p in [*own, *others] if p.exists()]


def _changed_recently(files: list[Path], now: float) -> bool:
    for p in files:
        with suppress(OSError):
            if now - p.stat().st_mtime < RECENT_SECONDS:
                return True
    return False


def _key_of(db: Path) -> bytes | None:
    """The demo's data key (its 演示主任 logs in with the known demo password), or None."""
    from .demo import demo_login

    if not kf.keyfile_path(db).exists():
        return None
    try:
        return demo_login(db)[1]
    except (DomainError, OSError, ValueError):
        return None


def in_use(db: Path) -> bool:
    """True if another connection (any process) has ``db`` open. A file that cannot be
    opened at all (damaged, a lost key) is not open: SQLite would refuse it too."""
    try:
        mechanics.probe_exclusive(db, _key_of(db))
    except DomainError as exc:
        return exc.code == "db_in_use"
    except Exception:  # noqa: BLE001 - a broken demo: nobody can have it open usefully
        log.info("demo %s could not be probed", db.name, exc_info=True)
    return False


def _remove_backups(db: Path) -> int:
    folders = {mechanics.default_backup_dir()}
    remembered = mechanics.remembered_location(db)
    if remembered is not None:
        folders.add(remembered)
    removed = 0
    for folder in folders:
        for record in mechanics.backups_in(folder, db.stem):
            mechanics.remove_backup(record.path)
            removed += 1
        for part in mechanics.stale_parts(folder, db.stem, time.time()):
            part.unlink(missing_ok=True)
    return removed


def remove_old_demos(folder: Path, keep: Path | None = None, *, others: int = KEEP_OTHERS,
                     now: Callable[[], float] = time.time,
                     busy: Callable[[Path], bool] = in_use) -> list[Path]:
    """Delete the demo databases in ``folder`` beyond ``keep`` and the newest ``others``,
    with their files and backups; return the databases deleted.

    A demo changed within the last hour, or open in another program (``busy``), is kept
    and does not count against the ones kept. Never raises for a file it cannot delete:
    that demo stays, whole if its database file was the one refused (Windows: open).
    """
    if not folder.is_dir():
        return []
    demos = sorted((p for p in folder.iterdir() if DEMO_NAME.fullmatch(p.name) and p.is_file()),
                   key=lambda p: p.name, reverse=True)  # the name holds the creation time
    kept = [p for p in demos if keep is not None and p.resolve() == keep.resolve()]
    older = [p for p in demos if p not in kept][others:]
    removed: list[Path] = []
    moment = now()
    for db in older:
        files = demo_files(db)
        if _changed_recently(files, moment) or busy(db):
            log.info("old demo %s kept: it may be open", db.name)
            continue
        try:
            db.unlink()
        except OSError:
            log.info("old demo %s kept: it could not be deleted", db.name, exc_info=True)
            continue
        for p in demo_files(db):  # listed again: the probe itself may have made a -wal/-shm
            with suppress(OSError):
                p.unlink()
        with suppress(OSError, ValueError):
            _remove_backups(db)
        removed.append(db)
    if removed:
        log.info("removed %d old demo database(s)", len(removed))
    return removed
