"""Verification codes anyone can check: keyed codes, the signed QR, blank forms, the verdicts,
and the register's migration on a database written before it (m012)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlcipher3 import dbapi2 as sqlite3

from mediation_desk.documents.spec import verification_code
from mediation_desk.domain.documents import SCHEME_KEYED, SCHEME_UNKEYED, normalize_code
from mediation_desk.domain.errors import DomainError
from mediation_desk.domain.models import Mediator
from mediation_desk.exchange.keys import DeskKeys
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService, init_desk
from mediation_desk.services.documents import DocumentService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.services.verification import (
    ALTERED,
    ISSUED_HERE,
    NOT_FOUND,
    VerificationService,
    document_key,
    keyed_code,
    parse_qr,
    printed_code,
    qr_signed_by,
)
from mediation_desk.storage.store import Store
from tests.conftest import case_input, party
from tests.documents.conftest import page_texts, pdf_text

ACTOR = "王调解员"
CODE_RE = re.compile(r"校验码([0-9A-Z]{5}-[0-9A-Z]{5})")


def agreed(store: Store, name: str = "张三") -> str:
    svc = CaseService(store)
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    c = svc.register(ACTOR, case_input(received_on="2026-02-02", parties=[
        party("applicant", name, "11010519491231002X", "13812341234"),
        party("respondent", "李四", "440524188001010014", "13900001111")]))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [m.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["被申请人退还申请人物业费40000元。"], amount=Decimal("40000"),
        performance_deadline=date(2026, 3, 31), effective_on=date(2026, 2, 20)))
    return c.id


@pytest.fixture
def case_id(store):
    return agreed(store)


def test_code_is_keyed_long_and_printed_on_every_page(store, case_id):
    doc = DocumentService(store).generate(ACTOR, case_id, "agreement")
    code = doc.verification_code
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", code)  # 50 bits
    for text in page_texts(doc.pdf):
        assert f"校验码{code}" in text
    entry = store.documents.of_case(case_id)[-1]
    # the unkeyed first version is what anyone could compute for any content: not this one
    assert code != verification_code(entry.content_hash)
    keys = DeskKeys(*store.exchange.load_keys())
    assert keyed_code(document_key(keys), entry.content_hash) == code
    other = DeskKeys.generate()  # another desk's key gives another code for the same content
    assert keyed_code(document_key(other), entry.content_hash) != code


def test_register_row_holds_what_verification_needs(store, case_id):
    doc = DocumentService(store).generate(ACTOR, case_id, "agreement")
    e = store.documents.of_case(case_id)[-1]
    me = store.directory.self_center()
    assert (e.origin, e.center_id, e.kind, e.sha256, e.verification_code, e.pages, e.scheme) == (
        "ZD-MS", me.id, "agreement", doc.sha256, doc.verification_code, doc.pages, SCHEME_KEYED)
    assert re.fullmatch("[0-9a-f]{64}", e.content_hash) and e.version == 1
    assert e.updated_at == e.created_at and e.actor == ACTOR


def test_same_content_same_bytes_on_another_day(store, clock, case_id):
    docs = DocumentService(store)
    first = docs.generate(ACTOR, case_id, "agreement")
    clock.now += timedelta(days=40)
    again = docs.generate(ACTOR, case_id, "agreement")
    assert again.pdf == first.pdf  # the QR's date is the first issue, not today
    assert len(store.documents.by_code(first.verification_code)) == 2


def _qr_text(pdf: bytes, tmp_path) -> str:
    exe = shutil.which("zbarimg")
    if exe is None:
        if os.environ.get("CI"):  # .ci/run installs it: a missing reader is a failure there
            pytest.fail("zbarimg is missing (apt-get install zbar-tools)")
        pytest.skip("zbarimg (zbar-tools) not installed")
    (tmp_path / "d.pdf").write_bytes(pdf)
    n = len(page_texts(pdf))
    subprocess.run(["pdftoppm", "-r", "300", "-f", str(n), "-l", str(n), "-png",
                    str(tmp_path / "d.pdf"), str(tmp_path / "p")], check=True)
    png = sorted(tmp_path.glob("p*.png"))[-1]
    out = subprocess.run([exe, "--raw", "-q", str(png)], capture_output=True, text=True)
    return out.stdout.strip()


def test_qr_on_the_last_page_is_signed_by_the_desk(store, case_id, tmp_path):
    doc = DocumentService(store).generate(ACTOR, case_id, "agreement")
    text = _qr_text(doc.pdf, tmp_path)
    qr = parse_qr(text)
    assert qr is not None, text
    assert (qr.desk, qr.code, qr.kind) == ("ZD-MS", doc.verification_code, "agreement")
    keys = DeskKeys(*store.exchange.load_keys())
    assert qr_signed_by(qr, keys.public)
    assert not qr_signed_by(qr, DeskKeys.generate().public)
    forged = parse_qr(text.replace(":agreement:", ":termination:"))
    assert forged is not None and not qr_signed_by(forged, keys.public)
    verdict = VerificationService(store).check_code(text)  # the scanned text as a code
    assert verdict.status == ISSUED_HERE and "二维码签名有效" in "".join(verdict.notes)
    # a QR edited to name another kind: the register decides, and says the QR disagrees
    notes = "".join(VerificationService(store).check_code(forged_text := text.replace(
        ":agreement:", ":termination:")).notes)
    assert "与文书登记不符" in notes and "现用密钥不符" in notes, forged_text


def test_blank_forms_carry_no_code_and_no_qr(store, tmp_path):
    doc = DocumentService(store).generate("", None, "agreement", blank=True)
    assert doc.verification_code == ""
    assert "校验码" not in pdf_text(doc.pdf)
    assert _qr_text(doc.pdf, tmp_path) == ""


def test_verdicts_on_files(store, case_id, tmp_path):
    doc = DocumentService(store).generate(ACTOR, case_id, "agreement")
    check = VerificationService(store)
    v = check.check_pdf(doc.pdf)
    assert v.status == ISSUED_HERE and v.headline == "本机签发"
    assert v.case_number == store.cases.get(case_id).number and v.title == "人民调解协议书"
    assert v.parties == "张＊、李＊" and v.issuer == "马尚街道调解中心"
    assert "张三" not in "".join(v.lines())  # names masked
    altered = doc.pdf.replace(b"/Title (", b"/Title (X", 1) if b"/Title (" in doc.pdf \
        else doc.pdf + b"%altered\n"
    assert altered != doc.pdf
    v = check.check_pdf(altered)
    assert v.status == ALTERED and v.headline == "已被修改" and v.code == doc.verification_code
    assert v.case_number == store.cases.get(case_id).number
    # a paper of another desk: its code is not in this register
    other = init_desk(tmp_path / "other.db", code="ZD-HS", name="湖田街道调解中心",
                      number_prefix="湖田", linked_court="张店区人民法院")
    try:
        foreign = DocumentService(other).generate(ACTOR, agreed(other), "agreement")
    finally:
        other.close()
    v = check.check_pdf(foreign.pdf)
    assert v.status == NOT_FOUND and v.code == foreign.verification_code
    with pytest.raises(DomainError, match="不是 PDF"):
        check.check_pdf(b"hello")


def test_verdicts_on_codes(store, case_id):
    doc = DocumentService(store).generate(ACTOR, case_id, "case_file")
    check = VerificationService(store)
    typed = doc.verification_code.lower().replace("-", " ").replace("0", "o")
    v = check.check_code(typed)
    assert v.status == ISSUED_HERE and v.title == "人民调解卷宗"
    assert check.check_code("ZZZZZ-ZZZZZ").status == NOT_FOUND
    with pytest.raises(DomainError, match="校验码格式不对"):
        check.check_code("12345")
    assert printed_code(doc.pdf) == doc.verification_code


def test_code_normalising():
    assert normalize_code("7k2qm 9xd4a") == "7K2QM-9XD4A"
    assert normalize_code("OIL00-00000") == "01100-00000"
    assert normalize_code("1a2b-3c4d") == "1A2B-3C4D"  # first version, 8 hex digits
    assert normalize_code("7K2QM-9XD4") is None and normalize_code("7K2QU-9XD4A") is None


def _downgrade_register(db_path) -> None:
    """The documents table as every version before m012 wrote it (m002's frozen DDL)."""
    from mediation_desk.storage.schema import _M002_DOCUMENTS_DDL

    con = sqlite3.connect(db_path)
    con.executescript(
        "CREATE TABLE old_rows AS SELECT id, case_id, kind, created_at, sha256,"
        " verification_code, actor FROM documents; DROP TABLE documents;"
        + _M002_DOCUMENTS_DDL + "INSERT INTO documents (id, case_id, kind, created_at, sha256,"
        " verification_code, actor) SELECT * FROM old_rows; DROP TABLE old_rows;"
        "DELETE FROM _sqlite_migrations WHERE name = 'm012_document_verification';")
    con.commit()
    con.close()


def test_migration_of_a_register_written_before(store, db_path, case_id):
    doc = DocumentService(store).generate(ACTOR, case_id, "agreement")
    store.close()
    _downgrade_register(db_path)
    con = sqlite3.connect(db_path)
    con.execute("UPDATE documents SET verification_code = 'AB12-CD34'")  # an old, unkeyed code
    con.commit()
    con.close()
    s = Store.open(db_path)
    try:
        assert s.check()[0] == []  # the schema is this version's
        e = s.documents.of_case(case_id)[0]
        me = s.directory.self_center()
        assert (e.origin, e.center_id, e.version, e.updated_at, e.scheme, e.sha256) == (
            "ZD-MS", me.id, 1, e.created_at, SCHEME_UNKEYED, doc.sha256)
        v = VerificationService(s).check_code("ab12cd34")
        assert v.status == ISSUED_HERE and "旧版校验码" in "".join(v.notes)
        assert VerificationService(s).check_pdf(doc.pdf).status == ISSUED_HERE  # by its hash
    finally:
        s.close()


def test_a_mediator_issues_the_first_paper_of_a_desk_without_keys(store, case_id):
    """A desk made without exchange keys (the GUI's first run makes none): the keys are made
    with the first paper, inside its operation, whoever may generate it."""
    from mediation_desk.domain.access import Account, Role
    from mediation_desk.services.access import login_store
    from mediation_desk.storage import audit

    with store.db.conn:
        store.db.execute("DELETE FROM desk_keys")
    assert store.exchange.load_keys() is None
    mediator_id = store.cases.get(case_id).mediator_ids[0]
    login_store(store, Account(id="a-1", name="周明", role=Role.MEDIATOR,
                               mediator_id=mediator_id))
    doc = DocumentService(store).generate("周明", case_id, "agreement")
    keys = DeskKeys(*store.exchange.load_keys())
    entry = store.documents.of_case(case_id)[-1]
    assert keyed_code(document_key(keys), entry.content_hash) == doc.verification_code
    rows = [r for r in audit.case_history(store.db, case_id) if r["action"] == "generate_document"]
    assert keys.public.fingerprint in rows[-1]["summary"] + str(rows[-1]["changes"])
    assert DocumentService(store).generate("周明", case_id, "agreement").pdf == doc.pdf
