"""Desk identities: an Ed25519 signing key and an X25519 encryption key.

The fingerprint identifies a desk's pair of public keys in a form people can
read aloud over the phone: the first 20 bytes of
``SHA-256("mediation-desk-card-v1\\0" || signing_public || encryption_public)``
as 40 upper-case hex digits in groups of four.

The X25519 key is also an age identity (age-encryption.org/v1, the bundle
envelope): the raw private key is written ``AGE-SECRET-KEY-1...`` and the
public key ``age1...``, both Bech32 (BIP-173) of the 32 raw bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

FINGERPRINT_DOMAIN = b"mediation-desk-card-v1\x00"
AGE_RECIPIENT_HRP = "age"
AGE_IDENTITY_HRP = "age-secret-key-"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_GEN = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _polymod(values: list[int]) -> int:
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i, g in enumerate(_BECH32_GEN):
            chk ^= g if (top >> i) & 1 else 0
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _regroup(data: bytes | list[int], frm: int, to: int, pad: bool) -> list[int]:
    acc = bits = 0
    out: list[int] = []
    for value in data:
        acc = (acc << frm) | value
        bits += frm
        while bits >= to:
            bits -= to
            out.append((acc >> bits) & ((1 << to) - 1))
    if pad and bits:
        out.append((acc << (to - bits)) & ((1 << to) - 1))
    elif not pad and (bits >= frm or (acc << (to - bits)) & ((1 << to) - 1)):
        raise ValueError("bech32: bad padding")
    return out


def bech32_encode(hrp: str, data: bytes) -> str:
    """Bech32 (BIP-173, not Bech32m) of ``data`` under ``hrp``, lower case, no length limit."""
    words = _regroup(data, 8, 5, True)
    mod = _polymod([*_hrp_expand(hrp), *words, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(mod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32[w] for w in words + checksum)


def bech32_decode(text: str) -> tuple[str, bytes]:
    """``(hrp, data)`` of a Bech32 string (either case, not mixed); ``ValueError`` if invalid."""
    if text.lower() != text and text.upper() != text:
        raise ValueError("bech32: mixed case")
    text = text.lower()
    sep = text.rfind("1")
    if sep < 1 or sep + 7 > len(text) or any(not 33 <= ord(c) <= 126 for c in text):
        raise ValueError("bech32: bad format")
    hrp, rest = text[:sep], text[sep + 1:]
    if any(c not in _BECH32 for c in rest):
        raise ValueError("bech32: bad character")
    words = [_BECH32.index(c) for c in rest]
    if _polymod([*_hrp_expand(hrp), *words]) != 1:
        raise ValueError("bech32: bad checksum")
    return hrp, bytes(_regroup(words[:-6], 5, 8, False))


def age_recipient(encryption_public: bytes) -> str:
    """The age X25519 recipient (``age1...``) of a raw 32-byte X25519 public key."""
    return bech32_encode(AGE_RECIPIENT_HRP, encryption_public)


def age_secret_key(encryption_private: bytes) -> str:
    """The age X25519 identity (``AGE-SECRET-KEY-1...``) of a raw 32-byte private key."""
    return bech32_encode(AGE_IDENTITY_HRP, encryption_private).upper()


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def fingerprint(signing_public: bytes, encryption_public: bytes) -> str:
    """Human-readable fingerprint of a desk's two public keys ("3F2A 9C01 ...")."""
    digest = hashlib.sha256(FINGERPRINT_DOMAIN + signing_public + encryption_public).digest()
    text = digest[:20].hex().upper()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


@dataclass(frozen=True)
class PublicKeys:
    """The public half of a desk identity (32 raw bytes each)."""

    signing: bytes
    encryption: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing, self.encryption)

    def verify(self, signature: bytes, message: bytes) -> bool:
        """True when ``signature`` is a valid Ed25519 signature of ``message``."""
        try:
            Ed25519PublicKey.from_public_bytes(self.signing).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True

    @property
    def age_recipient(self) -> str:
        """The encryption key as an age recipient, ``age1...``."""
        return age_recipient(self.encryption)


@dataclass(frozen=True)
class DeskKeys:
    """A desk's private keys (raw 32-byte seeds), kept only in its database."""

    signing_private: bytes
    encryption_private: bytes

    @classmethod
    def generate(cls) -> DeskKeys:
        """Fresh random keys."""
        return cls(_raw_private(Ed25519PrivateKey.generate()),
                   _raw_private(X25519PrivateKey.generate()))

    @property
    def public(self) -> PublicKeys:
        sign = Ed25519PrivateKey.from_private_bytes(self.signing_private)
        enc = X25519PrivateKey.from_private_bytes(self.encryption_private)
        return PublicKeys(_raw_public(sign.public_key()), _raw_public(enc.public_key()))

    def sign(self, message: bytes) -> bytes:
        """Ed25519 signature (64 bytes) of ``message``."""
        return Ed25519PrivateKey.from_private_bytes(self.signing_private).sign(message)

    def age_identity(self) -> str:
        """The encryption private key as an age identity, ``AGE-SECRET-KEY-1...`` (secret)."""
        return age_secret_key(self.encryption_private)

    def __repr__(self) -> str:  # never print private keys
        return f"DeskKeys(fingerprint={self.public.fingerprint!r})"
