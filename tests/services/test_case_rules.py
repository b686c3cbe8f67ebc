"""The case rules corrected against the law (issue 9, REFERENCE §3.1, §3.4, §3.6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mediation_desk.domain.enums import AgreementForm, CaseSource, CaseStatus, EndReason
from mediation_desk.domain.errors import DomainError, TransitionError, ValidationError
from mediation_desk.domain.models import Agreement, Case, Party
from mediation_desk.domain.state_machine import Action
from mediation_desk.domain.validators import CourtNumberUse
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.storage import audit, directory, records
from tests.conftest import case_input

ACTOR = "王调解员"
TRIAL_NO = "（2026）鲁0303民初88号"


@pytest.fixture
def mediator(store):
    from mediation_desk.domain.models import Mediator

    return MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))


def _agreed(svc, mediator, *, form=AgreementForm.WRITTEN, **case_kw):
    c = svc.register(ACTOR, case_input(**case_kw))
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(clauses=["李四三日内清理通道杂物"], form=form))
    return svc.get(c.id)


def _status_events(svc, case_id, action):
    return [e for e in svc.events(case_id)
            if e.kind.value == "status_change" and e.data.get("action") == action]


# -- 1. an oral agreement is written down before judicial confirmation ------------------------

def test_apply_jc_refused_for_an_oral_agreement_with_the_reason(svc, mediator):
    c = _agreed(svc, mediator, form=AgreementForm.ORAL)
    assert Action.APPLY_JC not in svc.allowed(c)
    reason = svc.why_not(c, Action.APPLY_JC)
    assert "口头协议不能申请司法确认" in reason and "第三百五十四条" in reason
    with pytest.raises(TransitionError) as err:
        svc.apply_jc(ACTOR, c.id)
    assert "人民调解协议书" in err.value.message
    assert svc.get(c.id).status is CaseStatus.AGREED


def test_written_agreement_recorded_for_an_oral_one_keeps_the_oral(svc, mediator, store, clock):
    c = _agreed(svc, mediator, form=AgreementForm.ORAL)
    oral = svc.agreement(c.id)
    assert Action.RECORD_WRITTEN_AGREEMENT in svc.allowed(c)
    clock.now += timedelta(days=3)  # written down on 2026-03-05
    written = svc.record_written_agreement(ACTOR, c.id, AgreementInput(
        clauses=oral.clauses, form=AgreementForm.ORAL))  # the form is always written
    assert written.form is AgreementForm.WRITTEN and written.effective_on == date(2026, 3, 5)
    assert svc.agreement(c.id).id == written.id
    kept = records.load_where(store.db, "agreements", Agreement, "case_id = ?", [c.id])
    assert [a.form for a in kept] == [AgreementForm.ORAL, AgreementForm.WRITTEN]
    c = svc.get(c.id)
    assert c.status is CaseStatus.AGREED
    assert c.jc_due_on == date(2026, 4, 7)  # 30 days from the written agreement (04-04 is 清明)
    assert svc.why_not(c, Action.APPLY_JC) is None
    assert svc.apply_jc(ACTOR, c.id).status is CaseStatus.JC_APPLIED
    note = [e for e in svc.events(c.id) if e.data.get("action") == "record_written_agreement"]
    assert note and note[0].data["oral_agreement_id"] == oral.id
    assert [h["action"] for h in svc.history(c.id)].count("record_written_agreement") == 1
    assert audit.verify_chain(store.db).ok


def test_written_agreement_refused_when_already_written(svc, mediator):
    c = _agreed(svc, mediator)
    assert "已是书面" in svc.why_not(c, Action.RECORD_WRITTEN_AGREEMENT)
    with pytest.raises(TransitionError):
        svc.record_written_agreement(ACTOR, c.id, AgreementInput(clauses=["x"]))


def test_written_agreement_cannot_predate_the_oral_one(svc, mediator):
    c = _agreed(svc, mediator, form=AgreementForm.ORAL)
    with pytest.raises(ValidationError) as err:
        svc.record_written_agreement(ACTOR, c.id, AgreementInput(
            clauses=["x"], effective_on=date(2026, 3, 1)))
    assert "口头协议" in err.value.problems["effective_on"][0]


# -- 2. an entrusted case (委托调解) returns to the trial, never to confirmation ------------------

def _entrusted(svc, mediator):
    return _agreed(svc, mediator, source="court_entrusted", court_case_number=TRIAL_NO)


def test_entrusted_case_cannot_apply_for_judicial_confirmation(svc, mediator):
    c = _entrusted(svc, mediator)
    assert c.jc_due_on is None  # no confirmation window to watch
    assert Action.APPLY_JC not in svc.allowed(c)
    assert "委托调解的案件不申请司法确认" in svc.why_not(c, Action.APPLY_JC)
    with pytest.raises(TransitionError):
        svc.apply_jc(ACTOR, c.id)


def test_agreed_entrusted_case_returns_with_the_courts_mediation_document(svc, mediator):
    c = _entrusted(svc, mediator)
    with pytest.raises(ValidationError) as err:
        svc.return_to_trial(ACTOR, c.id)
    assert "调解书" in err.value.problems["outcome"][0]
    with pytest.raises(ValidationError) as err:
        svc.return_to_trial(ACTOR, c.id, outcome="mediation_document")
    assert "document_number" in err.value.problems
    c = svc.return_to_trial(ACTOR, c.id, outcome="mediation_document",
                            document_number="(2026)鲁0303民初88号")
    assert c.status is CaseStatus.RETURNED_TO_TRIAL
    event = _status_events(svc, c.id, "return_to_trial")[-1]
    assert event.data["outcome"] == "mediation_document"
    assert event.data["document_number"] == TRIAL_NO and event.data["warnings"] == []
    assert "人民法院出具调解书" in svc.history(c.id)[-1]["summary"]


def test_agreed_entrusted_case_returns_after_a_withdrawal(svc, mediator):
    c = _entrusted(svc, mediator)
    c = svc.return_to_trial(ACTOR, c.id, outcome="withdrawn", notes="原告已撤诉")
    assert c.status is CaseStatus.RETURNED_TO_TRIAL
    assert _status_events(svc, c.id, "return_to_trial")[-1].data["outcome"] == "withdrawn"


def test_mediation_document_with_a_special_procedure_number_is_warned(svc, mediator):
    c = _entrusted(svc, mediator)
    svc.return_to_trial(ACTOR, c.id, outcome="mediation_document",
                        document_number="（2026）鲁0303民特3号")
    warnings = _status_events(svc, c.id, "return_to_trial")[-1].data["warnings"]
    assert len(warnings) == 1 and "民初" in warnings[0]


def test_failed_entrusted_case_returns_without_an_outcome(svc, mediator):
    c = svc.register(ACTOR, case_input(source="court_entrusted", court_case_number=TRIAL_NO))
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.terminate(ACTOR, c.id, reason=EndReason.GAP_TOO_LARGE)
    with pytest.raises(ValidationError):
        svc.return_to_trial(ACTOR, c.id, outcome="withdrawn")
    assert svc.return_to_trial(ACTOR, c.id).status is CaseStatus.RETURNED_TO_TRIAL


def test_agreed_own_case_does_not_return_to_trial(svc, mediator):
    c = _agreed(svc, mediator)
    with pytest.raises(TransitionError) as err:
        svc.return_to_trial(ACTOR, c.id, outcome="withdrawn")
    assert "委托" in err.value.message


# -- 3. an accepted case ends before any mediator is assigned (OMR 15, 25) ----------------------

@pytest.mark.parametrize("reason", [EndReason.UNREACHABLE, EndReason.UNWILLING, EndReason.OTHER])
def test_accepted_case_terminated_before_assignment(svc, reason):
    c = svc.register(ACTOR, case_input(source="court_delegated",
                                       court_case_number="（2026）鲁0303民诉前调7号"))
    svc.accept(ACTOR, c.id)
    c = svc.terminate(ACTOR, c.id, reason=reason, notes="被申请人明确拒绝调解")
    assert c.status is CaseStatus.TERMINATED and c.end_reason is reason
    assert c.mediator_ids == []
    assert svc.hand_over(ACTOR, c.id).status is CaseStatus.HANDED_TO_FILING  # 委派: to filing


@pytest.mark.parametrize("reason", [EndReason.WITHDRAWN_SETTLED, EndReason.GAP_TOO_LARGE,
                                    EndReason.EXPIRED_NO_CONSENT, EndReason.REFUSED_TO_SIGN])
def test_accepted_case_refuses_other_end_reasons(svc, reason):
    c = svc.register(ACTOR, case_input())
    svc.accept(ACTOR, c.id)
    with pytest.raises(ValidationError) as err:
        svc.terminate(ACTOR, c.id, reason=reason)
    message = err.value.problems["reason"][0]
    assert "尚未指派调解员" in message and "当事人明确表示不愿调解" in message
    assert svc.get(c.id).status is CaseStatus.ACCEPTED


# -- 4. judicial confirmation is a joint application ------------------------------------------

def test_apply_jc_records_both_sides_as_applicants(svc, mediator):
    c = _agreed(svc, mediator)
    svc.apply_jc(ACTOR, c.id, court="张店区人民法院")
    data = _status_events(svc, c.id, "apply_jc")[-1].data
    assert [(a["name"], a["side"]) for a in data["applicants"]] == [
        ("张三", "applicant"), ("李四", "respondent")]
    assert data["court"] == "张店区人民法院" and data["reapplication"] is False


def test_apply_jc_refused_when_one_side_is_missing(svc, mediator, store):
    # an imported or edited case may lack a side; registration itself requires both
    case = Case(center_id=directory.self_center(store.db).id, facts="x",
                received_on=date(2026, 3, 2), parties=[Party(name="张三")])
    svc.register_case(ACTOR, case)
    svc.accept(ACTOR, case.id)
    svc.assign(ACTOR, case.id, [mediator.id])
    svc.record_agreement(ACTOR, case.id, AgreementInput(clauses=["x"]))
    with pytest.raises(DomainError) as err:
        svc.apply_jc(ACTOR, case.id)
    assert "共同申请" in err.value.message and "被申请人" in err.value.message
    assert svc.get(case.id).status is CaseStatus.AGREED


def test_application_made_again_after_withdrawal_within_the_window(svc, mediator):
    c = _agreed(svc, mediator)  # effective 2026-03-02, window to 2026-04-01
    svc.apply_jc(ACTOR, c.id, on=date(2026, 3, 5))
    svc.record_jc_outcome(ACTOR, c.id, outcome="withdrawn", ruling="（2026）鲁0303民特4号")
    c = svc.get(c.id)
    assert c.status is CaseStatus.JC_WITHDRAWN and Action.APPLY_JC in svc.allowed(c)
    c = svc.apply_jc(ACTOR, c.id, on=date(2026, 3, 20))
    assert c.status is CaseStatus.JC_APPLIED and c.jc_applied_on == date(2026, 3, 20)
    assert c.jc_ruling == ""  # the withdrawal's ruling stays in its event
    events = _status_events(svc, c.id, "apply_jc")
    assert [e.data["reapplication"] for e in events] == [False, True]
    assert _status_events(svc, c.id, "jc_withdraw")[-1].data["ruling"] == "（2026）鲁0303民特4号"


def test_application_not_made_again_after_the_window(svc, mediator):
    c = _agreed(svc, mediator)
    svc.apply_jc(ACTOR, c.id, on=date(2026, 3, 5))
    svc.record_jc_outcome(ACTOR, c.id, outcome="withdrawn")
    with pytest.raises(DomainError) as err:
        svc.apply_jc(ACTOR, c.id, on=date(2026, 4, 2))
    assert "期限已过" in err.value.message
    assert svc.get(c.id).status is CaseStatus.JC_WITHDRAWN


# -- 5. court numbers: the type code fits its use, or a warning --------------------------------

def test_confirmation_ruling_with_a_wrong_type_code_is_saved_with_a_warning(svc, mediator):
    c = _agreed(svc, mediator)
    svc.apply_jc(ACTOR, c.id)
    assert svc.court_number_warnings("（2026）鲁0303民初5号", CourtNumberUse.JC_RULING)
    assert svc.court_number_warnings("（2026）鲁0303民特5号", CourtNumberUse.JC_RULING) == []
    c = svc.record_jc_outcome(ACTOR, c.id, outcome="confirmed", ruling="（2026）鲁0303民初5号")
    assert c.status is CaseStatus.JC_CONFIRMED and c.jc_ruling == "（2026）鲁0303民初5号"
    warnings = _status_events(svc, c.id, "jc_confirm")[-1].data["warnings"]
    assert len(warnings) == 1 and "民特" in warnings[0]


@pytest.mark.parametrize("ruling, message", [
    ("（2026）民特5号", "缺少法院代字"),
    ("（1999）鲁0303民特5号", "2000年至2027年"),
    ("（2028）鲁0303民特5号", "2000年至2027年"),
])
def test_confirmation_ruling_without_court_code_or_with_bad_year_is_refused(
        svc, mediator, ruling, message):
    c = _agreed(svc, mediator)
    svc.apply_jc(ACTOR, c.id)
    with pytest.raises(ValidationError) as err:
        svc.record_jc_outcome(ACTOR, c.id, outcome="confirmed", ruling=ruling)
    assert message in err.value.problems["ruling"][0]
    assert svc.get(c.id).status is CaseStatus.JC_APPLIED


def test_filing_number_with_a_wrong_type_code_is_saved_with_a_warning(svc, mediator):
    c = svc.register(ACTOR, case_input(source="court_delegated",
                                       court_case_number="（2026）鲁0303民诉前调7号"))
    svc.accept(ACTOR, c.id)
    svc.terminate(ACTOR, c.id, reason=EndReason.UNWILLING)
    svc.hand_over(ACTOR, c.id)
    c = svc.record_filing(ACTOR, c.id, filing_number="（2026）鲁0303民诉前调7号")
    assert c.status is CaseStatus.FILED
    warnings = _status_events(svc, c.id, "record_filing")[-1].data["warnings"]
    assert len(warnings) == 1 and "民初" in warnings[0]


@pytest.mark.parametrize("source, number, warned", [
    ("court_delegated", "（2026）鲁0303民诉前调12号", False),
    ("court_delegated", "（2026）鲁0303诉前调12号", False),
    ("court_delegated", "（2026）鲁0303民初12号", True),
    ("court_entrusted", "（2026）鲁0303民初12号", False),
    ("court_entrusted", "（2026）鲁03民终12号", False),
    ("court_entrusted", "（2026）鲁0303民诉前调12号", True),
])
def test_registration_warns_on_a_court_number_type_code(svc, source, number, warned):
    preview = svc.preview(case_input(source=source, court_case_number=number))
    assert preview.problems == {}
    assert bool(preview.warnings.get("court_case_number")) is warned
    case = svc.register(ACTOR, case_input(source=source, court_case_number=number))
    assert case.court_case_number == number  # a warning never blocks


def test_registration_refuses_a_court_number_without_court_code(svc):
    with pytest.raises(ValidationError) as err:
        svc.register(ACTOR, case_input(source="court_delegated",
                                       court_case_number="（2026）民诉前调12号"))
    assert "法院代字" in err.value.problems["court_case_number"][0]


def test_entrusted_source_label_is_unchanged():
    assert CaseSource.COURT_ENTRUSTED.label == "法院委托"
