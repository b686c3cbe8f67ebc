"""Bundles (.mdx): build one, and open one with every check in the documented order.

A bundle is ``envelope.encrypt(zip)`` (an age file); the ZIP holds ``manifest.json``
(canonical JSON), ``manifest.sig`` (64-byte Ed25519 signature of
:data:`SIGNATURE_CONTEXT` followed by the manifest bytes), ``records/<entity>.jsonl``
for every entity and ``attachments/<sha256>``.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..domain.ids import CANONICAL_UUID
from . import container, envelope
from .errors import BundleRejected
from .idset import IdSet
from .keys import DeskKeys, PublicKeys
from .manifest import (
    BUNDLE_FORMAT,
    MANIFEST,
    SCHEMA_ENTITIES,
    SIGNATURE,
    check_anchoring,
    check_manifest_rest,
    check_manifest_shape,
)
from .manifest import HEX64 as _HEX64
from .records import ENTITIES, validate_records
from .strictjson import canonical_bytes, iter_lines, loads, plain_lines

FORMAT_VERSION = 2
# What is signed: this prefix, then the exact manifest bytes (a signature over a manifest can
# never be taken for a signature over anything else a desk key signs).
SIGNATURE_CONTEXT = b"mediation-desk/bundle-manifest/v2\x00"
SCHEMA_VERSION = 2  # 2: the document register travels (records/documents.jsonl)
MIN_SCHEMA_VERSION = 1
MAX_FILE_BYTES = 768 * 1024 * 1024
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
ENROLLMENT = "enrollment.json"  # only in bundles of kind "enrollment"
NO_FINGERPRINT = " ".join(["0000"] * 10)  # recipient of an enrollment: it has no keys yet
BATCH = 2000  # records parsed, validated and handed on at a time (read when used)


@dataclass(frozen=True)
class Trusted:
    """What the verifier needs to know about a trusted desk."""

    code: str
    public: PublicKeys
    revoked: bool = False


Visit = Callable[[dict[str, Any], str, list[dict[str, Any]]], None]
"""Called as ``visit(manifest, entity, records)`` with each batch of validated records."""


class RecordSource:
    """The records members of a verified bundle, read again on demand (never held parsed).

    :meth:`chunks` inflates a member piece by piece and parses its lines in batches; the
    member was verified (hash, strict JSON, record rules, count) before this exists, so
    these reads parse with the plain decoder.
    """

    def __init__(self, reader: container.ZipReader | container.MemberDict,
                 entities: tuple[str, ...]) -> None:
        self._reader = reader
        self.entities = entities

    def chunks(self, entity: str, batch: int | None = None) -> Iterator[list[dict[str, Any]]]:
        """The records of ``entity`` in line order, ``batch`` (:data:`BATCH`) at a time."""
        if entity not in self.entities:
            return iter(())
        return plain_lines(self._reader.chunks(record_member(entity)), batch or BATCH)

    def stored(self, entity: str) -> tuple[int, memoryview]:
        """The member of ``entity`` as its ZIP stores it (method, bytes)."""
        return self._reader.stored(record_member(entity))


class LazyRecords(Mapping[str, list[dict[str, Any]]]):
    """entity -> its records, parsed when first asked for (small bundles, tests)."""

    def __init__(self, source: RecordSource | None,
                 given: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self._source = source
        self._cache: dict[str, list[dict[str, Any]]] = dict(given or {})

    def __getitem__(self, entity: str) -> list[dict[str, Any]]:
        if entity not in ENTITIES:
            raise KeyError(entity)
        if entity not in self._cache:
            self._cache[entity] = [] if self._source is None else [
                r for chunk in self._source.chunks(entity) for r in chunk]
        return self._cache[entity]

    def __iter__(self) -> Iterator[str]:
        return iter(ENTITIES)

    def __len__(self) -> int:
        return len(ENTITIES)


@dataclass
class Opened:
    """A verified bundle: its manifest, its records (read on demand) and attachment contents."""

    manifest: dict[str, Any]
    records: Mapping[str, list[dict[str, Any]]]
    attachments: dict[str, bytes] = field(default_factory=dict)
    size: int = 0
    sha256: str = ""
    extra: dict[str, bytes] = field(default_factory=dict)  # enrollment.json
    # entity -> (ZIP method, bytes as stored) of its JSON Lines member: line n is record n
    packed: dict[str, tuple[int, bytes | memoryview]] = field(default_factory=dict)
    source: RecordSource | None = None

    def release(self) -> None:
        """Let go of the plaintext ZIP (records, members as stored, attachment contents): an
        import calls this once its records are written, before its audit row is made."""
        self.source = None
        self.records = LazyRecords(None)
        self.packed = {}
        self.attachments = {}

    def chunks(self, entity: str, batch: int | None = None) -> Iterator[list[dict[str, Any]]]:
        """The records of ``entity``, ``batch`` (:data:`BATCH`) at a time, parsed again."""
        if self.source is None:
            rows, size = self.records.get(entity, []), batch or BATCH
            return (rows[i:i + size] for i in range(0, len(rows), size))
        return self.source.chunks(entity, batch)


def record_member(entity: str) -> str:
    """Member name of an entity's JSON Lines."""
    return f"records/{entity}.jsonl"


