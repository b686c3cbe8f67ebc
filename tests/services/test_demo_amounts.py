"""Demo amounts are plausible for the dispute and the clause they appear in (issue 17): no
「赡养费每月60,500元」. The ranges here are the issue's, written down apart from the
generator's own table (services/demo_text.py)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from mediation_desk.domain.enums import DisputeType as D
from mediation_desk.services import demo_text
from mediation_desk.services.demo import build_demo, open_demo
from mediation_desk.services.demo_cases import _amount

TODAY = date(2026, 6, 1)
MONTHLY = (100, 5_000)  # 赡养费 / 抚养费 a month: a few hundred to a few thousand yuan
BY_TYPE = {
    D.MARRIAGE_FAMILY: MONTHLY,
    D.NEIGHBOUR: (100, 50_000),  # hundreds to tens of thousands
    D.HOUSING_HOMESTEAD: (500, 100_000),
    D.CONTRACT: (1_000, 500_000),
    D.PRODUCTION_BUSINESS: (1_000, 500_000),
    D.DAMAGES: (100, 50_000),
    D.FOREST_LAND: (100, 50_000),
    D.LAND_REQUISITION: (1_000, 300_000),
    D.ENVIRONMENT: (500, 50_000),
    D.LABOUR: (1_000, 100_000),  # wages: thousands to tens of thousands
    D.CONSUMER: (100, 20_000),
    D.MEDICAL: (1_000, 300_000),
    D.TRAFFIC: (1_000, 500_000),  # thousands to a few hundred thousand
    D.PROPERTY_MANAGEMENT: (100, 5_000),  # property fees: hundreds to a few thousand
    D.OTHER: (100, 50_000),
}
# a clause naming what it pays: that kind's range, whatever the dispute type
BY_CLAUSE = {"赡养费": MONTHLY, "抚养费": MONTHLY, "物业费": (100, 5_000), "工资": (1_000, 100_000)}
_YUAN = re.compile(r"(\d[\d,]*)元")


def _within(value: Decimal, span: tuple[int, int]) -> bool:
    return span[0] <= value <= span[1]


def _ranges(dtype: D, text: str) -> list[tuple[int, int]]:
    return [BY_TYPE[dtype], *(span for word, span in BY_CLAUSE.items() if word in text)]


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    path = tmp_path_factory.mktemp("amounts") / "demo.db"
    build_demo(path, cases=400, seed=2, today=TODAY)
    store = open_demo(path, readonly=True)
    try:
        ids = [r[0] for r in store.db.execute("SELECT id FROM cases ORDER BY seq")]
        out = []
        for cid in ids:
            case = store.cases.get(cid)
            assert case is not None
            out.append((case, store.items.agreements_of(cid)))
        return out
    finally:
        store.close()


def test_every_case_amount_is_in_its_type_range_and_is_the_one_its_texts_name(cases):
    for case, _agreements in cases:
        assert case.amount is not None and case.amount == case.amount.to_integral_value()
        for span in _ranges(case.dispute_type, case.facts + case.claims):
            assert _within(case.amount, span), (case.dispute_type, case.amount, case.claims)
        for text in (case.facts, case.claims):
            for figure in _YUAN.findall(text):
                assert Decimal(figure.replace(",", "")) == case.amount, text


def test_every_agreement_clause_amount_is_in_its_range(cases):
    clauses = 0
    for case, agreements in cases:
        for agreement in agreements:
            assert agreement.amount == case.amount
            for clause in agreement.clauses:
                for figure in _YUAN.findall(clause):
                    value = Decimal(figure.replace(",", ""))
                    assert value == agreement.amount, clause
                    for span in _ranges(case.dispute_type, clause):
                        assert _within(value, span), (case.dispute_type, clause)
                    clauses += 1
    assert clauses > 100  # the build has agreements with amounts to check


def test_amounts_vary_within_a_type(cases):
    family = {c.amount for c, _ in cases if c.dispute_type is D.MARRIAGE_FAMILY}
    assert len(family) >= 10


@pytest.mark.parametrize("dtype", list(demo_text.NARRATIVES))
def test_every_narrative_keeps_its_extremes_in_range(dtype):
    """The smallest and largest amount each narrative can draw, whether the build drew
    that narrative or not."""
    for _facts, claims, clause, span in demo_text.NARRATIVES[dtype]:
        for size in (0.0, 0.5, 0.999999):
            for rounding in (0.0, 0.9):
                value = _amount(span, size, rounding)
                for allowed in _ranges(dtype, claims + clause):
                    assert _within(value, allowed), (dtype, clause, value)
