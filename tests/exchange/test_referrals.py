"""Court → center referrals (委派调解): registering at the court, the center's answer, the
court's referral states, and the command line."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from mediation_desk.cli import run
from mediation_desk.domain.deadlines import mediation_due
from mediation_desk.domain.enums import CaseSource, CaseStatus, EndReason
from mediation_desk.domain.errors import DomainError, ValidationError
from mediation_desk.domain.models import Mediator
from mediation_desk.services import exchange
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.referrals import Material, ReferralService, ReferralState
from mediation_desk.services.settings import load_settings
from mediation_desk.storage import cases as case_store
from mediation_desk.storage import directory
from tests.attachment_samples import EXE, pdf_bytes, png_bytes

from .helpers import ACTOR, db_digest, referral_input, trust_both

PDF = pdf_bytes()
PNG = png_bytes()


def _send(tmp, frm, to_code, to, name):
    path = tmp / f"{name}.mdx"
    exchange.export_bundle(frm, ACTOR, to_code, path)
    return exchange.import_bundle(to, ACTOR, path)


def _today_input(store, n=0, **patch):
    data = referral_input(n)
    data.pop("due_on")
    data["received_on"] = store.today().isoformat()
    data.update(patch)
    return data


def test_a_referral_is_a_new_case_of_the_center(tmp_path, desks):
    court, center = desks
    svc = ReferralService(court)
    assert [c.code for c in svc.centers()] == ["center01"]
    done = svc.refer(ACTOR, "center01", _today_input(court),
                     [Material("起诉状.pdf", PDF), Material("..\\..\\照片.png", PNG)])
    case = case_store.get_case(court.db, done.case.id)
    center_id = directory.self_center(center.db).id
    assert case.center_id == center_id and case.origin == "court01"
    assert case.source is CaseSource.COURT_DELEGATED and case.status is CaseStatus.REGISTERED
    assert case.number == case.court_case_number == "（2026）鲁0303民诉前调100号"
    assert case.serial == 0 and case.year == court.today().year
    # the default due date: the 委派调解 period by this desk's holiday calendar
    settings = load_settings(court)
    want = mediation_due(court.today(), settings.period_for(CaseSource.COURT_DELEGATED),
                         settings.calendar()).due
    assert case.due_on == done.requested_due_on == want
    [event] = CaseService(court).events(case.id)
    assert event.data["action"] == "refer" and event.data["requested_due_on"] == want.isoformat()
    assert event.origin == "court01"
    atts = CaseService(court).attachments(case.id)
    assert sorted((a.name, a.media_type) for a in atts) == [
        ("照片.png", "image/png"), ("起诉状.pdf", "application/pdf")]
    assert [r["action"] for r in court.audit.case_history(case.id)] == ["refer_case"]
    # a second referral takes the next serial below, never one of the center's
    second = svc.refer(ACTOR, "center01", _today_input(court, 1)).case
    assert second.serial == -1
    [row] = svc.referrals(ReferralState.SENT)[:1]
    assert row.case_id == second.id and row.center_code == "center01"

    # the court's next export carries both (with their parties, events and materials)
    rep = _send(tmp_path, court, "center01", center, "ref")
    assert rep.by_entity["cases"] == {"new": 2}
    assert rep.by_entity["attachments"] == {"new": 2}
    at_center = case_store.get_case(center.db, case.id)
    assert at_center.status is CaseStatus.REGISTERED and at_center.origin == "court01"

    # the center's own case registered meanwhile takes serial 1; the referral, accepted,
    # is numbered by the center after it
    own = CaseService(center).register(ACTOR, _today_input(center, 7, source="party_application",
                                                           court_case_number=""))
    assert own.serial == 1
    accepted = CaseService(center).accept(ACTOR, case.id)
    assert accepted.serial == 2 and accepted.number.endswith("调字第2号")
    assert accepted.court_case_number == "（2026）鲁0303民诉前调100号"
    assert accepted.due_on == mediation_due(
        center.today(), load_settings(center).period_for(CaseSource.COURT_DELEGATED),
        load_settings(center).calendar()).due


def test_bad_input_is_listed_and_nothing_is_saved(desks):
    court, center = desks
    svc = ReferralService(court)
    before = db_digest(court)
    bad = _today_input(court)
    good = bad["parties"][0]["id_number"]
    bad["parties"][0]["id_number"] = good[:-1] + ("1" if good[-1] != "1" else "2")  # check digit
    bad["court_case_number"] = "民诉前调1号"
    bad["due_on"] = "2020-01-01"
    with pytest.raises(ValidationError) as err:
        svc.refer(ACTOR, "center01", bad, [Material("身份证.jpg", EXE)])
    problems = err.value.problems
    assert {"parties[0].id_number", "court_case_number", "due_on", "materials[0]"} <= set(problems)
    assert "身份证.jpg" in problems["materials[0]"][0]
    missing = _today_input(court)
    missing.pop("court_case_number")
    with pytest.raises(ValidationError) as err:
        svc.refer(ACTOR, "center01", missing)
    assert "court_case_number" in err.value.problems
    with pytest.raises(DomainError) as no:
        svc.refer(ACTOR, "nowhere", _today_input(court))
    assert no.value.code == "not_trusted_center"
    with pytest.raises(DomainError) as no:
        ReferralService(center).refer(ACTOR, "court01", _today_input(center))
    assert no.value.code == "not_a_court"
    assert db_digest(court) == before
    # a number that is not 民诉前调 is a warning, not a block; the same number twice is refused
    done = svc.refer(ACTOR, "center01", _today_input(
        court, court_case_number="（2026）鲁0303民初5号"))
    assert "court_case_number" in done.warnings
    with pytest.raises(ValidationError) as err:
        svc.refer(ACTOR, "center01", _today_input(court, court_case_number="（2026）鲁0303民初5号"))
    assert "重复委派" in err.value.problems["court_case_number"][0]


def test_the_centers_answer_goes_back_to_the_court(tmp_path, desks):
    court, center = desks
    svc = ReferralService(court)
    taken = svc.refer(ACTOR, "center01", _today_input(court, 0)).case
    refused = svc.refer(ACTOR, "center01", _today_input(court, 1)).case
    late = svc.refer(ACTOR, "center01", referral_input(2)).case  # asked for 2026-04-01
    counts = svc.counts()
    assert counts.total[ReferralState.SENT] == 2 and counts.total[ReferralState.OVERDUE] == 1
    [(code, _name, per)] = counts.by_center
    assert code == "center01" and per[ReferralState.SENT] == 2
    _send(tmp_path, court, "center01", center, "1")

    cs = CaseService(center)
    # the center cannot change the court's number; it can edit the rest
    with pytest.raises(ValidationError) as err:
        cs.update_details(ACTOR, taken.id, {**_today_input(center),
                                            "court_case_number": "（2026）鲁0303民诉前调999号"})
    assert "法院" in err.value.problems["court_case_number"][0]
    with pytest.raises(ValidationError):
        cs.not_accept(ACTOR, refused.id, reason="  ")
    cs.not_accept(ACTOR, refused.id, reason="被申请人明确拒绝调解")
    cs.accept(ACTOR, taken.id)
    cs.accept(ACTOR, late.id)
    _send(tmp_path, center, "court01", court, "2")
    states = {r.case_id: r for r in svc.referrals()}
    assert states[taken.id].state is ReferralState.ACCEPTED
    assert states[refused.id].state is ReferralState.REFUSED
    assert states[refused.id].reason == "被申请人明确拒绝调解"
    # once accepted, the center's due date (from its acceptance) is the one followed
    assert states[late.id].state is ReferralState.ACCEPTED
    assert states[late.id].due_on > court.today()
    assert states[late.id].requested_due_on.isoformat() == "2026-04-01"

    m = MediatorService(center).save(ACTOR, Mediator(center_id="", name="王调解"))
    cs.assign(ACTOR, taken.id, [m.id])
    cs.record_session(ACTOR, taken.id, notes="调解未成")
    cs.terminate(ACTOR, taken.id, reason=EndReason.GAP_TOO_LARGE, notes="双方分歧较大")
    _send(tmp_path, center, "court01", court, "3")
    got = {r.case_id: r for r in svc.referrals(ReferralState.RESULT)}
    assert list(got) == [taken.id] and got[taken.id].status is CaseStatus.TERMINATED

    # a referral whose due date passed without a result is overdue
    later = ReferralService(court)
    later.today = lambda: court.today() + timedelta(days=400)  # type: ignore[method-assign]
    assert {r.case_id for r in later.referrals(ReferralState.OVERDUE)} == {late.id}


@pytest.fixture
def login_desks(tmp_path, monkeypatch):
    """The two desks encrypted, each with its director :data:`ACTOR` (the CLI logs in)."""
    from tests.cli.helpers import login_as, login_desk

    court, center = login_desk(tmp_path, "court01", "court"), login_desk(tmp_path, "center01")
    trust_both(tmp_path, court, center)
    login_as(monkeypatch)
    yield court, center
    court.close()
    center.close()


def test_referral_on_the_command_line(tmp_path, login_desks, capsys):
    court, center = login_desks
    court_db = str(court.path)
    (tmp_path / "起诉状.pdf").write_bytes(PDF)
    data = _today_input(court)
    data["materials"] = ["起诉状.pdf"]
    src = tmp_path / "referral.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    court.close()
    assert run(["referral", "add", "--db", court_db, "--center", "center01",
                "--json", str(src), "--output", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["center"] == "center01" and out["materials"] == ["起诉状.pdf"]
    # refused input: a clear line naming the field, nothing saved
    data["parties"][1]["phone"] = "<script>"
    data["court_case_number"] = "（2026）鲁0303民诉前调101号"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run(["referral", "add", "--db", court_db, "--center", "center01",
                "--json", str(src)]) == 1
    assert "parties[1].phone" in capsys.readouterr().err
    assert run(["referral", "--db", court_db, "add", "--center", "nobody",
                "--json", str(src)]) == 1
    assert "不是本院信任的调解组织" in capsys.readouterr().err
    assert run(["referral", "--db", court_db, "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in listed["referrals"]] == [out["id"]]
    assert listed["counts"]["sent"] == 1 and listed["by_center"][0]["center"] == "center01"
    assert run(["referral", "list", "--db", court_db, "--state", "accepted", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["referrals"] == []
    assert run(["referral", "list", "--db", court_db]) == 0
    with pytest.raises(SystemExit):
        run(["referral", "list"])
    text = capsys.readouterr().out
    assert "（2026）鲁0303民诉前调100号" in text and "已委派待受理" in text
