"""The console's own preferences (window geometry, setup done, tray notice shown) live in Qt's
per-user settings, keyed by the office's data directory, never in the database the listener
watches: a resize must not make it reread every rule (issue 11, point 5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import start_console
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from gui.preferences import Preferences
from storage.database import migrations, open_database
from storage.settings import SettingsTable


def stored_settings(db_path: Path) -> dict[str, str]:
    db = open_database(db_path)
    try:
        return SettingsTable(db).stored()
    finally:
        db.close()


def test_closing_the_window_changes_nothing_in_the_database(qtbot: QtBot, db_path: Path) -> None:
    console = start_console(qtbot, db_path)
    before = stored_settings(db_path)
    console.window.resize(700, 500)
    console.window.quit_now()
    console.close()
    assert stored_settings(db_path) == before
    assert Preferences(db_path.parent).geometry is not None


def test_each_office_has_preferences_of_its_own(tmp_path: Path) -> None:
    first, second = Preferences(tmp_path / "a"), Preferences(tmp_path / "b")
    first.setup_done = True
    first.keep()
    assert Preferences(tmp_path / "a").setup_done
    assert not second.setup_done and not Preferences(tmp_path / "b").tray_notice_shown


def test_an_earlier_callgates_console_rows_leave_the_settings(db_path: Path) -> None:
    plain = Database(db_path)
    migrations.apply(plain, stop_before="0009_console_preferences_out")
    plain.execute("INSERT INTO settings (key, value) VALUES ('ui.geometry', 'AAAA'), "
                  "('ui.setup-done', 'yes'), ('mode', 'ask')")
    plain.conn.commit()
    plain.close()

    open_database(db_path).close()  # applies the rest

    with sqlite3.connect(db_path) as db:
        keys = {key for (key,) in db.execute("SELECT key FROM settings")}
    assert "mode" in keys and not [key for key in keys if key.startswith("ui.")]
