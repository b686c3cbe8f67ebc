"""What every screen receives: the services, the acting user and the task runner.

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

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # keep importing this module cheap
    from datetime import date

    from ..domain.models import Center
    from ..services.door import Door
    from ..services.session import DeskSession
    from ..services.settings import Settings
    from ..storage.store import Store
    from .tasks import TaskRunner

T = TypeVar("T")


def default_actor() -> str:
    """The acting user's name until login exists: the OS account name."""
    try:
        return getpass.getuser() or "调解员"
    except Exception:  # noqa: BLE001 - no user name on some systems
        return "调解员"


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
        self.actor = actor
        self.path = path
        session = door.session
        self.cases: Any = Bound(door, session.cases)
        self.mediators: Any = Bound(door, session.mediators)
        self.read_cases: Any = Bound(door, session.read_cases, around=self._snapshot)
        self.read_mediators: Any = Bound(door, session.read_mediators, around=self._snapshot)
        self.open_case: Callable[[str], None] = lambda case_id: None
        # called after anything saved that lists/counts should reflect
        self.data_changed: Callable[[], None] = lambda: None
        tasks.attach(door)

    def _snapshot(self, fn: Callable[[], T]) -> T:
        with self.door.session.reader_store.snapshot():
            return fn()

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

    @classmethod
    def open(cls, path: str | Path, tasks: TaskRunner, *, actor: str | None = None,
             clock: Callable | None = None) -> Services:
        """Open the database at ``path`` on a new database thread (writer and reader)."""
        from ..services.door import Door
        from ..services.session import DeskSession

        door: Door[DeskSession] = Door(lambda: DeskSession.open(path, clock=clock),
                                       lambda s: s.close())
        return cls(door, tasks, actor=actor or default_actor(), path=Path(path))
