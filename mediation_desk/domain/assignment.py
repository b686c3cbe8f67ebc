"""Mediator suggestions for a case, and recusal checks (回避, SIM Art 15, OMR Art 13).

A mediator with a declared relation to a party or a party's agent is never dropped from
the list: they are flagged and ranked after every unflagged mediator, so the person
assigning can still choose them with a recorded reason (e.g. both parties agree).
"""

from __future__ import annotations

from dataclasses import dataclass

from .enums import RelationKind
from .models import Case, DeclaredRelation, Mediator

SPECIALTY_WEIGHT = 3.0  # strong: the mediator handles this type of dispute
VILLAGE_WEIGHT = 2.0  # medium: the mediator serves a party's village
WORKLOAD_WEIGHT = 1.0  # weak: 1.0 with no open cases, falling towards 0 as cases pile up

_RELATION_PHRASES = {
    RelationKind.NEAR_RELATIVE: "系近亲属",
    RelationKind.INTEREST: "有利害关系",
    RelationKind.OTHER: "存在其他可能影响公正的关系",
}


@dataclass(frozen=True)
class Suggestion:
    """A ranked mediator with the reasons for the score and any recusal grounds."""

    mediator: Mediator
    score: float
    reasons: tuple[str, ...]
    recusal_grounds: tuple[str, ...]

    @property
    def flagged(self) -> bool:
        """Whether the mediator has a recusal ground in this case."""
        return bool(self.recusal_grounds)


def _same_id(a: str, b: str) -> bool:
    return "".join(a.split()).upper() == "".join(b.split()).upper()


def _matches(relation: DeclaredRelation, name: str, id_number: str) -> bool:
    """ID numbers decide when both are known; otherwise the names must match."""
    if relation.id_number.strip() and id_number.strip():
        return _same_id(relation.id_number, id_number)
    return bool(name.strip()) and relation.person_name.strip() == name.strip()


def _ground(relation: DeclaredRelation, who: str) -> str:
    text = f"与{who}{_RELATION_PHRASES[relation.kind]}（回避事由：{relation.kind.label}"
    if relation.note.strip():
        text += f"；说明：{relation.note.strip()}"
    return text + "）"


def recusal_grounds(mediator: Mediator, case: Case) -> list[str]:
    """Recusal grounds of ``mediator`` in ``case``, one Chinese sentence each.

    A declared relation matches a party (or a party's agent) when their ID numbers match,
    if both are recorded, or else when the names match. Example:
    ``与当事人张三系近亲属（回避事由：近亲属）``.
    """
    grounds: list[str] = []
    parties = sorted((p for p in case.parties if not p.deleted), key=lambda p: p.position)
    for party in parties:
        party_id = party.id_number or party.credit_code
        for relation in mediator.relations:
            if _matches(relation, party.name, party_id):
                grounds.append(_ground(relation, f"当事人{party.name}"))
            if party.agent_name and _matches(relation, party.agent_name, party.agent_id_number):
                grounds.append(_ground(relation, f"当事人{party.name}的代理人{party.agent_name}"))
    return list(dict.fromkeys(grounds))


def _suggest(case: Case, mediator: Mediator, open_cases: int) -> Suggestion:
    score, reasons = 0.0, []
    if case.dispute_type in mediator.specialties:
        score += SPECIALTY_WEIGHT
        reasons.append(f"擅长{case.dispute_type.label}")
    served = {v.strip() for v in mediator.villages if v.strip()}
    villages = [p.village.strip() for p in case.parties
                if not p.deleted and p.village.strip() in served]
    villages = list(dict.fromkeys(villages))
    if villages:
        score += VILLAGE_WEIGHT
        reasons.append(f"服务{'、'.join(villages)}")
    open_cases = max(open_cases, 0)
    score += WORKLOAD_WEIGHT / (1 + open_cases)
    reasons.append(f"在办案件{open_cases}件")
    return Suggestion(mediator=mediator, score=round(score, 6), reasons=tuple(reasons),
                      recusal_grounds=tuple(recusal_grounds(mediator, case)))


def rank_mediators(case: Case, mediators: list[Mediator],
                   workloads: dict[str, int]) -> list[Suggestion]:
    """Rank the active mediators for ``case``, best first.

    The score adds a strong weight for a specialty matching the dispute type, a medium
    weight for serving a party's village and a small one that falls as the mediator's
    open workload (``workloads[mediator.id]``, default 0) grows. Inactive or deleted
    mediators are left out; mediators with recusal grounds come after all others.
    Ties are broken by name, then id, so the order is deterministic.
    """
    suggestions = [_suggest(case, m, workloads.get(m.id, 0))
                   for m in mediators if m.active and not m.deleted]
    suggestions.sort(key=lambda s: (s.flagged, -s.score, s.mediator.name, s.mediator.id))
    return suggestions
