"""Merge bases in compressed blobs: round trip, version guard, blob clean-up, migration."""

from __future__ import annotations

import json

from mediation_desk.storage import exchange_bases as xb


def _rec(rid: str, version: int, **extra) -> dict:
    return {"id": rid, "version": version, "name": f"名{version}", **extra}


def test_round_trip_and_version_guard(store):
    db = store.db
    with db.conn:
        xb.set_bases(db, "parties", [_rec("a", 2), _rec("b", 1)])
        xb.set_bases(db, "parties", [_rec("a", 1, x=1)])  # lower: ignored
        xb.set_bases(db, "parties", [_rec("b", 3)], texts=[json.dumps(_rec("b", 3))])
    got = xb.bases(db, "parties", ["a", "b", "c"])
    assert got == {"a": _rec("a", 2), "b": _rec("b", 3)}
    assert xb.bases(db, "cases", ["a"]) == {}
    # only blobs still pointed at are kept
    live = {r[0] for r in db.execute("SELECT DISTINCT blob FROM exchange_base")}
    blobs = {r[0] for r in db.execute("SELECT seq FROM exchange_base_blobs")}
    assert blobs == live


def test_last_record_of_an_id_wins_within_a_call(store):
    with store.db.conn:
        xb.set_bases(store.db, "events", [_rec("e", 1), _rec("e", 1, note="后")])
    assert xb.bases(store.db, "events", ["e"])["e"]["note"] == "后"


def test_migration_moves_old_rows(store):
    """m006 as frozen in schema.py (it imports nothing of today's exchange_bases)."""
    from mediation_desk.storage.schema import m006_exchange_base_blobs

    db = store.db
    with db.conn:
        db.executescript("DROP TABLE exchange_base; DROP TABLE exchange_base_blobs;"
                         "CREATE TABLE exchange_base (entity TEXT NOT NULL, record_id TEXT NOT"
                         " NULL, version INTEGER NOT NULL, content TEXT NOT NULL);")
        db.conn.executemany("INSERT INTO exchange_base VALUES (?, ?, ?, ?)",
                            [("cases", "k1", 4, json.dumps(_rec("k1", 4))),
                             ("parties", "p1", 1, json.dumps(_rec("p1", 1)))])
        m006_exchange_base_blobs(db)
    assert xb.bases(db, "cases", ["k1"]) == {"k1": _rec("k1", 4)}
    assert xb.bases(db, "parties", ["p1"]) == {"p1": _rec("p1", 1)}


def test_packed_members_deflated_or_stored(store):
    import zlib

    lines = [json.dumps(_rec(f"r{n}", 1)) for n in range(3)]
    text = ("\n".join(lines) + "\n").encode()
    co = zlib.compressobj(6, zlib.DEFLATED, -15)
    deflated = co.compress(text) + co.flush()
    with store.db.conn:
        xb.set_bases_packed(store.db, "events", (8, deflated), [("r0", 1, 0), ("r2", 1, 2)])
        xb.set_bases_packed(store.db, "parties", (0, text), [("r1", 1, 1)])
    assert xb.bases(store.db, "events", ["r0", "r1", "r2"]) == {"r0": _rec("r0", 1),
                                                               "r2": _rec("r2", 1)}
    assert xb.bases(store.db, "parties", ["r1"]) == {"r1": _rec("r1", 1)}
