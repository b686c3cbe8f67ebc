"""Rows changed outside the program are found: every record equals its last audit entry.

Edits made with the program pass ``check``; a name, an amount, a row added or
removed directly in the file (with sqlite3) is reported, naming the record.
"""

from __future__ import annotations

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

from mediation_desk.services.cases import CaseService
from mediation_desk.storage import audit, seals
from mediation_desk.storage.connection import open_database
from mediation_desk.storage.store import Store
from tests.attachment_samples import pdf_bytes
from tests.conftest import case_input


def desk_with_cases(store: Store) -> list:
    svc = CaseService(store)
    made = [svc.register("测试员", case_input()) for _ in range(2)]
    svc.accept("测试员", made[0].id)
    svc.add_attachment("测试员", made[0].id, "申请书.pdf", pdf_bytes(), "application/pdf")
    return made


def outside(db_path, sql: str, params=()) -> None:
    con = sqlite3.connect(db_path)
    con.execute(sql, params)
    con.commit()
    con.close()


def check(db_path) -> list[str]:
    s = Store.open(db_path, readonly=True, verify_schema=False)
    try:
        problems, chain = s.check()
        assert chain.ok
        return problems
    finally:
        s.close()


def test_program_edits_pass(store, db_path):
    desk_with_cases(store)
    report = store.check_report()
    assert report.ok, report.problems()
    assert report.records_checked >= 7  # center, 2 cases, 4 parties, event, attachment


def test_every_operation_seals_what_it_wrote(store):
    case = desk_with_cases(store)[0]
    changes = audit.case_history(store.db, case.id)[-1]["changes"]
    sealed = {e["entity"]: seals.entry_records(e) for e in changes if e["op"] == seals.SEAL}
    assert case.id not in sealed.get("case", {})  # the attachment did not touch the case row
    assert len(sealed["attachment"]) == 1


def test_party_name_edited_in_the_file_is_named(store, db_path):
    case = desk_with_cases(store)[0]
    store.close()
    outside(db_path, "UPDATE parties SET name = '王五' WHERE name = '张三' AND case_id = ?",
            [case.id])
    problems = check(db_path)
    assert len(problems) == 1
    assert "当事人 王五" in problems[0] and case.number in problems[0]
    assert "name" in problems[0] and "程序外" in problems[0]


def test_amount_edited_in_the_file(store, db_path):
    case = desk_with_cases(store)[1]
    store.close()
    outside(db_path, "UPDATE cases SET amount_fen = 1 WHERE id = ?", [case.id])
    problems = check(db_path)
    assert len(problems) == 1 and case.number in problems[0] and "amount_fen" in problems[0]


def test_row_added_in_the_file(store, db_path):
    case = desk_with_cases(store)[0]
    store.close()
    outside(db_path, "INSERT INTO parties (id, case_id, kind, role, name) VALUES"
                     " ('p-outside', ?, 'person', 'respondent', '赵六')", [case.id])
    problems = check(db_path)
    assert len(problems) == 1 and "赵六" in problems[0] and "审计记录中没有它" in problems[0]


def test_row_removed_from_the_file(store, db_path):
    desk_with_cases(store)
    store.close()
    outside(db_path, "DELETE FROM attachments")
    problems = check(db_path)
    assert len(problems) == 1 and "附件" in problems[0] and "文件中却没有了" in problems[0]


def test_attachment_content_swapped_in_the_file(store, db_path):
    desk_with_cases(store)
    store.close()
    outside(db_path, "UPDATE attachment_blobs SET content = ?", [b"%PDF-1.4 forged"])
    problems = check(db_path)
    assert len(problems) == 1 and "附件内容" in problems[0]


def test_an_edit_through_the_program_after_an_outside_edit_is_still_caught(store, db_path):
    """The outside change shows until a person saves the record through the program."""
    case = desk_with_cases(store)[1]
    outside(db_path, "UPDATE cases SET title = '改过的' WHERE id = ?", [case.id])
    assert len(store.check()[0]) == 1
    CaseService(store).add_attachment("测试员", case.id, "b.pdf", pdf_bytes(), "application/pdf")
    assert len(store.check()[0]) == 1  # the case row was not written: still reported


