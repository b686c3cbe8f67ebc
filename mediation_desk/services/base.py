"""Shared plumbing of the case services: loading, transitions, status events."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..domain.deadlines import mediation_due
from ..domain.enums import AgreementForm, AgreementScope, CaseStatus, EventKind
from ..domain.errors import NotFoundError
from ..domain.models import Case, CaseEvent
from ..domain.state_machine import Action, CaseFacts, next_status
from ..storage import cases, items
from ..storage.store import Store, Work
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

    def get(self, key: str) -> Case:
        """A case by UUID or number; raises NotFoundError."""
        case = cases.get_case(self.store.db, key)
        if case is None:
            raise NotFoundError("案件", key)
        return case

    def facts(self, case: Case) -> CaseFacts:
        """What the state machine needs to know about ``case``."""
        agreement = items.agreement_of(self.store.db, case.id)
        confirmed = case.status is CaseStatus.JC_CONFIRMED or any(
            e.kind is EventKind.STATUS_CHANGE and e.data.get("to") == CaseStatus.JC_CONFIRMED.value
            for e in items.events_of(self.store.db, case.id))
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

    def today(self) -> date:
        return self.store.today()
