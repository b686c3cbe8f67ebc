"""Why a mediator is suggested, in words a director reads (「擅长婚姻家庭、负责该村、当前在办3件」).

The ranking (``domain.assignment.rank_mediators``) adds weights for a matching specialty, a
served village and a light workload; the assign dialog shows these reasons instead of the
score, which means nothing to the person choosing. No Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.assignment import Suggestion, rank_mediators
from ..domain.models import Case, Mediator


@dataclass(frozen=True)
class WordedSuggestion:
    """A ranked suggestion with its reasons as one Chinese phrase."""

    suggestion: Suggestion
    reasons: str
    open_cases: int


def _type_words(case: Case) -> str:
    """婚姻家庭纠纷 -> 婚姻家庭 (as the issue's example reads); a short one keeps 纠纷
    (擅长邻里纠纷, 擅长合同纠纷, not 擅长邻里)."""
    label = case.dispute_type.label
    return label[:-2] if label.endswith("纠纷") and len(label) > 4 else label


def _villages(case: Case, mediator: Mediator) -> list[str]:
    served = {v.strip() for v in mediator.villages if v.strip()}
    found = [p.village.strip() for p in case.parties
             if not p.deleted and p.village.strip() in served]
    return list(dict.fromkeys(found))


def reason_words(case: Case, mediator: Mediator, open_cases: int) -> str:
    """``擅长婚姻家庭、负责该村、当前在办3件`` (the parts that apply, most important first).

    The village part reads 负责该村 when the parties live in one village the mediator
    serves, 负责该村等2个村 when they live in several; the workload part is always there
    (当前没有在办案件 when it is zero).
    """
    parts: list[str] = []
    if case.dispute_type in mediator.specialties:
        parts.append(f"擅长{_type_words(case)}")
    villages = _villages(case, mediator)
    if len(villages) == 1:
        parts.append("负责该村")
    elif villages:
        parts.append(f"负责当事人所在的{len(villages)}个村")
    open_cases = max(open_cases, 0)
    parts.append(f"当前在办{open_cases}件" if open_cases else "当前没有在办案件")
    return "、".join(parts)


def worded_suggestions(case: Case, mediators: list[Mediator],
                       workloads: dict[str, int]) -> list[WordedSuggestion]:
    """The ranking of :func:`rank_mediators` (same order), each with its reasons in words."""
    return [WordedSuggestion(s, reason_words(case, s.mediator, workloads.get(s.mediator.id, 0)),
                             max(workloads.get(s.mediator.id, 0), 0))
            for s in rank_mediators(case, mediators, workloads)]
