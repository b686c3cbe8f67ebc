"""Hostile bundles built here: each is refused with its reason code, the database unchanged."""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import zipfile

import pytest

from mediation_desk.exchange.errors import REASONS, BundleRejected
from mediation_desk.exchange.keys import DeskKeys
from mediation_desk.exchange.strictjson import canonical_bytes
from mediation_desk.services import exchange

from .helpers import (
    ACTOR,
    db_digest,
    make_desk,
    manifest_for,
    members_for,
    referral,
    seal,
    signed_zip_items,
    trust_both,
    wire_records,
    zip_members,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    court = make_desk(tmp, "court01", "court")
    center = make_desk(tmp, "center01")
    other = make_desk(tmp, "center02")
    trust_both(tmp, court, center)
    trust_both(tmp, court, other)
    case = referral(court, center)
    good = tmp / "good.mdx"
    exchange.export_bundle(court, ACTOR, "center01", good)
    yield {"tmp": tmp, "court": court, "center": center, "other": other, "case": case,
           "good": good.read_bytes(), "records": wire_records(court, case.id)}
    for s in (court, center, other):
        s.close()


def refused(world, data: bytes, code: str) -> BundleRejected:
    """Import ``data`` at the center: it must be refused with ``code``, nothing changed."""
    assert code in REASONS
    center = world["center"]
    path = world["tmp"] / "hostile.mdx"
    path.write_bytes(data)
    before = db_digest(center)
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(center, ACTOR, path)
    assert err.value.reason_code == code, err.value.message_zh
    with pytest.raises(BundleRejected):
        exchange.import_bundle(center, ACTOR, path, dry_run=True)
    assert db_digest(center) == before
    return err.value


def crafted(world, records=None, **kw) -> bytes:
    items = signed_zip_items(world["court"], world["center"],
                             world["records"] if records is None else records, **kw)
    return seal(zip_members(items), world["center"])


def _plain_zip(world) -> bytes:
    from mediation_desk.exchange import envelope
    return envelope.decrypt(world["good"], exchange.desk_keys(world["center"]))


def test_crafted_baseline_is_accepted(world, tmp_path):
    """The crafting helpers make valid bundles (so each hostile case differs in one thing)."""
    path = tmp_path / "ok.mdx"
    path.write_bytes(crafted(world))
    report = exchange.import_bundle(world["center"], ACTOR, path, dry_run=True)
    assert report.counts["new"] == 4


# -- files and encryption ---------------------------------------------------------
def test_empty_file(world):
    refused(world, b"", "empty_file")


def test_random_file(world):
    refused(world, os.urandom(5000), "not_a_bundle")


def test_file_for_another_desk(world, tmp_path):
    out = tmp_path / "for-other.mdx"
    exchange.export_bundle(world["court"], ACTOR, "center02", out)
    refused(world, out.read_bytes(), "not_for_this_desk")


@pytest.mark.parametrize("cut", [7, 120, -1, -200])
def test_truncated_ciphertext(world, cut):
    err = refused(world, world["good"][:cut], "truncated" if cut in (7, 120) else "decrypt_failed")
    assert err.message_zh


def _age_offsets(data: bytes) -> dict[str, int]:
    """Where to poke an age file: its magic, the first (the recipient's) stanza body,
    the header MAC, the payload and its last byte."""
    body = data.index(b"\n", data.index(b"-> X25519")) + 5
    mac = data.index(b"\n--- ") + 10
    return {"magic": 10, "stanza": body, "mac": mac, "payload": mac + 100, "end": -5}


@pytest.mark.parametrize(("where", "code"), [
    ("magic", "not_a_bundle"), ("stanza", "not_for_this_desk"), ("mac", "decrypt_failed"),
    ("payload", "decrypt_failed"), ("end", "decrypt_failed")])
def test_corrupted_ciphertext(world, where, code):
    data = bytearray(world["good"])
    at = _age_offsets(world["good"])[where]
    if where in ("stanza", "mac"):  # another base64 character (the header still parses)
        data[at] = ord("A") if data[at] != ord("A") else ord("B")
    else:
        data[at] ^= 0x40
    refused(world, bytes(data), code)


def test_stanza_made_not_base64(world):
    data = bytearray(world["good"])
    data[_age_offsets(world["good"])["stanza"]] = 0x18
    refused(world, bytes(data), "not_a_bundle")


def test_old_format_v1_file(world):
    err = refused(world, b"MDXE\x01\x02" + os.urandom(400), "format_too_old")
    assert err.message_zh == "这是旧版本（第1版）的交换文件，请发送方用新版本重新导出。"


def test_enrollment_file_given_to_import(world):
    from mediation_desk.exchange import envelope
    err = refused(world, envelope.encrypt_with_passphrase(_plain_zip(world), "ABCD-EFGH"),
                  "not_for_this_desk")
    assert "登记" in err.message_zh


@pytest.mark.parametrize("header", [
    b"age-encryption.org/v1\n--- " + b"A" * 43 + b"\n",  # no recipient stanza
    b"age-encryption.org/v1\nnot a stanza\n--- " + b"A" * 43 + b"\n",
    b"age-encryption.org/v1\n-> X25519  x\nAAAA\n--- " + b"A" * 43 + b"\n",  # empty argument
    b"age-encryption.org/v1\n-> X25519 \xff\nAAAA\n--- " + b"A" * 43 + b"\n",  # not ASCII
    b"age-encryption.org/v1\n" + b"-> grease\n" + b"A" * 20_000,  # header never ends
    b"-----BEGIN AGE ENCRYPTED FILE-----\n",  # armored age is not a bundle
])
def test_malformed_age_header(world, header):
    refused(world, header + os.urandom(64), "not_a_bundle")


def test_age_header_cut_short(world):
    good = world["good"]
    refused(world, good[:good.index(b"\n--- ") + 20], "truncated")
    refused(world, good[:good.index(b"\n--- ") + 49 + 20], "truncated")  # no payload tag


def test_too_many_x25519_recipients(world):
    from mediation_desk.exchange import envelope
    keys = [DeskKeys.generate().public.age_recipient for _ in range(8)]
    data = envelope.encrypt(_plain_zip(world), keys)
    stanza = data.index(b"-> X25519")
    line_end = data.index(b"\n", data.index(b"\n", stanza) + 1) + 1
    # a ninth X25519 stanza (a copy): refused before age is asked (age would refuse the MAC)
    refused(world, data[:line_end] + data[stanza:line_end] + data[line_end:], "not_a_bundle")


def test_truncated_zip(world):
    plain = _plain_zip(world)
    refused(world, seal(plain[: len(plain) // 2], world["center"]), "zip_invalid")


# -- archive structure ---------------------------------------------------------------
@pytest.mark.parametrize("name", ["../evil", "/etc/passwd", "C:/x", "C:x", "a\\b", "a\x01b",
                                  "records/CON", "aux.txt", "records/../x", "x/", "./a",
                                  "a//b", "lpt1.json", "trailing.", "名字"])
def test_bad_member_names(world, name):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    code = "zip_not_regular_file" if name.endswith("/") and name != "a//b" else "zip_bad_name"
    refused(world, seal(zip_members([*items, (name, b"x")]), world["center"]), code)


@pytest.mark.parametrize("name", ["\0\0\0\0", "\0abc"])
def test_empty_or_nul_member_name(world, name):
    # found by the fuzz run (benchmarks/fuzz_bundle.py): ZipInfo.is_dir() raised IndexError
    # on the name zipfile keeps after cutting at NUL
    items = signed_zip_items(world["court"], world["center"], world["records"])
    plain = bytearray(zip_members([*items, ("zzzz", b"x")]))
    for at in (plain.index(b"zzzz"), plain.rindex(b"zzzz")):  # local header and directory
        plain[at:at + 4] = name.encode()
    refused(world, seal(bytes(plain), world["center"]), "zip_bad_name")


def test_symlink_member(world):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    link = zipfile.ZipInfo("link")
    link.create_system = 3
    link.external_attr = (0o120777) << 16
    refused(world, seal(zip_members([*items, (link, b"/etc/passwd")]), world["center"]),
            "zip_not_regular_file")


def test_directory_member(world):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    d = zipfile.ZipInfo("records/")
    d.external_attr = 0x10
    refused(world, seal(zip_members([*items, (d, b"")]), world["center"]),
            "zip_not_regular_file")


def test_duplicate_names(world):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    refused(world, seal(zip_members([*items, items[2]]), world["center"]), "zip_duplicate_name")


def test_duplicate_names_after_case_folding(world):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    name, content = items[-1]
    refused(world, seal(zip_members([*items, (name.upper(), content)]), world["center"]),
            "zip_duplicate_name")


def _central_entries(data: bytes) -> list[int]:
    out, i = [], data.find(b"PK\x01\x02")
    while i >= 0:
        out.append(i)
        i = data.find(b"PK\x01\x02", i + 4)
    return out


def test_overlapping_entries(world):
    plain = bytearray(_plain_zip(world))
    entries = _central_entries(bytes(plain))
    first_offset = struct.unpack_from("<I", plain, entries[0] + 42)[0]
    struct.pack_into("<I", plain, entries[1] + 42, first_offset)  # second points at the first
    refused(world, seal(bytes(plain), world["center"]), "zip_overlap")


def test_too_many_members(world):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    extra = [(f"attachments/{i:064x}", b"") for i in range(20_001)]
    refused(world, seal(zip_members([*items, *extra]), world["center"]), "zip_too_many_members")


def _entry_name(data: bytes, pos: int) -> str:
    length = struct.unpack_from("<H", data, pos + 28)[0]
    return data[pos + 46:pos + 46 + length].decode()


@pytest.mark.parametrize(("records", "size"), [
    (False, 600 * 1024 * 1024),  # a member read whole: over 512 MiB
    (True, 0xE0000000),  # a streamed records member: over 3 GiB
])
def test_declared_member_too_large(world, records, size):
    plain = bytearray(_plain_zip(world))
    pos = next(p for p in _central_entries(bytes(plain))
               if _entry_name(bytes(plain), p).startswith("records/") == records)
    struct.pack_into("<I", plain, pos + 24, size)
    refused(world, seal(bytes(plain), world["center"]), "zip_member_too_large")


def test_total_too_large(world):
    plain = bytearray(_plain_zip(world))
    members = [p for p in _central_entries(bytes(plain))
               if _entry_name(bytes(plain), p).startswith("records/")][:3]
    for pos in members:  # each within its own limit, 7.5 GiB together (over 6 GiB)
        struct.pack_into("<I", plain, pos + 24, 2560 * 1024 * 1024)
    refused(world, seal(bytes(plain), world["center"]), "zip_total_too_large")


def test_zip_bomb_refused_without_inflating(world):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    bomb = b"\0" * (20 * 1024 * 1024)  # deflates ~1000:1
    refused(world, seal(zip_members([*items, ("attachments/" + "0" * 64, bomb)]),
                        world["center"]), "zip_ratio")


def test_real_size_differs_from_declared(world):
    plain = bytearray(_plain_zip(world))
    zf = zipfile.ZipFile(io.BytesIO(bytes(plain)))
    infos = zf.infolist()
    target = next(i for i, info in enumerate(infos) if info.file_size > 50)
    struct.pack_into("<I", plain, _central_entries(bytes(plain))[target] + 24,
                     infos[target].file_size - 10)
    refused(world, seal(bytes(plain), world["center"]), "zip_size_mismatch")


# -- manifest and signature ----------------------------------------------------------
def test_missing_member(world):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    refused(world, seal(zip_members(items[:-1]), world["center"]), "member_missing")


def test_extra_member(world):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    refused(world, seal(zip_members([*items, ("notes.txt", b"hi")]), world["center"]),
            "member_extra")


def test_missing_signature(world):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    refused(world, seal(zip_members([i for i in items if i[0] != "manifest.sig"]),
                        world["center"]), "manifest_missing")


def test_bad_signature(world):
    refused(world, crafted(world, signer=DeskKeys.generate()), "bad_signature")


def test_unknown_sender(world, tmp_path):
    stranger = make_desk(tmp_path, "court99", "court")
    try:
        items = signed_zip_items(stranger, world["center"], world["records"])
        refused(world, seal(zip_members(items), world["center"]), "unknown_sender")
    finally:
        stranger.close()


def test_revoked_sender(world, tmp_path):
    from .helpers import make_desk as mk
    revoked = mk(tmp_path, "court77", "court")
    try:
        card = tmp_path / "c.card"
        exchange.export_card(revoked, card)
        exchange.trust_card(world["center"], ACTOR, exchange.read_card(card))
        exchange.revoke(world["center"], ACTOR, "court77", "测试撤销")
        items = signed_zip_items(revoked, world["center"], world["records"])
        refused(world, seal(zip_members(items), world["center"]), "sender_revoked")
    finally:
        revoked.close()


def test_member_changed_after_signing(world):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    name, content = next(i for i in items if i[0] == "records/cases.jsonl")
    changed = content.replace("货款未付".encode(), "货款已付".encode())
    tampered = [(n, changed if n == name else c) for n, c in items]
    refused(world, seal(zip_members(tampered), world["center"]), "member_hash")


def test_manifest_changed_after_signing(world):
    items = signed_zip_items(world["court"], world["center"], world["records"])
    raw = dict(items)["manifest.json"]
    changed = raw.replace(b'"sequence":1', b'"sequence":2')
    tampered = [(n, changed if n == "manifest.json" else c) for n, c in items]
    refused(world, seal(zip_members(tampered), world["center"]), "bad_signature")


@pytest.mark.parametrize(("patch", "code"), [
    ({"schema_version": 99}, "schema_too_new"), ({"schema_version": 0}, "schema_too_old"),
    ({"format_version": 3}, "format_too_new"), ({"format_version": 1}, "format_too_old"),
    ({"kind": "center_to_court"}, "wrong_kind"), ({"kind": "gossip"}, "wrong_kind"),
    ({"sequence": 0}, "sequence_invalid"), ({"bundle_id": "x"}, "manifest_invalid"),
    ({"extra_field": 1}, "manifest_invalid"),
])
def test_manifest_fields(world, patch, code):
    refused(world, crafted(world, **patch), code)


_HASH = "ab" * 32


@pytest.mark.parametrize("patch", [
    {"audit_head": {"seq": 1, "hash": ""}}, {"audit_head": {"seq": -1, "hash": ""}},
    {"audit_head": {"seq": 3, "hash": _HASH.upper()}}, {"audit_head": {"seq": 3}},
    {"audit_head": {"seq": True, "hash": _HASH}}, {"audit_head": [3, _HASH]},
    {"audit_head": {"seq": 3, "hash": _HASH + "\n"}}, {"audit_head": {"seq": 2**53, "hash": _HASH}},
    {"anchors": {}}, {"anchors": [{"code": "center01", "seq": 0, "hash": _HASH}]},
    {"anchors": [{"code": "x", "seq": 1, "hash": _HASH}]},
    {"anchors": [{"code": "center01\n", "seq": 1, "hash": _HASH}]},
    {"anchors": [{"code": "center01", "seq": 1, "hash": _HASH, "note": ""}]},
    {"anchors": [{"code": "center01", "seq": 2, "hash": _HASH},
                 {"code": "center01", "seq": 1, "hash": _HASH}]},  # not sorted
    {"anchors": [{"code": "center01", "seq": 1, "hash": _HASH}] * 2},  # duplicate
    {"anchors": [{"code": "center01", "seq": n, "hash": _HASH} for n in range(1, 258)]},
])
def test_audit_anchoring_fields(world, patch):
    refused(world, crafted(world, **patch), "manifest_invalid")


def test_audit_anchoring_fields_required(world):
    for field in ("audit_head", "anchors"):
        raw = canonical_bytes({k: v for k, v in manifest_for(
            world["court"], world["center"], members_for(world["records"]),
            world["records"]).items() if k != field})
        refused(world, crafted(world, manifest_bytes=raw), "manifest_invalid")


def test_audit_anchoring_fields_accepted(world, tmp_path):
    path = tmp_path / "anchored.mdx"
    path.write_bytes(crafted(world, audit_head={"seq": 7, "hash": _HASH}, anchors=[
        {"code": "center01", "seq": 3, "hash": _HASH}, {"code": "center01", "seq": 9,
                                                        "hash": "cd" * 32}]))
    exchange.import_bundle(world["center"], ACTOR, path, dry_run=True)


def test_signature_without_context_prefix(world):
    """A signature over the bare manifest bytes (format v1's) is not a manifest signature."""
    items = signed_zip_items(world["court"], world["center"], world["records"])
    raw = dict(items)["manifest.json"]
    bare = [(n, exchange.desk_keys(world["court"]).sign(raw) if n == "manifest.sig" else c)
            for n, c in items]
    refused(world, seal(zip_members(bare), world["center"]), "bad_signature")


def test_recipient_is_another_desk_even_if_decryptable(world):
    refused(world, crafted(world, recipient={"code": "center02", "fingerprint":
                                              exchange.desk_keys(world["other"]).public.fingerprint}),
            "not_for_this_desk")


# -- strict JSON and records ------------------------------------------------------
def _with_cases_line(world, line: bytes) -> bytes:
    recs = dict(world["records"])
    items = signed_zip_items(world["court"], world["center"], recs)
    # replace records/cases.jsonl and re-sign a manifest that lists the new bytes
    members = {n: c for n, c in items if n not in ("manifest.json", "manifest.sig")}
    members["records/cases.jsonl"] = line
    from mediation_desk.exchange.strictjson import canonical_bytes

    from .helpers import keys_of, manifest_for, sign
    m = manifest_for(world["court"], world["center"], members, recs)
    raw = canonical_bytes(m)
    sig = sign(keys_of(world["court"]), raw)
    return seal(zip_members([("manifest.json", raw), ("manifest.sig", sig),
                             *sorted(members.items())]), world["center"])


def _case_line(world, **changes) -> dict:
    rec = dict(world["records"]["cases"][0])
    rec.update(changes)
    return rec


def _dump(rec) -> bytes:
    return json.dumps(rec, ensure_ascii=False).encode() + b"\n"


def test_invalid_utf8(world):
    line = _dump(_case_line(world)).replace("货款未付".encode(), b"\xff\xfe")
    refused(world, _with_cases_line(world, line), "json_invalid")


def test_duplicate_json_keys(world):
    line = _dump(_case_line(world))[:-2] + b', "facts": "again"}\n'
    refused(world, _with_cases_line(world, line), "json_invalid")


@pytest.mark.parametrize("bad", [b"NaN", b"Infinity", b"-Infinity", b"1e999",
                                 b"123456789012345678901234567890"])
def test_non_finite_and_huge_numbers(world, bad):
    line = _dump(_case_line(world)).replace(b'"amount_fen": 123450', b'"amount_fen": ' + bad)
    refused(world, _with_cases_line(world, line), "json_invalid")


def test_deep_nesting(world):
    line = _dump(_case_line(world))[:-2] + b', "x": ' + b"[" * 5000 + b"]" * 5000 + b"}\n"
    refused(world, _with_cases_line(world, line), "json_invalid")


def test_lone_surrogate(world):
    line = _dump(_case_line(world)).replace("货款未付".encode(), b"\\ud800")
    refused(world, _with_cases_line(world, line), "json_invalid")


def test_unknown_field(world):
    refused(world, _with_cases_line(world, _dump(_case_line(world, secret="x"))),
            "record_unknown_field")


@pytest.mark.parametrize("changes", [{"status": "bogus"}, {"version": "2"}, {"amount_fen": 1.5},
                                     {"received_on": "2026-13-01"}, {"deleted": 0},
                                     {"id": "not-a-uuid"}, {"flags": "risk"}])
def test_record_types(world, changes):
    refused(world, _with_cases_line(world, _dump(_case_line(world, **changes))),
            "record_invalid")


def test_bad_id_number(world):
    recs = {k: [dict(r) for r in v] for k, v in world["records"].items()}
    recs["parties"][0]["id_number"] = "370303198001011235"
    refused(world, crafted(world, recs), "record_invalid")


def test_dangling_reference(world):
    recs = {k: [dict(r) for r in v] for k, v in world["records"].items()}
    recs["parties"][0]["case_id"] = "00000000-0000-4000-8000-000000000000"
    refused(world, crafted(world, recs), "record_dangling")


def test_dangling_attachment_content(world):
    recs = {k: [dict(r) for r in v] for k, v in world["records"].items()}
    recs["attachments"] = [{
        "id": "11111111-1111-4111-8111-111111111111", "origin": "court01", "version": 1,
        "updated_at": "2026-03-02T01:00:00.000+00:00", "deleted": False,
        "case_id": world["case"].id, "name": "scan.pdf", "media_type": "application/pdf",
        "sha256": hashlib.sha256(b"missing").hexdigest(), "size": 7, "added_at": ""}]
    refused(world, crafted(world, recs), "record_dangling")


def test_central_directory_claims_newer_zip_version(world):
    # found by the fuzz run: zipfile raised NotImplementedError("zip file version 8.4")
    plain = bytearray(_plain_zip(world))
    at = plain.index(b"PK\x01\x02")
    plain[at + 6:at + 8] = struct.pack("<H", 84)
    refused(world, seal(bytes(plain), world["center"]), "zip_unsupported")
