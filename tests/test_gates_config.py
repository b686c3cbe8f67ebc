"""The mypy gate's ui allowlist hides only Qt code (issue 8, item 11).

pyproject.toml's ``[tool.mypy]`` override with ``ignore_errors = true`` is the ui allowlist:
it names each ui module (and app) that is not yet clean. A core module (domain, storage,
services, exchange, documents, reports, cli) must never be hidden there.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _allowlist() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text("utf-8"))
    out: list[str] = []
    for override in config["tool"]["mypy"].get("overrides", []):
        if override.get("ignore_errors"):
            modules = override["module"]
            out += [modules] if isinstance(modules, str) else modules
    return out


def test_the_ui_allowlist_names_only_ui_modules() -> None:
    wrong = [m for m in _allowlist()
             if not (m == "mediation_desk.app" or m.startswith("mediation_desk.ui."))]
    assert not wrong, f"only ui modules may be in the mypy allowlist: {wrong}"


def test_the_ui_allowlist_names_modules_not_patterns() -> None:
    assert not [m for m in _allowlist() if "*" in m], "name each module, no wildcard"
