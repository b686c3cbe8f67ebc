"""The ZIP inside a bundle: written deterministically, read defensively.

Reading never touches the disk and never trusts the archive: names, types,
counts, sizes and compression ratios are checked from the central directory
before anything is inflated, entries may not overlap, and each member is
inflated with a bounded read that stops one byte past its declared size.
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from .errors import BundleRejected


@dataclass(frozen=True)
class Limits:
    """What an archive may hold."""

    max_members: int = 20_000
    max_member_size: int = 512 * 1024 * 1024
    max_total_size: int = 1024 * 1024 * 1024
    max_ratio: int = 200  # uncompressed / compressed, for members over ratio_floor bytes
    ratio_floor: int = 64 * 1024


DEFAULT_LIMITS = Limits()
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_NAME_RE = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*\Z")
_RESERVED = {"con", "prn", "aux", "nul", "clock$", "conin$", "conout$",
             *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_S_IFMT, _S_IFREG, _S_IFLNK, _S_IFDIR = 0o170000, 0o100000, 0o120000, 0o040000


def write_zip(members: dict[str, bytes]) -> bytes:
    """A deterministic ZIP (sorted names, fixed times, deflate) of ``members``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(members):
            check_name(name)
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (_S_IFREG | 0o644) << 16
            info.create_system = 3
            zf.writestr(info, members[name], compresslevel=6)
    return buf.getvalue()


def check_name(name: str) -> None:
    """Refuse a member name that is not a plain relative path of safe parts."""
    bad = BundleRejected("zip_bad_name", repr(name)[:80])
    if not name or len(name) > 200 or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise bad
    if "\\" in name or name.startswith("/") or ":" in name or name != name.strip():
        raise bad
    if unicodedata.normalize("NFC", name) != name or not _NAME_RE.match(name):
        raise bad
    for part in name.split("/"):
        if part in ("", ".", "..") or part.endswith((".", " ")):
            raise bad
        if part.split(".")[0].lower() in _RESERVED:
            raise bad


def _local_header_end(data: bytes, offset: int) -> int:
    if offset < 0 or offset + 30 > len(data):
        raise BundleRejected("zip_invalid", "条目位置越界")
    sig, *_rest = struct.unpack_from("<IHHHHHIIIHH", data, offset)
    if sig != 0x04034B50:
        raise BundleRejected("zip_invalid", "条目头无效")
    name_len: int
    extra_len: int
    name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
    return offset + 30 + name_len + extra_len


def _central_directory_start(data: bytes) -> int:
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if end < 0 or end + 22 > len(data):
        raise BundleRejected("zip_invalid", "找不到目录")
    start: int
    _size, start = struct.unpack_from("<II", data, end + 12)
    return start


def _check_entries(data: bytes, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_members:
        raise BundleRejected("zip_too_many_members", str(len(infos)))
    seen: set[str] = set()
    folded: set[str] = set()
    total = 0
    for info in infos:
        name = info.orig_filename
        # not info.is_dir(): it indexes info.filename, empty for a name "" or "\0..." (fuzz)
        if name.endswith("/"):
            raise BundleRejected("zip_not_regular_file", name[:80])
        check_name(name)
        if name in seen:
            raise BundleRejected("zip_duplicate_name", name)
        key = name.casefold()
        if key in folded:
            raise BundleRejected("zip_duplicate_name", f"{name}（忽略大小写后重名）")
        seen.add(name)
        folded.add(key)
        mode = (info.external_attr >> 16) & _S_IFMT
        if info.create_system == 3 and mode not in (0, _S_IFREG):
            raise BundleRejected("zip_not_regular_file", name)
        if info.external_attr & 0x10:  # MS-DOS directory bit
            raise BundleRejected("zip_not_regular_file", name)
        if info.flag_bits & 0x1:
            raise BundleRejected("zip_unsupported", f"{name} 已加密")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleRejected("zip_unsupported", name)
        if info.file_size > limits.max_member_size:
            raise BundleRejected("zip_member_too_large", name)
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise BundleRejected("zip_size_mismatch", name)
        total += info.file_size
        if total > limits.max_total_size:
            raise BundleRejected("zip_total_too_large")
    for info in infos:
        if (info.file_size > limits.ratio_floor
                and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
            raise BundleRejected("zip_ratio", info.orig_filename)
    # Entries must lie one after another, each before the central directory.
    cd_start = _central_directory_start(data)
    spans = sorted(((i.header_offset, i) for i in infos), key=lambda s: s[0])
    for n, (offset, info) in enumerate(spans):
        end = _local_header_end(data, offset) + info.compress_size
        if info.flag_bits & 0x8:
            end += 12  # data descriptor (at least)
        limit = spans[n + 1][0] if n + 1 < len(spans) else cd_start
        if end > limit or end > len(data):
            raise BundleRejected("zip_overlap", info.orig_filename)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Inflate one member, never more than its declared size plus one byte."""
    with zf.open(info) as fh:
        chunks = []
        remaining = info.file_size + 1
        while remaining > 0:
            chunk = fh.read(min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    content = b"".join(chunks)
    if len(content) != info.file_size:
        raise BundleRejected("zip_size_mismatch", info.orig_filename)
    return content


def read_zip(data: bytes, limits: Limits = DEFAULT_LIMITS,
             raw: dict[str, tuple[int, bytes]] | None = None) -> dict[str, bytes]:
    """All members of a ZIP held in memory, after every structural check.

    When ``raw`` is given, it receives for every member its compression method
    and its bytes exactly as stored (their inflation is the member just read and
    size- and CRC-checked), so a caller can keep them without compressing again.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except NotImplementedError as exc:  # e.g. "zip file version 8.4" in the directory
        raise BundleRejected("zip_unsupported", str(exc)[:100]) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError,
            struct.error, IndexError) as exc:
        raise BundleRejected("zip_invalid", str(exc)[:100]) from exc
    with zf:
        infos = zf.infolist()
        _check_entries(data, infos, limits)
        out: dict[str, bytes] = {}
        for info in infos:
            try:
                out[info.orig_filename] = _read_member(zf, info)
            except BundleRejected:
                raise
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                    NotImplementedError, struct.error, IndexError) as exc:
                text = str(exc)
                code = "zip_size_mismatch" if "CRC" in text or "size" in text else "zip_invalid"
                raise BundleRejected(code, f"{info.orig_filename}: {text}"[:120]) from exc
            if raw is not None:
                start = _local_header_end(data, info.header_offset)
                raw[info.orig_filename] = (info.compress_type,
                                           data[start:start + info.compress_size])
    return out
