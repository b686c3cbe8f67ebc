"""Desk identities: an Ed25519 signing key and an X25519 encryption key.

The fingerprint identifies a desk's pair of public keys in a form people can
read aloud over the phone: the first 20 bytes of
``SHA-256("mediation-desk-card-v1\\0" || signing_public || encryption_public)``
as 40 upper-case hex digits in groups of four.
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

    def x25519(self) -> X25519PrivateKey:
        """The encryption private key as a cryptography object."""
        return X25519PrivateKey.from_private_bytes(self.encryption_private)

    def __repr__(self) -> str:  # never print private keys
        return f"DeskKeys(fingerprint={self.public.fingerprint!r})"
