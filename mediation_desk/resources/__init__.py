"""Files shipped inside the package: icons/, translations/ (.ts sources, .qm built), fonts/.

Found through importlib.resources, so a checkout, an installed wheel and a frozen app
(PyInstaller collects this folder) all find them the same way. No Qt here.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def resource(*parts: str) -> Traversable:
    """The shipped file or folder ``parts`` below mediation_desk/resources/."""
    node = files(__name__)
    for part in parts:
        node = node / part
    return node


def folder(*parts: str) -> Path:
    """The shipped folder ``parts`` as a file-system path (it may not exist): for what must
    be listed or handed to another library by name, such as the fonts folder."""
    node = resource(*parts)
    if isinstance(node, Path):
        return node
    frozen = getattr(sys, "_MEIPASS", None)  # a frozen app whose loader is not path-based
    base = Path(frozen) / "mediation_desk" / "resources" if frozen else Path(__file__).parent
    return base.joinpath(*parts)
