"""Court -> center -> court through files only, checked field by field."""

from __future__ import annotations

import shutil

import pytest

from mediation_desk.domain.enums import EndReason
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.services import exchange
from mediation_desk.storage import cases as case_store

from .helpers import ACTOR, db_digest, referral, state


def test_referral_and_result_round_trip(tmp_path, desks):
    court, center = desks
    case = referral(court, center)
    out = tmp_path / "to-center.mdx"
    rep = exchange.export_bundle(court, ACTOR, "center01", out)
    assert rep.counts["cases"] == 1 and rep.counts["parties"] == 2 and rep.sequence == 1

    preview = exchange.import_bundle(center, ACTOR, out, dry_run=True)
    # the court's own center record replaces the stub made when its card was trusted
    assert preview.counts == {"new": 4, "updated": 1, "unchanged": 0, "conflicting": 0}
    renamed = tmp_path / "to-center(1).mdx"  # a messaging app renamed it
    shutil.copy(out, renamed)
    report = exchange.import_bundle(center, ACTOR, renamed)
    assert report.counts["new"] == 4
    got = case_store.get_case(center.db, case.id)
    want = case_store.get_case(court.db, case.id)
    for field in ("number", "court_case_number", "source", "amount", "facts", "claims",
                  "due_on", "received_on", "version", "origin", "updated_at", "center_id"):
        assert getattr(got, field) == getattr(want, field), field
    assert [(p.id, p.name, p.id_number, p.phone, p.role) for p in got.parties] == \
        [(p.id, p.name, p.id_number, p.phone, p.role) for p in want.parties]
    assert "张三0" in got.party_names if hasattr(got, "party_names") else True

    # re-import is a no-op that says so
    before = db_digest(center)
    again = exchange.import_bundle(center, ACTOR, out)
    assert again.already_applied and db_digest(center) == before

    # the center mediates and sends the result back
    got.filing_number = ""
    got.end_note = "调解不成"
    got.status = got.status.__class__("terminated")
    # as the services leave a terminated case (record_rules.case_state_problem)
    got.accepted_on = got.closed_on = got.received_on
    got.end_reason = EndReason.GAP_TOO_LARGE
    with center.operation(ACTOR, "terminate", case_id=got.id) as work:
        work.save_case(got)
    back = tmp_path / "to-court.mdx"
    rep2 = exchange.export_bundle(center, ACTOR, "court01", back)
    assert rep2.counts["cases"] == 1 and rep2.counts["parties"] == 0  # parties unchanged
    r = exchange.import_bundle(court, ACTOR, back)
    assert r.by_entity["cases"] == {"updated": 1} and r.counts["conflicting"] == 0
    at_court = case_store.get_case(court.db, case.id)
    assert at_court.status.value == "terminated" and at_court.end_note == "调解不成"
    assert at_court.version == got.version

    # the court records the filing number; the center receives it
    at_court.filing_number = "（2026）鲁0303民初55号"
    with court.operation(ACTOR, "record_filing", case_id=at_court.id) as work:
        work.save_case(at_court)
    third = tmp_path / "outcome.mdx"
    exchange.export_bundle(court, ACTOR, "center01", third)
    exchange.import_bundle(center, ACTOR, third)
    final = case_store.get_case(center.db, case.id)
    assert final.filing_number == "（2026）鲁0303民初55号"
    s_court, s_center = state(court), state(center)
    assert s_court["cases"] == s_center["cases"]
    assert s_court["parties"] == s_center["parties"]
    assert s_court["events"] == s_center["events"]

    # nothing new: an incremental export carries no records
    empty = exchange.export_bundle(center, ACTOR, "court01", tmp_path / "empty.mdx")
    assert sum(empty.counts.values()) == 0


def test_sender_can_reread_own_export(tmp_path, desks):
    court, center = desks
    referral(court, center)
    out = tmp_path / "b.mdx"
    exchange.export_bundle(court, ACTOR, "center01", out)
    from mediation_desk.exchange import bundle
    opened = bundle.open_bundle(out.read_bytes(), keys=exchange.desk_keys(court),
                                my_code="court01", trusted=lambda c: None, allow_own=True)
    assert opened.manifest["recipient"]["code"] == "center01"
    with pytest.raises(BundleRejected) as err:  # but it cannot import it
        exchange.import_bundle(court, ACTOR, out)
    assert err.value.reason_code in ("unknown_sender", "not_for_this_desk")


def test_both_sides_changed_goes_to_conflicts(tmp_path, desks):
    court, center = desks
    case = referral(court, center)
    b1 = tmp_path / "1.mdx"
    exchange.export_bundle(court, ACTOR, "center01", b1)
    exchange.import_bundle(center, ACTOR, b1)
    b1r = tmp_path / "1r.mdx"
    exchange.export_bundle(center, ACTOR, "court01", b1r)
    exchange.import_bundle(court, ACTOR, b1r)
    # the court corrects its copy of the facts, the center (which owns them) edits them too
    edits = ((court, "法院改了事实", None), (center, "中心改了事实", "中心改了请求"))
    for store, facts, claims in edits:
        c = case_store.get_case(store.db, case.id)
        c.facts = facts
        if claims:
            c.claims = claims
        with store.operation(ACTOR, "edit", case_id=c.id) as work:
            work.save_case(c)
    b2 = tmp_path / "2.mdx"
    exchange.export_bundle(center, ACTOR, "court01", b2)
    preview = exchange.import_bundle(court, ACTOR, b2, dry_run=True)
    assert preview.counts["conflicting"] == 1
    exchange.import_bundle(court, ACTOR, b2)
    c = case_store.get_case(court.db, case.id)
    assert c.facts == "法院改了事实" and c.claims == "中心改了请求"  # never silently overwritten
    assert c.updated_at.startswith("20")  # the merged record is dated by the import
    conflicts = exchange.open_conflicts(court)
    assert [(x["field"], x["local_value"], x["incoming_value"]) for x in conflicts] == \
        [("facts", "法院改了事实", "中心改了事实")]
    exchange.resolve_conflict(court, ACTOR, conflicts[0]["seq"], "incoming")
    assert case_store.get_case(court.db, case.id).facts == "中心改了事实"
    assert exchange.open_conflicts(court) == []
    ok, chain = center.check()
    assert ok == [] and chain.ok
