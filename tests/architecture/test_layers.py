"""The layers as STYLE.md draws them, checked by parsing every module's imports.

* only ``ui/`` and ``app.py`` import PySide6;
* only ``storage/`` imports ``sqlite3`` / ``sqlite_utils`` (the driver) and holds SQL text;
* ``domain/`` imports nothing of the other layers;
* no layer below ``services`` imports ``services`` or ``ui``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "mediation_desk"
MODULES = sorted(PKG.rglob("*.py"))
SQL = re.compile(r"^\s*(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                 r"CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|PRAGMA\s|BEGIN\b|COMMIT\b|ROLLBACK\b)",
                 re.IGNORECASE | re.DOTALL)


def layer(path: Path) -> str:
    rel = path.relative_to(PKG)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imported(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = ["mediation_desk", *path.relative_to(PKG).parent.parts]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)
    return out


def strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_qt_only_in_ui_and_app(path):
    if layer(path) in ("ui", "app"):
        return
    qt = sorted(m for m in imported(path) if m.split(".")[0] in ("PySide6", "shiboken6"))
    assert qt == [], f"{path.name} imports {qt}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_driver_and_sql_only_in_storage(path):
    if layer(path) == "storage":
        return
    driver = sorted(m for m in imported(path) if m.split(".")[0] in ("sqlite3", "sqlite_utils"))
    assert driver == [], f"{path.name} imports {driver}"
    sql = [s[:60] for s in strings(path) if SQL.match(s)]
    assert sql == [], f"{path.name} holds SQL: {sql}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_dependencies_point_one_way(path):
    below = {"domain": {"storage", "services", "documents", "exchange", "reports", "ui", "cli",
                        "app"},
             "storage": {"services", "documents", "exchange", "reports", "ui", "cli", "app"},
             "documents": {"services", "ui", "cli", "app", "storage"},
             "exchange": {"services", "ui", "cli", "app", "storage"},
             "reports": {"ui", "cli", "app"},
             "services": {"ui", "cli", "app"}}
    forbidden = below.get(layer(path), set())
    bad = sorted(m for m in imported(path)
                 if m.startswith("mediation_desk.") and m.split(".")[1] in forbidden)
    assert bad == [], f"{path.name} ({layer(path)}) imports {bad}"
