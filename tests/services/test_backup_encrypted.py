"""Backups of an encrypted desk: every copy under the live data key (docs/encryption.md).

Each path of services/backup.py takes the key (``store.key``): taking, listing, verifying,
practising and restoring. A backup another key opens, a plain one, or an encrypted one
without a key gets one sentence; a refused restore changes nothing.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

from mediation_desk.domain.access import Account, Role
from mediation_desk.domain.errors import DomainError
from mediation_desk.services import auth
from mediation_desk.services import backup as svc
from mediation_desk.services.access import NotPermitted
from mediation_desk.services.cases import CaseService
from mediation_desk.storage.connection import StorageError, is_encrypted, key_opens
from tests.conftest import case_input

DIRECTOR, PASSWORD = "王主任", "备份测试-密码-1"


def _desk(path: Path, cases: int = 2):
    store, _ = auth.create_desk(path, director_name=DIRECTOR, password=PASSWORD,
                                code="ZD-MS", name="马尚街道调解中心", number_prefix="马尚")
    for _ in range(cases):
        CaseService(store).register("", case_input())
    return store


@pytest.fixture
def desk(tmp_path):
    (tmp_path / "encrypted").mkdir()
    store = _desk(tmp_path / "encrypted" / "desk.db")
    yield store
    store.close()


def _policy(tmp_path: Path) -> svc.BackupPolicy:
    folder = tmp_path / "backups"
    folder.mkdir(exist_ok=True)
    return svc.BackupPolicy(folder=folder, configured=True)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


def test_backups_are_encrypted_under_the_live_key(desk, tmp_path):
    policy = _policy(tmp_path)
    db = desk.path
    for record in (svc.take_backup(db, "manual", policy=policy, key=desk.key, to=policy.folder),
                   svc.take_backup(db, "close", policy=policy, source=desk, to=policy.folder),
                   svc.backup_before_import(desk)):
        assert record is not None and record.verified and record.cases == 2
        assert is_encrypted(record.path) and key_opens(record.path, desk.key)
        assert not Path(f"{record.path}.keys").exists()  # no key file beside a backup
        assert svc.verify_backup(record.path, desk.key).verified
    listed = svc.list_backups(db, policy, desk.key)
    assert listed and all(r.verified for r in listed)
    assert svc.practice_restore(listed[0].path, desk.key).verified


def test_without_the_key_or_with_another_one(desk, tmp_path):
    policy = _policy(tmp_path)
    db = desk.path
    with pytest.raises(StorageError) as err:
        svc.take_backup(db, "manual", policy=policy)
    assert err.value.code == "login_required"
    (tmp_path / "other").mkdir()
    other = _desk(tmp_path / "other" / "desk.db")
    with pytest.raises(StorageError) as err:
        svc.take_backup(db, "manual", policy=policy, key=other.key)
    assert err.value.code == "keyfile_mismatch"
    mine = svc.take_backup(db, "manual", policy=policy, key=desk.key, to=policy.folder)
    theirs = svc.take_backup(other.path, "manual", key=other.key, to=tmp_path / "other")
    other.close()
    # an encrypted backup without a key; another desk's backup; each one sentence
    (no_key,) = svc.verify_backup(mine.path).problems
    assert "加密" in no_key and "登录" in no_key
    (foreign,) = svc.verify_backup(theirs.path, desk.key).problems
    assert "不属于这个数据库" in foreign
    (practice,) = svc.practice_restore(theirs.path, desk.key).problems
    assert practice == foreign


def test_a_plain_legacy_backup_is_refused_for_an_encrypted_desk(desk, store, db_path, tmp_path):
    plain = svc.take_backup(db_path, "manual", to=_policy(tmp_path).folder)  # the plain fixture
    assert plain.verified and not is_encrypted(plain.path)
    (problem,) = svc.verify_backup(plain.path, desk.key).problems
    assert "未加密" in problem
    with pytest.raises(DomainError) as err:
        svc.restore_backup(desk.path, plain.path, key=desk.key, account=desk.principal)
    assert err.value.code == "backup_unverified"


def test_restore_under_the_key_by_a_director_only(tmp_path):
    db = tmp_path / "desk.db"
    store = _desk(db, cases=3)
    key, director = store.key, store.principal
    assert key is not None and director is not None
    policy = _policy(tmp_path)
    record = svc.take_backup(db, "manual", policy=policy, key=key, to=policy.folder)
    CaseService(store).register("", case_input())  # after the backup
    store.close()
    before = _files(tmp_path)
    mediator = Account(id=str(uuid.uuid4()), name="李调解", role=Role.MEDIATOR)
    with pytest.raises(NotPermitted):
        svc.restore_backup(db, record.path, key=key, account=mediator)
    with pytest.raises(StorageError) as err:
        svc.restore_backup(db, record.path, "某人")  # no key for an encrypted desk
    assert err.value.code == "login_required"
    assert _files(tmp_path) == before  # refused: nothing changed
    result = svc.restore_backup(db, record.path, key=key, account=director)
    assert result.cases == 3 and result.kept_aside is not None
    assert key_opens(result.kept_aside, key) and key_opens(db, key)
    assert not list(tmp_path.glob(".desk.db.restore-*"))  # the staging folder is gone
    again = auth.login(db, DIRECTOR, PASSWORD)
    try:
        assert again.cases.count_live() == 3
        problems, chain = again.check()
        assert problems == [] and chain.ok
    finally:
        again.close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    assert conn.execute("SELECT actor, action FROM audit WHERE action = 'restore_backup'"
                        ).fetchall() == [(DIRECTOR, "restore_backup")]
    conn.close()
