"""``villages``: the 村居 view on the command line, over the hand-made desk of village_samples."""

from __future__ import annotations

import json

import pytest

from mediation_desk.cli import run
from mediation_desk.domain.access import Role
from tests.cli.helpers import add_account, login_as, login_desk
from tests.conftest import Clock
from tests.storage.village_samples import NOVEMBER, NOVEMBER_ORDER, NOVEMBER_WUSONG, build


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """(db path, the fixture's case ids); made once, every verb here only reads it."""
    tmp = tmp_path_factory.mktemp("villages")
    clock = Clock()
    store = login_desk(tmp, "ZD-MS", clock=clock)
    try:
        d = build(store, clock)
        add_account(store, "只读员", Role.READONLY)
    finally:
        store.close()
    return tmp / "ZD-MS.db", d


def _tables(doc: dict) -> dict[str, dict]:
    return {t["key"]: t for t in doc["tables"]}


def test_the_text_lists_the_villages_then_the_candidates(desk, monkeypatch, capsys):
    db, _ = desk
    login_as(monkeypatch, "只读员")  # a read-only account may look at the statistics
    assert run(["villages", "--db", str(db), "--kind", "monthly", "--period", "2026-11"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "ZD-MS单位　村居纠纷情况　统计期间：2026年11月"
    start = lines.index("村（社区）纠纷情况（2026年11月）")
    assert lines[start + 1] == "村（社区）\t受理纠纷数\t重复纠纷\t调解成功数\t进入诉讼"
    rows = [line.split("\t") for line in lines[start + 2:start + 2 + len(NOVEMBER_ORDER)]]
    assert [r[0] for r in rows] == list(NOVEMBER_ORDER)
    assert rows[2] == ["北石村", "2", "1", "0", "2"]
    assert lines[start + 2 + len(NOVEMBER_ORDER)] == "合计\t18\t3\t3\t2"
    cand = lines.index("无讼村（社区）候选（2026年11月）")
    assert lines[cand + 1] == "村（社区）\t受理纠纷数\t调解成功数"
    assert [x.split("\t")[0] for x in lines[cand + 2:cand + 2 + len(NOVEMBER_WUSONG)]] == \
        list(NOVEMBER_WUSONG)
    assert "本期共5个" in out


def test_json_gives_every_cell_its_cases(desk, monkeypatch, capsys):
    db, d = desk
    login_as(monkeypatch)
    assert run(["villages", "--db", str(db), "--period", "2026-11", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["public"] is False and doc["period"]["code"] == "2026-11"
    tables = _tables(doc)
    villages = {r["key"]: r for r in tables["villages"]["rows"]}
    for village, measures in NOVEMBER.items():
        for column, letters in measures.items():
            cell = villages[village]["cells"][column]
            assert cell["case_ids"] == list(d.of(*letters))
            assert cell["value"] == len(cell["case_ids"])
    assert tables["villages"]["total"]["cells"]["to_court"]["case_ids"] == list(d.of("C", "H"))
    assert [r["label"] for r in tables["wusong"]["rows"]] == list(NOVEMBER_WUSONG)
    assert tables["wusong"]["total"] is None


def test_public_hides_small_cells_and_every_case_id(desk, monkeypatch, capsys):
    db, d = desk
    login_as(monkeypatch)
    assert run(["villages", "--db", str(db), "--from", "2026-11-01", "--to", "2026-11-30",
                "--public", "--json"]) == 0
    said = capsys.readouterr().out
    doc = json.loads(said)
    assert doc["public"] is True and "case_ids" not in said
    assert not any(cid in said for cid in d.ids.values())
    rows = {r["label"]: r["cells"] for r in _tables(doc)["villages"]["rows"]}
    assert rows["马尚村"]["accepted"] == {"key": "accepted", "value": None, "text": "<3",
                                         "suppressed": True}
    assert rows["湖田村"]["accepted"]["value"] == 5
    assert run(["villages", "--db", str(db), "--period", "2026-11", "--public"]) == 0
    text = capsys.readouterr().out
    assert "（对外发布）" in text and "马尚村\t<3\t0\t<3\t0" in text


@pytest.mark.parametrize("args,message", [
    ([], "请给出统计期间"),
    (["--period", "2026-13"], "--period 月份应写作“2026-11”"),
    (["--kind", "quarterly", "--period", "2026-4"], "--period 季度应写作“2026Q4”"),
    (["--from", "2026-11-01"], "需要同时给出 --from 和 --to"),
    (["--from", "2026-11-30", "--to", "2026-11-01"], "不能早于 --from"),
    (["--from", "2026/11/01", "--to", "2026-11-30"], "--from 应为日期"),
])
def test_a_wrong_period_is_a_usage_error_before_the_login(desk, monkeypatch, capsys, args,
                                                           message):
    db, _ = desk
    login_as(monkeypatch, None, None)  # no login needed to be told
    assert run(["villages", "--db", str(db), *args]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err
    assert captured.out == ""


def test_center_is_for_the_court_desk_and_a_wrong_password_is_refused(desk, monkeypatch,
                                                                       capsys):
    db, _ = desk
    login_as(monkeypatch)
    assert run(["villages", "--db", str(db), "--period", "2026-11", "--center", "ZD-MS"]) == 1
    assert "只用于法院联络台" in capsys.readouterr().err
    login_as(monkeypatch, password="wrong-password-1")
    assert run(["villages", "--db", str(db), "--period", "2026-11"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err and captured.err
