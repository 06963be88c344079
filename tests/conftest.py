"""Shared fixtures: real SQLite files in a temp dir, a real listener on a loopback port."""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Tests read callgate's English whatever the language of the machine they run on: the console
# and the command line follow the system's locale (the language setting's `auto`), so this run,
# and every callgate a test starts as a process, has a locale without a language. A test of
# another language installs or asks for it itself (tests/test_console_japanese.py).
os.environ.pop("LANGUAGE", None)
os.environ.pop("LC_MESSAGES", None)
os.environ["LC_ALL"] = os.environ["LANG"] = "C.UTF-8"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
# The console's preferences (QSettings) of every test, and of every console a test starts as a
# process, go to a folder of this run, never to the user's own; so does its start at login.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="callgate-test-preferences-")
# So do the menu entry and the icon a console adds (desktop/xdg.py).
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="callgate-test-data-home-")

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QStyle, QTableView
from pytestqt.qtbot import QtBot
from tunnel_fakes import FakeNgrokAgent, ReverseProxy

from application import Office
from cli.console import embedded
from gui.app import open_window
from gui.history import HistoryView
from gui.preferences import Preferences
from gui.session import ConsoleSession
from gui.settings_dialog import SettingsDialog
from gui.window import ConsoleWindow
from screening.mode import Mode
from server.events import ListenerEvent
from server.listener import Listener
from server.protocol.link import LinkState
from storage.database import DB_FILENAME

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> dict[str, Any]:
    """One of commubo's reference bodies (copied from shared/samples)."""
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return data


# The modules whose tests measure time or load (a stall, a p99, an answer's deadline under
# pressure): beside another test their numbers would be partly the other's, so make test runs
# them after the rest, one at a time (marker `alone`).
ALONE = frozenset({
    "test_bench_run", "test_burst", "test_clock_jumps", "test_commands_under_load",
    "test_console_lock", "test_console_loop", "test_console_stress", "test_desk_load",
    "test_faults", "test_slow_clients", "test_soak", "test_storage_faults",
})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.stem in ALONE:
            item.add_marker(pytest.mark.alone)


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


@dataclass
class Console:
    """The console's window and the listener embedded beside it (not listening when its port
    could not be bound). Tests reach the database themselves (Office(db_path)): the window
    knows only its session."""

    window: ConsoleWindow
    listener: Listener
    db_path: Path

    def close(self) -> None:
        self.window.stop()
        self.listener.stop()


def start_console(qtbot: QtBot, db_path: Path, port: int = 0, *,
                  first_run_setup: bool = False) -> Console:
    """The real console as `make run` opens it (cli/console.py), on the console protocol alone
    with every message through its JSON form; returned once it attached."""
    listener = embedded(db_path, "127.0.0.1", port)
    window = open_window(listener.link(wire=True), db_path.parent,
                         first_run_setup=first_run_setup)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.session.snapshot is not None, timeout=5000)
    return Console(window, listener, db_path)


@pytest.fixture
def console(qtbot: QtBot, db_path: Path) -> Iterator[Console]:
    running = start_console(qtbot, db_path)
    yield running
    running.window.quit_now()
    running.close()


@pytest.fixture
def listener(db_path: Path) -> Iterator[Listener]:
    """The real listener on a free loopback port, reachability not watched."""
    running = Listener(db_path, "127.0.0.1", 0, watch_reachability=False)
    running.start()
    yield running
    running.stop()


def attached_session(qtbot: QtBot, listener: Listener, owner: QObject) -> ConsoleSession:
    """A console's session on `listener` (no window), every message through its JSON form,
    once it has its snapshot and says it is attached: two deliveries, the second of which can
    come a moment after `attached` is emitted (the link's thread posts it after the snapshot)."""
    opened = ConsoleSession(listener.link(wire=True), owner)
    opened.open()
    qtbot.waitUntil(lambda: opened.snapshot is not None
                    and opened.state is LinkState.ATTACHED, timeout=5000)
    return opened


