"""Queries of the village view (村居视图, 无讼社区): disputes per village or community.

:func:`village_facts` reads, for a window of dates (both ends inclusive), the live cases
each measure counts, following the counting rule of docs/statistics.md (events in the
period, not current statuses), and each counted case's village:

- 受理 ``accepted``: ``cases.accepted_on`` in the window (index ``cases_accepted``);
- 重复纠纷 ``repeats``: of those, the cases with a party who was a party of another live
  case received in the 12 months before this case's received date (from the same date a
  year earlier — 1 March for 29 February — to the day before); the same person by ID number
  when both have one, else by name and phone (indexes ``parties_id_number``,
  ``parties_name_phone``);
- 调解成功 ``succeeded``: an agreement taking effect in the window, once per case; the
  written copy of an oral agreement (marked by the NOTE event ``record_written_agreement``)
  is not another success (indexes ``agreements_effective``, ``agreements_case``);
- 进入诉讼 ``to_court``: a status change dated in the window (the date part of
  ``occurred_at``) handing the case over for filing, taking it to court, or returning it to
  the trial after a failed mediation (no ``outcome``) (index ``events_action``);
- the village: the first applicant's (by position) that has one, else the first party's
  that has one, else '' (index ``parties_case``).

Rows are fetched in rowid order after their rowids were found in an index, so each page of
an encrypted file is read and decrypted once, not once per row.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

import sqlite_utils

from .statistics_queries import INDEXED_ACTIONS

if TYPE_CHECKING:
    from .store import Store

TO_COURT_ACTIONS = ("hand_over", "litigate", "return_to_trial")
"""Status changes that take a case to court (``return_to_trial`` only without an outcome,
i.e. after a failed mediation; with one, the court ends the case on the agreement)."""

WRITTEN_COPY = "record_written_agreement"
"""The NOTE event marking an agreement as the written copy of an oral one."""

_CHUNK = 20_000


@dataclass
class VillageFacts:
    """The cases each measure of the village view counts, and where each case belongs.

    Every list holds live cases only, in id order; ``places`` has every counted case's
    (center id, village) — '' when no party's village is recorded.
    """

    start: date
    end: date
    accepted: list[str] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)
    succeeded: list[str] = field(default_factory=list)
    to_court: list[str] = field(default_factory=list)
    places: dict[str, tuple[str, str]] = field(default_factory=dict)


class _Party(NamedTuple):
    seq: int
    case_id: str
    role: str
    position: int
    village: str
    id_number: str
    name: str
    phone: str


def _chunks(values: list[Any]) -> Iterator[str]:
    for i in range(0, len(values), _CHUNK):
        yield json.dumps(values[i:i + _CHUNK], ensure_ascii=False)


def year_earlier(day: str) -> str:
    """The same date a year before ``day`` (ISO text); 29 February gives 1 March."""
    d = date.fromisoformat(day)
    try:
        return d.replace(year=d.year - 1).isoformat()
    except ValueError:  # 29 February
        return date(d.year - 1, 3, 1).isoformat()


def _by_rowid(db: sqlite_utils.Database, table: str, columns: str, seqs: Iterable[int],
              where: str = "", params: Iterable[Any] = ()) -> Iterator[tuple[Any, ...]]:
    """Rows of ``table`` by rowid, read in rowid (file) order, with an extra condition."""
    for chunk in _chunks(sorted(seqs)):
        yield from db.execute(f"SELECT {columns} FROM {table}"
                              f" WHERE seq IN (SELECT value FROM json_each(?)){where}",
                              [chunk, *params])


def _seqs(db: sqlite_utils.Database, sql: str, params: Iterable[Any]) -> list[int]:
    return [r[0] for r in db.execute(sql, list(params))]


def village_facts(db: sqlite_utils.Database, start: date, end: date,
                  center_id: str | None = None) -> VillageFacts:
    """The village view's facts for ``start``..``end`` (only ``center_id``'s cases if given).

    The work grows with the period, not with the desk: the accepted cases' parties are read
    with their identities; every other counted case's village comes from ``parties_village``
    alone; each identity is looked up once in ``parties_id_number`` / ``parties_name_phone``.
    """
    s, e = start.isoformat(), end.isoformat()
    after = (end + timedelta(days=1)).isoformat()
    out = VillageFacts(start, end)
    received: dict[str, str] = {}
    centers: dict[str, str] = {}
    accepted = _seqs(db, "SELECT seq FROM cases WHERE accepted_on BETWEEN ? AND ?"
                          " AND deleted = 0", [s, e])  # the partial index cases_accepted
    where, params = (" AND center_id = ?", [center_id]) if center_id else ("", [])
    for cid, center, on in _by_rowid(db, "cases", "id, center_id, received_on", accepted,
                                     f" AND deleted = 0{where}", params):
        received[cid], centers[cid] = on, center
    succeeded = _succeeded(db, s, e)
    to_court = _to_court(db, s, after)
    centers.update(_live_centers(db, (succeeded | to_court) - centers.keys()))
    if center_id:
        centers = {cid: c for cid, c in centers.items() if c == center_id}
    parties = _parties(db, received)
    villages = {cid: _village(ps) for cid, ps in parties.items()}
    villages.update(_villages(db, centers.keys() - received.keys()))
    out.accepted = sorted(received)
    out.succeeded = sorted(succeeded & centers.keys())
    out.to_court = sorted(to_court & centers.keys())
    out.repeats = _repeats(db, received, parties)
    out.places = {cid: (center, villages.get(cid, "")) for cid, center in centers.items()}
    return out


def _village(parties: list[_Party]) -> str:
    """The first applicant's village that is recorded, else the first party's, else ''."""
    return _first_village([(p.role, p.village) for p in parties])


def _first_village(parties: list[tuple[str, str]]) -> str:
    """Of (role, village) in position order: the first applicant's village, else any's."""
    for role, village in parties:
        if role == "applicant" and village:
            return village
    return next((village for _role, village in parties if village), "")


def _villages(db: sqlite_utils.Database, case_ids: Iterable[str]) -> dict[str, str]:
    """Each case's village from the index ``parties_village`` alone (no party row read)."""
    found: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for chunk in _chunks(sorted(case_ids)):
        for cid, position, seq, role, village in db.execute(
                "SELECT case_id, position, seq, role, village FROM parties"
                " INDEXED BY parties_village WHERE deleted = 0"
                " AND case_id IN (SELECT value FROM json_each(?))", [chunk]):
            found[cid].append((position, seq, role, village))
    out = {}
    for cid, rows in found.items():
        rows.sort()  # position, then seq: as _parties orders them
        out[cid] = _first_village([(role, village) for _p, _s, role, village in rows])
    return out


