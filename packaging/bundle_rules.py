"""What build_installer.spec keeps of what PyInstaller collects, and the Windows version
resource it writes.

Plain Python (no PyInstaller, no Qt), so tests/packaging/ checks the rules without a build.
PyInstaller's hooks collect a Qt module's plugins and translations; the app uses only
QtCore, QtGui, QtWidgets, QtPdf, QtPdfWidgets, QtPrintSupport, QtCharts and QtNetwork
(QLocalServer), so everything else, Qt Quick/QML, WebEngine, Multimedia, 3D, the software
OpenGL DLL, ICU data and Qt's translations but qtbase_zh_CN, is dropped here by the
collected file's destination path.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TypeVar

# Python modules PyInstaller must not follow (each would pull a Qt library and its plugins).
EXCLUDED_MODULES = [
    "tkinter", "_tkinter",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtQuick3D", "PySide6.QtQuickTest", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick", "PySide6.QtWebChannel",
    "PySide6.QtWebSockets", "PySide6.QtWebView", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtSpatialAudio", "PySide6.QtVirtualKeyboard",
    "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.Qt3DInput", "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation", "PySide6.Qt3DExtras", "PySide6.QtDataVisualization",
    "PySide6.QtGraphs", "PySide6.QtGraphsWidgets", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtUiTools", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtSvg",
    "PySide6.QtSvgWidgets", "PySide6.QtBluetooth", "PySide6.QtNfc", "PySide6.QtPositioning",
    "PySide6.QtLocation", "PySide6.QtSensors", "PySide6.QtSerialPort", "PySide6.QtSerialBus",
    "PySide6.QtTextToSpeech", "PySide6.QtRemoteObjects", "PySide6.QtScxml",
    "PySide6.QtStateMachine", "PySide6.QtHttpServer", "PySide6.QtNetworkAuth",
    "PySide6.QtConcurrent", "PySide6.QtAxContainer", "PySide6.QtAsyncio",
    # QtCharts links the OpenGL libraries (kept below) but never imports their Python modules
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.scripts",
    # Pillow reads the scanned attachments (JPEG, PNG, TIFF); its AVIF codec is 8 MB
    "PIL._avif", "PIL.AvifImagePlugin",
]

# The Qt libraries kept: the modules above and what they link (QtCharts links OpenGL and
# OpenGLWidgets; Linux's QtGui links DBus, its xcb platform plugin XcbQpa).
KEPT_QT_LIBRARIES = frozenset({
    "Core", "Gui", "Widgets", "Pdf", "PdfWidgets", "PrintSupport", "Charts", "Network",
    "OpenGL", "OpenGLWidgets", "DBus", "XcbQpa",
})

# Plugins kept, by plugin folder; a folder not named here is dropped whole. "*" keeps all.
KEPT_PLUGINS: dict[str, frozenset[str]] = {
    # qoffscreen for the smoke test and headless runs; qxcb on Linux
    "platforms": frozenset({"qwindows", "qoffscreen", "qxcb"}),
    # attachments are JPEG, PNG (built in) or TIFF; the window icon is read from app.ico
    "imageformats": frozenset({"qjpeg", "qtiff", "qico"}),
    "styles": frozenset({"qmodernwindowsstyle"}),  # the Windows 11 look
    "printsupport": frozenset({"*"}),  # CUPS on Linux (Windows printing is in QtPrintSupport)
    # Linux input methods (Windows IMEs are in qwindows); not the virtual keyboard (QML)
    "platforminputcontexts": frozenset({"composeplatforminputcontextplugin",
                                        "ibusplatforminputcontextplugin"}),
    "xcbglintegrations": frozenset({"*"}),
}

KEPT_QT_TRANSLATIONS = frozenset({"qtbase_zh_CN.qm"})

# Other files never shipped: software OpenGL (20 MB), FFmpeg, WebEngine's ICU data and
# resources, QML, Qt's tools.
_DROPPED_NAMES = re.compile(
    r"^(opengl32sw\.dll|d3dcompiler_47\.dll|(av(codec|format|util|device|filter)|sw(scale|resample))"
    r"-\d+\.dll|icudtl\.dat|qtwebengine.*|.*\.exe)$", re.IGNORECASE)
_QT_LIBRARY = re.compile(r"^(?:lib)?Qt6(\w+?)(?:\.dll|\.so(?:\.\d+)*)$", re.IGNORECASE)
_PYSIDE_EXTENSION = re.compile(r"^(Qt\w+)\.(?:pyd|abi3\.so|cpython-[^.]+\.so)$")
_DROPPED_FOLDERS = {"qml", "resources", "metatypes", "include", "typesystems", "glue",
                    "support", "scripts", "doc", "lib"}

Entry = TypeVar("Entry", bound=tuple[str, ...])


def _qt_relative(dest: str) -> PurePosixPath | None:
    """The part of a destination path inside PySide6's Qt tree, or None outside PySide6.

    Windows wheels put Qt in PySide6/ itself, Linux wheels in PySide6/Qt/."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if not parts or parts[0] != "PySide6":
        return None
    rest = parts[1:]
    if rest[:1] == ("Qt",):
        rest = rest[1:]
    if rest[:1] == ("lib",) and len(rest) == 2:  # Linux: PySide6/Qt/lib/libQt6Core.so.6
        rest = rest[1:]
    return PurePosixPath(*rest) if rest else PurePosixPath(".")


