"""The console's session to the real listener, for tests of the views that run on it: a real
Listener on a loopback port (without reachability checks) and a ConsoleSession over its
in-process link, every message through its JSON form as over a network.

Import the fixtures by name into a test module (`from session_fixtures import listener,
session`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from application import Office
from gui.session import ConsoleSession
from server.listener import Listener


@pytest.fixture
def listener(db_path: Path) -> Iterator[Listener]:
    running = Listener(db_path, "127.0.0.1", 0, watch_reachability=False)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def session(qtbot: QtBot, listener: Listener) -> Iterator[ConsoleSession]:
    owner = QObject()
    opened = ConsoleSession(listener.link(wire=True), owner)
    with qtbot.waitSignal(opened.attached, timeout=5000):
        opened.open()
    yield opened
    opened.close()


def webhook_url(listener: Listener, db_path: Path) -> str:
    """Where commubo posts to this listener, with the office's token."""
    return listener.url(Office(db_path).webhook.token())
