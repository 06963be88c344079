"""One console per data directory: a second start asks the running console to come to the front
and exits, instead of opening a second window, tray icon and listener on a port in use.

The consoles meet at a local socket (a named pipe on Windows) named after the data directory,
so two offices' data directories on one desktop are two consoles. The second start asks before
its listener starts; the running console answers once its window is in front.
"""

from __future__ import annotations

import hashlib
import logging
import os
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

SHOW = b"show\n"
SHOWN = b"shown\n"
CONNECT_TIMEOUT_MS = 1000
# The running console answers from its event loop, which may still be opening its window.
ANSWER_TIMEOUT_MS = 10_000


def server_name(data_dir: Path) -> str:
    """The same for every start with this data directory, however it was written."""
    where = os.path.normcase(str(data_dir.resolve()))
    return f"callgate-{hashlib.sha256(where.encode()).hexdigest()[:32]}"


class Handover(Enum):
    NONE_RUNNING = "none running"
    SHOWN = "shown"
    NO_ANSWER = "no answer"


def hand_over(name: str) -> Handover:
    """Ask a console running under `name` to come to the front. Waits (only at start-up, before
    any window) at most CONNECT_TIMEOUT_MS to find one and ANSWER_TIMEOUT_MS for its answer."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return Handover.NONE_RUNNING
    socket.write(SHOW)
    socket.flush()
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(ANSWER_TIMEOUT_MS):
        answer += socket.readAll().data()
    socket.abort()
    return Handover.SHOWN if answer == SHOWN else Handover.NO_ANSWER


class SingleInstance(QObject):
    """The running console's end: `show_requested` when a second start asks for the window."""

    show_requested = Signal()

    def __init__(self, name: str, parent: QObject) -> None:
        super().__init__(parent)
        self._name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._connected)

    def listen(self) -> bool:
        """Take the name. A console killed outright leaves its socket file on Unix; nothing
        answered there (hand_over came first), so it is removed."""
        if self._server.listen(self._name):
            return True
        QLocalServer.removeServer(self._name)
        if self._server.listen(self._name):
            return True
        log.warning("a second start of callgate will not find this one: %s",
                    self._server.errorString())
        return False

    def close(self) -> None:
        self._server.close()

    @Slot()
    def _connected(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            if socket.readLine().data() == SHOW:
                self.show_requested.emit()
                socket.write(SHOWN)
                socket.flush()
