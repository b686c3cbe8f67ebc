"""One window per database file: a second start brings the first window forward.

The first program to open a database listens on a local socket named after the file's
resolved path; a second program (a double click on the icon again, or on the same file)
connects, asks the first to come to the front and is told its window title, so it can say
which window already has the file open, and exits without opening the database at all.
A second start given an exchange file (a double click on an .mdx) passes its path along,
and the first window shows the file's import preview.
Two windows on one file would each see the other's saves only late and confuse a user
about which one holds the latest state (the command line may still write alongside: the
window notices through ``PRAGMA data_version``).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 1500


def server_name(db_path: Path) -> str:
    """A per-user, per-file name (the path's hash: no separators or length problems)."""
    digest = hashlib.sha256(str(db_path.resolve()).encode("utf-8")).hexdigest()[:24]
    return f"mediation-desk-{digest}"


OPEN = "open "
"""The request that carries an exchange file's path (else the request is ``raise``)."""


def ask_running(name: str, open_file: Path | None = None) -> str | None:
    """The title of the window that already has the file open (it comes forward, and shows
    ``open_file``'s import preview if one is given), or None if none is running."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(TIMEOUT_MS):
        return None
    request = "raise" if open_file is None else OPEN + str(open_file.absolute())
    socket.write(request.encode("utf-8") + b"\n")
    socket.flush()
    title = ""
    if socket.waitForReadyRead(TIMEOUT_MS):
        title = bytes(socket.readAll().data()).decode("utf-8", "replace").strip()
    socket.disconnectFromServer()
    return title or "调解工作台"


class SingleInstance(QObject):
    """Claims a database file for this program; ``raise_window`` runs when asked."""

    def __init__(self, db_path: Path, raise_window: Callable[[], str],
                 parent: QObject | None = None, *,
                 open_file: Callable[[Path], None] | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self.raise_window = raise_window
        self.open_file = open_file
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._answer)

    def claim(self, open_file: Path | None = None) -> str | None:
        """Listen for later starts; return the other window's title if one is running (it
        was asked to show ``open_file``'s import preview, if given)."""
        running = ask_running(self.name, open_file)
        if running is not None:
            return running
        if not self.server.listen(self.name):
            QLocalServer.removeServer(self.name)  # a crashed program's leftover socket
            self.server.listen(self.name)
        return None

    def _answer(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                return
            request = b""
            while not request.endswith(b"\n") and socket.waitForReadyRead(TIMEOUT_MS):
                request += bytes(socket.readAll().data())
            title = self.raise_window()
            socket.write(title.encode("utf-8") + b"\n")
            socket.flush()
            socket.waitForBytesWritten(TIMEOUT_MS)
            socket.disconnectFromServer()
            line = request.decode("utf-8", "replace").strip()
            if line.startswith(OPEN) and self.open_file is not None:
                # after answering (the preview may ask questions); bound now, not at the call
                QTimer.singleShot(0, functools.partial(self.open_file, Path(line[len(OPEN):])))

    def release(self) -> None:
        self.server.close()
