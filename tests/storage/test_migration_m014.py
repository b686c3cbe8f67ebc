"""m014_compact_store converts a database written by the code before it (migrations up to
m013) into the compact layout: a backup first, every record equal, every search equal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mediation_desk.domain.queries import CaseFilter, CaseSort
from mediation_desk.services import backup as backup_service
from mediation_desk.services.demo import build_demo, open_demo
from mediation_desk.storage import schema, seals
from mediation_desk.storage.integrity import applied_migrations
from mediation_desk.storage.search import char_split

M014 = "m014_compact_store"
TODAY = date(2026, 3, 2)


def _before_m014(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = [m for m in schema.migrations._migrations if m.name != M014]
    monkeypatch.setattr(schema.migrations, "_migrations", kept)


def _objects(db) -> dict[str, str]:
    return {name: sql for name, sql in db.execute(
        "SELECT name, coalesce(sql, '') FROM sqlite_master")}


def _rows(db) -> dict[str, list[tuple]]:
    rows = {t: db.execute(f"SELECT * FROM {t} ORDER BY seq").fetchall()
            for t in (*seals.TABLES, "audit")}
    rows["case_mediators"] = db.execute(
        "SELECT case_id, mediator_id, position FROM case_mediators ORDER BY 1, 2").fetchall()
    return rows


def _queries(db) -> list[str]:
    """Search terms taken from the data: names, 1- and 2-character terms, phone and
    number fragments, a village, a word of the facts, two terms together, none found."""
    name, phone, village = db.execute(
        "SELECT name, phone, village FROM parties WHERE phone != '' AND village != ''"
        " ORDER BY seq LIMIT 1").fetchone()
    number, facts = db.execute("SELECT number, facts FROM cases ORDER BY seq LIMIT 1").fetchone()
    return [name, name[0], name[:2], phone[-4:], phone[3:8], number, number[-3:], village,
            facts[:3], f"{name[0]} {village[:2]}", "查无此人的名字", "物业 纠纷"]


def _fts(db, term: str) -> tuple[list[int], list[int]]:
    quoted = '"' + term.replace('"', '""') + '"'
    chars = '"' + char_split(term).replace('"', '""') + '"'
    return ([r[0] for r in db.execute(
                "SELECT rowid FROM case_fts WHERE case_fts MATCH ? ORDER BY rowid", [quoted])],
            [r[0] for r in db.execute("SELECT rowid FROM case_fts_chars WHERE case_fts_chars"
                                      " MATCH ? ORDER BY rowid", [chars])])


def _read_everything(store) -> dict[str, object]:
    """Every case with its records, read through the repositories; every search."""
    db = store.db
    ids = [r[0] for r in db.execute("SELECT id FROM cases ORDER BY seq")]
    out: dict[str, object] = {}
    for cid in ids:
        out[cid] = (store.cases.get(cid, include_deleted=True), store.items.events_of(cid),
                    store.items.agreements_of(cid), store.items.attachments_of(cid))
    for q in _queries(db):
        flt = CaseFilter(text=q)
        page = store.cases.page(flt, CaseSort(), today=TODAY, limit=10_000)
        out[f"search {q}"] = ([r.id for r in page], store.cases.count(flt, today=TODAY),
                              *([_fts(db, t) for t in q.split()]))
    return out


@pytest.fixture(scope="module")
def old_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo desk of 120 cases written by the layout before m014."""
    path = tmp_path_factory.mktemp("m014") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        _before_m014(mp)
        build_demo(path, cases=120, seed=3, today=TODAY)
    return path


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    Path(f"{dst}.keys").write_bytes(Path(f"{src}.keys").read_bytes())
    return dst


def test_old_layout_is_converted_with_a_backup_and_reads_the_same(old_desk, tmp_path,
                                                                   monkeypatch):
    path = _copy(old_desk, tmp_path / "desk.db")
    with monkeypatch.context() as mp:
        _before_m014(mp)
        store = open_demo(path)
        try:
            assert M014 not in applied_migrations(store.db)
            assert "events_kind" in _objects(store.db)
            before = _read_everything(store)
            rows_before = _rows(store.db)
            key = store.key
        finally:
            store.close()
    store = open_demo(path)  # the upgrade runs here
    try:
        assert applied_migrations(store.db)[-1] == M014
        objects = _objects(store.db)
        assert "events_kind" not in objects and "events_note" in objects
        assert "case_fts_content" not in objects and "case_fts_chars_content" not in objects
        assert "contentless_delete" in objects["case_fts"]
        assert "WITHOUT ROWID" in objects["case_mediators"]
        assert "sqlite_autoindex_case_mediators_1" not in objects
        assert "'terminate'" in objects["events_action"]
        assert "occurred_at" not in objects["events_case"]
        after = _read_everything(store)
        assert after == before
        assert sum(len(v[0]) for k, v in after.items() if k.startswith("search ")) > 0
        assert _rows(store.db) == rows_before  # no record and no audit row touched
        report = store.check_report()
        assert report.ok, report.problems()
        assert report.chain.rows_checked == len(rows_before["audit"])
    finally:
        store.close()
    migration = [r for r in backup_service.list_backups(path, key=key)
                 if r.reason == "migration"]
    assert len(migration) == 1 and migration[0].verified


def test_search_entries_are_kept_up_to_date_after_the_upgrade(old_desk, tmp_path):
    """A contentless index still takes a case's changed text (delete, then insert)."""
    from mediation_desk.services.cases import CaseService
    from tests.conftest import case_input

    path = _copy(old_desk, tmp_path / "desk.db")
    store = open_demo(path)
    try:
        svc = CaseService(store)
        case = svc.register("测试员", case_input(title="琥珀巷漏水纠纷"))
        seq = store.db.execute("SELECT seq FROM cases WHERE id = ?", [case.id]).fetchone()[0]
        assert _fts(store.db, "琥珀巷漏水") == ([seq], [seq])
        svc.update_details("测试员", case.id, case_input(title="翡翠巷噪音纠纷"))
        assert _fts(store.db, "琥珀巷漏水") == ([], [])
        assert _fts(store.db, "翡翠巷") == ([seq], [seq])
        assert _fts(store.db, "翡翠")[1] == [seq]
        report = store.check_report()
        assert report.ok, report.problems()
    finally:
        store.close()
