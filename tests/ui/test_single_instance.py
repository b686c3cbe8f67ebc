"""A second start on the same database brings the first window forward instead."""

from __future__ import annotations

import subprocess
import sys

from mediation_desk.ui.single_instance import SingleInstance, server_name

ASK = ("import sys; from PySide6.QtCore import QCoreApplication; "
       "from mediation_desk.ui.single_instance import ask_running; "
       "app = QCoreApplication([]); print(ask_running(sys.argv[1]))")


def test_second_start_is_told_which_window_has_the_file(qtbot, tmp_path):
    db = tmp_path / "desk.db"
    raised: list[int] = []
    first = SingleInstance(db, lambda: (raised.append(1), "调解工作台，desk.db")[1])
    try:
        assert first.claim() is None
        proc = subprocess.Popen([sys.executable, "-c", ASK, server_name(db)],
                                stdout=subprocess.PIPE, text=True)
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=15_000)
        out, _ = proc.communicate()
        assert out.strip() == "调解工作台，desk.db"
        assert raised == [1]
    finally:
        first.release()


def test_other_files_and_a_released_file_are_free(qtbot, tmp_path):
    a = SingleInstance(tmp_path / "a.db", lambda: "a")
    b = SingleInstance(tmp_path / "b.db", lambda: "b")
    try:
        assert a.claim() is None and b.claim() is None
    finally:
        a.release()
        b.release()
    again = SingleInstance(tmp_path / "a.db", lambda: "a")
    try:
        assert again.claim() is None
    finally:
        again.release()


def test_names_follow_the_resolved_path(tmp_path):
    assert server_name(tmp_path / "x" / ".." / "d.db") == server_name(tmp_path / "d.db")
    assert server_name(tmp_path / "d.db") != server_name(tmp_path / "e.db")
