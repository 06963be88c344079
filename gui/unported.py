"""The one remaining exception to gui/'s contract (tests/test_layers.py), until the History and
Rules tabs are ported onto the console session (issue 11, branch i11-gui-lists): the old tabs
(gui/history.py, gui/rules.py) still read and write callgate's database themselves, through a
connection of their own on the GUI thread. Everything the window did to keep them current is
here, so that porting them deletes this module and changes the two lines that make them.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QTimer
from sqlite_utils import Database

from gui.history import HistoryView
from gui.rules import RulesView
from gui.session import ConsoleSession
from server.protocol.messages import ConfigChanged
from storage.database import DB_FILENAME, open_database

# How long one of the old tabs' changes waits for another program's write lock before it says
# "Not saved": the window cannot repaint meanwhile.
BUSY_TIMEOUT_MS = 1000
HISTORY_REFRESH_MS = 500
EXPIRY_CHECK_MS = 1000

log = logging.getLogger(__name__)


def tabs_database(data_dir: Path) -> Database:
    db = open_database(data_dir / DB_FILENAME)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


class OldTabs(QObject):
    """Keeps the old tabs current from the session's events: the history takes new calls in
    within HISTORY_REFRESH_MS (one query for all that came meanwhile), the rules reread when
    they changed and when a shown rule expires."""

    def __init__(self, session: ConsoleSession, db: Database, history: HistoryView,
                 rules: RulesView) -> None:
        super().__init__(history)
        self._db = db
        self._history = history
        self._rules = rules
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(HISTORY_REFRESH_MS)
        self._refresh.timeout.connect(history.refresh)
        self._expiry = QTimer(self)
        self._expiry.setInterval(EXPIRY_CHECK_MS)
        self._expiry.timeout.connect(lambda: rules.refresh_if_expired())
        self._expiry.start()
        self._stopped = False
        session.call_decided.connect(self._refresh_soon)
        session.storage_recovered.connect(self._refresh_soon)
        session.config_changed.connect(self._config_changed)

    def _refresh_soon(self) -> None:
        """A timer already running is not restarted: calls coming faster than that must not
        postpone the history's update until they pause."""
        if not self._stopped and not self._refresh.isActive():
            self._refresh.start()

    def _config_changed(self, changed: ConfigChanged) -> None:
        if changed.rules and not self._stopped:
            self._rules.refresh()

    def stop(self) -> None:
        """Before the window goes: nothing reads the database afterwards."""
        self._stopped = True
        self._refresh.stop()
        self._expiry.stop()
        self._history.export.cancel()
        self._db.close()


def report_storage_errors(not_saved: Callable[[str], None]) -> None:
    """A change an old tab made that the database refused (another program holds the write
    lock) is told to the person who made it, not only printed where nobody looks."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        if isinstance(error, sqlite3.Error):
            log.error("a change was not saved", exc_info=(kind, error, trace))
            not_saved(str(error))
        else:
            previous(kind, error, trace)

    sys.excepthook = hook