def _simulate_old_version(store: Store) -> None:
    """Write as versions before seals did: no seal entries in the audit trail."""
    for (name,) in store.db.execute(
            "SELECT name FROM sqlite_temp_master WHERE type = 'trigger'").fetchall():
        store.db.execute(f"DROP TRIGGER temp.{name}")


def _forget_the_seal_migration(db_path) -> None:
    outside(db_path, "DELETE FROM _sqlite_migrations WHERE name = 'm008_record_seals'")


def test_upgrade_seals_old_records_and_keeps_naming_contradicted_ones(store, db_path, clock):
    from mediation_desk.domain.models import Mediator

    _simulate_old_version(store)
    cases = desk_with_cases(store)
    with store.operation("测试员", "bulk") as work:  # an old import / demo batch: no fields
        store.db.execute("INSERT INTO mediators (id, center_id, name) VALUES ('m-bulk', ?, '孙七')",
                         [cases[0].center_id])
        work.note("bundle", "b1", {"outcomes": [None, {"mediators": {"new": 1}}]})
    with store.operation("测试员", "add_mediator") as work:
        work.save_mediator(Mediator(center_id=cases[0].center_id, name="周八"))
    store.close()
    outside(db_path, "UPDATE parties SET phone = '13999999999' WHERE case_id = ?",
            [cases[1].id])  # changed outside before the upgrade
    _forget_the_seal_migration(db_path)
    old = open_database(db_path, readonly=True)  # not upgraded yet: history replayed
    try:
        before = [seals.describe(old, p) for p in seals.verify_records(old).problems]
    finally:
        old.close()
    assert len(before) == 3  # the phone change (2 parties) and the counted-only mediator
    assert sum("phone" in p for p in before) == 2 and any("孙七" in p for p in before)

    s = Store.open(db_path)  # the upgrade: m008 seals what agrees with its history
    try:
        rows = s.db.execute("SELECT actor, summary FROM audit WHERE action = 'seal_records'"
                            ).fetchall()
        assert len(rows) == 1 and rows[0][0] == seals.UPGRADE_ACTOR
        problems = s.check()[0]
        assert len(problems) == 2 and all(cases[1].number in p for p in problems)
        CaseService(s).register("测试员", case_input())
    finally:
        s.close()
    outside(db_path, "UPDATE mediators SET name = '孙九' WHERE id = 'm-bulk'")
    problems = check(db_path)
    assert len(problems) == 3 and any("调解员 孙九" in p for p in problems)


def test_replay_without_seals_finds_an_edit(store, db_path):
    _simulate_old_version(store)
    case = desk_with_cases(store)[0]
    store.close()
    assert check(db_path) == []
    outside(db_path, "UPDATE cases SET facts = '另一回事' WHERE id = ?", [case.id])
    problems = check(db_path)
    assert len(problems) == 1 and "facts" in problems[0]


@pytest.mark.parametrize("entity", ["partie", "party", "parties"])
def test_old_and_new_entity_names_are_understood(entity):
    assert seals.ENTITY_TABLE[entity] == "parties"


def test_a_record_upserted_twice_in_one_operation_is_sealed_once(store, db_path):
    """An import's upsert of a record the same operation already wrote (the notes of rows
    to seal must not turn the upsert into a UNIQUE failure), and ``UPDATE OR ABORT``."""
    from mediation_desk.exchange.records import ENTITIES, fields_of
    from mediation_desk.storage import exchange as xs

    case = desk_with_cases(store)[0]
    wire = xs.to_wire_rows(store.db, "cases", ENTITIES["cases"][0],
                           xs.fetch(store.db, "cases", [case.id]), fields_of("cases"))[0]
    with store.operation("测试员", "import_bundle", case_id=case.id):
        for n in (1, 2):
            wire.update(title=f"改过第{n}次", version=int(wire["version"]) + 1)
            xs.write_rows(store.db, "cases", [wire])
        store.db.execute("UPDATE OR ABORT cases SET title = '第三次' WHERE id = ?", [case.id])
    last = audit.case_history(store.db, case.id)[-1]
    assert last["action"] == "import_bundle"
    changes = last["changes"]
    sealed = [seals.entry_records(e) for e in changes if e["op"] == seals.SEAL
              and e["entity"] == "case"]
    assert [list(s) for s in sealed] == [[case.id]]
    assert check(db_path) == []  # the row as last written is the row sealed