def sign_manifest(keys: DeskKeys, manifest_bytes: bytes) -> bytes:
    """The ``manifest.sig`` of a manifest: Ed25519 over the context prefix and its bytes."""
    return keys.sign(SIGNATURE_CONTEXT + manifest_bytes)




class RecordIndex:
    """What a written records member holds, compactly: each record's id and version, in
    line order (an export keeps this, not the records, for its ledger and merge bases).

    A canonical UUID id (every record a reader accepts) is kept as its 16 bytes, a version
    as 8: 24 bytes a record; any other id (a test's crafted bundle) by its line.
    """

    def __init__(self) -> None:
        self._ids = bytearray()
        self._versions = array("q")
        self._other: dict[int, str] = {}

    def add(self, rid: str, version: int) -> None:
        """Record that the next line is record ``rid`` at ``version``."""
        if CANONICAL_UUID.fullmatch(rid) is not None:
            self._ids += bytes.fromhex(rid.replace("-", ""))
        else:
            self._other[len(self._versions)] = rid
            self._ids += bytes(16)
        self._versions.append(version)

    def __len__(self) -> int:
        return len(self._versions)

    def __iter__(self) -> Iterator[tuple[str, int, int]]:
        """(record id, version, line number), in line order."""
        ids, other = self._ids, self._other
        for n, version in enumerate(self._versions):
            rid = other.get(n)
            if rid is None:
                h = ids[16 * n:16 * n + 16].hex()
                rid = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
            yield rid, version, n


@dataclass
class Written:
    """A bundle as written: its manifest, what each records member holds, and digests."""

    manifest: dict[str, Any]
    index: dict[str, RecordIndex]
    # entity -> (ZIP method, the member's bytes as stored, in pieces: never joined whole)
    packed: dict[str, tuple[int, list[bytes]]]
    zip_sha256: str = ""  # of the plaintext ZIP
    zip_size: int = 0
    sha256: str = ""  # of the encrypted file
    size: int = 0


_BATCH_LINES, _BATCH_BYTES = 256, 128 * 1024  # lines deflated (and validated) at a time


