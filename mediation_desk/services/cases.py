"""The case service: every business operation on a case, one transaction each."""

from __future__ import annotations

import builtins
from datetime import date
from typing import Any

from ..domain.deadlines import DeadlineState, deadline_state
from ..domain.models import Agreement, Attachment, Case, CaseEvent, Party
from ..domain.paging import CaseCursor, CasePage
from ..domain.queries import CaseFilter, CaseRow, CaseSort, DashboardCounts
from ..domain.state_machine import Action, allowed_actions, why_not
from .access import case_why_not
from .base import desk_may_not
from .corrections import CorrectionOps
from .intake import IntakeOps
from .mediation import MediationOps
from .outcomes import OutcomeOps

_EVERY_CASE = CaseFilter()
_DEFAULT_SORT = CaseSort()


class CaseService(IntakeOps, MediationOps, OutcomeOps, CorrectionOps):
    """Use cases on cases, plus the read queries the screens need."""

    # -- reads --------------------------------------------------------------
    # `list` is a method here, so annotations in the class body name builtins.list
    def list(self, flt: CaseFilter = _EVERY_CASE, *, sort: CaseSort = _DEFAULT_SORT,
             offset: int = 0, limit: int = 100) -> builtins.list[CaseRow]:
        """One page of case rows."""
        return self.store.cases.page(flt, sort, today=self.today(), offset=offset,
                                     limit=limit)

    def page(self, flt: CaseFilter = _EVERY_CASE, *, sort: CaseSort = _DEFAULT_SORT,
             after: CaseCursor | None = None, limit: int = 100) -> CasePage:
        """The page of case rows after ``after`` (the first page without it): the case
        list pages by keyset, so a deep page costs what the first does."""
        return self.store.cases.keyset_page(flt, sort, today=self.today(), after=after,
                                            limit=limit)

    def count(self, flt: CaseFilter = _EVERY_CASE, *, cap: int | None = None) -> int:
        """How many cases match (counting stops at ``cap`` when given)."""
        return self.store.cases.count(flt, today=self.today(), cap=cap)

    def parties_of(self, case_ids: builtins.list[str]) -> dict[str, builtins.list[Party]]:
        """Parties of several cases."""
        return self.store.cases.parties_of(case_ids)

    def dashboard(self) -> DashboardCounts:
        """Counts for today."""
        return self.store.cases.dashboard(today=self.today(),
                                          warn_days=self.settings.due_soon_days)

    def awaiting_jc(self, limit: int = 100) -> builtins.list[CaseRow]:
        return self.store.cases.awaiting_jc(today=self.today(), limit=limit)

    def follow_ups_due(self, limit: int = 100) -> builtins.list[CaseRow]:
        return self.store.cases.follow_ups_due(today=self.today(), limit=limit)

    def events(self, case_id: str) -> builtins.list[CaseEvent]:
        return self.store.items.events_of(case_id)

    def agreement(self, case_id: str) -> Agreement | None:
        return self.store.items.agreement_of(case_id)

    def attachments(self, case_id: str) -> builtins.list[Attachment]:
        return self.store.items.attachments_of(case_id)

    def attachment_content(self, attachment: Attachment) -> bytes | None:
        return self.store.items.blob(attachment.sha256)

    def history(self, case_id: str) -> builtins.list[dict[str, Any]]:
        """The audit rows of a case."""
        return self.store.audit.case_history(case_id)

    def deadline(self, case: Case | CaseRow) -> DeadlineState:
        """Deadline state of a case today."""
        suspended = getattr(case, "suspended", False) or bool(
            getattr(case, "suspended_since", None))
        running = case.status.value in ("accepted", "mediating", "suspended")
        due = case.due_on if running else None
        estimated = due is not None and self.settings.calendar().due_is_estimated(due)
        return deadline_state(due, self.today(), self.settings.due_soon_days,
                              suspended=suspended, estimated=estimated)

    def jc_window(self, case: Case) -> tuple[date, bool] | None:
        """The last day to apply for judicial confirmation while it is open, and whether it
        depends on an estimated holiday year; None when no window is running."""
        if case.jc_due_on is None or case.status.value not in ("agreed", "jc_withdrawn"):
            return None
        return case.jc_due_on, self.settings.calendar().due_is_estimated(case.jc_due_on)

    def allowed(self, case: Case) -> builtins.list[Action]:
        """Actions allowed now: by the state machine, this desk owning the change, and the
        logged-in account's role and case scope (docs/permissions.md)."""
        return [a for a in allowed_actions(self.facts(case))
                if not desk_may_not(self.store, case, operation_name(a))
                and not case_why_not(self.store, case, operation_name(a))]

    def why_not(self, case: Case, action: Action) -> str | None:
        """Why an action is not allowed now (None if it is): the account's role or case
        scope first (what the user can do nothing about at this desk), then the case's state,
        then this desk's ownership of the change."""
        operation = operation_name(action)
        return case_why_not(self.store, case, operation) or why_not(self.facts(case), action) \
            or desk_may_not(self.store, case, operation) or None

    def may_reveal(self, case: Case) -> bool:
        """Whether the logged-in account may ask for ``case``'s full ID and phone numbers."""
        return not case_why_not(self.store, case, "reveal_identifiers")


OPERATIONS: dict[Action, str] = {
    Action.ACCEPT: "accept_case", Action.NOT_ACCEPT: "not_accept_case",
    Action.ASSIGN: "assign_mediators", Action.SUSPEND: "suspend_case",
    Action.RESUME: "resume_case", Action.EXTEND: "extend_case",
    Action.TERMINATE: "terminate_case",
}
"""The audit action of a state-machine action whose service records another name."""


def operation_name(action: Action) -> str:
    """The operation (audit action, MATRIX key) an action's service method records."""
    return OPERATIONS.get(action, action.value)
