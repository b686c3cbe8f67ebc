"""Full-text search over cases.

Three FTS5 indexes hold the text per case (number, court numbers, party and
agent names, phones, ID numbers, addresses, title, facts):

* ``case_fts`` with the trigram tokenizer answers terms of 3+ characters as
  substring matches;
* ``case_fts_chars`` with unicode61 over the text split into single characters
  answers 1-2 character terms as a phrase (trigram cannot match them, and a
  LIKE on the trigram table finds nothing for 2 CJK characters on SQLite 3.40);
* ``case_fts_digits`` (m016) holds only the runs of digits (and ``X``) of the text, each
  as the 4-character grams starting at each of its positions: a term of 4+ digits
  (a phone, an ID number and its ``227X`` tail, ``2026``) is a phrase of those grams,
  the same substring match as on the trigram index, where every trigram of digits is
  in a large share of the cases and the phrase costs hundreds of ms at 1,000,000.

Several terms separated by spaces must all match; the terms of one index are
one MATCH expression (``"a" AND "b"``), so FTS5 intersects them itself. What a
search promises (and how it is answered) is docs/search.md; every plan below
gives exactly the same cases, the plans differ only in cost. Only ``rowid``
and MATCH are read from the indexes (they may be contentless).
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from dataclasses import dataclass
from math import isqrt
from typing import Any

import sqlite_utils

_SEPARATORS = set(" \t\r\n")


def _is_token_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in ("L", "N") or cat == "Co"


# Stands for any run of non-letters (spaces, punctuation, line breaks) so that a
# phrase never matches across a field or word boundary. A private-use character
# is a token for unicode61 and nobody types it into a search box.
BOUNDARY = "\ue000"


# A run of characters that are not tokens, for re: Python's \w is exactly the
# letters and numbers (categories L*, N*) plus "_"; private-use characters
# (category Co) are tokens too, except BOUNDARY itself. tests/storage/test_search.py
# checks this against _is_token_char for every code point.
_NON_TOKEN_RUN = re.compile(
    "(?:[^\\w\ue001-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]|_)+")


def char_split(text: str) -> str:
    """Text as space-separated single characters; other characters become BOUNDARY.

    Runs of non-token characters collapse to one BOUNDARY; the work happens in
    C (a bulk import indexes thousands of cases at once).
    """
    return " ".join(_NON_TOKEN_RUN.sub(BOUNDARY, text))


def body_for(parts: list[str]) -> str:
    """The indexed text of a case from its parts (empty parts dropped)."""
    return "\n".join(p for p in parts if p)


DIGITS = "case_fts_digits"
"""The index of digit runs (m016)."""

GRAM = 4
"""Characters per token of :data:`DIGITS`: a term of this many digits is one token."""

# A run of the characters the digit index holds: ASCII digits and X (ID numbers end in
# it), case folded as the trigram index does; nothing else folds to one of them, so a
# term made of them alone is found exactly where it is a substring of one such run.
_DIGIT_RUN = re.compile(f"[0-9Xx]{{{GRAM},}}")

# Between two runs, so that no phrase matches across them (not a gram: grams are digits).
_RUN_BREAK = "z"


def _grams(run: str) -> list[str]:
    return [run[i:i + GRAM] for i in range(len(run) - GRAM + 1)]


def digit_grams(body: str) -> str:
    """What :data:`DIGITS` indexes of a case's text: each run of 4+ digits (or X) as its
    4-character grams in order (case folded), runs apart by a break token."""
    out: list[str] = []
    for run in _DIGIT_RUN.findall(body):
        if out:
            out.append(_RUN_BREAK)
        out += _grams(run.lower())
    return " ".join(out)


def digit_rows(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(row id, :func:`digit_grams`) for the (row id, text) of cases that have any."""
    out = []
    for rowid, body in rows:
        grams = digit_grams(body)
        if grams:
            out.append((rowid, grams))
    return out


def index_digits(db: sqlite_utils.Database, rows: list[tuple[int, str]]) -> None:
    """Add the digit index's entries of new cases, given as (row id, text): the batched
    writers' counterpart of :func:`index_case` for :data:`DIGITS`."""
    db.conn.executemany(f"INSERT INTO {DIGITS} (rowid, body) VALUES (?, ?)", digit_rows(rows))


