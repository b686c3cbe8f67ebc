"""The document register's record (文书登记) and the printed verification code (校验码).

A generated paper is registered with what a verifier needs: which desk issued it (``origin``,
``center_id``), for which case, its kind, when, the code printed on its pages, the SHA-256 of
the PDF bytes, the hash of its content and its page count. The record travels in bundles
(``documents``) so a court can check a center's papers offline.

The code is 10 characters of Crockford's base32 (50 bits) in two groups, ``7K2QM-9XD4A``:
no ``I``, ``L``, ``O`` or ``U``, so a code read from paper and typed back with ``O`` for
``0`` or ``l`` for ``1`` still matches. Codes of the first version (``XXXX-XXXX``, 8 hex
digits, unkeyed) stay in old registers and are still found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Record

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 10  # 50 bits
SCHEME_UNKEYED = 0  # first version: the first 32 bits of the content hash, anyone can compute
SCHEME_KEYED = 1  # HMAC-SHA256 with the desk's document key (services/verification.py)

_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})
_KEYED_RE = re.compile(f"[{CROCKFORD}]{{{CODE_CHARS}}}")
_LEGACY_RE = re.compile("[0-9A-F]{8}")


@dataclass(kw_only=True)
class DocumentRecord(Record):
    """One row of the document register: a paper this desk (``origin``) issued.

    Never changed after it is written (a regenerated paper gets a row of its own);
    ``created_at`` is the generation time, ``actor`` the account that generated it.
    """

    case_id: str
    kind: str
    created_at: str
    sha256: str  # of the PDF bytes
    verification_code: str
    actor: str
    center_id: str = ""  # the issuing desk's own center
    content_hash: str = ""  # DocSpec.content_hash (the case file: of its parts)
    pages: int = 0
    scheme: int = SCHEME_UNKEYED


def format_code(bits: int) -> str:
    """The 50 low bits of ``bits`` as ``XXXXX-XXXXX`` (Crockford base32)."""
    chars = "".join(CROCKFORD[(bits >> (5 * i)) & 31] for i in reversed(range(CODE_CHARS)))
    return f"{chars[:5]}-{chars[5:]}"


def normalize_code(text: str) -> str | None:
    """A typed or scanned code in its printed form, or None when it cannot be one.

    Spaces, dashes and case do not matter; ``O``/``I``/``L`` are read as ``0``/``1``
    (Crockford). An 8-hex-digit code of the first version is accepted as ``XXXX-XXXX``.
    """
    raw = re.sub(r"[\s\-－—_]", "", text).upper()
    if _LEGACY_RE.fullmatch(raw):
        return f"{raw[:4]}-{raw[4:]}"
    raw = raw.translate(_TYPED)
    if _KEYED_RE.fullmatch(raw):
        return f"{raw[:5]}-{raw[5:]}"
    return None


CODE_IN_TEXT = re.compile(r"校验码\s*([0-9A-Z]{5}-[0-9A-Z]{5}|[0-9A-F]{4}-[0-9A-F]{4})")
"""A printed code as it appears in a paper's footer (or the case file's header)."""
