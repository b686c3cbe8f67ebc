"""Files shipped inside the package: icons/, translations/ (.ts sources, .qm built), fonts/.

Found through importlib.resources, so a checkout, an installed wheel and a frozen app
(PyInstaller collects this folder) all find them the same way. No Qt here.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """The shipped file or folder ``parts`` below mediation_desk/resources/."""
    node = files(__name__)
    for part in parts:
        node = node / part
    return node
