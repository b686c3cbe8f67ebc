"""Shared plumbing of the case services: loading, transitions, status events."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from ..domain.deadlines import mediation_due
from ..domain.enums import AgreementForm, AgreementScope, CaseStatus, EventKind
from ..domain.errors import DomainError, NeedsConfirmation, NotFoundError, StaleEdit
from ..domain.formatting import format_cn_date
from ..domain.models import Case, CaseEvent
from ..domain.state_machine import Action, CaseFacts, next_status
from ..storage.store import Store, Work
from .access import check_case, desk_kind
from .settings import Settings, load_settings


class CaseServiceBase:
    """Holds the store and settings; each public method is one operation."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self._settings = settings

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.store)
        return self._settings

    def reload_settings(self) -> None:
        """Forget cached settings (after the settings screen saved)."""
        self._settings = None

    @contextmanager
    def case_operation(self, actor: str, key: str, action: str,
                       expected_version: int | None = None) -> Iterator[tuple[Work, Case]]:
        """One operation on one case, its checks and writes in one transaction.

        The case is read *after* ``BEGIN IMMEDIATE``, so every check sees the state the
        operation writes over (no lost update between a read and the write). With
        ``expected_version`` (the version the form was loaded at), a case changed since is
        refused with who changed it and when; nothing is written and the form keeps what
        the user typed.
        """
        with self.store.operation(actor, action) as work:
            case = self.get(key)
            if expected_version is not None and case.version != expected_version:
                raise StaleEdit(case.number, *self._last_change(case.id))
            self.refuse_unowned(case, action)
            check_case(self.store, case, action)  # the account's role and case scope
            work.case_id = case.id
            work.summary = case.number
            yield work, case

    def refuse_unowned(self, case: Case, action: str) -> None:
        """Refuse a change this desk does not own (docs/exchange-format.md §10).

        The exchange refuses a bundle carrying a record its sender may not write, so a desk
        must not make such a change in the first place: a court desk records only the court's
        results on a center's case; a center leaves those results to the court desk it
        exchanges with; a field laptop neither assigns mediators nor records court results.
        """
        why = desk_may_not(self.store, case, action)
        if why:
            raise DomainError(why, code="not_owner")

    def _last_change(self, case_id: str) -> tuple[str, str]:
        rows = self.store.audit.case_history(case_id)
        if not rows:
            return "", ""
        last = rows[-1]
        return str(last.get("actor", "")), str(last.get("at", ""))

    def get(self, key: str) -> Case:
        """A case by UUID or number; raises NotFoundError."""
        case = self.store.cases.get(key)
        if case is None:
            raise NotFoundError("案件", key)
        return case

    def facts(self, case: Case) -> CaseFacts:
        """What the state machine needs to know about ``case``."""
        agreement = self.store.items.agreement_of(case.id)
        confirmed = case.status is CaseStatus.JC_CONFIRMED or any(
            e.kind is EventKind.STATUS_CHANGE and e.data.get("to") == CaseStatus.JC_CONFIRMED.value
            for e in self.store.items.events_of(case.id))
        return CaseFacts(
            status=case.status, source=case.source,
            partial_agreement=agreement is not None and agreement.scope is AgreementScope.PARTIAL,
            jc_confirmed=confirmed, has_mediators=bool(case.mediator_ids),
            oral_agreement=agreement is not None and agreement.form is AgreementForm.ORAL)

    def transition(self, work: Work, case: Case, action: Action, actor: str, *,
                   notes: str = "", data: dict[str, Any] | None = None,
                   at: datetime | None = None) -> CaseStatus:
        """Apply ``action`` to ``case`` (raises TransitionError); record a status event."""
        new = next_status(self.facts(case), action)
        if new is not case.status:
            event = CaseEvent(case_id=case.id, kind=EventKind.STATUS_CHANGE,
                              occurred_at=at or work.moment.replace(microsecond=0),
                              actor=actor, notes=notes,
                              data={"from": case.status.value, "to": new.value,
                                    "action": action.value, **(data or {})})
            work.save_event(event)
            case.status = new
        return new

    def recompute_due(self, case: Case) -> None:
        """Due date from acceptance, the source's period, extensions and suspensions."""
        if case.accepted_on is None:
            case.due_on = None
            return
        period = self.settings.period_for(case.source)
        base = mediation_due(case.accepted_on, period, self.settings.calendar(),
                             extended_days=case.extended_days)
        case.base_due_on = base.due
        case.due_on = mediation_due(case.accepted_on, period, self.settings.calendar(),
                                    extended_days=case.extended_days,
                                    suspended_days=case.suspended_days).due

    def window_check(self, due: date | None, on: date, *, accept_estimated: bool, what: str,
                     rule: str, code: str = "deadline_passed") -> str:
        """Check that ``on`` is within a deadline that blocks an action.

        Past an official deadline: refused (DomainError). Past a deadline that depends on an
        estimated holiday year: never refused — NeedsConfirmation unless the user accepted
        the warning, then the warning text is returned for the operation to record.
        Within the deadline: ''.
        """
        if due is None or on <= due:
            return ""
        cal = self.settings.calendar()
        if not cal.due_is_estimated(due):
            raise DomainError(f"{what}已过：{rule}（截至{format_cn_date(due)}）。",
                              code=code)
        warning = (f"{what}按推算的节假日安排为{format_cn_date(due)}，{due.year}年的放假安排"
                   "尚未录入或下发，期限可能有误")
        if not accept_estimated:
            raise NeedsConfirmation(f"{warning}。请核对国务院当年的节假日通知；确认仍要继续吗？",
                                    code="deadline_estimated")
        return warning

    def today(self) -> date:
        return self.store.today()


COURT_RESULTS = frozenset({Action.JC_CONFIRM.value, Action.JC_REJECT.value,
                           Action.JC_WITHDRAW.value, Action.RECORD_FILING.value})
ANY_DESK = frozenset({"reveal_identifiers"})  # reads, audited, change no record


def desk_may_not(store: Store, case: Case, action: str) -> str:
    """Why this desk may not make ``action`` on ``case`` ('' when it may)."""
    if action in ANY_DESK:
        return ""
    me = store.directory.self_center()
    kind = desk_kind(store)
    court_case = case.source.court_related
    if kind == "court":
        if me is not None and case.center_id != me.id and \
                action not in COURT_RESULTS | {"add_attachment"}:
            return ("这件案件由调解组织办理，法院联络台只能录入法院的结果（司法确认裁定、立案）"
                    "和添加法院的材料；其他内容请由调解组织修改，随交换文件传来。")
        return ""
    if action in COURT_RESULTS and court_case:
        if kind == "field":
            return "法院委派、委托案件的法院结果请在中心录入，外出调解笔记本不能录入。"
        courts = [t for t in store.exchange.trusted() if t["kind"] == "court" and not t["revoked"]]
        if courts:
            return (f"本中心与{courts[0]['name']}交换数据：法院委派、委托案件的司法确认和立案结果"
                    "由法院联络台录入，随法院的交换文件自动更新。")
    if kind == "field" and action == "assign_mediators":
        return "指派调解员由中心主任在中心办理，外出调解笔记本不能指派。"
    return ""
