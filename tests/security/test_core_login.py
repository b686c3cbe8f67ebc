"""The core of logging in: an encrypted desk, its key file, passwords and the recovery key."""

from __future__ import annotations

import subprocess

import pytest

from mediation_desk.domain.access import Role
from mediation_desk.domain.errors import DomainError, ValidationError
from mediation_desk.security import keyfile as kf
from mediation_desk.services import auth


@pytest.fixture
def desk(tmp_path):
    path = tmp_path / "desk.db"
    store, recovery = auth.create_desk(path, director_name="张主任", password="correct horse",
                                       code="ZD-MS", name="马尚调解中心", number_prefix="马尚")
    store.close()
    return path, recovery


def test_the_director_logs_in_and_the_audit_names_the_account(desk):
    path, _ = desk
    store = auth.login(path, "张主任", "correct horse")
    try:
        assert store.principal is not None and store.principal.role is Role.DIRECTOR
        with store.operation("随便写的名字", "update_settings") as work:
            work.set_setting("x", 1)
        assert store.audit.verify_chain().ok
        rows = store.db.execute("SELECT actor FROM audit ORDER BY seq").fetchall()
        assert [r[0] for r in rows] == ["张主任", "张主任"]
    finally:
        store.close()


def test_the_file_holds_no_plain_text(desk):
    path, _ = desk
    out = subprocess.run(["strings", "-n", "3", str(path)], capture_output=True).stdout
    assert "马尚".encode() not in out and b"SQLite format 3" not in out
    assert auth.state(path) == "encrypted"


def test_a_wrong_password_is_counted_then_throttled(desk):
    path, _ = desk
    for _ in range(kf.FREE_ATTEMPTS):
        with pytest.raises(kf.KeyFileError) as err:
            auth.unlock(path, "张主任", "wrong one")
        assert err.value.code == "wrong_password"
    with pytest.raises(kf.KeyFileError) as err:
        auth.unlock(path, "张主任", "correct horse")
    assert err.value.code == "throttled" and "秒后再试" in err.value.message


def test_an_unknown_name_and_a_missing_key_file(desk):
    path, _ = desk
    with pytest.raises(kf.KeyFileError) as err:
        auth.unlock(path, "李四", "correct horse")
    assert err.value.code == "no_account"
    kf.keyfile_path(path).rename(path.with_name("elsewhere.keys"))
    with pytest.raises(kf.KeyFileError) as err:
        auth.unlock(path, "张主任", "correct horse")
    assert err.value.code == "keyfile_missing" and "恢复密钥" in err.value.message


def test_the_recovery_key_opens_without_the_key_file_and_rebuilds_it(desk):
    path, recovery = desk
    kf.keyfile_path(path).unlink()
    with pytest.raises(kf.KeyFileError) as err:
        auth.recover(path, recovery.replace("A", "B", 1) if "A" in recovery else "X" + recovery,
                     "张主任", "a new secret")
    assert err.value.code in {"recovery_key_malformed", "wrong_recovery_key"}
    store = auth.recover(path, recovery.lower().replace("-", " "), "张主任", "a new secret")
    store.close()
    auth.login(path, "张主任", "a new secret").close()


def test_weak_passwords_are_refused_beside_the_field(tmp_path):
    with pytest.raises(ValidationError) as err:
        auth.create_desk(tmp_path / "x.db", director_name="张主任", password="12345678",
                         code="ZD-MS", name="马尚调解中心")
    assert "password" in err.value.problems
    assert not (tmp_path / "x.db").exists() and not kf.keyfile_path(tmp_path / "x.db").exists()


def test_the_recovery_key_opens_a_field_laptop_for_its_mediator_only_there(desk):
    from mediation_desk.domain.models import Mediator
    from mediation_desk.services.desk import MediatorService

    path, recovery = desk
    store = auth.login(path, "张主任", "correct horse")
    try:
        m = MediatorService(store).save("张主任", Mediator(center_id="", name="周明"))
        auth.AccountService(store).create("周明", Role.MEDIATOR, "mediator pass", mediator_id=m.id)
    finally:
        store.close()
    with pytest.raises(DomainError) as err:  # a center's mediator asks the director instead
        auth.recover(path, recovery, "周明", "another pass")
    assert err.value.code == "no_account"
    store = auth.login(path, "张主任", "correct horse")
    try:
        with store.operation("x", "update_settings") as work:
            work.set_setting("desk_kind", "field")
    finally:
        store.close()
    auth.recover(path, recovery, "周明", "another pass").close()
    store = auth.login(path, "周明", "another pass")
    try:
        last = store.db.execute("SELECT actor, action FROM audit ORDER BY seq DESC LIMIT 1")
        assert tuple(last.fetchone()) == ("周明", "recover_access")
    finally:
        store.close()


def test_a_director_sees_who_mistyped_and_who_is_locked(desk):
    from mediation_desk.domain.models import Mediator
    from mediation_desk.services.desk import MediatorService

    path, _ = desk
    store = auth.login(path, "张主任", "correct horse")
    try:
        m = MediatorService(store).save("张主任", Mediator(center_id="", name="周明"))
        zhou = auth.AccountService(store).create("周明", Role.MEDIATOR, "mediator pass",
                                                 mediator_id=m.id)
    finally:
        store.close()
    for _ in range(2):
        with pytest.raises(kf.KeyFileError):
            auth.unlock(path, "周明", "typo")
    store = auth.login(path, "张主任", "correct horse")
    try:
        service = auth.AccountService(store)
        assert service.sign_in_states() == {zhou.id: "连续输错密码 2 次"}
        with kf.editing(path) as keys:  # as if the lockout had been reached
            slot = keys.slot(zhou.id)
            assert slot is not None
            slot.locked, slot.failures = True, kf.LOCKOUT_AFTER
        assert "已锁定" in service.sign_in_states()[zhou.id]
        service.reset_password(zhou.id, "fresh password")
        assert service.sign_in_states() == {}
    finally:
        store.close()
    auth.login(path, "周明", "fresh password").close()
