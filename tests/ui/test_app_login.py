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