def _succeeded(db: sqlite_utils.Database, s: str, e: str) -> set[str]:
    """Cases with an agreement taking effect ``s``..``e`` (a written copy excluded)."""
    seqs = _seqs(db, "SELECT seq FROM agreements WHERE effective_on BETWEEN ? AND ?", [s, e])
    # a written copy always has its oral original beside it, so the look for the NOTE
    # event runs only for a written agreement of a case with another agreement
    copy = (" AND NOT (form = 'written'"
            " AND EXISTS (SELECT 1 FROM agreements o WHERE o.case_id = agreements.case_id"
            "             AND o.seq != agreements.seq)"
            " AND EXISTS (SELECT 1 FROM events n WHERE n.case_id = agreements.case_id"
            "             AND n.kind = 'note' AND n.deleted = 0"
            "             AND json_extract(n.data, '$.action') = ?"
            "             AND json_extract(n.data, '$.written_agreement_id') = agreements.id))")
    return {r[0] for r in _by_rowid(db, "agreements", "case_id", seqs,
                                    f" AND deleted = 0{copy}", [WRITTEN_COPY])}


def _to_court(db: sqlite_utils.Database, s: str, after: str) -> set[str]:
    """Cases handed over, taken to court or returned to the trial unmediated ``s``..``after``."""
    marks = ",".join("?" * len(TO_COURT_ACTIONS))
    return {r[0] for r in db.execute(
        "SELECT case_id FROM events INDEXED BY events_action WHERE kind = 'status_change'"
        f" AND {INDEXED_ACTIONS} AND json_extract(data, '$.action') IN ({marks})"
        " AND occurred_at >= ? AND occurred_at < ? AND deleted = 0"
        " AND (json_extract(data, '$.action') != 'return_to_trial'"
        "      OR coalesce(json_extract(data, '$.outcome'), '') = '')",
        [*TO_COURT_ACTIONS, s, after])}


def _live_centers(db: sqlite_utils.Database, ids: Iterable[str]) -> dict[str, str]:
    """The center of each of ``ids`` that is a live case."""
    seqs: list[int] = []
    for chunk in _chunks(sorted(ids)):  # the id index alone: no row is read yet
        seqs.extend(_seqs(db, "SELECT seq FROM cases WHERE id IN"
                              " (SELECT value FROM json_each(?))", [chunk]))
    return {cid: center for cid, center in
            _by_rowid(db, "cases", "id, center_id", seqs, " AND deleted = 0")}


def _parties(db: sqlite_utils.Database, case_ids: Iterable[str]) -> dict[str, list[_Party]]:
    """The live parties of ``case_ids``, each case's in position order."""
    seqs: list[int] = []
    for chunk in _chunks(sorted(case_ids)):  # the index alone: no row is read yet
        seqs.extend(_seqs(db, "SELECT seq FROM parties WHERE case_id IN"
                              " (SELECT value FROM json_each(?))", [chunk]))
    out: dict[str, list[_Party]] = defaultdict(list)
    for row in _by_rowid(db, "parties", "seq, case_id, role, position, village, id_number,"
                         " name, phone", seqs, " AND deleted = 0"):
        out[row[1]].append(_Party(*row))
    for parties in out.values():
        parties.sort(key=lambda p: (p.position, p.seq))
    return out


