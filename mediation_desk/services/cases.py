"""The case service: every business operation on a case, one transaction each."""

from __future__ import annotations

from datetime import date

from ..domain.deadlines import DeadlineState, deadline_state
from ..domain.models import Agreement, Attachment, Case, CaseEvent
from ..domain.queries import CaseFilter, CaseRow, CaseSort, DashboardCounts
from ..domain.state_machine import Action, allowed_actions, why_not
from ..storage import audit, case_queries, items
from .intake import IntakeOps
from .mediation import MediationOps
from .outcomes import OutcomeOps


class CaseService(IntakeOps, MediationOps, OutcomeOps):
    """Use cases on cases, plus the read queries the screens need."""

    # -- reads --------------------------------------------------------------
    def list(self, flt: CaseFilter = CaseFilter(), *, sort: CaseSort = CaseSort(),
             offset: int = 0, limit: int = 100) -> list[CaseRow]:
        """One page of case rows."""
        return case_queries.list_cases(self.store.db, flt, today=self.today(), sort=sort,
                                       offset=offset, limit=limit)

    def count(self, flt: CaseFilter = CaseFilter(), *, cap: int | None = None) -> int:
        """How many cases match (counting stops at ``cap`` when given)."""
        return case_queries.count_cases(self.store.db, flt, today=self.today(), cap=cap)

    def parties_of(self, case_ids: list[str]):
        """Parties of several cases."""
        return case_queries.parties_of(self.store.db, case_ids)

    def dashboard(self) -> DashboardCounts:
        """Counts for today."""
        return case_queries.dashboard_counts(self.store.db, today=self.today(),
                                             warn_days=self.settings.due_soon_days)

    def awaiting_jc(self, limit: int = 100) -> list[CaseRow]:
        return case_queries.awaiting_jc(self.store.db, today=self.today(), limit=limit)

    def follow_ups_due(self, limit: int = 100) -> list[CaseRow]:
        return case_queries.follow_ups_due(self.store.db, today=self.today(), limit=limit)

    def events(self, case_id: str) -> list[CaseEvent]:
        return items.events_of(self.store.db, case_id)

    def agreement(self, case_id: str) -> Agreement | None:
        return items.agreement_of(self.store.db, case_id)

    def attachments(self, case_id: str) -> list[Attachment]:
        return items.attachments_of(self.store.db, case_id)

    def attachment_content(self, attachment: Attachment) -> bytes | None:
        return items.blob(self.store.db, attachment.sha256)

    def history(self, case_id: str) -> list[dict]:
        """The audit rows of a case."""
        return audit.case_history(self.store.db, case_id)

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

    def allowed(self, case: Case) -> list[Action]:
        """Actions allowed now."""
        return allowed_actions(self.facts(case))

    def why_not(self, case: Case, action: Action) -> str | None:
        """Why an action is not allowed now (None if it is)."""
        return why_not(self.facts(case), action)
