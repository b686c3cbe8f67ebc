"""The audit chain: append-only, tamper-evident."""

from __future__ import annotations

import pytest

from mediation_desk.services.cases import CaseService
from mediation_desk.storage import audit
from mediation_desk.storage.connection import IntegrityError
from tests.conftest import case_input


@pytest.fixture
def filled(store):
    svc = CaseService(store)
    for _ in range(4):
        c = svc.register("甲", case_input())
        svc.accept("甲", c.id)
    return store


def test_chain_verifies(filled):
    check = audit.verify_chain(filled.db)
    assert check.ok and check.rows_checked == 9


def test_update_and_delete_are_forbidden(filled):
    with pytest.raises(IntegrityError):
        filled.db.execute("UPDATE audit SET actor = 'x' WHERE seq = 2")
    with pytest.raises(IntegrityError):
        filled.db.execute("DELETE FROM audit WHERE seq = 2")


def test_tampered_row_is_named(filled):
    db = filled.db
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("UPDATE audit SET actor = '乙' WHERE seq = 5")
    check = audit.verify_chain(db)
    assert not check.ok and check.first_bad_seq == 5


def test_deleted_row_is_detected(filled):
    db = filled.db
    db.execute("DROP TRIGGER audit_no_delete")
    db.execute("DELETE FROM audit WHERE seq = 3")
    check = audit.verify_chain(db)
    assert not check.ok and check.first_bad_seq == 4


def test_failed_operation_leaves_no_audit_row(filled):
    before = filled.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(RuntimeError):
        with filled.operation("甲", "boom") as work:
            work.set_setting("x", 1)
            raise RuntimeError("power cut")
    assert filled.db.execute("SELECT count(*) FROM audit").fetchone()[0] == before
    assert filled.db.execute("SELECT count(*) FROM settings WHERE key='x'").fetchone()[0] == 0
