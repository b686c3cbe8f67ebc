"""Hypothesis: bundles from one sender in any order, with repeats, end in the same state (an
older one after a newer one is refused as ``sequence_old``: the newer carried its content), and
mutated bundles only ever raise BundleRejected."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_desk.domain.enums import EventKind
from mediation_desk.domain.models import CaseEvent
from mediation_desk.exchange import envelope
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.exchange.strictjson import canonical_bytes
from mediation_desk.services import exchange
from mediation_desk.storage import cases as case_store
from mediation_desk.storage.store import Store

from .helpers import ACTOR, make_desk, referral, seal, sign, state, trust_both, zip_members

SUPPRESS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    """A fresh center database and four successive court bundles for it."""
    tmp = tmp_path_factory.mktemp("series")
    court = make_desk(tmp, "court01", "court")
    center = make_desk(tmp, "center01")
    trust_both(tmp, court, center)
    case = referral(court, center)
    second = referral(court, center, 1)
    center.close()
    bundles = []
    for step in range(4):
        if step == 1:  # the court adds a note to its referral
            with court.operation(ACTOR, "note", case_id=case.id) as work:
                work.save_event(CaseEvent(case_id=case.id, kind=EventKind.NOTE,
                                          occurred_at=datetime(2026, 3, 3, 9, 0), notes="补充"))
        if step == 2:
            c = case_store.get_case(court.db, second.id)
            c.deleted = True  # the referral is withdrawn before the center accepted it
            with court.operation(ACTOR, "withdraw", case_id=c.id) as work:
                work.save_case(c)
        if step == 3:  # the court corrects its referral number and adds another note
            c = case_store.get_case(court.db, case.id)
            c.court_case_number = c.court_case_number.replace("100号", "101号")
            with court.operation(ACTOR, "edit", case_id=c.id) as work:
                work.save_case(c)
                work.save_event(CaseEvent(case_id=c.id, kind=EventKind.NOTE,
                                          occurred_at=datetime(2026, 3, 4, 9, 0), notes="更正"))
        out = tmp / f"b{step}.mdx"
        exchange.export_bundle(court, ACTOR, "center01", out)
        bundles.append(out)
    court_keys = exchange.desk_keys(court)
    court.close()
    template = tmp / "center01.db"
    ref_path = tmp / "ref.db"
    shutil.copy(template, ref_path)
    ref = Store.open(ref_path)
    for b in bundles:
        exchange.import_bundle(ref, ACTOR, b)
    expected = state(ref)
    ref.close()
    return {"template": template, "bundles": bundles, "expected": expected, "tmp": tmp,
            "court_keys": court_keys}


@settings(max_examples=25, deadline=None, suppress_health_check=SUPPRESS)
@given(order=st.lists(st.integers(0, 3), min_size=4, max_size=8).filter(
    lambda xs: set(xs) == {0, 1, 2, 3}).map(tuple) | st.permutations([0, 1, 2, 3]).map(tuple))
def test_any_order_with_repeats_converges(series, tmp_path_factory, order):
    path = tmp_path_factory.mktemp("perm") / "center01.db"
    shutil.copy(series["template"], path)
    store = Store.open(path)
    try:
        newest = 0
        for i in order:
            try:
                exchange.import_bundle(store, ACTOR, series["bundles"][i])
            except BundleRejected as exc:  # older than one applied: its content came with it
                assert exc.reason_code == "sequence_old" and i + 1 <= newest, (i, newest)
            else:
                newest = max(newest, i + 1)
        got = state(store)
        assert got["cases"] == series["expected"]["cases"]
        assert got == series["expected"]
        assert exchange.open_conflicts(store) == []
    finally:
        store.close()


# -- mutation fuzz of the verifier ---------------------------------------------------
@pytest.fixture(scope="module")
def fuzz_world(series, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "center01.db"
    shutil.copy(series["template"], path)
    store = Store.open(path)
    data = series["bundles"][0].read_bytes()
    plain = envelope.decrypt(data, exchange.desk_keys(store))
    yield {"store": store, "data": data, "plain": plain, "tmp": path.parent}
    store.close()


mutation = st.tuples(st.sampled_from(["flip", "cut", "insert", "replace"]),
                     st.integers(0, 10**9), st.binary(min_size=1, max_size=16))


def _mutate(data: bytes, ops) -> bytes:
    buf = bytearray(data)
    for op, pos, blob in ops:
        if not buf:
            break
        i = pos % len(buf)
        if op == "flip":
            buf[i] ^= blob[0] or 1
        elif op == "cut":
            del buf[i:]
        elif op == "insert":
            buf[i:i] = blob
        else:
            buf[i:i + len(blob)] = blob
    return bytes(buf)


def _must_reject_or_pass(store: Store, path, content: bytes) -> None:
    path.write_bytes(content)
    try:
        exchange.import_bundle(store, ACTOR, path, dry_run=True)
    except BundleRejected:
        pass


@settings(max_examples=150, deadline=None, suppress_health_check=SUPPRESS)
@given(ops=st.lists(mutation, min_size=1, max_size=4))
def test_fuzz_zip_layer(fuzz_world, ops):
    store = fuzz_world["store"]
    mutated = _mutate(fuzz_world["plain"], ops)
    _must_reject_or_pass(store, fuzz_world["tmp"] / "z.mdx", seal(mutated, store))


@settings(max_examples=150, deadline=None, suppress_health_check=SUPPRESS)
@given(member=st.sampled_from(["records/cases.jsonl", "records/parties.jsonl",
                               "records/events.jsonl", "records/centers.jsonl"]),
       ops=st.lists(mutation, min_size=1, max_size=4))
def test_fuzz_signed_records(fuzz_world, series, member, ops):
    """Records mutated and then properly signed reach the JSON and record checks."""
    store = fuzz_world["store"]
    zf = zipfile.ZipFile(io.BytesIO(fuzz_world["plain"]))
    members = {n: zf.read(n) for n in zf.namelist() if not n.startswith("manifest.")}
    members[member] = _mutate(members[member], ops)
    manifest = json.loads(zf.read("manifest.json"))
    manifest["members"] = [{"name": n, "sha256": hashlib.sha256(c).hexdigest(), "size": len(c)}
                           for n, c in sorted(members.items())]
    raw = canonical_bytes(manifest)
    items = [("manifest.json", raw), ("manifest.sig", sign(series["court_keys"], raw)),
             *sorted(members.items())]
    _must_reject_or_pass(store, fuzz_world["tmp"] / "r.mdx", seal(zip_members(items), store))
