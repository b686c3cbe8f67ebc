"""Keyset paging of the case list: a page of rows and where the next one starts.

A :class:`CaseCursor` holds the last row's sort key (the sort column values and ``seq``);
the next page is the rows after it in the same order, found through the sort key's index,
so page 2,000 costs what page 1 costs. Callers treat the cursor as opaque: they get it
with a page and hand it back for the next one, with the same filter and sort.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .queries import CaseRow, CaseSort


@dataclass(frozen=True)
class CaseCursor:
    """Where the next page starts: after the row whose sort key is ``key`` (opaque)."""

    sort: CaseSort
    segment: int  # which part of the order (cases without a deadline come last, ...)
    key: tuple[Any, ...]  # the sort column values of the last row, then its seq
    drive: bool  # the plan the first page chose: from the filter's index (True) or the sort's


@dataclass(frozen=True)
class CasePage:
    """One page of the case list; ``next`` is None when no row follows."""

    rows: tuple[CaseRow, ...]
    next: CaseCursor | None


__all__ = ["CaseCursor", "CasePage"]
