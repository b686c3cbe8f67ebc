"""Backups and restore: when they are taken, where they go, how many are kept, restoring.

* **When**: on request (``backup``, 文件 → 备份), when the GUI closes, at most once a day
  while it is open, before every bundle import and before every migration.
* **Where**: the folder in setting ``backup_dir`` (may be a USB stick), else ``backups`` in
  the user data folder. An automatic backup whose folder is missing (stick not plugged in)
  goes to the default folder instead, so one is always taken.
* **Kept** (grandfather-father-son): the newest backup of each of the last 7 days, 4 weeks
  and 12 months that have one (settings ``backup_keep_*``), plus the newest of all;
  migration backups are never deleted.
* **Verified** when written (:mod:`mediation_desk.storage.backup`), and again before a restore.

A restore never destroys the current file: it is first copied aside as
``<db>.before-restore-<stamp>``. The new content is prepared in a staging file (with its
``restore_backup`` audit entry) and then copied into the database in one SQLite
transaction, so a crash leaves either the old or the new database, never a mix.

* **Encrypted** (docs/encryption.md): every copy (each backup, the copy kept aside, the
  staging and practice files) is written under the live database's data key, which each
  function here takes as ``key`` (``store.key`` of the logged-in store; None only for a
  legacy plain desk). A backup opens with the live key file or the recovery key; the key
  file is never copied beside a backup. A backup under another key, or a plain one for an
  encrypted desk, is refused with one sentence (:func:`.storage.backup.key_problem`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.access import Account, refusal
from ..domain.errors import DomainError
from ..security.keyfile import keyfile_path
from ..storage import backup as mechanics
from ..storage.backup import BackupCheck, BackupRecord
from ..storage.connection import DRIVER_ERRORS, StorageError, is_encrypted, key_opens
from ..storage.store import Store

if TYPE_CHECKING:
    from .settings import Settings

AUTOMATIC = ("daily", "close", "import", "migration")
KEPT_ALWAYS = ("migration",)


def _now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True)
class BackupPolicy:
    """Where backups of one database go and how many are kept."""

    folder: Path
    keep_daily: int = 7
    keep_weekly: int = 4
    keep_monthly: int = 12
    configured: bool = False  # the folder was set by the user (not the default)


def policy_of(settings: Settings) -> BackupPolicy:
    """The backup policy a desk's settings describe."""
    folder = settings.backup_dir.strip()
    return BackupPolicy(folder=Path(folder) if folder else mechanics.default_backup_dir(),
                        keep_daily=settings.backup_keep_daily,
                        keep_weekly=settings.backup_keep_weekly,
                        keep_monthly=settings.backup_keep_monthly, configured=bool(folder))


def policy_for(db_path: Path, key: bytes | None = None) -> BackupPolicy:
    """The policy stored in the database at ``db_path`` (opened with ``key``); the default
    (or the remembered folder) if it cannot be read."""
    from .settings import load_settings

    try:
        store = Store.open(db_path, readonly=True, key=key)
    except Exception:  # noqa: BLE001 - a broken or missing file: its backups still count
        remembered = mechanics.remembered_location(db_path)
        return BackupPolicy(folder=remembered or mechanics.default_backup_dir())
    try:
        return policy_of(load_settings(store))
    finally:
        store.close()


# -- taking backups -------------------------------------------------------------------------
def _folder(policy: BackupPolicy, reason: str, to: Path | None) -> Path:
    if to is not None:
        return to
    if policy.folder.is_dir():
        return policy.folder
    if not policy.configured or reason in AUTOMATIC:
        fallback = mechanics.default_backup_dir()
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback
    return policy.folder  # write_backup says the stick is missing


