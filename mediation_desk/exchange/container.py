"""The ZIP inside a bundle: written deterministically, read defensively.

Reading never touches the disk and never trusts the archive: names, types,
counts, sizes and compression ratios are checked from the central directory
before anything is inflated, entries may not overlap, and each member is
inflated with a bounded read that stops one byte past its declared size.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import BundleRejected

_GIB = 1024 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What an archive may hold.

    A records member (``records/*.jsonl``) is streamed, never held inflated, so it may be
    larger than the members read whole (manifest, attachments): a 1,000,000-case center's
    full export to its court holds about 1 GiB of event lines and 1.7 GiB in all (about
    6.5 KiB of JSON lines per court-related case: 172 MiB for the 100k demo's 27,000).
    """

    max_members: int = 20_000
    max_member_size: int = 512 * 1024 * 1024  # a member read whole
    max_records_member_size: int = 3 * _GIB  # a records member, streamed
    max_total_size: int = 6 * _GIB
    max_ratio: int = 200  # uncompressed / compressed, for members over ratio_floor bytes
    ratio_floor: int = 64 * 1024

    def member_limit(self, name: str) -> int:
        """The largest inflated size member ``name`` may have."""
        return self.max_records_member_size if name.startswith("records/") \
            else self.max_member_size

    def refusal(self, sizes: dict[str, int]) -> tuple[str, str] | None:
        """(reason code, member) of the first limit that members of these inflated
        ``sizes`` break, else None: what a reader checks first, for a writer to check too."""
        if len(sizes) > self.max_members:
            return "zip_too_many_members", str(len(sizes))
        total = 0
        for name, size in sizes.items():
            if size > self.member_limit(name):
                return "zip_member_too_large", name
            total += size
            if total > self.max_total_size:
                return "zip_total_too_large", ""
        return None


DEFAULT_LIMITS = Limits()
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_NAME_RE = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*\Z")
_RESERVED = {"con", "prn", "aux", "nul", "clock$", "conin$", "conout$",
             *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_S_IFMT, _S_IFREG, _S_IFLNK, _S_IFDIR = 0o170000, 0o100000, 0o120000, 0o040000
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01 (_FIXED_TIME); the DOS time is 00:00:00
_REGULAR_ATTR = (_S_IFREG | 0o644) << 16


class MemberWriter:
    """One member being written: deflated as it is fed, with its CRC, sizes and SHA-256."""

    def __init__(self, name: str) -> None:
        check_name(name)
        self.name = name
        self._deflate = zlib.compressobj(6, zlib.DEFLATED, -15)  # what zipfile uses, level 6
        self.parts: list[bytes] = []  # the deflated bytes, as stored in the ZIP
        self.crc = 0
        self.size = 0
        self.compressed_size = 0
        self._sha = hashlib.sha256()
        self.sha256 = ""
        self.closed = False

    def write(self, data: bytes) -> None:
        """Add ``data`` to the member."""
        if self.closed:
            raise ValueError(f"member {self.name} is closed")
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self._sha.update(data)
        out = self._deflate.compress(data)
        if out:
            self.parts.append(out)
            self.compressed_size += len(out)

    def close(self) -> None:
        """Finish the member (flush the deflate stream); further writes are refused."""
        if not self.closed:
            out = self._deflate.flush()
            self.parts.append(out)
            self.compressed_size += len(out)
            self.sha256 = self._sha.hexdigest()
            self.closed = True

    def stored(self) -> bytes:
        """The member's bytes as stored in the ZIP (raw deflate)."""
        return b"".join(self.parts)


class ZipWriter:
    """A deterministic ZIP (sorted names, fixed times, deflate level 6), members streamed in.

    Members are fed in any order, each deflated as it is written and kept only compressed;
    :meth:`chunks` then lays the archive out in sorted name order without copying it whole:
    the same bytes ``zipfile`` writes for the same members (no ZIP64, no data descriptors).
    The largest member is bounded by :data:`Limits.max_member_size` long before 4 GiB.
    """

    def __init__(self) -> None:
        self.members: dict[str, MemberWriter] = {}

    def member(self, name: str) -> MemberWriter:
        """A new member named ``name`` to write into."""
        if name in self.members:
            raise ValueError(f"duplicate member {name}")
        self.members[name] = writer = MemberWriter(name)
        return writer

    def add(self, name: str, content: bytes) -> MemberWriter:
        """A whole member at once."""
        writer = self.member(name)
        writer.write(content)
        writer.close()
        return writer

    def chunks(self) -> Iterator[bytes]:
        """The archive's bytes, piece by piece (every member must be closed)."""
        offset = 0
        central: list[bytes] = []
        for name in sorted(self.members):
            m = self.members[name]
            if not m.closed:
                raise ValueError(f"member {name} not closed")
            raw = name.encode("ascii")
            if max(m.size, m.compressed_size, offset) >= 0xFFFFFFFF:
                raise ValueError("member too large for a plain ZIP")
            fields = (m.crc, m.compressed_size, m.size, len(raw))
            header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, _DOS_DATE,
                                 *fields, 0)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, 0,
                                       8, 0, _DOS_DATE, *fields, 0, 0, 0, 0,
                                       _REGULAR_ATTR, offset) + raw)
            yield header + raw
            yield from m.parts
            offset += len(header) + len(raw) + m.compressed_size
        directory = b"".join(central)
        yield directory
        yield struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                          len(directory), offset, 0)


