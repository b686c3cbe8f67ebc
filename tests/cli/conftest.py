"""The command line as a user runs it: a subprocess per verb, a fresh desk per test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MEDIATION_DESK_HOME": str(home), "MEDIATION_DESK_ACTOR": "测试员"}
    return subprocess.run([sys.executable, "-m", "mediation_desk", *args], capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture
def home(tmp_path):
    return tmp_path


@pytest.fixture
def desk(tmp_path, home):
    db = tmp_path / "c.db"
    r = run("init", "--db", str(db), "--center-code", "ZD-MS", "--center-name", "马尚调解中心",
            "--prefix", "马尚", home=home)
    assert r.returncode == 0, r.stderr
    return db
