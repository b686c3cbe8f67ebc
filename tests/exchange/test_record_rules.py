"""A trusted but malicious desk sends records that break the input rules (record_rules).

Each bundle is built and signed with the project's own code, as the court desk would; the
center must refuse it whole with ``record_invalid``, the detail naming the entity, the
record's id and the field, and its database unchanged. The demo data, in contrast, passes.
"""

from __future__ import annotations

import copy
import random
from datetime import date
from typing import Any

import pytest

from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.exchange.records import ENTITIES, fields_of, validate_records
from mediation_desk.services import exchange
from mediation_desk.services.demo import build_demo, open_demo
from mediation_desk.storage import exchange as xs
from mediation_desk.storage.store import Store

from .helpers import (
    ACTOR,
    db_digest,
    make_desk,
    referral,
    seal,
    signed_zip_items,
    trust_both,
    wire_records,
    zip_members,
)

HANZI = [chr(c) for c in range(0x4E00, 0x9FA5)]  # varied text: a ZIP cannot shrink it 100-fold


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rules")
    court = make_desk(tmp, "court01", "court")
    center = make_desk(tmp, "center01")
    trust_both(tmp, court, center)
    case = referral(court, center)
    yield {"tmp": tmp, "court": court, "center": center, "case": case,
           "records": wire_records(court, case.id)}
    for s in (court, center):
        s.close()


def _crafted(world, records) -> bytes:
    items = signed_zip_items(world["court"], world["center"], records)
    return seal(zip_members(items), world["center"])


def _refused(world, records, entity: str, field: str) -> BundleRejected:
    center = world["center"]
    path = world["tmp"] / "hostile.mdx"
    path.write_bytes(_crafted(world, records))
    before = db_digest(center)
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(center, ACTOR, path)
    assert err.value.reason_code == "record_invalid", err.value.message_zh
    assert db_digest(center) == before
    detail = err.value.detail
    assert detail.startswith(f"{entity} "), detail
    assert f"：{field} " in detail, detail
    return err.value


def _changed(world, entity: str, **changes: Any) -> tuple[dict[str, list[dict]], str]:
    records = copy.deepcopy(world["records"])
    records[entity][0].update(changes)
    return records, records[entity][0]["id"]


def test_the_unchanged_bundle_is_accepted(world, tmp_path):
    """The crafting is sound: the same records, unchanged, pass (dry run)."""
    path = tmp_path / "ok.mdx"
    path.write_bytes(_crafted(world, world["records"]))
    report = exchange.import_bundle(world["center"], ACTOR, path, dry_run=True)
    assert report.counts["new"] >= 3


CASE_ATTACKS = [
    ("amount_fen", {"amount_fen": -123_450}, "金额不能为负数"),
    ("amount_fen", {"amount_fen": 10**14}, "金额过大"),
    ("suspended_days", {"suspended_days": -99999}, "不能为负数"),
    ("extended_days", {"extended_days": 99999}, "不能大于3650"),
    ("facts", {"facts": "".join(random.Random(1).choices(HANZI, k=100_000))},
     "不能超过20,000个字"),
    ("facts", {"facts": "货款\u202e未付"}, "改变文字方向"),
    ("title", {"title": "合同\x1b[31m纠纷"}, "终端转义序列"),
    ("received_on", {"received_on": "1900-01-01"}, "早于1949年10月1日"),
    ("received_on", {"received_on": "2099-01-01"}, "晚于5年后"),
    # impossible status/date combinations
    ("accepted_on", {"status": "mediating"}, "必须有受理日期"),
    ("accepted_on", {"status": "accepted", "accepted_on": "2026-03-01"}, "不能早于收案日期"),
    ("closed_on", {"closed_on": "2026-03-05"}, "不应有结案日期"),
    ("suspended_since", {"status": "suspended", "accepted_on": "2026-03-02"}, "必须有中止日期"),
    ("closed_on", {"status": "agreed", "accepted_on": "2026-03-02"}, "必须有结案日期"),
    ("end_reason", {"status": "terminated", "accepted_on": "2026-03-02",
                    "closed_on": "2026-03-09"}, "必须有终止原因"),
    ("jc_applied_on", {"status": "jc_applied", "accepted_on": "2026-03-02",
                       "closed_on": "2026-03-09", "end_reason": "agreement_reached"},
     "必须有申请日期"),
]


@pytest.mark.parametrize(("field", "changes", "message"), CASE_ATTACKS,
                         ids=[f"{f}-{i}" for i, (f, _c, _m) in enumerate(CASE_ATTACKS)])
def test_case_attacks_are_refused(world, field, changes, message):
    records, rid = _changed(world, "cases", **changes)
    err = _refused(world, records, "cases", field)
    assert rid in err.detail and message in err.detail


PARTY_ATTACKS = [
    ("phone", {"phone": "<script>"}, "联系电话只能包含"),
    ("phone", {"phone": "<script>alert(1)</script>"}, "不能超过20个字"),
    ("agent_phone", {"agent_phone": "1234"}, "5到20个字符"),
    ("name", {"name": "张\x00三"}, "U+0000"),
    ("name", {"name": "张三\u202egpj.exe"}, "改变文字方向的隐藏字符（U+202E）"),
    ("name", {"name": "张\u200b三"}, "零宽度的隐藏字符（U+200B）"),
    ("name", {"name": "\x1b[31m张三"}, "U+001B，终端转义序列"),
    ("name", {"name": "张三\n李四"}, "换行"),
    ("address", {"address": "淄" * 301}, "不能超过300个字"),
    ("position", {"position": -1}, "不能为负数"),
    ("birth_date", {"birth_date": "1800-01-01"}, "早于1850年"),
]