def write_bundle(out: BinaryIO, *, keys: DeskKeys, sender: str, recipient: str,
                 recipient_public: PublicKeys | None, kind: str, sequence: int,
                 acknowledged: int, created_at: str,
                 records: Mapping[str, Iterable[dict[str, Any]]],
                 attachments: Iterable[tuple[str, bytes]] | Mapping[str, bytes],
                 statistics: dict[str, int] | None = None, full: bool = False,
                 bundle_id: str | None = None, enrollment: bytes | None = None,
                 passphrase: str | None = None, audit_head: tuple[int, str] = (0, ""),
                 anchors: list[dict[str, Any]] | None = None,
                 validate: bool = False) -> Written:
    """Write an encrypted bundle to ``out``, streaming; return what was written.

    ``records`` maps each entity to an iterable of wire records consumed once (a
    generator reading the database chunk by chunk): each record is encoded to its
    line and deflated into its ZIP member as it comes, so only the compressed
    members (about the size of the file) and a compact index of (id, version) are
    held. The member digests and counts of the manifest are computed on the way.
    With ``validate`` every record is checked by the reader's record rules
    (:func:`records.validate_records`) before it is written, so a desk never sends a
    record its peer would refuse; a bundle whose members or file a reader's limits refuse
    raises :class:`BundleRejected` with the reader's reason. The rest is as :func:`build`.
    """
    zw = container.ZipWriter()
    index: dict[str, RecordIndex] = {}
    # in the order ``records`` gives (a generator may depend on one consumed before it)
    for entity in [*(e for e in records if e in ENTITIES), *(e for e in ENTITIES
                                                              if e not in records)]:
        member = zw.member(record_member(entity))
        index[entity] = idx = RecordIndex()
        batch: list[dict[str, Any]] = []
        lines: list[bytes] = []
        size = 0
        for rec in records.get(entity, ()):
            batch.append(rec)
            lines.append(line := canonical_bytes(rec) + b"\n")
            size += len(line)
            if len(batch) >= _BATCH_LINES or size >= _BATCH_BYTES:
                _write_lines(member, idx, entity, batch, lines, validate)
                batch, lines, size = [], [], 0
        _write_lines(member, idx, entity, batch, lines, validate)
        member.close()
    if enrollment is not None:
        zw.add(ENROLLMENT, enrollment)
    items = attachments.items() if isinstance(attachments, Mapping) else attachments
    for digest, content in items:
        zw.add(f"attachments/{digest}", content)
    # never a file its reader refuses: the reader's limits on the members, checked here
    refusal = container.DEFAULT_LIMITS.refusal({n: m.size for n, m in zw.members.items()})
    if refusal is not None:
        raise BundleRejected(*refusal)
    manifest = {
        "format": BUNDLE_FORMAT, "format_version": FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION, "bundle_id": bundle_id or str(uuid.uuid4()),
        "kind": kind,
        "sender": {"code": sender, "fingerprint": keys.public.fingerprint},
        "recipient": {"code": recipient, "fingerprint": recipient_public.fingerprint
                      if recipient_public else NO_FINGERPRINT},
        "sequence": sequence, "acknowledged": acknowledged, "full": full,
        "created_at": created_at,
        "counts": {e: len(index[e]) for e in ENTITIES},
        "statistics": dict(statistics or {}),
        "audit_head": {"seq": audit_head[0], "hash": audit_head[1]},
        "anchors": sorted(({"code": a["code"], "seq": a["seq"], "hash": a["hash"]}
                           for a in anchors or []), key=lambda a: (a["code"], a["seq"])),
        "members": [{"name": n, "sha256": m.sha256, "size": m.size}
                    for n, m in sorted(zw.members.items())],
    }
    try:
        check_anchoring(manifest)
    except BundleRejected as exc:
        raise ValueError(exc.message_zh) from exc
    raw = canonical_bytes(manifest)
    zw.add(MANIFEST, raw)
    zw.add(SIGNATURE, sign_manifest(keys, raw))
    plain = envelope.HashingWriter()
    file = envelope.HashingWriter(out)

    def chunks() -> Iterator[bytes]:
        for chunk in zw.chunks():
            plain.write(chunk)
            yield chunk

    if recipient_public is None and passphrase is not None:
        # age's passphrase API takes bytes only: an enrollment (one laptop's cases) is
        # encrypted whole
        file.write(envelope.encrypt_with_passphrase(b"".join(chunks()), passphrase))
    else:
        targets = [recipient_public.age_recipient] if recipient_public else []
        envelope.encrypt_stream(chunks(), file, [*targets, keys.public.age_recipient])
    if file.size > MAX_FILE_BYTES:
        raise BundleRejected("file_too_large")
    packed = {e: (zipfile.ZIP_DEFLATED, zw.members[record_member(e)].parts)
              for e in ENTITIES if len(index[e])}
    return Written(manifest, index, packed, plain.hexdigest(), plain.size, file.hexdigest(),
                   file.size)


