"""A set of record ids that costs about 16 bytes an id when ids come in ascending order.

A bundle's records come in the sender's storage order, and its ids are time-ordered
UUIDs (``domain/ids.py``), so almost every id is greater than every id before it. Those
are appended, as their 16 bytes, to one sorted buffer (found again by binary search);
an id that is not (out of order, or not canonical UUID text) goes into an ordinary set.
Membership is exact either way. An import of millions of records keeps its ids this
way instead of as millions of small Python objects (a string or a 128-bit int each,
and the set's slot: about 80-110 bytes), which also leave the heap fragmented.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.ids import uuid_bytes as _key


class IdSet:
    """Ids seen (see the module docstring): :meth:`add`, ``in``, ``len``."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._run = bytearray()  # ascending 16-byte ids
        self._last = b""
        self._other: set[bytes | str] = set()  # out of order (bytes) or not canonical (str)
        for rid in ids:
            self.add(rid)

    def __len__(self) -> int:
        return len(self._run) // 16 + len(self._other)

    def _in_run(self, key: bytes) -> bool:
        run = self._run
        lo, hi = 0, len(run) // 16
        while lo < hi:
            mid = (lo + hi) // 2
            here = run[16 * mid:16 * mid + 16]
            if here == key:
                return True
            if here < key:
                lo = mid + 1
            else:
                hi = mid
        return False

    def __contains__(self, rid: object) -> bool:
        if not isinstance(rid, str):
            return False
        key = _key(rid)
        if key is None:
            return rid in self._other
        if key > self._last:
            return False
        return key in self._other or self._in_run(key)

    def add(self, rid: str) -> bool:
        """Add ``rid``; False when it was already there."""
        key = _key(rid)
        if key is None:
            if rid in self._other:
                return False
            self._other.add(rid)
            return True
        if key > self._last:  # the usual case: greater than everything before
            self._run += key
            self._last = key
            return True
        if key in self._other or self._in_run(key):
            return False
        self._other.add(key)
        return True

    def update(self, ids: Iterable[str]) -> None:
        """Add every id of ``ids``."""
        for rid in ids:
            self.add(rid)
