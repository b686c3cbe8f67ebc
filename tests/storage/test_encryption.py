"""Encrypting a legacy plain database (services/encryption.py, docs/encryption.md).

The encrypted desk holds every record of the plain one, its director logs in, its plain
backups are encrypted too and nothing plain is left; a refused encryption changes nothing;
an interrupted one (the process dies at any step, tests/storage/test_encryption_crash.py)
is rolled back or completed the next time the desk is looked at.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

from mediation_desk.domain.errors import DomainError, ValidationError
from mediation_desk.security import keyfile as kf
from mediation_desk.services import auth, encryption
from mediation_desk.services import backup as svc
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import init_desk
from mediation_desk.storage import backup as mech
from mediation_desk.storage.connection import key_opens
from mediation_desk.storage.store import Store
from tests.conftest import case_input, party
from tests.storage.plaintext_probe import id_number, name, phone

DIRECTOR, PASSWORD = "王主任", "加密测试-密码-1"


def make_legacy(db: Path, *, cases: int = 6, legacy_schema: bool = True,
                backups: int = 1) -> dict[str, object]:
    """A plain desk with cases and plain backups (its schema before m010 by default)."""
    store = init_desk(db, code="ZD-MS", name="马尚街道调解中心", number_prefix="马尚")
    folder = db.parent / "备份"
    folder.mkdir(exist_ok=True)
    try:
        with store.operation("系统", "update_settings") as work:
            work.set_setting("backup_dir", str(folder))
        svc_cases = CaseService(store)
        ids = []
        for i in range(cases):
            ids.append(svc_cases.register("测试员", case_input(parties=[
                party("applicant", name(i), id_number(i), phone(i)),
                party("respondent", "司马懿", "440524188001010014", "13900001111")])).id)
    finally:
        store.close()
    if legacy_schema:
        conn = sqlite3.connect(db)
        conn.execute("DROP TABLE accounts")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm010_accounts'")
        conn.commit()
        conn.close()
    records = [svc.take_backup(db, "manual", clock=lambda day=day: datetime(2026, 2, day + 1))
               for day in range(backups)]  # one a day: the rotation keeps them all
    return {"ids": set(ids), "folder": folder, "backups": [r.path for r in records]}


def leftovers(db: Path) -> list[str]:
    names = [f"{db.name}{s}" for s in (encryption.STAGING, encryption.OLD, encryption.LOCK)]
    found = [n for n in names if (db.parent / n).exists()]
    found += [p.name for p in db.parent.rglob(f"*{encryption.STAGED_COPY}")]
    return found


def test_legacy_database_is_encrypted_with_its_director(tmp_path):
    db = tmp_path / "desk.db"
    legacy = make_legacy(db, backups=2)
    aside = db.with_name(f"{db.name}.before-restore-20260301-101010")
    mech.copy_file(db, aside)  # a copy an earlier restore kept aside: plain too
    seen: list[tuple[str, int, int]] = []
    recovery = encryption.encrypt_database(db, DIRECTOR, PASSWORD,
                                           progress=lambda *a: seen.append(a))
    assert auth.state(db) == "encrypted" and leftovers(db) == []
    assert seen[-1][1] == seen[-1][2] and [s[1] for s in seen] == sorted(s[1] for s in seen)
    store = auth.login(db, DIRECTOR, PASSWORD)
    try:
        assert store.principal is not None and store.principal.role.value == "director"
        svc_cases = CaseService(store)
        assert all(svc_cases.get(cid).id == cid for cid in legacy["ids"])  # type: ignore[attr-defined]
        assert store.cases.count_live() == len(legacy["ids"])  # type: ignore[arg-type]
        problems, chain = store.check()
        assert problems == [] and chain.ok
        key = store.key
    finally:
        store.close()
    assert key is not None
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    action, actor = conn.execute("SELECT action, actor FROM audit ORDER BY seq DESC LIMIT 1"
                                 ).fetchone()
    conn.close()
    assert (action, actor) == ("encrypt_database", DIRECTOR)
    # the recovery key alone opens the database and every backup
    assert kf.data_key_from_recovery(kf.parse_recovery_key(recovery)) == key
    policy = svc.BackupPolicy(folder=legacy["folder"], configured=True)  # type: ignore[arg-type]
    records = svc.list_backups(db, policy, key)
    assert {r.path for r in records} >= set(legacy["backups"])  # type: ignore[arg-type]
    migration = [r for r in records if r.reason == "migration"]
    assert len(migration) == 1  # m010 ran on the encrypted copy, its backup encrypted
    for r in records:
        assert r.verified, (r.path, r.problems)
        report = svc.verify_backup(r.path, key)
        assert report.verified, report.problems
        assert key_opens(r.path, key)
        assert svc.verify_backup(r.path).problems  # not without the key
    assert key_opens(aside, key)
    assert not list(tmp_path.rglob("*.keys"))[1:]  # one key file, beside the database only


def test_already_migrated_plain_desk(tmp_path):
    db = tmp_path / "desk.db"
    make_legacy(db, legacy_schema=False, backups=0)
    encryption.encrypt_database(db, DIRECTOR, PASSWORD)
    store = auth.login(db, DIRECTOR, PASSWORD)
    assert store.cases.count_live() == 6
    store.close()


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes (not -wal/-shm: a read-only look at a WAL database leaves them)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


@pytest.mark.parametrize("name, password, field", [
    ("", PASSWORD, "name"), (DIRECTOR, "1234", "password"), (DIRECTOR, "12345678", "password"),
])
def test_bad_name_or_password_changes_nothing(tmp_path, name, password, field):
    db = tmp_path / "desk.db"
    make_legacy(db)
    before = _snapshot(tmp_path)
    with pytest.raises(ValidationError) as err:
        encryption.encrypt_database(db, name, password)
    assert field in err.value.problems
    assert _snapshot(tmp_path) == before


def test_refused_while_open_elsewhere_and_when_not_plain(tmp_path):
    db = tmp_path / "desk.db"
    make_legacy(db, legacy_schema=False)
    other = Store.open(db, readonly=True)  # another window has it open
    other.db.execute("SELECT count(*) FROM cases").fetchone()
    before = _snapshot(tmp_path)
    try:
        with pytest.raises(DomainError) as err:
            encryption.encrypt_database(db, DIRECTOR, PASSWORD)
        assert err.value.code == "db_in_use"
    finally:
        other.close()
    assert _snapshot(tmp_path) == before and leftovers(db) == []
    encryption.encrypt_database(db, DIRECTOR, PASSWORD)
    with pytest.raises(DomainError) as err:
        encryption.encrypt_database(db, DIRECTOR, PASSWORD)
    assert err.value.code == "already_encrypted"


def test_a_key_file_beside_a_plain_database_is_refused(tmp_path):
    db = tmp_path / "desk.db"
    make_legacy(db, backups=0)
    kf.keyfile_path(db).write_text("{}", "utf-8")
    before = _snapshot(tmp_path)
    with pytest.raises(DomainError) as err:
        encryption.encrypt_database(db, DIRECTOR, PASSWORD)
    assert err.value.code == "keyfile_exists" and _snapshot(tmp_path) == before


def test_an_uncommitted_run_is_rolled_back(tmp_path, monkeypatch):
    db = tmp_path / "desk.db"
    legacy = make_legacy(db)
    plain = db.read_bytes()
    backups = {p: p.read_bytes() for p in legacy["backups"]}  # type: ignore[attr-defined]

    def die(*_a: object) -> None:
        raise KeyboardInterrupt  # the process stops here (no clean-up below runs)

    monkeypatch.setattr(encryption, "_roll_back", lambda *_a: None)
    monkeypatch.setattr(encryption, "_roll_forward", die)
    real_commit = encryption._write_atomic

    def stop_at_commit(target: Path, data: bytes) -> None:
        if target.name == encryption.COMMITTED:
            raise KeyboardInterrupt
        real_commit(target, data)

    monkeypatch.setattr(encryption, "_write_atomic", stop_at_commit)
    with pytest.raises(KeyboardInterrupt):
        encryption.encrypt_database(db, DIRECTOR, PASSWORD)
    assert encryption.staging_of(db).exists()
    assert all(Path(f"{p}{encryption.STAGED_COPY}").exists() for p in backups)
    monkeypatch.undo()
    assert auth.state(db) == "plain"  # finish_interrupted rolled it back
    assert leftovers(db) == [] and db.read_bytes() == plain
    assert {p: p.read_bytes() for p in backups} == backups
    assert not [r for r in svc.list_backups(db) if r.reason == "migration"]


def test_a_committed_run_is_completed(tmp_path, monkeypatch):
    db = tmp_path / "desk.db"
    legacy = make_legacy(db)
    monkeypatch.setattr(encryption, "_roll_forward", lambda *_a: (_ for _ in ()).throw(
        KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        encryption.encrypt_database(db, DIRECTOR, PASSWORD)
    monkeypatch.undo()
    assert (encryption.staging_of(db) / encryption.COMMITTED).exists()
    assert auth.state(db) == "encrypted" and leftovers(db) == []
    store = auth.login(db, DIRECTOR, PASSWORD)
    key = store.key
    assert store.cases.count_live() == len(legacy["ids"])  # type: ignore[arg-type]
    store.close()
    for path in legacy["backups"]:  # type: ignore[attr-defined]
        assert svc.verify_backup(path, key).verified
        side = json.loads(mech.sidecar_of(path).read_text("utf-8"))
        assert side["sha256"] == mech.sha256_of(path)


def test_secure_remove_overwrites_before_unlinking(tmp_path, monkeypatch):
    from mediation_desk.storage import encryption as files

    target = tmp_path / "plain.db"
    target.write_bytes(b"party data " * 1000)
    Path(f"{target}-journal").write_bytes(b"journal data")
    seen: list[bytes] = []
    real_unlink = Path.unlink

    def look(self: Path, missing_ok: bool = False) -> None:
        seen.append(self.read_bytes())
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", look)
    files.secure_remove(target)
    assert not target.exists() and not Path(f"{target}-journal").exists()
    assert seen and all(set(data) <= {0} for data in seen)
    assert [len(d) for d in seen] == [11000, 12]


def test_finish_interrupted_is_cheap_without_leftovers(tmp_path):
    db = tmp_path / "desk.db"
    assert encryption.finish_interrupted(db) == ""
    assert not encryption.lock_of(db).exists()
    assert os.listdir(tmp_path) == []


def test_every_connection_keeps_temporary_storage_in_memory(tmp_path):
    from mediation_desk.storage.connection import connect, open_database

    db = tmp_path / "desk.db"
    store, _ = auth.create_desk(db, director_name=DIRECTOR, password=PASSWORD, code="ZD-MS",
                                name="马尚街道调解中心")
    try:
        assert store.db.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        key = store.key
        raw = connect(db, key=key, readonly=True)
        assert raw.execute("PRAGMA temp_store").fetchone()[0] == 2
        raw.close()
        opened = open_database(db, key=key, readonly=True)
        assert opened.execute("PRAGMA temp_store").fetchone()[0] == 2
        opened.close()
    finally:
        store.close()


def test_a_write_error_is_one_sentence_and_changes_nothing(tmp_path, monkeypatch):
    db = tmp_path / "desk.db"
    make_legacy(db, backups=1)
    before = _snapshot(tmp_path)

    def full(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device", str(tmp_path / "x"))

    monkeypatch.setattr(kf, "write_keyfile", full)
    with pytest.raises(DomainError) as err:
        encryption.encrypt_database(db, DIRECTOR, PASSWORD)
    assert err.value.code == "encrypt_write_failed" and "数据库未改动" in err.value.message
    assert _snapshot(tmp_path) == before and leftovers(db) == []


def test_leftovers_found_by_the_encryption_itself_are_finished_first(tmp_path, monkeypatch):
    db = tmp_path / "desk.db"
    make_legacy(db, backups=0)
    monkeypatch.setattr(encryption, "_roll_back", lambda *_a: None)
    monkeypatch.setattr(encryption, "_create_director", lambda *_a: (_ for _ in ()).throw(
        KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        encryption.encrypt_database(db, DIRECTOR, PASSWORD)
    monkeypatch.undo()
    assert encryption.staging_of(db).exists()  # as a crash leaves it
    encryption.encrypt_database(db, DIRECTOR, PASSWORD)  # rolls that back, then encrypts
    assert auth.state(db) == "encrypted" and leftovers(db) == []
