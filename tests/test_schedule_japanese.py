"""The schedule in Japanese writes the office's closed days as a Japanese office writes dates,
and saving them changes nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import start_console
from pytestqt.qtbot import QtBot
from test_console_japanese import japanese  # noqa: F401 (a fixture)

from application import Office
from screening.setting_values import closed_days_of
from screening.settings import Key

STORED = "2026-08-13..2026-08-16 お盆; 12-29..01-03 年末年始"
SHOWN = "2026/08/13〜2026/08/16 お盆\n12/29〜1/3 年末年始"


def test_closed_days_read_as_japanese_dates_and_save_unchanged(
        qtbot: QtBot, db_path: Path, japanese: None) -> None:  # noqa: F811
    """They showed as stored, 2026-08-13..2026-08-16, beside dates written 2026/08/13 everywhere
    else in the console."""
    office = Office(db_path)
    office.settings.save({Key.CLOSED_DAYS: STORED, Key.SCHEDULE: "on"})
    console = start_console(qtbot, db_path)
    try:
        schedule = console.window.dialogs.open_schedule()
        assert schedule.closed_days.toPlainText() == SHOWN
        assert "/08/13〜" in schedule.closed_days.placeholderText()
        schedule.save()
        qtbot.waitUntil(lambda: not schedule.isVisible(), timeout=10_000)
        assert office.settings.get().closed_days == closed_days_of(STORED)
    finally:
        console.window.quit_now()
        console.close()
        office.close()
