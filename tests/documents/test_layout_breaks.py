"""One line-breaking rule for every kind (issue 13, item 3): no line of any generated paper
starts with closing punctuation (「），」「）。」「）：」 included) or ends with an opening
bracket, at lengths that move the brackets across every position of a line."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from mediation_desk.documents.kinds import KINDS
from mediation_desk.domain.enums import EndReason, Performance
from mediation_desk.services.mediation import AgreementInput
from tests.conftest import case_input, party
from tests.documents.conftest import ACTOR, COURT_NO
from tests.documents.layout_tools import bad_breaks

PHRASE = "申请人（含其家属）称，被申请人（物业公司）多收费用（含停车费），"


def _text(n: int) -> str:
    """Bracket-heavy text whose brackets land on a different column for each ``n``."""
    return "甲" * n + (PHRASE * 6) + "双方确认（见附件一）。"


def _people(n: int):
    return [party("applicant", "张三", "11010519491231002X", "13812341234",
                  address="淄博市（张店区）马尚街道" + "甲" * n + "村（东）",
                  agent={"name": "张小明", "relation": "儿子（成年）", "phone": "13700001111"}),
            party("respondent", "李四（经营者）", "440524188001010014", "13900001111",
                  address="马尚村（西区）")]


def _cases(svc, mediator, n: int):
    agreed = svc.register(ACTOR, case_input(
        source="court_delegated", court_case_number=COURT_NO, received_on="2026-02-02",
        facts=_text(n), claims=_text(n + 3), parties=_people(n)))
    svc.accept(ACTOR, agreed.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, agreed.id, [mediator.id])
    svc.record_investigation(ACTOR, agreed.id, notes=_text(n + 1), place="物业（办公室）",
                             participants="赵六（会计）", occurred_at=datetime(2026, 2, 5, 9))
    svc.record_session(ACTOR, agreed.id, notes=_text(n + 2), place="调解室（一）",
                       participants="王五（村主任）", occurred_at=datetime(2026, 2, 10, 9))
    svc.record_agreement(ACTOR, agreed.id, AgreementInput(
        clauses=[_text(n + k) for k in range(3)], facts=_text(n + 4),
        performance_method="银行转账（一次付清）", performance_place="张店区（马尚）",
        performance_deadline=date(2026, 3, 31), amount=Decimal("40000"),
        effective_on=date(2026, 2, 20)))
    svc.follow_up(ACTOR, agreed.id, performance=Performance.IN_PROGRESS, satisfaction=4,
                  notes=_text(n + 5), on=date(2026, 3, 1))
    failed = svc.register(ACTOR, case_input(
        source="court_delegated", court_case_number=COURT_NO.replace("12", "13"),
        received_on="2026-02-02", facts=_text(n), parties=_people(n)))
    svc.accept(ACTOR, failed.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, failed.id, [mediator.id])
    svc.terminate(ACTOR, failed.id, reason=EndReason.GAP_TOO_LARGE, notes=_text(n))
    return agreed, failed


@pytest.mark.parametrize("n", [0, 7, 13])
def test_no_bad_line_breaks_in_any_kind(docs, svc, mediator, n):
    agreed, failed = _cases(svc, mediator, n)
    checked = 0
    for kind in KINDS:
        for case in (agreed, failed):
            try:
                pdf = docs.generate(ACTOR, case.id, kind).pdf
            except Exception as exc:  # a kind refused for this case (e.g. 终止告知书 when agreed)
                if type(exc).__name__ not in ("DomainError", "TransitionError"):
                    raise
                continue
            assert bad_breaks(pdf) == [], (kind, n)
            checked += 1
    assert checked >= len(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_bad_line_breaks_on_blank_forms(docs, kind):
    assert bad_breaks(docs.generate(ACTOR, None, kind, blank=True).pdf) == [], kind
