"""Streamed import (issue 14): bounded memory, identical data, refusals found in any batch."""

from __future__ import annotations

import tracemalloc
import uuid
from operator import itemgetter

import pytest

from mediation_desk.exchange import bundle, container
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.exchange.keys import PublicKeys
from mediation_desk.exchange.records import ENTITIES, fields_of
from mediation_desk.services import exchange

from .helpers import ACTOR, db_digest, id_number, traced_peak

NOW = "2026-03-02T01:00:00.000+00:00"


def _meta(origin: str = "court01") -> dict:
    return {"id": str(uuid.uuid4()), "origin": origin, "version": 1, "updated_at": NOW,
            "deleted": False}


def court_records(court, center, n_cases: int, events: int = 8) -> dict[str, list[dict]]:
    """A court's referrals (委派) for ``center``, with parties and many events."""
    court_center = court.exchange.wire_records(
        "centers", ENTITIES["centers"][0], [court.directory.self_center().id],
        fields_of("centers"))[0]
    center_id = center.directory.self_center().id
    cases, parties, notes = [], [], []
    for i in range(n_cases):
        c = {**_meta(), "center_id": center_id, "number": f"（2026）鲁0303民诉前调{i + 1}号",
             "year": 2026, "serial": i + 1, "source": "court_delegated",
             "dispute_type": "contract", "title": f"买卖合同纠纷{i}", "amount_fen": 100000 + i,
             "facts": "原告称被告欠付货款。" * 5, "claims": "请求支付货款及利息",
             "flags": ["money_only"], "status": "registered", "received_on": "2026-03-01",
             "accepted_on": None, "due_on": "2026-03-31", "base_due_on": None,
             "suspended_since": None, "suspended_days": 0, "extended_days": 0,
             "mediator_ids": [], "court_case_number": f"（2026）鲁0303民诉前调{i + 1}号",
             "filing_number": "", "jc_due_on": None, "jc_applied_on": None, "jc_ruling": "",
             "end_reason": None, "end_note": "", "closed_on": None, "follow_up_due_on": None}
        cases.append(c)
        for pos, role in enumerate(("applicant", "respondent")):
            parties.append({
                **_meta(), "case_id": c["id"], "kind": "person", "role": role,
                "name": f"当事人{i}-{pos}", "sex": None, "ethnicity": "汉族", "birth_date": None,
                "id_number": id_number(2 * i + pos), "credit_code": "",
                "legal_representative": "", "occupation": "", "phone": "13800000000",
                "address": "山东省淄博市张店区某路1号", "village": "", "agent_name": "",
                "agent_phone": "", "agent_id_number": "", "agent_relation": "",
                "position": pos})
        for k in range(events):
            notes.append({**_meta(), "case_id": c["id"], "kind": "note",
                          "occurred_at": f"2026-03-0{k % 9 + 1}T09:00:00", "actor": "立案庭",
                          "place": "", "participants": "",
                          "notes": f"第{k + 1}次记录：" + "双方就付款期限进行了协商。" * 20,
                          "data": {}})
    return {"centers": [court_center], "cases": cases, "parties": parties, "events": notes}


def write(tmp_path, court, center, records, name="big.mdx"):
    peer = court.exchange.trusted("center01")[0]
    data, _m = bundle.build(
        keys=exchange.desk_keys(court), sender="court01", recipient="center01",
        recipient_public=PublicKeys(bytes(peer["signing_public"]),
                                    bytes(peer["encryption_public"])),
        kind="court_to_center", sequence=1, acknowledged=0, created_at=NOW, records=records,
        attachments={})
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_import_holds_a_batch_not_the_records_and_round_trips(tmp_path, desks, monkeypatch):
    court, center = desks
    monkeypatch.setattr(bundle, "BATCH", 50)
    monkeypatch.setattr(container, "INFLATE_CHUNK", 32 * 1024)
    records = court_records(court, center, 150, events=24)  # 150 cases, 3,600 events
    path = write(tmp_path, court, center, records)
    warm = write(tmp_path, court, center, court_records(court, center, 2), "warm.mdx")
    exchange.import_bundle(center, ACTOR, warm, dry_run=True)  # lazy imports, caches
    keys = exchange.desk_keys(center)
    held, peak_all = traced_peak(lambda: {  # every record parsed and held: what the import avoids
        e: list(rows) for e, rows in bundle.open_bundle(
            path.read_bytes(), keys=keys, my_code="center01",
            trusted=exchange.trusted_lookup(center)).records.items()})
    from mediation_desk.services import backup

    real_backup, peaks = backup.backup_before_import, []

    def backup_left_out(store):  # a copy of the database, whatever the bundle holds
        peaks.append(tracemalloc.get_traced_memory()[1])
        record = real_backup(store)
        tracemalloc.reset_peak()
        return record

    monkeypatch.setattr(backup, "backup_before_import", backup_left_out)
    report, peak = traced_peak(lambda: exchange.import_bundle(center, ACTOR, path))
    peak = max([peak, *peaks])
    n = sum(len(v) for v in records.values())
    assert report.counts == {"new": n - 1, "updated": 1, "unchanged": 0, "conflicting": 0}
    # holding every record parsed costs peak_all; the import holds a batch, the bundle's
    # cases (the fields their children's ownership rules read), the new cases' party fields
    # and, per entity being written, its (id, version) list for the known versions and bases
    assert peak < 0.6 * peak_all, (peak, peak_all, path.stat().st_size)
    for entity, rows in records.items():  # the center holds exactly the records sent
        got = center.exchange.wire_records(entity, ENTITIES[entity][0],
                                           [r["id"] for r in rows], fields_of(entity))
        assert sorted(got, key=itemgetter("id")) == sorted(rows, key=itemgetter("id"))
    assert sum(len(v) for v in held.values()) == n
    # the new cases' party names, computed from the parties of the bundle
    last = records["cases"][149]["id"]
    names = center.db.execute("SELECT party_names FROM cases WHERE id = ?", [last]).fetchone()[0]
    assert "当事人149-0" in names and "当事人149-1" in names
    # merge bases: line n of each member is record n
    sample = [r["id"] for r in records["events"][::97]]
    bases = center.exchange.bases("events", sample)
    assert [bases[i] for i in sample] == records["events"][::97]


def test_a_repeated_id_in_a_later_batch_is_refused(tmp_path, desks, monkeypatch):
    court, center = desks
    monkeypatch.setattr(bundle, "BATCH", 50)
    records = court_records(court, center, 20)
    records["events"].append(dict(records["events"][3]))  # same id, 150 lines later
    path = write(tmp_path, court, center, records)
    before = db_digest(center)
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(center, ACTOR, path)
    assert err.value.reason_code == "record_invalid" and "第161条" in err.value.detail
    assert db_digest(center) == before


def test_an_ownership_refusal_in_a_later_batch_changes_nothing(tmp_path, desks, monkeypatch):
    court, center = desks
    monkeypatch.setattr(bundle, "BATCH", 50)
    records = court_records(court, center, 40)
    records["events"][-1]["origin"] = "center01"  # a court writes only its own records
    path = write(tmp_path, court, center, records)
    before = db_digest(center)
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(center, ACTOR, path)
    assert err.value.reason_code == "not_owner", err.value.message_zh
    assert records["events"][-1]["id"] in err.value.detail
    assert db_digest(center) == before
