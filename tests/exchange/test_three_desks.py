"""Court, center and field laptop exchanging through files only, checked field by field.

A referral registered at the court (the referral service; in another test the
``referral add`` verb) court -> center; acceptance back center -> court; mediation at
the center and on the field laptop (enrolled from the center); results center -> court;
the court's outcome court -> center -> field. The court's referral states (what its 法院
page lists) are checked at each step: sent -> accepted -> result.
"""

from __future__ import annotations

import json

import pytest

from mediation_desk.cli import run
from mediation_desk.domain.models import Mediator
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.services import exchange
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.enrollment import enroll, init_from_enrollment
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.services.referrals import ReferralService, ReferralState
from mediation_desk.storage import cases as case_store
from mediation_desk.storage.store import Store

from .helpers import ACTOR, db_digest, make_desk, referral, referral_input, state, trust_both


def _send(tmp, frm: Store, to_code: str, to: Store, name: str):
    path = tmp / f"{name}.mdx"
    exchange.export_bundle(frm, ACTOR, to_code, path)
    return exchange.import_bundle(to, ACTOR, path)


def _trust_field(tmp, center: Store, field: Store) -> None:
    card = tmp / "field.card"
    exchange.export_card(field, card)
    exchange.trust_card(center, ACTOR, exchange.read_card(card))


@pytest.fixture
def desks(tmp_path):
    court = make_desk(tmp_path, "court01", "court")
    center = make_desk(tmp_path, "center01")
    trust_both(tmp_path, court, center)
    m = MediatorService(center).save(ACTOR, Mediator(center_id="", name="王调解",
                                                      phone="13900000001"))
    yield court, center, m
    court.close()
    center.close()


def _case_fields(store: Store, case_id: str) -> dict:
    rows = state(store)
    out = {e: [r for r in rows[e] if r.get("id") == case_id or r.get("case_id") == case_id]
           for e in ("cases", "parties", "events", "agreements")}
    for r in out["cases"]:
        r.pop("party_names"), r.pop("mediator_names")
    for rows_ in out.values():  # JSON columns compare by value, not by key order
        for r in rows_:
            for k, v in r.items():
                if isinstance(v, str) and v[:1] in ("[", "{"):
                    r[k] = json.loads(v)
    return out


def _court_state(court: Store, case_id: str) -> ReferralState:
    """The state the court's 法院 page shows for a referral."""
    [row] = [r for r in ReferralService(court).referrals() if r.case_id == case_id]
    return row.state


def _today_referral(store: Store, n: int = 0) -> dict:
    data = referral_input(n)
    data.pop("due_on")  # the default: the 委派调解 period from today
    data["received_on"] = store.today().isoformat()
    return data


