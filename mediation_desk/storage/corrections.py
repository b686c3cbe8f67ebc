"""SQL for corrected records (domain/corrections.py): a session record a correction replaced
by a new version stays in ``events`` (never overwritten) but is no longer the record; queries
that list or count sessions leave it out with :func:`not_superseded`."""

from __future__ import annotations

import re

_ALIAS = re.compile(r"[a-z_][a-z0-9_]*")


_FIX = ("SELECT 1 FROM events {f} WHERE {f}.case_id = {a}.case_id AND {f}.kind = 'note'"
        " AND {f}.deleted = 0 AND json_extract({f}.data, '$.action') = 'correct_session'")


def not_superseded(alias: str) -> str:
    """The condition that event ``alias`` was not replaced by a correction's new version.

    The replacement is a NOTE event of the same case whose ``data`` names the action
    ``correct_session`` and the old event as ``target_id``. A new version is itself replaced
    when another correction of the same record is later (two desks corrected it before they
    exchanged: ``domain.corrections.superseded``, by time then id). The lookups run on the
    case's own events (``events_case``), a handful per case.
    """
    if not _ALIAS.fullmatch(alias):  # a table alias of the caller's query, never user text
        raise ValueError(alias)
    a = alias
    replaced = _FIX.format(f="fix", a=a) + f" AND json_extract(fix.data, '$.target_id') = {a}.id"
    made = _FIX.format(f="mine", a=a) + f" AND json_extract(mine.data, '$.new_id') = {a}.id"
    later = (_FIX.format(f="other", a=a)
             + " AND json_extract(other.data, '$.target_id') = json_extract(mine.data,"
               " '$.target_id') AND (other.occurred_at, other.id) > (mine.occurred_at, mine.id)")
    return (f"NOT EXISTS ({replaced}) AND NOT EXISTS ({made} AND EXISTS ({later}))")
