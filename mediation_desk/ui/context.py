"""What every screen receives: the services, the logged-in account and the task runner.

Screens get a :class:`Services` in their constructor (never a global). Shared
contract with the case-detail and registration screens::

    RegisterCaseDialog(services, parent=None)    # exec() -> Accepted; .created_case_id
    CaseDetailWidget(services, case_id, parent=None)  # Signal changed(str); maybe_close() -> bool

The GUI thread never touches SQLite. Every database call goes through the door (one
database thread that owns the connections, :mod:`mediation_desk.services.door`):
``services.cases.accept(...)`` runs there and returns its result; ``services.run(fn)``
runs ``fn(session)`` there; background work (``services.tasks.submit``) runs there and
reports back on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # keep importing this module cheap
    from datetime import date

    from ..domain.access import Account
    from ..domain.models import Case, Center
    from ..services.door import Door
    from ..services.session import DeskSession
    from ..services.settings import Settings
    from ..storage.store import Store
    from .tasks import TaskRunner

T = TypeVar("T")


PROGRAM_ACTOR = "系统"
"""The audit name of a desk opened without a login (only the program itself: tests, demo)."""


class Services:
    """The application's services as the screens see them.

    ``cases`` and ``mediators`` write (and read single records) on the writer connection;
    ``read_cases`` and ``read_mediators`` serve lists, search and counts from the reader
    connection, each call in one read snapshot. All of them run on the database thread.
    """

    def __init__(self, door: Door[DeskSession], tasks: TaskRunner, *, actor: str,
                 path: Path) -> None:
        from ..services.door import Bound

        self.door = door
        self.tasks = tasks
        self.path = path
        session = door.session
        # the logged-in account (None: the program itself); every write names it in the audit
        self.account: Account | None = session.store.principal
        self.actor = self.account.name if self.account is not None else actor
        self.cases: Any = Bound(door, session.cases)
        self.mediators: Any = Bound(door, session.mediators)
        self.read_cases: Any = Bound(door, session.read_cases, around=self._snapshot)
        self.read_mediators: Any = Bound(door, session.read_mediators, around=self._snapshot)
        self._statistics: Any = None
        self.open_case: Callable[[str], None] = lambda case_id: None
        # called after anything saved that lists/counts should reflect
        self.data_changed: Callable[[], None] = lambda: None
        tasks.attach(door)

    def _snapshot(self, fn: Callable[[], T]) -> T:
        with self.door.session.reader_store.snapshot():
            return fn()

    @property
    def statistics(self) -> Any:
        """The statistics service (``services/statistics.py``) on the reader connection: each
        report is computed in one read snapshot, on the database thread."""
        if self._statistics is None:
            from ..services.door import Bound
            from ..services.statistics import StatisticsService

            door = self.door
            service = door.call(lambda: StatisticsService(door.session.reader_store))
            self._statistics = Bound(door, service, around=self._snapshot)
        return self._statistics

    @property
    def store(self) -> Store:
        """The writer store: only usable on the database thread (inside ``run`` or a task)."""
        return self.door.session.store

    @property
    def db_path(self) -> Path | None:
        return self.path

    def run(self, fn: Callable[[DeskSession], T]) -> T:
        """Run ``fn(session)`` on the database thread; return its result or raise its error."""
        return self.door.call(lambda: fn(self.door.session))

    def read(self, fn: Callable[[DeskSession], T]) -> T:
        """Like :meth:`run`, inside one read snapshot of the reader connection."""
        return self.door.call(lambda: self.door.session.read(fn))

    def today(self) -> date:
        """Today by the store's clock."""
        return self.run(lambda s: s.store.today())

    def load_settings(self) -> Settings:
        from ..services.settings import load_settings

        return self.run(lambda s: load_settings(s.store))

    def save_settings(self, settings: Settings) -> None:
        """Save (audited) and make every service pick the new values up."""
        from ..services.settings import save_settings

        def save(s: DeskSession) -> None:
            save_settings(s.store, self.actor, settings)
            s.reload_settings()

        self.run(save)

    def calendar_changed(self) -> None:
        """A holiday notice changed: deadlines on every screen use the new calendar."""
        self.run(lambda s: s.reload_settings())
        self.data_changed()

    def save_copy(self, target: Path) -> Path:
        """A complete copy of the open database at ``target``, made on the database thread
        from the open connection (works after the file itself went away)."""
        return self.run(lambda s: s.store.save_copy(target))

    def center(self) -> Center | None:
        """This desk's own center."""
        return self.run(lambda s: s.store.directory.self_center())

    def close(self) -> None:
        self.tasks.shutdown()
        self.door.close()

    # -- who is logged in, and what their role allows --------------------------------
    @property
    def key(self) -> bytes | None:
        """The data key the login unwrapped (None: an unencrypted desk)."""
        return self.door.session.store.key

    def allowed(self, action: str) -> bool:
        """May the logged-in account run ``action`` (the services' own rule, by audit name)."""
        return not self.why_not(action)

    def why_not(self, action: str) -> str:
        """Why the logged-in account may not run ``action`` here ('' when it may), in
        Chinese: the services' own rule (``services.access.why_not``)."""
        from ..services import access

        if self.account is None:
            return ""
        return self.run(lambda s: access.why_not(s.store, action))

    def case_why_not(self, case: Case, action: str) -> str:
        """Why the logged-in account may not run ``action`` on ``case`` ('' when it may)."""
        from ..services import access

        if self.account is None:
            return ""
        return self.run(lambda s: access.why_not(s.store, action)
                        or access.case_why_not(s.store, case, action))

    @classmethod
    def open(cls, path: str | Path, tasks: TaskRunner, *, key: bytes | None = None,
             account: Account | None = None, clock: Callable | None = None,
             actor: str = PROGRAM_ACTOR) -> Services:
        """Open the database at ``path`` on a new database thread (writer and reader).

        ``key`` and ``account`` come from a login (:mod:`..services.auth`): both connections
        are keyed and the account (read again from the database) guards every operation and
        is the audit's actor. Without an account the program itself opens the desk (tests,
        the demo builder); ``actor`` then names it in the audit.
        """
        from ..services.door import Door
        from ..services.session import DeskSession

        door: Door[DeskSession] = Door(
            lambda: DeskSession.open(path, clock=clock, key=key, account=account),
            lambda s: s.close())
        return cls(door, tasks, actor=actor, path=Path(path))

    @classmethod
    def login(cls, path: str | Path, tasks: TaskRunner, account_id: str, key: bytes, *,
              clock: Callable | None = None) -> Services:
        """Open the desk as the account a login dialog unlocked (``auth.unlock``)."""
        from ..domain.access import Account, Role

        # DeskSession.open reads the account again by its id (role and active as stored now)
        ref = Account(id=account_id, name="", role=Role.READONLY)
        return cls.open(path, tasks, key=key, account=ref, clock=clock)
