"""The committee's registered name (人民调解委员会名称, a desk setting) on the seal line and
in the text; without the setting, the center's name as before."""

from __future__ import annotations

import pytest

from mediation_desk.domain.errors import ValidationError
from mediation_desk.services.settings import load_settings, save_settings
from tests.documents.conftest import ACTOR, pdf_text

COMMITTEE = "淄博市张店区马尚街道人民调解委员会"


def test_seal_line_uses_the_committee_name(store, docs, agreed_case):
    before = pdf_text(docs.generate(ACTOR, agreed_case.id, "agreement").pdf)
    assert "马尚街道调解中心（印）" in before
    s = load_settings(store)
    s.committee_name = f"  {COMMITTEE} "
    save_settings(store, ACTOR, s)
    assert load_settings(store).committee_name == COMMITTEE
    for kind in ("agreement", "acceptance", "application"):
        text = pdf_text(docs.generate(ACTOR, agreed_case.id, kind).pdf)
        assert "调解中心（印）" not in text, kind
    text = pdf_text(docs.generate(ACTOR, agreed_case.id, "agreement").pdf)
    assert f"{COMMITTEE}（印）" in text
    app = pdf_text(docs.generate(ACTOR, agreed_case.id, "application").pdf)
    assert f"{COMMITTEE}已将申请人民调解的相关规定告知我" in app


def test_committee_name_too_long_is_refused(store):
    s = load_settings(store)
    s.committee_name = "委" * 61
    with pytest.raises(ValidationError) as err:
        save_settings(store, ACTOR, s)
    assert "committee_name" in err.value.problems
    assert load_settings(store).committee_name == ""
