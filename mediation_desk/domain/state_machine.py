"""The case state machine (REFERENCE §3.6).

Actions are named in English snake_case; ``next_status`` returns the status an
action leads to or raises :class:`TransitionError` naming the current status
and the actions allowed from it. Some transitions depend on the case (its
source, whether the agreement is partial or oral, whether judicial confirmation
was granted); those are given as a :class:`CaseFacts`.

The reference machine has AGREED_WRITTEN, AGREED_ORAL and AGREED_PARTIAL; here they
are the one status AGREED plus the agreement's form and scope in the facts. An oral
agreement is written down (``record_written_agreement``, 人民调解协议书) before it can
go to judicial confirmation; a case the court entrusted after filing (委托调解) never
goes there: it returns to the trial with the court's 调解书 or the withdrawal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .enums import CaseSource, CaseStatus, EndReason
from .errors import TransitionError

S = CaseStatus


class Action(StrEnum):
    ACCEPT = "accept"
    NOT_ACCEPT = "not_accept"
    ASSIGN = "assign"
    RECORD_SESSION = "record_session"
    RECORD_INVESTIGATION = "record_investigation"
    RECORD_UNDISPUTED_FACTS = "record_undisputed_facts"
    SUSPEND = "suspend"
    RESUME = "resume"
    EXTEND = "extend"
    RECORD_AGREEMENT = "record_agreement"
    RECORD_WRITTEN_AGREEMENT = "record_written_agreement"
    TERMINATE = "terminate"
    APPLY_JC = "apply_jc"
    JC_CONFIRM = "jc_confirm"
    JC_REJECT = "jc_reject"
    JC_WITHDRAW = "jc_withdraw"
    REMEDIATE = "remediate"
    FOLLOW_UP = "follow_up"
    APPLY_ENFORCEMENT = "apply_enforcement"
    LITIGATE = "litigate"
    HAND_OVER = "hand_over"
    RECORD_FILING = "record_filing"
    RETURN_TO_TRIAL = "return_to_trial"
    ARCHIVE = "archive"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.ACCEPT: "受理",
    Action.NOT_ACCEPT: "不予受理",
    Action.ASSIGN: "指派调解员",
    Action.RECORD_SESSION: "记录调解",
    Action.RECORD_INVESTIGATION: "记录调查",
    Action.RECORD_UNDISPUTED_FACTS: "记录无争议事实",
    Action.SUSPEND: "中止（鉴定评估）",
    Action.RESUME: "恢复调解",
    Action.EXTEND: "延长期限",
    Action.RECORD_AGREEMENT: "登记调解协议",
    Action.RECORD_WRITTEN_AGREEMENT: "制作书面调解协议",
    Action.TERMINATE: "终止调解",
    Action.APPLY_JC: "申请司法确认",
    Action.JC_CONFIRM: "司法确认：有效",
    Action.JC_REJECT: "司法确认：驳回",
    Action.JC_WITHDRAW: "司法确认：撤回",
    Action.REMEDIATE: "重新调解",
    Action.FOLLOW_UP: "回访",
    Action.APPLY_ENFORCEMENT: "申请强制执行",
    Action.LITIGATE: "转诉讼",
    Action.HAND_OVER: "移送立案",
    Action.RECORD_FILING: "登记法院立案",
    Action.RETURN_TO_TRIAL: "退回审判",
    Action.ARCHIVE: "归档",
}


@dataclass(frozen=True)
class CaseFacts:
    """What the machine needs to know about a case beyond its status."""

    status: CaseStatus
    source: CaseSource = CaseSource.PARTY_APPLICATION
    partial_agreement: bool = False
    jc_confirmed: bool = False
    has_mediators: bool = False
    oral_agreement: bool = False  # the live agreement is oral (口头协议), not yet written down


# Plain transitions: (status, action) -> next status. ``None`` = status unchanged.
_TABLE: dict[tuple[CaseStatus, Action], CaseStatus | None] = {
    (S.REGISTERED, Action.ACCEPT): S.ACCEPTED,
    (S.REGISTERED, Action.NOT_ACCEPT): S.NOT_ACCEPTED,
    (S.ACCEPTED, Action.ASSIGN): S.MEDIATING,
    (S.ACCEPTED, Action.RECORD_INVESTIGATION): None,
    (S.MEDIATING, Action.ASSIGN): None,
    (S.MEDIATING, Action.RECORD_SESSION): None,
    (S.MEDIATING, Action.RECORD_INVESTIGATION): None,
    (S.MEDIATING, Action.SUSPEND): S.SUSPENDED,
    (S.MEDIATING, Action.EXTEND): None,
    (S.MEDIATING, Action.RECORD_AGREEMENT): S.AGREED,
    (S.MEDIATING, Action.TERMINATE): S.TERMINATED,
    (S.SUSPENDED, Action.RESUME): S.MEDIATING,
    (S.SUSPENDED, Action.EXTEND): None,
    (S.SUSPENDED, Action.RECORD_INVESTIGATION): None,
    (S.SUSPENDED, Action.TERMINATE): S.TERMINATED,
    # 无争议事实 (SDR Art 24): while mediating, or once it failed (before the hand-over)
    (S.MEDIATING, Action.RECORD_UNDISPUTED_FACTS): None,
    (S.SUSPENDED, Action.RECORD_UNDISPUTED_FACTS): None,
    (S.TERMINATED, Action.RECORD_UNDISPUTED_FACTS): None,
    (S.AGREED, Action.FOLLOW_UP): None,  # outcome decides (see follow_up_status)
    (S.JC_APPLIED, Action.JC_CONFIRM): S.JC_CONFIRMED,
    (S.JC_APPLIED, Action.JC_REJECT): S.JC_REJECTED,
    (S.JC_APPLIED, Action.JC_WITHDRAW): S.JC_WITHDRAWN,
    (S.JC_REJECTED, Action.REMEDIATE): S.MEDIATING,
    (S.JC_REJECTED, Action.LITIGATE): S.LITIGATION,
    (S.JC_CONFIRMED, Action.FOLLOW_UP): None,
    (S.JC_WITHDRAWN, Action.FOLLOW_UP): None,
    (S.PERFORMED, Action.FOLLOW_UP): None,
    (S.NOT_PERFORMED, Action.FOLLOW_UP): None,
    (S.NOT_PERFORMED, Action.LITIGATE): S.LITIGATION,
    (S.HANDED_TO_FILING, Action.RECORD_FILING): S.FILED,
}

_ARCHIVABLE = {
    S.NOT_ACCEPTED,
    S.TERMINATED,
    S.JC_CONFIRMED,
    S.JC_REJECTED,
    S.JC_WITHDRAWN,
    S.PERFORMED,
    S.NOT_PERFORMED,
    S.ENFORCEMENT_APPLIED,
    S.LITIGATION,
    S.FILED,
    S.RETURNED_TO_TRIAL,
}

OPEN_STATUSES = frozenset({S.REGISTERED, S.ACCEPTED, S.MEDIATING, S.SUSPENDED})
"""Statuses in which the mediation clock runs (or is paused) and the case is in hand."""

AGREEMENT_STATUSES = frozenset(
    {S.AGREED, S.JC_APPLIED, S.JC_CONFIRMED, S.JC_REJECTED, S.JC_WITHDRAWN, S.PERFORMED,
     S.NOT_PERFORMED, S.ENFORCEMENT_APPLIED}
)


class TrialOutcome(StrEnum):
    """How an agreed entrusted case (委托调解) ends at the court (SIM Art 20)."""

    MEDIATION_DOCUMENT = "mediation_document"  # the court issues its 调解书
    WITHDRAWN = "withdrawn"  # the plaintiff withdraws the suit

    @property
    def label(self) -> str:
        return {"mediation_document": "人民法院出具调解书", "withdrawn": "原告撤诉"}[self.value]


# An accepted case no mediator has taken up yet ends only for these reasons (OMR Art 15, 25):
# the other party cannot be reached, a party refuses mediation, or another stated reason.
END_REASONS_BEFORE_ASSIGNMENT = (EndReason.UNREACHABLE, EndReason.UNWILLING, EndReason.OTHER)

NO_JC_ORAL = ("口头协议不能申请司法确认：《关于人民调解协议司法确认程序的若干规定》第三条和"
              "《关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十四条要求提交调解协议书，"
              "请先制作书面调解协议（人民调解协议书）")
NO_JC_ENTRUSTED = ("法院委托调解的案件不申请司法确认：达成协议后由人民法院出具调解书或原告撤诉"
                   "（《最高人民法院关于人民法院特邀调解的规定》第二十条），请使用“退回审判”登记结果")
JC_REAPPLY_STATUSES = (S.AGREED, S.JC_WITHDRAWN)
NO_UNDISPUTED_AGREED = ("已全部达成调解协议的案件没有需要确认的无争议事实："
                        "无争议事实确认书用于调解不成或只就部分事项达成协议的案件（《山东省多元化解纠纷促进条例》第二十四条）")


def end_reason_problem(status: CaseStatus, reason: EndReason) -> str | None:
    """Why ``reason`` cannot end a case in ``status`` (None if it can)."""
    if status is S.ACCEPTED and reason not in END_REASONS_BEFORE_ASSIGNMENT:
        allowed = "、".join(f"“{r.label}”" for r in END_REASONS_BEFORE_ASSIGNMENT)
        return (f"尚未指派调解员的案件只能以{allowed}终止调解"
                "（《人民法院在线调解规则》第十五条、第二十五条）")
    return None


def _special(facts: CaseFacts, action: Action) -> tuple[bool, CaseStatus | None, str]:
    """Transitions that depend on more than the status: (allowed, next, why-not)."""
    st = facts.status
    if action is Action.APPLY_JC and st in JC_REAPPLY_STATUSES:
        # AGREED: the first joint application; JC_WITHDRAWN: again after a withdrawal
        # (the service checks the 30-day window)
        if facts.source is CaseSource.COURT_ENTRUSTED:
            return False, None, NO_JC_ENTRUSTED
        if facts.oral_agreement:
            return False, None, NO_JC_ORAL
        return True, S.JC_APPLIED, ""
    if action is Action.RECORD_WRITTEN_AGREEMENT and st is S.AGREED:
        if facts.oral_agreement:
            return True, S.AGREED, ""
        return False, None, "本案登记的已是书面调解协议"
    if action is Action.TERMINATE and st is S.ACCEPTED:
        # before any mediator is assigned: a party unreachable or unwilling (OMR 15, 25);
        # the service checks the end reason (END_REASONS_BEFORE_ASSIGNMENT)
        return True, S.TERMINATED, ""
    if action is Action.TERMINATE and st is S.AGREED:
        if facts.partial_agreement:
            return True, S.TERMINATED, ""
        return False, None, "已全部达成协议的案件不能终止调解"
    if action is Action.HAND_OVER:
        if st is S.TERMINATED and facts.source is CaseSource.COURT_DELEGATED:
            return True, S.HANDED_TO_FILING, ""
        if st is S.TERMINATED:
            return False, None, "只有法院委派的诉前调解案件调解不成时才移送立案"
    if action is Action.RETURN_TO_TRIAL:
        entrusted = facts.source is CaseSource.COURT_ENTRUSTED
        if st in (S.TERMINATED, S.AGREED) and entrusted:
            # failed: the trial resumes; agreed: the court's 调解书 or a withdrawal (SIM 20)
            return True, S.RETURNED_TO_TRIAL, ""
        if st in (S.TERMINATED, S.AGREED):
            return False, None, "只有法院委托调解的案件才退回审判"
    if action is Action.APPLY_ENFORCEMENT and st is S.NOT_PERFORMED:
        if facts.jc_confirmed:
            return True, S.ENFORCEMENT_APPLIED, ""
        return False, None, "协议未经司法确认，不能申请强制执行，可就协议提起诉讼"
    if action is Action.RECORD_UNDISPUTED_FACTS and st is S.AGREED:
        if facts.partial_agreement:  # the issues left open
            return True, S.AGREED, ""
        return False, None, NO_UNDISPUTED_AGREED
    if action is Action.ARCHIVE and st in _ARCHIVABLE:
        return True, S.ARCHIVED, ""
    if action is Action.RECORD_SESSION and st is S.ACCEPTED:
        return False, None, "请先指派调解员"
    return False, None, ""


def next_status(facts: CaseFacts, action: Action) -> CaseStatus:
    """The status ``action`` leads to from ``facts.status``; raise if not allowed."""
    key = (facts.status, action)
    if key in _TABLE:
        nxt = _TABLE[key]
        return facts.status if nxt is None else nxt
    ok, nxt, why = _special(facts, action)
    if ok and nxt is not None:
        return nxt
    allowed = allowed_actions(facts)
    allowed_text = "、".join(a.label for a in allowed) or "无"
    reason = f"（{why}）" if why else ""
    raise TransitionError(
        action.value,
        facts.status.value,
        [a.value for a in allowed],
        f"案件当前状态为“{facts.status.label}”，不能执行“{action.label}”{reason}。"
        f"当前可执行的操作：{allowed_text}。",
    )


def allowed_actions(facts: CaseFacts) -> list[Action]:
    """Every action allowed now, in declaration order."""
    out = []
    for action in Action:
        if (facts.status, action) in _TABLE or _special(facts, action)[0]:
            out.append(action)
    return out


def why_not(facts: CaseFacts, action: Action) -> str | None:
    """``None`` when ``action`` is allowed, else the Chinese reason (for tooltips)."""
    try:
        next_status(facts, action)
    except TransitionError as exc:
        return exc.message
    return None


def follow_up_status(current: CaseStatus, performance: str) -> CaseStatus:
    """Status after a follow-up visit (回访) that found ``performance``.

    ``performed`` and ``not_performed`` settle the case; ``in_progress`` keeps it.
    """
    if performance == "performed":
        return S.PERFORMED
    if performance == "not_performed":
        return S.NOT_PERFORMED
    return current
