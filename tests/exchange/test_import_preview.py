"""The import preview by center and case: the same report as the dry run, each case new or
updated under its center with the fields that change, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediation_desk.domain.models import Mediator
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.services import exchange
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.import_preview import preview_bundle
from tests.exchange.helpers import ACTOR, db_digest, make_desk, referral, trust_both
from tests.inputs import case_input


def _send(tmp: Path, frm, to_code: str, to, name: str) -> Path:
    path = tmp / f"{name}.mdx"
    exchange.export_bundle(frm, ACTOR, to_code, path)
    if to is not None:
        exchange.import_bundle(to, ACTOR, path)
    return path


def build_desks(tmp_path: Path):
    """A court that referred three cases to center A and one to B; A accepted two of them
    and registered two court-entrusted cases of its own; each center's next bundle to the
    court is written but not imported. (court, A, referred, A's own, B's referral, A's
    bundle, B's bundle); the caller closes the three stores."""
    court = make_desk(tmp_path, "court01", "court")
    a, b = make_desk(tmp_path, "centerA"), make_desk(tmp_path, "centerB")
    trust_both(tmp_path, court, a)
    trust_both(tmp_path, court, b)
    sent = [referral(court, a, n) for n in range(3)]
    to_b = referral(court, b, 10)
    _send(tmp_path, court, "centerA", a, "to-a")
    _send(tmp_path, court, "centerB", b, "to-b")
    _send(tmp_path, a, "court01", court, "a-first")  # the court knows A's copies now
    m = MediatorService(a).save(ACTOR, Mediator(center_id="", name="赵调解"))
    svc = CaseService(a)
    for c in sent[:2]:
        svc.accept(ACTOR, c.id)
        svc.assign(ACTOR, c.id, [m.id])
    own = [svc.register(ACTOR, case_input(source="court_entrusted", title=f"委托{n}",
                                             court_case_number=f"（2026）鲁0303民诉前委{n + 1}号"))
           for n in range(2)]
    bundle_a = _send(tmp_path, a, "court01", None, "a-second")
    bundle_b = _send(tmp_path, b, "court01", None, "b-first")
    b.close()
    return court, a, sent, own, to_b, bundle_a, bundle_b


@pytest.fixture
def desks(tmp_path):
    built = build_desks(tmp_path)
    yield built
    for s in built[:2]:
        s.close()


def test_preview_lists_each_center_s_cases(desks):
    court, a, sent, own, _to_b, bundle_a, _bundle_b = desks
    before = db_digest(court)
    preview = preview_bundle(court, ACTOR, bundle_a)
    assert db_digest(court) == before  # nothing written
    report = exchange.import_bundle(court, ACTOR, bundle_a, dry_run=True)
    assert preview.counts == report.counts and preview.by_entity == report.by_entity
    assert preview.dry_run and not preview.already_applied

    assert [c.code for c in preview.centers] == ["centerA"]
    center = preview.centers[0]
    shown = {c.case_id: c for c in center.cases}
    assert {c.id for c in own} | {c.id for c in sent[:2]} == set(shown)
    assert center.unchanged == 0  # the third referral did not travel again
    for c in own:
        assert shown[c.id].outcome == "new" and shown[c.id].number == c.number
    for c in sent[:2]:
        got = shown[c.id]
        assert got.outcome == "updated"
        changed = {(ch.entity, ch.field): (ch.before, ch.after) for ch in got.changes}
        assert changed[("cases", "status")] == ("registered", "mediating")
        assert ("cases", "accepted_on") in changed and ("cases", "number") in changed
        assert got.added["events"] >= 2  # 受理 and 指派
        assert not any(ch.conflicting for ch in got.changes)
        held = court.cases.get(c.id)
        assert changed[("cases", "number")][0] == held.number  # before: what the court holds
    assert center.count("new") == 2 and center.count("updated") == 2

    # importing changes what the preview said, and only that
    exchange.import_bundle(court, ACTOR, bundle_a)
    for c in sent[:2]:
        assert court.cases.get(c.id).status.value == "mediating"
    again = preview_bundle(court, ACTOR, bundle_a)
    assert again.already_applied and again.centers == []


def test_preview_refuses_where_the_import_does(desks, tmp_path):
    court, _a, _sent, _own, _to_b, bundle_a, bundle_b = desks
    preview = preview_bundle(court, ACTOR, bundle_b)
    report = exchange.import_bundle(court, ACTOR, bundle_b, dry_run=True)
    assert preview.counts == report.counts
    assert all(c.cases == [] for c in preview.centers)  # B changed nothing
    bad = tmp_path / "bad.mdx"
    bad.write_bytes(bundle_a.read_bytes()[:-10])
    with pytest.raises(BundleRejected):
        preview_bundle(court, ACTOR, bad)
