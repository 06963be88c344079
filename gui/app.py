"""Starting the console: Qt application, translations, the embedded listener, the qasync loop."""

from __future__ import annotations

import asyncio
import logging
import signal
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import qasync
from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication
from sqlite_utils import Database

from application import Office
from gui.bridge import ListenerBridge
from gui.single import Handover, SingleInstance, hand_over, server_name
from gui.window import ConsoleWindow
from server.listener import Listener, ListenerError
from storage.database import open_database

TRANSLATIONS = Path(__file__).parent / "i18n"
SIGNAL_WAKE_MS = 300
# How long a person's change waits for another program's write lock before it says "Not
# saved": the window cannot repaint meanwhile, so shorter than storage's usual 5 s.
GUI_BUSY_TIMEOUT_MS = 1000

log = logging.getLogger(__name__)


def report_storage_errors(window: ConsoleWindow) -> None:
    """A change that the database refuses (a rule, a setting, while another program holds the
    write lock) is told to the person who made it, not only printed where nobody looks."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        if isinstance(error, sqlite3.Error):
            log.error("a change was not saved", exc_info=(kind, error, trace))
            window.storage_refused(error)
        else:
            previous(kind, error, trace)

    sys.excepthook = hook


def install_translations(app: QApplication) -> None:
    """Qt's own strings and callgate's, in the user's language when a translation exists."""
    for name, folder in (("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         ("callgate", str(TRANSLATIONS))):
        translator = QTranslator(app)
        if translator.load(QLocale(), name, "_", folder):
            app.installTranslator(translator)


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("callgate")
    app.setQuitOnLastWindowClosed(False)
    install_translations(app)
    return app


@dataclass
class Console:
    """A shown window with its listener; `listener` is None when the port could not be bound."""

    window: ConsoleWindow
    listener: Listener | None
    db: Database

    def close(self) -> None:
        self.window.stop_watching()
        if self.listener is not None:
            self.listener.stop()
        self.db.close()


def open_console(app: QApplication, db_path: Path, host: str, port: int, *,
                 first_run_setup: bool = False) -> Console:
    """Start the listener on its own thread and show the window that watches it.

    With `first_run_setup` the reachability setup opens if it never ran (tests leave it off).
    """
    bridge = ListenerBridge(app)
    listener = Listener(db_path, host, port, bridge, watch_reachability=False)
    control: Listener | None = listener
    problem = None
    try:
        listener.start()
    except ListenerError as error:
        problem, control = str(error), None
    db = open_database(db_path)
    db.execute(f"PRAGMA busy_timeout = {GUI_BUSY_TIMEOUT_MS}")
    url = listener.url(Office.over(db).webhook.token())
    window = ConsoleWindow(db, bridge, control, url, problem,
                           db_path=db_path, local_port=listener.port)
    window.show()
    if first_run_setup:
        window.open_setup_if_first_run()
    if control is not None:
        control.set_people(1)
    return Console(window, control, db)


class QuitRequest:
    """A person's quit, or SIGTERM (logout, service stop) and Ctrl+C, all quitting gracefully.

    Signal handlers go in before the window opens, so a signal that comes early still counts.
    Python runs them only between bytecodes while Qt's loop sits in C++; a periodic no-op
    timer gives the interpreter those moments.
    """

    def __init__(self, app: QApplication) -> None:
        self._requested = False
        self._event: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: self.request())
        self._wake = QTimer(app)
        self._wake.timeout.connect(lambda: None)
        self._wake.start(SIGNAL_WAKE_MS)

    def request(self) -> None:
        self._requested = True
        if self._loop is not None and self._event is not None:
            self._loop.call_soon_threadsafe(self._event.set)

    async def wait(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._event = asyncio.Event()
        if self._requested:
            return
        await self._event.wait()


def run_console(db_path: Path, host: str, port: int) -> int:
    """Open the console; returns when a person quits, or at once when a console already runs
    with this data directory (which then comes to the front)."""
    app = application()
    name = server_name(db_path.parent)
    handed = hand_over(name)
    if handed is not Handover.NONE_RUNNING:
        return already_running(db_path.parent, handed)
    single = SingleInstance(name, app)
    single.listen()
    quit_request = QuitRequest(app)
    console = open_console(app, db_path, host, port, first_run_setup=True)
    single.show_requested.connect(console.window.bring_to_front)
    console.window.quit_confirmed.connect(quit_request.request)
    report_storage_errors(console.window)
    app.aboutToQuit.connect(quit_request.request)
    try:
        # A loop factory, not qasync.run: on Python 3.11 that installs an event-loop policy for
        # the whole process, and every worker thread's asyncio.run would then make a Qt loop.
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
            runner.run(quit_request.wait())
    finally:
        single.close()
        console.close()
    return 0


def already_running(data_dir: Path, handed: Handover) -> int:
    """One line for whoever started callgate again (a terminal, a login script's log)."""
    if handed is Handover.SHOWN:
        print(f"callgate is already running with the data directory {data_dir}; its window "
              "was brought to the front.", file=sys.stderr)
        return 0
    print(f"callgate is already running with the data directory {data_dir}, but it did not "
          "answer; if no callgate window can be found, end that process and start again.",
          file=sys.stderr)
    return 1
