"""The installer's hooks in the app: the icon shipped inside the package, and the Qt platform
taken from MEDIATION_DESK_QT_PLATFORM (Wine drops QT_* variables on their way in)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "mediation_desk" / "resources" / "icons"
SIZES = [16, 24, 32, 48, 64, 256]


def test_the_icon_file_holds_every_size_windows_asks_for():
    data = (ICONS / "app.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for n in range(count):
        width, height, _c, _r, _planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * n)
        assert width == height and bits == 32
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == SIZES
    assert (ICONS / "app.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


SHOW_PLATFORM = """
from PySide6.QtWidgets import QApplication
from mediation_desk.app import app_icon, qt_platform_from_environment
qt_platform_from_environment()
app = QApplication([])
icon = app_icon()
print(app.platformName(), sorted(s.width() for s in icon.availableSizes()))
"""


def run_clean(code: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("QT_") and k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(extra)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=120)


def test_the_qt_platform_comes_from_the_desks_own_variable():
    out = run_clean(SHOW_PLATFORM, MEDIATION_DESK_QT_PLATFORM="offscreen")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[0] == "offscreen"
    assert out.stdout.strip().endswith(str(SIZES))


def test_without_either_variable_and_no_display_qt_cannot_start():
    """The check above is not vacuous: with no display and no variable Qt gives up."""
    out = run_clean(SHOW_PLATFORM)
    assert out.returncode != 0
    assert "offscreen" not in out.stdout
