"""Shared fixtures: real SQLite files in a temp dir, a real listener on a loopback port."""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from tunnel_fakes import FakeNgrokAgent, ReverseProxy

from application import Office
from gui.app import Console, open_console
from server.events import ListenerEvent
from server.listener import Listener
from storage.database import DB_FILENAME

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> dict[str, Any]:
    """One of commubo's reference bodies (copied from shared/samples)."""
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return data


@dataclass
class EventLog:
    """A thread-safe record of what the listener reported."""

    events: list[ListenerEvent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, event: ListenerEvent) -> None:
        with self.lock:
            self.events.append(event)

    def of(self, kind: type) -> list[Any]:
        with self.lock:
            return [event for event in self.events if isinstance(event, kind)]


@dataclass
class Running:
    listener: Listener
    db_path: Path
    token: str
    events: EventLog

    @property
    def url(self) -> str:
        return self.listener.url(self.token)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.listener.port}"


@dataclass
class Answer:
    status: int
    body: dict[str, Any]


def encode_body(body: bytes | dict[str, Any] | str) -> bytes:
    """A body as it goes on the wire: dicts as UTF-8 JSON, text as UTF-8, bytes as they are."""
    if isinstance(body, dict):
        return json.dumps(body, ensure_ascii=False).encode()
    return body.encode() if isinstance(body, str) else body


def post(url: str, body: bytes | dict[str, Any] | str,
         content_type: str | None = "application/json") -> Answer:
    """A real HTTP POST, the way commubo sends one; never raises on an error status."""
    request = urllib.request.Request(url, data=encode_body(body), method="POST")
    if content_type is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, json.loads(response.read() or b"{}"))
    except urllib.error.HTTPError as error:
        return Answer(error.code, json.loads(error.read() or b"{}"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / DB_FILENAME


@pytest.fixture
def running(db_path: Path) -> Iterator[Running]:
    """The real listener on a free loopback port, with its own database file."""
    token = Office(db_path).webhook.token()
    events = EventLog()
    listener = Listener(db_path, "127.0.0.1", 0, events)
    listener.start()
    yield Running(listener, db_path, token, events)
    listener.stop()


def start_console(qtbot: QtBot, db_path: Path, port: int = 0) -> Console:
    """The real console (window and embedded listener) as `make run` opens it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    console = open_console(app, db_path, "127.0.0.1", port)
    qtbot.addWidget(console.window)
    return console


@pytest.fixture
def console(qtbot: QtBot, db_path: Path) -> Iterator[Console]:
    running = start_console(qtbot, db_path)
    yield running
    running.window.quit_now()
    running.close()


def close_without_tray(qtbot: QtBot, console: Console) -> QMessageBox:
    """Close the window as a person does where there is no system tray: it asks to quit."""
    window = console.window
    if window.tray is not None:
        pytest.skip("this platform has a system tray; closing hides the window instead")
    window.close()
    qtbot.waitUntil(window.quit_box.isVisible, timeout=2000)
    return window.quit_box


def url_of(console: Console) -> str:
    """The console's own local webhook URL."""
    assert console.listener is not None
    return console.listener.url(Office.over(console.db).webhook.token())


@pytest.fixture
def agent() -> Iterator[FakeNgrokAgent]:
    """A fake ngrok agent's local API on a loopback port."""
    server = FakeNgrokAgent()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def proxy() -> Iterator[ReverseProxy]:
    """A tunnel's public end on a loopback port (set its `target_port`)."""
    server = ReverseProxy()
    server.start()
    yield server
    server.stop()
