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

import unicodedata

import sqlite_utils

_SEPARATORS = set(" \t\r\n")


def _is_token_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in ("L", "N") or cat == "Co"


# Stands for any run of non-letters (spaces, punctuation, line breaks) so that a
# phrase never matches across a field or word boundary. A private-use character
# is a token for unicode61 and nobody types it into a search box.
BOUNDARY = "\ue000"


def char_split(text: str) -> str:
    """Text as space-separated single characters; other characters become BOUNDARY."""
    out: list[str] = []
    for ch in text:
        if _is_token_char(ch) and ch != BOUNDARY:
            out.append(ch)
        elif not out or out[-1] != BOUNDARY:
            out.append(BOUNDARY)
    return " ".join(out)


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


def match_clause(text: str) -> tuple[str, list[str]] | None:
    """SQL condition on ``cases.seq`` that holds for every term; None when no term.

    Returns ``(sql, params)``. A term with no letter or digit (only punctuation)
    of fewer than three characters matches nothing useful and is ignored.
    """
    clauses: list[str] = []
    params: list[str] = []
    for term in terms(text):
        if len(term) >= 3:
            clauses.append("cases.seq IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)")
            params.append(_quote(term))
        else:
            chars = char_split(term)
            if not chars.replace(BOUNDARY, "").strip():
                continue
            clauses.append(
                "cases.seq IN (SELECT rowid FROM case_fts_chars WHERE case_fts_chars MATCH ?)")
            params.append(_quote(chars))
    if not clauses:
        return None
    return " AND ".join(clauses), params
