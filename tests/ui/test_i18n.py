"""Every interface string has a Chinese translation; dates read 2026年11月27日."""

from __future__ import annotations

from datetime import date

from mediation_desk.domain.enums import CaseStatus, DisputeType
from mediation_desk.ui import i18n, labels


def test_every_string_translated():
    ts = i18n.TRANSLATIONS / "mediation_desk_zh_CN.ts"
    assert i18n.unfinished(ts) == []
    assert ts.with_suffix(".qm").stat().st_mtime >= ts.stat().st_mtime - 1  # built after edits


def test_labels_follow_language(qapp):
    assert labels.label(CaseStatus.MEDIATING) == "调解中"
    assert i18n.format_date(date(2026, 11, 27)) == "2026年11月27日"
    i18n.install(qapp, "en")
    assert labels.label(DisputeType.NEIGHBOUR) == "Neighbours"
    assert i18n.format_date(date(2026, 11, 27)) == "2026-11-27"
    i18n.install(qapp, "zh_CN")
    # the Chinese labels are exactly the domain's own
    for member in labels.all_sources():
        assert labels.label(member) == member.label, member
