"""A double click on an .mdx (``MediationDesk.exe C:\\...\\file.mdx``, i.e. ``mediation-desk
FILE.mdx``): the program starts, logs in as usual and shows the 交换 page's import preview
of that file; a damaged or missing file gets the 导入 button's own Chinese refusal; a second
start on an open desk passes the file to its window. The real app.main, real dialogs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mediation_desk import __main__ as entry
from mediation_desk import app
from mediation_desk.logs import data_dir
from mediation_desk.services import exchange
from mediation_desk.services.referrals import ReferralService
from mediation_desk.storage import cases as case_store
from mediation_desk.ui.context import Services
from mediation_desk.ui.dialogs.exchange_dialogs import ImportPreviewDialog
from mediation_desk.ui.dialogs.login_dialog import LoginDialog
from mediation_desk.ui.main_window import PAGE_EXCHANGE
from mediation_desk.ui.single_instance import SingleInstance, server_name
from mediation_desk.ui.tasks import TaskRunner
from tests.exchange.helpers import ACTOR, make_desk, referral_input
from tests.ui.conftest import DIRECTOR, DIRECTOR_PASSWORD, Desk


def test_one_mdx_argument_starts_the_desktop():
    assert entry.opens_exchange_file([r"C:\Users\调解\来自法院.MDX"])
    assert entry.opens_exchange_file(["/tmp/x.mdx"])
    assert not entry.opens_exchange_file(["import", "x.mdx"])  # the CLI verb keeps its file
    assert not entry.opens_exchange_file(["cases"])
    assert app.parse_args(["x.mdx"]).bundle == Path("x.mdx")
    assert app.parse_args([]).bundle is None


@pytest.fixture
def desk_at_home(desk_template: Desk, tmp_path: Path):
    """The user's own desk (where a plain start opens) with a court that trusts it and has
    sent it a referral file; yields (the .mdx, the referral's case id, the desk's key)."""
    home_db = desk_template.copy_to(data_dir() / app.DB_NAME)
    court = make_desk(tmp_path, "court01", "court")
    own = Services.open(home_db, TaskRunner(synchronous=True), key=desk_template.key,
                        account=desk_template.accounts[DIRECTOR])
    try:  # the own desk's store lives on its database thread: reached through run()
        own_card, court_card = tmp_path / "own.card", tmp_path / "court.card"
        code = own.run(lambda s: (exchange.ensure_desk_keys(s.store),
                                  exchange.export_card(s.store, own_card),
                                  s.store.origin_code())[-1])
        exchange.export_card(court, court_card)
        own.run(lambda s: exchange.trust_card(s.store, ACTOR, exchange.read_card(court_card)))
        exchange.trust_card(court, ACTOR, exchange.read_card(own_card))
        case = ReferralService(court).refer(ACTOR, code, referral_input()).case
        bundle = tmp_path / "来自法院 第1号.MDX"
        exchange.export_bundle(court, ACTOR, code, bundle)
    finally:
        own.close()
        court.close()
    yield bundle, case.id, home_db
    for w in QApplication.topLevelWidgets():
        w.close()


def start(argv: list[str], on_window) -> tuple[int, list[str]]:
    """app.main(argv) acted on like a person: log in with the password, then
    ``on_window(dialog_or_box)`` for each modal window after the login; returns (exit code,
    what happened)."""
    seen: list[str] = []

    def watch(tries: int = 0) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, LoginDialog):
            seen.append("login")
            w.name.setCurrentText(DIRECTOR)
            w.password.setText(DIRECTOR_PASSWORD)
            w.ok.click()
        elif w is not None and w.isVisible():
            if on_window(w, seen):
                return
        if tries < 1500:
            QTimer.singleShot(20, lambda: watch(tries + 1))
        else:  # nothing came: end the program so the test fails instead of hanging
            seen.append("gave up")
            for widget in QApplication.topLevelWidgets():
                widget.close()

    QTimer.singleShot(0, watch)
    pages.clear()
    return app.main(argv), seen


pages: list[int] = []
"""The main window's page when the test closed it."""


