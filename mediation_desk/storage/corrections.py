"""SQL for corrected records (domain/corrections.py): a session record a correction replaced
by a new version stays in ``events`` (never overwritten) but is no longer the record; queries
that list or count sessions leave it out with :func:`not_superseded`."""

from __future__ import annotations

import re

_ALIAS = re.compile(r"[a-z_][a-z0-9_]*")


def not_superseded(alias: str) -> str:
    """The condition that event ``alias`` was not replaced by a correction's new version.

    The replacement is a NOTE event of the same case whose ``data`` names the action
    ``correct_session`` and the old event as ``target_id``; the lookup runs on the case's
    own events (``events_case``), a handful per case.
    """
    if not _ALIAS.fullmatch(alias):  # a table alias of the caller's query, never user text
        raise ValueError(alias)
    return (f"NOT EXISTS (SELECT 1 FROM events fix WHERE fix.case_id = {alias}.case_id"
            " AND fix.kind = 'note' AND fix.deleted = 0"
            " AND json_extract(fix.data, '$.action') = 'correct_session'"
            f" AND json_extract(fix.data, '$.target_id') = {alias}.id)")
