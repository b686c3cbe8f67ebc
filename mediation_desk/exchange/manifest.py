"""A bundle's manifest: its fields and the checks of its shape (docs/exchange-format.md).

Only what the manifest itself says is checked here; :mod:`.bundle` checks it against the
signature, the members and the desk reading it.
"""

from __future__ import annotations

import re
from typing import Any

from .cards import CODE_RE, UUID_RE
from .errors import BundleRejected
from .records import ENTITIES

BUNDLE_FORMAT = "mediation-desk-bundle"
MAX_ANCHORS = 256
SCHEMA_ENTITIES: dict[int, tuple[str, ...]] = {
    1: tuple(e for e in ENTITIES if e != "documents"), 2: tuple(ENTITIES)}
"""The entities a bundle of each record schema version carries (all of them always present)."""
KINDS = ("center_to_court", "court_to_center", "enrollment", "center_to_field",
         "field_to_center")
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
_FIELDS = {"format", "format_version", "schema_version", "bundle_id", "kind", "sender",
           "recipient", "sequence", "acknowledged", "full", "created_at", "counts",
           "statistics", "members", "audit_head", "anchors"}
HEX64 = re.compile(r"[0-9a-f]{64}")  # always used with fullmatch
_FPR = re.compile(r"([0-9A-F]{4} ){9}[0-9A-F]{4}")
_MAX_SEQ = 2**53


def _bad_manifest(why: str) -> BundleRejected:
    return BundleRejected("manifest_invalid", why)


def check_manifest_shape(m: Any) -> None:
    if not isinstance(m, dict):
        raise _bad_manifest("不是对象")
    if set(m) != _FIELDS:
        extra = sorted(set(m) - _FIELDS)
        raise _bad_manifest(f"未知字段 {extra[0][:40]}" if extra else "缺少字段")
    if m["format"] != BUNDLE_FORMAT:
        raise _bad_manifest("format")
    for key in ("format_version", "schema_version", "sequence", "acknowledged"):
        if type(m[key]) is not int or m[key] < 0:
            raise _bad_manifest(key)
    for key in ("sender", "recipient"):
        party = m[key]
        if (not isinstance(party, dict) or set(party) != {"code", "fingerprint"}
                or not isinstance(party["code"], str) or not CODE_RE.match(party["code"])
                or not isinstance(party["fingerprint"], str)
                or not _FPR.fullmatch(party["fingerprint"])):
            raise _bad_manifest(key)


def check_manifest_rest(m: dict[str, Any]) -> None:
    if not isinstance(m["bundle_id"], str) or not UUID_RE.match(m["bundle_id"]):
        raise _bad_manifest("bundle_id")
    if m["kind"] not in KINDS:
        raise BundleRejected("wrong_kind", str(m["kind"])[:40])
    if m["sequence"] < 1 or m["acknowledged"] >= 2**53 or m["sequence"] >= 2**53:
        raise BundleRejected("sequence_invalid")
    if type(m["full"]) is not bool or not isinstance(m["created_at"], str):
        raise _bad_manifest("full/created_at")
    counts = m["counts"]
    entities = SCHEMA_ENTITIES[m["schema_version"]]
    if not isinstance(counts, dict) or set(counts) != set(entities) or not all(
            type(v) is int and v >= 0 for v in counts.values()):
        raise _bad_manifest("counts")
    stats = m["statistics"]
    if not isinstance(stats, dict) or len(stats) > 200 or not all(
            isinstance(k, str) and len(k) <= 64 and type(v) is int and v >= 0
            for k, v in stats.items()):
        raise _bad_manifest("statistics")
    members = m["members"]
    if not isinstance(members, list):
        raise _bad_manifest("members")
    names = []
    for item in members:
        if (not isinstance(item, dict) or set(item) != {"name", "sha256", "size"}
                or not isinstance(item["name"], str) or not isinstance(item["sha256"], str)
                or not HEX64.fullmatch(item["sha256"]) or type(item["size"]) is not int
                or item["size"] < 0):
            raise _bad_manifest("members")
        names.append(item["name"])
    if len(set(names)) != len(names) or {MANIFEST, SIGNATURE} & set(names):
        raise _bad_manifest("members 重复")
    check_anchoring(m)


def _is_seq(value: Any, least: int) -> bool:
    return type(value) is int and least <= value < _MAX_SEQ


def _is_hash(value: Any) -> bool:
    return isinstance(value, str) and HEX64.fullmatch(value) is not None


def check_anchoring(m: dict[str, Any]) -> None:
    """``audit_head`` and ``anchors`` (docs/exchange-format.md section 4)."""
    head = m["audit_head"]
    if (not isinstance(head, dict) or set(head) != {"seq", "hash"}
            or not _is_seq(head["seq"], 0)
            or not (_is_hash(head["hash"]) or (head["hash"] == "" and head["seq"] == 0))):
        raise _bad_manifest("audit_head")
    anchors = m["anchors"]
    if not isinstance(anchors, list) or len(anchors) > MAX_ANCHORS:
        raise _bad_manifest("anchors")
    order: list[tuple[str, int]] = []
    for a in anchors:
        if (not isinstance(a, dict) or set(a) != {"code", "seq", "hash"}
                or not isinstance(a["code"], str) or not CODE_RE.match(a["code"])
                or not _is_seq(a["seq"], 1) or not _is_hash(a["hash"])):
            raise _bad_manifest("anchors")
        order.append((a["code"], a["seq"]))
    if any(x >= y for x, y in zip(order, order[1:], strict=False)):
        raise _bad_manifest("anchors 未按 (code, seq) 排序或重复")
