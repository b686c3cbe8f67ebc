"""The dialog behind each case action (受理, 指派, 记录调解, …), saving through CaseService.

``make_action_dialog`` returns a :class:`FormDialog` (not yet shown) for an action; the
case-detail page opens it and refreshes when it is accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from ...domain.enums import CaseStatus, EndReason, Performance
from ...domain.models import Case
from ...domain.state_machine import END_REASONS_BEFORE_ASSIGNMENT, Action, TrialOutcome
from ...domain.validators import CourtNumberUse
from ..context import Services
from ..widgets.enum_combo import enum_label
from .action_form import ActionForm, Field
from .form_dialog import FormDialog

translate = QCoreApplication.translate

JC_OUTCOME = {Action.JC_CONFIRM: "confirmed", Action.JC_REJECT: "rejected",
              Action.JC_WITHDRAW: "withdrawn"}


def action_title(action: Action) -> str:
    """The translated name of an action (button text and dialog title)."""
    return translate("CaseActions", _ACTION_TEXT[action])


_ACTION_TEXT = {
    Action.ACCEPT: QT_TRANSLATE_NOOP("CaseActions", "Accept"),
    Action.NOT_ACCEPT: QT_TRANSLATE_NOOP("CaseActions", "Do not accept"),
    Action.ASSIGN: QT_TRANSLATE_NOOP("CaseActions", "Assign mediators"),
    Action.RECORD_SESSION: QT_TRANSLATE_NOOP("CaseActions", "Record a session"),
    Action.RECORD_INVESTIGATION: QT_TRANSLATE_NOOP("CaseActions", "Record an investigation"),
    Action.RECORD_UNDISPUTED_FACTS: QT_TRANSLATE_NOOP("CaseActions", "Record undisputed facts"),
    Action.SUSPEND: QT_TRANSLATE_NOOP("CaseActions", "Suspend for appraisal"),
    Action.RESUME: QT_TRANSLATE_NOOP("CaseActions", "Resume mediation"),
    Action.EXTEND: QT_TRANSLATE_NOOP("CaseActions", "Extend the period"),
    Action.RECORD_AGREEMENT: QT_TRANSLATE_NOOP("CaseActions", "Record the agreement"),
    Action.RECORD_WRITTEN_AGREEMENT: QT_TRANSLATE_NOOP("CaseActions",
                                                       "Record the written agreement"),
    Action.TERMINATE: QT_TRANSLATE_NOOP("CaseActions", "Terminate mediation"),
    Action.APPLY_JC: QT_TRANSLATE_NOOP("CaseActions", "Apply for judicial confirmation"),
    Action.JC_CONFIRM: QT_TRANSLATE_NOOP("CaseActions", "Confirmation granted"),
    Action.JC_REJECT: QT_TRANSLATE_NOOP("CaseActions", "Confirmation rejected"),
    Action.JC_WITHDRAW: QT_TRANSLATE_NOOP("CaseActions", "Confirmation withdrawn"),
    Action.REMEDIATE: QT_TRANSLATE_NOOP("CaseActions", "Mediate again"),
    Action.FOLLOW_UP: QT_TRANSLATE_NOOP("CaseActions", "Record a follow-up visit"),
    Action.APPLY_ENFORCEMENT: QT_TRANSLATE_NOOP("CaseActions", "Apply for enforcement"),
    Action.LITIGATE: QT_TRANSLATE_NOOP("CaseActions", "Turned to litigation"),
    Action.HAND_OVER: QT_TRANSLATE_NOOP("CaseActions", "Hand over for filing"),
    Action.RECORD_FILING: QT_TRANSLATE_NOOP("CaseActions", "Record the filing number"),
    Action.RETURN_TO_TRIAL: QT_TRANSLATE_NOOP("CaseActions", "Return to trial"),
    Action.ARCHIVE: QT_TRANSLATE_NOOP("CaseActions", "Archive"),
}


def _court_number_check(services: Services, use: CourtNumberUse) -> Callable[[str], list[str]]:
    """A live check of a court number's type code for ``use`` (warnings, never errors)."""
    return lambda text: services.cases.court_number_warnings(text, use) if text else []


def _notes(label: str = "", *, key: str = "notes", required: bool = False) -> Field:
    return Field(key, label or translate("CaseActions", "Notes"), "text", required=required)


def _aware(dt: datetime) -> datetime:
    """A time typed on this machine, as local time with its offset."""
    return dt.astimezone()


