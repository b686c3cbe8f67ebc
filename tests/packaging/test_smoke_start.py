"""The GUI start a smoke test uses (issue 16, the installer's Wine run): started with no
display and no QT_* variable (Wine drops them) but MEDIATION_DESK_QT_PLATFORM=offscreen,
logged in from MEDIATION_DESK_USER / MEDIATION_DESK_PASSWORD, it prints its first case rows
and exits 0; where it would need a person it says why and exits non-zero instead of waiting.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO_LOGIN = {"MEDIATION_DESK_USER": "演示主任", "MEDIATION_DESK_PASSWORD": "demo"}


def start(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("QT_", "MEDIATION_DESK_")) and k not in ("DISPLAY",
                                                                            "WAYLAND_DISPLAY")}
    clean.update(env, MEDIATION_DESK_HOME=str(home), MEDIATION_DESK_QT_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "mediation_desk", *args], cwd=ROOT,
                          env=clean, capture_output=True, text=True, encoding="utf-8",
                          timeout=300)


def rows(out: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in out.stdout.splitlines() if line.startswith(("ROWS", "FIRST_ROWS"))]


def test_a_fresh_demo_shows_its_first_rows_and_exits(tmp_path: Path):
    out = start("--demo", "--demo-cases", "200", "--exit-after-first-rows", home=tmp_path,
                **DEMO_LOGIN)
    assert out.returncode == 0, out.stderr
    shown = rows(out)
    assert len(shown) == 2 and shown[0].startswith("ROWS 200 （"), out.stdout
    assert "调字第" in shown[0] and shown[1].startswith("FIRST_ROWS ")


def test_a_desk_made_by_the_command_line_opens_with_db(tmp_path: Path):
    desk = tmp_path / "演示.db"
    made = start("demo", "--db", str(desk), "--cases", "30", home=tmp_path)
    assert made.returncode == 0, made.stderr
    out = start("--db", str(desk), "--exit-after-first-rows", home=tmp_path, **DEMO_LOGIN)
    assert out.returncode == 0, out.stderr
    assert rows(out)[0].startswith("ROWS 30 ")


@pytest.mark.parametrize("login", [{}, {"MEDIATION_DESK_USER": "演示主任"}],
                         ids=["no login", "no password"])
def test_without_a_login_it_says_so_instead_of_waiting(tmp_path: Path, login):
    out = start("--demo", "--demo-cases", "20", "--exit-after-first-rows", home=tmp_path,
                **login)
    assert out.returncode == 2
    assert "MEDIATION_DESK_PASSWORD" in out.stderr and not rows(out)
    assert not (tmp_path / "demo").exists()  # refused before building anything


def test_a_wrong_password_is_reported_not_shown(tmp_path: Path):
    desk = tmp_path / "desk.db"
    assert start("demo", "--db", str(desk), "--cases", "5", home=tmp_path).returncode == 0
    out = start("--db", str(desk), "--exit-after-first-rows", home=tmp_path,
                MEDIATION_DESK_USER="演示主任", MEDIATION_DESK_PASSWORD="wrong")
    assert out.returncode == 1 and "密码不正确" in out.stderr and not rows(out)


def test_a_database_that_needs_the_first_run_dialog_is_refused(tmp_path: Path):
    out = start("--db", str(tmp_path / "new.db"), "--exit-after-first-rows", home=tmp_path,
                **DEMO_LOGIN)
    assert out.returncode == 2 and "mediation-desk init" in out.stderr
    assert not (tmp_path / "new.db").exists()