def take_backup(db_path: Path, reason: str, *, policy: BackupPolicy | None = None,
                to: Path | None = None, source: Store | None = None,
                clock: Callable[[], datetime] = _now, key: bytes | None = None) -> BackupRecord:
    """Write a verified backup of ``db_path`` and apply the rotation.

    ``source`` may be the open store of the database (e.g. the one about to import; the
    backup is then under the store's key); otherwise the file is opened read-only through
    SQLite with ``key``. ``to`` writes into another folder (``backup --to``; no rotation
    there). Raises :class:`StorageError` when the folder cannot be written.
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise StorageError(f"数据库文件不存在：{db_path}", code="db_missing")
    if source is not None:
        key = source.key
    else:
        _check_live_key(db_path, key)
    policy = policy or policy_for(db_path, key)
    folder = _folder(policy, reason, to)
    try:
        record = mechanics.write_backup(source if source is not None else db_path, db_path,
                                        folder, reason, clock().replace(tzinfo=None), key)
    except DRIVER_ERRORS as exc:
        from ..storage.connection import translate_error

        raise translate_error(exc, db_path) from exc
    if to is None:
        rotate(folder, db_path, policy)
    return record


def take_closing_backup(db_path: Path, *, policy: BackupPolicy | None = None,
                        key: bytes | None = None,
                        clock: Callable[[], datetime] = _now) -> BackupRecord | None:
    """The backup taken when the program closes, or None when it would repeat the newest one.

    Every change is an operation with its audit entry, so a database whose audit trail and
    schema are what the newest verified backup's sidecar recorded holds what that backup
    holds: closing after only reading (a liaison looking at the figures) copies and verifies
    nothing (a whole-file copy is ~20 s at 100,000 cases, minutes at a million).
    """
    db_path = Path(db_path)
    policy = policy or policy_for(db_path, key)
    latest = latest_verified(db_path, policy, key)
    if latest is not None and db_path.is_file():
        try:
            now = mechanics.audit_position(db_path, key)
        except DRIVER_ERRORS:
            now = None  # take the backup, which says what is wrong
        if now == (latest.audit_rows, latest.last_audit_at, latest.schema_version):
            return None
    return take_backup(db_path, "close", policy=policy, key=key, clock=clock)


def backup_before_import(store: Store) -> BackupRecord | None:
    """The backup taken before a bundle import, from the store's own connection."""
    from .settings import load_settings

    if store.path is None or store.readonly:
        return None
    record = take_backup(store.path, "import", policy=policy_of(load_settings(store)),
                         source=store, clock=store.now)
    if not record.verified:
        raise StorageError("导入前的备份未通过校验（" + "；".join(record.problems[:2]) +
                           "），为安全起见未导入。请先运行 mediation-desk check。",
                           code="backup_unverified")
    return record


def _check_live_key(db_path: Path, key: bytes | None) -> None:
    """Refuse, in one sentence, to work on an encrypted database without its key."""
    if key is None:
        if keyfile_path(db_path).exists() and is_encrypted(db_path):
            raise StorageError(f"数据库 {db_path.name} 是加密的，请先登录再操作备份。",
                               code="login_required")
    elif not key_opens(db_path, key):
        raise StorageError(f"登录所用的密钥打不开数据库 {db_path.name}（密钥文件可能属于另一个"
                           "数据库）。数据库未改动。", code="keyfile_mismatch")


def list_backups(db_path: Path, policy: BackupPolicy | None = None,
                 key: bytes | None = None) -> list[BackupRecord]:
    """Backups of ``db_path`` (its folder and the default one), newest first."""
    db_path = Path(db_path)
    policy = policy or policy_for(db_path, key)
    folders = [policy.folder, mechanics.default_backup_dir()]
    remembered = mechanics.remembered_location(db_path)
    if remembered is not None:
        folders.append(remembered)
    seen: set[Path] = set()
    out: list[BackupRecord] = []
    for folder in folders:
        where = folder.resolve() if folder.exists() else folder
        if where in seen:
            continue
        seen.add(where)
        out.extend(mechanics.backups_in(folder, db_path.stem))
    out.sort(key=lambda r: (r.created_at[:19], r.path.name), reverse=True)
    return out


def latest_verified(db_path: Path, policy: BackupPolicy | None = None,
                    key: bytes | None = None) -> BackupRecord | None:
    """The newest verified backup of ``db_path``, or None."""
    return next((r for r in list_backups(db_path, policy, key) if r.verified), None)


def daily_due(db_path: Path, policy: BackupPolicy, today: datetime) -> bool:
    """True when no verified backup of ``db_path`` was taken today (from the sidecars)."""
    latest = latest_verified(db_path, policy)
    return latest is None or latest.created_at[:10] != today.date().isoformat()


# -- rotation -------------------------------------------------------------------------------
def kept(records: list[BackupRecord], policy: BackupPolicy) -> set[Path]:
    """Which verified backups the rotation keeps (grandfather-father-son).

    The newest backup of each of the last ``keep_daily`` days that have one, of each of
    the last ``keep_weekly`` ISO weeks and ``keep_monthly`` months; the newest of all;
    every migration backup.
    """
    ordered = sorted((r for r in records if r.verified), key=lambda r: r.created_at,
                     reverse=True)
    keep: set[Path] = {r.path for r in ordered if r.reason in KEPT_ALWAYS}
    if ordered:
        keep.add(ordered[0].path)

    def period(r: BackupRecord, kind: str) -> str:
        moment = datetime.fromisoformat(r.created_at[:19])
        if kind == "day":
            return moment.date().isoformat()
        if kind == "week":
            year, week, _ = moment.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{moment:%Y-%m}"

    for kind, count in (("day", policy.keep_daily), ("week", policy.keep_weekly),
                        ("month", policy.keep_monthly)):
        seen: set[str] = set()
        for r in ordered:
            if len(seen) >= count:
                break
            key = period(r, kind)
            if key not in seen:
                seen.add(key)
                keep.add(r.path)
    return keep


