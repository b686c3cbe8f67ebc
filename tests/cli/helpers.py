"""Desks a person logs in to, for the tests that run the command line in this process.

``login_desk`` makes an encrypted desk through ``services.auth.create_desk`` (as ``init``
does) with its director :data:`ACTOR`; ``add_account`` adds another account;
``login_as`` sets the environment the command line logs in from.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest

from mediation_desk.domain.access import Account, Role
from mediation_desk.domain.enums import CenterKind
from mediation_desk.domain.models import Case, Mediator
from mediation_desk.services import exchange
from mediation_desk.services.auth import AccountService, create_desk, login
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.storage.store import Store
from tests.conftest import case_input
from tests.exchange.helpers import ACTOR, db_digest

PASSWORD = "test-pass-2026"
"""Every test account's password (above the policy's minimum)."""

T = TypeVar("T")

LOGIN_ENV = ("MEDIATION_DESK_USER", "MEDIATION_DESK_PASSWORD", "MEDIATION_DESK_NEW_PASSWORD",
             "MEDIATION_DESK_RECOVERY_KEY")


def login_desk(tmp: Path, code: str, kind: str = "center", *, director: str = ACTOR,
               **store_kwargs) -> Store:
    """A fresh encrypted desk ``<code>.db`` with its keys, logged in as its director."""
    store, _recovery = create_desk(tmp / f"{code}.db", director_name=director,
                                   password=PASSWORD, code=code, name=f"{code}单位",
                                   kind=CenterKind.COURT if kind == "court" else
                                   CenterKind.CENTER, number_prefix="测", **store_kwargs)
    exchange.ensure_desk_keys(store)
    return store


def add_account(store: Store, name: str, role: Role, *, mediator_id: str | None = None,
                ) -> Account:
    """Another account on a director's store, with :data:`PASSWORD`."""
    return AccountService(store).create(name, role, PASSWORD, mediator_id=mediator_id)


def login_as(monkeypatch: pytest.MonkeyPatch, user: str | None = ACTOR,
             password: str | None = PASSWORD) -> None:
    """The command line's login for the rest of the test (None: not set)."""
    for name, value in (("MEDIATION_DESK_USER", user), ("MEDIATION_DESK_PASSWORD", password)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


def with_login(desk: Path, fn: Callable[[Store], T]) -> T:
    """``fn(store)`` on ``desk`` logged in as its director; the store closed after."""
    store = login(desk, ACTOR, PASSWORD)
    try:
        return fn(store)
    finally:
        store.close()


def register_mediating(store: Store, **fields: Any) -> tuple[CaseService, Case]:
    """A case (``case_input(**fields)``) registered 2 February, accepted 3 February and
    assigned to 周明: the case service and the case."""
    svc = CaseService(store)
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    c = svc.register(ACTOR, case_input(received_on="2026-02-02", **fields))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [m.id])
    return svc, c


def on_the_case(desk: Path, fn: Callable[[CaseService, str], T]) -> T:
    """``fn(case service, case id)`` for the desk's one case, logged in as its director."""
    def call(store: Store) -> T:
        svc = CaseService(store)
        [row] = svc.list()
        return fn(svc, row.id)
    return with_login(desk, call)


def digest_of(desk: Path) -> Any:
    """The database's contents digest (``tests.exchange.helpers.db_digest``)."""
    return with_login(desk, db_digest)
