"""build_installer.spec and packaging/bundle_rules.py, checked without PyInstaller or Wine.

The Windows build itself is a CI step (packaging/build_windows.sh, smoke_windows.sh); here:
the version it writes comes from pyproject.toml, the two programs it defines, what it
prunes of PySide6 (against the real PySide6 in this environment: every module the code
imports is kept, and every Qt library a kept library or plugin links), and that the entry
scripts run as plain scripts.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import bundle_rules  # noqa: E402

SPEC = ROOT / "build_installer.spec"


def test_the_version_is_pyprojects():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert bundle_rules.project_version(ROOT / "pyproject.toml") == version
    text = bundle_rules.version_info(version, "MediationDesk.exe", "调解工作台")
    call = ast.parse(text, mode="eval").body  # PyInstaller evaluates it as an expression
    assert isinstance(call, ast.Call) and call.func.id == "VSVersionInfo"  # type: ignore[attr-defined]
    numbers = bundle_rules.version_tuple(version)
    assert f"filevers={numbers}" in text
    for field, value in [("ProductName", "调解工作台"), ("CompanyName", "调解工作台"),
                         ("FileVersion", version), ("OriginalFilename", "MediationDesk.exe")]:
        assert f"StringStruct({field!r}, {value!r})" in text


@pytest.mark.parametrize("version, numbers", [
    ("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)), ("2", (2, 0, 0, 0)),
    ("1.2.3.4.5", (1, 2, 3, 4))])
def test_windows_file_version_numbers(version, numbers):
    assert bundle_rules.version_tuple(version) == numbers


# -- what is pruned ---------------------------------------------------------------------------
@pytest.mark.parametrize("dest, kept", [
    # Windows wheel layout: Qt in PySide6/
    ("PySide6/Qt6Core.dll", True), ("PySide6/Qt6Pdf.dll", True), ("PySide6/Qt6Charts.dll", True),
    ("PySide6/Qt6Quick.dll", False), ("PySide6/Qt6Qml.dll", False),
    ("PySide6/Qt6VirtualKeyboard.dll", False), ("PySide6/Qt6WebEngineCore.dll", False),
    ("PySide6/Qt63DRender.dll", False), ("PySide6/Qt6Multimedia.dll", False),
    ("PySide6/opengl32sw.dll", False), ("PySide6/avcodec-61.dll", False),
    ("PySide6/QtCore.pyd", True), ("PySide6/QtOpenGL.pyd", False),
    ("PySide6/pyside6.abi3.dll", True), ("PySide6/msvcp140.dll", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/plugins/platforms/qoffscreen.dll", True),
    ("PySide6/plugins/platforms/qdirect2d.dll", False),
    ("PySide6/plugins/platforms/qminimal.dll", False),
    ("PySide6/plugins/imageformats/qjpeg.dll", True),
    ("PySide6/plugins/imageformats/qsvg.dll", False),
    ("PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll", False),
    ("PySide6/plugins/tls/qschannelbackend.dll", False),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/translations/qtbase_zh_CN.qm", True),
    ("PySide6/translations/qtbase_de.qm", False), ("PySide6/translations/qt_zh_CN.qm", False),
    ("PySide6/resources/icudtl.dat", False), ("PySide6/qml/QtQuick/qmldir", False),
    # Linux wheel layout: Qt in PySide6/Qt/
    ("PySide6/Qt/lib/libQt6Core.so.6", True), ("PySide6/Qt/lib/libQt6XcbQpa.so.6", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False), ("PySide6/Qt/lib/libicudata.so.73", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    # not Qt
    ("mediation_desk/resources/translations/mediation_desk_zh_CN.qm", True),
    ("mediation_desk/resources/icons/app.ico", True), ("cryptography/hazmat/x.pyd", True),
    ("libQt6Quick.so.6", False), ("Qt6Network.dll", True),
])
def test_what_is_kept(dest, kept):
    assert bundle_rules.keeps(dest) is kept
    assert bundle_rules.keeps(dest.replace("/", "\\")) is kept  # PyInstaller on Windows


def test_prune_keeps_the_toc_entries_in_order():
    toc = [("PySide6/Qt6Quick.dll", "s1", "BINARY"), ("a.pyd", "s2", "EXTENSION"),
           ("PySide6/Qt6Core.dll", "s3", "BINARY")]
    assert bundle_rules.prune(toc) == [toc[1], toc[2]]


def qt_modules_imported() -> set[str]:
    """The PySide6 modules the package's code imports."""
    found = set()
    for path in (ROOT / "mediation_desk").rglob("*.py"):
        found |= set(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text("utf-8")))
    return found


def test_every_qt_module_the_code_imports_is_kept():
    modules = qt_modules_imported()
    assert {"QtCore", "QtGui", "QtWidgets", "QtPdf"} <= modules  # the scan finds them
    for module in sorted(modules):
        assert f"PySide6.{module}" not in bundle_rules.EXCLUDED_MODULES, module
        assert module.removeprefix("Qt") in bundle_rules.KEPT_QT_LIBRARIES, module
        assert bundle_rules.keeps(f"PySide6/{module}.pyd")


PYSIDE = Path(__import__("PySide6").__file__).parent


