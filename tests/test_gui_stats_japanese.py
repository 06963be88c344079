"""The Statistics tab in Japanese: every text of it, the chart's legend and days too, read as
tests/test_console_japanese.py reads the rest of the console (its fixtures: the console in
Japanese and the reader that fails on English)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import test_console_japanese
from conftest import Console
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from stats_history import make_history
from untranslated import Reader

from application import Office
from screening.outcomes import Outcome

TIMEOUT = 15_000
# The Japanese console's fixtures, for this module's test.
console = test_console_japanese.console
reader = test_console_japanese.reader

# The offscreen platform has no tray to connect to; that is the test platform, not callgate.
pytestmark = [pytest.mark.qt_log_ignore("systemTrayWindowChanged"),
              pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints")]


def test_the_tab_speaks_japanese(qtbot: QtBot, console: Console, reader: Reader,
                                 db_path: Path) -> None:
    make_history(db_path, datetime.now(UTC), calls=300)
    window = console.window
    tab = window.statistics
    window.show()
    with qtbot.waitSignal(tab.shown, timeout=TIMEOUT):
        window.tabs.setCurrentWidget(tab)
    reader.ignore(Office(db_path).settings.get().time_zone)
    reader.read(tab, "the statistics tab")
    reader.read_text(window.tabs.tabText(window.tabs.indexOf(tab)), "the tab's title")
    for bars in tab.chart.sets.values():
        reader.read_text(bars.label(), "the chart's legend")
    for label in tab.chart.days_axis.categoriesLabels():
        reader.read_text(label, "the chart's days")
    assert tab.chart.sets[Outcome.RULE].label() == "ルールで拒否"
    assert tab.heat_model.headerData(0, Qt.Orientation.Vertical) == "月"
    window.quit_now()  # as a person quits: the window goes without its tray notice