def index_case(db: sqlite_utils.Database, rowid: int, body: str) -> None:
    """(Re)write the search entries of one case (inside the caller's transaction)."""
    unindex_case(db, rowid)
    db.execute("INSERT INTO case_fts (rowid, body) VALUES (?, ?)", [rowid, body])
    db.execute("INSERT INTO case_fts_chars (rowid, body) VALUES (?, ?)", [rowid, char_split(body)])
    index_digits(db, [(rowid, body)])


def unindex_case(db: sqlite_utils.Database, rowid: int) -> None:
    """Drop a case from the search indexes."""
    db.execute("DELETE FROM case_fts WHERE rowid = ?", [rowid])
    db.execute("DELETE FROM case_fts_chars WHERE rowid = ?", [rowid])
    db.execute(f"DELETE FROM {DIGITS} WHERE rowid = ?", [rowid])


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def terms(text: str) -> list[str]:
    """Split a search box entry into terms (at any white space, full-width too)."""
    return [t for t in text.split() if t]


def _has_token(term: str) -> bool:
    return any(_is_token_char(ch) and ch != BOUNDARY for ch in term)


SMALL_SET = 1000
"""How many row ids of a search are read from the index at most before the cases
are looked at. A search matching at most this many cases is answered from its
row ids (exact, whatever the order). A bigger one is answered in two parts:
the newest row ids read (a window of row ids where every match is known, so the
newest-first list needs nothing else) and, below that window, the index itself
(materialised by SQLite only if a row below the window is ever looked at)."""

DRIVE_PAGE = 200
"""The case list's page (ui/models/case_table.py PAGE), for :func:`whole_limit`."""

WINDOW_BUDGET = 20000
"""About this many row ids of the denser index at most are streamed to check the window
of a search whose terms live in both indexes (the window is narrowed to keep to it)."""


@dataclass(frozen=True)
class _Query:
    """One MATCH expression on one of the two indexes."""

    table: str
    expr: str


def queries_for(text: str) -> list[_Query]:
    """The MATCH expressions of a search: one per index its terms need (0, 1 or 2).

    Terms of 4+ digits (or X) go to the digit index as a phrase of their grams, other
    terms of 3+ characters to the trigram index, 1-2 characters to the single-character
    index; a term without a letter or digit is ignored.
    """
    long: list[str] = []
    short: list[str] = []
    digits: list[str] = []
    for term in dict.fromkeys(terms(text)):
        if not _has_token(term):
            continue
        if _DIGIT_RUN.fullmatch(term):
            digits.append(_quote(" ".join(_grams(term.lower()))))
        elif len(term) >= 3:
            long.append(_quote(term))
        else:
            short.append(_quote(char_split(term)))
    out = []
    if long:
        out.append(_Query("case_fts", " AND ".join(long)))
    if short:
        out.append(_Query("case_fts_chars", " AND ".join(short)))
    if digits:
        out.append(_Query(DIGITS, " AND ".join(digits)))
    return out


def _newest(db: sqlite_utils.Database, q: _Query, whole: int, top: int
            ) -> tuple[list[int], bool]:
    """Every row id of ``q`` when there are at most ``whole`` (and True), else its
    SMALL_SET + 1 newest (and False); highest first.

    Read in the index's own order first: a phrase costs several times more walked
    backwards, and most such searches are small. Past SMALL_SET matches, the reading goes
    on (from the last row id read, at most to ``whole + 1``) only when the matches read so
    far, spread over the rest of the row ids up to ``top`` as they are over the first,
    would not be more than twice ``whole``: a term in a large share of the cases goes
    straight to its newest matches. The estimate only chooses what is read.
    """
    ascending = (f"SELECT rowid FROM {q.table} WHERE {q.table} MATCH ? AND rowid > ?"
                 " ORDER BY rowid LIMIT ?")
    first = [r[0] for r in db.execute(ascending, [q.expr, 0, SMALL_SET + 1])]
    if len(first) <= SMALL_SET:
        return first[::-1], True
    span = first[-1] - first[0] + 1
    if whole > SMALL_SET and len(first) * (top - first[0] + 1) <= 2 * whole * span:
        first += [r[0] for r in db.execute(ascending, [q.expr, first[-1],
                                                       whole + 1 - len(first)])]
        if len(first) <= whole:
            return first[::-1], True
    return [r[0] for r in db.execute(
        f"SELECT rowid FROM {q.table} WHERE {q.table} MATCH ? ORDER BY rowid DESC LIMIT ?",
        [q.expr, SMALL_SET + 1])], False


