"""The document register travels in bundles: the court verifies a center's papers offline;
register rows are validated like every record and written only by the desk that issued them."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from mediation_desk.domain.models import Mediator
from mediation_desk.exchange import bundle
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.exchange.keys import PublicKeys
from mediation_desk.exchange.records import ENTITIES, fields_of, validate_records
from mediation_desk.services import exchange
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.documents import DocumentService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.services.verification import (
    ALTERED,
    ISSUED_BY_PEER,
    ISSUED_HERE,
    NOT_FOUND,
    VerificationService,
)
from mediation_desk.storage.store import Store
from tests.conftest import case_input, party

from .helpers import ACTOR, db_digest, id_number, make_desk, send, trust_both


def agreed_case(store: Store, *, court: bool = True, n: int = 1) -> str:
    svc = CaseService(store)
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name=f"周明{n}"))
    extra: dict[str, Any] = {"source": "court_delegated",
                             "court_case_number": f"（2026）鲁0303民诉前调{n}号"} if court else {}
    c = svc.register(ACTOR, case_input(received_on="2026-02-02", **extra, parties=[
        party("applicant", "张三", id_number(n), "13812341234"),
        party("respondent", "李四", id_number(n + 50), "13900001111")]))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [m.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["被申请人退还申请人物业费40000元。"], amount=Decimal("40000"),
        performance_deadline=date(2026, 3, 31), effective_on=date(2026, 2, 20)))
    return c.id


@pytest.fixture
def world(tmp_path):
    center = make_desk(tmp_path, "ZD-MS")
    court = make_desk(tmp_path, "FY-01", "court")
    trust_both(tmp_path, center, court)
    yield center, court
    center.close()
    court.close()


def document_wires(store: Store) -> list[dict[str, Any]]:
    ids = [r["id"] for r in store.exchange.all_records("documents")]
    return store.exchange.wire_records("documents", ENTITIES["documents"][0], ids,
                                       fields_of("documents"))


def test_the_court_verifies_a_centers_papers_offline(world, tmp_path):
    center, court = world
    case_id = agreed_case(center)
    other = agreed_case(center, court=False, n=2)  # not court-related: never sent to the court
    docs = DocumentService(center)
    paper = docs.generate(ACTOR, case_id, "agreement")
    docs.generate(ACTOR, other, "agreement")
    report = send(tmp_path, center, "FY-01", court, "b1")
    assert report.by_entity["documents"] == {"new": 1}
    check = VerificationService(court)
    v = check.check_pdf(paper.pdf)
    assert v.status == ISSUED_BY_PEER and v.headline == "ZD-MS单位签发"
    assert v.case_number == center.cases.get(case_id).number and v.title == "人民调解协议书"
    assert v.parties == "张＊、李＊" and v.entry.origin == "ZD-MS"
    assert check.check_code(paper.verification_code).status == ISSUED_BY_PEER
    assert check.check_pdf(paper.pdf + b"%\n").status == ALTERED
    # at the center the same paper is its own
    assert VerificationService(center).check_pdf(paper.pdf).status == ISSUED_HERE
    # a paper issued later travels in the next bundle; a row already held changes nothing
    again = docs.generate(ACTOR, case_id, "case_file")
    report = send(tmp_path, center, "FY-01", court, "b2")
    assert report.by_entity["documents"].get("new") == 1
    assert set(report.by_entity["documents"]) <= {"new", "unchanged"}
    assert check.check_code(again.verification_code).title == "人民调解卷宗"
    assert len(court.documents.of_case(case_id)) == 2


def test_a_scanned_qr_is_checked_with_the_trusted_card_before_the_register_arrives(world):
    from mediation_desk.exchange.keys import DeskKeys
    from mediation_desk.services.verification import qr_payload

    center, court = world
    keys = DeskKeys(*center.exchange.load_keys())
    text = qr_payload(keys, "ZD-MS", "7K2QM-9XD4A", "agreement", date(2026, 2, 20))
    v = VerificationService(court).check_code(text)
    assert v.status == ISSUED_BY_PEER and v.issuer == "ZD-MS单位" and v.entry is None
    assert v.issued_on == "2026-02-20" and "签名有效" in "".join(v.notes)
    assert {"签发单位：ZD-MS单位", "文书：人民调解协议书",
            "首次签发日期：2026-02-20"} <= set(v.lines())
    forged = text.replace(":agreement:", ":termination:")
    assert VerificationService(court).check_code(forged).status == NOT_FOUND


def _hostile(tmp, frm: Store, to: Store, records: dict[str, list[dict[str, Any]]],
             kind: str = "center_to_court", schema: int | None = None) -> Any:
    peer = frm.exchange.trusted(to.origin_code())[0]
    data, _m = bundle.build(
        keys=exchange.desk_keys(frm), sender=frm.origin_code(), recipient=to.origin_code(),
        recipient_public=PublicKeys(bytes(peer["signing_public"]),
                                    bytes(peer["encryption_public"])),
        kind=kind, sequence=frm.exchange.last_sequence(to.origin_code(), "out") + 1,
        acknowledged=0, created_at="2026-12-01T09:00:00+08:00",
        records={e: records.get(e, []) for e in ENTITIES}, attachments={})
    path = tmp / "hostile.mdx"
    path.write_bytes(data)
    return path


def _case_records(store: Store, case_id: str) -> dict[str, list[dict[str, Any]]]:
    from tests.exchange.helpers import wire_records

    recs = wire_records(store, case_id)
    recs["centers"] = store.exchange.wire_records(
        "centers", ENTITIES["centers"][0], [store.directory.self_center().id],
        fields_of("centers"))
    recs["mediators"] = store.exchange.wire_records(
        "mediators", ENTITIES["mediators"][0], recs["cases"][0]["mediator_ids"],
        fields_of("mediators"))
    recs["documents"] = document_wires(store)
    return recs


@pytest.mark.parametrize("forge", ["origin", "center_id"])
def test_a_row_in_another_desks_name_refuses_the_bundle(world, tmp_path, forge):
    center, court = world
    case_id = agreed_case(center)
    DocumentService(center).generate(ACTOR, case_id, "agreement")
    recs = _case_records(center, case_id)
    row = recs["documents"][0]
    if forge == "origin":
        row["origin"] = "ZD-HS"  # a paper of another center, slipped in by this one
    else:
        row["center_id"] = court.directory.self_center().id
    before = db_digest(court)
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(court, ACTOR, _hostile(tmp_path, center, court, recs))
    assert err.value.reason_code == "not_owner" and "documents" in err.value.message_zh
    assert db_digest(court) == before


def test_a_row_moved_to_another_case_is_refused(world, tmp_path):
    center, court = world
    first, second = agreed_case(center), agreed_case(center, n=3)
    DocumentService(center).generate(ACTOR, first, "agreement")
    send(tmp_path, center, "FY-01", court, "b1")
    recs = _case_records(center, second)
    recs["cases"] += _case_records(center, first)["cases"]
    moved = copy.deepcopy(recs["documents"][0])
    moved.update(case_id=second, version=2)
    recs["documents"] = [moved]
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(court, ACTOR, _hostile(tmp_path, center, court, recs))
    assert err.value.reason_code == "not_owner" and "另一件案件" in err.value.message_zh


@pytest.mark.parametrize(("field", "value"), [
    ("sha256", "XYZ"), ("verification_code", "7k2qm-9xd4a"), ("kind", "Agreement!"),
    ("created_at", "昨天"), ("pages", -1), ("scheme", 7), ("content_hash", "00"),
    ("center_id", "not-a-uuid")])
def test_register_rows_are_validated_like_every_record(world, field, value):
    center, _court = world
    DocumentService(center).generate(ACTOR, agreed_case(center), "agreement")
    row = document_wires(center)[0]
    assert validate_records("documents", [row]) == [row]
    with pytest.raises(BundleRejected) as err:
        validate_records("documents", [{**row, field: value}])
    assert err.value.reason_code == "record_invalid" and field in err.value.message_zh


def test_a_schema_1_bundle_without_the_register_is_still_read(world, tmp_path, monkeypatch):
    center, court = world
    case_id = agreed_case(center)
    recs = _case_records(center, case_id)
    del recs["documents"]
    monkeypatch.setattr(bundle, "SCHEMA_VERSION", 1)
    old = [e for e in ENTITIES if e != "documents"]
    monkeypatch.setattr(bundle, "ENTITIES", {e: ENTITIES[e] for e in old})
    path = _hostile(tmp_path, center, court, recs)
    monkeypatch.undo()
    report = exchange.import_bundle(court, ACTOR, path)
    assert report.by_entity["cases"] == {"new": 1} and report.by_entity["documents"] == {}