@pytest.mark.parametrize(("field", "changes", "message"), PARTY_ATTACKS,
                         ids=[f"{f}-{i}" for i, (f, _c, _m) in enumerate(PARTY_ATTACKS)])
def test_party_attacks_are_refused(world, field, changes, message):
    records, rid = _changed(world, "parties", **changes)
    err = _refused(world, records, "parties", field)
    assert rid in err.detail and message in err.detail


def test_event_text_and_data_follow_the_rule(world):
    records, _rid = _changed(world, "events", notes="委派\u2066调解")
    _refused(world, records, "events", "notes")
    records, _rid = _changed(world, "events", data={"note": "\x1b]0;pwned\x07"})
    _refused(world, records, "events", "data")
    records, _rid = _changed(world, "events", occurred_at="1901-01-01T09:00:00")
    _refused(world, records, "events", "occurred_at")


def test_center_mediator_agreement_and_attachment_records(world):
    court = world["court"]
    own = court.directory.self_center()
    records = copy.deepcopy(world["records"])
    records["centers"] = xs.to_wire_rows(court.db, "centers", ENTITIES["centers"][0],
                                         xs.fetch(court.db, "centers", [own.id]),
                                         fields_of("centers"))
    records["centers"][0]["name"] = "法院\u200d"
    _refused(world, records, "centers", "name")
    case = world["records"]["cases"][0]
    base = {"origin": "court01", "version": 1, "updated_at": "2026-03-02T01:00:00.000+00:00",
            "deleted": False, "case_id": case["id"]}
    agreement = {**base, "id": "0b0b0b0b-0000-4000-8000-000000000001", "form": "written",
                 "scope": "full", "facts": "货款未付", "clauses": ["支付货款"],
                 "performance_method": "", "performance_place": "",
                 "performance_deadline": None, "amount_fen": -1, "signed_on": "2026-03-05",
                 "effective_on": "2026-03-05"}
    records = {**copy.deepcopy(world["records"]), "agreements": [agreement]}
    _refused(world, records, "agreements", "amount_fen")
    records["agreements"] = [{**agreement, "amount_fen": 100, "clauses": ["支付\u202b货款"]}]
    _refused(world, records, "agreements", "clauses")
    attachment = {**base, "id": "0b0b0b0b-0000-4000-8000-000000000002",
                  "name": "..\\..\\Windows\\evil.bat", "media_type": "application/pdf",
                  "sha256": "0" * 64, "size": 10, "added_at": "2026-03-02T01:00:00+00:00"}
    records = {**copy.deepcopy(world["records"]), "attachments": [attachment]}
    _refused(world, records, "attachments", "name")


def test_the_validator_names_the_field_without_a_bundle():
    """The same rules, called directly (as the verifier does), on a mediator's phone."""
    rec = {"id": "0c0c0c0c-0000-4000-8000-000000000001", "origin": "center01", "version": 1,
           "updated_at": "2026-03-02T01:00:00.000+00:00", "deleted": False,
           "center_id": "0c0c0c0c-0000-4000-8000-000000000002", "name": "王调解",
           "phone": "<script>", "full_time": True, "specialties": [], "villages": [],
           "active": True, "relations": []}
    with pytest.raises(BundleRejected) as err:
        validate_records("mediators", [rec], today=date(2026, 3, 2))
    assert "mediators 0c0c0c0c-0000-4000-8000-000000000001" in err.value.detail
    assert "：phone 联系电话只能包含" in err.value.detail
    rec["phone"] = "0533-1234567 转 123"
    assert validate_records("mediators", [rec], today=date(2026, 3, 2))


# -- the demo data passes every rule, and travels between desks --------------------

def _all_wire(store: Store) -> dict[str, list[dict]]:
    return {e: xs.to_wire_rows(store.db, e, cls, xs.select(store.db, e, "1 = 1", []),
                               fields_of(e))
            for e, (cls, _x) in ENTITIES.items()}


def _demo_round_trip(tmp_path, cases: int, seed: int) -> None:
    path = tmp_path / "demo.db"
    build_demo(path, cases=cases, seed=seed)
    demo = open_demo(path)  # logged in as 演示主任, who may trust and export
    court = make_desk(tmp_path, "court01", "court")
    try:
        exchange.ensure_desk_keys(demo)
        for entity, rows in _all_wire(demo).items():  # every record, not only those sent
            assert len(validate_records(entity, rows)) == len(rows)
        trust_both(tmp_path, demo, court)
        out = tmp_path / "demo-to-court.mdx"
        sent = exchange.export_bundle(demo, ACTOR, "court01", out, full=True)
        assert sent.counts["cases"] > 0
        report = exchange.import_bundle(court, ACTOR, out)
        assert report.counts["new"] >= sent.counts["cases"]
    finally:
        demo.close()
        court.close()


def test_demo_data_satisfies_every_rule_and_imports(tmp_path):
    _demo_round_trip(tmp_path, cases=300, seed=3)


@pytest.mark.slow
def test_demo_3000_seed_3_satisfies_every_rule_and_imports(tmp_path):
    _demo_round_trip(tmp_path, cases=3000, seed=3)
