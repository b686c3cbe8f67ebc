"""The village view's queries: hand-computed figures, and a brute-force oracle on the
hand-made desk and on a generated demo desk."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mediation_desk.services.cases import CaseService
from mediation_desk.services.demo import build_demo, demo_login
from mediation_desk.storage import village_queries as vq
from mediation_desk.storage.store import Store
from tests.conftest import case_input, party
from tests.storage.village_samples import NOVEMBER, build, oracle

NOV = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def desk(store, clock):
    return store, build(store, clock)


def _by_village(facts: vq.VillageFacts) -> dict[str, dict[str, set[str]]]:
    out: dict[str, dict[str, set[str]]] = {}
    for measure, ids in (("accepted", facts.accepted), ("repeat", facts.repeats),
                         ("succeeded", facts.succeeded), ("to_court", facts.to_court)):
        for cid in ids:
            out.setdefault(measure, {}).setdefault(facts.places[cid][1], set()).add(cid)
    return out


def test_november_figures_are_the_hand_computed_ones(desk):
    store, d = desk
    facts = vq.village_facts(store.db, *NOV)
    got = _by_village(facts)
    for village, measures in NOVEMBER.items():
        for measure, letters in measures.items():
            assert got.get(measure, {}).get(village, set()) == set(d.of(*letters)), \
                (village, measure)
    assert len(facts.accepted) == 18 and len(facts.repeats) == 3
    assert len(facts.succeeded) == 3 and len(facts.to_court) == 2
    assert set(facts.repeats) == set(d.of("R1", "R5", "R7"))
    assert set(facts.to_court) == set(d.of("C", "H"))
    # every list is of distinct live cases, each with a place
    for ids in (facts.accepted, facts.repeats, facts.succeeded, facts.to_court):
        assert len(ids) == len(set(ids)) and set(ids) <= facts.places.keys()
    assert d["X"] not in facts.places and d["R14"] not in facts.places  # tombstoned


def test_the_neighbouring_months_count_what_crossed_the_boundary(desk):
    store, d = desk
    dec = vq.village_facts(store.db, date(2026, 12, 1), date(2026, 12, 31))
    assert dec.accepted == [] and dec.repeats == []
    assert dec.succeeded == [d["B"]]  # accepted on 30 November, agreed on 1 December
    assert dec.to_court == [d["D"]]  # back to the trial at 00:10 on 1 December
    assert dec.places[d["D"]] == (store.directory.self_center().id, "西坡村")
    october = vq.village_facts(store.db, date(2026, 10, 1), date(2026, 10, 31))
    assert set(october.accepted) == set(d.of("A", "F", "R8"))
    assert october.succeeded == [d["F"]]  # the oral agreement's month, not the copy's
    assert october.to_court == []


@pytest.mark.parametrize("start,end", [
    NOV, (date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 12, 1), date(2026, 12, 31)),
    (date(2026, 10, 1), date(2026, 12, 31)), (date(2025, 11, 1), date(2025, 11, 30)),
    (date(2026, 11, 10), date(2026, 11, 10)), (date(2024, 1, 1), date(2026, 12, 31))])
def test_the_queries_equal_the_brute_force_oracle(desk, start, end):
    store, _ = desk
    assert _by_village(vq.village_facts(store.db, start, end)) == \
        {k: v for k, v in oracle(store, start, end).items() if v}


def _twice_by_scan(db) -> tuple[set[str], set[tuple[str, str]]]:
    """The old way (a GROUP BY over every party of the desk): the oracle of the probes."""
    ids = {r[0] for r in db.execute("SELECT id_number FROM parties WHERE id_number != ''"
                                    " GROUP BY id_number HAVING count(*) > 1")}
    pairs = {(r[0], r[1]) for r in db.execute(
        "SELECT name, phone FROM parties WHERE name != '' AND phone != ''"
        " GROUP BY name, phone HAVING count(*) > 1")}
    return ids, pairs


def _every_party(db) -> list[vq._Party]:
    return [vq._Party(*r) for r in db.execute(
        "SELECT seq, case_id, role, position, village, id_number, name, phone FROM parties")]


def test_the_identity_probes_equal_the_scan_of_every_party(desk):
    store, d = desk
    everyone = _every_party(store.db)
    assert vq._twice(store.db, everyone) == _twice_by_scan(store.db)
    ids, pairs = _twice_by_scan(store.db)
    assert ids and pairs  # the desk has both kinds of repeated identity
    # a party's own identities only: the probes find exactly the repeated ones among them
    mine = [p for p in everyone if p.case_id in d.of("R1", "R5", "R7", "A")]
    got_ids, got_pairs = vq._twice(store.db, mine)
    assert got_ids == ids & {p.id_number for p in mine}
    assert got_pairs == pairs & {(p.name, p.phone) for p in mine}
    assert got_ids | got_pairs  # R1, R5 and R7 repeat


def test_a_name_holding_the_probe_separator_is_still_found(store, clock):
    # the services refuse control characters in a name; a row written by anything else
    # (an older version, a hand-edited file) still gets the right answer
    svc = CaseService(store)
    for day in ("2026-10-02", "2026-11-03"):
        clock.now = datetime.fromisoformat(f"{day}T10:00").astimezone()
        svc.register("测试", case_input(received_on=day, parties=[
            party("applicant", "王五", phone="13900000001"), party("respondent", "李四")]))
    odd = "王\x1f五"
    with store.db.conn:
        store.db.execute("UPDATE parties SET name = ? WHERE name = '王五'", [odd])
    everyone = _every_party(store.db)
    assert vq._twice(store.db, everyone) == _twice_by_scan(store.db)
    assert (odd, "13900000001") in vq._twice(store.db, everyone)[1]


def test_one_center_only(desk):
    store, d = desk
    me = store.directory.self_center().id
    assert vq.village_facts(store.db, *NOV, center_id=me).accepted == \
        vq.village_facts(store.db, *NOV).accepted
    other = vq.village_facts(store.db, *NOV, center_id="no-such-center")
    assert (other.accepted, other.succeeded, other.to_court, other.places) == ([], [], [], {})


def test_a_year_earlier():
    assert vq.year_earlier("2026-11-10") == "2025-11-10"
    assert vq.year_earlier("2024-02-29") == "2023-03-01"
    assert vq.year_earlier("2025-03-01") == "2024-03-01"


def test_the_queries_use_their_indexes(desk):
    store, _ = desk
    plans = []
    real = store.db.execute

    def spy(sql, params=None):
        if sql.lstrip().upper().startswith("SELECT"):
            plans.append((sql, [r[3] for r in real("EXPLAIN QUERY PLAN " + sql, params or [])]))
        return real(sql, params or [])

    store.db.execute = spy  # type: ignore[method-assign]
    try:
        vq.village_facts(store.db, *NOV)
    finally:
        del store.db.execute
    # no query reads a whole table; the json_each lists are the only scans
    for sql, plan in plans:
        scans = [p for p in plan if p.startswith("SCAN") and "json_each" not in p]
        assert not scans, (sql, plan)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("villages") / "demo.db"
    build_demo(path, cases=500, seed=12, today=date(2026, 11, 30))
    _, key = demo_login(path)
    store = Store.open(path, key=key, readonly=True)  # the program itself: no principal
    yield store
    store.close()


@pytest.mark.parametrize("start,end", [
    (date(2026, 11, 1), date(2026, 11, 30)), (date(2026, 6, 1), date(2026, 6, 30)),
    (date(2025, 10, 1), date(2025, 12, 31)), (date(2025, 1, 1), date(2025, 12, 31))])
def test_the_oracle_agrees_on_generated_data(generated, start, end):
    got = _by_village(vq.village_facts(generated.db, start, end))
    assert got == {k: v for k, v in oracle(generated, start, end).items() if v}
    assert sum(len(v) for v in got.get("accepted", {}).values()) > 0
