"""An import audits each changed record under the same entity name a save uses."""

from __future__ import annotations

import json

from mediation_desk.services import exchange
from mediation_desk.storage import cases as case_store

from .helpers import ACTOR, make_desk, referral, trust_both


def test_updated_parties_are_audited_as_party(tmp_path):
    court, center = make_desk(tmp_path, "court01", "court"), make_desk(tmp_path, "center01")
    try:
        trust_both(tmp_path, court, center)
        case = referral(court, center)
        first = tmp_path / "1.mdx"
        exchange.export_bundle(court, ACTOR, "center01", first)
        exchange.import_bundle(center, ACTOR, first)
        c = case_store.get_case(center.db, case.id)  # the center keeps the parties' data
        c.parties[0].address = "淄博市张店区新址"
        with center.operation(ACTOR, "edit", case_id=c.id) as work:
            work.save_case(c)
        second = tmp_path / "2.mdx"
        exchange.export_bundle(center, ACTOR, "court01", second)
        report = exchange.import_bundle(court, ACTOR, second)
        assert report.by_entity["parties"].get("updated") == 1
        row = court.db.execute("SELECT changes FROM audit WHERE action = 'import_bundle'"
                                " ORDER BY seq DESC LIMIT 1").fetchone()
        names = {e["entity"] for e in json.loads(row[0])}
        assert "party" in names and "partie" not in names
    finally:
        court.close()
        center.close()
