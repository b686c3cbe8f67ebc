"""Every document kind (documents/kinds.py KINDS, so a new kind is covered without a new
line here), for a normal case and a hostile one (20 parties with agents and organisations,
20,000 characters of facts, long names and addresses, 𠮷 when an Extension B face is
installed), renders through DocumentService.generate and its text extracts back: every
party's name, the case number and the title, none of them as a ``[U+XXXX]`` code."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from mediation_desk.documents.kinds import KINDS
from mediation_desk.domain.errors import DomainError
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService, init_desk
from mediation_desk.services.documents import DocumentService
from tests.conftest import Clock
from tests.documents.every_kind_cases import (
    ACTOR,
    JI,
    Scenario,
    build,
    hostile_facts,
    hostile_people,
    normal_people,
)

# (scenario, kind) pairs that fail today for a reason outside fonts and text extraction,
# each with the area it belongs to (issue 13). strict: they must fail, so a fix shows here.
KNOWN: dict[tuple[str, str], str] = {}


def raw_text(pdf: bytes) -> str:
    """The text layer in drawing order (pdftotext -raw), whitespace removed."""
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext not found: install poppler-utils")
    out = subprocess.run([exe, "-raw", "-enc", "UTF-8", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode("utf-8")
    return re.sub(r"\s+", "", out)


class Desk:
    """One scenario's desk: its cases and a document service over it."""

    def __init__(self, scenario: Scenario, docs: DocumentService) -> None:
        self.scenario = scenario
        self.docs = docs

    def generate(self, kind: str) -> tuple[bytes, str]:
        """The paper of the first case that has what ``kind`` needs, and that case's number."""
        reasons = []
        for case in self.scenario.cases:
            try:
                return self.docs.generate(ACTOR, case.id, kind).pdf, case.number
            except DomainError as err:
                if err.code == "unprintable_characters":
                    raise
                reasons.append(f"{case.number}: {err.message}")
        pytest.fail(f"no case of the {self.scenario.name} scenario can have a {kind}: "
                    + " / ".join(reasons))


@pytest.fixture(scope="module")
def desks(tmp_path_factory) -> Iterator[dict[str, Desk]]:
    """Both scenarios, built once for the module (each on a desk of its own)."""
    out: dict[str, Desk] = {}
    stores = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEDIATION_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        for name in ("normal", "hostile"):
            store = init_desk(tmp_path_factory.mktemp(name) / "desk.db", code="ZD-MS",
                              name="马尚街道调解中心", number_prefix="马尚",
                              linked_court="张店区人民法院", clock=Clock())
            stores.append(store)
            docs = DocumentService(store)
            if name == "normal":
                people, facts = normal_people(), "双方因通道堆放杂物发生争议。"
            else:
                rare = docs.font().face_for(JI) is not None
                people, facts = hostile_people(rare), hostile_facts()
            scenario = build(CaseService(store), MediatorService(store), name, people, facts)
            out[name] = Desk(scenario, docs)
        yield out
    for store in stores:
        store.close()


def _params() -> list[object]:
    out: list[object] = []
    for scenario in ("normal", "hostile"):
        for kind in KINDS:
            marks = []
            if (scenario, kind) in KNOWN:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[(scenario, kind)]))
            out.append(pytest.param(scenario, kind, marks=marks, id=f"{scenario}-{kind}"))
    return out


@pytest.mark.parametrize(("scenario", "kind"), _params())
def test_every_kind_renders_and_its_text_extracts_back(desks, scenario, kind):
    desk = desks[scenario]
    pdf, number = desk.generate(kind)
    text = raw_text(pdf)
    pypdf = re.sub(r"\s+", "", "".join(p.extract_text() for p in
                                       PdfReader(io.BytesIO(pdf)).pages))
    title = KINDS[kind].title
    assert title in text and title in pypdf
    assert number in text and number in pypdf
    missing = [n for n in desk.scenario.party_names if n not in text]
    assert not missing, f"{kind}: names not in the text layer: {missing}"
    assert "[U+" not in text
    assert "\u20bb" not in text  # 𠮷 never read back as ₻ (U+20BB)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_blank_form_renders_and_reads_back(desks, kind):
    doc = desks["normal"].docs.generate(ACTOR, None, kind, blank=True)
    text = raw_text(doc.pdf)
    assert KINDS[kind].title in text
    assert "[U+" not in text and "校验码" not in text  # a blank form carries no code
