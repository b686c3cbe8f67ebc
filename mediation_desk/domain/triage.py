"""Triage (繁简分流): a suggested procedural track for a dispute, with reasons (REFERENCE §4).

The suggestion is advice for the mediator and the court liaison, not a decision. Rules:

1. ``COMPLEX`` when simple procedure is excluded (CPLI Art 257): a party's whereabouts
   unknown, 10 or more persons on one side (人数众多, CPLI Art 75), state or public interest;
   also when the facts have not been marked clear (CPLI Art 256 requires clear facts,
   clear liability and no fundamental disagreement for a simple case).
2. Otherwise, a money-payment-only case with a known amount and none of the small-claims
   exclusions of CPL Art 166 (status or title, foreign element, appraisal, party missing,
   counterclaim) is ``SMALL_CLAIM`` up to 50 % of the provincial average annual wage and
   ``SMALL_CLAIM_IF_AGREED`` up to 200 % (CPL Art 165). Both limits are inclusive.
3. Everything else is ``SIMPLE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .enums import CaseFlag
from .formatting import format_yuan
from .models import Case
from .validators import InvalidValue

MANY_PARTIES = 10  # 人数众多: 10 or more on one side (CPLI Art 75)

_SMALL_CLAIM_EXCLUSIONS: dict[CaseFlag, str] = {
    CaseFlag.STATUS_OR_TITLE: "涉及身份关系或确权，不适用小额诉讼程序",
    CaseFlag.FOREIGN: "涉外案件，不适用小额诉讼程序",
    CaseFlag.APPRAISAL_NEEDED: "需要鉴定、评估，不适用小额诉讼程序",
    CaseFlag.PARTY_MISSING: "当事人下落不明，不适用小额诉讼程序",
    CaseFlag.COUNTERCLAIM: "有反请求，不适用小额诉讼程序",
}


class TriageCategory(StrEnum):
    """The suggested track."""

    SMALL_CLAIM = "small_claim"
    SMALL_CLAIM_IF_AGREED = "small_claim_if_agreed"
    SIMPLE = "simple"
    COMPLEX = "complex"

    @property
    def label(self) -> str:
        """Chinese label for screens and documents."""
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    TriageCategory.SMALL_CLAIM: "小额诉讼候选",
    TriageCategory.SMALL_CLAIM_IF_AGREED: "双方同意可适用小额诉讼",
    TriageCategory.SIMPLE: "简单案件",
    TriageCategory.COMPLEX: "复杂案件",
}


@dataclass(frozen=True)
class TriageResult:
    """A suggested track and the reasons for it, in Chinese."""

    category: TriageCategory
    reasons: tuple[str, ...]


def _complex_reasons(case: Case) -> list[str]:
    reasons = []
    if CaseFlag.PARTY_MISSING in case.flags:
        reasons.append("当事人下落不明，不适用简易程序")
    for side, parties in (("申请人", case.applicants), ("被申请人", case.respondents)):
        if len(parties) >= MANY_PARTIES:
            reasons.append(f"{side}一方有{len(parties)}人（人数众多），不适用简易程序")
    if CaseFlag.PUBLIC_INTEREST in case.flags:
        reasons.append("涉及国家利益或社会公共利益，不适用简易程序")
    return reasons


def wage_basis(year: int | None = None, province: str = "") -> str:
    """Whose wage figure the limits come from, as the reasons name it.

    ``山东省2024年度就业人员年平均工资`` when both are known; ``上年度…`` when neither is;
    a year without a province is marked so (the built-in default is not a province's).
    """
    if year is None:
        return f"{province}上年度就业人员年平均工资"
    if not province:
        return f"{year}年度就业人员年平均工资（未设置省份）"
    return f"{province}{year}年度就业人员年平均工资"


def triage(case: Case, avg_wage: Decimal, *, wage_year: int | None = None,
           wage_province: str = "") -> TriageResult:
    """Suggest a track for ``case`` given the province's latest average annual wage.

    ``avg_wage`` is the published figure for employed persons (就业人员年平均工资,
    CPLI Art 272); the small-claims limits are 50 % and 200 % of it. ``wage_year`` and
    ``wage_province`` say whose figure it is; the reasons that show a limit name them.
    """
    if avg_wage <= 0:
        raise InvalidValue("上年度就业人员年平均工资必须大于0")
    basis = wage_basis(wage_year, wage_province.strip())
    reasons = _complex_reasons(case)
    if reasons:
        return TriageResult(TriageCategory.COMPLEX, tuple(reasons))
    if CaseFlag.FACTS_CLEAR not in case.flags:
        return TriageResult(TriageCategory.COMPLEX,
                            ("尚未确认事实清楚、争议不大，暂按复杂案件处理",))
    reasons = ["事实清楚、争议不大"]
    exclusions = [msg for flag, msg in _SMALL_CLAIM_EXCLUSIONS.items() if flag in case.flags]
    if CaseFlag.MONEY_ONLY not in case.flags:
        reasons.append("不是单纯的金钱给付纠纷，不适用小额诉讼程序")
    elif case.amount is None:
        reasons.append("未填写争议金额，无法判断是否适用小额诉讼程序")
    elif exclusions:
        reasons.extend(exclusions)
    else:
        limit50, limit200 = avg_wage / 2, avg_wage * 2
        amount = format_yuan(case.amount)
        if case.amount <= limit50:
            reasons.append(f"仅涉金钱给付，争议金额{amount}不超过{basis}"
                           f"的50%（{format_yuan(limit50)}）")
            return TriageResult(TriageCategory.SMALL_CLAIM, tuple(reasons))
        if case.amount <= limit200:
            reasons.append(f"仅涉金钱给付，争议金额{amount}超过{basis}的50%"
                           f"（{format_yuan(limit50)}）但不超过200%（{format_yuan(limit200)}），"
                           "双方当事人同意的可以适用小额诉讼程序")
            return TriageResult(TriageCategory.SMALL_CLAIM_IF_AGREED, tuple(reasons))
        reasons.append(f"争议金额{amount}超过{basis}的200%"
                       f"（{format_yuan(limit200)}），不适用小额诉讼程序")
    return TriageResult(TriageCategory.SIMPLE, tuple(reasons))
