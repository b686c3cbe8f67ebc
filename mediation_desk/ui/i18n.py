"""Interface language: Qt translators, translated strings outside widgets, dates.

English is the source language in code (``tr()`` / ``QCoreApplication.translate``);
``mediation_desk/resources/translations/mediation_desk_zh_CN.qm`` turns it into Chinese,
which is the default. It ships inside the package and is found through importlib.resources,
so an installed wheel and a frozen app are Chinese as a checkout is. Rebuild after changing
strings (the .ts and .qm are written in the source tree's folder)::

    .venv/bin/python -m mediation_desk.ui.i18n   # runs pyside6-lupdate + pyside6-lrelease
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from importlib.resources import as_file
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..resources import resource

PACKAGE = Path(__file__).resolve().parents[1]
TRANSLATIONS = PACKAGE / "resources" / "translations"
"""Where lupdate and lrelease write (the source tree); loading goes through resource()."""
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def current_language() -> str:
    return _current


def install(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> bool:
    """Switch the application's translators to ``language``; False if a file was missing."""
    global _current
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    _current = language if language in LANGUAGES else DEFAULT_LANGUAGE
    if _current == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ok = True
    ours = QTranslator(app)
    if load_ours(ours, _current):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        ok = False
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)  # standard buttons (OK, Cancel, ...) in Chinese
    if qtbase.load(f"qtbase_{_current}", qt_dir):
        app.installTranslator(qtbase)
        _installed.append(qtbase)
    return ok


def load_ours(translator: QTranslator, language: str) -> bool:
    """Load the program's own catalogue for ``language`` from the package; False if missing."""
    qm = resource("translations", f"mediation_desk_{language}.qm")
    if not qm.is_file():
        return False
    with as_file(qm) as path:
        return translator.load(str(path))


def tr(context: str, text: str) -> str:
    """Translate ``text`` outside a QObject (lupdate finds QCoreApplication.translate calls)."""
    return QCoreApplication.translate(context, text)


def format_date(d: date | None) -> str:
    """A date for the screen: 2026年11月27日 in Chinese, 2026-11-27 in English."""
    if d is None:
        return ""
    if _current == "zh_CN":
        from ..domain.formatting import format_cn_date

        return format_cn_date(d)
    return d.isoformat()


def source_files() -> list[Path]:
    """Python files holding translatable strings (everything Qt: ui/ and app.py)."""
    return sorted([PACKAGE / "app.py", *(PACKAGE / "ui").rglob("*.py")])


def build(update: bool = True, folder: Path = TRANSLATIONS) -> None:
    """Run pyside6-lupdate (refresh the .ts) and pyside6-lrelease (build the .qm) in
    ``folder`` (the package's translations folder; a test passes a copy)."""
    bindir = Path(sys.executable).parent
    folder.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        if lang == "en":
            continue
        ts = folder / f"mediation_desk_{lang}.ts"
        if update:
            subprocess.run([str(bindir / "pyside6-lupdate"), "-no-obsolete",
                            *map(str, source_files()), "-ts", str(ts)], check=True)
            if lang == "zh_CN":
                fill_translations(ts, label_translations())
        subprocess.run([str(bindir / "pyside6-lrelease"), str(ts), "-qm",
                        str(ts.with_suffix(".qm"))], check=True)


def label_translations() -> dict[str, str]:
    """English label source -> the domain's Chinese label (one source of truth)."""
    from .labels import all_sources

    return {source: member.label for member, source in all_sources().items()}


def fill_translations(ts: Path, table: dict[str, str], *, overwrite: bool = False) -> int:
    """Put translations from ``table`` into unfinished messages of a .ts file; count them."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or source not in table:
            continue
        if translation.get("type") != "unfinished" and not overwrite:
            continue
        translation.attrib.pop("type", None)
        translation.text = None
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            ET.SubElement(translation, "numerusform").text = table[source]
        else:
            translation.text = table[source]
        filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def unfinished(ts: Path) -> list[str]:
    """Source strings of a .ts file that have no finished translation."""
    import xml.etree.ElementTree as ET

    out = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        text = "".join(translation.itertext()) if translation is not None else ""
        if translation is None or translation.get("type") in ("unfinished", "vanished",
                                                               "obsolete") or not text.strip():
            out.append(message.findtext("source") or "")
    return out


if __name__ == "__main__":
    build(update="--release-only" not in sys.argv)