def _top(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT coalesce(max(seq), 0) FROM cases").fetchone()[0])


def whole_limit(db: sqlite_utils.Database, top: int | None = None) -> int:
    """Up to how many matches a search is read whole and its cases sorted, rather than
    found by walking the list's order: walking meets about ``DRIVE_PAGE * cases / matches``
    rows for a page, reading whole costs the matches, the same at ``sqrt(DRIVE_PAGE *
    cases)`` (4,472 at 100,000 cases, 14,142 at a million)."""
    return max(SMALL_SET, isqrt(DRIVE_PAGE * (_top(db) if top is None else top)))


def _json(ids: list[int]) -> str:
    return "[" + ",".join(map(str, ids)) + "]"



@dataclass(frozen=True)
class Match:
    """The SQL condition on ``cases.seq`` for a search, and how to count its cases.

    ``window`` row ids (highest first) are every match at or above ``low``; below
    ``low`` (when ``complete`` is false) the indexes are asked again.
    """

    sql: str
    params: list[Any]
    window: tuple[int, ...]
    low: int
    complete: bool
    queries: tuple[_Query, ...]

    def _below(self) -> str:
        first, *rest = self.queries
        sql = (f"SELECT rowid AS seq FROM {first.table} WHERE {first.table} MATCH ?"
               " AND rowid < ?")
        for q in rest:
            sql += (f" AND rowid IN (SELECT rowid FROM {q.table} WHERE {q.table} MATCH ?"
                    " AND rowid < ?)")
        return sql

    def _below_params(self) -> list[Any]:
        return [v for q in self.queries for v in (q.expr, self.low)]

    def count(self, db: sqlite_utils.Database, cap: int | None = None) -> int:
        """Live cases matching the search alone: exact, or ``cap`` when at least that many."""
        known = int(db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM cases WHERE cases.deleted = 0 AND cases.seq IN"
            " (SELECT value FROM json_each(?)) LIMIT ?)",
            [_json(list(self.window)), -1 if cap is None else cap]).fetchone()[0])
        if self.complete or (cap is not None and known >= cap):
            return known
        sql = (f"SELECT 1 FROM ({self._below()}) AS m WHERE EXISTS (SELECT 1 FROM cases c"
               " WHERE c.seq = m.seq AND c.deleted = 0)")
        rest = int(db.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)",
                              [*self._below_params(),
                               -1 if cap is None else cap - known]).fetchone()[0])
        return known + rest


PROBES = 16
"""Up to this many row ids are checked against an index one by one (a probe costs about
what streaming a few thousand row ids does); more are checked by streaming the range."""


def _among(db: sqlite_utils.Database, q: _Query, ids: list[int], at_least: int,
           below: int) -> set[int]:
    """Which of ``ids`` (all in ``[at_least, below)``) match ``q``: a probe each when few,
    else SQLite streams the index over the range and hands back only the hits (``+rowid``:
    not one probe per id)."""
    if len(ids) <= PROBES:
        sql = f"SELECT 1 FROM {q.table} WHERE {q.table} MATCH ? AND rowid = ?"
        return {r for r in ids if db.execute(sql, [q.expr, r]).fetchone() is not None}
    return {r[0] for r in db.execute(
        f"SELECT rowid FROM {q.table} WHERE {q.table} MATCH ? AND rowid >= ? AND rowid < ?"
        " AND +rowid IN (SELECT value FROM json_each(?))",
        [q.expr, at_least, below, _json(ids)])}