def write_zip(members: dict[str, bytes]) -> bytes:
    """A deterministic ZIP (sorted names, fixed times, deflate) of ``members``."""
    writer = ZipWriter()
    for name, content in members.items():
        writer.add(name, content)
    return b"".join(writer.chunks())


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
        if info.file_size > limits.member_limit(name):
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


INFLATE_CHUNK = 1 << 18  # bytes inflated at a time (read when used)


def _member_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Inflate one member piece by piece, never more than its declared size plus one byte;
    zipfile checks the local header and, at the end, the CRC."""
    try:
        with zf.open(info) as fh:
            remaining = info.file_size + 1
            got = 0
            while remaining > 0:
                chunk = fh.read(min(remaining, INFLATE_CHUNK))
                if not chunk:
                    break
                got += len(chunk)
                remaining -= len(chunk)
                if got > info.file_size:
                    break
                yield chunk
    except BundleRejected:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError, struct.error, IndexError) as exc:
        text = str(exc)
        code = "zip_size_mismatch" if "CRC" in text or "size" in text else "zip_invalid"
        raise BundleRejected(code, f"{info.orig_filename}: {text}"[:120]) from exc
    if got != info.file_size:
        raise BundleRejected("zip_size_mismatch", info.orig_filename)


class ZipReader:
    """A ZIP held in memory, opened after every structural check of its central directory.

    Members are read whole (:meth:`read`) or streamed (:meth:`chunks`: inflated a piece at
    a time, so a large records member is never held inflated), each read bounded by its
    declared size and CRC-checked; :meth:`stored` gives a member's bytes as stored (a
    view into the archive, no copy).
    """

    def __init__(self, data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
        try:
            self._zf = zipfile.ZipFile(io.BytesIO(data))
        except NotImplementedError as exc:  # e.g. "zip file version 8.4" in the directory
            raise BundleRejected("zip_unsupported", str(exc)[:100]) from exc
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError,
                struct.error, IndexError) as exc:
            raise BundleRejected("zip_invalid", str(exc)[:100]) from exc
        self.infos = self._zf.infolist()
        _check_entries(data, self.infos, limits)
        self._raw = data
        self._data = memoryview(data)
        self.info = {i.orig_filename: i for i in self.infos}

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member's content, inflated piece by piece (the last piece ends the checks)."""
        return _member_chunks(self._zf, self.info[name])

    def read(self, name: str) -> bytes:
        """The member's whole content."""
        return b"".join(self.chunks(name))

    def stored(self, name: str) -> tuple[int, memoryview]:
        """The member's compression method and its bytes exactly as stored."""
        info = self.info[name]
        start = _local_header_end(self._raw, info.header_offset)
        return info.compress_type, self._data[start:start + info.compress_size]

    def close(self) -> None:
        """Release the archive."""
        self._zf.close()


def read_zip(data: bytes, limits: Limits = DEFAULT_LIMITS,
             raw: dict[str, tuple[int, bytes]] | None = None) -> dict[str, bytes]:
    """All members of a ZIP held in memory, after every structural check.

    When ``raw`` is given, it receives for every member its compression method
    and its bytes exactly as stored (their inflation is the member just read and
    size- and CRC-checked), so a caller can keep them without compressing again.
    """
    reader = ZipReader(data, limits)
    try:
        out: dict[str, bytes] = {}
        for info in reader.infos:
            out[info.orig_filename] = reader.read(info.orig_filename)
            if raw is not None:
                method, stored = reader.stored(info.orig_filename)
                raw[info.orig_filename] = (method, bytes(stored))
        return out
    finally:
        reader.close()


@dataclass(frozen=True)
class _Size:
    file_size: int


class MemberDict:
    """Members already in memory (name -> content), read through :class:`ZipReader`'s methods
    (the fuzzer's entry point verifies member sets without a ZIP)."""

    def __init__(self, members: dict[str, bytes]) -> None:
        self._members = members
        self.info = {name: _Size(len(content)) for name, content in members.items()}

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member's content (one piece)."""
        return iter([self._members[name]])

    def read(self, name: str) -> bytes:
        """The member's content."""
        return self._members[name]

    def stored(self, name: str) -> tuple[int, memoryview]:
        """The member's content, as if stored uncompressed."""
        return zipfile.ZIP_STORED, memoryview(self._members[name])
