"""Read-only queries of the exchange screen: the last bundle sent to and received
from each peer desk (from the bundle ledger)."""

from __future__ import annotations

import sqlite_utils


def last_bundles(db: sqlite_utils.Database) -> dict[tuple[str, str], tuple[int, str]]:
    """(peer, direction) -> (highest sequence, when it was recorded) over the ledger."""
    rows = db.execute(
        "SELECT peer, direction, max(sequence), max(recorded_at) FROM exchange_ledger"
        " GROUP BY peer, direction")
    return {(peer, direction): (int(seq), str(at)) for peer, direction, seq, at in rows}
