"""Issue 11's "done when": ``strings`` (the real binary) finds no party name, ID or phone
number in an encrypted desk, its -wal, each kind of backup, a save-copy, the practice
restore's temporary file, a restore's kept-aside copy, or what an interrupted legacy
encryption leaves; the same probe on the plain database finds them all (the control).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mediation_desk.services import auth, encryption
from mediation_desk.services import backup as svc
from mediation_desk.services.cases import CaseService
from mediation_desk.storage import backup as mech
from tests.conftest import case_input, party
from tests.storage.plaintext_probe import (
    found_in,
    found_in_tree,
    id_number,
    name,
    needs_strings,
    phone,
    secrets_of,
)
from tests.storage.test_encryption import DIRECTOR, PASSWORD, make_legacy

pytestmark = needs_strings
CASES = 12


def _fill(store, count: int = CASES) -> None:
    cases = CaseService(store)
    for i in range(count):
        cases.register("", case_input(
            facts=f"{name(i)}与司马懿因宅基地发生争议，联系电话{phone(i)}。",
            parties=[party("applicant", name(i), id_number(i), phone(i), village="马尚村"),
                     party("respondent", "司马懿", "440524188001010014", "13900001111")]))


def test_control_plain_database_shows_everything(tmp_path):
    db = tmp_path / "desk.db"
    make_legacy(db, cases=4, backups=0)
    needles = secrets_of(4)
    assert found_in(db, needles) == needles


def test_nothing_readable_in_an_encrypted_desk_and_its_copies(tmp_path, monkeypatch):
    db = tmp_path / "desk.db"
    store, _recovery = auth.create_desk(db, director_name=DIRECTOR, password=PASSWORD,
                                        code="ZD-MS", name="马尚街道调解中心",
                                        number_prefix="马尚")
    _fill(store)
    folder = tmp_path / "备份"
    folder.mkdir()
    policy = svc.BackupPolicy(folder=folder, configured=True)
    key = store.key
    assert key is not None and Path(f"{db}-wal").stat().st_size > 0  # the WAL holds cases
    looked: list[Path] = [db, Path(f"{db}-wal"), Path(f"{db}.keys")]
    looked.append(svc.take_backup(db, "manual", policy=policy, key=key, to=folder).path)
    looked.append(svc.take_backup(db, "close", policy=policy, source=store, to=folder).path)
    looked.append(mech.migration_backup(store.db, db, "m999_test").path)
    record = svc.backup_before_import(store)
    assert record is not None
    looked.append(record.path)
    looked.append(store.save_copy(tmp_path / "副本.db"))
    needles = secrets_of(CASES)
    for path in looked:
        assert path.exists(), path
        assert found_in(path, needles) == [], path
    # the practice restore's temporary file, looked at before it is removed
    practiced: list[list[str]] = []
    real_copy = mech.copy_file

    def copy_and_look(source: Path, target: Path, k: bytes | None = None) -> None:
        real_copy(source, target, k)
        practiced.append(found_in(target, needles))

    monkeypatch.setattr(svc.mechanics, "copy_file", copy_and_look)
    assert svc.practice_restore(looked[3], key).verified
    monkeypatch.undo()
    assert practiced == [[]]
    # a restore: the staging copy, the kept-aside copy and the restored database
    account = store.principal
    store.close()
    svc.restore_backup(db, looked[3], key=key, account=account)
    asides = list(tmp_path.glob("desk.db.before-restore-*"))
    assert asides
    assert found_in_tree(tmp_path, needles) == {}


def test_nothing_readable_in_what_an_interrupted_encryption_leaves(tmp_path, monkeypatch):
    db = tmp_path / "desk.db"
    legacy = make_legacy(db, cases=4, backups=1)
    needles = secrets_of(4)
    real = encryption._write_atomic

    def stop_at_commit(target: Path, data: bytes) -> None:
        if target.name == encryption.COMMITTED:
            raise KeyboardInterrupt  # as if the process died here
        real(target, data)

    monkeypatch.setattr(encryption, "_write_atomic", stop_at_commit)
    monkeypatch.setattr(encryption, "_roll_back", lambda *_a: None)
    with pytest.raises(KeyboardInterrupt):
        encryption.encrypt_database(db, DIRECTOR, PASSWORD)
    staged = [p for p in encryption.staging_of(db).rglob("*") if p.is_file()]
    staged += [Path(f"{p}{encryption.STAGED_COPY}") for p in legacy["backups"]]  # type: ignore[attr-defined]
    assert len(staged) >= 4  # the copy, its key file, the plan, the backup's twin
    for path in staged:
        assert found_in(path, needles) == [], path
    # committed and completed: nothing plain is left anywhere
    monkeypatch.undo()
    (encryption.staging_of(db) / encryption.COMMITTED).write_bytes(b"committed\n")
    assert auth.state(db) == "encrypted"
    assert found_in_tree(tmp_path, needles) == {}
    for path in legacy["backups"]:  # type: ignore[attr-defined]
        assert found_in(path, needles) == []
