"""Encrypting a legacy plain database on its director's first open (docs/encryption.md).

:func:`encrypt_database` turns ``desk.db`` (plain, no accounts) into an encrypted desk with
its director's account and returns the new recovery key. Everything keyed happens on
copies in the staging folder ``desk.db.encrypting/`` beside the database, while the plain
file stays as it was:

1. the plan (``manifest.json``: the backup folders, the plain copies to encrypt) is written;
2. the plain file, held alone and checkpointed, is exported encrypted into the staging
   folder and compared with it (integrity, row counts of every table, the audit head);
3. the key file with the director's slot is written there; the copy is opened with the
   data key (the m010 migration runs then, its backup encrypted) and the director's
   account created in one audited operation, ``encrypt_database``;
4. every plain backup of the desk (its backup folders, ``.before-restore-`` copies) is
   exported encrypted beside itself as ``<name>.encrypted-new`` and compared;
5. ``COMMITTED`` is written into the staging folder: the point of no return;
6. the switch: the plain file is renamed ``desk.db.plain-old``, the key file and the
   encrypted copy moved into place, each plain backup overwritten with zeros and replaced
   by its encrypted copy (its sidecar's size and hash updated), ``desk.db.plain-old``
   overwritten with zeros and removed, the staging folder removed.

A crash anywhere leaves a usable database: :func:`finish_interrupted` (called whenever a
desk is looked at, ``auth.state``/``auth.unlock``) rolls back a run that had not committed
(removes the staging folder and the staged copies; the plain file was never touched) and
completes one that had (every step of 6 is idempotent and needs no key). An OS lock
(``desk.db.encrypting.lock``) keeps a running encryption from being "finished" by another
window meanwhile.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.access import Account, Role
from ..domain.errors import DomainError, ValidationError
from ..security import keyfile as kf
from ..storage import backup as mechanics
from ..storage import encryption as files
from ..storage.connection import APPLICATION_ID, DRIVER_ERRORS, is_encrypted, translate_error
from ..storage.store import Store

log = logging.getLogger(__name__)

STAGING = ".encrypting"  # desk.db.encrypting/: the encrypted copy, its key file, the plan
OLD = ".plain-old"  # desk.db.plain-old: the plain file after the switch, until removed
LOCK = ".encrypting.lock"
STAGED_COPY = ".encrypted-new"  # <backup>.encrypted-new: a plain backup's encrypted copy
MANIFEST = "manifest.json"
COMMITTED = "COMMITTED"

Progress = Callable[[str, int, int], None]
"""``progress(what, done, total)``: a sentence for the step and how far the steps are."""

STEPS = 5


def staging_of(path: Path) -> Path:
    return Path(f"{path}{STAGING}")


def old_of(path: Path) -> Path:
    return Path(f"{path}{OLD}")


def lock_of(path: Path) -> Path:
    return Path(f"{path}{LOCK}")


def _staged_copy(path: Path) -> Path:
    return Path(f"{path}{STAGED_COPY}")


@dataclass
class _Copy:
    """A plain copy of the desk (a backup) and its encrypted replacement's hash."""

    path: str
    sha256: str = ""
    size: int = 0


