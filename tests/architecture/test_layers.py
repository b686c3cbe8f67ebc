"""The layers as STYLE.md draws them, checked by parsing every module's imports.

* only ``ui/`` and ``app.py`` import PySide6;
* only ``storage/`` imports ``sqlite3`` / ``sqlite_utils`` (the driver) and holds SQL text;
* outside ``storage/`` nothing reaches a store's raw handle (``.db``) or hands storage a SQL
  fragment: services ask the repositories (``store.cases.page(...)``) in their own words;
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
             "security": {"storage", "services", "documents", "exchange", "reports", "ui", "cli",
                          "app"},
             "services": {"ui", "cli", "app"}}
    forbidden = below.get(layer(path), set())
    bad = sorted(m for m in imported(path)
                 if m.startswith("mediation_desk.") and m.split(".")[1] in forbidden)
    assert bad == [], f"{path.name} ({layer(path)}) imports {bad}"


# -- the raw handle and SQL fragments stay in storage/ ----------------------------------
FRAGMENT = re.compile(
    r"\(\?(\s*,\s*\?)*\)"            # a placeholder list: (?), (?, ?)
    r"|\?\s*,\s*\?"                    # placeholders joined for an IN list
    r"|[=<>]\s*\?"                     # column = ?
    r"|\bIN\s*\("                      # id IN (
    r"|\b(WHERE|ORDER\s+BY|GROUP\s+BY|IS\s+(NOT\s+)?NULL|SELECT|LIMIT\s+\d)\b"
    r"|\b(AND|OR)\s+\w+\s*(=|<|>|\bIN\b|\bLIKE\b)")
# storage functions whose parameters are SQL (a WHERE clause, a statement): storage-only
TAKES_SQL = {"select", "load_where", "where_clause", "execute", "executemany", "query"}
ARGPARSE = {"args"}  # ``args.db`` is the command line's --db option, not a connection


def storage_names(tree: ast.AST, path: Path) -> set[str]:
    """Local names bound to ``mediation_desk.storage`` modules or their members."""
    package = ["mediation_desk", *path.relative_to(PKG).parent.parts]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for a in node.names:
                if f"{mod}.{a.name}".startswith("mediation_desk.storage"):
                    out.add(a.asname or a.name)
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("mediation_desk.storage"):
                    out.add(a.asname or a.name.split(".")[0])
    return out


def _root(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _texts(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant)
                and isinstance(v.value, str)]
    return []


def raw_handle_uses(source: str) -> list[str]:
    """Every ``<x>.db`` in ``source`` (but the command line's ``args.db``)."""
    return [f"line {n.lineno}: {ast.unparse(n)}" for n in ast.walk(ast.parse(source))
            if isinstance(n, ast.Attribute) and n.attr == "db"
            and not (isinstance(n.value, ast.Name) and n.value.id in ARGPARSE)]


def sql_fragments(source: str, path: Path) -> list[str]:
    """Calls that pass SQL text to storage: a fragment-looking string argument, or any
    call of a storage function that takes SQL (``select(db, entity, "1", [])``)."""
    tree = ast.parse(source)
    storage = storage_names(tree, path)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in TAKES_SQL and _root(func) in storage:
            found.append(f"line {node.lineno}: {ast.unparse(func)}(...) takes SQL")
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            found += [f"line {node.lineno}: {text!r}" for text in _texts(arg)
                      if FRAGMENT.search(text)]
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_no_raw_handle_outside_storage(path):
    if layer(path) == "storage":
        return
    uses = raw_handle_uses(path.read_text("utf-8"))
    assert uses == [], f"{path.name} reaches the raw database handle: {uses}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_no_sql_fragments_outside_storage(path):
    if layer(path) == "storage":
        return
    found = sql_fragments(path.read_text("utf-8"), path)
    assert found == [], f"{path.name} hands storage SQL: {found}"


def test_the_checks_see_what_they_look_for():
    """The checkers themselves: what services used to write is caught, ordinary code is not."""
    path = PKG / "services" / "example.py"
    bad = """
from ..storage import exchange as xs
from ..storage.records import load_where

def collect(store, ids, code):
    db = store.db
    rows = xs.select(db, "cases", f"id IN ({','.join('?' * len(ids))})", ids)
    rows += xs.select(db, "holiday_notices", "1", [])
    rows += load_where(db, "agreements", object, "case_id = ?", [ids[0]])
    rows += store.exchange.rows("source IN (?, ?)", ["a", "b"])
    return rows, s.store.db.conn
"""
    assert len(raw_handle_uses(bad)) == 2
    found = sql_fragments(bad, path)
    assert len(found) == 6, found
    good = """
import re
from ..storage.store import Store

def collect(store, args, ids):
    PHONE = re.compile(r"((?:\\+86|0086)[\\s-]?)?(1[3-9]\\d{9})")
    print(f"已创建数据库 {args.db}", "确认仍要继续吗？", "Really delete?")
    return store.exchange.cases_with_ids(ids), store.directory.setting("desk_kind", "center")
"""
    assert raw_handle_uses(good) == []
    assert sql_fragments(good, path) == []
