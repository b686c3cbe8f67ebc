"""Start-up logs in: a script's MEDIATION_DESK_USER / MEDIATION_DESK_PASSWORD (the start-up
benchmark) open the desk as that account; a wrong password is refused with its sentence."""

from __future__ import annotations

import pytest

from mediation_desk.app import log_in
from mediation_desk.security.keyfile import KeyFileError
from mediation_desk.ui.tasks import TaskRunner
from tests.ui.conftest import MEDIATOR, TEAM_PASSWORD


def test_a_script_logs_in_from_the_environment(qapp, team, monkeypatch):
    monkeypatch.setenv("MEDIATION_DESK_USER", MEDIATOR)
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", TEAM_PASSWORD)
    services = log_in(team.path, TaskRunner(synchronous=True))
    try:
        assert services is not None and services.account.name == MEDIATOR
        assert services.actor == MEDIATOR and services.key == team.key
    finally:
        services.close()
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", "not the password")
    with pytest.raises(KeyFileError, match="密码不正确"):
        log_in(team.path, TaskRunner(synchronous=True))


def test_the_demo_opens_at_the_login_screen_with_its_director(qapp, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from mediation_desk.app import DEMO_DIRECTOR, parse_args
    from mediation_desk.services.demo import build_demo
    from mediation_desk.ui.dialogs.login_dialog import LoginDialog

    assert parse_args(["--demo"]).demo  # main() offers DEMO_DIRECTOR for --demo
    path = tmp_path / "demo.db"
    build_demo(path, cases=20, seed=1)
    seen: list[str] = []

    def check(tries: int = 0) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, LoginDialog):
            seen.append(w.name.currentText())
            w.password.setText("demo")
            w.ok.click()
        elif tries < 500:
            QTimer.singleShot(20, lambda: check(tries + 1))

    QTimer.singleShot(0, check)
    services = log_in(path, TaskRunner(synchronous=True), name=DEMO_DIRECTOR)
    try:
        assert seen == ["演示主任"] and services.account.name == "演示主任"
        assert services.account.role.label == "中心主任"
    finally:
        services.close()
