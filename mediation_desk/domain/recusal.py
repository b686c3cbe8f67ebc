"""Whether a case's mediators were assigned over a recusal ground (回避, SIM Art 15).

The assignment records the override on its event (``services/intake.py`` ``assign``):
``data["recusal_grounds"]`` lists the grounds found, ``notes`` holds the reason given and
``participants`` the mediators assigned. The case header warns while the current assignment
(the newest one) is such an override; a later assignment without grounds ends the warning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .enums import EventKind
from .models import CaseEvent


@dataclass(frozen=True)
class RecusalOverride:
    """An assignment made despite recusal grounds, as it was recorded."""

    grounds: tuple[str, ...]
    reason: str
    mediators: str  # the names assigned, 、-separated
    actor: str
    occurred_at: datetime


def recusal_override(events: Iterable[CaseEvent]) -> RecusalOverride | None:
    """The override of the case's current assignment, or None when it has none."""
    latest: CaseEvent | None = None
    for event in events:  # the newest assignment; on equal times the later one recorded
        if event.kind is EventKind.ASSIGNMENT and (
                latest is None or event.occurred_at >= latest.occurred_at):
            latest = event
    if latest is None:
        return None
    grounds = (latest.data or {}).get("recusal_grounds") or []
    if not isinstance(grounds, list) or not grounds:
        return None
    return RecusalOverride(grounds=tuple(str(g) for g in grounds), reason=latest.notes,
                           mediators=latest.participants, actor=latest.actor,
                           occurred_at=latest.occurred_at)