def close_main_window() -> None:
    from mediation_desk.ui.main_window import MainWindow

    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow) and w.isVisible():
            pages.append(w.nav.currentRow())
            w.close()


def case_in(home_db: Path, key: bytes, case_id: str):
    services = Services.open(home_db, TaskRunner(synchronous=True), key=key)
    try:
        return services.run(lambda s: case_store.get_case(s.store.db, case_id))
    finally:
        services.close()


def test_a_double_clicked_file_opens_its_import_preview(qapp, desk_at_home, desk_template):
    bundle, case_id, home_db = desk_at_home
    counts: list[dict[str, int]] = []

    def cancel_the_preview(w, seen) -> bool:
        if isinstance(w, ImportPreviewDialog):
            seen.append("preview")
            counts.append({k: int(v.text()) for k, v in w.count_labels.items()})
            w.reject()
            QTimer.singleShot(0, close_main_window)
            return True
        return False

    code, seen = start([str(bundle)], cancel_the_preview)
    assert code == 0
    assert seen == ["login", "preview"]
    assert pages == [PAGE_EXCHANGE]  # the preview came from the 交换 page
    assert counts == [{"new": 4, "updated": 1, "unchanged": 0, "conflicting": 0}]
    assert case_in(home_db, desk_template.key, case_id) is None  # a preview writes nothing


def test_importing_from_the_preview_takes_the_file(qapp, desk_at_home, desk_template):
    bundle, case_id, home_db = desk_at_home

    def press_import(w, seen) -> bool:
        if isinstance(w, ImportPreviewDialog):
            seen.append("preview")
            w.apply.click()
            QTimer.singleShot(200, close_main_window)
            return True
        return False

    code, seen = start([str(bundle)], press_import)
    assert code == 0 and seen == ["login", "preview"]
    got = case_in(home_db, desk_template.key, case_id)
    assert got is not None and got.court_case_number.startswith("（2026）鲁0303民诉前调")


def refusal(texts: list[str]):
    def read_and_close(w, seen) -> bool:
        if isinstance(w, QMessageBox):
            seen.append(w.objectName())
            texts.append(w.text())
            w.accept()
            QTimer.singleShot(0, close_main_window)
            return True
        return False
    return read_and_close


def test_a_damaged_file_is_refused_as_the_button_refuses_it(qapp, desk_at_home, tmp_path):
    damaged = tmp_path / "来自微信(1).mdx"
    damaged.write_bytes(os.urandom(4096))
    texts: list[str] = []
    code, seen = start([str(damaged)], refusal(texts))
    assert code == 0 and seen == ["login", "rejectionBox"] and pages == [PAGE_EXCHANGE]
    assert "拒绝" in texts[0] and "Traceback" not in texts[0]
    assert "not_a_bundle" in texts[0] or "decrypt_failed" in texts[0]


def test_a_missing_file_is_refused_in_chinese(qapp, desk_at_home, tmp_path):
    texts: list[str] = []
    code, seen = start([str(tmp_path / "已删除.mdx")], refusal(texts))
    assert code == 0 and seen == ["login", "errorBox"]
    assert "交换文件" in texts[0] and "Traceback" not in texts[0]


ASK = ("import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication; "
       "from mediation_desk.ui.single_instance import ask_running; "
       "app = QCoreApplication([]); print(ask_running(sys.argv[1], Path(sys.argv[2])))")


def test_a_second_start_passes_the_file_to_the_open_window(qtbot, tmp_path):
    db = tmp_path / "desk.db"
    opened: list[Path] = []
    first = SingleInstance(db, lambda: "调解工作台，desk.db", open_file=opened.append)
    try:
        assert first.claim() is None
        bundle = tmp_path / "第 2 号 来自法院.mdx"
        proc = subprocess.Popen([sys.executable, "-c", ASK, server_name(db), str(bundle)],
                                stdout=subprocess.PIPE, text=True, encoding="utf-8")
        qtbot.waitUntil(lambda: proc.poll() is not None and bool(opened), timeout=15_000)
        out, _ = proc.communicate()
        assert out.strip() == "调解工作台，desk.db"
        assert opened == [bundle]
    finally:
        first.release()
