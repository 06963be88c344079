"""The Statistics tab of the real console (its listener embedded, every message through its JSON
form) over a generated history: it shows the figures SQL finds in the same file, follows the
period chosen, blocks a candidate in one click, and saves itself as a PNG picture."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import Console, start_console
from PySide6.QtCore import QLocale
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from stats_history import CUSTOMERS, REPEATERS, History, make_history
from test_statistics import OUTCOME_SQL, _window

from application import Office
from gui.stats import StatisticsTab
from gui.stats.chart import DayChart
from gui.stats.tables import NUMBER_ROLE, CallerColumn
from screening.outcomes import Outcome
from screening.rules import Action
from server.protocol.messages import DayCount

TIMEOUT = 15_000


@pytest.fixture
def history(db_path: Path) -> History:
    return make_history(db_path, datetime.now(UTC), calls=1500)


@pytest.fixture
def shown(qtbot: QtBot, db_path: Path, history: History) -> Iterator[tuple[Console, StatisticsTab]]:
    """The console open on its Statistics tab, the figures drawn."""
    console = start_console(qtbot, db_path)
    window = console.window
    tab = window.statistics
    window.show()
    with qtbot.waitSignal(tab.shown, timeout=TIMEOUT):
        window.tabs.setCurrentWidget(tab)
    yield console, tab
    window.quit_now()
    console.close()


def _sql(db_path: Path, query: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db_path) as db:
        return db.execute(query, params).fetchall()


def _chart_days(tab: StatisticsTab) -> list[dict[Outcome, int]]:
    sets = tab.chart.sets
    days = sets[Outcome.ACCEPTED].count()
    return [{kind: int(bars.at(n)) for kind, bars in sets.items()} for n in range(days)]


def test_the_tab_draws_the_figures_sql_counts(
        shown: tuple[Console, StatisticsTab], db_path: Path) -> None:
    _, tab = shown
    assert tab.model.figures is not None and tab.model.figures.days == 30
    since, until, _ = _window(30, "Asia/Tokyo", datetime.now(UTC))
    [(calls, accepted, rejected)] = _sql(
        db_path, "SELECT count(*), sum(decision = 'accept'), sum(decision = 'reject') "
                 "FROM calls WHERE received_at >= ? AND received_at < ?", since, until)
    locale = QLocale()
    summary = tab.summary.text()
    for figure in (calls, accepted, rejected):
        assert locale.toString(figure) in summary
    assert f"{locale.toString(100 * rejected / calls, 'f', 1)}%" in summary

    per_day = _sql(db_path, f"SELECT date(received_at, '+9 hours'), {OUTCOME_SQL}, count(*) "
                            "FROM calls WHERE received_at >= ? AND received_at < ? "
                            "GROUP BY 1, 2", since, until)
    days = _chart_days(tab)
    assert len(days) == 30
    assert sum(sum(day.values()) for day in days) == calls
    shown_by_day = {(tab.model.figures.per_day[n].day.isoformat(), str(kind)): count
                    for n, day in enumerate(days) for kind, count in day.items() if count}
    assert shown_by_day == {(day, kind): count for day, kind, count in per_day}
    assert [bars.label() for bars in tab.chart.sets.values()][:2] == [
        "Let through", "Rejected by a rule"]

    grid = [[tab.heat_model.calls(weekday, hour) for hour in range(24)] for weekday in range(7)]
    assert sum(map(sum, grid)) == calls
    [(busiest,)] = _sql(db_path, "SELECT max(n) FROM (SELECT count(*) AS n FROM calls "
                                 "WHERE received_at >= ? AND received_at < ? GROUP BY "
                                 "strftime('%w %H', received_at, '+9 hours'))", since, until)
    assert max(map(max, grid)) == busiest

    top = tab.top_callers_model
    listed = [top.index(row, CallerColumn.NUMBER).data(NUMBER_ROLE)
              for row in range(top.rowCount())]
    assert set(listed[:len(CUSTOMERS)]) == set(CUSTOMERS)
    first = listed[0]
    assert top.index(0, CallerColumn.CUSTOMER).data().startswith(CUSTOMERS[first][0] or
                                                                  CUSTOMERS[first][1])
    [(first_calls,)] = _sql(db_path, "SELECT count(*) FROM calls WHERE caller = ? AND "
                                     "received_at >= ? AND received_at < ?", first, since, until)
    assert top.index(0, CallerColumn.CALLS).data() == locale.toString(first_calls)
    assert tab.rules_model.rowCount() == 4  # three rules there are, one removed since


def test_choosing_seven_days_draws_seven(qtbot: QtBot,
                                         shown: tuple[Console, StatisticsTab]) -> None:
    _, tab = shown
    with qtbot.waitSignal(tab.shown, timeout=TIMEOUT):
        tab.period.setCurrentIndex(tab.period.findData(7))
    assert tab.model.figures is not None and tab.model.figures.days == 7
    assert len(_chart_days(tab)) == 7
    assert tab.chart.days_axis.categoriesLabels()[-1] == tab.chart.day_label(
        tab.model.figures.per_day[-1], short=True)


def test_a_candidate_is_one_click_from_the_block_list(
        qtbot: QtBot, shown: tuple[Console, StatisticsTab], db_path: Path) -> None:
    console, tab = shown
    candidates = tab.candidates_model
    numbers = [candidates.caller_at(row).caller for row in range(candidates.rowCount())]
    assert numbers == [number for number, calls in REPEATERS.items() if calls >= 3]
    button = tab.block_button(0)
    assert button is not None
    button.click()
    qtbot.waitUntil(lambda: candidates.rowCount() == len(numbers) - 1, timeout=TIMEOUT)
    assert numbers[0] not in {candidates.caller_at(row).caller
                              for row in range(candidates.rowCount())}
    blocked = Office(db_path).rules.find(numbers[0])
    assert blocked is not None and blocked.action is Action.BLOCK
    qtbot.waitUntil(lambda: "03-5555-0001" in console.window.statusBar().currentMessage(),
                    timeout=TIMEOUT)


def test_the_tab_is_saved_as_a_png_picture(qtbot: QtBot, shown: tuple[Console, StatisticsTab],
                                           tmp_path: Path) -> None:
    _, tab = shown
    path = tmp_path / "statistics.png"
    with qtbot.waitSignal(tab.writer.written, timeout=TIMEOUT) as written:
        tab.save_png(str(path))
    assert written.args == [str(path)]
    picture = QImage(str(path))
    assert not picture.isNull()
    assert (picture.width(), picture.height()) == (tab.content.width(), tab.content.height())
    assert len({picture.pixel(x, picture.height() // 4)
                for x in range(0, picture.width(), 7)}) > 3  # the chart, not a blank
    assert "statistics.png" in tab.status.text()


def test_a_picture_that_cannot_be_written_says_why(
        qtbot: QtBot, shown: tuple[Console, StatisticsTab], tmp_path: Path) -> None:
    _, tab = shown
    path = tmp_path / "no such folder" / "statistics.png"
    with qtbot.waitSignal(tab.writer.failed, timeout=TIMEOUT):
        tab.save_png(str(path))
    assert not path.exists()
    assert str(path) in tab.status.text()



def test_a_day_s_tooltip_counts_its_calls_in_english(qtbot: QtBot) -> None:
    """Pointing at a day's bar: `1 call, 1 rejected`, `2 calls, 0 rejected`."""
    chart = DayChart()
    qtbot.addWidget(chart)
    chart.show_days([
        DayCount(day=date(2026, 12, 3), outcomes={Outcome.RULE: 1}, rejected=1),
        DayCount(day=date(2026, 12, 4), outcomes={Outcome.ACCEPTED: 2}, rejected=0)])
    assert chart.day_tooltip(0).splitlines()[1:] == ["1 call, 1 rejected", "Rejected by a rule: 1"]
    assert chart.day_tooltip(1).splitlines()[1:] == ["2 calls, 0 rejected", "Let through: 2"]
