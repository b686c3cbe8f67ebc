"""Seal format 2: ids and digests packed, format 1 still read; ``check`` still names records."""

from __future__ import annotations

import uuid

from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

from mediation_desk.services.cases import CaseService
from mediation_desk.storage import audit, seals
from mediation_desk.storage.store import Store
from tests.conftest import case_input


def _digests(n: int) -> dict[str, str | None]:
    return {str(uuid.UUID(int=(7 << 76) | k * 7919)): f"{k * 2654435761 % (1 << 64):016x}"
            for k in range(n)}


def test_packed_entry_reads_back_every_record():
    digests = _digests(50)
    digests["p-outside"] = "0123456789abcdef"  # not a UUID: listed as text
    digests[str(uuid.UUID(int=99))] = None  # gone: listed as text
    digests["ABCDEF00-0000-7000-8000-000000000000"] = "fedcba9876543210"  # not canonical
    entry = seals.seal_entry("events", digests)
    assert entry["v"] == 2
    assert seals.entry_records(entry) == digests
    assert set(entry["records"]) == {"p-outside", str(uuid.UUID(int=99)),
                                     "ABCDEF00-0000-7000-8000-000000000000"}


def test_packed_entry_is_under_60_percent_of_the_text_one():
    digests = _digests(1000)
    packed = len(audit.canonical(seals.seal_entry("events", digests)))
    text = len(audit.canonical({"records": digests}))
    assert packed * 10 < text * 6, (packed, text)  # 32 bytes a record instead of 58


def test_format_1_entry_still_read():
    digests = _digests(3)
    old = {"entity": "event", "id": "", "op": "seal", "fields": {}, "v": 1, "records": digests}
    assert seals.entry_records(old) == digests


def test_damaged_packing_seals_nothing():
    entry = seals.seal_entry("events", _digests(4))
    assert seals.entry_records({**entry, "ids": "not base64!"}) == {}
    assert seals.entry_records({**entry, "digests": entry["digests"][:-4]}) == {}


def test_operation_writes_format_2_and_check_names_the_edited_record(store, db_path):
    svc = CaseService(store)
    case = svc.register("测试员", case_input())
    changes = audit.case_history(store.db, case.id)[-1]["changes"]
    sealed = [e for e in changes if e["op"] == seals.SEAL]
    assert sealed and all(e["v"] == 2 and e["records"] == {} for e in sealed)
    assert case.id in seals.entry_records(next(e for e in sealed if e["entity"] == "case"))
    assert store.check_report().ok
    store.close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE cases SET title = '改过的' WHERE id = ?", [case.id])
    con.commit()
    con.close()
    s = Store.open(db_path, readonly=True, verify_schema=False)
    try:
        problems, chain = s.check()
    finally:
        s.close()
    assert chain.ok
    assert len(problems) == 1 and case.number in problems[0] and "校验值不符" in problems[0]
