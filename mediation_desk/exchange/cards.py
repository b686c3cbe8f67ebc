"""Desk cards: the small public file a desk hands to another to be trusted.

A card holds the desk's code, name, kind, center record id and its two public
keys; its fingerprint is recomputed on reading and must match.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from .errors import BundleRejected
from .keys import PublicKeys
from .strictjson import canonical_bytes, loads

CARD_FORMAT = "mediation-desk-card"
CARD_VERSION = 1
MAX_CARD_BYTES = 16 * 1024
# \Z, not $: "$" also matches before a final newline ("ZD-MS\n" is not a code)
CODE_RE = re.compile(r"^[A-Za-z0-9_-]{2,32}\Z")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_FIELDS = {"format", "format_version", "code", "name", "kind", "center_id", "signing_key",
           "encryption_key", "fingerprint"}


@dataclass(frozen=True)
class DeskCard:
    """A desk's public identity."""

    code: str
    name: str
    kind: str
    center_id: str
    public: PublicKeys

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    def to_bytes(self) -> bytes:
        """The card file's content (canonical JSON)."""
        return canonical_bytes({
            "format": CARD_FORMAT, "format_version": CARD_VERSION, "code": self.code,
            "name": self.name, "kind": self.kind, "center_id": self.center_id,
            "signing_key": base64.b64encode(self.public.signing).decode("ascii"),
            "encryption_key": base64.b64encode(self.public.encryption).decode("ascii"),
            "fingerprint": self.fingerprint,
        }) + b"\n"


def _key(value: object) -> bytes:
    if not isinstance(value, str):
        raise ValueError("key")
    raw = base64.b64decode(value.encode("ascii"), validate=True)
    if len(raw) != 32:
        raise ValueError("key length")
    return raw


def parse_card(data: bytes) -> DeskCard:
    """Read a card file strictly; raise :class:`BundleRejected` ``manifest_invalid``."""
    if len(data) > MAX_CARD_BYTES:
        raise BundleRejected("file_too_large", "单位名片")
    obj = loads(data.rstrip(b"\n"), "单位名片：")
    bad = BundleRejected("manifest_invalid", "单位名片格式不正确")
    if not isinstance(obj, dict) or set(obj) != _FIELDS:
        raise bad
    if obj["format"] != CARD_FORMAT or obj["format_version"] != CARD_VERSION:
        raise bad
    for k in ("code", "name", "kind", "center_id", "fingerprint"):
        if not isinstance(obj[k], str):
            raise bad
    if not CODE_RE.match(obj["code"]) or not UUID_RE.match(obj["center_id"]):
        raise bad
    if obj["kind"] not in ("center", "court", "field") or not obj["name"].strip():
        raise bad
    try:
        public = PublicKeys(_key(obj["signing_key"]), _key(obj["encryption_key"]))
    except (ValueError, binascii.Error, UnicodeEncodeError) as exc:
        raise bad from exc
    if public.fingerprint != obj["fingerprint"]:
        raise BundleRejected("key_mismatch", "名片上的指纹与公钥不符")
    return DeskCard(obj["code"], obj["name"], obj["kind"], obj["center_id"], public)
