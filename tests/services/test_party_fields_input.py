"""民族 and 职业 in case input (services/case_input.py): the form, add --json, the ledger and
referral imports all parse parties here."""

from __future__ import annotations

from datetime import date

from mediation_desk.services.case_input import parse_case
from tests.conftest import case_input, party

TODAY = date(2026, 3, 2)


def _parse(*parties, kept=None):
    return parse_case(case_input(parties=list(parties)), center_id="c", today=TODAY, kept=kept)


def test_official_names_are_stored_and_others_refused_by_path():
    case, problems = _parse(party("applicant", "张三", ethnicity="汉", occupation=" 农民 "),
                            party("respondent", "李四", ethnicity="火星族"))
    assert case.parties[0].ethnicity == "汉族" and case.parties[0].occupation == "农民"
    assert list(problems.items) == ["parties[1].ethnicity"]
    assert "不是我国56个民族的名称之一" in problems.items["parties[1].ethnicity"][0]


def test_an_organisation_has_neither():
    org = {"kind": "organisation", "role": "respondent", "name": "某公司", "ethnicity": "汉族",
           "occupation": "物业"}
    _case, problems = _parse(party("applicant", "张三"), org)
    assert problems.items == {"parties[1].ethnicity": ["单位当事人不填写民族和职业"],
                              "parties[1].occupation": ["单位当事人不填写民族和职业"]}


def test_an_old_value_left_untouched_does_not_block_an_edit():
    stored, _ = _parse(party("applicant", "张三"), party("respondent", "李四"))
    stored.parties[1].ethnicity = "穿青人"  # saved before the rule, or from another desk
    old = {**party("respondent", "李四", ethnicity="穿青人"), "id": stored.parties[1].id}
    case, problems = _parse(party("applicant", "张三"), old, kept=stored)
    assert not problems.items and case.parties[1].ethnicity == "穿青人"
    changed = {**old, "ethnicity": "穿青"}  # typed anew: the rule applies
    _case, problems = _parse(party("applicant", "张三"), changed, kept=stored)
    assert list(problems.items) == ["parties[1].ethnicity"]
    # a new case never keeps it
    _case, problems = _parse(party("applicant", "张三"), old)
    assert list(problems.items) == ["parties[1].ethnicity"]


def test_editing_a_case_keeps_an_old_ethnicity_nobody_touched(store):
    from mediation_desk.services.cases import CaseService

    svc = CaseService(store)
    case = svc.register("主任", case_input())
    case.parties[1].ethnicity = "穿青人"  # as a record saved before the rule holds it
    with store.operation("主任", "test_legacy_value", case_id=case.id) as work:
        work.save_case(case)
    stored = svc.get(case.id)
    data = case_input(facts="双方因通道堆放杂物发生争议，现已查明。")  # the form sends it all
    for given, p in zip(data["parties"], stored.parties, strict=True):
        given.update(id=p.id, **({"ethnicity": p.ethnicity} if p.ethnicity else {}))
    svc.update_details("主任", case.id, data)
    edited = svc.get(case.id)
    assert edited.facts.endswith("现已查明。") and edited.parties[1].ethnicity == "穿青人"
