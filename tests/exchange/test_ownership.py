"""A trusted but malicious desk may change only what it owns (issue 10, item 1).

Every hostile bundle is built with the project's own code, properly signed by a desk the
receiver trusts; each must be refused whole with ``not_owner`` and leave the database as it was.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from mediation_desk.domain.enums import EventKind
from mediation_desk.domain.models import CaseEvent
from mediation_desk.exchange import bundle
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.exchange.keys import PublicKeys
from mediation_desk.exchange.records import ENTITIES, fields_of
from mediation_desk.services import exchange
from mediation_desk.services.cases import CaseService
from mediation_desk.storage.store import Store

from .helpers import ACTOR, db_digest, make_desk, referral, trust_both, wire_records


def hostile(tmp: Path, frm: Store, to: Store, records: dict[str, list[dict[str, Any]]],
            *, kind: str, sequence: int | None = None, name: str = "hostile",
            attachments: dict[str, bytes] | None = None) -> Path:
    """A bundle signed by ``frm`` (trusted by ``to``) carrying exactly ``records``."""
    peer = frm.exchange.trusted(to.origin_code())[0]
    seq = sequence if sequence is not None else frm.exchange.last_sequence(
        to.origin_code(), "out") + 1
    data, _m = bundle.build(
        keys=exchange.desk_keys(frm), sender=frm.origin_code(), recipient=to.origin_code(),
        recipient_public=PublicKeys(bytes(peer["signing_public"]),
                                    bytes(peer["encryption_public"])),
        kind=kind, sequence=seq, acknowledged=0, created_at="2026-12-01T09:00:00+08:00",
        records={e: records.get(e, []) for e in ENTITIES}, attachments=attachments or {})
    path = tmp / f"{name}.mdx"
    path.write_bytes(data)
    return path


def refused(store: Store, path: Path, code: str = "not_owner") -> BundleRejected:
    before = db_digest(store)
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(store, ACTOR, path)
    assert err.value.reason_code == code, err.value.message_zh
    assert db_digest(store) == before
    return err.value


def bumped(rec: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(rec)
    out.update(changes)
    out["version"] += 1
    out["updated_at"] = "2026-12-01T01:00:00.000+00:00"
    return out


def center_wire(store: Store, center_id: str) -> dict[str, Any]:
    return store.exchange.wire_records("centers", ENTITIES["centers"][0], [center_id],
                                       fields_of("centers"))[0]


@pytest.fixture
def world(tmp_path):
    """The court holds a case of ZD-MS; ZD-XX is another center the court trusts."""
    court = make_desk(tmp_path, "court01", "court")
    ms = make_desk(tmp_path, "ZD-MS")
    xx = make_desk(tmp_path, "ZD-XX")
    trust_both(tmp_path, court, ms)
    trust_both(tmp_path, court, xx)
    case = referral(court, ms)
    path = tmp_path / "ref.mdx"
    exchange.export_bundle(court, ACTOR, "ZD-MS", path)
    exchange.import_bundle(ms, ACTOR, path)
    CaseService(ms).accept(ACTOR, case.id)
    back = tmp_path / "back.mdx"
    exchange.export_bundle(ms, ACTOR, "court01", back)
    exchange.import_bundle(court, ACTOR, back)
    yield {"court": court, "ms": ms, "xx": xx, "case": case, "tmp": tmp_path}
    for s in (court, ms, xx):
        s.close()


def _ms_case(world) -> dict[str, list[dict[str, Any]]]:
    return wire_records(world["court"], world["case"].id)


def _closed(case: dict[str, Any]) -> dict[str, Any]:
    """Fields that close a registered case as not accepted, consistently with its status."""
    return {"status": "not_accepted", "accepted_on": None, "closed_on": case["received_on"]}


def test_other_center_cannot_change_a_case(world):
    recs = _ms_case(world)
    # a status change that is itself consistent (record_rules), so only ownership refuses it
    recs["cases"] = [bumped(recs["cases"][0], amount_fen=1, **_closed(recs["cases"][0]))]
    err = refused(world["court"], hostile(world["tmp"], world["xx"], world["court"], recs,
                                          kind="center_to_court"))
    assert world["case"].id in err.message_zh and "另一个单位" in err.message_zh


def test_other_center_cannot_tombstone_a_case(world):
    recs = _ms_case(world)
    recs["cases"] = [bumped(recs["cases"][0], deleted=True)]
    refused(world["court"], hostile(world["tmp"], world["xx"], world["court"], recs,
                                    kind="center_to_court"))


def test_other_center_cannot_forge_a_case_under_another_name(world):
    recs = _ms_case(world)
    forged = copy.deepcopy(recs["cases"][0])
    forged.update(id="0a0a0a0a-0000-4000-8000-000000000001", serial=9999,
                  number="（2026）测调字第9999号", origin="ZD-MS", version=1)
    refused(world["court"], hostile(world["tmp"], world["xx"], world["court"],
                                    {"cases": [forged]}, kind="center_to_court"))


def test_other_center_cannot_add_a_party_to_another_centers_case(world):
    recs = _ms_case(world)
    party = copy.deepcopy(recs["parties"][0])
    party.update(id="0a0a0a0a-0000-4000-8000-000000000002", name="王五", origin="ZD-XX",
                 version=1, id_number="")
    refused(world["court"], hostile(world["tmp"], world["xx"], world["court"],
                                    {"parties": [party]}, kind="center_to_court"))


def test_other_center_cannot_rename_a_center(world):
    court = world["court"]
    ms_center = world["ms"].directory.self_center()
    rec = bumped(center_wire(court, ms_center.id), name="被改名的中心")
    refused(court, hostile(world["tmp"], world["xx"], court, {"centers": [rec]},
                           kind="center_to_court"))


def test_center_cannot_tombstone_the_courts_own_center_record(world):
    court = world["court"]
    rec = bumped(center_wire(court, court.directory.self_center().id), deleted=True)
    refused(court, hostile(world["tmp"], world["xx"], court, {"centers": [rec]},
                           kind="center_to_court"))


def test_center_cannot_change_court_fields_or_make_court_rulings(world):
    court, ms = world["court"], world["ms"]
    recs = wire_records(ms, world["case"].id)
    for changes in ({"court_case_number": "（2026）鲁0303民诉前调999号"},
                    {"filing_number": "（2026）鲁0303民初1号"},
                    {"jc_ruling": "（2026）鲁0303民特1号"}):
        forged = {"cases": [bumped(recs["cases"][0], **changes)]}
        err = refused(court, hostile(world["tmp"], ms, court, forged, kind="center_to_court"))
        assert "法院" in err.message_zh


def test_center_cannot_forge_a_court_event(world):
    court, ms = world["court"], world["ms"]
    ev = {"id": "0a0a0a0a-0000-4000-8000-000000000003", "origin": "court01", "version": 1,
          "updated_at": "2026-12-01T01:00:00.000+00:00", "deleted": False,
          "case_id": world["case"].id, "kind": "note", "occurred_at": "2026-12-01T09:00:00",
          "actor": "法官", "place": "", "participants": "", "notes": "法院已确认", "data": {}}
    refused(court, hostile(world["tmp"], ms, court, {"events": [ev]}, kind="center_to_court"))


def test_court_cannot_rewrite_the_centers_mediation_record(world):
    court, ms = world["court"], world["ms"]
    recs = wire_records(court, world["case"].id)
    for changes in ({"facts": "法院改写的事实"}, {"amount_fen": 1}, _closed(recs["cases"][0]),
                    {"received_on": "2026-01-05"}):
        forged = {"cases": [bumped(recs["cases"][0], **changes)]}
        refused(ms, hostile(world["tmp"], court, ms, forged, kind="court_to_center"))
    party = bumped(recs["parties"][0], phone="13000000000")
    refused(ms, hostile(world["tmp"], court, ms, {"parties": [party]}, kind="court_to_center"))


def test_court_cannot_refer_a_case_to_another_center_through_this_one(world):
    court, ms, xx = world["court"], world["ms"], world["xx"]
    case = referral(court, xx)  # a referral for ZD-XX, sent to ZD-MS
    recs = wire_records(court, case.id)
    recs["centers"] = [bumped(center_wire(court, xx.directory.self_center().id))]
    refused(ms, hostile(world["tmp"], court, ms, recs, kind="court_to_center"))


def test_court_may_rule_and_add_its_own_records(world):
    """The owner's writes still go through: the court's ruling reaches the center."""
    court, ms, case = world["court"], world["ms"], world["case"]
    svc = CaseService(ms)
    m = ms.directory.mediators()
    if not m:
        from mediation_desk.domain.models import Mediator
        from mediation_desk.services.desk import MediatorService
        m = [MediatorService(ms).save(ACTOR, Mediator(center_id="", name="王调解",
                                                       phone="13900000001"))]
    svc.assign(ACTOR, case.id, [m[0].id])
    from mediation_desk.services.mediation import AgreementInput
    svc.record_agreement(ACTOR, case.id, AgreementInput(
        clauses=["被申请人于2026年12月20日前支付货款1234.50元"],
        signed_on=date(2026, 11, 30), effective_on=date(2026, 11, 30)))
    svc.apply_jc(ACTOR, case.id, on=date(2026, 12, 1))
    out = world["tmp"] / "to-court.mdx"
    exchange.export_bundle(ms, ACTOR, "court01", out)
    exchange.import_bundle(court, ACTOR, out)
    CaseService(court).record_jc_outcome(ACTOR, case.id, outcome="confirmed",
                                         ruling="（2026）鲁0303民特12号")
    with court.operation(ACTOR, "note", case_id=case.id) as work:
        work.save_event(CaseEvent(case_id=case.id, kind=EventKind.NOTE,
                                  occurred_at=datetime(2026, 12, 1, 10, 0), notes="已送达"))
    back = world["tmp"] / "ruling.mdx"
    exchange.export_bundle(court, ACTOR, "ZD-MS", back)
    report = exchange.import_bundle(ms, ACTOR, back)
    assert report.counts["conflicting"] == 0
    got = ms.cases.get(case.id)
    assert got is not None and got.status.value == "jc_confirmed"
    assert got.jc_ruling == "（2026）鲁0303民特12号"


# -- sequences (item 3) ----------------------------------------------------------------
def _empty(world, sequence: int, name: str) -> Path:
    return hostile(world["tmp"], world["ms"], world["court"], {}, kind="center_to_court",
                   sequence=sequence, name=name)


def test_sequence_going_backwards_is_refused(world):
    court = world["court"]
    last = court.exchange.last_sequence("ZD-MS", "in")
    exchange.import_bundle(court, ACTOR, _empty(world, last + 4, "five"))
    err = refused(court, _empty(world, last + 0, "one"), "sequence_old")
    assert f"第{last + 4}号" in err.message_zh


def test_absurd_sequence_jump_is_refused(world):
    refused(world["court"], _empty(world, 2**52, "jump"), "sequence_jump")


def test_gap_is_reported(world):
    court = world["court"]
    last = court.exchange.last_sequence("ZD-MS", "in")
    report = exchange.import_bundle(court, ACTOR, _empty(world, last + 3, "gap"))
    assert report.missing == [last + 1, last + 2]
    row = court.db.execute("SELECT summary FROM audit WHERE action = 'import_bundle'"
                           " ORDER BY seq DESC LIMIT 1").fetchone()
    assert f"缺少来自ZD-MS的第{last + 1}至{last + 2}号交换文件" in row[0]


# -- field laptops ------------------------------------------------------------------------
@pytest.fixture
def laptop(world):
    """ZD-MS enrolls a field laptop for mediator 王调解, who holds the referral."""
    from mediation_desk.domain.models import Mediator
    from mediation_desk.services.desk import MediatorService
    from mediation_desk.services.enrollment import enroll, init_from_enrollment

    ms, tmp = world["ms"], world["tmp"]
    m = MediatorService(ms).save(ACTOR, Mediator(center_id="", name="王调解",
                                                  phone="13900000001"))
    other = MediatorService(ms).save(ACTOR, Mediator(center_id="", name="李调解",
                                                      phone="13900000002"))
    CaseService(ms).assign(ACTOR, world["case"].id, [m.id])
    rep = enroll(ms, ACTOR, m.id, tmp / "enroll.mdx")
    field = init_from_enrollment(tmp / "field.db", rep.path, rep.passphrase)
    card = tmp / "field.card"
    exchange.export_card(field, card)
    exchange.trust_card(ms, ACTOR, exchange.read_card(card))
    yield {**world, "field": field, "code": rep.field_code, "mediator": m, "other": other}
    field.close()


def test_laptop_cannot_change_a_case_not_assigned_to_it(laptop, tmp_path):
    from tests.conftest import case_input

    ms, field = laptop["ms"], laptop["field"]
    mine = CaseService(ms).register(ACTOR, case_input())  # not assigned to the laptop
    recs = wire_records(ms, mine.id)
    recs["cases"] = [bumped(recs["cases"][0], facts="笔记本改写")]
    refused(ms, hostile(tmp_path, field, ms, recs, kind="field_to_center"))


def test_laptop_cannot_reassign_or_change_the_roster(laptop, tmp_path):
    ms, field = laptop["ms"], laptop["field"]
    recs = wire_records(field, laptop["case"].id)
    recs["cases"] = [bumped(recs["cases"][0], mediator_ids=[laptop["other"].id])]
    refused(ms, hostile(tmp_path, field, ms, recs, kind="field_to_center", name="a"))
    rec = ms.exchange.wire_records("mediators", ENTITIES["mediators"][0],
                                   [laptop["mediator"].id], fields_of("mediators"))[0]
    refused(ms, hostile(tmp_path, field, ms, {"mediators": [bumped(rec, phone="13000000000")]},
                        kind="field_to_center", name="b"))


def test_laptop_case_is_renumbered_by_the_center_and_the_laptop_learns_it(laptop, tmp_path):
    from tests.conftest import case_input

    ms, field, code = laptop["ms"], laptop["field"], laptop["code"]
    on_laptop = CaseService(field).register(ACTOR, case_input())
    out = tmp_path / "f2c.mdx"
    exchange.export_bundle(field, ACTOR, "ZD-MS", out)
    report = exchange.import_bundle(ms, ACTOR, out)
    at_center = ms.cases.get(on_laptop.id)
    me = ms.directory.self_center()
    assert at_center is not None and me is not None
    assert at_center.center_id == me.id and report.renumbered == [at_center.number]
    assert at_center.number != on_laptop.number
    back = tmp_path / "c2f.mdx"
    exchange.export_bundle(ms, ACTOR, code, back)
    r = exchange.import_bundle(field, ACTOR, back)
    assert r.counts["conflicting"] == 0
    got = field.cases.get(on_laptop.id)
    assert got is not None and got.number == at_center.number and got.center_id == me.id
    # the laptop keeps working on the case, now the center's
    CaseService(field).accept(ACTOR, on_laptop.id)
    again = tmp_path / "f2c-2.mdx"
    exchange.export_bundle(field, ACTOR, "ZD-MS", again)
    exchange.import_bundle(ms, ACTOR, again)
    final = ms.cases.get(on_laptop.id)
    assert final is not None and final.status.value == "accepted"
    assert final.number == at_center.number
    for desk in (ms, field):
        problems, chain = desk.check()
        assert problems == [] and chain.ok


# -- desks do not make changes their next bundle could not carry ---------------------------
def test_court_desk_records_only_court_results_on_a_centers_case(world):
    from mediation_desk.domain.errors import DomainError
    from mediation_desk.domain.state_machine import Action

    court, case = world["court"], world["case"]
    svc = CaseService(court)
    with pytest.raises(DomainError) as err:
        svc.record_investigation(ACTOR, case.id, notes="法院去调查")
    assert err.value.code == "not_owner"
    got = court.cases.get(case.id)
    assert got is not None
    assert Action.RECORD_INVESTIGATION not in svc.allowed(got)
    assert "调解组织" in (svc.why_not(got, Action.RECORD_INVESTIGATION) or "")


def test_center_leaves_court_results_to_the_court_desk(world):
    from mediation_desk.domain.errors import DomainError
    from mediation_desk.domain.models import Mediator
    from mediation_desk.domain.state_machine import Action
    from mediation_desk.services.desk import MediatorService
    from mediation_desk.services.mediation import AgreementInput

    ms, case = world["ms"], world["case"]
    svc = CaseService(ms)
    m = MediatorService(ms).save(ACTOR, Mediator(center_id="", name="王调解",
                                                  phone="13900000001"))
    svc.assign(ACTOR, case.id, [m.id])
    svc.record_agreement(ACTOR, case.id, AgreementInput(
        clauses=["被申请人于2026年12月20日前支付货款1234.50元"],
        signed_on=date(2026, 11, 30), effective_on=date(2026, 11, 30)))
    svc.apply_jc(ACTOR, case.id, on=date(2026, 12, 1))
    got = ms.cases.get(case.id)
    assert got is not None and Action.JC_CONFIRM not in svc.allowed(got)
    assert "法院联络台" in (svc.why_not(got, Action.JC_CONFIRM) or "")
    with pytest.raises(DomainError) as err:
        svc.record_jc_outcome(ACTOR, case.id, outcome="confirmed", ruling="（2026）鲁0303民特1号")
    assert err.value.code == "not_owner"


def test_laptop_does_not_assign(laptop):
    from mediation_desk.domain.errors import DomainError

    field = laptop["field"]
    with pytest.raises(DomainError) as err:
        CaseService(field).assign(ACTOR, laptop["case"].id, [laptop["other"].id])
    assert err.value.code == "not_owner" and "中心主任" in err.value.message


def test_content_of_a_record_the_merge_skips_is_not_stored(world):
    """An old version of an attachment record carrying other content: the record is
    unchanged (older than the base), so its content is not kept either."""
    import hashlib

    from tests.attachment_samples import pdf_bytes

    court, ms, case = world["court"], world["ms"], world["case"]
    att = CaseService(ms).add_attachment(ACTOR, case.id, "调解申请书.pdf", pdf_bytes(text="v1"))
    att.name = "调解申请书（更正）.pdf"  # version 2
    with ms.operation(ACTOR, "rename_attachment", case_id=case.id) as work:
        work.save_attachment(att)
    out = world["tmp"] / "att.mdx"
    exchange.export_bundle(ms, ACTOR, "court01", out)
    exchange.import_bundle(court, ACTOR, out)
    rec = wire_records(court, case.id)["attachments"][0]
    other = pdf_bytes(text="old content")
    digest = hashlib.sha256(other).hexdigest()
    assert rec["version"] == 2
    old = {**rec, "sha256": digest, "size": len(other), "version": 1}
    path = hostile(world["tmp"], ms, court, {"attachments": [old]}, kind="center_to_court",
                   attachments={digest: other})
    report = exchange.import_bundle(court, ACTOR, path)
    assert report.by_entity["attachments"] == {"unchanged": 1}
    assert court.items.blob(digest) is None


def test_a_second_center_record_under_a_trusted_code_is_refused_as_a_rejection(world):
    """Found by the property fuzz: a signed record holding the sender's own code under
    another id was a plain DomainError, not a rejection (nothing written either way)."""
    court, ms = world["court"], world["ms"]
    rec = bumped(center_wire(court, court.directory.self_center().id),
                 id="0a0a0a0a-0000-4000-8000-00000000000c")
    rec["version"] = 1
    err = refused(ms, hostile(world["tmp"], court, ms, {"centers": [rec]},
                              kind="court_to_center"), "code_taken")
    assert "court01" in err.message_zh


def test_court_cannot_correct_the_centers_session_record(world):
    """A correction (docs/corrections.md) is the center's: a court's bundle carrying one, or a
    new version of a session record, is refused whole, though the court may add its notes."""
    court, ms, case = world["court"], world["ms"], world["case"]
    from mediation_desk.domain.models import Mediator
    from mediation_desk.services.desk import MediatorService

    svc = CaseService(ms)
    m = MediatorService(ms).save(ACTOR, Mediator(center_id="", name="王调解"))
    svc.assign(ACTOR, case.id, [m.id])  # the fixture's case is accepted
    session = svc.record_session(ACTOR, case.id, notes="中心的调解记录")
    new_id = "0a0a0a0a-0000-4000-8000-000000000011"
    base = {"origin": "court01", "version": 1, "updated_at": "2026-12-01T01:00:00.000+00:00",
            "deleted": False, "case_id": case.id, "occurred_at": "2026-12-01T09:00:00",
            "actor": "法官", "place": "", "participants": ""}
    version = {**base, "id": new_id, "kind": "session", "notes": "法院改写的记录",
               "data": {"version": 2, "corrects": session.id}}
    note = {**base, "id": "0a0a0a0a-0000-4000-8000-000000000012", "kind": "note",
            "notes": "更正调解记录（第2版）：法院更正",
            "data": {"action": "correct_session", "target": "session",
                     "target_id": session.id, "new_id": new_id, "version": 2,
                     "reason": "法院更正"}}
    for events in ([version, note], [note], [version]):
        err = refused(ms, hostile(world["tmp"], court, ms, {"events": events},
                                  kind="court_to_center"))
        assert "法院不能更正" in err.message_zh
    own = {**base, "id": "0a0a0a0a-0000-4000-8000-000000000013", "kind": "note",
           "notes": "法院已收到材料", "data": {}}
    exchange.import_bundle(ms, ACTOR, hostile(world["tmp"], court, ms, {"events": [own]},
                                              kind="court_to_center", name="own"))
    assert [e.notes for e in svc.events(case.id) if e.kind is EventKind.SESSION] == [
        "中心的调解记录"]
