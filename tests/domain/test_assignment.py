"""Mediator suggestions and recusal grounds (REFERENCE §1.3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_desk.domain.assignment import Suggestion, rank_mediators, recusal_grounds
from mediation_desk.domain.enums import DisputeType, PartyRole, RelationKind
from mediation_desk.domain.models import Case, DeclaredRelation, Mediator, Party

ZHANG_ID = "11010519491231002X"
LI_ID = "440524188001010014"
OTHER_ID = "110105198001010016"  # valid, belongs to nobody in the case


def make_case(**kw) -> Case:
    parties = kw.pop("parties", None) or [
        Party(role=PartyRole.APPLICANT, name="张三", id_number=ZHANG_ID, village="张家村",
              position=0),
        Party(role=PartyRole.RESPONDENT, name="李四", id_number=LI_ID, village="李家庄",
              position=1, agent_name="王律师"),
    ]
    return Case(center_id="c", dispute_type=kw.pop("dispute_type", DisputeType.NEIGHBOUR),
                parties=parties, **kw)


def mediator(name: str, mid: str | None = None, **kw) -> Mediator:
    return Mediator(id=mid or f"id-{name}", center_id="c", name=name, **kw)


# ---------------------------------------------------------------------- recusal

def test_near_relative_by_name():
    m = mediator("赵红", relations=[DeclaredRelation(person_name="张三")])
    assert recusal_grounds(m, make_case()) == ["与当事人张三系近亲属（回避事由：近亲属）"]


def test_interest_and_other_wording():
    m = mediator("赵红", relations=[
        DeclaredRelation(person_name="李四", kind=RelationKind.INTEREST),
        DeclaredRelation(person_name="张三", kind=RelationKind.OTHER, note="同事"),
    ])
    assert recusal_grounds(m, make_case()) == [
        "与当事人张三存在其他可能影响公正的关系（回避事由：其他可能影响公正的关系；说明：同事）",
        "与当事人李四有利害关系（回避事由：有利害关系）",
    ]


def test_id_numbers_decide_when_both_present():
    same_name_other_person = mediator("赵红", relations=[
        DeclaredRelation(person_name="张三", id_number=OTHER_ID)])
    assert recusal_grounds(same_name_other_person, make_case()) == []
    other_name_same_person = mediator("赵红", relations=[
        DeclaredRelation(person_name="张三丰", id_number="11010519491231002x")])
    assert recusal_grounds(other_name_same_person, make_case()) == [
        "与当事人张三系近亲属（回避事由：近亲属）"]


def test_name_decides_when_an_id_is_missing():
    m = mediator("赵红", relations=[DeclaredRelation(person_name=" 张三 ", id_number=ZHANG_ID)])
    case = make_case(parties=[Party(role=PartyRole.APPLICANT, name="张三")])
    assert len(recusal_grounds(m, case)) == 1
    m2 = mediator("赵红", relations=[DeclaredRelation(person_name="张三")])
    assert len(recusal_grounds(m2, make_case())) == 1


def test_agent_matches():
    m = mediator("赵红", relations=[DeclaredRelation(person_name="王律师",
                                                     kind=RelationKind.INTEREST)])
    assert recusal_grounds(m, make_case()) == [
        "与当事人李四的代理人王律师有利害关系（回避事由：有利害关系）"]


def test_agent_id_number_matches():
    case = make_case(parties=[Party(role=PartyRole.APPLICANT, name="张三", agent_name="小王",
                                    agent_id_number=LI_ID)])
    m = mediator("赵红", relations=[DeclaredRelation(person_name="王小二", id_number=LI_ID)])
    assert recusal_grounds(m, case) == ["与当事人张三的代理人小王系近亲属（回避事由：近亲属）"]


def test_organisation_party_by_credit_code():
    case = make_case(parties=[Party(role=PartyRole.RESPONDENT, name="某物业公司",
                                    credit_code="91350100M000100Y43")])
    m = mediator("赵红", relations=[DeclaredRelation(
        person_name="某某物业", kind=RelationKind.INTEREST, id_number="91350100M000100Y43")])
    assert recusal_grounds(m, case) == ["与当事人某物业公司有利害关系（回避事由：有利害关系）"]


def test_no_false_positives():
    m = mediator("赵红", relations=[DeclaredRelation(person_name="王五"),
                                    DeclaredRelation(person_name="")])
    case = make_case(parties=[Party(role=PartyRole.APPLICANT, name="张三"),
                              Party(role=PartyRole.RESPONDENT, name="李四")])
    assert recusal_grounds(m, case) == []
    assert recusal_grounds(mediator("钱七"), make_case()) == []


def test_deleted_parties_are_ignored():
    case = make_case(parties=[Party(role=PartyRole.APPLICANT, name="张三", deleted=True)])
    m = mediator("赵红", relations=[DeclaredRelation(person_name="张三")])
    assert recusal_grounds(m, case) == []


def test_duplicate_grounds_collapse():
    m = mediator("赵红", relations=[DeclaredRelation(person_name="张三"),
                                    DeclaredRelation(person_name="张三")])
    assert len(recusal_grounds(m, make_case())) == 1


# --------------------------------------------------------------------- ranking

def test_ranking_and_reasons():
    neighbour = mediator("孙一", specialties=[DisputeType.NEIGHBOUR])
    village = mediator("周二", villages=["张家村"])
    idle = mediator("吴三")
    busy = mediator("郑四")
    ranked = rank_mediators(make_case(), [busy, idle, village, neighbour],
                            {busy.id: 5, village.id: 3, neighbour.id: 9})
    assert [s.mediator.name for s in ranked] == ["孙一", "周二", "吴三", "郑四"]
    assert ranked[0].reasons == ("擅长邻里纠纷", "在办案件9件")
    assert ranked[1].reasons == ("服务张家村", "在办案件3件")
    assert ranked[2].reasons == ("在办案件0件",)
    assert ranked[2].score > ranked[3].score
    assert not any(s.flagged for s in ranked)


def test_specialty_and_village_add_up():
    both = mediator("孙一", specialties=[DisputeType.NEIGHBOUR], villages=["李家庄", "张家村"])
    ranked = rank_mediators(make_case(), [both], {})
    assert ranked[0].reasons == ("擅长邻里纠纷", "服务张家村、李家庄", "在办案件0件")
    assert ranked[0].score == 6.0


def test_inactive_and_deleted_excluded():
    ms = [mediator("甲", active=False), mediator("乙", deleted=True), mediator("丙")]
    ranked = rank_mediators(make_case(), ms, {})
    assert [s.mediator.name for s in ranked] == ["丙"]


def test_flagged_ranked_last_never_dropped():
    related = mediator("孙一", specialties=[DisputeType.NEIGHBOUR], villages=["张家村"],
                       relations=[DeclaredRelation(person_name="张三", note="表哥")])
    plain = mediator("吴三")
    ranked = rank_mediators(make_case(), [related, plain], {plain.id: 40})
    assert [s.mediator.name for s in ranked] == ["吴三", "孙一"]
    assert ranked[1].flagged and not ranked[0].flagged
    assert ranked[1].recusal_grounds == ("与当事人张三系近亲属（回避事由：近亲属；说明：表哥）",)
    assert ranked[1].score > ranked[0].score  # still scored; only the order puts it last


def test_only_a_flagged_mediator_is_still_offered():
    m = mediator("赵红", relations=[DeclaredRelation(person_name="张三")])
    ranked = rank_mediators(make_case(), [m], {})
    assert len(ranked) == 1 and ranked[0].flagged


def test_ties_break_by_name_then_id():
    ms = [mediator("乙", "2"), mediator("甲", "9"), mediator("甲", "1")]
    ranked = rank_mediators(make_case(), ms, {})
    # names compare by code point (乙 U+4E59 before 甲 U+7532), then ids
    assert [(s.mediator.name, s.mediator.id) for s in ranked] == [
        ("乙", "2"), ("甲", "1"), ("甲", "9")]


def test_suggestion_is_frozen():
    s = rank_mediators(make_case(), [mediator("甲")], {})[0]
    assert isinstance(s, Suggestion)
    with pytest.raises(AttributeError):
        s.score = 1.0  # type: ignore[misc]


names = st.sampled_from(["甲", "乙", "丙", "丁"])


@given(st.lists(st.tuples(names, st.booleans(), st.booleans(), st.booleans(),
                          st.integers(0, 20)), max_size=12),
       st.randoms(use_true_random=False))
def test_ranking_properties(specs, rnd):
    ms, loads = [], {}
    for i, (name, specialist, related, active, load) in enumerate(specs):
        m = mediator(name, f"m{i:02d}", active=active,
                     specialties=[DisputeType.NEIGHBOUR] if specialist else [],
                     relations=[DeclaredRelation(person_name="李四")] if related else [])
        ms.append(m)
        loads[m.id] = load
    ranked = rank_mediators(make_case(), ms, loads)
    assert {s.mediator.id for s in ranked} == {m.id for m in ms if m.active}
    flags = [s.flagged for s in ranked]
    assert flags == sorted(flags)  # every unflagged one before every flagged one
    for group in (False, True):
        scores = [s.score for s in ranked if s.flagged is group]
        assert scores == sorted(scores, reverse=True)
    shuffled = ms[:]
    rnd.shuffle(shuffled)
    assert [s.mediator.id for s in rank_mediators(make_case(), shuffled, loads)] == [
        s.mediator.id for s in ranked]
