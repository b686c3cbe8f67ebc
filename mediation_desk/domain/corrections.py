"""Corrections of records: a new version before the record takes effect, after it only a
补充协议 or a 更正说明 (issue 15; REFERENCE §1.5, §3.6). Plain Python, no Qt, no SQL.

* A **session record** (调解记录) is the mediator's record of a mediation still going on: it may
  be corrected as a new version, with a reason, while the case is being mediated (调解中 or
  中止) and no agreement of the case has taken effect since the session. Once the mediation it
  records has ended (an agreement in effect, a termination, any later status) it is part of
  the closed record: only a 更正说明 can be added.
* An **agreement** (调解协议) takes effect on the day every party has signed, sealed or put a
  fingerprint on it and the mediator signed and the committee sealed it (PML Art 29); an oral
  one on the day it is reached (Art 30). This desk records an agreement once that has happened
  (its effective date is never later than the day it is recorded), so a recorded agreement is
  in effect: it is never edited; the parties sign a 补充协议 (supplementary agreement), or the
  committee adds a 更正说明 (a correction note for a clerical error in the record).

Every correction is a NOTE event whose ``data["action"]`` names it (the pattern of the written
copy of an oral agreement): ``correct_session`` links the old session event to its new version
(a new SESSION event; the old one is kept, never overwritten), ``supplementary_agreement``
carries the supplementary terms, ``correction_note`` the correction's text. The events travel
in exchange bundles like every event of the case, owned by the case's owner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .enums import CaseStatus, EventKind
from .formatting import format_cn_date
from .models import Agreement, Case, CaseEvent

CORRECT_SESSION = "correct_session"
SUPPLEMENTARY_AGREEMENT = "supplementary_agreement"
CORRECTION_NOTE = "correction_note"
CORRECTION_ACTIONS = frozenset({CORRECT_SESSION, SUPPLEMENTARY_AGREEMENT, CORRECTION_NOTE})

SESSION, AGREEMENT = "session", "agreement"
"""The kinds of record a correction names (``data["target"]``)."""

REASON_MAX = 500
SUPPLEMENT_MAX_CHARS = 15_000  # the clauses of a 补充协议 together (an event's data: 20,000)

OPEN_FOR_SESSIONS = frozenset({CaseStatus.MEDIATING, CaseStatus.SUSPENDED})


@dataclass(frozen=True)
class Correction:
    """One correction event read back: what it corrected and why."""

    event: CaseEvent
    action: str
    target: str  # SESSION or AGREEMENT
    target_id: str
    reason: str
    new_id: str = ""  # the new version (correct_session)
    version: int = 0  # the new version's number (2, 3, …)


def correction_of(event: CaseEvent) -> Correction | None:
    """The correction ``event`` records, or None when it is not one."""
    if event.kind is not EventKind.NOTE or event.deleted:
        return None
    d = event.data or {}
    action = d.get("action")
    if action not in CORRECTION_ACTIONS:
        return None
    return Correction(event=event, action=str(action), target=str(d.get("target", "")),
                      target_id=str(d.get("target_id", "")), reason=str(d.get("reason", "")),
                      new_id=str(d.get("new_id", "")), version=int(d.get("version", 0) or 0))


def corrections(events: Iterable[CaseEvent]) -> list[Correction]:
    """Every correction among ``events``, in their order."""
    return [c for c in (correction_of(e) for e in events) if c is not None]


def superseded(events: Iterable[CaseEvent]) -> dict[str, Correction]:
    """Old record id -> the correction that replaced it by a new version.

    Two desks may correct the same record before they exchange (a field laptop and its
    center): the later correction (by its time, then its id) is the record; the other new
    version is replaced by it as well, so one version of each record is current.
    """
    out: dict[str, Correction] = {}
    fixes = sorted((c for c in corrections(events) if c.action == CORRECT_SESSION and c.new_id),
                   key=lambda c: (c.event.occurred_at, c.event.id))
    for c in fixes:
        earlier = out.get(c.target_id)
        if earlier is not None:  # a parallel correction of the same record: the later wins
            out[earlier.new_id] = c
        out[c.target_id] = c
    return out


def current_events(events: list[CaseEvent]) -> list[CaseEvent]:
    """``events`` without the versions a correction replaced (what the papers print)."""
    old = superseded(events)
    return [e for e in events if e.id not in old]


def version_of(event: CaseEvent) -> int:
    """The version number of a session record (1 unless it is a correction's new version)."""
    return int((event.data or {}).get("version", 1) or 1)


def session_final_reason(case: Case, session: CaseEvent, agreements: Iterable[Agreement],
                         today: date) -> str:
    """Why ``session`` can no longer be corrected as a new version ('' when it can)."""
    if case.status not in OPEN_FOR_SESSIONS:
        return (f"本案调解已结束（{case.status.label}），调解记录已经定稿，不能再修改；"
                "如记录有误，请添加更正说明。")
    day = session.occurred_at.date()
    for a in agreements:
        if a.deleted or a.effective_on is None:
            continue
        if day <= a.effective_on <= today:
            return (f"本次调解之后的调解协议已于{format_cn_date(a.effective_on)}生效，"
                    "调解记录已经定稿，不能再修改；如记录有误，请添加更正说明。")
    return ""


def agreement_final_reason(agreement: Agreement, today: date) -> str:
    """Why an agreement cannot be edited: it is in effect (PML Art 29-30).

    A recorded agreement is always in effect here (the desk records it once signed and
    sealed, with an effective date no later than that day); the text says since when.
    """
    if agreement.effective_on is not None and agreement.effective_on > today:
        since = f"将于{format_cn_date(agreement.effective_on)}生效，已由各方签署"
    elif agreement.effective_on is not None:
        since = f"已于{format_cn_date(agreement.effective_on)}生效"
    else:
        since = "已经生效"
    return (f"调解协议{since}（自各方当事人签名、盖章或按指印，人民调解员签名并加盖人民调解委员会"
            "印章之日起生效；口头协议自达成之日起生效），不能修改。需要变更或补充协议内容的，"
            "请与各方当事人签订补充协议；登记内容有笔误的，请添加更正说明。")