def make_action_dialog(services: Services, case: Case, action: Action,
                       parent: QWidget | None = None) -> FormDialog:
    """The form for ``action`` on ``case``; saving calls the matching service method."""
    if action is Action.ASSIGN:
        from .assign_dialog import AssignDialog

        return AssignDialog(services, case, parent)
    if action is Action.RECORD_SESSION:  # the structured 笔录, saved in the background
        from .session_record_dialog import SessionRecordDialog

        return SessionRecordDialog(services, case, parent)
    if action is Action.RECORD_AGREEMENT:
        from .agreement_dialog import AgreementDialog

        return AgreementDialog(services, case, parent)
    if action is Action.RECORD_WRITTEN_AGREEMENT:
        from .agreement_dialog import AgreementDialog

        return AgreementDialog(services, case, parent,
                               written_from=services.cases.agreement(case.id))
    cs, actor, key = services.cases, services.actor, case.id
    fields, submit, intro = _spec(services, case, action)
    versioned = AtVersion(cs, case.version)

    def save(values: dict[str, Any]) -> None:
        submit(versioned, actor, key, values)

    dialog = ActionForm(action_title(action), fields, save, today=cs.today(), intro=intro,
                        parent=parent)
    dialog.setObjectName(f"action_{action.value}")
    return dialog


Submit = Callable[[Any, str, str, dict[str, Any]], Any]


class AtVersion:
    """The case service as a form loaded at ``version`` calls it: every operation carries
    ``expected_version``, so a case changed elsewhere since is refused (no lost update)."""

    def __init__(self, cases: Any, version: int) -> None:
        self._cases = cases
        self._version = version

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._cases, name)
        return lambda *args, **kwargs: method(*args, expected_version=self._version, **kwargs)


