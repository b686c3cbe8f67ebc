"""Shared fixtures: a fresh initialised database per test, a fixed clock."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

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


def party(role: str = "applicant", name: str = "张三", id_number: str = "",
          phone: str = "", **kw) -> dict:
    d = {"kind": "person", "role": role, "name": name}
    if id_number:
        d["id_number"] = id_number
    if phone:
        d["phone"] = phone
    d.update(kw)
    return d


def case_input(**kw) -> dict:
    d = {
        "source": "party_application",
        "dispute_type": "neighbour",
        "facts": "双方因通道堆放杂物发生争议。",
        "claims": "请求清理杂物。",
        "amount": "3000",
        "parties": [
            party("applicant", "张三", "11010519491231002X", "13812341234", village="马尚村"),
            party("respondent", "李四", "440524188001010014", "13900001111"),
        ],
    }
    d.update(kw)
    return d
