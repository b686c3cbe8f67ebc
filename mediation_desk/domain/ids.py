"""Record ids: UUIDv7 (RFC 9562, section 5.7), time-ordered so that new rows land at the end
of every index keyed by id instead of on random pages all over the file.

Layout of the 128 bits: 48-bit Unix time in milliseconds, the version (7) in 4 bits, 12 bits
``rand_a``, the variant (binary 10) in 2 bits, 62 bits ``rand_b``. Ids stay UUID text
everywhere (the exchange format is unchanged; other desks' version-4 ids are as good).
"""

from __future__ import annotations

import os
import re
import threading
import time

CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
"""A record id as this program writes it (lower-case hex with dashes; use ``fullmatch``):
the ids packed into 16 bytes (seals, an import's id sets, an export's record index)."""


def uuid_bytes(record_id: str) -> bytes | None:
    """The 16 bytes of a record id in canonical UUID text, else None."""
    if CANONICAL_UUID.fullmatch(record_id) is None:
        return None
    return bytes.fromhex(record_id.replace("-", ""))


_RAND_BITS = 74  # rand_a (12) + rand_b (62)
_RAND_MASK = (1 << _RAND_BITS) - 1
_B_MASK = (1 << 62) - 1


def uuid7_text(ms: int, rand: int) -> str:
    """The UUIDv7 text of Unix time ``ms`` (milliseconds) and 74 random bits ``rand``."""
    value = ((ms & 0xFFFF_FFFF_FFFF) << 80) | (0x7 << 76) | (((rand >> 62) & 0xFFF) << 64) \
        | (0b10 << 62) | (rand & _B_MASK)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class _Clock:
    """Monotonic UUIDv7 source: within one millisecond (or if the clock steps back) the
    previous value's 74 bits are incremented, so ids made in this process always ascend
    (RFC 9562 section 6.2, method 2)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = 0  # (ms << 74) | rand of the last id

    def next(self) -> str:
        ms = time.time_ns() // 1_000_000
        rand = int.from_bytes(os.urandom(10), "big") >> (80 - _RAND_BITS)
        with self._lock:
            combined = (ms << _RAND_BITS) | rand
            if combined <= self._last:
                combined = self._last + 1
            self._last = combined
        return uuid7_text(combined >> _RAND_BITS, combined & _RAND_MASK)


_clock = _Clock()


def new_id() -> str:
    """A new time-ordered record id (UUIDv7 text, ascending within this process)."""
    return _clock.next()
