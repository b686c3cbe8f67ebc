"""Shared fixtures: a fresh initialised database per test, a fixed clock."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from tests.inputs import case_input, party  # noqa: F401  (the tests import them from here)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXED_NOW = datetime(2026, 3, 2, 10, 30).astimezone()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Logs and user data go to a temporary folder, never the real profile."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MEDIATION_DESK_HOME", str(home))
    return home


class Clock:
    """A settable clock for the store."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.db"


@pytest.fixture
def store(db_path: Path, clock: Clock):
    from mediation_desk.services.desk import init_desk

    s = init_desk(db_path, code="ZD-MS", name="马尚街道调解中心", number_prefix="马尚",
                  linked_court="张店区人民法院", clock=clock)
    yield s
    s.close()


def pytest_collection_modifyitems(config, items) -> None:
    """The long tests (marked ``slow``) first, in their order, then the rest in theirs.

    With ``pytest -n auto`` every worker starts on a long one and the short ones fill in
    behind them, instead of a long test being handed out last and running alone at the end.
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
