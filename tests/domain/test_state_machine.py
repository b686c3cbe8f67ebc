"""Every allowed and every forbidden transition of the case state machine."""

from __future__ import annotations

import pytest

from mediation_desk.domain.enums import CaseSource, EndReason
from mediation_desk.domain.enums import CaseStatus as S
from mediation_desk.domain.errors import TransitionError
from mediation_desk.domain.state_machine import (
    END_REASONS_BEFORE_ASSIGNMENT,
    CaseFacts,
    allowed_actions,
    end_reason_problem,
    follow_up_status,
    next_status,
    why_not,
)
from mediation_desk.domain.state_machine import (
    Action as A,
)

# (status, action, facts overrides) -> next status. Everything not listed is forbidden.
ALLOWED = {
    (S.REGISTERED, A.ACCEPT): S.ACCEPTED,
    (S.REGISTERED, A.NOT_ACCEPT): S.NOT_ACCEPTED,
    (S.ACCEPTED, A.ASSIGN): S.MEDIATING,
    (S.ACCEPTED, A.RECORD_INVESTIGATION): S.ACCEPTED,
    (S.ACCEPTED, A.TERMINATE): S.TERMINATED,  # before assignment, reasons 3/4/8 (OMR 15, 25)
    (S.MEDIATING, A.ASSIGN): S.MEDIATING,
    (S.MEDIATING, A.RECORD_SESSION): S.MEDIATING,
    (S.MEDIATING, A.RECORD_INVESTIGATION): S.MEDIATING,
    (S.MEDIATING, A.SUSPEND): S.SUSPENDED,
    (S.MEDIATING, A.EXTEND): S.MEDIATING,
    (S.MEDIATING, A.RECORD_AGREEMENT): S.AGREED,
    (S.MEDIATING, A.TERMINATE): S.TERMINATED,
    (S.SUSPENDED, A.RESUME): S.MEDIATING,
    (S.SUSPENDED, A.EXTEND): S.SUSPENDED,
    (S.SUSPENDED, A.RECORD_INVESTIGATION): S.SUSPENDED,
    (S.SUSPENDED, A.TERMINATE): S.TERMINATED,
    (S.MEDIATING, A.RECORD_UNDISPUTED_FACTS): S.MEDIATING,
    (S.SUSPENDED, A.RECORD_UNDISPUTED_FACTS): S.SUSPENDED,
    (S.TERMINATED, A.RECORD_UNDISPUTED_FACTS): S.TERMINATED,
    (S.AGREED, A.APPLY_JC): S.JC_APPLIED,
    (S.AGREED, A.FOLLOW_UP): S.AGREED,
    (S.JC_APPLIED, A.JC_CONFIRM): S.JC_CONFIRMED,
    (S.JC_APPLIED, A.JC_REJECT): S.JC_REJECTED,
    (S.JC_APPLIED, A.JC_WITHDRAW): S.JC_WITHDRAWN,
    (S.JC_WITHDRAWN, A.APPLY_JC): S.JC_APPLIED,  # again, while the 30-day window is open
    (S.JC_REJECTED, A.REMEDIATE): S.MEDIATING,
    (S.JC_REJECTED, A.LITIGATE): S.LITIGATION,
    (S.JC_CONFIRMED, A.FOLLOW_UP): S.JC_CONFIRMED,
    (S.JC_WITHDRAWN, A.FOLLOW_UP): S.JC_WITHDRAWN,
    (S.PERFORMED, A.FOLLOW_UP): S.PERFORMED,
    (S.NOT_PERFORMED, A.FOLLOW_UP): S.NOT_PERFORMED,
    (S.NOT_PERFORMED, A.LITIGATE): S.LITIGATION,
    (S.HANDED_TO_FILING, A.RECORD_FILING): S.FILED,
}
ARCHIVABLE = {S.NOT_ACCEPTED, S.TERMINATED, S.JC_CONFIRMED, S.JC_REJECTED, S.JC_WITHDRAWN,
              S.PERFORMED, S.NOT_PERFORMED, S.ENFORCEMENT_APPLIED, S.LITIGATION, S.FILED,
              S.RETURNED_TO_TRIAL}
