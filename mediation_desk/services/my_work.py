"""我的案件: the logged-in mediator's work today (sessions, due soon, overdue, follow-ups).

Whose work: a mediator's account is linked to its roster entry (``Account.mediator_id``);
a director's account is not, so a director's own cases are those of the active roster
entry with the director's name (a director who mediates is on the roster), and a director
may also look at the whole center. Every count is exact (``storage/my_work_queries.py``
says how each stays cheap at a million cases) but today's sessions of a very busy scope,
which are then a lower bound (``sessions_exact``); the lists hold up to ``limit`` rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.access import Account, Role
from ..domain.queries import CaseRow
from ..storage.my_work_queries import my_work_of
from ..storage.store import Store
from .settings import load_settings

LIST_LIMIT = 500
"""Rows per list (the count above a list is exact whatever this is)."""


@dataclass(frozen=True)
class Session:
    """A session dated today: its case, time (HH:MM) and place."""

    case: CaseRow
    time: str
    place: str


@dataclass(frozen=True)
class Listing:
    """An exact count and the first rows of what it counts."""

    count: int
    rows: tuple[CaseRow, ...]


@dataclass(frozen=True)
class MyWork:
    """One person's (or the whole center's) work on ``today``."""

    today: date
    mediator_id: str | None  # None: the whole center
    due_soon_days: int
    sessions: tuple[Session, ...]
    sessions_exact: bool  # False: at least these (too many cases to read every one's events)
    due_soon: Listing
    overdue: Listing
    follow_ups: Listing
    follow_up_due: dict[str, date]  # case id -> when its follow-up visit is due


def own_mediator_id(store: Store, account: Account | None) -> str | None:
    """The roster entry whose cases are ``account``'s own (None: it has none)."""
    if account is None:
        return None
    if account.role is Role.MEDIATOR:
        return account.mediator_id
    if account.role is Role.DIRECTOR:
        found = my_work_of(store).roster_ids_named(account.name)
        return found[0] if found else None
    return None


def may_see_center(account: Account | None) -> bool:
    """Whether ``account`` may look at the whole center's work (a director, or the program)."""
    return account is None or account.role is Role.DIRECTOR


def my_work(store: Store, mediator_id: str | None, *, limit: int = LIST_LIMIT) -> MyWork:
    """The work of roster entry ``mediator_id`` (None: of the whole center) today.

    Call inside one read snapshot so that the counts and lists agree."""
    q = my_work_of(store)
    today = store.today()
    days = load_settings(store).due_soon_days
    found, exact = q.sessions_today(mediator_id, today=today)
    sessions = tuple(Session(row, time, place) for row, time, place in found)

    def listing(found: tuple[int, list[CaseRow]]) -> Listing:
        return Listing(found[0], tuple(found[1]))

    follow_ups = listing(q.follow_ups(mediator_id, today=today, limit=limit))
    return MyWork(
        today=today, mediator_id=mediator_id, due_soon_days=days, sessions=sessions,
        sessions_exact=exact,
        due_soon=listing(q.due_soon(mediator_id, today=today, days=days, limit=limit)),
        overdue=listing(q.overdue(mediator_id, today=today, limit=limit)),
        follow_ups=follow_ups,
        follow_up_due=q.follow_up_dates([r.id for r in follow_ups.rows]))


def follow_up_ids(store: Store, mediator_id: str | None, limit: int) -> tuple[str, ...]:
    """Ids of the cases whose follow-up is owed (the list's whole count, for the case list)."""
    _n, rows = my_work_of(store).follow_ups(mediator_id, today=store.today(), limit=limit)
    return tuple(r.id for r in rows)
