"""Generated case-list rows with many ties and NULLs, and a Python oracle of the list.

Rows go straight into ``cases`` and ``case_mediators`` (a query test, not a service one):
three years, two centers, a few received dates, deadlines and names shared by many cases,
no deadline or no amount for some, tombstones among them. :func:`oracle` filters and
orders them in Python by the list's documented rules, independently of the SQL.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from mediation_desk.domain.enums import CaseFlag, CaseSource, CaseStatus, DisputeType
from mediation_desk.domain.queries import CaseFilter, CaseSort
from mediation_desk.storage.store import Store

TODAY = date(2026, 12, 1)
CENTERS = ("center-a", "center-b")
MEDIATORS = ("mediator-1", "mediator-2", "mediator-3")
OPEN = {"registered", "accepted", "mediating", "suspended"}
CLOCK = {"accepted", "mediating"}


@dataclass
class Sample:
    seq: int
    id: str
    center_id: str
    year: int
    serial: int
    status: str
    dispute_type: str
    source: str
    received_on: str
    due_on: str | None
    party_names: str
    mediator_names: str
    amount_fen: int | None
    flags: list[str]
    deleted: int
    mediators: list[str]


def new_store(path: Path) -> Store:
    """A fresh desk's store (the conftest ``store`` fixture's, for a module's shared data)."""
    from mediation_desk.services.desk import init_desk

    return init_desk(path, code="ZD-MS", name="马尚街道调解中心", number_prefix="马尚",
                     linked_court="张店区人民法院")


@contextmanager
def filled_store(tmp_path_factory: Any) -> Iterator[tuple[Any, list[Sample]]]:
    """A fresh desk (its own MEDIATION_DESK_HOME) with :func:`fill`'s cases, for a module's
    read-only tests: (its connection, the samples); closed after."""
    import pytest

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEDIATION_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        s = new_store(tmp_path_factory.mktemp("desk") / "desk.db")
        try:
            yield s.db, fill(s.db)
        finally:
            s.close()


def fill(db: Any, n: int = 600, seed: int = 14) -> list[Sample]:
    """Insert ``n`` generated cases; return them (tombstoned ones included)."""
    rng = random.Random(seed)
    serials: dict[tuple[str, int], int] = {}
    days = [TODAY + timedelta(days=d) for d in (-9, -3, 0, 2, 5, 30)]
    out = []
    for i in range(n):
        center = rng.choice(CENTERS)
        year = rng.choice((2024, 2025, 2026))
        serials[center, year] = serial = serials.get((center, year), 0) + 1
        s = Sample(
            seq=i + 1, id=f"case-{i:04d}", center_id=center, year=year, serial=serial,
            status=rng.choice([s.value for s in CaseStatus] + ["mediating", "archived"] * 3),
            dispute_type=rng.choice([t.value for t in DisputeType][:4]),
            source=rng.choice([s.value for s in CaseSource][:3]),
            received_on=f"{year}-{rng.choice(('01-05', '06-15', '06-15', '11-30'))}",
            due_on=rng.choice([None, None] + [d.isoformat() for d in days]),
            party_names=rng.choice(("张三、李四", "王五", "张三、李四", "", "赵六、钱七",
                                    "Ａ公司")),
            mediator_names=rng.choice(("", "陈调解", "林调解", "陈调解、林调解")),
            amount_fen=rng.choice((None, 0, 150000, 150000, 990000, 12)),
            flags=sorted(rng.sample([f.value for f in CaseFlag][:5], rng.choice((0, 0, 1, 2)))),
            deleted=int(rng.random() < 0.06),
            mediators=rng.sample(MEDIATORS, rng.choice((0, 1, 1, 2))),
        )
        out.append(s)
        db.execute(
            "INSERT INTO cases (seq, id, center_id, number, year, serial, source, dispute_type,"
            " status, received_on, due_on, party_names, mediator_names, amount_fen, flags,"
            " deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [s.seq, s.id, s.center_id, f"（{year}）{center}第{serial}号", year, serial, s.source,
             s.dispute_type, s.status, s.received_on, s.due_on, s.party_names,
             s.mediator_names, s.amount_fen, json.dumps(s.flags), s.deleted])
        for pos, m in enumerate(s.mediators):
            db.execute("INSERT INTO case_mediators (case_id, mediator_id, position)"
                       " VALUES (?, ?, ?)", [s.id, m, pos])
    db.conn.commit()
    return out


