"""Starting the console: the Qt application in its language (gui/language.py), one console per
data directory, the window on its session with callgate, and the qasync loop until a person
quits.

The console is a client of callgate's listener: whoever starts it (cli/console.py, with the
listener embedded) hands it the means to start that listener and reach it through the console
protocol. Nothing here knows more of callgate than that protocol.
"""

from __future__ import annotations

import asyncio
import gc
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.assets import ICON_NAME
from gui import language
from gui.preferences import APPLICATION, ORGANISATION
from gui.session import ConsoleSession
from gui.single import Handover, SingleInstance, hand_over, server_name
from gui.tray import app_icon
from gui.window import ConsoleWindow
from screening.setting_values import Language
from server.protocol.link import ConsoleLink

SIGNAL_WAKE_MS = 300


class Embedded(Protocol):
    """The listener a console starts beside itself (server.listener.Listener)."""

    def link(self) -> ConsoleLink: ...

    def stop(self) -> None: ...


def application(setting: Language = Language.AUTO) -> QApplication:
    """The Qt application, speaking the language `setting` chooses."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    # Its windows belong to its menu entry (desktop/xdg.py): the taskbar shows its icon.
    app.setDesktopFileName(ICON_NAME)
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    language.install(app, setting)
    return app


def open_window(link: ConsoleLink, data_dir: Path, *,
                first_run_setup: bool = False) -> ConsoleWindow:
    """The window on a session over `link`, shown; it fills in once the session attaches.
    With `first_run_setup` the reachability setup opens if it never ran (tests leave it off)."""
    session = ConsoleSession(link)
    window = ConsoleWindow(session, data_dir, first_run_setup=first_run_setup)
    session.setParent(window)
    window.show()
    session.open()
    return window


def keep_long_lived() -> None:
    """What starting made (modules, Qt's wrappers, caches) lives as long as the console: out of
    the garbage collector's sight, a full collection during a burst of calls scans only what
    came since. Scanning it all stalled the window for 50 ms (bench/stall.py). Collection was
    off while starting (main.py)."""
    gc.collect()
    gc.freeze()
    gc.enable()


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


def run_console(start: Callable[[], Embedded], data_dir: Path,
                setting: Language = Language.AUTO) -> int:
    """Open the console for the office in `data_dir`, in the language `setting` chooses;
    returns when a person quits, or at once when a console already runs for it (which then
    comes to the front). `start` starts the listener: only once no other console answered, so
    a second start touches nothing."""
    app = application(setting)
    name = server_name(data_dir)
    handed = hand_over(name)
    if handed is not Handover.NONE_RUNNING:
        return already_running(data_dir, handed)
    single = SingleInstance(name, app)
    single.listen()
    quit_request = QuitRequest(app)
    listener = start()
    window = open_window(listener.link(), data_dir, first_run_setup=True)
    keep_long_lived()
    single.show_requested.connect(window.bring_to_front)
    window.quit_confirmed.connect(quit_request.request)
    app.aboutToQuit.connect(quit_request.request)
    try:
        # A loop factory, not qasync.run: on Python 3.11 that installs an event-loop policy for
        # the whole process, and every worker thread's asyncio.run would then make a Qt loop.
        with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
            runner.run(quit_request.wait())
    finally:
        single.close()
        window.stop()
        listener.stop()
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