def rotate(folder: Path, db_path: Path, policy: BackupPolicy,
           now: float | None = None) -> list[Path]:
    """Delete the backups of ``db_path`` in ``folder`` the policy does not keep.

    Only backups recorded as made from this very file are candidates; unverified ones
    (no sidecar: a process was killed while writing) and half-written ``.part`` files are
    removed once they are a day old.
    """
    now = time.time() if now is None else now
    records = mechanics.backups_in(folder, db_path.stem)
    source = str(db_path.resolve())
    mine = [r for r in records if r.source == source]
    keep = kept(mine, policy)
    removed: list[Path] = []
    for r in mine:
        if r.verified and r.path not in keep:
            mechanics.remove_backup(r.path)
            removed.append(r.path)
    day_ago = now - 86400
    for r in records:
        if not r.verified and not r.source:
            with suppress(OSError):
                if r.path.stat().st_mtime < day_ago:
                    mechanics.remove_backup(r.path)
                    removed.append(r.path)
    for part in mechanics.stale_parts(folder, db_path.stem, day_ago):
        with suppress(OSError):
            part.unlink()
            removed.append(part)
    return removed


# -- verification and practice ----------------------------------------------------------------
@dataclass(frozen=True)
class BackupReport:
    """A backup file checked now (for ``restore`` and 演练恢复)."""

    path: Path
    check: BackupCheck
    sha256_ok: bool | None  # None: no sidecar to compare with
    pending_migrations: int
    seconds: float = 0.0

    @property
    def verified(self) -> bool:
        return self.check.verified and self.sha256_ok is not False

    @property
    def problems(self) -> list[str]:
        extra = ["文件内容与备份时记录的校验值（SHA-256）不符"] if self.sha256_ok is False else []
        return [*self.check.problems, *extra]


def _sha256_matches(path: Path) -> bool | None:
    record = mechanics.read_record(path)
    if not record.sha256:
        return None
    return mechanics.sha256_of(path) == record.sha256


def _pending(check: BackupCheck) -> int:
    from ..storage.schema import migrations

    return len([m for m in migrations._migrations if m.name not in set(check.migrations)])


def verify_backup(path: Path, key: bytes | None = None) -> BackupReport:
    """Check a backup file as it is now: its sidecar hash, integrity, schema, audit chain.

    ``key``: the live database's data key (the backup must open with it).
    """
    path = Path(path)
    started = time.perf_counter()
    if not path.is_file():
        raise DomainError(f"备份文件不存在：{path}", code="backup_missing")
    sha_ok = _sha256_matches(path)
    check = mechanics.inspect(path, key)
    return BackupReport(path, check, sha_ok, _pending(check), time.perf_counter() - started)


def practice_restore(path: Path, key: bytes | None = None) -> BackupReport:
    """演练恢复: restore a backup into a temporary file, check it, report what it holds.

    Nothing outside the temporary folder changes; the live database is not touched. The
    temporary file is encrypted with ``key`` like the backup itself.
    """
    path = Path(path)
    started = time.perf_counter()
    if not path.is_file():
        raise DomainError(f"备份文件不存在：{path}", code="backup_missing")
    sha_ok = _sha256_matches(path)
    refused = mechanics.key_problem(path, key)
    if refused:
        return BackupReport(path, BackupCheck(problems=[refused]), sha_ok, 0,
                            time.perf_counter() - started)
    with tempfile.TemporaryDirectory(prefix="mediation-desk-practice-") as tmp:
        target = Path(tmp) / "practice.db"
        try:
            mechanics.copy_file(path, target, key)
        except DRIVER_ERRORS as exc:
            check = BackupCheck(problems=[f"无法从备份恢复：{exc}"])
            return BackupReport(path, check, sha_ok, 0, time.perf_counter() - started)
        check = mechanics.inspect(target, key)
    return BackupReport(path, check, sha_ok, _pending(check), time.perf_counter() - started)


# -- restore --------------------------------------------------------------------------------
@dataclass(frozen=True)
class RestoreResult:
    """What a restore did."""

    db_path: Path
    backup: Path
    kept_aside: Path | None  # the database as it was before (None: there was none)
    cases: int
    audit_seq: int


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S")