def _write_lines(member: container.MemberWriter, idx: RecordIndex, entity: str,
                 batch: list[dict[str, Any]], lines: list[bytes], validate: bool) -> None:
    if not batch:
        return
    if validate:
        validate_records(entity, batch)
    member.write(b"".join(lines))
    for r in batch:
        idx.add(r["id"], r["version"])


def check_written(path: str | Path, keys: DeskKeys, written: Written) -> None:
    """Read a just-written bundle file back, cheaply; raise :class:`BundleRejected`.

    Two proofs without decoding a record: the file's SHA-256 and size equal what the
    encryptor produced (the bytes on disk are the bytes written: nothing cut, lost or
    changed on the way to the disk), and the file decrypts with this desk's own key, every
    64 KiB chunk's tag and the header MAC checked, to a plaintext whose SHA-256 and size are
    those of the ZIP that was laid out (whose members' digests the signed manifest lists).
    The records were validated as they were written (``write_bundle(validate=True)``).
    """
    sha = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 16):
            sha.update(block)
            size += len(block)
        if (sha.hexdigest(), size) != (written.sha256, written.size):
            raise BundleRejected("export_verify_failed",
                                 message="导出文件校验失败：磁盘上的文件与写入的内容不一致。")
        fh.seek(0)
        if envelope.plaintext_digest(fh, keys) != (written.zip_sha256, written.zip_size):
            raise BundleRejected("export_verify_failed",
                                 message="导出文件校验失败：文件解密后的内容与写入的不一致。")


def build(*, keys: DeskKeys, sender: str, recipient: str, recipient_public: PublicKeys | None,
          kind: str, sequence: int, acknowledged: int, created_at: str,
          records: dict[str, list[dict[str, Any]]], attachments: dict[str, bytes],
          statistics: dict[str, int] | None = None, full: bool = False,
          bundle_id: str | None = None, enrollment: bytes | None = None,
          passphrase: str | None = None, audit_head: tuple[int, str] = (0, ""),
          anchors: list[dict[str, Any]] | None = None) -> tuple[bytes, dict[str, Any]]:
    """The encrypted bundle file and its manifest.

    ``audit_head`` is the sender's audit-chain head ``(seq, hash)``; ``anchors``
    the audit heads (``{"code", "seq", "hash"}``) the sender received from the
    recipient and confirms, written sorted by (code, seq). A value that a
    reader would refuse raises ``ValueError``.

    An enrollment (``recipient_public`` None) carries ``enrollment`` as the
    member ``enrollment.json`` and is encrypted to ``passphrase`` only (age
    allows a passphrase recipient only alone); otherwise the file is encrypted
    to the recipient and to the sender, who can so re-read its own export.
    The bytes are :func:`write_bundle`'s, in memory.
    """
    buf = io.BytesIO()
    written = write_bundle(
        buf, keys=keys, sender=sender, recipient=recipient, recipient_public=recipient_public,
        kind=kind, sequence=sequence, acknowledged=acknowledged, created_at=created_at,
        records=records, attachments=attachments, statistics=statistics, full=full,
        bundle_id=bundle_id, enrollment=enrollment, passphrase=passphrase,
        audit_head=audit_head, anchors=anchors)
    return buf.getvalue(), written.manifest


