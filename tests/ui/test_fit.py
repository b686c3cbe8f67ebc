"""Fits every laptop (issue 15, item 1): the main window and the 登记案件 dialog fit the
available screen from 1280×720 up, at 100 % and 150 % scaling, with 保存/取消 and the status
bar on screen; geometry, splitter and the case list's columns remembered per account; and
no label or button is cut when every text is 40 % longer (a stretched pseudo-locale), on
1366×768 at 100 % and at 150 %."""

from __future__ import annotations

import json
import math
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QWidget,
)

from mediation_desk.ui import i18n
from mediation_desk.ui.dialogs.register_case import PREFERRED_SIZE, RegisterCaseDialog
from mediation_desk.ui.geometry import FRAME, fit_window, screen_share
from tests.ui.conftest import DIRECTOR, MEDIATOR
from tests.ui.helpers import register

ROOT = Path(__file__).resolve().parents[2]

# available areas (the taskbar left out): 1280×720, 1366×768, 1366×768 at 150 % (911×512
# logical), 1920×1080 at 150 % (1280×720 logical)
SCREENS = {"1280x720": QRect(0, 0, 1280, 680), "1366x768": QRect(0, 0, 1366, 728),
           "1366x768@150%": QRect(0, 0, 911, 485), "1920x1080@150%": QRect(0, 0, 1280, 693)}


def main_window(qtbot, services):
    from mediation_desk.ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.start()
    return window


def registration(qtbot, services) -> RegisterCaseDialog:
    dialog = RegisterCaseDialog(services)
    qtbot.addWidget(dialog, before_close_func=lambda d: setattr(d, "_dirty", False))
    return dialog


