"""Search: 1, 2, 3 and 4+ character terms give the same answers as a plain substring scan."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_desk.domain.queries import CaseFilter
from mediation_desk.services.cases import CaseService
from tests.conftest import case_input, party

NAMES = ["张三", "张三丰", "李四", "王小明", "欧阳娜娜", "李", "赵敏", "张伟", "王伟"]


@pytest.fixture
def searchable(store):
    svc = CaseService(store)
    rng = random.Random(3)
    texts = {}
    for i in range(30):
        a, b = rng.sample(NAMES, 2)
        phone = f"13{rng.randint(0, 999999999):09d}"
        c = svc.register("甲", case_input(
            facts=f"第{i}号纠纷，{a}与{b}在马尚村发生争执。",
            parties=[party("applicant", a, phone=phone), party("respondent", b)]))
        texts[c.id] = "\n".join([c.number, a, phone, b, c.facts, "马尚村"])
    return svc, texts


def brute(texts, q):
    return {cid for cid, t in texts.items() if all(term.lower() in t.lower() for term in q.split())}


@pytest.mark.parametrize("q", ["张", "张三", "张三丰", "欧阳娜娜", "李", "王伟", "13", "马尚",
                               "马尚村", "第1号", "纠纷", "张 李四", "不存在的人"])
def test_search_matches_substring_semantics(searchable, q):
    svc, texts = searchable
    got = {r.id for r in svc.list(CaseFilter(text=q), limit=1000)}
    assert got == brute(texts, q)
    assert svc.count(CaseFilter(text=q)) == len(got)


def test_phone_fragment(searchable):
    svc, texts = searchable
    some = next(iter(texts.values())).split("\n")[2]
    for frag in (some[:3], some[3:7], some[-4:], some[-2:]):
        got = {r.id for r in svc.list(CaseFilter(text=frag), limit=1000)}
        assert got == brute(texts, frag), frag


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="张三丰李四王小明欧阳娜敏伟马尚村纠1234", min_size=1, max_size=5))
def test_any_fragment(searchable, q):
    svc, texts = searchable
    got = {r.id for r in svc.list(CaseFilter(text=q), limit=1000)}
    assert got == brute(texts, q)


def test_char_split_matches_the_character_classification_everywhere():
    """The regex behind char_split classifies every code point like _is_token_char."""
    import sys

    from mediation_desk.storage import search
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        token = search._is_token_char(ch) and ch != search.BOUNDARY
        split = search.char_split(f"a{ch}b")
        assert split == (f"a {ch} b" if token else f"a {search.BOUNDARY} b"), hex(cp)
    assert search.char_split("，张 三\n__李") == " ".join(
        [search.BOUNDARY, "张", search.BOUNDARY, "三", search.BOUNDARY, "李"])


def test_a_remembered_search_sees_new_cases(searchable):
    """The page-then-count memo of a search is dropped when the database changes."""
    svc, texts = searchable
    flt = CaseFilter(text="王小明")
    before = svc.count(flt)
    assert before == len(brute(texts, "王小明"))
    svc.register("甲", case_input(parties=[party("applicant", "王小明"),
                                          party("respondent", "李")]))
    assert svc.count(flt) == before + 1
    assert len(svc.list(flt, limit=1000)) == before + 1


def test_digit_grams_are_the_runs_of_digits_as_4_digit_grams():
    from mediation_desk.storage import search

    assert search.digit_grams("（2026）马尚调字第70621号\n13712345678\n123\nX37x") == (
        "2026 z 7062 0621 z 1371 3712 7123 1234 2345 3456 4567 5678 z x37x")
    assert search.digit_grams("无数字，只有 123 和 12") == ""
    assert search.digit_rows([(1, "a 123"), (2, "37030220040202227X")]) == [
        (2, "3703 7030 0302 3022 0220 2200 2004 0040 0402 4020 0202 2022 0222 2227 227x")]


def test_terms_of_4_or_more_digits_go_to_the_digit_index():
    from mediation_desk.storage import search

    got = [(q.table, q.expr) for q in search.queries_for("张 227X 13712345 123 马尚村 2026")]
    assert got == [("case_fts", '"123" AND "马尚村"'), ("case_fts_chars", '"张"'),
                   (search.DIGITS, '"227x" AND "1371 3712 7123 1234 2345" AND "2026"')]


def test_digit_terms_match_inside_one_run_only(store):
    """Two runs of digits side by side in the text (across punctuation, a field's end, a
    letter) never make one: 12345 is not found in 1234，2345; X and x are the same."""
    svc = CaseService(store)
    a = svc.register("甲", case_input(title="账号1234，2345号", facts="编号9876a5432，尾号5678"))
    b = svc.register("甲", case_input(
        title="账号12345号", parties=[party("applicant", "王五", address="东路0111号"),
                                    party("respondent", "赵六")]))

    def found(q: str) -> set[str]:
        return {r.id for r in svc.list(CaseFilter(text=q), limit=1000)}

    assert found("12345") == {b.id}
    assert found("1234") == {a.id, b.id}
    assert found("2345") == {a.id, b.id}
    assert found("98765") == set() and found("65432") == set() and found("9876") == {a.id}
    # the default parties: 11010519491231002X, 13812341234; 440524188001010014, 13900001111
    assert found("1111") == {a.id} and found("01111") == {a.id} and found("11110") == set()
    assert found("002x") == found("002X") == found("1002X") == {a.id}
    assert found("11010519491231002x") == {a.id} and found("1101051949123") == {a.id}
    assert found("2X13812341234") == set() and found("1231002X张") == set()
    assert found("0111") == {a.id, b.id}
    assert svc.count(CaseFilter(text="1234 2345")) == 2
    assert svc.count(CaseFilter(text="1234 2345 9876")) == 1


@pytest.fixture
def digit_cases(store):
    """Cases whose title, facts and addresses hold runs drawn from three characters, so
    that fragments of 3-9 of them match often, in several places and across runs."""
    svc = CaseService(store)
    rng = random.Random(9)

    def run(alphabet: str, longest: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, longest)))

    texts = {}
    for _ in range(40):
        title = f"第{run('12X', 9)}{rng.choice(['号', '，', ' ', 'x'])}{run('12', 6)}号"
        facts = f"{run('21', 7)}{rng.choice(['', '，', '元'])}{run('1X2', 8)}"
        address = f"{run('12', 5)}号{run('12x', 6)}"
        c = svc.register("甲", case_input(
            title=title, facts=facts,
            parties=[party("applicant", "张三", address=address), party("respondent", "李四")]))
        texts[c.id] = "\n".join([c.number, title, "张三", address, "李四", facts])
    return svc, texts


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="12Xx", min_size=3, max_size=9), min_size=1, max_size=2))
def test_any_digit_fragment(digit_cases, qs):
    svc, texts = digit_cases
    q = " ".join(qs)
    got = {r.id for r in svc.list(CaseFilter(text=q), limit=1000)}
    assert got == brute(texts, q)
    assert svc.count(CaseFilter(text=q)) == len(got)
