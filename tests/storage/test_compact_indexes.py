"""The compact store's indexes: each serves the queries it was made for (EXPLAIN QUERY PLAN
on the queries' own text), and the partial ``events_action`` holds every action counted."""

from __future__ import annotations

from datetime import date

from mediation_desk.storage import statistics_queries, subsidy_queries, village_queries


def _plan(db, sql: str, params: list) -> str:
    return " | ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_events_action_holds_every_action_a_query_counts(store):
    sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'events_action'"
                           ).fetchone()[0]
    assert " ".join(statistics_queries.INDEXED_ACTIONS.split()) in " ".join(sql.split())
    counted = set(statistics_queries.COUNTED_ACTIONS)
    assert set(village_queries.TO_COURT_ACTIONS) <= counted
    assert "terminate" in counted  # the subsidy sheet's failures


def test_the_counting_queries_run_through_their_indexes(store):
    """They would fail ("no query solution") or scan every event otherwise."""
    start, end = date(2026, 1, 1), date(2026, 1, 31)
    statistics_queries.facts(store.db, start, end)
    village_queries.village_facts(store.db, start, end)
    subsidy_queries.closings(store, start, end)
    plan = _plan(store.db, "SELECT case_id, occurred_at FROM events WHERE kind = 'status_change'"
                 f" AND {statistics_queries.INDEXED_ACTIONS} AND occurred_at >= ?"
                 " AND occurred_at < ? AND deleted = 0"
                 " AND json_extract(data, '$.action') = 'terminate'", ["2026-01-01", "2026-02-01"])
    assert "USING INDEX events_action" in plan, plan
    plan = _plan(store.db, "SELECT json_extract(data, '$.written_agreement_id') FROM events"
                 " WHERE kind = 'note' AND occurred_at >= ? AND deleted = 0", ["2026-01-01"])
    assert "events_note" in plan, plan
    plan = _plan(store.db, "SELECT DISTINCT substr(occurred_at, 1, 10) FROM events"
                 " WHERE case_id = ? AND deleted = 0 AND kind = 'session' ORDER BY 1", ["x"])
    assert "events_case" in plan, plan


def test_no_index_on_kind_alone_and_no_duplicate_of_a_table(store):
    names = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "events_kind" not in names
    assert "sqlite_autoindex_case_mediators_1" not in names  # the table is its key
