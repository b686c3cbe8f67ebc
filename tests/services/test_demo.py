"""The demo database: encrypted, two accounts with the password "demo", refuses real desks."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from mediation_desk.domain.access import Role
from mediation_desk.domain.errors import DomainError
from mediation_desk.security import keyfile as kf
from mediation_desk.services import auth
from mediation_desk.services.access import case_why_not
from mediation_desk.services.demo import (
    BATCH,
    DEMO_DIRECTOR,
    DEMO_MARK,
    DEMO_MEDIATOR,
    DEMO_PASSWORD,
    build_demo,
    demo_login,
    open_demo,
)
from mediation_desk.storage.connection import is_encrypted, key_opens
from mediation_desk.storage.store import Store

TODAY = date(2026, 6, 1)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(path: Path) -> dict[str, str]:
    """The database and its key file, as bytes' digests (absent files left out)."""
    return {p.name: _digest(p) for p in (path, kf.keyfile_path(path)) if p.exists()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = build_demo(path, cases=400, seed=1, today=TODAY)
    return path, result


def test_the_demo_is_encrypted_and_its_recovery_key_opens_it(demo):
    path, result = demo
    assert is_encrypted(path) and auth.state(path) == "encrypted"
    assert kf.keyfile_path(path).exists()
    assert result.cases_added == result.total_cases == 400
    assert result.accounts == (DEMO_DIRECTOR, DEMO_MEDIATOR)
    key = kf.data_key_from_recovery(kf.parse_recovery_key(result.recovery_key))
    assert key_opens(path, key)
    assert demo_login(path)[1] == key


def test_no_party_name_id_or_phone_in_the_file(demo):
    path, _ = demo
    store = open_demo(path)
    try:
        row = store.db.execute(
            "SELECT name, id_number, phone FROM parties WHERE id_number != '' LIMIT 1").fetchone()
    finally:
        store.close()
    raw = path.read_bytes()
    for value in row:
        assert value and value.encode("utf-8") not in raw, value
    assert "马尚".encode() not in raw


def test_the_two_accounts_log_in_with_demo(demo):
    path, _ = demo
    director = open_demo(path)
    try:
        assert director.principal is not None and director.principal.role is Role.DIRECTOR
        assert director.principal.name == DEMO_DIRECTOR
        names = {a.name: a for a in director.accounts.all()}
        assert set(names) == {DEMO_DIRECTOR, DEMO_MEDIATOR}
        mediator_id = names[DEMO_MEDIATOR].mediator_id
        assert names[DEMO_MEDIATOR].role is Role.MEDIATOR and mediator_id
        roster = director.directory.mediator(mediator_id)
        assert roster is not None and roster.active
        theirs = director.db.execute(
            "SELECT count(*) FROM case_mediators WHERE mediator_id = ?", [mediator_id]
        ).fetchone()[0]
        busiest = director.db.execute(
            "SELECT max(n) FROM (SELECT count(*) n FROM case_mediators GROUP BY mediator_id)"
        ).fetchone()[0]
        assert theirs == busiest > 0  # the roster's busiest mediator: plenty to try
    finally:
        director.close()
    assert sorted(auth.account_names(path)) == sorted([DEMO_DIRECTOR, DEMO_MEDIATOR])


def test_the_demo_mediator_works_only_on_their_cases(demo):
    path, _ = demo
    store = open_demo(path, account=DEMO_MEDIATOR, readonly=True)
    try:
        me = store.principal
        assert me is not None and me.role is Role.MEDIATOR
        rows = store.db.execute(
            "SELECT case_id, mediator_id FROM case_mediators").fetchall()
        mine = next(c for c, m in rows if m == me.mediator_id)
        theirs = next(c for c, m in rows if c not in {c2 for c2, m2 in rows
                                                         if m2 == me.mediator_id})
        assert case_why_not(store, store.cases.get(mine), "record_session") == ""
        assert case_why_not(store, store.cases.get(theirs), "record_session") != ""
    finally:
        store.close()


def test_a_wrong_password_does_not_open_the_demo(demo):
    path, _ = demo
    with pytest.raises(kf.KeyFileError) as exc:
        auth.login(path, DEMO_DIRECTOR, DEMO_PASSWORD + "x")
    assert exc.value.code == "wrong_password"
    demo_login(path)  # and the right one clears the count


def test_same_seed_adds_nothing_another_seed_adds_cases(tmp_path):
    path = tmp_path / "demo.db"
    first = build_demo(path, cases=30, seed=1, today=TODAY)
    assert first.recovery_key
    before = _files(path)
    again = build_demo(path, cases=30, seed=1, today=TODAY)
    assert again.seed_already_used and again.cases_added == 0 and again.total_cases == 30
    assert again.recovery_key == ""  # shown once, when the file was made
    assert _files(path)[kf.keyfile_path(path).name] == before[kf.keyfile_path(path).name]
    more = build_demo(path, cases=20, seed=2, today=TODAY)
    assert (more.cases_added, more.total_cases, more.seed_already_used) == (20, 50, False)
    store = open_demo(path, readonly=True)
    try:
        assert store.directory.setting(DEMO_MARK) == {"seeds": [1, 2]}
        assert len(store.accounts.all()) == 2  # the accounts are made once
    finally:
        store.close()


def test_same_seed_and_day_give_the_same_cases(tmp_path):
    def cases(path: Path) -> list[tuple]:
        build_demo(path, cases=120, seed=5, today=TODAY)
        store = open_demo(path, readonly=True)
        try:
            return store.db.execute("SELECT id, number, title, status, received_on FROM cases"
                                    " ORDER BY number").fetchall()
        finally:
            store.close()

    a, b = cases(tmp_path / "a.db"), cases(tmp_path / "b.db")
    assert a == b and len(a) == 120


def test_a_real_plain_desk_is_refused_and_unchanged(store, db_path):
    store.close()
    before = _files(db_path)
    with pytest.raises(DomainError) as exc:
        build_demo(db_path, cases=10, seed=1, today=TODAY)
    assert exc.value.code == "demo_refused" and "不是演示数据库" in exc.value.message
    assert _files(db_path) == before


def test_a_real_encrypted_desk_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "desk.db"
    store, _ = auth.create_desk(path, director_name="王主任", password="a long secret 9",
                                code="ZD-MS", name="马尚街道调解中心", number_prefix="马尚")
    store.close()
    before = _files(path)
    with pytest.raises(DomainError) as exc:
        build_demo(path, cases=10, seed=1, today=TODAY)
    assert exc.value.code == "demo_refused" and DEMO_DIRECTOR in exc.value.message
    assert _files(path) == before


def test_an_old_plain_demo_is_refused_with_what_to_do(tmp_path):
    from mediation_desk.services.demo import ACTOR, DEMO_CENTER
    from mediation_desk.services.desk import init_desk

    path = tmp_path / "old-demo.db"
    old = init_desk(path, **DEMO_CENTER, actor=ACTOR)
    try:
        with old.operation(ACTOR, "demo_mark") as work:
            work.set_setting(DEMO_MARK, {"seeds": [1]})
    finally:
        old.close()
    before = _files(path)
    with pytest.raises(DomainError) as exc:
        build_demo(path, cases=10, seed=2, today=TODAY)
    assert exc.value.code == "demo_refused" and "未加密" in exc.value.message
    assert "新文件" in exc.value.message
    assert _files(path) == before


def test_a_key_file_left_beside_a_missing_database_is_not_overwritten(tmp_path):
    path = tmp_path / "demo.db"
    kf.keyfile_path(path).write_text("someone else's", encoding="utf-8")
    with pytest.raises(DomainError) as exc:
        build_demo(path, cases=10, seed=1, today=TODAY)
    assert exc.value.code == "already_initialised"
    assert not path.exists()
    assert kf.keyfile_path(path).read_text(encoding="utf-8") == "someone else's"


def test_a_stopped_build_still_has_both_accounts(tmp_path):
    path = tmp_path / "demo.db"
    result = build_demo(path, cases=1500, seed=1, today=TODAY, progress=lambda done, total: False)
    assert result.cases_added == BATCH  # stopped after the first batch
    store = Store.open(path, key=demo_login(path)[1], readonly=True)
    try:
        assert {a.name for a in store.accounts.all()} == {DEMO_DIRECTOR, DEMO_MEDIATOR}
    finally:
        store.close()


def test_the_cached_demo_is_built_once_with_its_key_file(tmp_path):
    from mediation_desk.services.demo import cached_demo

    path = cached_demo(tmp_path / "cache", 30, 4)
    assert path.exists() and kf.keyfile_path(path).exists()
    assert "seed-4" in path.name and "m0" in path.name  # keyed by the schema too
    stamp = path.stat().st_mtime_ns
    assert cached_demo(tmp_path / "cache", 30, 4) == path
    assert path.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name, f"{path.name}.keys"]
    store = open_demo(path, readonly=True)
    try:
        assert store.cases.count_live() == 30
    finally:
        store.close()


def test_a_new_generator_version_builds_a_new_cached_demo(tmp_path, monkeypatch):
    from mediation_desk.services import demo as demo_module

    folder = tmp_path / "cache"
    first = demo_module.cached_demo(folder, 20, 4)
    assert f"-v{demo_module.DEMO_VERSION}-" in first.name
    monkeypatch.setattr(demo_module, "DEMO_VERSION", demo_module.DEMO_VERSION + 1)
    second = demo_module.cached_demo(folder, 20, 4)
    assert second != first and second.exists() and kf.keyfile_path(second).exists()
    assert f"-v{demo_module.DEMO_VERSION}-" in second.name
    assert first.exists()  # the older version's file is left for whoever still uses it
