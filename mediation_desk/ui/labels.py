"""Translated labels of the domain's enumerations, for the screens.

The domain carries Chinese labels (``.label``); the screens show them through
Qt's translation system instead, so English works too. The English source
strings live here, once, in ``QT_TRANSLATE_NOOP`` form so lupdate finds them.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..domain.enums import (
    AgreementForm,
    AgreementScope,
    CaseFlag,
    CaseSource,
    CaseStatus,
    DisputeType,
    EndReason,
    EventKind,
    PartyKind,
    PartyRole,
    Performance,
    RelationKind,
    Sex,
)
from ..domain.state_machine import TrialOutcome

CONTEXT = "labels"

_SOURCE: dict[Enum, str] = {
    CaseStatus.REGISTERED: QT_TRANSLATE_NOOP("labels", "Registered"),
    CaseStatus.ACCEPTED: QT_TRANSLATE_NOOP("labels", "Accepted"),
    CaseStatus.NOT_ACCEPTED: QT_TRANSLATE_NOOP("labels", "Not accepted"),
    CaseStatus.MEDIATING: QT_TRANSLATE_NOOP("labels", "In mediation"),
    CaseStatus.SUSPENDED: QT_TRANSLATE_NOOP("labels", "Suspended (appraisal)"),
    CaseStatus.AGREED: QT_TRANSLATE_NOOP("labels", "Agreement reached"),
    CaseStatus.TERMINATED: QT_TRANSLATE_NOOP("labels", "Mediation terminated"),
    CaseStatus.JC_APPLIED: QT_TRANSLATE_NOOP("labels", "Judicial confirmation applied"),
    CaseStatus.JC_CONFIRMED: QT_TRANSLATE_NOOP("labels", "Judicially confirmed"),
    CaseStatus.JC_REJECTED: QT_TRANSLATE_NOOP("labels", "Judicial confirmation rejected"),
    CaseStatus.JC_WITHDRAWN: QT_TRANSLATE_NOOP("labels", "Judicial confirmation withdrawn"),
    CaseStatus.PERFORMED: QT_TRANSLATE_NOOP("labels", "Performed"),
    CaseStatus.NOT_PERFORMED: QT_TRANSLATE_NOOP("labels", "Not performed"),
    CaseStatus.ENFORCEMENT_APPLIED: QT_TRANSLATE_NOOP("labels", "Enforcement applied"),
    CaseStatus.LITIGATION: QT_TRANSLATE_NOOP("labels", "Turned to litigation"),
    CaseStatus.HANDED_TO_FILING: QT_TRANSLATE_NOOP("labels", "Handed over for filing"),
    CaseStatus.FILED: QT_TRANSLATE_NOOP("labels", "Filed by the court"),
    CaseStatus.RETURNED_TO_TRIAL: QT_TRANSLATE_NOOP("labels", "Returned to trial"),
    CaseStatus.ARCHIVED: QT_TRANSLATE_NOOP("labels", "Archived"),
    CaseSource.PARTY_APPLICATION: QT_TRANSLATE_NOOP("labels", "Party application"),
    CaseSource.SELF_INITIATED: QT_TRANSLATE_NOOP("labels", "Self-initiated"),
    CaseSource.COURT_DELEGATED: QT_TRANSLATE_NOOP("labels", "Delegated by court"),
    CaseSource.COURT_ENTRUSTED: QT_TRANSLATE_NOOP("labels", "Entrusted by court"),
    CaseSource.POLICE_TRANSFER: QT_TRANSLATE_NOOP("labels", "Transferred by police"),
    CaseSource.GOVERNMENT_ASSIGNED: QT_TRANSLATE_NOOP("labels", "Assigned by government"),
    DisputeType.MARRIAGE_FAMILY: QT_TRANSLATE_NOOP("labels", "Marriage and family"),
    DisputeType.NEIGHBOUR: QT_TRANSLATE_NOOP("labels", "Neighbours"),
    DisputeType.HOUSING_HOMESTEAD: QT_TRANSLATE_NOOP("labels", "Housing and homestead"),
    DisputeType.CONTRACT: QT_TRANSLATE_NOOP("labels", "Contract"),
    DisputeType.PRODUCTION_BUSINESS: QT_TRANSLATE_NOOP("labels", "Production and business"),
    DisputeType.DAMAGES: QT_TRANSLATE_NOOP("labels", "Damages"),
    DisputeType.FOREST_LAND: QT_TRANSLATE_NOOP("labels", "Forest and land"),
    DisputeType.LAND_REQUISITION: QT_TRANSLATE_NOOP("labels", "Land requisition"),
    DisputeType.ENVIRONMENT: QT_TRANSLATE_NOOP("labels", "Environmental pollution"),
    DisputeType.LABOUR: QT_TRANSLATE_NOOP("labels", "Labour"),
    DisputeType.CONSUMER: QT_TRANSLATE_NOOP("labels", "Consumer"),
    DisputeType.MEDICAL: QT_TRANSLATE_NOOP("labels", "Medical"),
    DisputeType.TRAFFIC: QT_TRANSLATE_NOOP("labels", "Road traffic accident"),
    DisputeType.PROPERTY_MANAGEMENT: QT_TRANSLATE_NOOP("labels", "Property management"),
    DisputeType.OTHER: QT_TRANSLATE_NOOP("labels", "Other"),
    PartyRole.APPLICANT: QT_TRANSLATE_NOOP("labels", "Applicant"),
    PartyRole.RESPONDENT: QT_TRANSLATE_NOOP("labels", "Respondent"),
    PartyRole.THIRD_PARTY: QT_TRANSLATE_NOOP("labels", "Third party"),
    PartyKind.PERSON: QT_TRANSLATE_NOOP("labels", "Person"),
    PartyKind.ORGANISATION: QT_TRANSLATE_NOOP("labels", "Organisation"),
    Sex.MALE: QT_TRANSLATE_NOOP("labels", "Male"),
    Sex.FEMALE: QT_TRANSLATE_NOOP("labels", "Female"),
    EventKind.STATUS_CHANGE: QT_TRANSLATE_NOOP("labels", "Status change"),
    EventKind.SESSION: QT_TRANSLATE_NOOP("labels", "Mediation session"),
    EventKind.INVESTIGATION: QT_TRANSLATE_NOOP("labels", "Investigation"),
    EventKind.FOLLOW_UP: QT_TRANSLATE_NOOP("labels", "Follow-up visit"),
    EventKind.EXTENSION: QT_TRANSLATE_NOOP("labels", "Extension"),
    EventKind.SUSPENSION: QT_TRANSLATE_NOOP("labels", "Suspension"),
    EventKind.RESUMPTION: QT_TRANSLATE_NOOP("labels", "Resumption"),
    EventKind.ASSIGNMENT: QT_TRANSLATE_NOOP("labels", "Mediator assigned"),
    EventKind.NOTE: QT_TRANSLATE_NOOP("labels", "Note"),
    EventKind.UNDISPUTED_FACTS: QT_TRANSLATE_NOOP("labels", "Undisputed facts"),
    EndReason.AGREEMENT_REACHED: QT_TRANSLATE_NOOP("labels", "Ended by agreement"),
    EndReason.WITHDRAWN_SETTLED: QT_TRANSLATE_NOOP("labels", "Settled and withdrawn"),
    EndReason.UNREACHABLE: QT_TRANSLATE_NOOP("labels", "Party unreachable within the period"),
    EndReason.UNWILLING: QT_TRANSLATE_NOOP("labels", "A party refuses mediation"),
    EndReason.GAP_TOO_LARGE: QT_TRANSLATE_NOOP("labels", "Positions too far apart"),
    EndReason.EXPIRED_NO_CONSENT: QT_TRANSLATE_NOOP("labels", "Period expired without consent"),
    EndReason.REFUSED_TO_SIGN: QT_TRANSLATE_NOOP("labels", "A party refused to sign"),
    EndReason.OTHER: QT_TRANSLATE_NOOP("labels", "Other reason"),
    AgreementForm.WRITTEN: QT_TRANSLATE_NOOP("labels", "Written agreement"),
    AgreementForm.ORAL: QT_TRANSLATE_NOOP("labels", "Oral agreement"),
    AgreementScope.FULL: QT_TRANSLATE_NOOP("labels", "Full agreement"),
    AgreementScope.PARTIAL: QT_TRANSLATE_NOOP("labels", "Partial agreement"),
    Performance.PERFORMED: QT_TRANSLATE_NOOP("labels", "Performed"),
    Performance.IN_PROGRESS: QT_TRANSLATE_NOOP("labels", "Being performed"),
    Performance.NOT_PERFORMED: QT_TRANSLATE_NOOP("labels", "Not performed"),
    CaseFlag.RISK: QT_TRANSLATE_NOOP("labels", "Risk of escalation"),
    CaseFlag.REPORTED_TO_POLICE: QT_TRANSLATE_NOOP("labels", "Reported to police"),
    CaseFlag.FAMILY: QT_TRANSLATE_NOOP("labels", "Family matter"),
    CaseFlag.ON_SITE_CIRCUIT: QT_TRANSLATE_NOOP("labels", "On-site circuit mediation"),
    CaseFlag.BUSINESS_ENVIRONMENT: QT_TRANSLATE_NOOP("labels", "Involves a business"),
    CaseFlag.WUSONG_COMMUNITY: QT_TRANSLATE_NOOP("labels", "Litigation-free community"),
    CaseFlag.MONEY_ONLY: QT_TRANSLATE_NOOP("labels", "Money only"),
    CaseFlag.STATUS_OR_TITLE: QT_TRANSLATE_NOOP("labels", "Personal status or title"),
    CaseFlag.FOREIGN: QT_TRANSLATE_NOOP("labels", "Foreign-related"),
    CaseFlag.APPRAISAL_NEEDED: QT_TRANSLATE_NOOP("labels", "Appraisal needed"),
    CaseFlag.PARTY_MISSING: QT_TRANSLATE_NOOP("labels", "Party whereabouts unknown"),
    CaseFlag.COUNTERCLAIM: QT_TRANSLATE_NOOP("labels", "Counterclaim"),
    CaseFlag.PUBLIC_INTEREST: QT_TRANSLATE_NOOP("labels", "State or public interest"),
    CaseFlag.FACTS_CLEAR: QT_TRANSLATE_NOOP("labels", "Facts clear, little dispute"),
    CaseFlag.COMPLEX: QT_TRANSLATE_NOOP("labels", "Difficult and complex"),
    CaseFlag.PREVENTED_CRIMINAL: QT_TRANSLATE_NOOP("labels", "Prevented a criminal case"),
    CaseFlag.PREVENTED_MASS: QT_TRANSLATE_NOOP("labels", "Prevented a mass incident"),
    TrialOutcome.MEDIATION_DOCUMENT: QT_TRANSLATE_NOOP("labels",
                                                       "The court issues its mediation document"),
    TrialOutcome.WITHDRAWN: QT_TRANSLATE_NOOP("labels", "The plaintiff withdraws"),
    RelationKind.NEAR_RELATIVE: QT_TRANSLATE_NOOP("labels", "Near relative"),
    RelationKind.INTEREST: QT_TRANSLATE_NOOP("labels", "Interested party"),
    RelationKind.OTHER: QT_TRANSLATE_NOOP("labels", "Other relation affecting impartiality"),
}


def label(value: Enum | None) -> str:
    """The translated label of a domain enum member ('' for None)."""
    if value is None:
        return ""
    source = _SOURCE.get(value)
    if source is None:  # a member added later: fall back to the domain's Chinese label
        return getattr(value, "label", str(value))
    return QCoreApplication.translate(CONTEXT, source)


def choices(enum_type: type[Enum]) -> list[tuple[Enum, str]]:
    """(member, translated label) for every member, in declaration order (for combo boxes)."""
    return [(m, label(m)) for m in enum_type]


def all_sources() -> dict[Enum, str]:
    """The English source strings (for checking translations are complete)."""
    return dict(_SOURCE)
