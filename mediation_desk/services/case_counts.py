"""The case list's count: exact where an index answers it, else 「约」 or 「至少」.

``storage/case_counts.py`` says which filter is counted how; this names the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.queries import CaseFilter
from ..storage.case_counts import ABOUT, AT_LEAST, EXACT, case_counts_of
from ..storage.store import Store

__all__ = ["ABOUT", "AT_LEAST", "EXACT", "CaseCount", "count_for_list"]


@dataclass(frozen=True)
class CaseCount:
    """How many cases a filter matches: ``n`` and whether it is ``exact``, an estimate
    (``about``: 约) or a lower bound (``at_least``: 至少)."""

    n: int
    kind: str = EXACT

    @property
    def exact(self) -> bool:
        return self.kind == EXACT


def count_for_list(store: Store, flt: CaseFilter) -> CaseCount:
    """The count the case list shows for ``flt`` (call inside one read snapshot)."""
    n, kind = case_counts_of(store).count(flt, today=store.today())
    return CaseCount(n, kind)
