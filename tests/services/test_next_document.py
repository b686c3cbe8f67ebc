"""The 文书 list's default: the paper the case's state calls for that is not yet made."""

from __future__ import annotations

import pytest

from mediation_desk.documents.kinds import ALL_KINDS
from mediation_desk.domain.enums import AgreementForm, CaseSource, CaseStatus
from mediation_desk.domain.models import Agreement, Case
from mediation_desk.services.next_document import _BY_STATUS, next_kind


def _case(status: CaseStatus, source: CaseSource = CaseSource.PARTY_APPLICATION) -> Case:
    case = Case(center_id="c")
    case.status, case.source = status, source
    return case


@pytest.mark.parametrize(("status", "source", "form", "made", "expected"), [
    (CaseStatus.REGISTERED, CaseSource.PARTY_APPLICATION, None, set(), "application"),
    (CaseStatus.REGISTERED, CaseSource.PARTY_APPLICATION, None, {"application"}, "acceptance"),
    (CaseStatus.REGISTERED, CaseSource.SELF_INITIATED, None, set(), "acceptance"),
    (CaseStatus.AGREED, CaseSource.PARTY_APPLICATION, AgreementForm.WRITTEN, set(), "agreement"),
    (CaseStatus.AGREED, CaseSource.PARTY_APPLICATION, AgreementForm.WRITTEN, {"agreement"},
     "jc_application"),
    (CaseStatus.AGREED, CaseSource.PARTY_APPLICATION, AgreementForm.WRITTEN,
     {"agreement", "jc_application"}, "jc_application"),  # all made: the last one
    (CaseStatus.AGREED, CaseSource.PARTY_APPLICATION, AgreementForm.ORAL, set(),
     "oral_agreement"),
    (CaseStatus.AGREED, CaseSource.COURT_ENTRUSTED, AgreementForm.WRITTEN, {"agreement"},
     "court_report"),
    (CaseStatus.JC_CONFIRMED, CaseSource.PARTY_APPLICATION, AgreementForm.WRITTEN,
     {"agreement", "jc_application"}, "followup"),
    (CaseStatus.TERMINATED, CaseSource.PARTY_APPLICATION, None, set(), "termination"),
])
def test_next_kind(status, source, form, made, expected):
    agreement = Agreement(case_id="x", clauses=["a"], form=form) if form else None
    assert next_kind(_case(status, source), agreement, made) == expected


def test_every_state_names_real_kinds():
    assert set(CaseStatus) - {CaseStatus.AGREED} == set(_BY_STATUS)
    for papers in _BY_STATUS.values():
        assert papers and set(papers) <= set(ALL_KINDS)
