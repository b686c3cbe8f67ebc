"""Field type checks of the record validator, field by field (the grouped fast checks)."""

from __future__ import annotations

import uuid

import pytest

from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.exchange.records import validate_records

NOW = "2026-03-02T01:00:00.000+00:00"


def _event(**change) -> dict:
    rec = {"id": str(uuid.uuid4()), "origin": "court01", "version": 1, "updated_at": NOW,
           "deleted": False, "case_id": str(uuid.uuid4()), "kind": "note",
           "occurred_at": "2026-03-01T09:00:00", "actor": "立案庭", "place": "",
           "participants": "", "notes": "记录", "data": {}}
    rec.update(change)
    return rec


def test_valid_event_passes():
    assert len(validate_records("events", [_event()])) == 1


@pytest.mark.parametrize(("field", "value"), [
    ("version", True), ("version", 1.0), ("version", "1"), ("version", None),
    ("deleted", 0), ("deleted", None), ("notes", 1), ("notes", None), ("actor", "x" * 100_001),
    ("kind", "nope"), ("occurred_at", "yesterday"), ("data", []),
])
def test_wrong_type_is_refused_naming_the_field(field, value):
    with pytest.raises(BundleRejected) as info:
        validate_records("events", [_event(), _event(**{field: value})])
    assert info.value.reason_code == "record_invalid"
    assert "第2条" in str(info.value) and field in str(info.value)


@pytest.mark.parametrize("change", [
    {"version": 0}, {"version": -3}, {"origin": "不是代码"}, {"origin": ""},
])
def test_bad_version_or_origin_is_refused_after_good_records(change):
    # the origin of earlier records was already matched; later ones are still checked
    with pytest.raises(BundleRejected) as info:
        validate_records("events", [_event(), _event(), _event(**change)])
    assert info.value.reason_code == "record_invalid"
    assert "第3条" in str(info.value) and "版本号或来源单位代码无效" in str(info.value)
