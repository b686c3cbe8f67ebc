"""The per-class row writer (storage/records.row_writer) and codec.to_dict give exactly what
the generic, per-value encoder gives, for every record class and for odd values."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from mediation_desk.domain import codec
from mediation_desk.domain.enums import CaseFlag, CaseStatus, DayKind, EventKind, RelationKind
from mediation_desk.domain.models import (
    Agreement,
    Attachment,
    Case,
    CaseEvent,
    Center,
    DeclaredRelation,
    HolidayNotice,
    HolidaySpan,
    Mediator,
    Party,
)
from mediation_desk.services import demo
from mediation_desk.services.settings import Settings
from mediation_desk.storage.cases import CASE_EXCLUDE
from mediation_desk.storage.records import row_writer, to_row


def oracle_dict(record: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The encoder as it was: every field's value inspected on its own."""
    hints = codec._hints(type(record))
    return {codec.column_name(f.name, hints[f.name]): codec._encode(getattr(record, f.name))
            for f in dataclasses.fields(record) if f.name not in exclude}


def oracle_row(record: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    row = oracle_dict(record, exclude)
    for key, value in row.items():
        if isinstance(value, (list, dict)):
            row[key] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            row[key] = int(value)
    return row


def demo_records(n: int) -> list[tuple[Any, tuple[str, ...]]]:
    rng = random.Random(11)
    today = date(2026, 6, 30)
    maker = demo.CaseMaker(rng, today, [], Settings())
    mediators = demo.demo_mediators(rng, "center", maker)
    maker.mediators = [m for m in mediators if m.active]
    out: list[tuple[Any, tuple[str, ...]]] = [(m, ()) for m in mediators]
    for k in range(n):
        case, events, agreements = maker.case(today - timedelta(days=k % 700), "center")
        out.append((case, CASE_EXCLUDE))
        out += [(p, ()) for p in case.parties] + [(e, ()) for e in events]
        out += [(a, ()) for a in agreements]
    return out


def odd_records() -> list[tuple[Any, tuple[str, ...]]]:
    """Values that are not of their field's declared type, empty and nested values."""
    moment = datetime(2026, 3, 4, 5, 6, 7, 890)
    case = Case(center_id="c", amount=Decimal("12.345"), flags={CaseFlag.RISK, CaseFlag.FAMILY},
                received_on=moment,  # a datetime where a date is declared
                status=CaseStatus.AGREED, title="𠮷祥\x00引号\"", deleted=True)
    case.end_note = CaseStatus.FILED  # type: ignore[assignment]  # an enum in a text field
    case.year = True  # type: ignore[assignment]  # a boolean in an int field
    event = CaseEvent(case_id="c", kind=EventKind.SESSION, occurred_at=moment,
                      data={"on": date(2026, 1, 2), "amount": Decimal("3.50"), "set": {3, 1},
                            "nested": {"at": moment, "k": CaseFlag.RISK}, "none": None,
                            "flag": True, "n": 1.5})
    event.kind = "session"  # type: ignore[assignment]  # raw text where an enum is declared
    mediator = Mediator(center_id="c", name="王", relations=[
        DeclaredRelation(person_name="李", kind=RelationKind.NEAR_RELATIVE, note="配偶")],
        active=False)
    notice = HolidayNotice(year=2026, spans=[HolidaySpan(start=date(2026, 2, 15),
                                                         end=date(2026, 2, 23),
                                                         kind=DayKind.REST, name="春节")])
    party = Party(name="张三", birth_date=None, sex=None)
    agreement = Agreement(case_id="c", amount=None, clauses=[], performance_deadline=moment)
    return [(case, CASE_EXCLUDE), (case, ()), (event, ()), (mediator, ()), (notice, ()),
            (party, ()), (agreement, ()), (Center(code="X", name="中心"), ()),
            (Attachment(case_id="c", name="a.pdf"), ())]


@pytest.mark.parametrize("source", ["demo", "odd"])
def test_the_compiled_encoders_equal_the_generic_one(source):
    records = demo_records(300) if source == "demo" else odd_records()
    kinds = {type(r) for r, _ in records}
    assert len(kinds) >= (5 if source == "demo" else 8)
    for record, exclude in records:
        assert codec.to_dict(record, exclude=exclude) == oracle_dict(record, exclude)
        expected = oracle_row(record, exclude)
        row = to_row(record, exclude)
        assert row == expected
        assert [type(v) for v in row.values()] == [type(v) for v in expected.values()]
        columns, write = row_writer(type(record), exclude)
        assert dict(zip(columns, write(record), strict=True)) == expected


def test_the_row_writer_follows_a_changed_record():
    columns, write = row_writer(Party)
    party = Party(name="张三")
    first = dict(zip(columns, write(party), strict=True))
    party.name, party.birth_date = "李四", date(1990, 1, 2)
    second = dict(zip(columns, write(party), strict=True))
    assert first["name"] == "张三" and second["name"] == "李四"
    assert second["birth_date"] == "1990-01-02" and first["birth_date"] is None


def test_another_desks_uuid4_ids_are_kept_as_they_are(tmp_path):
    from mediation_desk.services.desk import init_desk

    store = init_desk(tmp_path / "d.db", code="X1", name="另一个调解中心")
    try:
        theirs = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"  # version 4, as older desks made them
        mediator = Mediator(id=theirs, center_id="c", name="王芳")
        with store.operation("测试", "save") as work:
            work.save_mediator(mediator)
        assert [m.id for m in store.directory.mediators()] == [theirs]
    finally:
        store.close()