for _s in ARCHIVABLE:
    ALLOWED[(_s, A.ARCHIVE)] = S.ARCHIVED

CONDITIONAL = {A.HAND_OVER, A.RETURN_TO_TRIAL, A.APPLY_ENFORCEMENT}
# forbidden for the default facts (a written agreement), tested below with other facts
FACT_DEPENDENT = {(S.AGREED, A.RECORD_WRITTEN_AGREEMENT), (S.AGREED, A.RETURN_TO_TRIAL)}


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("action", list(A))
def test_transition_table(status, action):
    facts = CaseFacts(status=status)
    expected = ALLOWED.get((status, action))
    if status is S.AGREED and action is A.TERMINATE:
        expected = None  # only for a partial agreement, tested below
    if action in CONDITIONAL and status in (S.TERMINATED, S.NOT_PERFORMED):
        return  # tested below with the facts they depend on
    if (status, action) in FACT_DEPENDENT:
        assert expected is None
    if expected is None:
        with pytest.raises(TransitionError) as err:
            next_status(facts, action)
        assert status.label in err.value.message
        assert err.value.current == status.value
        assert err.value.allowed == [a.value for a in allowed_actions(facts)]
        assert why_not(facts, action) == err.value.message
    else:
        assert next_status(facts, action) is expected
        assert action in allowed_actions(facts)
        assert why_not(facts, action) is None


def test_undisputed_facts_beside_a_partial_agreement_only():
    assert next_status(CaseFacts(status=S.AGREED, partial_agreement=True),
                       A.RECORD_UNDISPUTED_FACTS) is S.AGREED
    with pytest.raises(TransitionError) as err:
        next_status(CaseFacts(status=S.AGREED), A.RECORD_UNDISPUTED_FACTS)
    assert "已全部达成调解协议" in err.value.message


def test_partial_agreement_may_terminate_the_rest():
    assert next_status(CaseFacts(status=S.AGREED, partial_agreement=True), A.TERMINATE) \
        is S.TERMINATED
    with pytest.raises(TransitionError) as err:
        next_status(CaseFacts(status=S.AGREED), A.TERMINATE)
    assert "全部达成协议" in err.value.message


@pytest.mark.parametrize("source", list(CaseSource))
def test_terminated_routes_by_source(source):
    facts = CaseFacts(status=S.TERMINATED, source=source)
    if source is CaseSource.COURT_DELEGATED:
        assert next_status(facts, A.HAND_OVER) is S.HANDED_TO_FILING
    else:
        with pytest.raises(TransitionError):
            next_status(facts, A.HAND_OVER)
    if source is CaseSource.COURT_ENTRUSTED:
        assert next_status(facts, A.RETURN_TO_TRIAL) is S.RETURNED_TO_TRIAL
    else:
        with pytest.raises(TransitionError):
            next_status(facts, A.RETURN_TO_TRIAL)


def test_enforcement_only_after_confirmation():
    assert next_status(CaseFacts(status=S.NOT_PERFORMED, jc_confirmed=True),
                       A.APPLY_ENFORCEMENT) is S.ENFORCEMENT_APPLIED
    with pytest.raises(TransitionError) as err:
        next_status(CaseFacts(status=S.NOT_PERFORMED), A.APPLY_ENFORCEMENT)
    assert "司法确认" in err.value.message


def test_archived_is_final():
    assert allowed_actions(CaseFacts(status=S.ARCHIVED)) == []


def test_follow_up_status():
    assert follow_up_status(S.AGREED, "performed") is S.PERFORMED
    assert follow_up_status(S.JC_CONFIRMED, "not_performed") is S.NOT_PERFORMED
    assert follow_up_status(S.AGREED, "in_progress") is S.AGREED