_SEP = "\x1f"
"""Joins a name and a phone into one probe key (a pair holding it is probed as JSON)."""


def _twice(db: sqlite_utils.Database, mine: list[_Party],
           ) -> tuple[set[str], set[tuple[str, str]]]:
    """The ID numbers and (name, phone) pairs of ``mine`` held by more than one party row
    (live or not: a superset of those that can repeat), from the indexes alone.

    Each identity is one probe of its index, in index order (the keys sorted as SQLite
    compares them: UTF-8 bytes, i.e. code points), so the probes walk the index forwards;
    nothing else of the desk is read, however many parties it holds.
    """
    ids: set[str] = set()
    for chunk in _chunks(sorted({p.id_number for p in mine if p.id_number})):
        ids.update(r[0] for r in db.execute(
            "SELECT value FROM json_each(?) WHERE EXISTS (SELECT 1 FROM parties"
            " WHERE id_number = value AND id_number != '' LIMIT 1 OFFSET 1)", [chunk]))
    pairs = sorted({(p.name, p.phone) for p in mine if p.name and p.phone})
    plain = [f"{n}{_SEP}{ph}" for n, ph in pairs if _SEP not in n and _SEP not in ph]
    found: set[tuple[str, str]] = set()
    for chunk in _chunks(plain):
        for (key,) in db.execute(
                "SELECT value FROM json_each(?) WHERE EXISTS (SELECT 1 FROM parties"
                " WHERE name = substr(value, 1, instr(value, char(31)) - 1)"
                " AND phone = substr(value, instr(value, char(31)) + 1) LIMIT 1 OFFSET 1)",
                [chunk]):
            name, _sep, number = key.partition(_SEP)
            found.add((name, number))
    odd = [[n, ph] for n, ph in pairs if _SEP in n or _SEP in ph]
    for chunk in _chunks(odd):
        found.update((r[0], r[1]) for r in db.execute(
            "SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE EXISTS (SELECT 1"
            " FROM parties WHERE name = value ->> 0 AND phone = value ->> 1"
            " LIMIT 1 OFFSET 1)", [chunk]))
    return ids, found


def _repeats(db: sqlite_utils.Database, received: dict[str, str],
             parties: dict[str, list[_Party]]) -> list[str]:
    """Of the cases ``received`` (id -> received date), those with a party who was a party
    of another live case received in the 12 months before."""
    mine = [p for cid in received for p in parties.get(cid, [])]
    twice_id, twice_pair = _twice(db, mine)
    # every live party of a live case with such an identity, with its case's received date
    by_id: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    by_pair: dict[tuple[str, str], list[tuple[int, str, str, str]]] = defaultdict(list)
    sql = ("SELECT p.seq, p.case_id, p.id_number, p.name, p.phone, c.received_on"
           " FROM parties p JOIN cases c ON c.id = p.case_id"
           " WHERE p.deleted = 0 AND c.deleted = 0 AND {match}")
    for chunk in _chunks(sorted(twice_id)):
        for seq, cid, idn, _name, _phone, on in db.execute(sql.format(
                match="p.id_number != '' AND p.id_number IN (SELECT value FROM json_each(?))"),
                [chunk]):
            by_id[idn].append((seq, cid, on))
    for chunk in _chunks(sorted(twice_pair)):
        for seq, cid, idn, name, phone, on in db.execute(sql.format(
                match="(p.name, p.phone) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))"),
                [chunk]):
            by_pair[(name, phone)].append((seq, cid, on, idn))

    def repeat(cid: str, on: str) -> bool:
        since = year_earlier(on)
        for p in parties.get(cid, []):
            if p.id_number in by_id and any(q != p.seq and c != cid and since <= d < on
                                            for q, c, d in by_id[p.id_number]):
                return True
            if (p.name, p.phone) in by_pair and any(
                    q != p.seq and c != cid and since <= d < on and not (p.id_number and idn)
                    for q, c, d, idn in by_pair[(p.name, p.phone)]):
                return True
        return False

    return sorted(cid for cid, on in received.items() if repeat(cid, on))


class VillageQueries:
    """What the village service may ask of the database (``village_queries_of(store)``)."""

    __slots__ = ("_db",)

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def facts(self, start: date, end: date, center_id: str | None = None) -> VillageFacts:
        """The cases each measure counts ``start``..``end``, and their villages."""
        return village_facts(self._db, start, end, center_id)

    def center_names(self) -> dict[str, tuple[str, str]]:
        """Every center's (code, name) by id."""
        return {cid: (code, name) for cid, code, name in self._db.execute(
            "SELECT id, code, name FROM centers WHERE deleted = 0")}


def village_queries_of(store: Store) -> VillageQueries:
    """The village view's queries over ``store``'s connection."""
    return VillageQueries(store.db)