def restore_backup(db_path: Path, backup: Path, actor: str = "", *,
                   clock: Callable[[], datetime] = _now, key: bytes | None = None,
                   account: Account | None = None) -> RestoreResult:
    """Replace the database at ``db_path`` with the content of ``backup``.

    Refuses an unverified backup and a database another connection has open (any
    process, this one included: close the app's own connections first). The current file
    is first copied aside as ``<db>.before-restore-<stamp>`` and never deleted. The
    restored database records a ``restore_backup`` audit entry naming both files.
    ``key`` is the live database's data key: the backup must open with it, and every copy
    made here (staging, the copy kept aside) is written under it. ``account``, the
    logged-in account, must be allowed to restore (a director); the audit names it.
    """
    db_path, backup = Path(db_path), Path(backup)
    if account is not None:
        why = refusal(account, "restore_backup")
        if why:
            from .access import NotPermitted

            raise NotPermitted(why)
        actor = account.name
    if not actor:
        raise DomainError("必须注明操作人。", code="actor_missing")
    if db_path.exists():
        _check_live_key_for_restore(db_path, key)
    report = verify_backup(backup, key)
    if not report.verified:
        raise DomainError(f"备份文件未通过校验，未恢复：{backup.name}："
                          + "；".join(report.problems[:3]), code="backup_unverified")
    if backup.resolve() == db_path.resolve():
        raise DomainError("备份文件就是数据库本身，不能恢复。", code="backup_is_db")
    broken = False
    if db_path.exists():
        try:
            mechanics.probe_exclusive(db_path, key)  # fail fast, before the staging copy
        except DRIVER_ERRORS:
            broken = True  # not a database any more: it is moved aside, not copied
    moment = clock()
    aside = _free(db_path.with_name(f"{db_path.name}.before-restore-{_stamp(moment)}"))
    stage_dir = Path(tempfile.mkdtemp(prefix=f".{db_path.name}.restore-", dir=db_path.parent))
    try:
        stage = stage_dir / db_path.name
        mechanics.copy_file(backup, stage, key)
        seq = _record_restore(stage, backup, aside if db_path.exists() else None, actor,
                              report, clock, key, account)
        cases = mechanics.inspect(stage, key).cases
        if not db_path.exists():
            os.replace(stage, db_path)
            return RestoreResult(db_path, backup, None, cases, seq)
        if broken:
            _replace_broken(db_path, stage, aside)
        else:
            with mechanics.exclusive(db_path, key) as conn:
                part = aside.with_name(aside.name + ".part")
                mechanics.copy_from_connection(conn, part, key)
                os.replace(part, aside)
                mechanics.copy_into(stage, conn, key)
        return RestoreResult(db_path, backup, aside, cases, seq)
    except DRIVER_ERRORS as exc:
        from ..storage.connection import translate_error

        raise translate_error(exc, db_path) from exc
    finally:
        shutil.rmtree(stage_dir, ignore_errors=True)


def _check_live_key_for_restore(db_path: Path, key: bytes | None) -> None:
    """An encrypted live database is restored only with its key (a damaged one, which no key
    opens, is moved aside whole as before)."""
    if key is None and keyfile_path(db_path).exists() and is_encrypted(db_path):
        raise StorageError(f"数据库 {db_path.name} 是加密的，请先登录（中心主任）再恢复。"
                           "数据库未改动。", code="login_required")


def _free(path: Path) -> Path:
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}-{n}")
        n += 1
    return candidate


def _record_restore(stage: Path, backup: Path, aside: Path | None, actor: str,
                    report: BackupReport, clock: Callable[[], datetime], key: bytes | None,
                    account: Account | None) -> int:
    """Open the staged copy (migrating an older one) and audit the restore inside it."""
    store = Store.open(stage, clock=clock, key=key)
    try:
        if account is not None:
            from .access import login_store

            login_store(store, account)
        kept_text = f"；恢复前的数据库另存为 {aside}" if aside else ""
        with store.operation(actor, "restore_backup",
                             summary=f"从备份 {backup.name} 恢复{kept_text}") as work:
            work.note("backup", backup.name, {
                "source": [None, str(backup)], "kept_aside": [None, str(aside or "")],
                "cases": [None, report.check.cases],
                "last_audit_at": [None, report.check.last_audit_at]})
        return mechanics.last_audit_seq(store)
    finally:
        store.close()


def _replace_broken(db_path: Path, stage: Path, aside: Path) -> None:
    """A database SQLite cannot read is moved aside whole (with its -wal/-shm), not copied."""
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{aside}{suffix}"))
    os.replace(db_path, aside)
    os.replace(stage, db_path)


def describe_age(record: BackupRecord, now: datetime) -> str:
    """「今天」, 「昨天」 or 「N 天前」 for a backup's date."""
    try:
        day = datetime.fromisoformat(record.created_at[:19]).date()
    except ValueError:
        return ""
    days = (now.date() - day).days
    if days <= 0:
        return "今天"
    if days == 1:
        return "昨天"
    return f"{days} 天前"

