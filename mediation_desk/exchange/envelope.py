"""The envelope of a bundle file: age (age-encryption.org/v1) through the ``pyrage`` bindings.

A bundle is an ordinary binary age file encrypted to X25519 recipients (the
recipient desk and the sender, each desk's X25519 key being its age identity,
see :mod:`.keys`); an enrollment file is encrypted to one scrypt passphrase
recipient (age allows a scrypt stanza only alone). Any age implementation can
read them with the right identity (``age -d -i key.txt``).

Before handing the file to age, the header is read here (bounded, without
decrypting) only to tell the person what is wrong in the words of the
verifier's reason codes: an old MDXE v1 file, not an age file, cut short, not
addressed to a desk key or to a passphrase, a costlier scrypt work factor than
a reader accepts. The cryptography itself is age's.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import BinaryIO

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from .errors import BundleRejected
from .keys import DeskKeys

MAGIC = b"age-encryption.org/v1\n"
OLD_MAGIC = b"MDXE"  # format v1 (no release shipped it), refused with its own message
OLD_FORMAT_MESSAGE = "这是旧版本（第1版）的交换文件，请发送方用新版本重新导出。"
MAX_RECIPIENTS = 8
MAX_HEADER = 16 * 1024  # 8 X25519 stanzas and age's grease are well under 2 KiB
SCRYPT_MAX_LOG2_N = 20  # a reader refuses costlier scrypt parameters (denial of service)
_PAYLOAD_MIN = 16 + 16  # payload nonce + the tag of the (possibly empty) last chunk
_FOOTER = b"\n--- "
_MAC_LEN = 43  # base64 of the 32-byte header MAC, unpadded
_LOG2_N = re.compile(r"^[1-9][0-9]?\Z")


def normalize_passphrase(passphrase: str) -> str:
    """NFKC, upper case, without spaces and dashes (how people retype a printed code)."""
    text = unicodedata.normalize("NFKC", passphrase).upper()
    return "".join(ch for ch in text if ch not in " -\t\r\n")


def encrypt(plaintext: bytes, recipients: list[str]) -> bytes:
    """Encrypt ``plaintext`` to the age X25519 recipients (``age1...``), 1..8 of them."""
    unique = list(dict.fromkeys(recipients))
    if not 1 <= len(unique) <= MAX_RECIPIENTS:
        raise ValueError("1..8 recipients")
    return pyrage.encrypt(plaintext, [x25519.Recipient.from_str(r) for r in unique])


class _ChunkReader(io.RawIOBase):
    """A readable stream over an iterator of byte strings (what age's streaming API reads)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks: Iterator[bytes] = iter(chunks)
        self._current = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._current:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._current = memoryview(chunk)
        n = min(len(buffer), len(self._current))
        buffer[:n] = self._current[:n]
        self._current = self._current[n:]
        return n


class HashingWriter(io.RawIOBase):
    """A writable stream that hashes (SHA-256) and counts what passes, then hands it on."""

    def __init__(self, out: BinaryIO | None = None) -> None:
        self._out = out
        self._sha = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._sha.update(data)
        self.size += len(data)
        if self._out is not None:
            self._out.write(data)
        return len(data)

    def hexdigest(self) -> str:
        """SHA-256 of everything written so far."""
        return self._sha.hexdigest()


def encrypt_stream(chunks: Iterable[bytes], out: BinaryIO | io.RawIOBase,
                   recipients: list[str]) -> None:
    """Encrypt the concatenation of ``chunks`` to ``out`` (age's streaming API: 64 KiB
    chunks in, ciphertext out, never the whole plaintext or file in memory)."""
    unique = list(dict.fromkeys(recipients))
    if not 1 <= len(unique) <= MAX_RECIPIENTS:
        raise ValueError("1..8 recipients")
    pyrage.encrypt_io(_ChunkReader(chunks), out,  # type: ignore[arg-type]
                      [x25519.Recipient.from_str(r) for r in unique])


def plaintext_digest(source: BinaryIO, keys: DeskKeys) -> tuple[str, int]:
    """SHA-256 and size of the plaintext of an age file read from ``source``, decrypted
    with this desk's identity as a stream (nothing kept); raise :class:`BundleRejected`."""
    sink = HashingWriter()
    identity = x25519.Identity.from_str(keys.age_identity())
    try:
        pyrage.decrypt_io(source, sink, [identity])  # type: ignore[arg-type]
    except pyrage.DecryptError as exc:
        raise _reason(exc, "not_for_this_desk") from exc
    return sink.hexdigest(), sink.size


def encrypt_with_passphrase(plaintext: bytes, passphrase: str) -> bytes:
    """Encrypt ``plaintext`` to an age scrypt recipient: the normalised passphrase."""
    return age_passphrase.encrypt(plaintext, normalize_passphrase(passphrase))


def stanzas(data: bytes) -> list[list[str]]:
    """The arguments of each recipient stanza of an age header (``[["X25519", ...], ...]``).

    Raises :class:`BundleRejected` for everything that is not the header of a
    complete binary age file: empty, an MDXE v1 file (``format_too_old``),
    another file (``not_a_bundle``), a file cut inside the header or before the
    payload's first tag (``truncated``). Bodies and the MAC are left to age.
    """
    if not data:
        raise BundleRejected("empty_file")
    if data.startswith(OLD_MAGIC):
        raise BundleRejected("format_too_old", message=OLD_FORMAT_MESSAGE)
    if not data.startswith(MAGIC):
        raise BundleRejected("truncated" if MAGIC.startswith(data) else "not_a_bundle")
    end = data.find(_FOOTER, len(MAGIC) - 1, MAX_HEADER)
    if end < 0:
        raise BundleRejected("truncated" if len(data) < MAX_HEADER else "not_a_bundle",
                             "加密头不完整" if len(data) < MAX_HEADER else "加密头过长")
    header_end = end + len(_FOOTER) + _MAC_LEN + 1
    if len(data) < header_end:
        raise BundleRejected("truncated", "加密头不完整")
    if data[header_end - 1:header_end] != b"\n":
        raise BundleRejected("not_a_bundle", "加密头格式不正确")
    if len(data) < header_end + _PAYLOAD_MIN:
        raise BundleRejected("truncated")
    try:
        lines = data[len(MAGIC):end + 1].decode("ascii").split("\n")[:-1]
    except UnicodeDecodeError as exc:
        raise BundleRejected("not_a_bundle", "加密头格式不正确") from exc
    out: list[list[str]] = []
    for line in lines:
        if line.startswith("-> "):
            args = line[3:].split(" ")
            if not all(args):
                raise BundleRejected("not_a_bundle", "加密头格式不正确")
            out.append(args)
        elif not out:
            raise BundleRejected("not_a_bundle", "加密头格式不正确")
    if not out:
        raise BundleRejected("not_a_bundle", "加密头没有接收方")
    return out


def _reason(exc: pyrage.DecryptError, unwrap_failed: str) -> BundleRejected:
    """Map age's decryption errors to the verifier's reason codes."""
    text = str(exc)
    if "No matching keys" in text:
        return BundleRejected(unwrap_failed)
    if "fill whole buffer" in text:
        return BundleRejected("truncated")
    if "Header is invalid" in text or "Unknown age format" in text:
        return BundleRejected("not_a_bundle", "加密头格式不正确")
    if "Decryption failed" in text:  # a scrypt stanza that does not unwrap
        return BundleRejected(unwrap_failed)
    if "Excessive work" in text:
        return BundleRejected("not_a_bundle", "口令参数无效")
    return BundleRejected("decrypt_failed", "加密头校验失败" if "MAC" in text else "")


def decrypt(data: bytes, keys: DeskKeys) -> bytes:
    """Decrypt a bundle file with this desk's age identity; raise :class:`BundleRejected`."""
    found = stanzas(data)
    x25519_count = sum(1 for s in found if s[0] == "X25519")
    if x25519_count == 0:
        is_enrollment = any(s[0] == "scrypt" for s in found)
        raise BundleRejected("not_for_this_desk",
                             "这是外出笔记本登记文件，请用登记口令打开" if is_enrollment else "")
    if x25519_count > MAX_RECIPIENTS:
        raise BundleRejected("not_a_bundle", "接收方数量不正确")
    identity = x25519.Identity.from_str(keys.age_identity())
    try:
        return pyrage.decrypt(data, [identity])
    except pyrage.DecryptError as exc:
        raise _reason(exc, "not_for_this_desk") from exc


def check_passphrase_header(data: bytes) -> None:
    """Refuse, before any key derivation, a file that is not one age scrypt stanza of
    work factor (log2 N) at most :data:`SCRYPT_MAX_LOG2_N`."""
    scrypt = [s for s in stanzas(data) if s[0] == "scrypt"]
    if not scrypt:
        raise BundleRejected("not_for_this_desk", "不是登记文件（没有口令块）")
    if len(scrypt) != 1 or len(scrypt[0]) != 3 or not _LOG2_N.match(scrypt[0][2]) \
            or int(scrypt[0][2]) > SCRYPT_MAX_LOG2_N:
        raise BundleRejected("not_a_bundle", "口令参数无效")


def decrypt_with_passphrase(data: bytes, passphrase: str) -> bytes:
    """Decrypt an enrollment file (one age scrypt stanza); raise :class:`BundleRejected`.

    A work factor (log2 N) above :data:`SCRYPT_MAX_LOG2_N` is refused before any
    key derivation; a wrong passphrase is ``bad_passphrase``.
    """
    check_passphrase_header(data)
    try:
        return age_passphrase.decrypt(data, normalize_passphrase(passphrase))
    except pyrage.DecryptError as exc:
        raise _reason(exc, "bad_passphrase") from exc