def keeps(dest: str) -> bool:
    """Whether the collected file at ``dest`` (its path inside the folder) is shipped."""
    name = PurePosixPath(dest.replace("\\", "/")).name
    if _DROPPED_NAMES.match(name):
        return False
    qt = _qt_relative(dest)
    if qt is None:
        library = _QT_LIBRARY.match(name)  # a Qt library PyInstaller placed outside PySide6
        return library is None or library.group(1) in KEPT_QT_LIBRARIES
    parts = qt.parts
    if len(parts) == 1:
        library = _QT_LIBRARY.match(name)
        if library is not None:
            return library.group(1) in KEPT_QT_LIBRARIES
        extension = _PYSIDE_EXTENSION.match(name)
        if extension is not None:  # a PySide6 module: only over a kept Qt library
            module = extension.group(1)
            return (f"PySide6.{module}" not in EXCLUDED_MODULES
                    and module.removeprefix("Qt") in KEPT_QT_LIBRARIES)
        return True  # PySide6's own runtime (pyside6.abi3.dll, the MSVC runtime, ...)
    top = parts[0]
    if top == "plugins":
        if len(parts) < 3:
            return False
        kept = KEPT_PLUGINS.get(parts[1])
        if kept is None:
            return False
        stem = re.sub(r"^lib|\.(dll|so)$", "", name)
        return "*" in kept or stem in kept
    if top == "translations":
        return name in KEPT_QT_TRANSLATIONS
    return top not in _DROPPED_FOLDERS


def prune(toc: Iterable[Entry]) -> list[Entry]:
    """The entries of a PyInstaller TOC ((dest, source, kind) tuples) that ``keeps``."""
    return [entry for entry in toc if keeps(entry[0])]


def project_version(pyproject: Path) -> str:
    """The version in pyproject.toml's [project] table."""
    meta = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return str(meta["version"])


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """A Windows file version (four numbers) from a version such as 0.1.0 or 1.2.3rc1."""
    numbers = [int(re.match(r"\d*", part).group() or 0)  # type: ignore[union-attr]
               for part in version.split(".")[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def version_info(version: str, exe_name: str, description: str) -> str:
    """PyInstaller's version file (a VSVersionInfo expression) for the program ``exe_name``."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": "调解工作台",
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": exe_name.removesuffix(".exe"),
        "LegalCopyright": "调解工作台",
        "OriginalFilename": exe_name,
        "ProductName": "调解工作台",
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404B0', [
          {table}])]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])
  ]
)
"""
