"""What the logged-in account may press: the services' own permission rules, shown.

A control whose operation the account's role may not run is disabled with the reason (the
service's Chinese sentence) as its tooltip, or hidden where a page would otherwise enable
it again by its own state. The services refuse anyway (``services/access.py``); this only
keeps a person from pressing what would be refused.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ..domain.access import MATRIX
from .context import Services

REFUSED = "refused"
"""The property a refused control carries (its reason), for tests and the lock screen."""


def refuse(control: QWidget | QAction, why: str) -> None:
    """Disable ``control`` with ``why`` as its tooltip."""
    control.setEnabled(False)
    control.setToolTip(why)
    control.setProperty(REFUSED, why)


def guard(services: Services, action: str, *controls: QWidget | QAction,
          hide: bool = False) -> bool:
    """Refuse (or hide) ``controls`` unless the account may run ``action``; True if it may."""
    assert action in MATRIX, f"no such operation in the permission table: {action}"
    why = services.why_not(action)
    if not why:
        return True
    for control in controls:
        if hide:
            control.setVisible(False)
            control.setProperty(REFUSED, why)
        else:
            refuse(control, why)
    return False