@dataclass
class _Plan:
    folders: list[str]
    copies: list[_Copy]
    staged_db: str

    def to_json(self) -> bytes:
        doc = {"format": 1, "folders": self.folders, "staged_db": self.staged_db,
               "copies": [c.__dict__ for c in self.copies]}
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def read(cls, staging: Path) -> _Plan | None:
        try:
            doc = json.loads((staging / MANIFEST).read_text("utf-8"))
            return cls(folders=[str(f) for f in doc["folders"]],
                       copies=[_Copy(str(c["path"]), str(c.get("sha256", "")),
                                     int(c.get("size", 0))) for c in doc["copies"]],
                       staged_db=str(doc["staged_db"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _write_atomic(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    files.fsync_folder(target.parent)


def _refuse(message: str, code: str) -> DomainError:
    return DomainError(message, code=code)


# -- encrypting -----------------------------------------------------------------------------
def encrypt_database(path: str | os.PathLike[str], director_name: str, password: str, *,
                     progress: Progress | None = None) -> str:
    """Encrypt the legacy plain database at ``path``; its director's account; the recovery key.

    ``director_name`` and ``password`` become the first (director's) account. The returned
    recovery key is shown once and printed (恢复密钥单); it is kept nowhere. Refused, with
    nothing changed: a file that is not a plain Mediation Desk database, a database another
    window or command has open, a name or password the rules refuse (field errors).
    """
    from .auth import name_problems, password_problems

    p = Path(path)
    problems: dict[str, list[str]] = {}
    if msgs := name_problems(director_name):
        problems["name"] = msgs
    if msgs := password_problems(password, director_name.strip()):
        problems["password"] = msgs
    if problems:
        raise ValidationError(problems)
    lock = files.FileLock(lock_of(p))
    if not lock.acquire():
        raise _refuse("另一个窗口正在加密这个数据库，请稍候。", "encrypting_elsewhere")
    try:
        _finish_locked(p)  # what an earlier, interrupted run left
        _check_plain(p)
        secret = kf.new_recovery_secret()
        key = kf.data_key_from_recovery(secret)
        staging = staging_of(p)
        try:
            staging.mkdir()
            _encrypt_staged(p, staging, director_name.strip(), password, key, progress)
        except BaseException as exc:
            _roll_back(p, staging)
            if isinstance(exc, OSError):
                where = exc.filename or p.parent
                raise _refuse(f"加密时无法写入 {where}（{exc.strerror or exc}）。数据库未改动，"
                              "请检查磁盘空间和文件夹权限后重试。",
                              "encrypt_write_failed") from exc
            raise
        _step(progress, "正在替换为加密的数据库并清除明文文件", 5)
        try:
            _roll_forward(p, staging)
        except OSError as exc:
            raise _refuse(f"数据库已加密，但替换文件时出错（{exc.strerror or exc}）。下次打开"
                          f"数据库时会自动完成；请不要删除 {staging.name} 文件夹。",
                          "encrypt_unfinished") from exc
    except OSError as exc:  # the lock's or the leftovers' files
        raise _refuse(f"无法加密数据库：{exc.strerror or exc}。数据库未改动。",
                      "encrypt_write_failed") from exc
    finally:
        lock.release(remove=True)
    _step(progress, "加密完成", STEPS)
    log.info("database %s encrypted", p)
    return kf.format_recovery_key(secret)


def _step(progress: Progress | None, what: str, done: int) -> None:
    if progress is not None:
        progress(what, done, STEPS)


def _check_plain(p: Path) -> None:
    if not p.is_file():
        raise _refuse(f"数据库文件不存在：{p}", "db_missing")
    if is_encrypted(p):
        raise _refuse(f"数据库 {p.name} 已经加密（或不是数据库文件），不需要再加密。",
                      "already_encrypted")
    if kf.keyfile_path(p).exists():
        raise _refuse(f"数据库旁边已有密钥文件 {kf.keyfile_path(p).name}（它不属于这个未加密的"
                      "数据库）。请把它移走后再加密。数据库未改动。", "keyfile_exists")


def _backup_folders(p: Path) -> list[Path]:
    folders = [files.configured_backup_dir(p), mechanics.default_backup_dir()]
    remembered = mechanics.remembered_location(p)
    if remembered is not None:
        folders.append(remembered)
    out: list[Path] = []
    for folder in folders:
        if folder is not None and folder.is_dir() and \
                all(folder.resolve() != f.resolve() for f in out):
            out.append(folder)
    return out


def _plain_copies(p: Path, folders: list[Path]) -> list[Path]:
    """Every plain copy of this desk: its backups, the copies a restore kept aside."""
    found = [r.path for f in folders for r in mechanics.backups_in(f, p.stem)]
    found += [c for c in p.parent.glob(f"{p.name}.before-restore-*")
              if c.is_file() and not c.name.endswith(".part")]
    return [c for c in found if files.is_plain_database(c)]


def _encrypt_staged(p: Path, staging: Path, name: str, password: str, key: bytes,
                    progress: Progress | None) -> None:
    """Steps 1 to 5: everything keyed, on copies; the plain file is only read."""
    staged = staging / p.name
    folders = _backup_folders(p)
    plan = _Plan(folders=[str(f) for f in folders],
                 copies=[_Copy(str(c)) for c in _plain_copies(p, folders)],
                 staged_db=str(staged.resolve()))
    _write_atomic(staging / MANIFEST, plan.to_json())
    _step(progress, "正在复制并加密数据库", 0)
    try:
        source = files.export_plain(p, staged, key)
        before = (p.stat().st_size, p.stat().st_mtime_ns)
        _step(progress, "正在校验加密的副本", 1)
        problems = files.compare(source, files.facts_of_file(staged, key))
    except DRIVER_ERRORS as exc:
        raise translate_error(exc, p) from exc
    if source.application_id != APPLICATION_ID:
        raise _refuse(f"{p.name} 不是调解工作台数据库，未加密。", "db_wrong_kind")
    if problems:
        raise _refuse("加密的副本校验未通过（" + "；".join(problems) + "），数据库未改动。",
                      "encrypt_unverified")
    _step(progress, "正在建立中心主任账户", 2)
    _create_director(p, staged, name, password, key)
    _step(progress, "正在加密已有的备份", 3)
    for i, copy in enumerate(plan.copies):
        _encrypt_copy(copy, key)
        _write_atomic(staging / MANIFEST, plan.to_json())
        if progress is not None:
            progress(f"正在加密已有的备份（{i + 1}/{len(plan.copies)}）", 3, STEPS)
    if (p.stat().st_size, p.stat().st_mtime_ns) != before or any(
            Path(f"{p}{s}").exists() for s in ("-wal", "-journal")):
        raise _refuse("加密过程中数据库被其他程序改动了，未加密。请关闭其他窗口后重试。",
                      "db_in_use")
    _step(progress, "正在替换为加密的数据库", 4)
    _write_atomic(staging / COMMITTED, b"committed\n")


def _create_director(p: Path, staged: Path, name: str, password: str, key: bytes) -> None:
    """The key file with the director's slot, then the account in one audited operation."""
    from .access import login_store

    store = Store.open(staged, key=key)  # migrates (the backup before it: encrypted)
    try:
        account = store.accounts.named(name)
        if account is None:
            account = Account(id=str(uuid.uuid4()), name=name, role=Role.DIRECTOR)
        elif account.role is not Role.DIRECTOR or not account.active:
            raise ValidationError({"name": [f"“{name}”已是本数据库中的其他角色或停用的账户"]})
        keyfile = kf.KeyFile.new(key)
        keyfile.put(kf.new_slot(keyfile.file_id, account.id, account.name, password, key))
        kf.write_keyfile(staged, keyfile)
        login_store(store, account)
        with store.operation(account.name, "encrypt_database",
                             summary=f"加密数据库 {p.name}，建立中心主任账户{account.name}"
                             ) as work:
            work.save_account(account)
            work.note("database", p.name, {"encrypted": [False, True]})
    finally:
        store.close()
    check = mechanics.inspect(staged, key)
    if not check.verified:
        raise _refuse("加密的副本校验未通过（" + "；".join(check.problems[:2]) +
                      "），数据库未改动。", "encrypt_unverified")


def _encrypt_copy(copy: _Copy, key: bytes) -> None:
    """A plain backup's encrypted twin beside it (``.encrypted-new``), compared with it.

    A copy that cannot be read is left as it is (logged), never removed.
    """
    source = Path(copy.path)
    target = _staged_copy(source)
    target.unlink(missing_ok=True)
    try:
        facts = files.export_file(source, target, key)
        problems = files.compare(facts, files.facts_of_file(target, key))
    except DRIVER_ERRORS as exc:
        problems = [str(exc)]
    if problems:
        target.unlink(missing_ok=True)
        log.warning("plain backup %s left unencrypted: %s", source, problems)
        copy.sha256, copy.size = "", 0
        return
    copy.sha256, copy.size = mechanics.sha256_of(target), target.stat().st_size


# -- finishing or undoing -----------------------------------------------------------------
def finish_interrupted(path: str | os.PathLike[str]) -> str:
    """Complete or roll back an encryption a crash interrupted; what was done.

    '' when there was nothing to do (or another process is encrypting right now),
    'rolled_back' (the plain database is as it was), 'completed' (it is encrypted). Costs
    three ``stat`` calls when there are no leftovers.
    """
    p = Path(path)
    staging, old = staging_of(p), old_of(p)
    if not staging.exists() and not old.exists():
        if lock_of(p).exists():  # a run died after its last step: only the lock is left
            stale = files.FileLock(lock_of(p))
            if stale.acquire():
                stale.release(remove=True)
        return ""
    lock = files.FileLock(lock_of(p))
    if not lock.acquire():
        return ""  # a run in progress (another window, another thread)
    try:
        return _finish_locked(p)
    except OSError as exc:
        raise DomainError(f"上次加密数据库 {p.name} 没有完成，继续时出错（{exc.strerror or exc}）。"
                          f"请关闭其他打开它的程序后重试；不要删除 {staging.name} 文件夹。",
                          code="encrypt_unfinished") from exc
    finally:
        lock.release(remove=True)


def _finish_locked(p: Path) -> str:
    """:func:`finish_interrupted`'s work, the lock held."""
    staging, old = staging_of(p), old_of(p)
    if (staging / COMMITTED).exists():
        _roll_forward(p, staging)
        log.warning("completed the interrupted encryption of %s", p)
        return "completed"
    if staging.exists():
        _roll_back(p, staging)
        log.warning("rolled back the interrupted encryption of %s", p)
        return "rolled_back"
    if not old.exists():
        return ""
    # the switch had finished, only the plain file's removal had not
    if p.exists():
        files.secure_remove(old)
        return "completed"
    os.replace(old, p)
    return "rolled_back"


def _roll_back(p: Path, staging: Path) -> None:
    """Undo an uncommitted run: staged copies and the staging folder go; nothing else moved."""
    plan = _Plan.read(staging)
    if plan is not None:
        for copy in plan.copies:
            with suppress(FileNotFoundError):
                _staged_copy(Path(copy.path)).unlink()
        for folder in plan.folders:  # the staged copy's migration backup (its key is lost)
            for record in mechanics.backups_in(Path(folder), p.stem):
                if record.source == plan.staged_db:
                    mechanics.remove_backup(record.path)
    shutil.rmtree(staging, ignore_errors=True)
    files.fsync_folder(p.parent)


def _roll_forward(p: Path, staging: Path) -> None:
    """Step 6, idempotent: each action is done only if it was not done yet."""
    plan = _Plan.read(staging)
    old = old_of(p)
    staged = staging / p.name
    if p.exists() and files.is_plain_database(p):
        for suffix in files.COMPANIONS:
            side = Path(f"{p}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{old}{suffix}"))
        os.replace(p, old)
    staged_keys = kf.keyfile_path(staged)
    if staged_keys.exists():
        os.replace(staged_keys, kf.keyfile_path(p))
    if staged.exists():
        wal = Path(f"{staged}-wal")  # none after a clean close; if there is one, it is part
        if wal.exists():
            os.replace(wal, Path(f"{p}-wal"))
        os.replace(staged, p)
    files.fsync_folder(p.parent)
    for copy in plan.copies if plan is not None else []:
        if copy.sha256:
            _switch_copy(copy)
    files.secure_remove(old)
    for leftover in sorted(staging.iterdir(), key=lambda f: f.name == COMMITTED):
        with suppress(OSError):
            leftover.unlink()
    with suppress(OSError):
        staging.rmdir()
    files.fsync_folder(p.parent)


def _switch_copy(copy: _Copy) -> None:
    """Replace one plain backup by its encrypted twin; its sidecar describes the new file."""
    path = Path(copy.path)
    twin = _staged_copy(path)
    if twin.exists():
        if path.exists():
            files.secure_remove(path)
        os.replace(twin, path)
        files.fsync_folder(path.parent)
    if not path.exists() or mechanics.sha256_of(path) != copy.sha256:
        return
    sidecar = mechanics.sidecar_of(path)
    try:
        data: dict[str, Any] = json.loads(sidecar.read_text("utf-8"))
    except (OSError, ValueError):
        return
    if data.get("sha256") != copy.sha256:
        data["sha256"], data["size"] = copy.sha256, copy.size
        _write_atomic(sidecar, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
