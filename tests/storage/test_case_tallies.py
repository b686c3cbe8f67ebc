"""The dashboard's tallies (m015) always equal a full count of the cases: after a demo's bulk
load, random writes of every kind (inserts, updates, upserts as an import writes them,
tombstones, deletes), a case's life through the services, a bundle imported, the migration
of a file made before them; and the dashboard's figures equal bare ``count(*)`` queries."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest

from mediation_desk.domain.enums import CaseStatus, Performance
from mediation_desk.domain.models import Mediator
from mediation_desk.services.cases import CaseService
from mediation_desk.services.demo import build_demo, open_demo
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.storage import case_queries, case_tallies, schema
from mediation_desk.storage import exchange as xs
from mediation_desk.storage.integrity import applied_migrations, full_check
from tests.conftest import case_input
from tests.exchange.helpers import ACTOR, make_desk, referral, send, trust_both, wire_records
from tests.storage.dashboard_oracle import bare_dashboard

TODAY = date(2026, 3, 2)
M015 = "m015_case_tallies"
STATUSES = [s.value for s in CaseStatus]


def assert_exact(db, days: list[date] | None = None) -> None:
    assert case_tallies.stored(db) == case_tallies.recounted(db)
    assert not [k for k, n in case_tallies.stored(db).items() if n <= 0]
    for day in days or [TODAY]:
        for warn in (0, 7, 30):
            got = case_queries.dashboard_counts(db, today=day, warn_days=warn)
            assert (got.new, got.in_mediation, got.due_soon, got.overdue, got.awaiting_jc,
                    got.follow_ups_due, got.total) == bare_dashboard(db, day, warn)


def test_frozen_statuses_are_the_dashboards():
    assert case_tallies.TALLIES["due"][0] == case_queries.CLOCK_STATUSES
    assert case_tallies.TALLIES["jc"][0] == case_queries.AWAITING_JC
    assert case_tallies.TALLIES["follow_up"][0] == case_queries.AWAITING_FOLLOW_UP
    assert set(case_queries.IN_MEDIATION) <= set(STATUSES)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tallies") / "demo.db"
    build_demo(path, cases=300, seed=11, today=TODAY)
    return path


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    Path(f"{dst}.keys").write_bytes(Path(f"{src}.keys").read_bytes())
    return dst


def _some_date(rng: random.Random) -> str | None:
    if rng.random() < 0.2:
        return None
    return (TODAY + timedelta(days=rng.randint(-60, 60))).isoformat()


def _random_write(db, rng: random.Random, fresh: list[str]) -> None:
    """One random write of a case, of the kinds the program's code paths make."""
    ids = [r[0] for r in db.execute("SELECT id FROM cases")]
    cid = rng.choice(ids)
    kind = rng.randrange(7)
    if kind == 0:  # a status change
        db.execute("UPDATE cases SET status = ? WHERE id = ?", [rng.choice(STATUSES), cid])
    elif kind == 1:  # a clock's date moved (or cleared), maybe with the status
        column = rng.choice(["due_on", "jc_due_on", "follow_up_due_on"])
        db.execute(f"UPDATE cases SET {column} = ?, status = ? WHERE id = ?",
                   [_some_date(rng), rng.choice(STATUSES), cid])
    elif kind == 2:  # tombstoned, or brought back
        db.execute("UPDATE cases SET deleted = 1 - deleted WHERE id = ?", [cid])
    elif kind == 3:  # the same values written again (an update that changes nothing)
        db.execute("UPDATE cases SET status = status, deleted = deleted, due_on = due_on,"
                   " jc_due_on = jc_due_on, follow_up_due_on = follow_up_due_on WHERE id = ?",
                   [cid])
    elif kind in (4, 5):  # an import's upsert: of a known case (4) or a new one (5)
        cls, fields = _case_codec()
        wire = xs.to_wire_rows(db, "cases", cls, xs.fetch(db, "cases", [cid]), fields)[0]
        wire.update(status=rng.choice(STATUSES), deleted=rng.random() < 0.2,
                    due_on=_some_date(rng), jc_due_on=_some_date(rng),
                    follow_up_due_on=_some_date(rng), version=int(wire["version"]) + 1)
        if kind == 5:
            serial = int(db.execute("SELECT max(serial) + 1 FROM cases").fetchone()[0])
            wire.update(id=str(uuid.uuid4()), serial=serial, number=f"（2026）测字第{serial}号",
                        mediator_ids=[])
            fresh.append(wire["id"])
        xs.write_rows(db, "cases", [wire])
    elif fresh:  # a case removed outright (one an import added: it has no children)
        gone = fresh.pop(rng.randrange(len(fresh)))
        db.execute("DELETE FROM case_mediators WHERE case_id = ?", [gone])
        db.execute("DELETE FROM cases WHERE id = ?", [gone])


