"""``add --json`` applies the same rules as the forms and the import (record_rules):
each hostile value is refused naming its path, and nothing is saved."""

from __future__ import annotations

import json

from tests.cli.conftest import run
from tests.conftest import case_input, party


def _with_party(name: str = "张三", **kw) -> dict:
    applicant = party("applicant", name, "11010519491231002X", "13812341234")
    applicant.update(kw)
    return case_input(parties=[applicant, party("respondent", "李四", "440524188001010014")])


ATTACKS = [
    (case_input(amount="-100"), "amount", "金额不能为负数"),
    (case_input(amount="12.345"), "amount", "两位小数"),
    (case_input(amount="20000亿"), "amount", "金额过大"),
    (_with_party(phone="<script>"), "parties[0].phone", "联系电话只能包含"),
    (_with_party("张\x00三"), "parties[0].name", "U+0000"),
    (_with_party("张三\u202egpj.exe"), "parties[0].name", "改变文字方向的隐藏字符（U+202E）"),
    (_with_party("张\u200b三"), "parties[0].name", "零宽度的隐藏字符（U+200B）"),
    (_with_party("\x1b[31m张三"), "parties[0].name", "终端转义序列"),
    (_with_party(address="马尚村\u200d1号"), "parties[0].address", "U+200D"),
    (case_input(facts="事" * 100_000), "facts", "不能超过20,000个字"),
    (case_input(title="纠纷\u2066"), "title", "U+2066"),
    (case_input(received_on="1900-01-01"), "received_on", "早于1949年10月1日"),
]


def test_hostile_values_are_refused_by_path_and_nothing_is_saved(desk, tmp_path, home):
    f = tmp_path / "hostile.json"
    f.write_text(json.dumps({"cases": [a for a, _p, _m in ATTACKS]}), encoding="utf-8")
    r = run("add", "--db", str(desk), "--json", str(f), home=home)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    lines = r.stderr.splitlines()
    for i, (_case, path, message) in enumerate(ATTACKS):
        assert any(f"cases[{i}].{path}" in line and message in line for line in lines), (
            path, message, r.stderr)
    r = run("cases", "--db", str(desk), "--json", home=home)
    assert json.loads(r.stdout) == []


def test_rare_characters_and_normalisation_pass(desk, tmp_path, home):
    f = tmp_path / "ok.json"
    f.write_text(json.dumps(_with_party("𠮷野张三", address="Jose\u0301路1号"),
                            ensure_ascii=False), encoding="utf-8")
    r = run("add", "--db", str(desk), "--json", str(f), home=home)
    assert r.returncode == 0, r.stderr
    shown = json.loads(run("cases", "--db", str(desk), "--json", home=home).stdout)
    assert len(shown) == 1
