"""Hostile content: long facts, 20 parties, rare characters, empty optional fields."""

from __future__ import annotations

from datetime import date

import pytest

from mediation_desk.documents.fonts import document_font
from mediation_desk.domain.errors import DomainError
from mediation_desk.services.mediation import AgreementInput
from tests.conftest import case_input, party
from tests.documents.conftest import ACTOR, page_texts, pdf_text

RARE = "𠮷堃"


def test_twenty_parties_long_facts_rare_characters(docs, svc, mediator):
    people = [party("applicant" if i < 10 else "respondent",
                    f"当事人{i:02d}{'堃' if i == 3 else ''}")
              for i in range(20)]
    people[5]["name"] = "𠮷祥"
    facts = "\n".join(f"第{i}段：" + "双方就宅基地边界多次协商未果，邻里关系紧张。" * 12
                      for i in range(1, 16))
    c = svc.register(ACTOR, case_input(parties=people, facts=facts, received_on="2026-02-02"))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=[f"第{i}项约定：" + "各方按现状确定边界。" * 5 for i in range(30)],
        facts=facts, effective_on=date(2026, 2, 20)))
    font = document_font()
    missing = [ch for ch in RARE if font.face_for(ch) is None]
    if missing:  # no face draws it: refused, naming the character, and nothing registered
        with pytest.raises(DomainError) as refused:
            docs.generate(ACTOR, c.id, "agreement")
        assert f"U+{ord(missing[0]):04X}" in refused.value.message
        assert docs.register(c.id) == []
        pytest.skip("no Extension B face installed here (apt-get install fonts-hanazono)")
    doc = docs.generate(ACTOR, c.id, "agreement")
    pages = page_texts(doc.pdf)
    text = "".join(pages)
    assert len(pages) >= 4
    for i in range(20):
        assert people[i]["name"] in text, people[i]["name"]
    assert "[U+" not in text and "堃" in text
    assert "第15段" in text and "第29项约定" in text
    assert "本协议一式21份" in text
    last = pages[-1]
    assert "人民调解员（签名）" in last and "（印）" in last and "2026年2月20日" in last
    assert "当事人19（签名并按指印）" in text


def test_empty_optional_fields(docs, svc, mediator):
    c = svc.register(ACTOR, case_input(
        claims="", amount="", received_on="2026-02-02",
        parties=[party("applicant", "甲"), party("respondent", "乙")]))
    for kind in ("application", "acceptance", "rights_notice", "session_record",
                 "investigation", "followup", "undisputed_facts"):
        text = pdf_text(docs.generate(ACTOR, c.id, kind).pdf)
        assert "甲" in text and "乙" in text and c.number in text
