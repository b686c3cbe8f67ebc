"""GUI test fixtures: offscreen Qt, Chinese interface, a fresh database per test."""

from __future__ import annotations

import functools
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from mediation_desk.domain.access import Account, Role  # noqa: E402
from mediation_desk.security.keyfile import keyfile_path  # noqa: E402

DEMO_CACHE = Path(os.environ.get("MEDIATION_DESK_TEST_CACHE", "/tmp/mediation-desk-cache"))
BIG_SEED = 7
BIG_CASES = 100_000


PATIENCE_MS = 60_000
"""How long a GUI test waits for what it expects (pytest-qt gives up after 5 s by default)."""


@pytest.fixture
def qtbot(qtbot):
    """pytest-qt's ``qtbot`` whose waits give up after a minute instead of 5 s.

    A wait ends as soon as its condition holds, so a passing test is no slower; only a
    machine busy with other work (two cores, the whole suite) no longer fails a test that
    was merely slow. A test that names its own ``timeout=`` keeps it.
    """
    for name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback", "waitActive",
                 "waitExposed"):
        setattr(qtbot, name, functools.partial(getattr(qtbot, name), timeout=PATIENCE_MS))
    return qtbot


@pytest.fixture(scope="session", autouse=True)
def collect_on_the_gui_thread(qapp):
    """As the application does (ui/garbage.py): no automatic cycle collection, which could
    run on the database door's thread and destroy Qt objects there; collect between tests."""
    from mediation_desk.ui.garbage import GarbageCollector

    collector = GarbageCollector(qapp).start()
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def _collect_after_each_test(collect_on_the_gui_thread):
    yield
    import gc

    gc.collect()


@pytest.fixture(autouse=True)
def chinese(qapp):
    """The default interface language (zh_CN) for every GUI test."""
    from mediation_desk.ui import i18n

    i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "zh_CN")


DIRECTOR, DIRECTOR_PASSWORD = "测试主任", "correct horse 1"
MEDIATOR, READONLY, TEAM_PASSWORD = "周明", "检查员", "mediator pass 1"


@dataclass
class Desk:
    """An encrypted desk made once per test session (Argon2id is slow on purpose) and copied
    into each test's folder: the data key and the accounts to log in with."""

    path: Path
    key: bytes
    accounts: dict[str, Account]
    recovery_key: str

    def copy_to(self, target: Path) -> Path:
        shutil.copyfile(self.path, target)
        shutil.copyfile(keyfile_path(self.path), keyfile_path(target))
        return target


def _make_desk(folder: Path, team: bool) -> Desk:
    from mediation_desk.domain.models import Mediator
    from mediation_desk.services.auth import AccountService, create_desk
    from mediation_desk.services.desk import MediatorService

    from ..conftest import FIXED_NOW

    path = folder / "desk.db"
    store, recovery = create_desk(path, director_name=DIRECTOR, password=DIRECTOR_PASSWORD,
                                  code="ZD-MS", name="马尚街道调解中心", number_prefix="马尚",
                                  linked_court="张店区人民法院", clock=lambda: FIXED_NOW)
    try:
        assert store.principal is not None and store.key is not None
        accounts = {DIRECTOR: store.principal}
        if team:
            roster = MediatorService(store).save(DIRECTOR, Mediator(center_id="", name=MEDIATOR))
            service = AccountService(store)
            accounts[MEDIATOR] = service.create(MEDIATOR, Role.MEDIATOR, TEAM_PASSWORD,
                                                mediator_id=roster.id)
            accounts[READONLY] = service.create(READONLY, Role.READONLY, TEAM_PASSWORD)
        key = store.key
    finally:
        store.close()
    return Desk(path, key, accounts, recovery)


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory) -> Desk:
    """A new encrypted desk with only its director (the state after the first-run dialog)."""
    return _make_desk(tmp_path_factory.mktemp("desk"), team=False)


@pytest.fixture(scope="session")
def team_template(tmp_path_factory) -> Desk:
    """A desk with a director, a mediator on the roster with an account, and a read-only
    account (passwords DIRECTOR_PASSWORD and TEAM_PASSWORD)."""
    return _make_desk(tmp_path_factory.mktemp("team"), team=True)


def _open(path: Path, desk: Desk, name: str, clock):
    from mediation_desk.ui.context import Services
    from mediation_desk.ui.tasks import TaskRunner

    return Services.open(path, TaskRunner(synchronous=True), key=desk.key,
                         account=desk.accounts[name], clock=clock)


def _close(*opened) -> None:
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():  # no late query on a closed database
        widget.close()
    QApplication.processEvents()
    for s in opened:
        s.close()


@pytest.fixture
def services(db_path: Path, clock, qapp, desk_template: Desk):
    """Services over a fresh encrypted desk, logged in as its director (测试主任); tasks run
    synchronously."""
    s = _open(desk_template.copy_to(db_path), desk_template, DIRECTOR, clock)
    yield s
    _close(s)


@pytest.fixture
def team(db_path: Path, team_template: Desk) -> Desk:
    """This test's copy of the team desk (director, mediator 周明, read-only 检查员)."""
    team_template.copy_to(db_path)
    return Desk(db_path, team_template.key, team_template.accounts,
                team_template.recovery_key)


@pytest.fixture
def team_services(team: Desk, clock, qapp):
    """Open ``team`` as any of its accounts: ``team_services(name)`` (closed at the end)."""
    opened = []

    def open_as(name: str):
        opened.append(_open(team.path, team, name, clock))
        return opened[-1]

    yield open_as
    _close(*opened)


@pytest.fixture
def director_services(team_services):
    return team_services(DIRECTOR)


@pytest.fixture
def mediator_services(team_services):
    return team_services(MEDIATOR)


@pytest.fixture
def readonly_services(team_services):
    return team_services(READONLY)


def demo_database(cases: int, seed: int) -> Path:
    """A demo database built once and cached under /tmp, keyed by size, seed and schema
    (``services.demo.cached_demo``).

    It is encrypted like every desk: open it by logging in (``services.demo.demo_login``
    gives what ``auth.unlock`` gives, ``open_demo`` a logged-in store).
    """
    from filelock import FileLock

    from mediation_desk.services.demo import cached_demo

    started = time.perf_counter()
    DEMO_CACHE.mkdir(parents=True, exist_ok=True)
    # the suite runs on several workers (pytest -n auto): one builds, the others wait for it
    with FileLock(str(DEMO_CACHE / f"demo-{cases}-seed-{seed}.lock")):
        path = cached_demo(DEMO_CACHE, cases, seed)
    if time.perf_counter() - started > 5:
        print(f"built {path} in {time.perf_counter() - started:.0f} s")
    return path


def big_demo() -> Path:
    """The 100,000-case demo database, built when the cache lacks it (``.ci/run`` builds it
    beside the static gates, before the tests start)."""
    return demo_database(BIG_CASES, BIG_SEED)


@pytest.fixture(scope="session")
def big_db() -> Path:
    """The 100,000-case demo database (encrypted; log in with ``demo_login``)."""
    return big_demo()


def type_text(qtbot, widget, text: str) -> None:
    """Type like a person: ASCII with key clicks, Chinese as an input method commits it."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