def _case_codec():
    from mediation_desk.exchange.records import ENTITIES, fields_of

    return ENTITIES["cases"][0], fields_of("cases")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_keep_the_tallies_exact(demo_file, tmp_path, seed):
    store = open_demo(_copy(demo_file, tmp_path / "desk.db"))
    try:
        db = store.db
        # raw writes outside any operation: the connection's notes of rows to seal (temp
        # triggers, seals.track_writes) would only grow; the file's own triggers stay
        for (name,) in db.execute("SELECT name FROM temp.sqlite_master WHERE type = 'trigger'"
                                  ).fetchall():
            db.execute(f"DROP TRIGGER temp.{name}")
        assert_exact(db, [TODAY, TODAY - timedelta(days=40), TODAY + timedelta(days=20)])
        rng = random.Random(seed)
        fresh: list[str] = []
        for step in range(120):
            db.execute("BEGIN IMMEDIATE")
            for _ in range(rng.randint(1, 4)):
                _random_write(db, rng, fresh)
            if rng.random() < 0.15:
                db.execute("ROLLBACK")  # undone writes undo their tallies with them
            else:
                db.execute("COMMIT")
            if step % 10 == 0:
                assert_exact(db, [TODAY + timedelta(days=rng.randint(-60, 60))])
        assert_exact(db, [TODAY, TODAY - timedelta(days=30), TODAY + timedelta(days=30)])
        assert fresh  # new cases came in, and some went
    finally:
        store.close()


def test_a_case_through_the_services_keeps_them_exact(store, clock):
    svc = CaseService(store)
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    days = [TODAY, TODAY + timedelta(days=29), TODAY + timedelta(days=31)]
    cases = [svc.register(ACTOR, case_input()) for _ in range(4)]
    assert_exact(store.db, days)
    for c in cases:
        svc.accept(ACTOR, c.id)
        assert_exact(store.db, days)
    svc.not_accept(ACTOR, svc.register(ACTOR, case_input()).id, reason="不属于受理范围")
    for c in cases[:3]:
        svc.assign(ACTOR, c.id, [m.id])
    svc.suspend(ACTOR, cases[2].id, reason="当事人住院")
    assert_exact(store.db, days)
    svc.resume(ACTOR, cases[2].id)
    for c in cases[:2]:
        svc.record_agreement(ACTOR, c.id, AgreementInput(clauses=["李四赔偿张三损失3000元"]))
    assert_exact(store.db, days)
    assert case_queries.dashboard_counts(store.db, today=TODAY, warn_days=7).awaiting_jc == 2
    svc.apply_jc(ACTOR, cases[0].id)
    svc.record_jc_outcome(ACTOR, cases[0].id, outcome="confirmed", ruling="（2026）鲁0303民特5号")
    assert_exact(store.db, days)
    svc.follow_up(ACTOR, cases[0].id, performance=Performance.PERFORMED, satisfaction=5,
                  notes="已履行")
    svc.archive(ACTOR, cases[0].id)
    assert_exact(store.db, days)


def test_bundles_imported_keep_them_exact(tmp_path):
    court, center = make_desk(tmp_path, "court01", "court"), make_desk(tmp_path, "centerA")
    try:
        trust_both(tmp_path, court, center)
        made = [referral(court, center, n) for n in range(5)]
        assert_exact(court.db)
        send(tmp_path, court, "centerA", center, "referrals")
        assert_exact(center.db)
        svc = CaseService(center)
        for c in made[:3]:
            svc.accept(ACTOR, c.id)
        send(tmp_path, center, "court01", court, "back")
        assert_exact(court.db, [date(2026, 4, 1), date(2026, 4, 2)])
        statuses = {r.status for r in CaseService(court).list()}
        assert CaseStatus.ACCEPTED in statuses  # the court's copies changed with the import
        assert wire_records(court, made[0].id)["cases"][0]["status"] == "accepted"
    finally:
        court.close()
        center.close()


def test_a_file_made_before_them_is_counted_by_the_migration(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    with monkeypatch.context() as mp:
        mp.setattr(schema.migrations, "_migrations",
                   [m for m in schema.migrations._migrations if m.name != M015])
        build_demo(path, cases=120, seed=5, today=TODAY)
        store = open_demo(path)
        try:
            store.db.execute("BEGIN IMMEDIATE")
            store.db.execute("UPDATE cases SET deleted = 1 WHERE seq % 7 = 0")  # tombstones
            store.db.execute("COMMIT")
            assert "case_tallies" not in store.db.table_names()
        finally:
            store.close()
    store = open_demo(path)  # m015 runs here
    try:
        assert applied_migrations(store.db)[-1] == M015
        assert_exact(store.db, [TODAY, TODAY - timedelta(days=20)])
        # (the tombstones above were written past the audit trail: only the count matters)
        assert not [p for p in full_check(store.db).records if "计数" in p]
    finally:
        store.close()


def test_a_tally_changed_outside_the_program_is_reported(demo_file, tmp_path):
    store = open_demo(_copy(demo_file, tmp_path / "desk.db"))
    try:
        assert full_check(store.db).records == []
        store.db.execute("BEGIN IMMEDIATE")
        changed = store.db.execute(
            "UPDATE case_tallies SET live = live + 1 WHERE (tally, key) ="
            " (SELECT tally, key FROM case_tallies WHERE tally = 'status' LIMIT 1)").rowcount
        store.db.execute("COMMIT")
        assert changed == 1
        assert any("计数" in p for p in full_check(store.db).records)
    finally:
        store.close()