@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf (binutils) is missing")
def test_every_qt_library_a_kept_one_links_is_kept():
    """The closure over the real PySide6 (Linux wheel): nothing kept links a dropped Qt
    library (it would fail to load in the frozen app)."""
    qt = PYSIDE / "Qt"
    kept = [p for p in [*(qt / "lib").glob("libQt6*.so.6"), *(qt / "plugins").rglob("*.so")]
            if bundle_rules.keeps(str(Path("PySide6") / p.relative_to(PYSIDE)))]
    kept += [p for p in PYSIDE.glob("Qt*.abi3.so")
             if bundle_rules.keeps(f"PySide6/{p.name}")]
    names = {p.name for p in kept}
    assert {"libQt6Core.so.6", "libQt6Pdf.so.6", "libqxcb.so", "libqoffscreen.so"} <= names
    for lib in kept:
        dynamic = subprocess.run(["readelf", "-d", str(lib)], capture_output=True, text=True,
                                 check=True).stdout
        for needed in re.findall(r"\(NEEDED\)\s+Shared library: \[(libQt6\w+\.so\.6)\]", dynamic):
            assert needed in names, f"{lib.name} links {needed}, which is pruned"
    for name in bundle_rules.KEPT_QT_LIBRARIES:
        assert (qt / "lib" / f"libQt6{name}.so.6").is_file(), name  # no misspelt name


# -- the spec itself, run with stand-ins for PyInstaller's build classes ----------------------
class Recorder:
    made: list[tuple[str, tuple, dict]] = []

    def __init__(self, *args, **kwargs):
        Recorder.made.append((type(self).__name__, args, kwargs))
        self.args, self.kwargs = args, kwargs
        self.scripts = [("pyi_rth_pyside6", "rth.py", "PYSOURCE"),
                        ("entry_gui", "entry_gui.py", "PYSOURCE"),
                        ("entry_cli", "entry_cli.py", "PYSOURCE")]
        self.binaries = [("PySide6/Qt6Core.dll", "a", "BINARY"),
                         ("PySide6/opengl32sw.dll", "b", "BINARY")]
        self.datas = [("PySide6/translations/qtbase_de.qm", "c", "DATA")]
        self.pure = []


def run_spec(monkeypatch, tmp_path):
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package: [("x/app.ico", "mediation_desk/resources/icons"),
                                                ("x/a.ts", "mediation_desk/resources/x")]
    hooks.collect_submodules = lambda package: [f"{package}.code128"]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    Recorder.made = []
    names = {n: type(n, (Recorder,), {}) for n in ("Analysis", "PYZ", "EXE", "COLLECT")}
    scope = {"SPECPATH": str(ROOT), "workpath": str(tmp_path), "__file__": str(SPEC), **names}
    exec(compile(SPEC.read_text("utf-8"), str(SPEC), "exec"), scope)
    return scope


def test_the_spec_defines_a_windowed_gui_and_a_utf8_console_cli(monkeypatch, tmp_path):
    scope = run_spec(monkeypatch, tmp_path)
    exes = {kw["name"]: (args, kw) for kind, args, kw in Recorder.made if kind == "EXE"}
    assert set(exes) == {"MediationDesk", "mediation-desk"}
    gui_args, gui = exes["MediationDesk"]
    cli_args, cli = exes["mediation-desk"]
    assert gui["console"] is False and cli["console"] is True
    assert ("X utf8_mode=1", None, "OPTION") in cli_args[2]
    assert [s[0] for s in gui_args[1]] == ["pyi_rth_pyside6", "entry_gui"]
    assert [s[0] for s in cli_args[1]] == ["pyi_rth_pyside6", "entry_cli"]
    (analysis,) = [(a, kw) for kind, a, kw in Recorder.made if kind == "Analysis"]
    scripts, options = analysis
    assert [Path(s).name for s in scripts[0]] == ["entry_gui.py", "entry_cli.py"]
    assert options["excludes"] == bundle_rules.EXCLUDED_MODULES
    assert "reportlab.graphics.barcode.code128" in options["hiddenimports"]
    assert all(not src.endswith(".ts") for src, _ in options["datas"])
    a = scope["a"]
    assert [d for d, *_ in a.binaries] == ["PySide6/Qt6Core.dll"]  # pruned
    assert a.datas == []
    (collect,) = [kw for kind, _, kw in Recorder.made if kind == "COLLECT"]
    assert collect["name"] == "MediationDesk"


@pytest.mark.parametrize("entry", ["entry_cli.py", "entry_gui.py"])
def test_the_entry_scripts_run_as_plain_scripts(entry, tmp_path):
    """As PyInstaller runs them: a top-level script, not a module of the package (the old
    spec's mediation_desk/__main__.py failed here: relative import with no parent)."""
    tree = ast.parse((ROOT / "packaging" / entry).read_text("utf-8"))
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    ours = [(n.module, n.level) for n in imports if (n.module or "").startswith("mediation")]
    assert ours == [("mediation_desk.__main__", 0)]
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / entry), "--help"],
                          capture_output=True, text=True, encoding="utf-8", cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                               "MEDIATION_DESK_HOME": str(tmp_path)}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "调解工作台" in done.stdout


def test_a_program_that_cannot_load_qt_says_so_in_chinese_without_a_traceback(tmp_path):
    """A Windows older than 10 1903 (no system ICU) or a damaged install: Qt's libraries fail to
    load. The windowed program says why in Chinese (a message box on Windows) and exits 1."""
    broken = tmp_path / "broken"
    (broken / "PySide6").mkdir(parents=True)
    (broken / "PySide6" / "__init__.py").write_text(
        "raise ImportError('DLL load failed while importing QtCore')\n", "utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "entry_gui.py")],
                          capture_output=True, text=True, encoding="utf-8", cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin",
                               "PYTHONPATH": f"{broken}:{ROOT}",
                               "MEDIATION_DESK_HOME": str(tmp_path)}, timeout=120)
    assert done.returncode == 1
    assert "调解工作台无法启动" in done.stderr and "Windows 10 1903" in done.stderr
    assert "DLL load failed" in done.stderr
    assert "Traceback" not in done.stderr
