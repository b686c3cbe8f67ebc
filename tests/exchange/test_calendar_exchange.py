"""A court distributes its holiday calendar to its centers in its signed bundles; a center
applies it like any record the court owns, and nobody else may send one."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from mediation_desk.domain.enums import CaseSource, YearSource
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.services import calendar as cal_svc
from mediation_desk.services import exchange
from mediation_desk.services.settings import load_settings
from mediation_desk.storage import directory
from tests.exchange.helpers import (
    ACTOR,
    db_digest,
    seal,
    signed_zip_items,
    zip_members,
)

NOTICE = ("年份 2027\n标题 国务院办公厅关于2027年部分节假日安排的通知\n"
          "放假 2027-01-01 2027-01-04 元旦\n")


def court_notice(court, tmp_path):
    f = tmp_path / "2027.txt"
    f.write_text(NOTICE, encoding="utf-8")
    return cal_svc.import_notice_file(court, ACTOR, f).notice


def send(frm, to: str, tmp_path, name="b.mdx"):
    out = tmp_path / name
    exchange.export_bundle(frm, ACTOR, to, out)
    return out


def center_case_due_in_january(center):
    """A center case accepted 2026-12-02: 30 days end on 元旦 2027 (estimated: 01-04)."""
    from mediation_desk.domain.deadlines import mediation_due
    from mediation_desk.domain.enums import PartyRole
    from mediation_desk.domain.models import Case, Party

    me = directory.self_center(center.db)
    case = Case(center_id=me.id, number="（2026）测调字第1号", year=2026, serial=1,
                source=CaseSource.PARTY_APPLICATION, title="邻里纠纷",
                received_on=date(2026, 12, 1), accepted_on=date(2026, 12, 2))
    case.due_on = case.base_due_on = mediation_due(date(2026, 12, 2), 30,
                                                   load_settings(center).calendar()).due
    case.parties = [Party(name="张三"), Party(name="李四", role=PartyRole.RESPONDENT)]
    with center.operation(ACTOR, "register_case", case_id=case.id) as work:
        work.save_case(case)
    return case


def test_court_notice_reaches_the_center_and_moves_its_deadlines(desks, tmp_path):
    court, center = desks
    case = center_case_due_in_january(center)
    assert case.due_on == date(2027, 1, 4)
    n = court_notice(court, tmp_path)
    report = exchange.import_bundle(center, ACTOR, send(court, "center01", tmp_path))
    assert report.by_entity["holiday_notices"] == {"new": 1}
    cal = cal_svc.load_calendar(center)
    assert cal.source(2027) is YearSource.COURT
    assert not cal.is_workday(date(2027, 1, 4))
    due = center.db.execute("SELECT due_on FROM cases WHERE id = ?", [case.id]).fetchone()[0]
    assert due == "2027-01-05"
    summary = center.db.execute("SELECT summary FROM audit ORDER BY seq DESC LIMIT 1").fetchone()[0]
    assert "重新计算1件" in summary
    # the center may not change the court's notice
    mine = cal_svc.notices(center, 2027)[0]
    assert mine.id == n.id and mine.origin == "court01"
    with pytest.raises(Exception) as err:
        cal_svc.delete_notice(center, ACTOR, mine.id)
    assert getattr(err.value, "code", "") == "not_owner"
    # the court withdraws it: the tombstone travels, the year is estimated again
    cal_svc.delete_notice(court, ACTOR, n.id)
    exchange.import_bundle(center, ACTOR, send(court, "center01", tmp_path, "c.mdx"))
    assert cal_svc.load_calendar(center).source(2027) is YearSource.ESTIMATED
    due = center.db.execute("SELECT due_on FROM cases WHERE id = ?", [case.id]).fetchone()[0]
    assert due == "2027-01-04"


def test_a_centers_own_entry_wins_over_the_courts(desks, tmp_path):
    court, center = desks
    court_notice(court, tmp_path)
    f = tmp_path / "own.txt"
    f.write_text("年份 2027\n放假 2027-01-01 2027-01-01 元旦\n", encoding="utf-8")
    cal_svc.import_notice_file(center, ACTOR, f)
    exchange.import_bundle(center, ACTOR, send(court, "center01", tmp_path))
    cal = cal_svc.load_calendar(center)
    assert cal.source(2027) is YearSource.ENTERED
    assert cal.is_workday(date(2027, 1, 4))


def notice_wire(origin: str, year: int = 2027, spans=None) -> dict:
    return {"id": str(uuid.uuid4()), "origin": origin, "version": 1,
            "updated_at": "2026-12-01T00:00:00.000+00:00", "deleted": False, "year": year,
            "title": "节假日安排", "complete": True, "note": "",
            "spans": spans if spans is not None else [
                {"start": f"{year}-01-01", "end": f"{year}-01-07", "kind": "rest",
                 "name": "元旦"}]}


def hostile(frm, to, records, **patch) -> bytes:
    return seal(zip_members(signed_zip_items(frm, to, records, **patch)), to)


@pytest.mark.parametrize("who, origin, code", [
    ("court", "center01", "not_owner"),   # the court forging the center's own entry
    ("court", "court02", "not_owner"),    # ... or another court's
    ("court", "court01", "record_invalid"),  # its own, but a span outside the year
])
def test_hostile_notices_from_a_trusted_court_are_refused_whole(desks, tmp_path, who, origin,
                                                                code):
    court, center = desks
    spans = [{"start": "2026-12-31", "end": "2027-01-02", "kind": "rest", "name": "x"}] \
        if code == "record_invalid" else None
    data = hostile(court, center, {"holiday_notices": [notice_wire(origin, spans=spans)]})
    path = tmp_path / "h.mdx"
    path.write_bytes(data)
    before = db_digest(center)
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(center, ACTOR, path)
    assert err.value.reason_code == code
    assert db_digest(center) == before


def test_a_center_cannot_send_the_court_a_calendar(desks, tmp_path):
    court, center = desks
    data = hostile(center, court, {"holiday_notices": [notice_wire("center01")]})
    path = tmp_path / "h.mdx"
    path.write_bytes(data)
    before = db_digest(court)
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(court, ACTOR, path)
    assert err.value.reason_code == "not_owner"
    assert db_digest(court) == before


def test_the_center_relays_the_calendar_to_its_field_laptop(desks, tmp_path):
    """Enrollment and later center→field bundles carry every notice the center applies."""
    from mediation_desk.domain.models import Mediator
    from mediation_desk.services.desk import MediatorService
    from mediation_desk.services.enrollment import enroll, init_from_enrollment

    court, center = desks
    court_notice(court, tmp_path)
    exchange.import_bundle(center, ACTOR, send(court, "center01", tmp_path))
    MediatorService(center).save(ACTOR, Mediator(center_id="", name="王调解"))
    rep = enroll(center, ACTOR, "王调解", tmp_path / "enroll.mdx")
    field = init_from_enrollment(tmp_path / "field.db", rep.path, rep.passphrase)
    try:
        cal = cal_svc.load_calendar(field)
        assert cal.source(2027) is YearSource.COURT  # relayed, still owned by the court
        assert not cal.is_workday(date(2027, 1, 4))
        # the center's own adjustment reaches the laptop in the next bundle
        f = tmp_path / "adj.txt"
        f.write_text("年份 2027\n完整 否\n放假 2027-03-01 2027-03-01 停电\n", encoding="utf-8")
        cal_svc.import_notice_file(center, ACTOR, f)
        card = tmp_path / "field.card"
        exchange.export_card(field, card)
        exchange.trust_card(center, ACTOR, exchange.read_card(card))
        out = tmp_path / "to-field.mdx"
        exchange.export_bundle(center, ACTOR, rep.field_code, out)
        exchange.import_bundle(field, ACTOR, out)
        assert not cal_svc.load_calendar(field).is_workday(date(2027, 3, 1))
    finally:
        field.close()
