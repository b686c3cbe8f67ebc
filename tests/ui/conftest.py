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
    """A demo database built once and cached under /tmp, keyed by size and seed."""
    from mediation_desk.services.demo import build_demo

    DEMO_CACHE.mkdir(parents=True, exist_ok=True)
    from mediation_desk.storage.schema import migrations

    # keyed by schema too, so a new migration never copies a stale 900 MB file
    schema = migrations._migrations[-1].name
    path = DEMO_CACHE / f"demo-{cases}-seed-{seed}-{schema}.db"
    if not path.exists():
        part = path.with_suffix(".part")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{part}{suffix}").unlink(missing_ok=True)
        started = time.perf_counter()
        build_demo(part, cases=cases, seed=seed)
        part.rename(path)
        print(f"built {path} in {time.perf_counter() - started:.0f} s")
    return path


@pytest.fixture(scope="session")
def big_db() -> Path:
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
