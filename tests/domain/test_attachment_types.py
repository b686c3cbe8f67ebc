"""Attachment types by content, and safe names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desk.domain.attachment_types import (
    JPEG,
    MAX_ATTACHMENT_BYTES,
    MAX_NAME_BYTES,
    MAX_NAME_CHARS,
    PDF,
    PNG,
    TIFF,
    AttachmentRefused,
    accept,
    safe_name,
    sniff,
)
from tests.attachment_samples import (
    BAT,
    EXE,
    HTML,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
    tiff_bytes,
    zip_bytes,
)


@pytest.mark.parametrize(("content", "kind"), [
    (pdf_bytes(), PDF), (jpeg_bytes(), JPEG), (png_bytes(), PNG), (tiff_bytes(), TIFF),
    (tiff_bytes(frames=3), TIFF), (b"\r\n" + pdf_bytes(), PDF), (jpeg_bytes() + b"\0\0", JPEG),
], ids=["pdf", "jpeg", "png", "tiff", "tiff3", "pdf-ws", "jpeg-pad"])
def test_accepted_types_by_content(content, kind):
    assert sniff(content) == kind


def refusal(content: bytes) -> str:
    with pytest.raises(AttachmentRefused) as err:
        sniff(content)
    return err.value.message


@pytest.mark.parametrize(("content", "said"), [
    (EXE, "Windows 程序"),
    (EXE + pdf_bytes(), "Windows 程序"),  # a polyglot that starts with MZ
    (b"\x7fELF\x02\x01\x01" + b"\0" * 60, "Linux 程序"),
    (HTML, "网页"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>", "SVG"),
    (b"#!/bin/sh\nrm -rf ~\n", "脚本"),
    (BAT, "文本文件"),
    (zip_bytes({"a.txt": b"x"}), "ZIP 压缩包"),
    (zip_bytes({"word/document.xml": b"x"}), "Word 文档"),
    (b"GIF89a\x01\x00\x01\x00", "GIF 图片"),
    (b"", "空文件"),
    (bytes(range(256)) * 4, "无法识别"),
    (b"\x00\x00\x00\x18ftypheic" + b"\0" * 40, "HEIC"),
])
def test_everything_else_is_refused_saying_what_it_is(content, said):
    message = refusal(content)
    assert message.startswith("附件只接受 PDF、JPEG、PNG、TIFF 文件；该文件的内容是")
    assert said in message


def test_ofd_is_refused_with_the_way_out():
    message = refusal(zip_bytes({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"x"}))
    assert "OFD" in message and "PDF" in message and "转换" in message or "另存" in message


@pytest.mark.parametrize(("content", "said"), [
    (pdf_bytes()[:-200], "不完整"),                       # truncated: no %%EOF
    (pdf_bytes() + zip_bytes({"x.exe": EXE}), "末尾附带了其他数据"),
    (b"%PDF-x.y\n%%EOF", "版本"),
    (jpeg_bytes() + zip_bytes({"x.exe": EXE}), "末尾附带了其他数据"),  # JPEG+ZIP polyglot
    (jpeg_bytes()[:-100], "JPEG"),
    (png_bytes() + EXE, "末尾附带了其他数据"),
    (png_bytes()[:-20], "不完整"),
    (b"\x89PNG\r\n\x1a\n" + b"\0\0\0\x0dIHDX" + b"\0" * 30, "IHDR"),
    (b"II*\x00\xff\xff\xff\x7f" + b"\0" * 20, "TIFF"),
    (b"junk" + pdf_bytes(), "PDF 标记之前"),
])
def test_broken_or_padded_files_of_accepted_types_are_refused(content, said):
    assert said in refusal(content)


def test_an_appended_trailer_forging_the_end_marker_is_still_refused():
    # a ZIP comment can end in FF D9: the segment walk finds the real end of the image
    fake_end = zip_bytes({"x.exe": EXE}) + b"\xff\xd9"
    assert "末尾附带了其他数据" in refusal(jpeg_bytes() + fake_end)


def test_size_limit():
    big = b"%PDF-1.7\n" + b" " * MAX_ATTACHMENT_BYTES + b"%%EOF"
    with pytest.raises(AttachmentRefused) as err:
        sniff(big)
    assert err.value.code == "attachment_too_large" and "20 MB" in err.value.message


@pytest.mark.parametrize(("name", "kind", "safe"), [
    ("..\\..\\Windows\\evil.bat", PDF, "evil.pdf"),
    ("../../etc/passwd", PNG, "passwd.png"),
    ("C:\\Users\\x\\身份证.jpg", JPEG, "身份证.jpg"),
    ("photo.jpg", PNG, "photo.png"),
    ("扫描件.JPEG", JPEG, "扫描件.JPEG"),
    ("协议.pdf.exe", PDF, "协议.pdf"),
    ("申请书", PDF, "申请书.pdf"),
    ("2024.03.05 调解申请书", PDF, "2024.03.05 调解申请书.pdf"),
    ("CON", PDF, "_CON.pdf"),
    ("nul.pdf", PDF, "_nul.pdf"),
    ("COM1.tar.gz", TIFF, "_COM1.tar.tif"),
    ("lpt9 .png", PNG, "_lpt9.png"),
    ("收条. . .", JPEG, "收条.jpg"),
    ("  .hidden", PNG, "hidden.png"),
    ("invoice\u202efdp.exe", PDF, "invoicefdp.pdf"),   # RLO: shown as invoiceexe.pdf
    ("身份\u200b证\ufeff.png", PNG, "身份证.png"),
    ("a\x00b\x1b[31mc.pdf", PDF, "ab[31mc.pdf"),
    ("tab\there.pdf", PDF, "tab here.pdf"),
    ("what?<>|:*\".pdf", PDF, "what_______.pdf"),
    ("", PDF, "附件.pdf"),
    ("\\", PNG, "附件.png"),
])
def test_safe_names(name, kind, safe):
    assert safe_name(name, kind) == safe
    assert safe_name(safe, kind) == safe


def test_long_names_are_capped_in_characters_and_bytes():
    name = safe_name("调" * 500 + ".pdf", PDF)
    assert name.endswith(".pdf") and len(name.encode()) <= MAX_NAME_BYTES
    latin = safe_name("x" * 500 + ".pdf", PDF)
    assert len(latin) == MAX_NAME_CHARS


@given(st.text(max_size=300), st.sampled_from([PDF, JPEG, PNG, TIFF]))
def test_safe_name_is_idempotent_and_plain(name, kind):
    safe = safe_name(name, kind)
    assert safe_name(safe, kind) == safe
    assert "/" not in safe and "\\" not in safe and safe.strip(". ") == safe[:len(safe)]
    assert safe.lower().endswith(kind.extensions)
    assert len(safe) <= MAX_NAME_CHARS and len(safe.encode()) <= MAX_NAME_BYTES
    assert all(ch.isprintable() for ch in safe)


def test_accept_names_the_file_in_a_refusal():
    with pytest.raises(AttachmentRefused) as err:
        accept("C:\\temp\\身份证.jpg", EXE)
    assert err.value.message.startswith("“身份证.jpg”：附件只接受")
    assert "Windows 程序" in err.value.message
    assert accept("x/photo.jpg", png_bytes()) == ("photo.png", PNG)
