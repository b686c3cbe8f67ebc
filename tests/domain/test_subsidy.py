"""以案定补: the rate table (parsing, checks, which rule applies) and the sheet's arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mediation_desk.domain.enums import CaseFlag, DisputeType, PartyRole
from mediation_desk.domain.errors import ValidationError
from mediation_desk.domain.models import Case, Party
from mediation_desk.domain.statistics import ReportPeriod
from mediation_desk.domain.subsidy import (
    Closing,
    SubsidyOutcome,
    SubsidyRates,
    SubsidyRule,
    complex_reason,
    compute_sheet,
    rate_problems,
    rates_from_wire,
    rates_to_wire,
    split_equally,
)

S, F, ANY = SubsidyOutcome.SUCCEEDED, SubsidyOutcome.FAILED, SubsidyOutcome.ANY
NOV = ReportPeriod.month(2026, 11)


def rule(dtype: DisputeType | None, outcome: SubsidyOutcome, amount: str, start: str,
         end: str | None = None, times: str | None = None) -> SubsidyRule:
    return SubsidyRule(dtype, outcome, Decimal(amount), date.fromisoformat(start),
                       date.fromisoformat(end) if end else None,
                       Decimal(times) if times else None)


RATES = SubsidyRates((
    rule(None, S, "100", "2026-01-01"),
    rule(DisputeType.NEIGHBOUR, S, "50", "2026-01-01", "2026-11-15"),
    rule(DisputeType.NEIGHBOUR, S, "80", "2026-11-16"),
    rule(DisputeType.CONTRACT, ANY, "200", "2026-01-01", times="1.5"),
    rule(None, F, "30", "2026-01-01"),
), complex_multiplier=Decimal("2"))


# -- which rule applies ------------------------------------------------------------------
def test_the_most_specific_rule_in_force_on_the_counting_date_applies():
    def amount(dtype: DisputeType, outcome: SubsidyOutcome, on: str) -> Decimal | None:
        r = RATES.rule_for(dtype, outcome, date.fromisoformat(on))
        return r.amount if r else None

    assert amount(DisputeType.NEIGHBOUR, S, "2026-11-15") == Decimal("50")  # last day, inclusive
    assert amount(DisputeType.NEIGHBOUR, S, "2026-11-16") == Decimal("80")  # first day
    assert amount(DisputeType.LABOUR, S, "2026-11-16") == Decimal("100")  # 全部
    assert amount(DisputeType.NEIGHBOUR, F, "2026-11-16") == Decimal("30")  # 全部·不成
    assert amount(DisputeType.CONTRACT, F, "2026-11-16") == Decimal("200")  # its own, both
    assert amount(DisputeType.LABOUR, S, "2025-12-31") is None  # before any rule


def test_a_rules_own_multiplier_beats_the_tables():
    contract = RATES.rule_for(DisputeType.CONTRACT, S, date(2026, 11, 1))
    neighbour = RATES.rule_for(DisputeType.NEIGHBOUR, S, date(2026, 11, 1))
    assert contract is not None and neighbour is not None
    assert RATES.multiplier_of(contract) == Decimal("1.5")
    assert RATES.multiplier_of(neighbour) == Decimal("2")


# -- the checks ---------------------------------------------------------------------------
def test_overlapping_rules_of_the_same_specificity_are_refused_naming_both_rows():
    rates = SubsidyRates((rule(DisputeType.NEIGHBOUR, S, "50", "2026-01-01", "2026-11-30"),
                          rule(None, S, "100", "2026-01-01"),  # 全部: less specific, fine
                          rule(DisputeType.NEIGHBOUR, ANY, "80", "2026-11-16")))
    problems = rate_problems(rates)
    assert list(problems) == ["rules"]
    (message,) = problems["rules"]
    assert message.startswith("第1条与第3条重叠") and "邻里纠纷" in message
    assert "2026-01-01至2026-11-30" in message and "2026-11-16至长期" in message


@pytest.mark.parametrize("second", [
    rule(DisputeType.NEIGHBOUR, S, "80", "2026-11-16"),  # starts the day after
    rule(DisputeType.NEIGHBOUR, F, "20", "2026-01-01"),  # the other outcome
    rule(DisputeType.LABOUR, S, "80", "2026-01-01"),  # another type
    rule(None, ANY, "80", "2026-01-01"),  # 全部
])
def test_rules_that_do_not_compete_are_accepted(second):
    first = rule(DisputeType.NEIGHBOUR, S, "50", "2026-01-01", "2026-11-15")
    assert rate_problems(SubsidyRates((first, second))) == {}


def test_every_bad_cell_is_named_by_its_row_and_field():
    with pytest.raises(ValidationError) as err:
        rates_from_wire({"complex_multiplier": "0.5", "rules": [
            {"dispute_type": "火星纠纷", "outcome": "调解成功", "amount": "50",
             "effective_from": "2026-01-01"},
            {"dispute_type": "全部", "outcome": "成功", "amount": "五十",
             "effective_from": "2026/01/01"},
            {"dispute_type": "全部", "outcome": "", "amount": "", "effective_from": ""},
        ]})
    problems = err.value.problems
    assert problems["complex_multiplier"] == ["疑难复杂倍数应在1到10之间"]  # in the same pass
    assert problems["rules.1.dispute_type"] == [
        "第1条：没有这个纠纷类型：火星纠纷（可写“全部”或如“邻里纠纷”）"]
    assert problems["rules.2.amount"] == ["第2条：补贴金额应为数字，例如 100 或 12.5"]
    assert problems["rules.2.effective_from"] == ["第2条：起始日期应写作 2026-01-01：2026/01/01"]
    assert problems["rules.3.outcome"] == ["第3条：请填写适用结果"]
    assert problems["rules.3.amount"] == ["第3条：请填写补贴金额"]
    assert problems["rules.3.effective_from"] == ["第3条：请填写起始日期"]


def test_values_out_of_range_are_refused():
    with pytest.raises(ValidationError) as err:
        rates_from_wire({"complex_multiplier": "0.5", "rules": [
            {"outcome": "调解成功", "amount": "12.345", "effective_from": "2026-03-01",
             "effective_to": "2026-02-01", "complex_multiplier": "20"},
            {"outcome": "调解不成", "amount": "100001", "effective_from": "1999-12-31"},
        ]})
    p = err.value.problems
    assert p["complex_multiplier"] == ["疑难复杂倍数应在1到10之间"]
    assert p["rules.1.amount"] == ["第1条：补贴金额最多精确到分（两位小数）"]
    assert p["rules.1.effective_to"] == ["第1条：截止日期早于起始日期"]
    assert p["rules.1.complex_multiplier"] == ["第1条：疑难复杂倍数应在1到10之间，最多两位小数"]
    assert p["rules.2.amount"] == ["第2条：补贴金额应在0到100000元之间"]
    assert p["rules.2.effective_from"] == ["第2条：起始日期不能早于2000-01-01"]


def test_the_wire_form_round_trips_and_accepts_labels_or_ids():
    wire = rates_to_wire(RATES)
    assert wire["rules"][1] == {"dispute_type": "neighbour", "outcome": "succeeded",
                                "amount": "50", "effective_from": "2026-01-01",
                                "effective_to": "2026-11-15", "complex_multiplier": None,
                                "note": ""}
    assert rates_from_wire(wire) == RATES
    labelled = rates_from_wire({"complex_multiplier": "×2", "rules": [
        {"dispute_type": "邻里纠纷", "outcome": "调解不成", "amount": "1,000元",
         "effective_from": "2026-01-01"}]})
    assert labelled.rules[0] == rule(DisputeType.NEIGHBOUR, F, "1000", "2026-01-01")
    assert labelled.complex_multiplier == Decimal("2")


def test_unknown_fields_are_refused_rather_than_ignored():
    with pytest.raises(ValidationError) as err:
        rates_from_wire({"rules": [{"outcome": "调解成功", "amount": "5",
                                    "effective_from": "2026-01-01", "amout": "50"}],
                         "multiplier": 2})
    assert "rates" in err.value.problems and "rules.1" in err.value.problems


# -- complexity -----------------------------------------------------------------------------
def _case(flags: set[CaseFlag], respondents: int = 1) -> Case:
    parties = [Party(role=PartyRole.APPLICANT, name="甲")]
    parties += [Party(role=PartyRole.RESPONDENT, name=f"乙{i}") for i in range(respondents)]
    return Case(center_id="c", flags=flags, parties=parties)


def test_complex_is_the_flag_or_a_firm_triage_reason_not_the_provisional_one():
    assert complex_reason(_case({CaseFlag.COMPLEX})) == "标记为疑难复杂"
    assert "下落不明" in complex_reason(_case({CaseFlag.PARTY_MISSING}))
    assert "人数众多" in complex_reason(_case(set(), respondents=10))
    # triage says 复杂案件 until the facts are marked clear; that alone is not 疑难复杂
    assert complex_reason(_case(set())) == ""
    assert complex_reason(_case({CaseFlag.FACTS_CLEAR}, respondents=9)) == ""


# -- the sheet ------------------------------------------------------------------------------
def test_split_equally_keeps_every_fen_and_gives_the_odd_ones_to_the_first():
    assert split_equally(Decimal("100"), 3) == [Decimal("33.34"), Decimal("33.33"),
                                                Decimal("33.33")]
    assert split_equally(Decimal("0.05"), 2) == [Decimal("0.03"), Decimal("0.02")]
    assert split_equally(Decimal("160"), 2) == [Decimal("80.00"), Decimal("80.00")]
    for amount in ("0.01", "99.99", "1234.57"):
        for n in (1, 2, 3, 7):
            assert sum(split_equally(Decimal(amount), n)) == Decimal(amount)


def closing(n: int, dtype: DisputeType, outcome: SubsidyOutcome, day: int, *people: str,
            **kw) -> Closing:
    return Closing(case_id=f"c{n}", number=f"（2026）马尚调字第{n}号", dispute_type=dtype,
                   outcome=outcome, closed_on=date(2026, 11, day),
                   mediators=tuple((p, p) for p in people), **kw)


def test_compute_sheet_applies_rates_multipliers_and_the_unpaid_rules():
    sheet = compute_sheet(NOV, "马尚街道调解中心", [
        closing(1, DisputeType.NEIGHBOUR, S, 10, "周明"),  # 50
        closing(2, DisputeType.NEIGHBOUR, S, 20, "周明", "吴刚",
                complex_reason="标记为疑难复杂"),  # 80 × 2, halved
        closing(3, DisputeType.CONTRACT, F, 5, "吴刚", complex_reason="x"),  # 200 × 1.5
        closing(4, DisputeType.LABOUR, F, 13, "吴刚", mediated=False),  # no session: 0
        closing(5, DisputeType.DAMAGES, F, 26, "周明", paid_before=date(2026, 10, 20)),  # 0
        closing(6, DisputeType.LABOUR, S, 2, "周明"),  # 100
        closing(7, DisputeType.TRAFFIC, F, 18),  # nobody: listed, unpaid
    ], RATES, today=date(2026, 12, 3))
    lines = {line.mediator_name: line for line in sheet.lines}
    assert [line.mediator_name for line in sheet.lines] == ["吴刚", "周明"]
    assert lines["周明"].total == Decimal("230.00")  # 100 + 50 + 80 + 0
    assert lines["吴刚"].total == Decimal("380.00")  # 300 + 0 + 80
    assert sheet.total == Decimal("610.00") and sheet.total_capital == "陆佰壹拾元整"
    by_case = {i.case_id: i for line in sheet.lines for i in line.items}
    assert by_case["c3"].case_amount == Decimal("300.00") and by_case["c3"].multiplier == \
        Decimal("1.5")
    assert by_case["c4"].share == 0 and "无调解记录" in by_case["c4"].note
    assert by_case["c5"].share == 0 and "已于2026年10月" in by_case["c5"].note
    assert [i.number for i in lines["周明"].items] == [  # by date within a line
        "（2026）马尚调字第6号", "（2026）马尚调字第1号", "（2026）马尚调字第2号",
        "（2026）马尚调字第5号"]
    assert [i.case_id for i in sheet.unassigned] == ["c7"]
    assert sorted(sheet.case_ids) == [f"c{n}" for n in range(1, 8)]  # each case once
    assert sheet.title == "2026年11月以案定补补贴发放表"


def test_a_case_without_an_applicable_rule_is_listed_with_nothing_paid():
    sheet = compute_sheet(NOV, "", [closing(1, DisputeType.LABOUR, S, 3, "周明")],
                          SubsidyRates(), today=date(2026, 12, 1))
    (item,) = sheet.lines[0].items
    assert item.share == 0 and item.rule is None and item.note == "无适用的补贴标准"
    assert sheet.total == 0 and sheet.total_capital == "零元整"
