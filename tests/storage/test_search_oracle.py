"""Search equals a brute-force oracle: same cases, same order, same count, at any size.

The oracle is written here from the documented semantics (docs/search.md), over each
case's indexed text rebuilt from the case as the repository returns it (the parts
``storage/cases.py`` hands to ``search.body_for``: number, court and filing numbers,
title, each live party's name, phone, ID number, credit code, address, village, agent,
agent's phone, legal representative, and the facts):

* terms are separated by white space; every term must match; a term without a letter or
  digit is ignored (a search of such terms only finds nothing);
* a term of 3+ characters matches where it is a substring of the text, letters compared
  without case (the trigram index folds case, not accents);
* a term of 1-2 characters matches the text split into letters/digits, each run of other
  characters (punctuation, spaces, field boundaries) standing as one boundary mark; it
  folds case and removes accents (``unicode61``'s defaults), so ``e`` finds ``é``.

The order is the case list's own (the same query without the text, filtered here), for
every sort key in both directions; tombstoned cases (``deleted = 1``) never match.
"""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest

from mediation_desk.domain.queries import CaseFilter, CaseSort
from mediation_desk.services.cases import CaseService
from mediation_desk.services.demo import build_demo, open_demo
from mediation_desk.storage import search

BOUNDARY = "\ue000"
SORT_KEYS = ("received_on", "number", "status", "dispute_type", "source", "due_on",
             "party_names", "mediator_names", "amount", "center")
ALL = 1_000_000
NEWEST = CaseSort()


