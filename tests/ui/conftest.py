"""GUI test fixtures: offscreen Qt, Chinese interface, a fresh database per test."""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

DEMO_CACHE = Path(os.environ.get("MEDIATION_DESK_TEST_CACHE", "/tmp/mediation-desk-cache"))
BIG_SEED = 7
BIG_CASES = 100_000


@pytest.fixture(autouse=True)
def chinese(qapp):
    """The default interface language (zh_CN) for every GUI test."""
    from mediation_desk.ui import i18n

    i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "zh_CN")


@pytest.fixture
def services(db_path: Path, clock, qapp):
    """Services over a fresh initialised database, tasks run synchronously."""
    from mediation_desk.services.desk import init_desk
    from mediation_desk.ui.context import Services
    from mediation_desk.ui.tasks import TaskRunner

    init_desk(db_path, code="ZD-MS", name="马尚街道调解中心", number_prefix="马尚",
              linked_court="张店区人民法院", clock=clock).close()
    s = Services.open(db_path, TaskRunner(synchronous=True), actor="测试员", clock=clock)
    yield s
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():  # no late query on a closed database
        widget.close()
    QApplication.processEvents()
    s.close()


def demo_database(cases: int, seed: int) -> Path:
    """A demo database built once and cached under /tmp, keyed by size, seed and schema
    (``services.demo.cached_demo``).

    It is encrypted like every desk: open it by logging in (``services.demo.demo_login``
    gives what ``auth.unlock`` gives, ``open_demo`` a logged-in store).
    """
    from mediation_desk.services.demo import cached_demo

    started = time.perf_counter()
    path = cached_demo(DEMO_CACHE, cases, seed)
    if time.perf_counter() - started > 5:
        print(f"built {path} in {time.perf_counter() - started:.0f} s")
    return path


@pytest.fixture(scope="session")
def big_db() -> Path:
    """The 100,000-case demo database (encrypted; log in with ``demo_login``)."""
    return demo_database(BIG_CASES, BIG_SEED)


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
