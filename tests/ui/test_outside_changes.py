"""The window notices writes made by another program (the command line) and refreshes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from mediation_desk.ui.main_window import MainWindow
from tests.conftest import case_input
from tests.ui.conftest import DIRECTOR, DIRECTOR_PASSWORD


def test_a_cli_write_shows_up_in_the_open_window(qtbot, services, db_path, tmp_path):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.start()
    window.show()
    model = window.cases.model
    assert model.rowCount() == 0
    f = tmp_path / "in.json"
    f.write_text(json.dumps({"cases": [case_input()]}, ensure_ascii=False), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "mediation_desk", "add", "--db", str(db_path),
                        "--json", str(f)], capture_output=True, text=True, timeout=120,
                       env=os.environ | {"MEDIATION_DESK_USER": DIRECTOR,
                                         "MEDIATION_DESK_PASSWORD": DIRECTOR_PASSWORD})
    assert r.returncode == 0, r.stderr
    window.check_outside_changes()  # the 2-second timer's tick
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
    assert "其他程序" in window.statusBar().currentMessage()


def test_own_saves_do_not_count_as_outside_changes(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.start()
    services.cases.register("测试员", case_input())
    window.check_outside_changes()
    assert window.statusBar().currentMessage() == ""
