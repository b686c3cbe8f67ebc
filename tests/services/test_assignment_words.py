"""Why a mediator is suggested, in the words the assign dialog shows."""

from __future__ import annotations

from mediation_desk.domain.enums import DisputeType
from mediation_desk.domain.models import Case, Mediator, Party
from mediation_desk.services.assignment_words import reason_words, worded_suggestions


def _case(*villages: str, kind: DisputeType = DisputeType.MARRIAGE_FAMILY) -> Case:
    case = Case(center_id="c")
    case.dispute_type = kind
    case.parties = [Party(case_id="", name=f"当事人{i}", village=v)
                    for i, v in enumerate(villages)]
    return case


def test_the_issue_s_example():
    m = Mediator(center_id="c", name="王芳", specialties=[DisputeType.MARRIAGE_FAMILY],
                 villages=["马尚村"])
    assert reason_words(_case("马尚村", "东村"), m, 3) == "擅长婚姻家庭、负责该村、当前在办3件"


def test_parts_that_apply_only():
    m = Mediator(center_id="c", name="李强", villages=["马尚村", "东村"])
    assert reason_words(_case("马尚村", "东村"), m, 0) == "负责当事人所在的2个村、当前没有在办案件"
    assert reason_words(_case("西村"), m, 12) == "当前在办12件"
    labelled = Mediator(center_id="c", name="赵敏", specialties=[DisputeType.NEIGHBOUR])
    assert reason_words(_case(kind=DisputeType.NEIGHBOUR), labelled, 1) == \
        "擅长邻里纠纷、当前在办1件"


def test_same_order_as_the_ranking_and_no_numbers_but_counts():
    a = Mediator(center_id="c", name="甲", specialties=[DisputeType.MARRIAGE_FAMILY])
    b = Mediator(center_id="c", name="乙")
    a.id, b.id = "a", "b"
    worded = worded_suggestions(_case("马尚村"), [b, a], {"a": 5})
    assert [w.suggestion.mediator.name for w in worded] == ["甲", "乙"]
    assert [w.reasons for w in worded] == ["擅长婚姻家庭、当前在办5件", "当前没有在办案件"]
    assert [w.open_cases for w in worded] == [5, 0]