def open_bundle(data: bytes | Callable[[], bytes], *, keys: DeskKeys, my_code: str,
                trusted: Callable[[str], Trusted | None], allow_own: bool = False,
                limits: container.Limits = container.DEFAULT_LIMITS,
                visit: Visit | None = None) -> Opened:
    """Decrypt and verify a bundle file; raise :class:`BundleRejected` on any problem.

    ``allow_own`` lets a desk re-read a bundle it sent (its own export check).
    Reference checks against the database are the caller's (see
    :func:`records.check_references`). Records members are streamed: inflated and
    hashed, then parsed and validated in batches (``visit`` sees each batch), never
    held whole; the returned :class:`Opened` reads them again on demand. ``data`` may be a
    function reading the file: then the file's bytes are let go once decrypted (only the
    plaintext is held while the records are checked).
    """
    raw = data() if callable(data) else data
    del data
    _check_size(raw)
    plain = envelope.decrypt(raw, keys)
    digest = (len(raw), hashlib.sha256(raw).hexdigest())
    del raw
    reader = container.ZipReader(plain, limits)
    del plain
    return _verify(reader, b"", my_code=my_code, my_fingerprint=keys.public.fingerprint,
                   own_public=keys.public if allow_own else None, trusted=trusted,
                   visit=visit, file_digest=digest)


def _check_size(data: bytes) -> None:
    if not data:
        raise BundleRejected("empty_file")
    if len(data) > MAX_FILE_BYTES:
        raise BundleRejected("file_too_large")


def open_enrollment(data: bytes, passphrase: str,
                    trusted: Callable[[dict[str, bytes]], Trusted],
                    limits: container.Limits = container.DEFAULT_LIMITS) -> Opened:
    """Decrypt an enrollment with its passphrase and verify it like any bundle.

    ``trusted`` gets the members and returns the sender's identity read from
    ``enrollment.json`` (the card the field desk is about to trust); the
    signature, member hashes and records are then checked in the usual order.
    """
    _check_size(data)
    plain = envelope.decrypt_with_passphrase(data, passphrase)
    reader = container.ZipReader(plain, limits)
    sender = trusted({name: reader.read(name) for name in reader.info
                      if not name.startswith("records/")})
    opened = _verify(reader, data, my_code=None, my_fingerprint=NO_FINGERPRINT,
                     own_public=None, trusted=lambda c: sender if c == sender.code else None)
    if opened.manifest["kind"] != "enrollment":
        raise BundleRejected("wrong_kind", opened.manifest["kind"])
    return opened


