"""Backups: verified when written, rotated, listed; restore and practice restore."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

from mediation_desk.domain.errors import DomainError
from mediation_desk.services import backup as svc
from mediation_desk.services.cases import CaseService
from mediation_desk.storage import backup as mech
from mediation_desk.storage.store import Store
from tests.conftest import case_input


def _policy(tmp_path: Path, **kw) -> svc.BackupPolicy:
    folder = tmp_path / "backups"
    folder.mkdir(exist_ok=True)
    return svc.BackupPolicy(folder=folder, configured=True, **kw)


def _at(moment: datetime):
    return lambda: moment


def test_backup_is_verified_named_and_described(store, db_path, tmp_path):
    CaseService(store).register("测试员", case_input())
    policy = _policy(tmp_path)
    record = svc.take_backup(db_path, "manual", policy=policy,
                             clock=_at(datetime(2026, 3, 2, 10, 30, 5)))
    assert record.path.name == "desk-20260302-103005-manual.mdbak"
    assert record.verified and record.cases == 1 and record.problems == []
    side = json.loads(mech.sidecar_of(record.path).read_text("utf-8"))
    assert side["verified"] is True and side["cases"] == 1
    assert side["sha256"] == mech.sha256_of(record.path)
    assert side["size"] == record.path.stat().st_size
    # a plain single file: no -wal beside it, opens read-only
    assert not Path(f"{record.path}-wal").exists()
    listed = svc.list_backups(db_path, policy)
    assert [r.path for r in listed] == [record.path] and listed[0].verified


def test_backup_holds_commits_of_an_open_connection(store, db_path, tmp_path):
    # the store keeps its connection (and its WAL) open: the backup still has the case
    case = CaseService(store).register("测试员", case_input())
    assert Path(f"{db_path}-wal").exists()
    record = svc.take_backup(db_path, "manual", policy=_policy(tmp_path))
    con = sqlite3.connect(record.path)
    assert con.execute("SELECT id FROM cases").fetchall() == [(case.id,)]
    con.close()


def test_same_second_backups_get_distinct_names(store, db_path, tmp_path):
    clock = _at(datetime(2026, 3, 2, 10, 30))
    a = svc.take_backup(db_path, "manual", policy=_policy(tmp_path), clock=clock)
    b = svc.take_backup(db_path, "manual", policy=_policy(tmp_path), clock=clock)
    assert a.path != b.path and b.path.name.endswith("-manual-2.mdbak")


def test_closing_backup_only_when_something_was_written(store, db_path, tmp_path):
    """Closing after only reading repeats nothing: the newest backup already holds it."""
    policy = _policy(tmp_path)
    service = CaseService(store)
    service.register("测试员", case_input())
    first = svc.take_closing_backup(db_path, policy=policy,
                                    clock=_at(datetime(2026, 3, 2, 17, 0)))
    assert first is not None and first.verified and first.reason == "close"
    service.list()  # reading writes nothing
    service.dashboard()
    assert svc.take_closing_backup(db_path, policy=policy,
                                   clock=_at(datetime(2026, 3, 3, 17, 0))) is None
    assert [r.path for r in svc.list_backups(db_path, policy)] == [first.path]
    service.register("测试员", case_input(facts="另一起纠纷。"))  # an operation: back up
    second = svc.take_closing_backup(db_path, policy=policy,
                                     clock=_at(datetime(2026, 3, 4, 17, 0)))
    assert second is not None and second.verified and second.cases == 2
    mech.sidecar_of(second.path).unlink()  # the newest is no longer verified: back up again
    third = svc.take_closing_backup(db_path, policy=policy,
                                    clock=_at(datetime(2026, 3, 5, 17, 0)))
    assert third is not None and third.verified


def test_missing_usb_folder(store, db_path, tmp_path):
    gone = svc.BackupPolicy(folder=tmp_path / "usb" / "备份", configured=True)
    with pytest.raises(DomainError) as err:
        svc.take_backup(db_path, "manual", policy=gone)
    assert err.value.code == "backup_dir_missing" and "U 盘" in err.value.message
    # an automatic backup still happens: in the default folder
    record = svc.take_backup(db_path, "close", policy=gone)
    assert record.path.parent == mech.default_backup_dir() and record.verified


def test_half_written_and_tampered_backups_are_not_verified(store, db_path, tmp_path):
    policy = _policy(tmp_path)
    good = svc.take_backup(db_path, "manual", policy=policy,
                           clock=_at(datetime(2026, 2, 27, 9)))
    no_side = svc.take_backup(db_path, "manual", policy=policy,
                              clock=_at(datetime(2026, 3, 1, 10)))
    mech.sidecar_of(no_side.path).unlink()  # killed before the sidecar was written
    (policy.folder / "desk-20260301-110000-manual.mdbak.part-123").write_bytes(b"SQLite")
    by_name = {r.path.name: r for r in svc.list_backups(db_path, policy)}
    assert set(by_name) == {good.path.name, no_side.path.name}
    assert by_name[good.path.name].verified
    assert not by_name[no_side.path.name].verified
    # one byte changed in place (same size): the recorded hash catches it
    data = bytearray(good.path.read_bytes())
    data[-1] ^= 0xFF
    good.path.write_bytes(bytes(data))
    report = svc.verify_backup(good.path)
    assert not report.verified and report.sha256_ok is False
    with pytest.raises(DomainError) as err:
        svc.restore_backup(db_path, good.path, "测试员")
    assert err.value.code == "backup_unverified"


def test_rotation_keeps_7_daily_4_weekly_12_monthly(store, db_path, tmp_path):
    policy = _policy(tmp_path)
    start = datetime(2025, 1, 1, 18, 0)
    made = []
    # every 5 days for 400 days, then twice a day for 10 days, rotating as it goes
    moments = [start + timedelta(days=d) for d in range(0, 400, 5)]
    moments += [start + timedelta(days=d, hours=h) for d in range(400, 410) for h in (-9, 0)]
    for moment in moments:
        made.append(svc.take_backup(db_path, "daily", policy=policy, clock=_at(moment)))
    left = svc.list_backups(db_path, policy)
    days = sorted({r.created_at[:10] for r in left}, reverse=True)
    newest = made[-1]
    assert left[0].path == newest.path
    last = datetime.fromisoformat(newest.created_at)
    # the last 7 days, each its newest (18:00) backup
    assert [r.created_at[:19] for r in left[:7]] == [
        (last - timedelta(days=i)).isoformat()[:19] for i in range(7)]
    weeks = {datetime.fromisoformat(r.created_at).isocalendar()[:2] for r in left}
    months = {r.created_at[:7] for r in left}
    assert len(months) >= 12 and len(weeks) >= 4
    assert len(left) <= 7 + 4 + 12 and len(days) == len(left)


def test_kept_by_policy_and_migration_backups_stay():
    def rec(i: int, when: datetime, reason: str = "daily") -> mech.BackupRecord:
        return mech.BackupRecord(path=Path(f"/b/{i}"), database="d", source="s",
                                 created_at=when.isoformat(), reason=reason, size=1,
                                 verified=True)

    base = datetime(2026, 6, 30, 12)
    records = [rec(i, base - timedelta(days=i)) for i in range(100)]
    records.append(rec(999, base - timedelta(days=400), "migration"))
    keep = svc.kept(records, svc.BackupPolicy(folder=Path("/b"), keep_daily=2, keep_weekly=0,
                                              keep_monthly=0))
    assert keep == {Path("/b/0"), Path("/b/1"), Path("/b/999")}
    keep = svc.kept(records, svc.BackupPolicy(folder=Path("/b"), keep_daily=1, keep_weekly=1,
                                              keep_monthly=3))
    # today; this week's newest (= today); newest of June, May, April
    assert keep == {Path("/b/0"), Path("/b/30"), Path("/b/61"), Path("/b/999")}


def _cases(path: Path) -> set[str]:
    s = Store.open(path, readonly=True)
    try:
        return {r[0] for r in s.db.execute("SELECT id FROM cases")}
    finally:
        s.close()


def test_restore_keeps_the_current_file_aside_and_audits(store, db_path, tmp_path, clock):
    service = CaseService(store)
    first = service.register("测试员", case_input())
    record = svc.take_backup(db_path, "manual", policy=_policy(tmp_path))
    second = service.register("测试员", case_input())
    store.close()
    result = svc.restore_backup(db_path, record.path, "测试员", clock=clock)
    assert _cases(db_path) == {first.id}
    assert result.kept_aside is not None and result.kept_aside.name.startswith(
        "desk.db.before-restore-")
    assert _cases(result.kept_aside) == {first.id, second.id}
    s = Store.open(db_path)
    try:
        problems, chain = s.check()
        assert problems == [] and chain.ok
        row = s.db.execute("SELECT action, summary, changes FROM audit ORDER BY seq DESC"
                           " LIMIT 1").fetchone()
        assert row[0] == "restore_backup" and record.path.name in row[1]
        assert str(result.kept_aside) in row[2]
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        s.close()
    assert not list(db_path.parent.glob(".desk.db.restore-*"))  # the staging copy is gone


def test_restore_refused_while_the_database_is_open(store, db_path, tmp_path):
    CaseService(store).register("测试员", case_input())
    record = svc.take_backup(db_path, "manual", policy=_policy(tmp_path))
    CaseService(store).register("测试员", case_input())
    with pytest.raises(DomainError) as err:
        svc.restore_backup(db_path, record.path, "测试员")
    assert err.value.code == "db_in_use"
    assert len(_cases(db_path)) == 2
    assert not list(db_path.parent.glob("desk.db.before-restore-*"))


def test_restore_over_a_broken_file(store, db_path, tmp_path):
    CaseService(store).register("测试员", case_input())
    record = svc.take_backup(db_path, "manual", policy=_policy(tmp_path))
    store.close()
    db_path.write_bytes(b"garbage" * 1000)
    result = svc.restore_backup(db_path, record.path, "测试员")
    assert len(_cases(db_path)) == 1
    assert result.kept_aside.read_bytes() == b"garbage" * 1000


def test_practice_restore_reports_and_changes_nothing(store, db_path, tmp_path, clock):
    CaseService(store).register("测试员", case_input())
    record = svc.take_backup(db_path, "manual", policy=_policy(tmp_path))
    before = record.path.read_bytes()
    report = svc.practice_restore(record.path)
    assert report.verified and report.check.cases == 1
    assert report.check.last_audit_at.startswith("2026-03-02")
    assert report.check.audit_ok and report.pending_migrations == 0
    assert record.path.read_bytes() == before


def test_restore_hint_names_the_folder(store, db_path, tmp_path):
    policy = _policy(tmp_path)
    svc.take_backup(db_path, "manual", policy=policy)
    hint = mech.restore_hint(db_path)
    assert str(policy.folder) in hint and "mediation-desk restore" in hint and "文件 → 恢复" in hint


def test_an_import_is_preceded_by_a_verified_backup(tmp_path):
    from mediation_desk.services import exchange
    from tests.exchange.helpers import ACTOR, make_desk, referral, trust_both

    court = make_desk(tmp_path, "court01", "court")
    center = make_desk(tmp_path, "center01")
    try:
        trust_both(tmp_path, court, center)
        case = referral(court, center)
        out = tmp_path / "to-center.mdx"
        exchange.export_bundle(court, ACTOR, "center01", out)
        exchange.import_bundle(center, ACTOR, out, dry_run=True)
        assert svc.list_backups(center.path) == []  # a preview changes nothing: no backup
        exchange.import_bundle(center, ACTOR, out)
        [record] = svc.list_backups(center.path)
        assert record.reason == "import" and record.verified
        con = sqlite3.connect(record.path)  # the desk as it was before the bundle
        assert con.execute("SELECT count(*) FROM cases WHERE id = ?", [case.id]).fetchone() == (0,)
        con.close()
    finally:
        court.close()
        center.close()


def test_backup_settings_round_trip_and_validation(store):
    from mediation_desk.domain.errors import ValidationError
    from mediation_desk.services.settings import load_settings, save_settings

    s = load_settings(store)
    assert (s.backup_dir, s.backup_keep_daily, s.backup_keep_weekly,
            s.backup_keep_monthly) == ("", 7, 4, 12)
    assert svc.policy_of(s).folder == mech.default_backup_dir()
    s.backup_dir, s.backup_keep_daily = "relative/folder", 0
    with pytest.raises(ValidationError) as err:
        save_settings(store, "测试员", s)
    assert set(err.value.problems) == {"backup_dir", "backup_keep_daily"}
    s.backup_dir, s.backup_keep_daily = "/media/usb/备份", 10
    save_settings(store, "测试员", s)
    again = load_settings(store)
    assert again.backup_dir == "/media/usb/备份" and again.backup_keep_daily == 10
    policy = svc.policy_of(again)
    assert policy.configured and policy.folder == Path("/media/usb/备份")
    assert mech.backup_dir_of(store.db) == Path("/media/usb/备份")


def test_backups_of_a_broken_database_are_still_found(store, db_path, tmp_path):
    policy = _policy(tmp_path)
    record = svc.take_backup(db_path, "manual", policy=policy)
    store.close()
    db_path.write_bytes(b"\0" * 4096)  # not a database any more
    found = svc.policy_for(db_path)
    assert found.folder == policy.folder  # remembered outside the database
    assert [r.path for r in svc.list_backups(db_path)] == [record.path]