def _narrow(db: sqlite_utils.Database, found: list[int], q: _Query, newest: list[int],
            at_least: int) -> list[int]:
    """The row ids of ``found`` (at or above ``at_least``) that match ``q`` too, whose
    ``newest`` row ids are every match from the last of them up."""
    known = newest[-1]
    have = set(newest)
    above = [r for r in found if r >= known and r in have]
    under = [r for r in found if r < known]
    if under:
        hits = _among(db, q, under, at_least, known)
        under = [r for r in under if r in hits]
    return above + under


def _window(db: sqlite_utils.Database, queries: list[_Query]) -> tuple[list[int], int, bool]:
    """Row ids known to match every query (highest first), the lowest row id from which
    they are all the matches, and whether they are all the matches (then the low is 0)."""
    top = _top(db)
    whole = whole_limit(db, top)
    read = [_newest(db, q, whole, top) for q in queries]
    lists = [ids for ids, _ in read]
    complete = [i for i, (_, everything) in enumerate(read) if everything]
    if complete:
        # every match is among the smallest complete list's row ids
        base = min(complete, key=lambda i: len(lists[i]))
        found = lists[base]
        for i, ids in enumerate(lists):
            if i != base and found:
                found = _narrow(db, found, queries[i], ids, found[-1])
        return found, 0, True
    # each list holds every match of its query from its last row id up: the window starts
    # at the deepest list's last row id, raised so that the other index streams about
    # WINDOW_BUDGET matches at most
    known = [ids[-1] for ids in lists]
    deep = known.index(min(known))
    top = max(ids[0] for ids in lists)
    low = known[deep]
    for i, ids in enumerate(lists):
        density = len(ids) / max(top - known[i] + 1, 1)
        if i != deep and density * (known[i] - low) > WINDOW_BUDGET:
            low = max(low, known[i] - int(WINDOW_BUDGET / density))
    found = [r for r in lists[deep] if r >= low]
    for i, ids in enumerate(lists):
        if i != deep and found:
            found = _narrow(db, found, queries[i], ids, low)
    return found, low, False


_CACHE: weakref.WeakKeyDictionary[sqlite_utils.Database, dict[str, tuple[tuple[int, int],
                                                                     Match | None]]]
_CACHE = weakref.WeakKeyDictionary()
_CACHE_SIZE = 8


def _stamp(db: sqlite_utils.Database) -> tuple[int, int]:
    """Changes when the file does: another connection's commit, or this connection's write."""
    version = int(db.execute("PRAGMA data_version").fetchone()[0])
    return version, int(db.conn.total_changes)


def match_clause(db: sqlite_utils.Database, text: str) -> Match | None:
    """:func:`find` for ``text``, remembered while the database does not change (a case
    list asks for its page and then its count: the index is read once for both).

    The condition suits walking the case list in its sort order (``+cases.seq``: no index
    is chosen from it) and, for a search read whole, reading its cases by row id."""
    stamp = _stamp(db)
    mine = _CACHE.setdefault(db, {})
    hit = mine.get(text)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    found = find(db, text)
    if len(mine) >= _CACHE_SIZE:
        mine.clear()
    mine[text] = (stamp, found)
    return found


def find(db: sqlite_utils.Database, text: str) -> Match | None:
    """SQL condition on ``cases.seq`` that holds exactly for the cases matching every term;
    None when the text has no term (no letter or digit). docs/search.md tells how."""
    queries = queries_for(text)
    if not queries:
        return None
    window, low, complete = _window(db, queries)
    if complete:
        return Match("cases.seq IN (SELECT value FROM json_each(?))", [_json(window)],
                     tuple(window), 0, True, tuple(queries))
    below = " AND ".join(f"+cases.seq IN (SELECT rowid FROM {q.table} WHERE {q.table} MATCH ?"
                         " AND rowid < ?)" for q in queries)
    sql = (f"((+cases.seq >= ? AND +cases.seq IN (SELECT value FROM json_each(?)))"
           f" OR (+cases.seq < ? AND {below}))")
    params: list[Any] = [low, _json(window), low]
    for q in queries:
        params += [q.expr, low]
    return Match(sql, params, tuple(window), low, False, tuple(queries))