def _spec(services: Services, case: Case, action: Action) -> tuple[list[Field], Submit, str]:
    a = Action
    if action is a.ACCEPT:
        return ([Field("accepted_on", translate("CaseActions", "Accepted on"), "date"), _notes()],
                lambda cs, who, k, v: cs.accept(who, k, on=v["accepted_on"], notes=v["notes"]),
                translate("CaseActions", "Accepting starts the mediation period."))
    if action is a.NOT_ACCEPT:
        return ([_notes(translate("CaseActions", "Reason"), key="reason", required=True)],
                lambda cs, who, k, v: cs.not_accept(who, k, reason=v["reason"]),
                translate("CaseActions", "For example: a party expressly refuses mediation, "
                                 "or the dispute is outside the committee's remit."))
    if action is a.RECORD_INVESTIGATION:
        return ([Field("occurred_at", translate("CaseActions", "When"), "datetime"),
                 Field("place", translate("CaseActions", "Place")),
                 Field("participants", translate("CaseActions", "Person interviewed")),
                 _notes(translate("CaseActions", "Record"), required=True)],
                lambda cs, who, k, v: cs.record_investigation(
                    who, k, notes=v["notes"], place=v["place"], participants=v["participants"],
                    occurred_at=_aware(v["occurred_at"])),
                translate("CaseActions", "The record names you as its recorder."))
    if action is a.RECORD_UNDISPUTED_FACTS:
        parties = [p for p in case.parties if not p.deleted]
        return ([Field("occurred_at", translate("CaseActions", "Confirmed on"), "datetime"),
                 Field("facts", translate("CaseActions", "Undisputed facts"), "text",
                       required=True),
                 Field("confirming_party_ids", translate("CaseActions", "Confirmed by"),
                       "checks", required=True,
                       options=[(p.id, f"{p.name}（{enum_label(p.role)}）") for p in parties]),
                 Field("place", translate("CaseActions", "Place"))],
                lambda cs, who, k, v: cs.record_undisputed_facts(
                    who, k, facts=v["facts"], confirming_party_ids=v["confirming_party_ids"],
                    occurred_at=_aware(v["occurred_at"]), place=v["place"]),
                translate("CaseActions", "Facts no party disputes, written down with every "
                                         "party's consent; all parties sign the printed "
                                         "confirmation, which goes to the court if mediation "
                                         "fails."))
    if action is a.SUSPEND:
        return ([Field("on", translate("CaseActions", "Suspended from"), "date"),
                 _notes(translate("CaseActions", "Appraisal or assessment"), key="reason",
                        required=True)],
                lambda cs, who, k, v: cs.suspend(who, k, reason=v["reason"], on=v["on"]),
                translate("CaseActions", "The mediation clock stops while the appraisal runs."))
    if action is a.RESUME:
        return ([Field("on", translate("CaseActions", "Resumed on"), "date"), _notes()],
                lambda cs, who, k, v: cs.resume(who, k, on=v["on"], notes=v["notes"]), "")
    if action is a.EXTEND:
        parties = [p for p in case.parties if not p.deleted]
        return ([Field("days", translate("CaseActions", "Days"), "spin", minimum=1, maximum=365,
                       default=15),
                 Field("consent", translate("CaseActions", "Consent recorded"), "checks",
                       required=True,
                       options=[(p.id, f"{p.name}（{enum_label(p.role)}）") for p in parties]),
                 _notes()],
                lambda cs, who, k, v: cs.extend(who, k, days=v["days"],
                                                consenting_party_ids=v["consent"],
                                                notes=v["notes"]),
                translate("CaseActions", "An extension needs the consent of every party."))
    if action is a.TERMINATE:
        reasons = [r for r in EndReason if r is not EndReason.AGREEMENT_REACHED]
        intro = ""
        if case.status is CaseStatus.ACCEPTED:  # no mediator yet: OMR Art 15, 25
            reasons = list(END_REASONS_BEFORE_ASSIGNMENT)
            intro = translate("CaseActions", "Before a mediator is assigned, a case ends only "
                                             "because a party cannot be reached, refuses "
                                             "mediation, or for another stated reason.")
        return ([Field("reason", translate("CaseActions", "Reason"), "enum", enum=EndReason,
                       members=reasons, required=True),
                 _notes(translate("CaseActions", "Account of the mediation"))],
                lambda cs, who, k, v: cs.terminate(who, k, reason=v["reason"],
                                                   notes=v["notes"]), intro)
    if action is a.APPLY_JC:
        center = services.center()
        return ([Field("on", translate("CaseActions", "Applied on"), "date"),
                 Field("court", translate("CaseActions", "Court"),
                       default=center.linked_court if center else "")],
                lambda cs, who, k, v: cs.apply_jc(who, k, on=v["on"], court=v["court"],
                                                  accept_estimated=v["_confirmed"]),
                translate("CaseActions", "Both parties apply jointly within 30 days of the "
                                 "agreement taking effect."))
    if action in JC_OUTCOME:
        outcome = JC_OUTCOME[action]
        return ([Field("ruling", translate("CaseActions", "Ruling number"),
                       required=outcome == "confirmed",
                       placeholder=translate("CaseActions", "e.g. (2026)鲁0303民特12号"),
                       warn=_court_number_check(services, CourtNumberUse.JC_RULING)),
                 _notes()],
                lambda cs, who, k, v: cs.record_jc_outcome(
                    who, k, outcome=outcome, ruling=v["ruling"], notes=v["notes"]), "")
    if action is a.FOLLOW_UP:
        return ([Field("on", translate("CaseActions", "Visited on"), "date"),
                 Field("performance", translate("CaseActions", "Performance"), "enum",
                       enum=Performance, required=True),
                 Field("satisfaction", translate("CaseActions", "Satisfaction (1-5)"), "spin",
                       minimum=1, maximum=5, default=5),
                 Field("place", translate("CaseActions", "Place")), _notes()],
                lambda cs, who, k, v: cs.follow_up(
                    who, k, performance=v["performance"], satisfaction=v["satisfaction"],
                    notes=v["notes"], place=v["place"], on=v["on"]), "")
    if action is a.RECORD_FILING:
        return ([Field("filing_number", translate("CaseActions", "Court filing number"),
                       required=True,
                       placeholder=translate("CaseActions", "e.g. (2026)鲁0303民初88号"),
                       warn=_court_number_check(services, CourtNumberUse.FILING))],
                lambda cs, who, k, v: cs.record_filing(who, k, filing_number=v["filing_number"]),
                "")
    if action is a.RETURN_TO_TRIAL and case.status is CaseStatus.AGREED:
        # an agreed entrusted case: the court's 调解书 or the plaintiff's withdrawal (SIM 20)
        return ([Field("outcome", translate("CaseActions", "Outcome at the court"), "enum",
                       enum=TrialOutcome, required=True),
                 Field("document_number",
                       translate("CaseActions", "Number of the court's mediation document"),
                       placeholder=translate("CaseActions", "e.g. (2026)鲁0303民初88号"),
                       warn=_court_number_check(services, CourtNumberUse.TRIAL)),
                 _notes()],
                lambda cs, who, k, v: cs.return_to_trial(
                    who, k, outcome=v["outcome"] or "", notes=v["notes"],
                    document_number=v["document_number"] if v["outcome"]
                    is TrialOutcome.MEDIATION_DOCUMENT else ""),
                translate("CaseActions", "An entrusted case does not go to judicial "
                                         "confirmation: record the court's mediation document "
                                         "or the withdrawal."))
    simple = {a.REMEDIATE: "remediate", a.LITIGATE: "litigate",
              a.APPLY_ENFORCEMENT: "apply_enforcement", a.HAND_OVER: "hand_over",
              a.RETURN_TO_TRIAL: "return_to_trial", a.ARCHIVE: "archive"}
    if action in simple:
        method = simple[action]
        intro = (translate("CaseActions",
                           "Hand the materials and the undisputed facts to the court.")
                 if action is a.HAND_OVER else "")
        return ([_notes()], lambda cs, who, k, v: getattr(cs, method)(who, k, notes=v["notes"]),
                intro)
    raise ValueError(f"no form for {action}")  # pragma: no cover
