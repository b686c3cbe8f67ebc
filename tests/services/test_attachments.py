"""Attachments through the services and through imports: content decides, names are plain.

The hostile bundles are built with the project's own code, as a trusted but malicious desk
would: signed by a trusted court, refused whole (``attachment_invalid``), nothing written.
"""

from __future__ import annotations

import hashlib

import pytest

from mediation_desk.domain.attachment_types import AttachmentRefused
from mediation_desk.exchange.attachment_check import check_bundle_attachments
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.services import exchange
from mediation_desk.services.cases import CaseService
from tests.attachment_samples import EXE, HTML, jpeg_bytes, pdf_bytes, png_bytes
from tests.conftest import case_input
from tests.exchange.helpers import (
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

# --- the case page's path (CaseService.add_attachment -> Work.add_attachment)


def test_an_exe_named_like_an_id_card_is_refused_and_nothing_written(store):
    svc = CaseService(store)
    case = svc.register(ACTOR, case_input())
    before = db_digest(store)
    with pytest.raises(AttachmentRefused) as err:
        svc.add_attachment(ACTOR, case.id, "身份证.jpg", EXE, "image/jpeg")
    assert "Windows 程序" in err.value.message and "身份证.jpg" in err.value.message
    assert db_digest(store) == before
    assert svc.attachments(case.id) == []


@pytest.mark.parametrize(("name", "content", "declared", "stored"), [
    ("..\\..\\Windows\\evil.bat", pdf_bytes(), "application/x-msdownload", "evil.pdf"),
    ("photo.jpg", png_bytes(), "image/jpeg", "photo.png"),
    ("收条\u202egpj.exe", jpeg_bytes(), "application/octet-stream", "收条gpj.jpg"),
])
def test_the_stored_name_and_type_come_from_the_content(store, name, content, declared, stored):
    svc = CaseService(store)
    case = svc.register(ACTOR, case_input())
    att = svc.add_attachment(ACTOR, case.id, name, content, declared)
    [kept] = svc.attachments(case.id)
    assert kept.name == att.name == stored
    assert kept.media_type != declared and kept.media_type.startswith(("image/", "application/pdf"))


def test_html_is_refused(store):
    svc = CaseService(store)
    case = svc.register(ACTOR, case_input())
    with pytest.raises(AttachmentRefused, match="网页"):
        svc.add_attachment(ACTOR, case.id, "证据.pdf", HTML)


# --- imports


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("attachments")
    court = make_desk(tmp, "court01", "court")
    center = make_desk(tmp, "center01")
    trust_both(tmp, court, center)
    case = referral(court, center)
    yield {"tmp": tmp, "court": court, "center": center, "case": case,
           "records": wire_records(court, case.id)}
    for s in (court, center):
        s.close()


def attachment_record(world, content: bytes, *, name: str, media_type: str,
                      n: int = 1) -> dict:
    return {"id": f"11111111-1111-4111-8111-{n:012d}", "origin": "court01", "version": 1,
            "updated_at": "2026-03-02T01:00:00.000+00:00", "deleted": False,
            "case_id": world["case"].id, "name": name, "media_type": media_type,
            "sha256": hashlib.sha256(content).hexdigest(), "size": len(content),
            "added_at": "2026-03-02T01:00:00+00:00"}


def bundle_with(world, rows: list[dict], blobs: dict[bytes, bytes] | None = None) -> bytes:
    recs = {k: [dict(r) for r in v] for k, v in world["records"].items()}
    recs["attachments"] = rows
    items = signed_zip_items(world["court"], world["center"], recs,
                             attachments={hashlib.sha256(c).hexdigest(): c
                                          for c in (blobs or {}).values()})
    return seal(zip_members(items), world["center"])


def import_refused(world, data: bytes, codes=("attachment_invalid",)) -> BundleRejected:
    center = world["center"]
    path = world["tmp"] / "hostile.mdx"
    path.write_bytes(data)
    before = db_digest(center)
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(center, ACTOR, path)
    assert err.value.reason_code in codes, err.value.message_zh
    assert db_digest(center) == before
    return err.value


NAME_CODES = ("attachment_invalid", "record_invalid")


def test_an_exe_labelled_as_a_jpeg_is_refused(world):
    row = attachment_record(world, EXE, name="身份证.jpg", media_type="image/jpeg")
    err = import_refused(world, bundle_with(world, [row], {b"exe": EXE}))
    assert row["id"] in err.detail and "Windows 程序" in err.detail


def test_a_traversing_name_is_refused(world):
    pdf = pdf_bytes()
    row = attachment_record(world, pdf, name="..\\..\\Windows\\evil.bat",
                            media_type="application/pdf")
    # the general text rules (record_invalid) may see the path first; either way refused
    err = import_refused(world, bundle_with(world, [row], {b"pdf": pdf}), NAME_CODES)
    assert row["id"] in err.detail


@pytest.mark.parametrize("name", ["a\u202egnp.exe.png", "CON.png", "x\x00.png", "a.png."])
def test_names_not_in_safe_form_are_refused(world, name):
    png = png_bytes()
    row = attachment_record(world, png, name=name, media_type="image/png")
    import_refused(world, bundle_with(world, [row], {b"png": png}), NAME_CODES)


def test_a_declared_type_other_than_the_content_is_refused(world):
    png = png_bytes()
    row = attachment_record(world, png, name="照片.jpg", media_type="image/jpeg")
    err = import_refused(world, bundle_with(world, [row], {b"png": png}))
    assert "image/png" in err.detail


def test_content_no_record_references_is_refused(world):
    pdf = pdf_bytes()
    row = attachment_record(world, pdf, name="申请书.pdf", media_type="application/pdf")
    err = import_refused(world, bundle_with(world, [row], {b"pdf": pdf, b"extra": png_bytes()}))
    assert "没有附件记录引用" in err.detail


def test_a_polyglot_jpeg_with_an_archive_behind_it_is_refused(world):
    sneaky = jpeg_bytes() + b"PK\x03\x04" + EXE
    row = attachment_record(world, sneaky, name="照片.jpg", media_type="image/jpeg")
    import_refused(world, bundle_with(world, [row], {b"x": sneaky}))


def test_a_real_attachment_travels_with_its_case(world, tmp_path):
    court, center, case = world["court"], world["center"], world["case"]
    scan = pdf_bytes(pages=2)
    CaseService(court).add_attachment(ACTOR, case.id, "C:\\扫描\\委派函.pdf", scan)
    out = tmp_path / "to-center.mdx"
    exchange.export_bundle(court, ACTOR, "center01", out)
    exchange.import_bundle(center, ACTOR, out)
    [att] = center.items.attachments_of(case.id)
    assert (att.name, att.media_type) == ("委派函.pdf", "application/pdf")
    assert center.items.blob(att.sha256) == scan


def test_stored_content_is_checked_when_the_bundle_leaves_it_out():
    png = png_bytes()
    digest = hashlib.sha256(png).hexdigest()
    row = {"id": "r1", "name": "a.png", "media_type": "image/png", "sha256": digest}
    check_bundle_attachments({"attachments": [row]}, {}, {digest: png}.get)
    with pytest.raises(BundleRejected, match="附件内容缺失"):
        check_bundle_attachments({"attachments": [row]}, {}, lambda _h: None)
    bad = dict(row, media_type="application/pdf", name="a.pdf")
    with pytest.raises(BundleRejected) as err:
        check_bundle_attachments({"attachments": [bad]}, {}, {digest: png}.get)
    assert err.value.reason_code == "attachment_invalid" and err.value.detail.startswith("r1: ")
