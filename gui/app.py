"""Starting the console: Qt application, translations, the embedded listener, the qasync loop."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import qasync
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from gui.bridge import ListenerBridge
from gui.window import ConsoleWindow
from server.listener import Listener, ListenerError
from storage.database import open_database
from storage.settings import SettingsStore

TRANSLATIONS = Path(__file__).parent / "i18n"


def install_translations(app: QApplication) -> None:
    """Qt's own strings and callgate's, in the user's language when a translation exists."""
    for name, folder in (("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         ("callgate", str(TRANSLATIONS))):
        translator = QTranslator(app)
        if translator.load(QLocale(), name, "_", folder):
            app.installTranslator(translator)


def run_console(db_path: Path, host: str, port: int) -> int:
    """Open the window with the listener on its own thread; returns when a person quits."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("callgate")
    app.setQuitOnLastWindowClosed(False)
    install_translations(app)
    bridge = ListenerBridge(app)
    listener = Listener(db_path, host, port, bridge)
    control: Listener | None = listener
    problem = None
    try:
        listener.start()
    except ListenerError as error:
        problem, control = str(error), None
    db = open_database(db_path)
    url = listener.url(SettingsStore(db).webhook_token())
    window = ConsoleWindow(db, bridge, control, url, problem)
    window.show()
    if control is not None:
        control.set_people(1)

    async def until_quit() -> None:
        quit_requested = asyncio.Event()
        window.quit_confirmed.connect(quit_requested.set)
        app.aboutToQuit.connect(quit_requested.set)
        await quit_requested.wait()

    try:
        if sys.version_info >= (3, 12):
            asyncio.run(until_quit(), loop_factory=qasync.QEventLoop)
        else:
            qasync.run(until_quit())
    finally:
        if control is not None:
            control.stop()
        db.close()
    return 0
