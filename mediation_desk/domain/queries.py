"""Query specifications and list rows shared by the screens, CLI and storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .enums import CaseFlag, CaseSource, CaseStatus, DisputeType

SORT_KEYS = ("number", "status", "dispute_type", "source", "received_on", "due_on",
             "party_names", "mediator_names", "amount", "center")


@dataclass(frozen=True)
class CaseFilter:
    """What to list: every criterion given must hold (AND)."""

    statuses: tuple[CaseStatus, ...] = ()
    dispute_types: tuple[DisputeType, ...] = ()
    sources: tuple[CaseSource, ...] = ()
    flags: tuple[CaseFlag, ...] = ()
    mediator_id: str | None = None
    center_id: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue: bool = False
    due_within: int | None = None  # days from today, overdue excluded
    text: str = ""
    open_only: bool = False
    # exactly these cases (a statistics figure's drill-down); None = no such limit
    case_ids: tuple[str, ...] | None = None
    caption: str = ""  # what the list shows, e.g. 「2026年11月 调解成功数」 (not a criterion)


@dataclass(frozen=True)
class CaseSort:
    key: str = "received_on"
    descending: bool = True


@dataclass(frozen=True)
class CaseRow:
    """One line of a case list (personal identifiers are not part of it)."""

    id: str
    number: str
    status: CaseStatus
    dispute_type: DisputeType
    source: CaseSource
    received_on: date
    accepted_on: date | None
    due_on: date | None
    suspended: bool
    title: str
    party_names: str
    mediator_names: str
    amount: Decimal | None
    center_id: str
    court_case_number: str = ""
    flags: frozenset[CaseFlag] = field(default_factory=frozenset)


@dataclass(frozen=True)
class DashboardCounts:
    """The numbers that matter today."""

    new: int
    in_mediation: int
    due_soon: int
    overdue: int
    awaiting_jc: int
    follow_ups_due: int
    total: int
