"""``add --json`` checks 民族 and 职业 as the registration form does (one validator)."""

from __future__ import annotations

import json

from mediation_desk.services.auth import login
from mediation_desk.services.cases import CaseService
from tests.cli.conftest import USER, run
from tests.cli.helpers import PASSWORD
from tests.conftest import case_input, party


def _case(**applicant) -> dict:
    return case_input(parties=[party("applicant", "张三", "11010519491231002X", **applicant),
                               party("respondent", "李四", "440524188001010014")])


def test_an_unknown_ethnicity_is_refused_in_chinese_and_nothing_saved(desk, tmp_path, home):
    f = tmp_path / "bad.json"
    bad = {"kind": "organisation", "role": "respondent", "name": "淄博鑫源建材有限公司",
           "occupation": "建材"}
    f.write_text(json.dumps({"cases": [_case(ethnicity="火星族"),
                                       case_input(parties=[party("applicant", "王五"), bad])]},
                            ensure_ascii=False), encoding="utf-8")
    r = run("add", "--db", str(desk), "--json", str(f), home=home)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "cases[0].parties[0].ethnicity" in r.stderr
    assert "“火星族”不是我国56个民族的名称之一" in r.stderr
    assert "cases[1].parties[1].occupation：单位当事人不填写民族和职业" in r.stderr
    assert json.loads(run("cases", "--db", str(desk), "--json", home=home).stdout) == []


def test_ethnicity_and_occupation_are_saved_and_shown(desk, tmp_path, home):
    f = tmp_path / "ok.json"
    f.write_text(json.dumps(_case(ethnicity="回", occupation="个体工商户"), ensure_ascii=False),
                 encoding="utf-8")
    r = run("add", "--db", str(desk), "--json", str(f), home=home)
    assert r.returncode == 0, r.stderr
    [listed] = json.loads(run("cases", "--db", str(desk), "--json", home=home).stdout)
    store = login(desk, USER, PASSWORD)
    try:
        case = CaseService(store).get(listed["id"])
    finally:
        store.close()
    applicant = next(p for p in case.parties if p.name == "张三")
    assert applicant.ethnicity == "回族"  # the short form is stored as the official name
    assert applicant.occupation == "个体工商户"
