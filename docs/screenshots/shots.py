"""What the screenshot scripts share: the repository on ``sys.path``, the output folder,
waiting for Qt to paint, and grabbing a widget to a PNG.

Each ``shoot_*.py`` runs as a script from this folder (``python docs/screenshots/shoot_x.py``),
so ``import shots`` finds this file; importing it puts the repository first on ``sys.path``
so that ``mediation_desk`` imports from the checkout.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported when used: some scripts only render PDFs
    from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))


def settle(app: QApplication, ms: int = 400) -> None:
    """Run the event loop for ``ms`` milliseconds, then the pending events."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def settler(default_ms: int) -> Callable[..., None]:
    """:func:`settle` waiting ``default_ms`` unless told otherwise."""
    def settle_for(app: QApplication, ms: int = default_ms) -> None:
        settle(app, ms)
    return settle_for


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    """Show ``widget``, let it paint, save it as ``OUT / name``."""
    widget.show()
    settle(app)
    widget.grab().save(str(OUT / name))
