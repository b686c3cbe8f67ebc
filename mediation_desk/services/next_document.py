"""The paper a case needs next (文书 list's default): 申请书 on registration, the 协议书 once an
agreement is reached, the 司法确认申请书 after it, the 回访记录 once confirmed, ...

Each state lists the papers it calls for, in order; the first one not yet in the case's
document register is the default, or the last of the list when all of them were made. No Qt.
"""

from __future__ import annotations

from ..domain.enums import AgreementForm, CaseSource, CaseStatus
from ..domain.models import Agreement, Case
from ..storage.store import Store

_AFTER_AGREEMENT = ("followup",)
_BY_STATUS: dict[CaseStatus, tuple[str, ...]] = {
    CaseStatus.REGISTERED: ("application", "acceptance"),
    CaseStatus.ACCEPTED: ("acceptance", "rights_notice"),
    CaseStatus.NOT_ACCEPTED: ("acceptance",),
    CaseStatus.MEDIATING: ("rights_notice", "session_record"),
    CaseStatus.SUSPENDED: ("session_record",),
    CaseStatus.TERMINATED: ("termination", "closing_report"),
    CaseStatus.JC_APPLIED: ("jc_application", "followup"),
    CaseStatus.JC_CONFIRMED: _AFTER_AGREEMENT,
    CaseStatus.JC_REJECTED: _AFTER_AGREEMENT,
    CaseStatus.JC_WITHDRAWN: _AFTER_AGREEMENT,
    CaseStatus.PERFORMED: _AFTER_AGREEMENT,
    CaseStatus.NOT_PERFORMED: _AFTER_AGREEMENT,
    CaseStatus.ENFORCEMENT_APPLIED: _AFTER_AGREEMENT,
    CaseStatus.LITIGATION: ("court_report",),
    CaseStatus.HANDED_TO_FILING: ("transfer_letter", "court_report"),
    CaseStatus.FILED: ("court_report",),
    CaseStatus.RETURNED_TO_TRIAL: ("court_report",),
    CaseStatus.ARCHIVED: ("case_file",),
}


def papers_for(case: Case, agreement: Agreement | None) -> tuple[str, ...]:
    """The papers the case's state calls for, in the order they are usually made."""
    if case.status is CaseStatus.AGREED:
        if agreement is not None and agreement.form is AgreementForm.ORAL:
            return ("oral_agreement", "followup")
        if case.source is CaseSource.COURT_ENTRUSTED:  # back to the judge, no 司法确认
            return ("agreement", "court_report")
        return ("agreement", "jc_application")
    if case.status is CaseStatus.REGISTERED and case.source is not CaseSource.PARTY_APPLICATION:
        return ("acceptance",)
    return _BY_STATUS.get(case.status, ("application",))


def next_kind(case: Case, agreement: Agreement | None, made: set[str]) -> str:
    """The kind the 文书 list should offer first; ``made``: kinds already in the register."""
    papers = papers_for(case, agreement)
    return next((k for k in papers if k not in made), papers[-1])


def suggested_kind(store: Store, case_id: str) -> str:
    """:func:`next_kind` for a stored case (its agreement and document register)."""
    from .cases import CaseService
    from .documents import DocumentService

    service = CaseService(store)
    case = service.get(case_id)
    made = {e.kind for e in DocumentService(store).register(case.id)}
    return next_kind(case, service.agreement(case.id), made)