def test_court_center_field_round_trip(tmp_path, desks):
    court, center, mediator = desks
    case = ReferralService(court).refer(ACTOR, "center01", _today_referral(court)).case
    assert _court_state(court, case.id) is ReferralState.SENT
    r1 = _send(tmp_path, court, "center01", center, "1-referral")
    assert r1.by_entity["cases"] == {"new": 1}
    arrived = case_store.get_case(center.db, case.id)
    assert arrived.status.value == "registered" and arrived.source.value == "court_delegated"
    assert arrived.court_case_number == case.court_case_number and arrived.origin == "court01"
    svc = CaseService(center)
    svc.accept(ACTOR, case.id)
    svc.assign(ACTOR, case.id, [mediator.id])
    numbered = case_store.get_case(center.db, case.id)
    assert numbered.serial == 1 and numbered.number != case.court_case_number
    r1a = _send(tmp_path, center, "court01", court, "1a-accepted")
    assert r1a.counts["conflicting"] == 0
    assert _court_state(court, case.id) is ReferralState.ACCEPTED
    other = referral(court, center, 1)  # not assigned to the field mediator
    _send(tmp_path, court, "center01", center, "1b-referral")

    # enrollment: one file and a passphrase; nothing else crosses over
    rep = enroll(center, ACTOR, "王调解", tmp_path / "enroll.mdx")
    assert rep.counts["cases"] == 1 and rep.counts["mediators"] == 1
    with pytest.raises(BundleRejected) as bad:
        init_from_enrollment(tmp_path / "field.db", rep.path, "WRONG-PASS")
    assert bad.value.reason_code == "bad_passphrase"
    assert not (tmp_path / "field.db").exists()
    field = init_from_enrollment(tmp_path / "field.db", rep.path, rep.passphrase.lower())
    try:
        assert field.origin_code() == rep.field_code
        assert case_store.get_case(field.db, other.id) is None
        got = case_store.get_case(field.db, case.id)
        assert got.mediator_ids == [mediator.id] and got.status.value == "mediating"
        assert exchange.own_card(field).kind == "field"
        assert field.check()[0] == [] and field.check()[1].ok
        _trust_field(tmp_path, center, field)

        # mediation on the laptop (session + agreement) and at the center (an investigation)
        fsvc = CaseService(field)
        fsvc.record_session(ACTOR, case.id, notes="在村委会调解", place="东村")
        fsvc.record_agreement(ACTOR, case.id, AgreementInput(
            clauses=["被申请人于2026年4月10日前支付货款1234.50元"],
            signed_on=center.today(), effective_on=center.today()))
        svc.record_investigation(ACTOR, case.id, notes="走访供货商")
        r2 = _send(tmp_path, field, "center01", center, "2-field-to-center")
        assert r2.counts["conflicting"] == 0
        assert r2.by_entity["agreements"] == {"new": 1}
        at_center = case_store.get_case(center.db, case.id)
        assert at_center.status.value == "agreed"
        svc.apply_jc(ACTOR, case.id, on=center.today())

        # results center -> court; the court rules; outcome court -> center -> field
        r3 = _send(tmp_path, center, "court01", court, "3-results")
        assert r3.counts["conflicting"] == 0
        assert _court_state(court, case.id) is ReferralState.RESULT
        CaseService(court).record_jc_outcome(ACTOR, case.id, outcome="confirmed",
                                             ruling="（2026）鲁0303民特12号")
        r4 = _send(tmp_path, court, "center01", center, "4-outcome")
        assert r4.by_entity["cases"].get("updated") == 1 and r4.counts["conflicting"] == 0
        r5 = _send(tmp_path, center, rep.field_code, field, "5-center-to-field")
        assert r5.counts["conflicting"] == 0

        # end state, field by field, on all three desks
        want = _case_fields(court, case.id)
        assert want["cases"][0]["status"] == "jc_confirmed"
        assert want["cases"][0]["jc_ruling"] == "（2026）鲁0303民特12号"
        assert len(want["events"]) >= 5 and len(want["agreements"]) == 1
        for desk in (center, field):
            got = _case_fields(desk, case.id)
            for entity, rows in want.items():
                assert len(got[entity]) == len(rows), entity
                for a, b in zip(rows, got[entity], strict=True):
                    for key in a:
                        assert a[key] == b[key], (entity, key)
        # a repeat of any file changes nothing
        before = db_digest(field)
        assert exchange.import_bundle(field, ACTOR, tmp_path / "5-center-to-field.mdx"
                                      ).already_applied
        assert db_digest(field) == before
        for desk in (court, center, field):
            problems, chain = desk.check()
            assert problems == [] and chain.ok
    finally:
        field.close()


@pytest.fixture
def login_desks(tmp_path, monkeypatch):
    """Court and center encrypted, each with its director :data:`ACTOR` (the CLI logs in)."""
    from tests.cli.helpers import login_as, login_desk

    court, center = login_desk(tmp_path, "court01", "court"), login_desk(tmp_path, "center01")
    trust_both(tmp_path, court, center)
    m = MediatorService(center).save(ACTOR, Mediator(center_id="", name="王调解",
                                                      phone="13900000001"))
    login_as(monkeypatch)
    yield court, center, m
    court.close()
    center.close()


