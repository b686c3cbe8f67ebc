"""The wheel is complete (issue 16): translations and icons travel inside the package, so a
non-editable install is Chinese by default. Builds the real wheel offline, unpacks it, and
runs a Python that sees only the unpacked wheel and the venv's third-party packages (not
the repository, not the editable install's .pth)."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mediation_desk.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
QM = "mediation_desk/resources/translations/mediation_desk_zh_CN.qm"
ICON = "mediation_desk/resources/icons/app.ico"

LOAD = """
import sys
import mediation_desk
from PySide6.QtCore import QCoreApplication
from mediation_desk.ui import i18n
app = QCoreApplication([])
ok = i18n.install(app, "zh_CN")
print(mediation_desk.__file__)
print(ok)
print(QCoreApplication.translate("MainWindow", "Mediation Desk"))
print(QCoreApplication.translate("QDialog", "Generating demo cases…"))
"""


def uv() -> str:
    found = shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")
    assert Path(found).exists(), "uv is needed to build the wheel (README: set-up)"
    return found


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    env = dict(os.environ, UV_PYTHON_DOWNLOADS="never")
    build = subprocess.run([uv(), "build", "--wheel", "--offline", "--out-dir", str(out)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    (wheel,) = out.glob("mediation_desk-*.whl")
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert QM in names and ICON in names, sorted(n for n in names if "resources" in n)
        archive.extractall(target)
    return target


def run_isolated(site_dir: Path, cwd: Path) -> list[str]:
    """Run LOAD with only ``site_dir`` and the venv's site-packages on the path; -S keeps
    the editable install's .pth (which points at the repository) from being read."""
    packages = [p for p in site.getsitepackages() if Path(p).is_dir()]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONPATH"] = os.pathsep.join([str(site_dir), *packages])
    out = subprocess.run([sys.executable, "-S", "-c", LOAD], cwd=cwd, env=env,
                         capture_output=True, text=True, timeout=120, encoding="utf-8")
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_an_installed_wheel_speaks_chinese(unpacked: Path, tmp_path: Path):
    where, ok, title, progress = run_isolated(unpacked, tmp_path)
    assert Path(where).is_relative_to(unpacked)  # the wheel's copy, not the repository
    assert ok == "True"
    assert title == "调解工作台"
    assert progress == "正在生成演示案件…"


def test_without_its_catalogue_the_wheel_would_be_english(unpacked: Path, tmp_path: Path):
    """The check above can fail: the same run with the .qm taken out is English."""
    copy = tmp_path / "site"
    shutil.copytree(unpacked, copy)
    (copy / QM).unlink()
    where, ok, title, _ = run_isolated(copy, tmp_path)
    assert Path(where).is_relative_to(copy)
    assert ok == "False" and title == "Mediation Desk"


def test_the_update_path_writes_the_packages_folder(tmp_path: Path):
    """lupdate and lrelease work on the moved catalogue: a copy rebuilt from the sources is
    complete and loads (the real run writes i18n.TRANSLATIONS, inside the package)."""
    assert i18n.TRANSLATIONS == ROOT / "mediation_desk" / "resources" / "translations"
    shutil.copy(i18n.TRANSLATIONS / "mediation_desk_zh_CN.ts", tmp_path)
    i18n.build(folder=tmp_path)
    assert i18n.unfinished(tmp_path / "mediation_desk_zh_CN.ts") == []
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(tmp_path / "mediation_desk_zh_CN.qm"))
    assert translator.translate("MainWindow", "Mediation Desk") == "调解工作台"


def test_the_fonts_folder_is_the_packages_and_the_advice_names_it():
    from mediation_desk.documents import fonts

    assert fonts.resource_font_dirs() == [ROOT / "mediation_desk" / "resources" / "fonts"]
    assert f"程序的字体目录（{fonts.FONT_FOLDER}）" in fonts.INSTALL_HINT
    assert str(fonts.FONT_FOLDER) in fonts.RARE_HINT
