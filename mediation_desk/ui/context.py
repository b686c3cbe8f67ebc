"""What every screen receives: the services, the acting user and the task runner.

Screens get a :class:`Services` in their constructor (never a global). Shared
contract with the case-detail and registration screens::

    RegisterCaseDialog(services, parent=None)    # exec() -> Accepted; .created_case_id
    CaseDetailWidget(services, case_id, parent=None)  # Signal changed(str); maybe_close() -> bool
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keep importing this module cheap
    from ..domain.models import Center
    from ..services.cases import CaseService
    from ..services.desk import MediatorService
    from ..services.settings import Settings
    from ..storage.store import Store
    from .tasks import TaskRunner


def default_actor() -> str:
    """The acting user's name until login exists: the OS account name."""
    try:
        return getpass.getuser() or "调解员"
    except Exception:  # noqa: BLE001 - no user name on some systems
        return "调解员"


@dataclass
class Services:
    """The application's services as the screens see them.

    ``cases`` and ``mediators`` run on the GUI thread (short writes, one case's
    reads). ``reader`` is a :class:`CaseService` over a second connection that
    only the task runner's worker uses, for list/search/dashboard queries, so
    the GUI thread never waits on them.
    """

    store: Store
    cases: CaseService
    mediators: MediatorService
    tasks: TaskRunner
    actor: str = field(default_factory=default_actor)
    reader: CaseService | None = None
    open_case: Callable[[str], None] = lambda case_id: None
    # called after anything saved that lists/counts should reflect
    data_changed: Callable[[], None] = lambda: None
    _read_mediators: MediatorService | None = field(default=None, repr=False)

    @property
    def db_path(self) -> Path | None:
        return self.store.path

    @property
    def read_cases(self) -> CaseService:
        """The service to query from background tasks."""
        return self.reader or self.cases

    @property
    def read_mediators(self) -> MediatorService:
        """Roster queries for background tasks (over the reader connection)."""
        from ..services.desk import MediatorService

        if self.reader is None:
            return self.mediators
        if self._read_mediators is None:
            self._read_mediators = MediatorService(self.reader.store)
        return self._read_mediators

    def load_settings(self) -> Settings:
        from ..services.settings import load_settings

        return load_settings(self.store)

    def save_settings(self, settings: Settings) -> None:
        """Save (audited) and make every service pick the new values up."""
        from ..services.settings import save_settings

        save_settings(self.store, self.actor, settings)
        self.cases.reload_settings()
        if self.reader is not None:
            self.reader.reload_settings()

    def calendar_changed(self) -> None:
        """A holiday notice changed: deadlines on every screen use the new calendar."""
        self.cases.reload_settings()
        if self.reader is not None:
            self.reader.reload_settings()
        self.data_changed()

    def center(self) -> Center | None:
        """This desk's own center."""
        from ..storage import directory

        return directory.self_center(self.store.db)

    def close(self) -> None:
        self.tasks.shutdown()
        if self.reader is not None:
            self.reader.store.close()
        self.store.close()

    @classmethod
    def open(cls, path: str | Path, tasks: TaskRunner, *, actor: str | None = None,
             clock: Callable | None = None) -> Services:
        """Open the database at ``path`` with a main and a reader connection."""
        from ..services.cases import CaseService
        from ..services.desk import MediatorService
        from ..storage.store import Store

        kw = {"clock": clock} if clock is not None else {}
        store = Store.open(path, check_same_thread=False, **kw)
        try:
            reader_store = Store.open(path, check_same_thread=False, **kw)
        except BaseException:
            store.close()
            raise
        return cls(store=store, cases=CaseService(store), mediators=MediatorService(store),
                   tasks=tasks, actor=actor or default_actor(),
                   reader=CaseService(reader_store))
