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
