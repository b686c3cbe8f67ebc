"""Full-text search over cases.

Two FTS5 indexes hold the same text per case (number, court numbers, party and
agent names, phones, ID numbers, addresses, title, facts):

* ``case_fts`` with the trigram tokenizer answers terms of 3+ characters as
  substring matches;
* ``case_fts_chars`` with unicode61 over the text split into single characters
  answers 1-2 character terms as a phrase (trigram cannot match them, and a
  LIKE on the trigram table finds nothing for 2 CJK characters on SQLite 3.40).

Both paths give the substring semantics, so results are correct whichever path
answers a term. Several terms separated by spaces must all match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
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


def index_case(db: sqlite_utils.Database, rowid: int, body: str) -> None:
    """(Re)write the search entries of one case (inside the caller's transaction)."""
    db.execute("DELETE FROM case_fts WHERE rowid = ?", [rowid])
    db.execute("DELETE FROM case_fts_chars WHERE rowid = ?", [rowid])
    db.execute("INSERT INTO case_fts (rowid, body) VALUES (?, ?)", [rowid, body])
    db.execute("INSERT INTO case_fts_chars (rowid, body) VALUES (?, ?)", [rowid, char_split(body)])


def unindex_case(db: sqlite_utils.Database, rowid: int) -> None:
    """Drop a case from the search indexes."""
    db.execute("DELETE FROM case_fts WHERE rowid = ?", [rowid])
    db.execute("DELETE FROM case_fts_chars WHERE rowid = ?", [rowid])


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def terms(text: str) -> list[str]:
    """Split a search box entry into terms."""
    return [t for t in text.split() if t]


SMALL_SET = 2000
MEDIUM_SET = 30000
"""How a term is answered depends on how many cases it matches (read from the
index with a LIMIT, a few milliseconds): up to SMALL_SET, the list is built
from its row ids; up to MEDIUM_SET, the sorted case list is walked and each row
checked against the row-id set (``+seq`` keeps SQLite from driving the query
from the set); beyond that, each row is probed in the index while walking, so a
first page of a term found in most cases needs only a few dozen probes."""


def _table_and_query(term: str) -> tuple[str, str] | None:
    if len(term) >= 3:
        return "case_fts", _quote(term)
    chars = char_split(term)
    if not chars.replace(BOUNDARY, "").strip():
        return None
    return "case_fts_chars", _quote(chars)


def _rowids(db: sqlite_utils.Database, table: str, query: str, limit: int) -> list[int]:
    return [r[0] for r in db.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?", [query, limit])]


@dataclass(frozen=True)
class Match:
    """The SQL condition for a search, and what is known of its size."""

    sql: str
    params: list[Any]
    at_least: int  # cases known to match the text alone
    exact: bool  # whether ``at_least`` is the exact number of matches of the text alone


def _clearly_huge(db: sqlite_utils.Database, first: list[int]) -> bool:
    """Guess from how densely the first row ids came whether a term matches far
    more than MEDIUM_SET cases (row ids come in ascending order); a wrong guess
    costs time, never correctness."""
    top = db.execute("SELECT max(seq) FROM cases").fetchone()[0] or 0
    estimate = len(first) * top / max(first[-1], 1)
    return estimate > 2 * MEDIUM_SET


def match_clause(db: sqlite_utils.Database, text: str) -> Match | None:
    """SQL condition on ``cases.seq`` that holds for every term; None when no term.

    Each term is answered by the trigram index (3+
    characters) or the single-character index (1-2 characters), with the
    substring meaning either way. A term made only of punctuation is ignored.
    The rarest term drives the query; the others are checked per candidate.
    """
    found = [f for f in (_table_and_query(t) for t in terms(text)) if f is not None]
    if not found:
        return None
    sized = [(table, query, _rowids(db, table, query, SMALL_SET + 1)) for table, query in found]
    sized.sort(key=lambda item: len(item[2]))
    table, query, rowids = sized[0]
    clauses: list[str] = []
    params: list[Any] = []
    if len(rowids) > SMALL_SET and not _clearly_huge(db, rowids):
        rowids = _rowids(db, table, query, MEDIUM_SET + 1)
    exact = len(sized) == 1 and len(rowids) <= MEDIUM_SET
    at_least = len(rowids) if len(sized) == 1 else 0
    if len(rowids) <= MEDIUM_SET:
        plus = "" if len(rowids) <= SMALL_SET else "+"
        clauses.append(f"{plus}cases.seq IN (SELECT value FROM json_each(?))")
        params.append("[" + ",".join(map(str, rowids)) + "]")
        rest = sized[1:]
    else:
        rest = sized
    for table, query, _ in rest:
        clauses.append(f"EXISTS (SELECT 1 FROM {table} WHERE {table} MATCH ?"
                       f" AND {table}.rowid = cases.seq)")
        params.append(query)
    return Match(" AND ".join(clauses), params, at_least, exact)