def inside(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` lies wholly inside ``window``'s client area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(QPoint(0, 0), window.size()).contains(QRect(top_left, widget.size()))


def room(area: QRect) -> QSize:
    return QSize(area.width() - FRAME.width(), area.height() - FRAME.height())


@pytest.mark.parametrize("screen", list(SCREENS))
def test_main_window_and_registration_fit_the_screen(qtbot, services, screen):
    area = SCREENS[screen]
    window = main_window(qtbot, services)
    fit_window(window, screen_share(area), area)
    window.show()
    dialog = registration(qtbot, services)
    fit_window(dialog, PREFERRED_SIZE, area)
    dialog.show()
    for widget in (window, dialog):
        # what the layout needs fits: nothing is squeezed below its minimum
        assert widget.minimumSizeHint().boundedTo(room(area)) == widget.minimumSizeHint(), \
            (screen, type(widget).__name__, widget.minimumSizeHint())
        assert widget.width() <= room(area).width() and widget.height() <= room(area).height()
        assert area.contains(QRect(widget.pos(), widget.size() + FRAME))
    assert window.statusBar().isVisible() and inside(window.statusBar(), window)
    # every page, once built, and a case's tab still fit: none makes the window grow
    grown = {}
    window.open_case(register(services, "王芳", "李强").id)
    QApplication.processEvents()
    if not (window.width() <= room(area).width() and window.height() <= room(area).height()):
        grown["case"] = (window.size(), window.minimumSizeHint())
    for row in range(window.nav.count()):
        if not window.nav.item(row).isHidden():
            window.nav.setCurrentRow(row)
            QApplication.processEvents()
            if not (window.width() <= room(area).width()
                    and window.height() <= room(area).height()):
                grown[window.nav.item(row).text()] = (window.size(), window.minimumSizeHint())
    assert grown == {}
    # the long form scrolls; 保存/取消 stay inside the dialog
    assert inside(dialog.save_button, dialog) and inside(dialog.cancel_button, dialog)
    assert dialog.save_button.isVisible() and dialog.cancel_button.isVisible()


def test_every_form_dialog_is_kept_within_the_screen(qtbot):
    from PySide6.QtWidgets import QVBoxLayout

    from mediation_desk.ui.dialogs.form_dialog import FormDialog

    dialog = FormDialog()  # as a form that asks for a fixed size (1100×780 and the like)
    QVBoxLayout(dialog).addWidget(dialog.buttons)
    qtbot.addWidget(dialog)
    dialog.resize(3000, 2000)
    dialog.show()
    area = dialog.screen().availableGeometry()
    assert dialog.width() <= room(area).width() and dialog.height() <= room(area).height()
    assert area.contains(QRect(dialog.pos(), dialog.size()))


def test_a_large_screen_gets_a_large_window_a_small_one_most_of_it():
    assert screen_share(QRect(0, 0, 1920, 1040)).width() > 1280  # no longer 1280×800
    small = screen_share(QRect(0, 0, 1366, 728))
    assert small == QSize(1366, 728)  # all of it (fit_window leaves the frame's room)


def test_window_and_columns_remembered_per_account(qtbot, team_services):
    director = team_services(DIRECTOR)
    window = main_window(qtbot, director)
    window.show()
    fresh_size = window.size()
    # the test's screen is 800×800, narrower than the window's minimum: only its height
    # and place can differ from the first size here (test_on_a_real_screen: real sizes)
    window.resize(fresh_size.width(), 520)
    left = window.size()
    assert left != fresh_size
    window.move(0, 30)
    header = window.cases.table.horizontalHeader()
    header.resizeSection(0, 333)
    header.moveSection(3, 1)
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    window.close()

    again = main_window(qtbot, director)
    again.show()
    assert again.size() == left
    assert again.pos() == QPoint(0, 30)
    header = again.cases.table.horizontalHeader()
    assert header.sectionSize(0) == 333
    assert header.logicalIndex(1) == 3
    assert again.cases.model.sort_spec.key == "number"  # the first query already sorted so
    assert not again.cases.model.sort_spec.descending
    again.close()

    other = main_window(qtbot, team_services(MEDIATOR))  # another account on this computer
    other.show()
    assert other.size() == fresh_size
    assert other.cases.table.horizontalHeader().sectionSize(0) != 333
    assert other.cases.table.horizontalHeader().logicalIndex(1) == 1


def test_a_wide_window_gives_its_spare_width_to_the_parties_column(qtbot, services):
    from mediation_desk.ui.models.case_table import COL_AMOUNT, COL_PARTIES

    register(services, "王芳", "李强")
    window = main_window(qtbot, services)
    header = window.cases.table.horizontalHeader()
    parties = header.sectionSize(COL_PARTIES)
    window.resize(1800, 700)
    window.nav.setCurrentRow(1)
    window.show()
    qtbot.waitUntil(lambda: header.sectionSize(COL_PARTIES) > parties + 200)
    # the amounts keep a sensible width instead of taking all the room
    assert header.sectionSize(COL_AMOUNT) <= max(header.sectionSizeHint(COL_AMOUNT),
                                                 header.defaultSectionSize()) + 2


def test_after_a_user_switch_the_window_is_where_the_new_user_left_it(qtbot, team_services):
    from mediation_desk.app import Application, parse_args
    from mediation_desk.ui.dialogs.login_dialog import LoginDialog
    from tests.ui.conftest import TEAM_PASSWORD
    from tests.ui.test_lock import answer

    earlier = main_window(qtbot, team_services(MEDIATOR))  # the mediator's last session
    earlier.show()
    earlier.resize(earlier.width(), 470)
    earlier.move(0, 50)
    theirs = earlier.geometry()
    earlier.close()

    director = team_services(DIRECTOR)
    desk = Application(QApplication.instance(), director, parse_args([]))
    desk.show_window()
    desk.window.resize(desk.window.width(), 610)
    desk.lock()

    def log_in_as_mediator(dialog) -> None:
        dialog.name.setCurrentText(MEDIATOR)
        dialog.password.setText(TEAM_PASSWORD)
        dialog.ok.click()

    answer(LoginDialog, log_in_as_mediator)
    desk.lock_screen.switch_button.click()
    try:
        assert desk.services.account.name == MEDIATOR
        assert desk.window.geometry() == theirs  # not the director's 610 px
    finally:
        desk.window.close()
        desk.services.close()


def test_registration_splitter_remembered(qtbot, services):
    dialog = registration(qtbot, services)
    dialog.show()
    splitter = dialog.view.splitter
    handle = splitter.handle(1)
    start = handle.mapTo(splitter, QPoint(handle.width() // 2, handle.height() // 2))
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=QPoint(2, 10))
    qtbot.mouseMove(handle, QPoint(2 - 120, 10))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=QPoint(2 - 120, 10))
    moved = splitter.sizes()
    assert handle.mapTo(splitter, QPoint(handle.width() // 2, handle.height() // 2)) != start
    dialog._dirty = False
    dialog.reject()

    again = registration(qtbot, services)
    again.show()
    assert again.view.splitter.sizes() == moved


# -- a stretched pseudo-locale -----------------------------------------------------------
STRETCH = 0.4


class StretchedChinese(QTranslator):
    """The Chinese catalogue with every translation 40 % longer (at least one character):
    a layout that cuts a label now shows it cut."""

    def __init__(self) -> None:
        super().__init__()
        self.chinese = QTranslator()
        assert self.chinese.load(str(i18n.TRANSLATIONS / "mediation_desk_zh_CN.qm"))

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001
        text = self.chinese.translate(context, source, disambiguation, n)
        if not text:
            return None  # null: "not here", the next context or translator is asked
        lines = text.split("\n")
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        lines[longest] += "宽" * max(1, math.ceil(len(lines[longest]) * STRETCH))
        return "\n".join(lines)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


@pytest.fixture
def stretched(qapp):
    translator = StretchedChinese()
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def cut_texts(window: QWidget) -> list[str]:
    """Labels and buttons shown smaller than their text needs (what a person sees cut)."""
    cut = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisibleTo(window):
            continue
        text = widget.text()
        if not text or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            need = QSize(widget.width(), widget.heightForWidth(widget.width()))
        else:
            need = widget.minimumSizeHint() if isinstance(widget, QLabel) else widget.sizeHint()
        if widget.width() < need.width() or widget.height() < need.height():
            cut.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}: "
                       f"{widget.width()}x{widget.height()} < {need.width()}x{need.height()}")
    return cut


@pytest.mark.parametrize("screen", ["1366x768", "1366x768@150%"])
def test_stretched_texts_are_not_cut_on_a_laptop(qtbot, services, stretched, screen):
    register(services, "王芳", "李强")
    area = SCREENS[screen]
    window = main_window(qtbot, services)
    assert "宽" in window.windowTitle()  # the stretched catalogue is the one in use
    fit_window(window, screen_share(area), area)
    window.show()
    problems: dict[str, list[str]] = {}
    for row in range(window.nav.count()):
        if window.nav.item(row).isHidden():
            continue
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
        name = window.nav.item(row).text()
        found = cut_texts(window)
        if not QRect(QPoint(0, 0), room(area)).contains(QRect(QPoint(0, 0), window.size())):
            found.append(f"the window grew to {window.width()}x{window.height()}")
        if window.nav.sizeHintForColumn(0) > window.nav.viewport().width():
            found.append("the page names are cut")
        if found:
            problems[name] = found
    assert problems == {}

    dialog = registration(qtbot, services)
    fit_window(dialog, PREFERRED_SIZE, area)
    dialog.show()
    QApplication.processEvents()
    assert cut_texts(dialog) == []
    assert dialog.width() <= room(area).width() and dialog.height() <= room(area).height()


# -- real screens: the offscreen platform with a screen of the given size and scaling ------
SCRIPT = textwrap.dedent("""
    import json, pickle, sys
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from mediation_desk.ui import i18n
    i18n.install(app, "zh_CN")
    from mediation_desk.ui.context import Services
    from mediation_desk.ui.dialogs.register_case import RegisterCaseDialog
    from mediation_desk.ui.main_window import MainWindow
    from mediation_desk.ui.tasks import TaskRunner
    path, key, account = pickle.loads(open(sys.argv[1], "rb").read())
    services = Services.open(path, TaskRunner(synchronous=True), key=key, account=account)
    window = MainWindow(services)
    window.start()
    window.show()
    if len(sys.argv) > 2:  # the person resizes and moves the window, then quits
        window.setGeometry(*map(int, sys.argv[2].split(",")))
    dialog = RegisterCaseDialog(services, window)
    dialog.show()
    app.processEvents()
    def rect(r):
        return [r.x(), r.y(), r.width(), r.height()]
    save = dialog.save_button
    print(json.dumps({
        "available": rect(app.primaryScreen().availableGeometry()),
        "window": rect(window.frameGeometry()), "inner": rect(window.geometry()),
        "dialog": rect(dialog.frameGeometry()),
        "save": [*(lambda p: [p.x(), p.y()])(save.mapTo(dialog, save.rect().topLeft())),
                 save.width(), save.height()],
        "status_bar": window.statusBar().isVisible()}))
    dialog._dirty = False
    dialog.reject()
    window.close()
    services.close()
""")


def run_on_screen(tmp_path: Path, desk, width: int, height: int, scale: float,
                  *extra: str) -> dict:
    """SCRIPT on an offscreen screen of ``width``×``height`` pixels at ``scale``."""
    screens = tmp_path / "screen.json"
    screens.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0,
                                                "width": width, "height": height,
                                                "logicalDpi": 96, "dpr": 1}]}))
    db = tmp_path / "desk.db"
    if not db.exists():
        desk.copy_to(db)
    args = tmp_path / "args.pickle"
    args.write_bytes(pickle.dumps((db, desk.key, desk.accounts[DIRECTOR])))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
           "QT_SCALE_FACTOR": str(scale), "PYTHONPATH": str(ROOT),
           "MEDIATION_DESK_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(args), *extra], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, 1.0), (1366, 768, 1.5),
                                                        (1920, 1080, 1.0)])
def test_on_a_real_screen(tmp_path, desk_template, width, height, scale):
    seen = run_on_screen(tmp_path, desk_template, width, height, scale)
    area = QRect(*seen["available"])
    assert abs(area.width() - width / scale) <= 1 and abs(area.height() - height / scale) <= 1
    window, dialog = QRect(*seen["window"]), QRect(*seen["dialog"])
    assert area.contains(window) and area.contains(dialog), seen
    save = QRect(*seen["save"])
    assert QRect(QPoint(0, 0), dialog.size()).contains(save), seen  # 保存 on screen
    assert seen["status_bar"]
    if width == 1920:
        assert window.width() > 1280 and window.height() > 800  # not the old fixed size


def test_the_next_start_opens_where_the_window_was_left(tmp_path, desk_template):
    run_on_screen(tmp_path, desk_template, 1920, 1080, 1.0, "40,30,1000,600")
    assert run_on_screen(tmp_path, desk_template, 1920, 1080, 1.0)["inner"] == [40, 30, 1000, 600]
    # on a smaller screen (the same account on a laptop) it is brought inside it
    small = run_on_screen(tmp_path, desk_template, 1366, 768, 1.5)
    assert QRect(*small["available"]).contains(QRect(*small["window"]))
