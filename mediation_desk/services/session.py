"""What lives on the database thread: the writer and reader stores and the services on them.

A :class:`DeskSession` is made and used only on the door's thread (:mod:`.door`). Writes go
through ``session.cases`` / ``session.mediators`` (the writer connection: each operation one
``BEGIN IMMEDIATE`` transaction with its audit row); list, search and dashboard queries go
through ``session.read_cases`` / ``session.read_mediators`` on the reader connection, each
call inside one read transaction (a snapshot), so a page never mixes two states.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from ..domain.access import Account
from ..domain.errors import DomainError
from ..storage.store import Store
from .access import login_store
from .cases import CaseService
from .desk import MediatorService

T = TypeVar("T")


@dataclass
class DeskSession:
    """The open database of a desk, as the database thread holds it."""

    store: Store
    reader_store: Store
    cases: CaseService
    mediators: MediatorService
    read_cases: CaseService
    read_mediators: MediatorService

    @classmethod
    def open(cls, path: str | Path, *, clock: Callable[[], datetime] | None = None,
             key: bytes | None = None, account: Account | None = None) -> DeskSession:
        """Open the writer (migrating if needed) and then the reader connection.

        ``key`` and ``account`` come from a login (services/auth.py): both connections are
        keyed, and the account is the principal of both (its role guards every operation).
        The account is read again from the opened database: a role changed or an account
        deactivated since the login counts.
        """
        kw: dict[str, Any] = {"clock": clock} if clock is not None else {}
        store = Store.open(path, key=key, **kw)
        try:
            reader = Store.open(path, key=key, **kw)
        except BaseException:
            store.close()
            raise
        if account is not None:
            current = store.accounts.get(account.id)
            if current is None or not current.active:
                reader.close()
                store.close()
                raise DomainError("这个账户已停用或不存在，不能登录。请联系中心主任。",
                                  code="account_inactive")
            login_store(store, current)
            login_store(reader, current)
        return cls(store=store, reader_store=reader, cases=CaseService(store),
                   mediators=MediatorService(store), read_cases=CaseService(reader),
                   read_mediators=MediatorService(reader))

    def read(self, fn: Callable[[DeskSession], T]) -> T:
        """Run ``fn`` inside one read transaction of the reader connection."""
        with self.reader_store.snapshot():
            return fn(self)

    def data_version(self) -> int:
        """Changes when another connection (another program) commits to the file."""
        return self.store.changes.data_version()

    def reload_settings(self) -> None:
        """Settings or the holiday calendar changed: every service reloads them."""
        for svc in (self.cases, self.read_cases):
            svc.reload_settings()

    def close(self) -> None:
        self.reader_store.close()
        self.store.close()