# -- the oracle ---------------------------------------------------------------------------
def _token(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return (cat[0] in "LN" or cat == "Co") and ch != BOUNDARY


def _fold(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def _unaccent(ch: str) -> str:
    parts = unicodedata.normalize("NFD", ch)
    if len(parts) == 2 and unicodedata.category(parts[1]) == "Mn" and parts[0].isascii():
        return parts[0]
    return ch


def long_form(text: str) -> str:
    return "".join(_fold(ch) for ch in text)


def short_form(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if _token(ch):
            out.append(_unaccent(_fold(ch)))
        elif not out or out[-1] != BOUNDARY:
            out.append(BOUNDARY)
    return "".join(out)


def oracle(bodies: dict[int, str], text: str) -> set[int]:
    """Row ids (``cases.seq``) of the live cases a search matches, by brute force."""
    terms = [t for t in text.split() if any(_token(ch) for ch in t)]
    if not terms:
        return set()
    longs = [long_form(t) for t in terms if len(t) >= 3]
    shorts = [short_form(t) for t in terms if len(t) < 3]
    return {seq for seq, (lb, sb) in _forms(bodies).items()
            if all(t in lb for t in longs) and all(t in sb for t in shorts)}


_FORMS: dict[int, dict[int, tuple[str, str]]] = {}


def _forms(bodies: dict[int, str]) -> dict[int, tuple[str, str]]:
    """Both folded forms of every body, worked out once per set of bodies."""
    if id(bodies) not in _FORMS:
        _FORMS.clear()
        _FORMS[id(bodies)] = {seq: (long_form(b), short_form(b)) for seq, b in bodies.items()}
    return _FORMS[id(bodies)]


def body_of(case) -> str:
    parts = [case.number, case.court_case_number, case.filing_number, case.title]
    for p in case.parties:
        if not p.deleted:
            parts += [p.name, p.phone, p.id_number, p.credit_code, p.address, p.village,
                      p.agent_name, p.agent_phone, p.legal_representative]
    parts.append(case.facts)
    return "\n".join(p for p in parts if p)


# -- the data -----------------------------------------------------------------------------
ODD_PARTIES = [
    ("Anna Müller", "13700000001"), ("JOHN smith", "13700000002"), ("José Pérez", ""),
    ("ＡＢＣ公司", "0533-1234567"), ("欧阳娜娜", "13700000005"), ("张-三", ""),
]


class Desk:
    """A demo desk of a few thousand cases, a few odd ones and some tombstones."""

    def __init__(self, path: Path) -> None:
        build_demo(path, cases=3000, seed=11)
        self.store = open_demo(path)
        self.svc = CaseService(self.store)
        actor = "演示主任"
        from tests.conftest import case_input, party
        for i, (name, phone) in enumerate(ODD_PARTIES):
            self.svc.register(actor, case_input(
                title=f"Test case {i}: café façade",
                facts=f"{name}与李四因“物业费”（2025年）发生纠纷。",
                parties=[party("applicant", name, phone=phone), party("respondent", "李四")]))
        db = self.store.db
        seqs = [r[0] for r in db.execute("SELECT seq FROM cases ORDER BY seq")]
        rng = random.Random(5)
        gone = rng.sample(seqs, 90)
        # tombstones: most still in the index (a path that forgot to unindex), some not
        with db.conn:
            for n, seq in enumerate(gone):
                db.execute("UPDATE cases SET deleted = 1 WHERE seq = ?", [seq])
                if n % 3 == 0:
                    search.unindex_case(db, seq)
        self.seq_of = {r[1]: r[0] for r in db.execute("SELECT seq, id FROM cases")}
        self.bodies: dict[int, str] = {}
        for cid, seq in self.seq_of.items():
            case = self.store.cases.get(cid)
            if case is not None:
                self.bodies[seq] = body_of(case)
        self.gone = set(gone)
        self._orders: dict[CaseSort, list[int]] = {}

    def ordered(self, sort: CaseSort) -> list[int]:
        """Every live case in the list's order for ``sort`` (no text)."""
        if sort not in self._orders:
            self._orders[sort] = [self.seq_of[r.id] for r in
                                  self.svc.list(CaseFilter(), sort=sort, limit=ALL)]
        return self._orders[sort]

    def listed(self, text: str, sort: CaseSort = NEWEST, *, offset: int = 0,
               limit: int = ALL) -> list[int]:
        rows = self.svc.list(CaseFilter(text=text), sort=sort, offset=offset, limit=limit)
        return [self.seq_of[r.id] for r in rows]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    d = Desk(tmp_path_factory.mktemp("oracle") / "demo.db")
    yield d
    d.store.close()


def queries(desk: Desk) -> list[str]:
    """Common, rare and absent terms of every class, drawn from the data."""
    rng = random.Random(7)
    cases = [desk.store.cases.get(cid) for cid in rng.sample(sorted(desk.seq_of), 12)]
    out = ["张", "王", "物业", "纠纷", "马尚", "马尚村", "1", "8", "13", "调字第", "（2026）",
           "2026", "张 物业", "王 纠纷", "物业 调字第", "张 马尚村", "不存在的人", "zzz", "，",
           "... ——", "张,", "，张", "第1", "e", "E", "é", "É", "cafe", "café", "CAFÉ", "ｂｃ",
           "abc", "müller", "MÜL", "JOHN", "smith", "Pé", "张-三", "-三", "张 李 王", "1 2 3",
           "0533", "0533-12", "物业费”", "“物业", "1234567", "0533 1234567", "2025",
           "2026 0533", "20260", "x 2026"]
    for c in cases:
        if c is None:
            continue
        p = c.parties[0]
        out += [p.name[:1], p.name[:2], p.name, c.number, c.number[-6:], c.number[:7]]
        if p.phone:
            out += [p.phone[-4:], p.phone[3:7], p.phone, p.phone[-2:], p.phone[:3]]
        if p.id_number:
            out += [p.id_number[-4:], p.id_number[-1:], p.id_number[6:14], p.id_number]
        if c.court_case_number:
            out.append(c.court_case_number)
        out += [f"{p.name[:1]} {c.number[-4:]}", f"{p.name} 纠纷"]
    xs = [b.split("X")[0][-5:] + "X" for b in desk.bodies.values() if re.search(r"\dX", b)]
    out += xs[:3] + [x[-2:] for x in xs[:3]] + [x[-2:].lower() for x in xs[:3]]
    return list(dict.fromkeys(out))


def check(desk: Desk, q: str, sort: CaseSort = NEWEST) -> None:
    want_set = oracle(desk.bodies, q)
    want = [s for s in desk.ordered(sort) if s in want_set]
    got = desk.listed(q, sort)
    assert got == want, (q, sort, len(got), len(want))
    assert not set(got) & desk.gone
    assert desk.svc.count(CaseFilter(text=q)) == len(want), q
    for cap in (1, 500):
        assert desk.svc.count(CaseFilter(text=q), cap=cap) == min(cap, len(want)), (q, cap)
    if len(want) > 60:  # a page in the middle
        assert desk.listed(q, sort, offset=30, limit=25) == want[30:55], q


def test_the_data_reaches_every_plan(desk):
    """Some terms match more than SMALL_SET cases, some fewer; the odd cases are there."""
    assert len(oracle(desk.bodies, "张")) > search.SMALL_SET
    assert len(oracle(desk.bodies, "纠纷")) > search.SMALL_SET
    assert 0 < len(oracle(desk.bodies, "物业")) < search.SMALL_SET
    assert len(oracle(desk.bodies, "müller")) == 1
    assert any(b.endswith("X") or "X\n" in b for b in desk.bodies.values())


def test_every_query_class_at_real_thresholds(desk):
    for q in queries(desk):
        check(desk, q)


@pytest.mark.parametrize("key", SORT_KEYS)
@pytest.mark.parametrize("descending", [True, False])
def test_every_sort_order(desk, key, descending):
    sort = CaseSort(key=key, descending=descending)
    for q in ("张", "纠纷", "物业", "张 物业", "张 马尚村", "13", "（2026）", "不存在的人"):
        check(desk, q, sort)


@pytest.mark.parametrize("small,budget,probes,page", [
    (40, 25, 0, 0), (300, 100, 16, 0), (5, 3, 1000, 0), (40, 25, 16, 3)])
def test_small_thresholds_reach_windows_and_budgets(desk, monkeypatch, small, budget, probes,
                                                    page):
    """With tiny thresholds every search goes through the window and the index below it,
    and two-index searches through the widened window and its budget, checking the other
    index's row ids by streaming or by probes; with a small page too, searches between
    SMALL_SET and the whole-read limit (sqrt(page * cases)) are counted, then read whole."""
    monkeypatch.setattr(search, "SMALL_SET", small)
    monkeypatch.setattr(search, "WINDOW_BUDGET", budget)
    monkeypatch.setattr(search, "PROBES", probes)
    monkeypatch.setattr(search, "DRIVE_PAGE", page)
    for q in ("张", "物业", "马尚村", "张 物业", "张 马尚村", "王 调字第 纠纷", "物业 调字第",
              "13", "（2026）", "不存在的人", "müller", "e", "张 müller", "李 Anna", "纠 宅基地",
              "2026", "2025", "张 2026", "0533 1234567", "马尚村 2025"):
        check(desk, q)
    for key in ("number", "party_names"):
        check(desk, "张 马尚村", CaseSort(key=key, descending=False))


def test_match_is_exact_or_the_cap_never_a_guess(desk):
    """The count of a search matching every live case: exact without a cap."""
    everyone = oracle(desk.bodies, "调")  # every case number has 调
    assert everyone == set(desk.bodies)
    assert desk.svc.count(CaseFilter(text="调")) == len(desk.bodies)
    assert desk.svc.count(CaseFilter(text="调"), cap=500) == 500
    newest = desk.listed("调", limit=5)
    assert newest == desk.ordered(CaseSort())[:5]


def test_text_with_other_filters(desk):
    from mediation_desk.domain.enums import CaseStatus

    flt = CaseFilter(text="张 物业", statuses=(CaseStatus.MEDIATING, CaseStatus.CLOSED_SUCCESS)
                     if hasattr(CaseStatus, "CLOSED_SUCCESS") else (CaseStatus.MEDIATING,))
    base = CaseFilter(statuses=flt.statuses)
    every = [desk.seq_of[r.id] for r in desk.svc.list(base, limit=ALL)]
    want_set = oracle(desk.bodies, "张 物业")
    want = [s for s in every if s in want_set]
    got = [desk.seq_of[r.id] for r in desk.svc.list(flt, limit=ALL)]
    assert got == want
    assert desk.svc.count(flt) == len(want)
    assert desk.svc.count(flt, cap=3) == min(3, len(want))


def test_oracle_folds_like_the_indexes():
    """The oracle's own folding, on the characters the odd cases use."""
    assert long_form("CAFÉ Müller ＡＢＣ") == "café müller ａｂｃ"
    assert short_form("José，Pérez\nX") == f"jose{BOUNDARY}perez{BOUNDARY}x"
    assert short_form("ÉÈÊ") == "eee"
