"""Triage into small claims / simple / complex (REFERENCE §4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desk.domain.enums import CaseFlag as F
from mediation_desk.domain.enums import PartyRole
from mediation_desk.domain.models import Case, Party
from mediation_desk.domain.triage import TriageCategory as T
from mediation_desk.domain.triage import TriageResult, triage
from mediation_desk.domain.validators import InvalidValue

WAGE = Decimal("90000")  # limit50 = 45000, limit200 = 180000


def make_case(amount: str | None = "3000", flags=(F.MONEY_ONLY, F.FACTS_CLEAR),
              applicants: int = 1, respondents: int = 1) -> Case:
    parties = [Party(role=PartyRole.APPLICANT, name=f"申请人{i}") for i in range(applicants)]
    parties += [Party(role=PartyRole.RESPONDENT, name=f"被申请人{i}") for i in range(respondents)]
    return Case(center_id="c", amount=None if amount is None else Decimal(amount),
                flags=set(flags), parties=parties)


def test_labels():
    assert [c.label for c in T] == [
        "小额诉讼候选", "双方同意可适用小额诉讼", "简单案件", "复杂案件"]
    assert T.SMALL_CLAIM == "small_claim" and T.SMALL_CLAIM_IF_AGREED == "small_claim_if_agreed"


@pytest.mark.parametrize("amount, category", [
    ("0.01", T.SMALL_CLAIM),
    ("3000", T.SMALL_CLAIM),
    ("45000", T.SMALL_CLAIM),  # exactly 50 %: included
    ("45000.01", T.SMALL_CLAIM_IF_AGREED),
    ("180000", T.SMALL_CLAIM_IF_AGREED),  # exactly 200 %: included
    ("180000.01", T.SIMPLE),
    ("5000000", T.SIMPLE),
])
def test_amount_limits(amount, category):
    assert triage(make_case(amount), WAGE).category is category


def test_small_claim_reason_names_amount_and_limit():
    result = triage(make_case("3000"), WAGE)
    assert result == TriageResult(T.SMALL_CLAIM, (
        "事实清楚、争议不大",
        "仅涉金钱给付，争议金额¥3,000.00不超过上年度就业人员年平均工资的50%（¥45,000.00）"))


def test_if_agreed_reason():
    reasons = triage(make_case("100000"), WAGE).reasons
    assert "双方当事人同意的可以适用小额诉讼程序" in reasons[-1]
    assert "¥45,000.00" in reasons[-1] and "¥180,000.00" in reasons[-1]


def test_above_200_percent_is_simple_with_reason():
    reasons = triage(make_case("200000"), WAGE).reasons
    assert reasons[-1] == ("争议金额¥200,000.00超过上年度就业人员年平均工资的200%"
                           "（¥180,000.00），不适用小额诉讼程序")


@pytest.mark.parametrize("flag, fragment", [
    (F.STATUS_OR_TITLE, "涉及身份关系或确权"),
    (F.FOREIGN, "涉外"),
    (F.APPRAISAL_NEEDED, "鉴定"),
    (F.COUNTERCLAIM, "反请求"),
])
def test_small_claim_exclusions_make_it_simple(flag, fragment):
    result = triage(make_case("3000", flags=(F.MONEY_ONLY, F.FACTS_CLEAR, flag)), WAGE)
    assert result.category is T.SIMPLE
    assert any(fragment in r and "不适用小额诉讼程序" in r for r in result.reasons)


def test_several_exclusions_are_all_reported():
    result = triage(make_case(flags=(F.MONEY_ONLY, F.FACTS_CLEAR, F.FOREIGN, F.COUNTERCLAIM)),
                    WAGE)
    assert result.category is T.SIMPLE
    assert len([r for r in result.reasons if "不适用小额诉讼程序" in r]) == 2


def test_not_money_only_is_simple():
    result = triage(make_case("3000", flags=(F.FACTS_CLEAR,)), WAGE)
    assert result.category is T.SIMPLE
    assert "不是单纯的金钱给付纠纷" in result.reasons[-1]


def test_missing_amount_is_simple():
    result = triage(make_case(None), WAGE)
    assert result.category is T.SIMPLE
    assert "未填写争议金额" in result.reasons[-1]


def test_facts_not_marked_clear_is_complex():
    result = triage(make_case("3000", flags=(F.MONEY_ONLY,)), WAGE)
    assert result == TriageResult(T.COMPLEX, ("尚未确认事实清楚、争议不大，暂按复杂案件处理",))


@pytest.mark.parametrize("flag, fragment", [
    (F.PARTY_MISSING, "下落不明"),
    (F.PUBLIC_INTEREST, "公共利益"),
])
def test_complex_signals(flag, fragment):
    result = triage(make_case("3000", flags=(F.MONEY_ONLY, F.FACTS_CLEAR, flag)), WAGE)
    assert result.category is T.COMPLEX
    assert any(fragment in r for r in result.reasons)


@pytest.mark.parametrize("applicants, respondents, category", [
    (9, 1, T.SMALL_CLAIM), (10, 1, T.COMPLEX), (1, 9, T.SMALL_CLAIM), (1, 10, T.COMPLEX),
    (9, 9, T.SMALL_CLAIM), (12, 15, T.COMPLEX),
])
def test_many_parties_on_one_side(applicants, respondents, category):
    result = triage(make_case(applicants=applicants, respondents=respondents), WAGE)
    assert result.category is category
    if category is T.COMPLEX:
        assert any("人数众多" in r for r in result.reasons)


def test_deleted_and_third_parties_do_not_count():
    case = make_case(applicants=9)
    case.parties.append(Party(role=PartyRole.APPLICANT, name="已删除", deleted=True))
    case.parties += [Party(role=PartyRole.THIRD_PARTY, name=f"第三人{i}") for i in range(10)]
    assert triage(case, WAGE).category is T.SMALL_CLAIM


def test_all_complex_reasons_are_listed():
    case = make_case(flags=(F.PARTY_MISSING, F.PUBLIC_INTEREST), applicants=10)
    assert len(triage(case, WAGE).reasons) == 3


@pytest.mark.parametrize("wage", [Decimal("0"), Decimal("-1")])
def test_wage_must_be_positive(wage):
    with pytest.raises(InvalidValue):
        triage(make_case(), wage)


@given(st.integers(0, 10**9).map(lambda fen: Decimal(fen) / 100),
       st.integers(1, 10**8).map(lambda fen: Decimal(fen) / 100),
       st.sets(st.sampled_from(list(F))))
def test_triage_properties(amount, wage, flags):
    case = make_case(str(amount), flags=flags)
    result = triage(case, wage)
    assert result.reasons and all(isinstance(r, str) and r for r in result.reasons)
    small = result.category in (T.SMALL_CLAIM, T.SMALL_CLAIM_IF_AGREED)
    if small:
        assert F.MONEY_ONLY in flags and F.FACTS_CLEAR in flags
        assert amount <= 2 * wage
        assert not flags & {F.STATUS_OR_TITLE, F.FOREIGN, F.APPRAISAL_NEEDED, F.PARTY_MISSING,
                            F.COUNTERCLAIM, F.PUBLIC_INTEREST}
    if result.category is T.SMALL_CLAIM:
        assert amount * 2 <= wage
    if flags & {F.PARTY_MISSING, F.PUBLIC_INTEREST} or F.FACTS_CLEAR not in flags:
        assert result.category is T.COMPLEX


def test_reason_names_province_and_year_of_the_wage():
    result = triage(make_case("3000"), WAGE, wage_year=2025, wage_province="山东省")
    assert result.reasons[-1] == ("仅涉金钱给付，争议金额¥3,000.00不超过山东省2025年度"
                                  "就业人员年平均工资的50%（¥45,000.00）")
    over = triage(make_case("200000"), WAGE, wage_year=2025, wage_province="山东省").reasons
    assert "超过山东省2025年度就业人员年平均工资的200%" in over[-1]