def test_message_names_state_and_allowed_actions():
    with pytest.raises(TransitionError) as err:
        next_status(CaseFacts(status=S.MEDIATING), A.ARCHIVE)
    msg = err.value.message
    assert "调解中" in msg and "归档" in msg and "终止调解" in msg and "登记调解协议" in msg


# -- corrected rules (issue 9, REFERENCE §3.6) ---------------------------------------------

def test_oral_agreement_cannot_go_to_judicial_confirmation():
    oral = CaseFacts(status=S.AGREED, oral_agreement=True)
    assert A.APPLY_JC not in allowed_actions(oral)
    reason = why_not(oral, A.APPLY_JC)
    assert reason is not None
    assert "口头协议不能申请司法确认" in reason
    assert "第三条" in reason and "第三百五十四条" in reason and "人民调解协议书" in reason
    with pytest.raises(TransitionError):
        next_status(oral, A.APPLY_JC)


def test_oral_agreement_is_written_down_then_may_apply():
    oral = CaseFacts(status=S.AGREED, oral_agreement=True)
    assert A.RECORD_WRITTEN_AGREEMENT in allowed_actions(oral)
    assert next_status(oral, A.RECORD_WRITTEN_AGREEMENT) is S.AGREED  # AGREED_ORAL → _WRITTEN
    written = CaseFacts(status=S.AGREED, oral_agreement=False)
    assert next_status(written, A.APPLY_JC) is S.JC_APPLIED
    assert "已是书面" in why_not(written, A.RECORD_WRITTEN_AGREEMENT)


@pytest.mark.parametrize("status", [s for s in S if s is not S.AGREED])
def test_written_agreement_only_recorded_for_an_agreed_case(status):
    with pytest.raises(TransitionError):
        next_status(CaseFacts(status=status, oral_agreement=True), A.RECORD_WRITTEN_AGREEMENT)


@pytest.mark.parametrize("oral", [False, True])
def test_entrusted_case_never_goes_to_judicial_confirmation(oral):
    facts = CaseFacts(status=S.AGREED, source=CaseSource.COURT_ENTRUSTED, oral_agreement=oral)
    assert A.APPLY_JC not in allowed_actions(facts)
    reason = why_not(facts, A.APPLY_JC)
    assert "法院委托调解的案件不申请司法确认" in reason and "调解书" in reason
    assert "第二十条" in reason


@pytest.mark.parametrize("source", list(CaseSource))
def test_agreed_entrusted_case_returns_to_trial(source):
    facts = CaseFacts(status=S.AGREED, source=source)
    if source is CaseSource.COURT_ENTRUSTED:
        assert next_status(facts, A.RETURN_TO_TRIAL) is S.RETURNED_TO_TRIAL
    else:
        assert "只有法院委托调解" in why_not(facts, A.RETURN_TO_TRIAL)
        assert next_status(facts, A.APPLY_JC) is S.JC_APPLIED


def test_reapplication_after_withdrawal_follows_the_same_rules():
    assert next_status(CaseFacts(status=S.JC_WITHDRAWN), A.APPLY_JC) is S.JC_APPLIED
    entrusted = CaseFacts(status=S.JC_WITHDRAWN, source=CaseSource.COURT_ENTRUSTED)
    assert "委托调解" in why_not(entrusted, A.APPLY_JC)


@pytest.mark.parametrize("reason", list(EndReason))
def test_accepted_case_terminates_only_for_reasons_3_4_8(reason):
    problem = end_reason_problem(S.ACCEPTED, reason)
    if reason in (EndReason.UNREACHABLE, EndReason.UNWILLING, EndReason.OTHER):
        assert problem is None
    else:
        assert "尚未指派调解员" in problem and "第十五条" in problem
    assert end_reason_problem(S.MEDIATING, reason) is None  # 2..8 once mediating
    assert set(END_REASONS_BEFORE_ASSIGNMENT) == {EndReason.UNREACHABLE, EndReason.UNWILLING,
                                                  EndReason.OTHER}
