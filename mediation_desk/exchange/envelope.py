"""Encryption of a whole bundle to several recipients (format MDXE v1).

Construction (documented in docs/exchange-format.md):

* a random 32-byte file key ``K`` and 12-byte nonce encrypt the payload with
  AES-256-GCM; the associated data is the whole header;
* for each recipient a block ``key_id(16) || ephemeral_public(32) || wrapped(48)``
  where ``key_id = SHA-256(recipient_public)[:16]``,
  ``shared = X25519(ephemeral_private, recipient_public)``,
  ``wrap_key = HKDF-SHA256(ikm=shared, salt=ephemeral_public || recipient_public,
  info="mediation-desk/v1/wrap", L=32)`` and
  ``wrapped = AES-256-GCM(wrap_key, nonce=0^12, K, aad="mediation-desk/v1/wrap")``.

Header: ``"MDXE" || version(1)=1 || count(1) || blocks || nonce(12)``.

A **passphrase block** (enrollment bundles, read by a desk that has no keys
yet) has the same 96-byte size:
``PASSPHRASE_ID(16) || salt(16) || log2_n(1) || r(1) || p(1) || 0^13 || wrapped(48)``
with ``kek = scrypt(normalize(passphrase), salt, n=2**log2_n, r, p, L=32)`` and
``wrapped = AES-256-GCM(kek, nonce=0^12, K, aad="mediation-desk/v1/passphrase")``.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .errors import BundleRejected
from .keys import DeskKeys

MAGIC = b"MDXE"
VERSION = 1
BLOCK = 16 + 32 + 48
MAX_RECIPIENTS = 8
WRAP_INFO = b"mediation-desk/v1/wrap"
_ZERO_NONCE = bytes(12)
PASSPHRASE_ID = b"MDX-PASSPHRASE\x00\x01"
PASS_INFO = b"mediation-desk/v1/passphrase"
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
_MAX_LOG2_N = 20  # a reader refuses costlier parameters (denial of service)


def normalize_passphrase(passphrase: str) -> str:
    """NFKC, upper case, without spaces and dashes (how people retype a printed code)."""
    text = unicodedata.normalize("NFKC", passphrase).upper()
    return "".join(ch for ch in text if ch not in " -\t\r\n")


def _passphrase_key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(
        normalize_passphrase(passphrase).encode("utf-8"))


def _passphrase_block(file_key: bytes, passphrase: str) -> bytes:
    salt = os.urandom(16)
    kek = _passphrase_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
    params = bytes([SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P]) + bytes(13)
    return PASSPHRASE_ID + salt + params + AESGCM(kek).encrypt(_ZERO_NONCE, file_key, PASS_INFO)


def key_id(public: bytes) -> bytes:
    """The 16-byte id of an X25519 public key used in recipient blocks."""
    return hashlib.sha256(public).digest()[:16]


def _wrap_key(shared: bytes, eph_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_public + recipient_public,
                info=WRAP_INFO).derive(shared)


def encrypt(plaintext: bytes, recipients: list[bytes], passphrase: str | None = None) -> bytes:
    """Encrypt ``plaintext`` so that each X25519 public key in ``recipients`` can read it.

    With ``passphrase`` a passphrase block comes first (enrollment bundles).
    """
    if not 1 <= len(recipients) + (passphrase is not None) <= MAX_RECIPIENTS:
        raise ValueError("1..8 recipients")
    file_key = AESGCM.generate_key(bit_length=256)
    blocks = b"" if passphrase is None else _passphrase_block(file_key, passphrase)
    for public in dict.fromkeys(recipients):
        eph = X25519PrivateKey.generate()
        eph_public = eph.public_key().public_bytes_raw()
        shared = eph.exchange(X25519PublicKey.from_public_bytes(public))
        wrapped = AESGCM(_wrap_key(shared, eph_public, public)).encrypt(
            _ZERO_NONCE, file_key, WRAP_INFO)
        blocks += key_id(public) + eph_public + wrapped
    nonce = os.urandom(12)
    header = MAGIC + bytes([VERSION, len(blocks) // BLOCK]) + blocks + nonce
    return header + AESGCM(file_key).encrypt(nonce, plaintext, header)


def _header(data: bytes) -> tuple[bytes, int]:
    if not data:
        raise BundleRejected("empty_file")
    if len(data) < 6 or data[:4] != MAGIC:
        raise BundleRejected("not_a_bundle")
    if data[4] != VERSION:
        raise BundleRejected("format_too_new" if data[4] > VERSION else "not_a_bundle")
    count = data[5]
    if not 1 <= count <= MAX_RECIPIENTS:
        raise BundleRejected("not_a_bundle", "接收方数量不正确")
    header_len = 6 + count * BLOCK + 12
    if len(data) < header_len + 16:
        raise BundleRejected("truncated")
    return data[:header_len], count


def decrypt(data: bytes, keys: DeskKeys) -> bytes:
    """Decrypt a bundle file with this desk's key; raise :class:`BundleRejected`."""
    header, count = _header(data)
    header_len = len(header)
    my_public = keys.public.encryption
    my_id = key_id(my_public)
    file_key = None
    for i in range(count):
        block = header[6 + i * BLOCK: 6 + (i + 1) * BLOCK]
        if block[:16] != my_id:
            continue
        eph_public = block[16:48]
        try:
            shared = keys.x25519().exchange(X25519PublicKey.from_public_bytes(eph_public))
            file_key = AESGCM(_wrap_key(shared, eph_public, my_public)).decrypt(
                _ZERO_NONCE, block[48:], WRAP_INFO)
        except (InvalidTag, ValueError) as exc:
            raise BundleRejected("decrypt_failed", "密钥块无效") from exc
        break
    if file_key is None:
        raise BundleRejected("not_for_this_desk")
    try:
        return AESGCM(file_key).decrypt(header[-12:], data[header_len:], header)
    except InvalidTag as exc:
        raise BundleRejected("decrypt_failed") from exc


def decrypt_with_passphrase(data: bytes, passphrase: str) -> bytes:
    """Decrypt through the passphrase block; raise :class:`BundleRejected`."""
    header, count = _header(data)
    for i in range(count):
        block = header[6 + i * BLOCK: 6 + (i + 1) * BLOCK]
        if block[:16] != PASSPHRASE_ID:
            continue
        salt, (log2_n, r, p) = block[16:32], block[32:35]
        if not (10 <= log2_n <= _MAX_LOG2_N and 1 <= r <= 16 and 1 <= p <= 4) or any(block[35:48]):
            raise BundleRejected("not_a_bundle", "口令参数无效")
        try:
            kek = _passphrase_key(passphrase, salt, log2_n, r, p)
            file_key = AESGCM(kek).decrypt(_ZERO_NONCE, block[48:], PASS_INFO)
        except InvalidTag as exc:
            raise BundleRejected("bad_passphrase") from exc
        try:
            return AESGCM(file_key).decrypt(header[-12:], data[len(header):], header)
        except InvalidTag as exc:
            raise BundleRejected("decrypt_failed") from exc
    raise BundleRejected("not_for_this_desk", "不是登记文件（没有口令块）")
