"""m016_digit_search adds the digit index to a database written by the code before it
(migrations up to m015): a backup first, the index equal to the one the writers keep, and
every digit search equal to the trigram index's answer it replaces."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mediation_desk.domain.queries import CaseFilter, CaseSort
from mediation_desk.services import backup as backup_service
from mediation_desk.services.cases import CaseService
from mediation_desk.services.demo import build_demo, open_demo
from mediation_desk.storage import schema, search
from mediation_desk.storage.integrity import applied_migrations

M016 = "m016_digit_search"
TODAY = date(2026, 3, 2)


def _before_m016(mp: pytest.MonkeyPatch) -> None:
    """The code before m016: no such migration, and writers that know no digit index."""
    mp.setattr(schema.migrations, "_migrations",
               [m for m in schema.migrations._migrations if m.name != M016])
    mp.setattr(search, "index_digits", lambda db, rows: None)
    mp.setattr(search, "_DIGIT_RUN", search.re.compile("(?!)"))  # no term goes to it


def _entries(db) -> list[tuple]:
    """Every (gram, row id, position) the digit index holds."""
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.digits_v USING"
               " fts5vocab(main, case_fts_digits, 'instance')")
    return db.execute("SELECT term, doc, offset FROM temp.digits_v ORDER BY 2, 3").fetchall()


def _queries(db) -> list[str]:
    """Digit terms from the data: phones and their fragments, ID numbers, their tails with
    X, the year, case-number digits, two of them together, one found nowhere."""
    phone, id_number = db.execute(
        "SELECT phone, id_number FROM parties WHERE phone != '' AND id_number != ''"
        " ORDER BY seq LIMIT 1").fetchone()
    x = db.execute("SELECT id_number FROM parties WHERE id_number LIKE '%X'"
                   " ORDER BY seq LIMIT 1").fetchone()[0]
    number = db.execute("SELECT number FROM cases ORDER BY seq DESC LIMIT 1").fetchone()[0]
    digits = "".join(ch for ch in number.split("第")[-1] if ch.isdigit())
    out = [phone, phone[-4:], phone[3:7], id_number, id_number[6:14], x[-4:], x[-4:].lower(),
           "2026", "2025", f"2026{digits}", digits, f"{phone[-4:]} 2026", "99999999", "0000"]
    return [q for q in out if all(len(t) >= 4 for t in q.split())]


def _trigram_answer(db, q: str) -> list[int]:
    """Live row ids newest first by the trigram index alone (the plan before m016)."""
    expr = " AND ".join('"' + t + '"' for t in q.split())
    return [r[0] for r in db.execute(
        "SELECT seq FROM cases WHERE deleted = 0 AND seq IN"
        " (SELECT rowid FROM case_fts WHERE case_fts MATCH ?) ORDER BY seq DESC", [expr])]


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    Path(f"{dst}.keys").write_bytes(Path(f"{src}.keys").read_bytes())
    return dst


def _build(path: Path, *, old: bool, tombstones: bool) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        if old:
            _before_m016(mp)
        build_demo(path, cases=150, seed=4, today=TODAY)
        if not tombstones:
            return path
        store = open_demo(path)
        try:  # tombstones as a case's own save leaves them: out of every index
            db = store.db
            db.execute("BEGIN IMMEDIATE")
            for (seq,) in db.execute("SELECT seq FROM cases WHERE seq % 9 = 0").fetchall():
                db.execute("UPDATE cases SET deleted = 1 WHERE seq = ?", [seq])
                for table in ("case_fts", "case_fts_chars", *(() if old else (search.DIGITS,))):
                    db.execute(f"DELETE FROM {table} WHERE rowid = ?", [seq])
            db.execute("COMMIT")
        finally:
            store.close()
    return path


@pytest.fixture(scope="module")
def desks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same demo desk (150 cases, every ninth tombstoned) written by the code before
    m016 and by today's."""
    folder = tmp_path_factory.mktemp("m016")
    return (_build(folder / "old.db", old=True, tombstones=True),
            _build(folder / "new.db", old=False, tombstones=True))


def test_a_file_before_m016_gets_the_index_with_a_backup(desks, tmp_path):
    old, new = desks
    path = _copy(old, tmp_path / "desk.db")
    with pytest.MonkeyPatch.context() as mp:
        _before_m016(mp)
        store = open_demo(path)
        try:
            assert M016 not in applied_migrations(store.db)
            assert "case_fts_digits" not in store.db.table_names()
            key = store.key
        finally:
            store.close()
    store = open_demo(path)  # the upgrade runs here
    fresh = open_demo(new)
    try:
        assert applied_migrations(store.db)[-1] == M016
        entries = _entries(store.db)
        assert len(entries) > 150 * 20
        assert entries == _entries(fresh.db)  # what the writers put there, gram for gram
        svc = CaseService(store)
        every = svc.list(CaseFilter(), sort=CaseSort(key="number"), limit=10_000)
        for q in _queries(store.db):
            want = _trigram_answer(store.db, q)
            rows = svc.list(CaseFilter(text=q), sort=CaseSort(key="number"), limit=10_000)
            seq_of = dict(store.db.execute("SELECT id, seq FROM cases"))
            assert sorted(seq_of[r.id] for r in rows) == sorted(want), q
            assert [r.id for r in rows] == [r.id for r in every if seq_of[r.id] in want], q
            assert svc.count(CaseFilter(text=q)) == len(want), q
        assert sum(bool(_trigram_answer(store.db, q)) for q in _queries(store.db)) >= 10
        # (the tombstones above were written past the audit trail: the schema is what counts)
        assert store.check_report().schema == []
    finally:
        store.close()
        fresh.close()
    migration = [r for r in backup_service.list_backups(path, key=key)
                 if r.reason == "migration"]
    assert len(migration) == 1 and migration[0].verified


def test_the_index_follows_changed_cases_after_the_upgrade(tmp_path):
    from tests.conftest import case_input

    path = _build(tmp_path / "desk.db", old=True, tombstones=False)
    store = open_demo(path)
    try:
        svc = CaseService(store)
        case = svc.register("测试员", case_input(title="账号62220213572468号"))
        assert [r.id for r in svc.list(CaseFilter(text="13572468"))] == [case.id]
        svc.update_details("测试员", case.id, case_input(title="账号62220224681357号"))
        assert svc.list(CaseFilter(text="13572468")) == []
        assert [r.id for r in svc.list(CaseFilter(text="24681357"))] == [case.id]
        report = store.check_report()
        assert report.ok, report.problems()
    finally:
        store.close()
