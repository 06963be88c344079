"""Dates in the Japanese console's dialogs, written and typed as a Japanese office writes them:
the schedule's closed days (saved unchanged), and the time to test a number at."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import start_console
from pytestqt.qtbot import QtBot
from test_gui_rules import closed

from application import Office
from screening.setting_values import closed_days_of
from screening.settings import Key

TIMEOUT = 10_000
STORED = "2026-08-13..2026-08-16 お盆; 12-29..01-03 年末年始"
SHOWN = "2026/08/13〜2026/08/16 お盆\n12/29〜01/03 年末年始"


def test_closed_days_read_as_japanese_dates_and_save_unchanged(
        qtbot: QtBot, db_path: Path, japanese: None) -> None:
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
        qtbot.waitUntil(lambda: closed(schedule), timeout=TIMEOUT)  # and perhaps deleted
        assert office.settings.get().closed_days == closed_days_of(STORED)
    finally:
        console.window.quit_now()
        console.close()
        office.close()


def test_a_number_is_tested_at_a_time_typed_as_the_example_shows_it(
        qtbot: QtBot, db_path: Path, japanese: None) -> None:
    """The example was ISO, 2025-01-06T09:30, a year gone and a form no office writes."""
    console = start_console(qtbot, db_path)
    try:
        explain = console.window.dialogs.open_explain()
        example = re.search(r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}", explain.at_edit.placeholderText())
        assert example is not None, explain.at_edit.placeholderText()
        explain.number_edit.setText("03-3000-1234")
        explain.at_edit.setText(example[0])
        explain.run()
        qtbot.waitUntil(lambda: bool(explain.decision()), timeout=TIMEOUT)
        assert not explain.error_label.isVisible()
        explain.reject()
    finally:
        console.window.quit_now()
        console.close()