def _verify(source: container.ZipReader | dict[str, bytes], data: bytes, *,
            my_code: str | None, my_fingerprint: str, own_public: PublicKeys | None,
            trusted: Callable[[str], Trusted | None], visit: Visit | None = None,
            file_digest: tuple[int, str] | None = None) -> Opened:
    """The checks after decryption; ``file_digest`` is the file's (size, SHA-256) when
    ``data`` is no longer held."""
    reader = container.MemberDict(source) if isinstance(source, dict) else source
    # Every member but the records is small enough to read whole (attachments are bounded
    # by the limits and kept anyway); records members are streamed (docs §6 order kept:
    # all members hashed before any line is parsed).
    names = list(reader.info)
    if MANIFEST not in reader.info or SIGNATURE not in reader.info:
        raise BundleRejected("manifest_missing")
    members = {n: reader.read(n) for n in names if not n.startswith("records/")}
    raw = members.pop(MANIFEST)
    signature = members.pop(SIGNATURE)
    if len(raw) > MAX_MANIFEST_BYTES:
        raise BundleRejected("manifest_invalid", "清单过大")
    manifest = loads(raw, "清单：")
    check_manifest_shape(manifest)
    sender = manifest["sender"]["code"]
    own = own_public is not None and sender == my_code
    desk = Trusted(sender, own_public) if own and own_public else trusted(sender)
    if desk is None:
        raise BundleRejected("unknown_sender", sender)
    if desk.revoked:
        raise BundleRejected("sender_revoked", sender)
    if desk.public.fingerprint != manifest["sender"]["fingerprint"]:
        raise BundleRejected("key_mismatch", sender)
    if len(signature) != 64 or not desk.public.verify(signature, SIGNATURE_CONTEXT + raw):
        raise BundleRejected("bad_signature")
    if raw != canonical_bytes(manifest):
        raise BundleRejected("manifest_invalid", "清单不是规范格式")
    recipient = manifest["recipient"]
    if not own and ((my_code is not None and recipient["code"] != my_code)
                    or recipient["fingerprint"] != my_fingerprint):
        raise BundleRejected("not_for_this_desk", recipient["code"])
    if manifest["format_version"] > FORMAT_VERSION:
        raise BundleRejected("format_too_new")
    if manifest["format_version"] < FORMAT_VERSION:
        raise BundleRejected("format_too_old")
    if manifest["schema_version"] > SCHEMA_VERSION:
        raise BundleRejected("schema_too_new")
    if manifest["schema_version"] < MIN_SCHEMA_VERSION:
        raise BundleRejected("schema_too_old")
    check_manifest_rest(manifest)
    listed = {m["name"]: m for m in manifest["members"]}
    present = [n for n in names if n not in (MANIFEST, SIGNATURE)]
    for name in listed:
        if name not in reader.info or name in (MANIFEST, SIGNATURE):
            raise BundleRejected("member_missing", name[:80])
    for name in present:
        entry = listed.get(name)
        if entry is None:
            raise BundleRejected("member_extra", name[:80])
        if name in members:
            content = members[name]
            if len(content) != entry["size"]:
                raise BundleRejected("member_size", name)
            if hashlib.sha256(content).hexdigest() != entry["sha256"]:
                raise BundleRejected("member_hash", name)
            continue
        if reader.info[name].file_size != entry["size"]:
            raise BundleRejected("member_size", name)
        sha = hashlib.sha256()
        for chunk in reader.chunks(name):
            sha.update(chunk)
        if sha.hexdigest() != entry["sha256"]:
            raise BundleRejected("member_hash", name)
    entities = SCHEMA_ENTITIES[manifest["schema_version"]]
    for entity in entities:
        name = record_member(entity)
        if name not in reader.info:
            raise BundleRejected("member_missing", name)
        count = 0
        seen = IdSet()  # ids across batches (16 bytes an id in ascending order)
        for batch in iter_lines(reader.chunks(name), f"{name}：", batch=BATCH):
            rows = validate_records(entity, batch, first=count + 1)
            for n, rec in enumerate(rows, count + 1):
                if not seen.add(rec["id"]):
                    raise BundleRejected("record_invalid", f"{entity} 第{n}条编号无效或重复")
            count += len(rows)
            if visit is not None:
                visit(manifest, entity, rows)
        if count != manifest["counts"][entity]:
            raise BundleRejected("manifest_invalid", f"{entity} 数量与清单不符")
    extra: dict[str, bytes] = {}
    if manifest["kind"] == "enrollment" and ENROLLMENT in members:
        extra[ENROLLMENT] = members.pop(ENROLLMENT)
    attachments: dict[str, bytes] = {}
    for name, content in members.items():
        digest = name.removeprefix("attachments/")
        if not name.startswith("attachments/") or not _HEX64.fullmatch(digest):
            raise BundleRejected("member_extra", name[:80])
        if hashlib.sha256(content).hexdigest() != digest:
            raise BundleRejected("member_hash", name)
        attachments[digest] = content
    for name in present:  # a records member of an entity this schema version lacks
        if name.startswith("records/") and name not in {record_member(e) for e in entities}:
            raise BundleRejected("member_extra", name[:80])
    records = RecordSource(reader, entities)
    packed: dict[str, tuple[int, bytes | memoryview]] = {
        e: records.stored(e) for e in entities if manifest["counts"][e]}
    file_size, file_sha = file_digest if file_digest is not None else (
        len(data), hashlib.sha256(data).hexdigest())
    return Opened(manifest, LazyRecords(records), attachments, file_size, file_sha, extra, packed,
                  records)