def test_enroll_and_init_on_the_command_line(tmp_path, login_desks, capsys, monkeypatch):
    from mediation_desk.security.keyfile import keyfile_path
    from mediation_desk.services.auth import login
    from tests.cli.helpers import PASSWORD

    court, center, mediator = login_desks
    src = tmp_path / "referral.json"
    src.write_text(json.dumps(_today_referral(court), ensure_ascii=False), encoding="utf-8")
    assert run(["referral", "add", "--db", str(court.path), "--center", "center01",
                "--json", str(src), "--output", "json"]) == 0
    case = case_store.get_case(court.db, json.loads(capsys.readouterr().out)["id"])
    assert _court_state(court, case.id) is ReferralState.SENT
    _send(tmp_path, court, "center01", center, "ref")
    svc = CaseService(center)
    svc.accept(ACTOR, case.id)
    svc.assign(ACTOR, case.id, [mediator.id])
    center_db = str(center.path)
    center.close()
    out = tmp_path / "e.mdx"
    assert run(["enroll", "--db", center_db, "--mediator", mediator.id, "--out", str(out)]) == 0
    text = capsys.readouterr().out
    passphrase = text.split("输入）：")[1].split()[0]
    field_db = tmp_path / "laptop.db"
    monkeypatch.setenv("MEDIATION_DESK_PASSPHRASE", "AAAA-BBBB-CCCC-DDDD-EEEE")
    assert run(["init", "--db", str(field_db), "--enrollment", str(out)]) == 1
    assert "bad_passphrase" in capsys.readouterr().err and not field_db.exists()
    monkeypatch.setenv("MEDIATION_DESK_PASSPHRASE", passphrase)
    # the laptop's account is the enrolled mediator's (named as in the roster by default)
    monkeypatch.delenv("MEDIATION_DESK_USER")
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", "short")  # refused: no file is left
    assert run(["init", "--db", str(field_db), "--enrollment", str(out)]) == 1
    assert "密码至少 8 个字符" in capsys.readouterr().err
    assert not field_db.exists() and not keyfile_path(field_db).exists()
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", PASSWORD)
    assert run(["init", "--db", str(field_db), "--enrollment", str(out)]) == 0
    text = capsys.readouterr().out
    assert "中心指纹" in text and "调解员账户：王调解" in text and "恢复密钥" in text
    assert run(["check", "--db", str(field_db)]) == 1  # who is logging in?
    assert "--user" in capsys.readouterr().err
    assert run(["--user", "王调解", "check", "--db", str(field_db)]) == 0
    # a second init onto the same file is refused, and the file is untouched
    before = field_db.read_bytes()
    assert run(["init", "--db", str(field_db), "--enrollment", str(out)]) == 1
    assert field_db.read_bytes() == before
    s = login(field_db, "王调解", PASSWORD, readonly=True)
    try:
        assert s.principal is not None and s.principal.role.value == "mediator"
        assert s.principal.mediator_id == mediator.id
        assert case_store.get_case(s.db, case.id).status.value == "mediating"
    finally:
        s.close()


def test_enrollment_refusals_leave_nothing(tmp_path, desks):
    court, center, mediator = desks
    rep = enroll(center, ACTOR, mediator.id, tmp_path / "e.mdx")
    data = rep.path.read_bytes()
    for name, damaged in (("flip", data[:-40] + bytes([data[-40] ^ 1]) + data[-39:]),
                          ("cut", data[: len(data) // 2]), ("empty", b"")):
        bad = tmp_path / f"{name}.mdx"
        bad.write_bytes(damaged)
        with pytest.raises(BundleRejected):
            init_from_enrollment(tmp_path / f"{name}.db", bad, rep.passphrase)
        assert not (tmp_path / f"{name}.db").exists()
    # an enrollment is not an ordinary bundle for another desk
    before = db_digest(court)
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(court, ACTOR, rep.path)
    assert err.value.reason_code == "not_for_this_desk" and db_digest(court) == before
    # a court desk cannot enroll field laptops
    from mediation_desk.domain.errors import DomainError
    with pytest.raises(DomainError):
        enroll(court, ACTOR, mediator.id, tmp_path / "x.mdx")
