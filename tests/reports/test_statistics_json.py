"""The statistics report as JSON: every figure with its comparisons, rule and cases; a
published report without a single case id."""

from __future__ import annotations

import json

from mediation_desk.domain.statistics import MEASURES
from mediation_desk.reports.statistics_json import headline_case_ids, report_json

from .report_samples import sample_report


def test_every_figure_with_its_comparisons_rule_and_cases():
    report = sample_report(court_desk=True, centers=3)
    numbers = {cid: f"（2026）测调字第{n}号" for n, cid in enumerate(headline_case_ids(report))}
    doc = json.loads(json.dumps(report_json(report, numbers, prepared_by="王填报"),
                                ensure_ascii=False))
    assert doc["period"]["code"] == "2026-11" and doc["previous_period"]["code"] == "2026-10"
    assert doc["year_before_period"]["code"] == "2025-11" and doc["prepared_by"] == "王填报"
    figures = {f["key"]: f for f in doc["figures"]}
    assert list(figures) == list(report.figures)
    acc = figures["accepted"]
    assert (acc["value"], acc["previous"], acc["previous_change"], acc["year_before"],
            acc["year_change"]) == (842, 790, 6.6, 688, 22.4)
    assert acc["unit"] == "件" and acc["rule"] == MEASURES["accepted"].rule
    assert acc["case_ids"] == list(report.figures["accepted"].case_ids)
    assert len(acc["case_numbers"]) == 842 and acc["case_numbers"][0].startswith("（2026）")
    assert figures["success_rate"]["value"] == 96.1 and figures["amount"]["value"] == 1235.4
    tables = {t["key"]: t for t in doc["tables"]}
    centers = tables["by_center"]
    assert [c["key"] for c in centers["columns"]] == list(report.table("by_center").columns)
    first = centers["rows"][0]
    src = report.table("by_center").rows[0]
    assert first["rank"] == 1 and first["label"] == src.label
    assert first["cells"]["accepted"]["case_ids"] == list(src.cells["accepted"].case_ids)
    total = report.table("by_center").total
    assert centers["total"]["cells"]["accepted"]["value"] == total.cells["accepted"].value
    assert len(doc["trend"]) == 12 and doc["trend"][-1]["period"]["code"] == "2026-11"


def test_a_published_report_has_no_case_ids():
    doc = report_json(sample_report(public=True), {"x": "（2026）测调字第1号"})
    text = json.dumps(doc, ensure_ascii=False)
    assert "case_ids" not in text and "case_numbers" not in text and "case-0" not in text
    figures = {f["key"]: f for f in doc["figures"]}
    mass = figures["prevented_mass"]
    assert (mass["value"], mass["text"], mass["suppressed"]) == (None, "<3", True)
    assert (mass["previous"], mass["previous_text"], mass["previous_change"]) == (None, "<3",
                                                                                 None)
    assert mass["year_before"] == 0 and "year_before_text" not in mass
    rejected = figures["jc_rejected"]  # 3 now (shown), 1 the month before (hidden)
    assert (rejected["value"], rejected["previous"], rejected["previous_change"]) == (3, None,
                                                                                     None)
    assert doc["public"] is True