def matches(s: Sample, flt: CaseFilter) -> bool:
    """Whether a sample meets a filter (the filter's documented meaning, in Python)."""
    soon = (TODAY + timedelta(days=flt.due_within or 0)).isoformat()
    checks = [
        not s.deleted,
        not flt.statuses or s.status in {x.value for x in flt.statuses},
        not flt.open_only or s.status in OPEN,
        not flt.dispute_types or s.dispute_type in {x.value for x in flt.dispute_types},
        not flt.sources or s.source in {x.value for x in flt.sources},
        not flt.center_id or s.center_id == flt.center_id,
        not flt.mediator_id or flt.mediator_id in s.mediators,
        all(f.value in s.flags for f in flt.flags),
        not flt.received_from or s.received_on >= flt.received_from.isoformat(),
        not flt.received_to or s.received_on <= flt.received_to.isoformat(),
        not (flt.overdue or flt.due_within is not None) or s.status in CLOCK,
        not flt.overdue or (s.due_on is not None and s.due_on < TODAY.isoformat()),
        flt.due_within is None or (s.due_on is not None
                                   and TODAY.isoformat() <= s.due_on <= soon),
        flt.case_ids is None or s.id in flt.case_ids,
    ]
    return all(checks)


_KEY_COLUMNS = {
    "number": ("year", "serial"), "status": ("status", "received_on"),
    "dispute_type": ("dispute_type", "received_on"), "source": ("source", "received_on"),
    "received_on": ("received_on",), "due_on": ("due_on",), "party_names": ("party_names",),
    "mediator_names": ("mediator_names",), "amount": ("amount_fen",),
    "center": ("center_id", "year", "serial"),
}


def oracle(samples: list[Sample], flt: CaseFilter, sort: CaseSort) -> list[str]:
    """Ids of the matching cases in the list's order: the key's columns, then seq, all in
    the sort's direction; no amount sorts first ascending and last descending (SQLite's
    NULL), no deadline last either way."""
    rows = [s for s in samples if matches(s, flt)]
    cols = _KEY_COLUMNS[sort.key]
    rows.sort(key=lambda s: s.seq, reverse=sort.descending)  # stable sorts, last key first

    def value(s: Sample) -> tuple[Any, ...]:
        return tuple((-1 if getattr(s, c) is None else getattr(s, c)) if c == "amount_fen"
                     else (getattr(s, c) or "") for c in cols)

    rows.sort(key=value, reverse=sort.descending)
    if sort.key == "due_on":
        rows.sort(key=lambda s: s.due_on is None)
    return [s.id for s in rows]


FILTERS: dict[str, CaseFilter] = {
    "every case": CaseFilter(),
    "registered": CaseFilter(statuses=(CaseStatus.REGISTERED,)),
    "archived": CaseFilter(statuses=(CaseStatus.ARCHIVED,)),
    "open": CaseFilter(open_only=True),
    "type": CaseFilter(dispute_types=(DisputeType.NEIGHBOUR,)),
    "source": CaseFilter(sources=(CaseSource.PARTY_APPLICATION,)),
    "center": CaseFilter(center_id="center-b"),
    "mediator": CaseFilter(mediator_id="mediator-2"),
    "flag": CaseFilter(flags=(CaseFlag.RISK,)),
    "two flags": CaseFilter(flags=(CaseFlag.RISK, CaseFlag.FAMILY)),
    "received": CaseFilter(received_from=date(2025, 6, 15), received_to=date(2026, 6, 15)),
    "overdue": CaseFilter(overdue=True),
    "due soon": CaseFilter(due_within=7),
    "open, type, flag": CaseFilter(open_only=True, dispute_types=(DisputeType.NEIGHBOUR,),
                                   flags=(CaseFlag.FAMILY,)),
    "status, mediator, received": CaseFilter(
        statuses=(CaseStatus.MEDIATING,), mediator_id="mediator-1",
        received_from=date(2025, 1, 1)),
    "center, source, overdue": CaseFilter(center_id="center-a",
                                          sources=(CaseSource.PARTY_APPLICATION,), overdue=True),
    "case ids": CaseFilter(case_ids=tuple(f"case-{i:04d}" for i in range(0, 600, 7))),
}
"""Every filter of the cases page alone, and combinations of them."""
