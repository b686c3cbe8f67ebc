"""Which files a case may hold as attachments (附件), decided by their content alone.

A case file needs scans and photos: PDF, JPEG, PNG and TIFF. The type is read from the
bytes (:func:`sniff`), never from the name or from what a sender declares, and the stored
``media_type`` is the sniffed one. Everything else is refused with a Chinese sentence that
says what the content actually is (an ``.exe`` renamed ``身份证.jpg`` is "a Windows
program"). OFD is recognised only to say "convert it to PDF": the desk cannot render it.

Names are reduced to a plain base name (:func:`safe_name`): no folder part, no control,
bidi or zero-width characters, no Windows reserved names, no trailing dots or spaces, a
bounded length, and an extension that agrees with the content. The rules are documented
in ``docs/attachments.md``; an imported attachment record must already carry the name
these rules produce.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from dataclasses import dataclass

from .errors import DomainError
from .models import MAX_ATTACHMENT_BYTES

__all__ = ["ACCEPTED", "JPEG", "MAX_ATTACHMENT_BYTES", "MAX_NAME_BYTES", "MAX_NAME_CHARS",
           "PDF", "PNG", "TIFF", "AttachmentRefused", "AttachmentType", "accept", "describe",
           "safe_name", "sniff", "type_of_media"]

MAX_NAME_CHARS = 120  # characters of the whole name, extension included
MAX_NAME_BYTES = 240  # UTF-8 bytes: Linux file systems allow 255, leave room for " (2)"
PDF_HEADER_WINDOW = 1024
PDF_EOF_WINDOW = 1024
ONLY = "附件只接受 PDF、JPEG、PNG、TIFF 文件"


@dataclass(frozen=True)
class AttachmentType:
    """One accepted kind of content: its media type, its usual extension and the others."""

    media_type: str
    extension: str
    label: str
    extensions: tuple[str, ...]


PDF = AttachmentType("application/pdf", ".pdf", "PDF", (".pdf",))
JPEG = AttachmentType("image/jpeg", ".jpg", "JPEG", (".jpg", ".jpeg", ".jpe", ".jfif"))
PNG = AttachmentType("image/png", ".png", "PNG", (".png",))
TIFF = AttachmentType("image/tiff", ".tif", "TIFF", (".tif", ".tiff"))
ACCEPTED: dict[str, AttachmentType] = {t.media_type: t for t in (PDF, JPEG, PNG, TIFF)}


class AttachmentRefused(DomainError):
    """Content or size a case may not hold; ``message`` says why, in Chinese."""

    def __init__(self, message: str, code: str = "attachment_refused") -> None:
        super().__init__(message, code=code)


def type_of_media(media_type: str) -> AttachmentType | None:
    """The accepted type with this media type, or None."""
    return ACCEPTED.get(media_type)


# ---------------------------------------------------------------------------------------
# Content


def sniff(content: bytes) -> AttachmentType:
    """The type of ``content``; raise :class:`AttachmentRefused` for anything not accepted.

    PDF: ``%PDF-`` at the start (only whitespace before it, at most 1024 bytes), and the
    last ``%%EOF`` within the final 1024 bytes with nothing but whitespace after it.
    JPEG: ``FF D8 FF``, segments that walk to ``FF D9`` at the very end. PNG: the signature,
    ``IHDR`` first and chunks that walk to ``IEND`` at the very end. TIFF: ``II*\\0`` or
    ``MM\\0*`` with a first directory inside the file. Data appended after the end of an
    image or PDF (a hidden archive, a program) refuses the file.
    """
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise AttachmentRefused(
            f"附件过大（{_megabytes(len(content))}），单个附件不能超过 "
            f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB。请降低扫描分辨率或分成几份。",
            code="attachment_too_large")
    if content.startswith(b"\xff\xd8\xff"):
        _check_jpeg(content)
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_png(content)
        return PNG
    if content[:4] in (b"II*\x00", b"MM\x00*"):
        _check_tiff(content)
        return TIFF
    head = content[:PDF_HEADER_WINDOW]
    at = head.find(b"%PDF-")
    if at >= 0 and not head[:at].lstrip(b"\xef\xbb\xbf").strip(b" \t\r\n\f\x00"):
        _check_pdf(content, at)
        return PDF
    what = describe(content)
    if what.startswith("OFD"):
        raise AttachmentRefused(f"{ONLY}；该文件是 OFD 版式文档，本程序无法显示。"
                                "请用 OFD 阅读器把它另存（打印）为 PDF 后再添加。")
    if at >= 0 and what in (_UNKNOWN, _TEXT):
        what = "在 PDF 标记之前夹有其他数据的文件（可能是伪装成 PDF 的其他文件）"
    raise AttachmentRefused(f"{ONLY}；该文件的内容是{what}，不能作为附件。")


def _broken(kind: AttachmentType, problem: str, advice: str = "") -> AttachmentRefused:
    advice = advice or "请重新扫描或用看图、PDF 软件另存后再添加。"
    return AttachmentRefused(f"该文件看起来是 {kind.label} 文件，但{problem}，不能作为附件。"
                             f"{advice}")


_TRAILER = "末尾附带了其他数据（例如手机“动态照片”、隐藏的压缩包或程序）"


def _check_pdf(content: bytes, at: int) -> None:
    if not re.match(rb"%PDF-[12]\.\d", content[at:at + 8]):
        raise _broken(PDF, "版本标记不正确")
    tail = content[-PDF_EOF_WINDOW:]
    end = tail.rfind(b"%%EOF")
    if end < 0:
        raise _broken(PDF, "不完整（缺少文件结尾标记，可能在传输中被截断）")
    if tail[end + 5:].strip(b" \t\r\n\f\x00"):
        raise _broken(PDF, _TRAILER, "请用 PDF 软件另存一份后再添加。")


_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM, RST0-7: no length field


def _check_jpeg(content: bytes) -> None:
    """Walk the marker segments; entropy-coded data ends at the next real marker."""
    end = len(content.rstrip(b"\x00"))  # some cameras pad with zeros after EOI
    pos = 2
    scanning = False
    while True:
        if scanning:  # inside entropy-coded data: FF 00 is a stuffed byte, FF D0-D7 restarts
            pos = content.find(b"\xff", pos, end)
            if pos < 0:
                raise _broken(JPEG, "不完整（缺少图像结尾标记，可能在传输中被截断）")
            nxt = content[pos + 1] if pos + 1 < end else -1
            if nxt == 0x00 or 0xD0 <= nxt <= 0xD7 or nxt == 0xFF:
                pos += 1 if nxt == 0xFF else 2
                continue
            scanning = False
        if pos + 2 > end or content[pos] != 0xFF:
            raise _broken(JPEG, "内部结构已损坏或不完整")
        marker = content[pos + 1]
        if marker == 0xFF:  # fill bytes before a marker
            pos += 1
            continue
        if marker == 0xD9:  # EOI
            if pos + 2 != end:
                raise _broken(JPEG, _TRAILER, "请用看图软件另存为普通 JPEG 照片后再添加。")
            return
        if marker in _JPEG_STANDALONE:
            pos += 2
            continue
        if pos + 4 > end:
            raise _broken(JPEG, "不完整（可能在传输中被截断）")
        length = struct.unpack_from(">H", content, pos + 2)[0]
        if length < 2 or pos + 2 + length > end:
            raise _broken(JPEG, "内部结构已损坏或不完整")
        pos += 2 + length
        scanning = marker == 0xDA  # SOS: entropy-coded data follows the header


def _check_png(content: bytes) -> None:
    pos = 8
    first = True
    while True:
        if pos + 12 > len(content):
            raise _broken(PNG, "不完整（缺少图像结尾，可能在传输中被截断）")
        length, kind = struct.unpack_from(">I4s", content, pos)
        if first and (kind != b"IHDR" or length != 13):
            raise _broken(PNG, "缺少图像头（IHDR）")
        if not kind.isalpha() or pos + 12 + length > len(content):
            raise _broken(PNG, "内部结构已损坏或不完整")
        pos += 12 + length
        first = False
        if kind == b"IEND":
            if pos != len(content):
                raise _broken(PNG, _TRAILER, "请用看图软件另存为普通 PNG 图片后再添加。")
            return


def _check_tiff(content: bytes) -> None:
    order = "<" if content[:2] == b"II" else ">"
    if len(content) < 16:
        raise _broken(TIFF, "不完整")
    ifd = struct.unpack_from(order + "I", content, 4)[0]
    if ifd < 8 or ifd + 2 > len(content):
        raise _broken(TIFF, "内部结构已损坏（图像目录不在文件内）")
    count = struct.unpack_from(order + "H", content, ifd)[0]
    if count == 0 or ifd + 2 + 12 * count + 4 > len(content):
        raise _broken(TIFF, "内部结构已损坏或不完整")


_UNKNOWN = "无法识别的数据"
_TEXT = "文本文件（可能是批处理、脚本或其他程序文本）"

# (signature at offset 0, what it is): checked in order by describe()
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "Windows 程序（.exe、.dll、.scr 等可执行文件）"),
    (b"\x7fELF", "Linux 程序（可执行文件）"),
    (b"\xfe\xed\xfa\xce", "macOS 程序（可执行文件）"),
    (b"\xfe\xed\xfa\xcf", "macOS 程序（可执行文件）"),
    (b"\xce\xfa\xed\xfe", "macOS 程序（可执行文件）"),
    (b"\xcf\xfa\xed\xfe", "macOS 程序（可执行文件）"),
    (b"\xca\xfe\xba\xbe", "程序（macOS 或 Java 可执行文件）"),
    (b"#!", "脚本（可以运行的程序文本）"),
    (b"L\x00\x00\x00\x01\x14\x02\x00", "Windows 快捷方式（.lnk）"),
    (b"MSCF", "Windows 安装包（.cab）"),
    (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"BZh", "bzip2 压缩包"),
    (b"\xfd7zXZ\x00", "xz 压缩包"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文档（.doc、.xls、.ppt）或安装包（.msi）"),
    (b"{\\rtf", "RTF 文档"),
    (b"GIF87a", "GIF 图片（请另存为 PNG 或 JPEG）"),
    (b"GIF89a", "GIF 图片（请另存为 PNG 或 JPEG）"),
    (b"BM", "BMP 图片（请另存为 PNG 或 JPEG）"),
    (b"II+\x00", "BigTIFF 图片（请另存为普通 TIFF、PNG 或 PDF）"),
    (b"MM\x00+", "BigTIFF 图片（请另存为普通 TIFF、PNG 或 PDF）"),
    (b"SQLite format 3\x00", "数据库文件"),
    (b"ID3", "MP3 音频"),
    (b"OggS", "音频或视频（Ogg）"),
    (b"\x1aE\xdf\xa3", "视频（MKV/WebM）"),
)


def describe(content: bytes) -> str:
    """What ``content`` is, in Chinese, for a refusal ("Windows 程序（…）", "ZIP 压缩包")."""
    if not content:
        return "空文件（0 字节）"
    if content.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_kind(content)
    if content[4:8] == b"ftyp":
        brand = content[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"avif"):
            return ("HEIC/AVIF 照片（苹果手机等的默认格式，请在手机设置中改为“兼容性最佳”"
                    "或另存为 JPEG）")
        return "视频或其他媒体文件（MP4、MOV 等）"
    if content[:4] == b"RIFF":
        if content[8:12] == b"WEBP":
            return "WebP 图片（请另存为 PNG 或 JPEG）"
        return "音频或视频（WAV、AVI 等）"
    for signature, what in _SIGNATURES:
        if content.startswith(signature):
            return what
    text = content[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    lower = text[:1024].lower()
    if lower.startswith(b"<svg") or (lower.startswith(b"<?xml") and b"<svg" in lower):
        return "SVG 矢量图（可以包含脚本）"
    if lower.startswith((b"<!doctype html", b"<html", b"<script", b"<head", b"<body")) \
            or b"<script" in lower or b"<html" in lower:
        return "网页（HTML，可以包含脚本）"
    if lower.startswith(b"<?xml") or lower.startswith(b"<"):
        return "XML 或网页文本"
    if _looks_like_text(content[:4096]):
        return _TEXT
    return _UNKNOWN


def _zip_kind(content: bytes) -> str:
    window = content[:1 << 16]
    if b"OFD.xml" in window:
        return "OFD 版式文档"
    if b"word/" in window:
        return "Word 文档（.docx，请另存为 PDF）"
    if b"xl/" in window:
        return "Excel 表格（.xlsx，请另存为 PDF）"
    if b"ppt/" in window:
        return "PowerPoint 演示文稿（.pptx，请另存为 PDF）"
    if b"AndroidManifest.xml" in window:
        return "安卓安装包（.apk）"
    return "ZIP 压缩包"


def _looks_like_text(sample: bytes) -> bool:
    for encoding in ("utf-8", "gb18030"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            # a multi-byte character cut at the end of the sample is still text
            try:
                text = sample[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        return all(ch.isprintable() or ch in "\t\r\n\f" for ch in text)
    return False


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


# ---------------------------------------------------------------------------------------
# Names

# Windows refuses these as a file's name before its first dot, in any case (also COM¹…)
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                       *(f"{p}{d}" for p in ("COM", "LPT") for d in "0123456789¹²³")})
# control, format (bidi, zero-width), surrogate, private use, unassigned, line/paragraph
# separators; "unassigned" depends on the Unicode version of the Python the desk ships with
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_WINDOWS_FORBIDDEN = str.maketrans({ch: "_" for ch in '<>:"|?*'})
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
DEFAULT_STEM = "附件"


def safe_name(name: str, kind: AttachmentType) -> str:
    """A plain base name for content of ``kind``; the same name again when already safe.

    Keeps the part after the last ``/`` or ``\\``; NFC; tabs and other spaces become one
    space; control, format (bidi, zero-width), surrogate, private-use, unassigned and
    line/paragraph separator characters are dropped; ``<>:"|?*`` become ``_``; leading
    and trailing dots and spaces go; a Windows reserved name gets a leading ``_``; at most
    :data:`MAX_NAME_CHARS` characters and :data:`MAX_NAME_BYTES` UTF-8 bytes. An extension
    that names another type is replaced (``照片.jpg`` holding a PNG becomes ``照片.png``,
    ``evil.bat`` holding a PDF becomes ``evil.pdf``); a name without one gets ``kind``'s.
    """
    result = _safe_name_once(name, kind)
    for _ in range(3):  # dropping a character can leave a sequence NFC composes: settle
        again = _safe_name_once(result, kind)
        if again == result:
            break
        result = again
    return result


def _safe_name_once(name: str, kind: AttachmentType) -> str:
    text = unicodedata.normalize("NFC", name)
    text = re.split(r"[/\\]", text)[-1]
    text = "".join(" " if ch.isspace() else ch for ch in text  # tabs, 全角空格: one space
                   if ch.isspace() or unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r" {2,}", " ", text.translate(_WINDOWS_FORBIDDEN))
    text = text.lstrip(". ").rstrip(". ")
    stem, extension = text, ""
    found = _EXTENSION.search(text)
    if found:
        stem, extension = text[:found.start()], found.group()
    if extension.lower() not in kind.extensions:
        for alias in kind.extensions:  # 协议.pdf.exe holding a PDF: 协议.pdf, not 协议.pdf.pdf
            if stem.lower().endswith(alias):
                stem = stem[:-len(alias)]
                break
        extension = kind.extension
    stem = _fit(stem, extension) or DEFAULT_STEM
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem = _fit("_" + stem, extension)
    return stem + extension


def _fit(stem: str, extension: str) -> str:
    room = MAX_NAME_CHARS - len(extension)
    stem = stem[:room]
    while len((stem + extension).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem.rstrip(". ")


def accept(name: str, content: bytes) -> tuple[str, AttachmentType]:
    """(safe name, type) of a file to attach, or raise :class:`AttachmentRefused`.

    The refusal names the file as the user gave it (its last path part, printable).
    """
    try:
        kind = sniff(content)
    except AttachmentRefused as exc:
        shown = "".join(ch for ch in re.split(r"[/\\]", name)[-1]
                        if unicodedata.category(ch) not in _DROPPED_CATEGORIES)[:80]
        raise AttachmentRefused(f"“{shown}”：{exc.message}", code=exc.code) from None
    return safe_name(name, kind), kind
