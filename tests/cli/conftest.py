"""The command line as a user runs it: a subprocess per verb, a fresh desk per test.

``run`` logs in as the desk's director (MEDIATION_DESK_USER / MEDIATION_DESK_PASSWORD) unless
told otherwise. The ``desk`` fixture is a copy of one encrypted desk made once per session,
as ``init`` makes it (``tests/cli/test_accounts_cli.py`` runs ``init`` itself): a copy costs
no Argon2id, an ``init`` per test would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import LOGIN_ENV, PASSWORD
from tests.exchange.helpers import ACTOR
from tests.forkserver import ForkServer

USER = ACTOR
LOGIN = {"MEDIATION_DESK_USER": USER, "MEDIATION_DESK_PASSWORD": PASSWORD}
"""The environment of a subprocess logged in as the desk's director."""
DEMO = {"user": "演示主任", "password": "demo"}
"""``run(..., **DEMO)``: logged in to a demo database."""


def run(*args: str, home: Path, user: str | None = USER, password: str | None = PASSWORD,
        env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    """``mediation-desk ARGS`` in a subprocess, logged in as ``user`` (None: no login)."""
    full = {k: v for k, v in os.environ.items() if k not in LOGIN_ENV}
    full["MEDIATION_DESK_HOME"] = str(home)
    if user is not None:
        full["MEDIATION_DESK_USER"] = user
    if password is not None:
        full["MEDIATION_DESK_PASSWORD"] = password
    full.update(env or {})
    if kw or not hasattr(os, "fork"):
        return subprocess.run([sys.executable, "-m", "mediation_desk", *args],
                              capture_output=True, text=True, env=full, timeout=120, **kw)
    return _cli().run(*args, env=full, timeout=120)


_server: list[ForkServer] = []


def _cli() -> ForkServer:
    """``python -m mediation_desk`` forked from a process that has imported the command line
    (tests/forkserver.py): still a process per verb, without a second of imports each."""
    if not _server:
        _server.append(ForkServer("mediation_desk", preload=("mediation_desk.cli",)))
    return _server[0]


@pytest.fixture(scope="session", autouse=True)
def _stop_cli_server():
    yield
    while _server:
        _server.pop().close()


@pytest.fixture(autouse=True)
def _no_login_from_outside(monkeypatch):
    """A developer's own MEDIATION_DESK_USER/PASSWORD never reach a test."""
    for name in LOGIN_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def home(tmp_path):
    return tmp_path


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory) -> tuple[Path, bytes]:
    """One encrypted desk ZD-MS 马尚调解中心 (director :data:`USER`) and its data key."""
    from mediation_desk.services.auth import create_desk
    from mediation_desk.services.exchange import ensure_desk_keys

    folder = tmp_path_factory.mktemp("template")
    store, _recovery = create_desk(folder / "c.db", director_name=USER, password=PASSWORD,
                                   code="ZD-MS", name="马尚调解中心", number_prefix="马尚")
    try:
        ensure_desk_keys(store)
        key = store.key
    finally:
        store.close()
    assert key is not None
    return folder / "c.db", key


def copy_desk(template: Path, target: Path) -> Path:
    """The desk's database and key file copied to ``target``."""
    from mediation_desk.security.keyfile import keyfile_path

    shutil.copyfile(template, target)
    shutil.copyfile(keyfile_path(template), keyfile_path(target))
    return target


@pytest.fixture
def desk(tmp_path, desk_template):
    return copy_desk(desk_template[0], tmp_path / "c.db")


@pytest.fixture
def desk_key(desk_template) -> bytes:
    """The data key of every copy of the desk (to read it from outside the program)."""
    return desk_template[1]


def demo_key(db: Path) -> bytes:
    """The data key of a demo database (its director's login)."""
    from mediation_desk.services.auth import unlock

    return unlock(db, DEMO["user"], DEMO["password"])[1]


def connect(db: Path, key: bytes):
    """A raw connection to an encrypted desk, as another program with the key would open it
    (the app's own SQLite: one copy per process)."""
    from mediation_desk.storage.connection import connect as app_connect

    return app_connect(db, key=key)
