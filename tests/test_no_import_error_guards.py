"""No ``except ImportError`` that hides a broken module (issue 8, item 11).

A guard like ``try: from .cli_exchange import ... except ImportError: pass`` turns a
syntax error or a bad import inside our own module into a verb that silently vanishes.
Every module under ``mediation_desk/`` is parsed (never imported) and each handler that
catches ``ImportError`` or ``ModuleNotFoundError`` (alone, in a tuple, or through
``contextlib.suppress``) is reported.

``ALLOWED`` names the guards that exist today. It only shrinks: an entry whose guard is
gone fails the test too, so whoever removes a guard removes its entry.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mediation_desk"
CAUGHT = {"ImportError", "ModuleNotFoundError"}

# (file, enclosing function or "<module>", modules imported inside the guarded block)
# empty now: the last guards (main_window's screens, pdf_preview's QtPdf) are gone
ALLOWED: set[tuple[str, str, tuple[str, ...]]] = set()


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):  # builtins.ImportError
        return node.attr
    return ""


def _catches_import_error(node: ast.expr | None) -> bool:
    if node is None:
        return False  # a bare except is another matter (and ruff's E722)
    if isinstance(node, ast.Tuple):
        return any(_name(e) in CAUGHT for e in node.elts)
    return _name(node) in CAUGHT


def _imported(body: list[ast.stmt]) -> tuple[str, ...]:
    out: list[str] = []
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Import):
                out += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                out.append("." * node.level + node.module)
            elif isinstance(node, ast.ImportFrom):  # from . import x
                out += ["." * node.level + a.name for a in node.names]
    return tuple(out)


class _Finder(ast.NodeVisitor):
    def __init__(self, file: str) -> None:
        self.file = file
        self.scope: list[str] = []
        self.found: list[tuple[tuple[str, str, tuple[str, ...]], int]] = []

    def _enter(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _enter

    def _report(self, body: list[ast.stmt], line: int) -> None:
        where = ".".join(self.scope) or "<module>"
        self.found.append(((self.file, where, _imported(body)), line))

    def _try(self, node: ast.Try | ast.TryStar) -> None:
        if any(_catches_import_error(h.type) for h in node.handlers):
            self._report(node.body, node.lineno)
        self.generic_visit(node)

    def visit_Try(self, node: ast.Try) -> None:
        self._try(node)

    def visit_TryStar(self, node: ast.TryStar) -> None:
        self._try(node)

    def visit_With(self, node: ast.With) -> None:
        for item in node.items:
            call = item.context_expr
            if (isinstance(call, ast.Call) and _name(call.func) == "suppress"
                    and any(_catches_import_error(a) for a in call.args)):
                self._report(node.body, node.lineno)
        self.generic_visit(node)


def find_guards() -> list[tuple[tuple[str, str, tuple[str, ...]], int]]:
    """Every ImportError guard under mediation_desk/, with its line."""
    found: list[tuple[tuple[str, str, tuple[str, ...]], int]] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        file = path.relative_to(PACKAGE).as_posix()
        finder = _Finder(file)
        finder.visit(ast.parse(path.read_text("utf-8"), filename=str(path)))
        found += finder.found
    return found


def test_no_new_import_error_guards() -> None:
    new = [f"mediation_desk/{key[0]}:{line} in {key[1]} (imports {', '.join(key[2])})"
           for key, line in find_guards() if key not in ALLOWED]
    assert not new, ("an `except ImportError` hides a broken module; import it plainly "
                     "(a missing module should fail loudly):\n" + "\n".join(new))


def test_the_allowlist_only_shrinks() -> None:
    present = {key for key, _line in find_guards()}
    stale = sorted(ALLOWED - present)
    assert not stale, f"guards removed: delete these entries from ALLOWED: {stale}"


def test_the_finder_sees_every_form() -> None:
    source = (
        "import contextlib\n"
        "try:\n    import a\nexcept ImportError:\n    pass\n"
        "def f():\n    try:\n        from .b import c\n"
        "    except (ValueError, ModuleNotFoundError):\n        pass\n"
        "with contextlib.suppress(ImportError):\n    import d\n"
        "try:\n    import e\nexcept ValueError:\n    pass\n"
    )
    finder = _Finder("x.py")
    finder.visit(ast.parse(source))
    assert [key for key, _line in finder.found] == [
        ("x.py", "<module>", ("a",)), ("x.py", "f", (".b",)), ("x.py", "<module>", ("d",))]
