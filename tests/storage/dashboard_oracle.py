"""The dashboard's figures as plain counts over the cases: the oracle the case-tally tests compare
with and benchmarks/bench_case_list.py's bare side (one copy, so both check the same thing)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any


def bare_dashboard(con: Any, today: date, warn_days: int) -> tuple[int, ...]:
    """registered, open, due soon, overdue, in the JC window, follow-ups due, total."""
    t, soon = today.isoformat(), (today + timedelta(days=warn_days)).isoformat()

    def one(where: str, *params: str) -> int:
        return int(con.execute(f"SELECT count(*) FROM cases WHERE deleted = 0 AND {where}",
                               list(params)).fetchone()[0])

    return (one("status = 'registered'"),
            one("status IN ('accepted', 'mediating', 'suspended')"),
            one("status IN ('accepted', 'mediating') AND due_on >= ? AND due_on <= ?", t, soon),
            one("status IN ('accepted', 'mediating') AND due_on < ?", t),
            one("status = 'agreed' AND jc_due_on >= ?", t),
            one("status IN ('agreed', 'jc_confirmed', 'jc_withdrawn')"
                " AND follow_up_due_on <= ?", t),
            one("1"))