@pytest.fixture
def session(qtbot: QtBot, listener: Listener) -> Iterator[ConsoleSession]:
    owner = QObject()  # kept here: the session is its child, deleted with it
    opened = attached_session(qtbot, listener, owner)
    yield opened
    opened.close()
    # Deleted now, not by a garbage collection that may come while Qt fires the next test's
    # timers, when deleting objects with timers of their own crashes the process.
    shiboken6.delete(owner)


def click_mode(qtbot: QtBot, console: Console, mode: Mode) -> None:
    """A click on a mode button, as a person makes it; returns once callgate answered it."""
    window = console.window
    window.mode_bar.buttons[mode].click()
    qtbot.waitUntil(lambda: window.mode.pending == 0, timeout=10_000)


def setup_done(data_dir: Path) -> None:
    """The reachability setup ran for this office (so a console started now opens without)."""
    preferences = Preferences(data_dir)
    preferences.setup_done = True
    preferences.keep()


def close_without_tray(qtbot: QtBot, console: Console) -> QMessageBox:
    """Close the window as a person does where there is no system tray: it asks to quit."""
    window = console.window
    if window.tray is not None:
        pytest.skip("this platform has a system tray; closing hides the window instead")
    window.close()
    qtbot.waitUntil(window.quit_box.isVisible, timeout=2000)
    return window.quit_box


def history_tab(window: ConsoleWindow) -> HistoryView:
    """The History tab, brought to the front as a person opens it (behind another tab it takes
    the new calls in only once it shows)."""
    window.tabs.setCurrentWidget(window.history)
    return window.history


def room_for_text(table: QTableView, column: int) -> float:
    """How wide a text a cell of `column` shows whole: the column less the grid line and the
    style's text margin on either side (measure the text with QFontMetricsF, in fractions of
    a pixel, as the style does)."""
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                            table) + 1) + (1 if table.showGrid() else 0)
    return table.columnWidth(column) - margin


@pytest.fixture
def utc_machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process runs on a machine set to UTC: what callgate shows must not depend on it."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


CATALOGUES = Path(__file__).resolve().parent.parent / "wording" / "i18n"


def compiled(language: str) -> str:
    """callgate's compiled catalogue of a language, as the setup builds it; the test fails
    when it is missing or older than its catalogue, whose words it would not show."""
    catalogue = CATALOGUES / f"callgate_{language}.ts"
    built = catalogue.with_suffix(".qm")
    if not built.exists() or built.stat().st_mtime < catalogue.stat().st_mtime:
        pytest.fail(f"{built.name} is missing or older than the catalogue: "
                    "build it (`make test` does, as the project's setup does)")
    return str(built)


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp: QApplication) -> Iterator[None]:
    """The English console's own catalogue, its plural forms (`1 call`, `4 calls`), as it
    starts with (gui/language.py): tests read what an English office reads."""
    translator = QTranslator()
    assert translator.load(compiled("en"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[None]:
    """The console's language is Japanese: callgate's catalogue as the setup compiled it, Qt's
    own (the dialogs' standard buttons) and Japanese dates, before any window is made."""
    translators = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for path in (str(Path(qt_folder) / "qtbase_ja.qm"), compiled("ja")):
        translator = QTranslator()
        assert translator.load(path), f"no {path}"
        QCoreApplication.installTranslator(translator)
        translators.append(translator)
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    yield
    QLocale.setDefault(before)
    for translator in translators:
        QCoreApplication.removeTranslator(translator)


def opened_settings(qtbot: QtBot, window: ConsoleWindow) -> SettingsDialog:
    """The settings dialog, opened from the menu as a person opens it, once it shows the
    webhook's URL (callgate's answer to it)."""
    window.dialogs.open_settings()
    qtbot.waitUntil(lambda: window.dialogs.settings is not None
                    and bool(window.dialogs.settings.url.text()), timeout=10_000)
    dialog = window.dialogs.settings
    assert dialog is not None
    return dialog


def url_of(console: Console) -> str:
    """The console's own local webhook URL."""
    return console.listener.url(Office(console.db_path).webhook.token())


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
