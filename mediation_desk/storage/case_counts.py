"""How many cases a case-list filter matches: exact where an index answers it, else an
estimate (「约」) or a lower bound (「至少」), never a wrong exact number.

* no criterion: the live-case tally (``case_tally``, m013);
* a status or open cases: the live-case tallies per status (``case_tallies``, m015);
* one other criterion with an index of its own: counted in that index alone
  (docs/case-list.md): a flag, overdue and due soon in their
  partial indexes of live cases; a dispute type, a source, a center, a date range over an
  index that holds tombstones too, less the tombstoned cases that meet it (through
  ``cases_deleted``: few); a mediator's cases in ``case_mediators``, less the tombstoned;
* a text search alone: in the search index, exact up to ``TEXT_EXACT_UP_TO``, else 「至少」;
* anything else: counted up to ``exact_up_to`` (exact below it). Above it, when one of its
  criteria has an index, an estimate: that criterion's exact count times the share of the
  whole filter's matches in a systematic sample of about ``sample`` of its cases (every
  k-th row id);
  without one (a text search with other criteria), a lower bound.

Each costs at most one index's entries for its criterion (a million cases of one status:
a partial index read whole) or ``exact_up_to`` + ``sample`` rows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import sqlite_utils

from ..domain.enums import CaseFlag
from ..domain.queries import CaseFilter
from . import case_tallies
from .case_queries import _OPEN_STATUSES, count_cases, where_clause

EXACT_UP_TO = 500
"""Filters of several criteria are counted exactly up to this (the case list's old cap:
the count stops early); above it, estimated."""
TEXT_EXACT_UP_TO = 10_000
"""A text search alone is counted in its own index (``search.Match.count``): exact up to
this, then a lower bound."""
SAMPLE = 2_000

EXACT, ABOUT, AT_LEAST = "exact", "about", "at_least"

_SINGLE = ("statuses", "open_only", "flags", "dispute_types", "sources", "center_id",
           "mediator_id", "received", "overdue", "due_within")


def _criteria(flt: CaseFilter) -> list[str]:
    """The criteria ``flt`` sets (the two ends of a date range are one)."""
    out = [name for name in ("statuses", "open_only", "flags", "dispute_types", "sources",
                             "center_id", "mediator_id", "overdue") if getattr(flt, name)]
    if flt.due_within is not None:
        out.append("due_within")
    if flt.received_from or flt.received_to:
        out.append("received")
    if flt.case_ids is not None:
        out.append("case_ids")
    if flt.text.strip():
        out.append("text")
    return out


def _only(flt: CaseFilter, criterion: str) -> CaseFilter:
    """``flt`` with only ``criterion`` kept (of several flags, the first)."""
    keep: dict[str, Any] = {}
    if criterion == "received":
        keep = {"received_from": flt.received_from, "received_to": flt.received_to}
    elif criterion == "flags":
        keep = {"flags": flt.flags[:1]}  # a flag has an index; several, the first one's
    else:
        keep = {criterion: getattr(flt, criterion)}
    return replace(CaseFilter(), **keep)


def _less_tombstones(db: sqlite_utils.Database, cond: str, params: list[Any]) -> int:
    """Cases meeting ``cond`` (tombstones included: an index alone answers it) less the
    tombstoned ones (``cases_deleted``: few)."""
    every = db.execute(f"SELECT count(*) FROM cases WHERE {cond}", params).fetchone()[0]
    gone = db.execute("SELECT count(*) FROM cases INDEXED BY cases_deleted"
                      f" WHERE deleted = 1 AND {cond}", params).fetchone()[0]
    return int(every) - int(gone)


def _marks(values: tuple[Any, ...]) -> tuple[str, list[Any]]:
    return (",".join("?" * len(values)),
            [v.value if hasattr(v, "value") else v for v in values])


def single_count(db: sqlite_utils.Database, flt: CaseFilter, today: date) -> int | None:
    """The exact count of a filter of one indexed criterion (None: it is not one)."""
    criteria = _criteria(flt)
    if len(criteria) != 1 or criteria[0] not in _SINGLE:
        return None
    c = criteria[0]
    if c == "statuses":
        return case_tallies.in_statuses(db, _marks(flt.statuses)[1])
    if c == "open_only":
        return case_tallies.in_statuses(db, _OPEN_STATUSES)
    if c == "flags":
        if len(flt.flags) != 1:
            return None
        flag = CaseFlag(flt.flags[0]).value
        return int(db.execute(f"SELECT count(*) FROM cases INDEXED BY cases_flag_{flag}"
                              f" WHERE deleted = 0 AND instr(flags, '\"{flag}\"') > 0"
                              ).fetchone()[0])
    if c in ("overdue", "due_within"):
        return count_cases(db, flt, today=today)  # the running clocks' partial index
    if c in ("dispute_types", "sources"):
        marks, params = _marks(getattr(flt, c))
        column = "dispute_type" if c == "dispute_types" else "source"
        return _less_tombstones(db, f"{column} IN ({marks})", params)
    if c == "center_id":
        return _less_tombstones(db, "center_id = ?", [flt.center_id])
    if c == "received":
        parts, params = [], []
        if flt.received_from:
            parts.append("received_on >= ?")
            params.append(flt.received_from.isoformat())
        if flt.received_to:
            parts.append("received_on <= ?")
            params.append(flt.received_to.isoformat())
        return _less_tombstones(db, " AND ".join(parts), params)
    # a mediator's cases, in case_mediators alone, less the tombstoned
    every = db.execute("SELECT count(*) FROM case_mediators WHERE mediator_id = ?",
                       [flt.mediator_id]).fetchone()[0]
    gone = db.execute("SELECT count(*) FROM cases INDEXED BY cases_deleted WHERE deleted = 1"
                      " AND id IN (SELECT case_id FROM case_mediators WHERE mediator_id = ?)",
                      [flt.mediator_id]).fetchone()[0]
    return int(every) - int(gone)


def count_matches(db: sqlite_utils.Database, flt: CaseFilter, *, today: date,
                  exact_up_to: int = EXACT_UP_TO, sample: int = SAMPLE) -> tuple[int, str]:
    """(count, ``EXACT`` | ``ABOUT`` | ``AT_LEAST``) of the cases ``flt`` matches."""
    flt = replace(flt, caption="")
    if not _criteria(flt):
        return int(db.execute("SELECT live FROM case_tally").fetchone()[0]), EXACT
    single = single_count(db, flt, today)
    if single is not None:
        return single, EXACT
    if _criteria(flt) == ["text"]:
        counted = count_cases(db, flt, today=today, cap=TEXT_EXACT_UP_TO + 1)
        if counted <= TEXT_EXACT_UP_TO:
            return counted, EXACT
        return TEXT_EXACT_UP_TO, AT_LEAST
    counted = count_cases(db, flt, today=today, cap=exact_up_to + 1)
    if counted <= exact_up_to:
        return counted, EXACT
    # an estimate from the criterion with an index that matches the fewest cases
    drivers = [(n, c) for c in _criteria(flt) if c in _SINGLE
               for n in [single_count(db, _only(flt, c), today)] if n is not None]
    if not drivers:
        return exact_up_to, AT_LEAST
    total, driver = min(drivers)
    # a systematic sample of about ``sample`` of the driver's cases, spread over all of
    # them (every k-th row id, judged in the driver's index before a row is read; tombstones
    # in the sample too: it is an estimate), each checked against the whole filter
    where, params = where_clause(db, _only(flt, driver), today)
    where = where.removeprefix("cases.deleted = 0 AND ")
    full, full_params = where_clause(db, flt, today)
    step = max(1, total // max(sample, 1))
    sampled, hits = db.execute(
        f"SELECT count(*), count(CASE WHEN {full} THEN 1 END) FROM cases WHERE {where}"
        " AND cases.seq % ? = 0", [*full_params, *params, step]).fetchone()
    estimate = round(total * int(hits or 0) / max(int(sampled), 1))
    return min(max(estimate, exact_up_to + 1), total), ABOUT


class CaseCounts:
    """What the case list's count may ask of the database (``case_counts_of(store)``)."""

    __slots__ = ("_db",)

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def count(self, flt: CaseFilter, *, today: date) -> tuple[int, str]:
        return count_matches(self._db, flt, today=today)


def case_counts_of(store: Any) -> CaseCounts:
    """The case-list count over ``store``'s connection."""
    return CaseCounts(store.db)
