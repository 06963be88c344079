"""One clock, readable, and a history that fits (issue 10, points 15 and 16).

The console shows every moment on the office's clock (`time-zone`), whatever the machine's zone,
and in fixed patterns per language, whatever the system locale; the history's dates and numbers
are whole at the window's default size and on a 1366x768 screen.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from conftest import Console, post, sample, start_console, url_of
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QStyle
from pytestqt.qtbot import QtBot
from test_gui_history import settled

from application import Office
from gui.history import CALL_ID_ROLE, Column, HistoryView
from gui.session import ConsoleSession
from screening.call import Call
from screening.messages import Message
from screening.policy import Decision, Reason, Verdict
from storage.calls import CallHistory, CallRecord
from storage.database import open_database

TOKYO = ZoneInfo("Asia/Tokyo")
# 08:38 UTC is 17:38 in Tokyo: the moment of the "1 12 2026 08:38".
MOMENT = datetime(2026, 12, 1, 8, 38, 5, tzinfo=UTC)


@pytest.fixture
def c_locale() -> Iterator[None]:
    """LANG=C: the system locale is C (Qt's short formats read "1 12 2026 08:38")."""
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    yield
    QLocale.setDefault(before)


@pytest.fixture
def japanese() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    yield
    QLocale.setDefault(before)


def record(db_path: Path, call_id: str, number: str, received: datetime) -> None:
    """A call in the history, stored the way the listener stores one."""
    data = sample("seed_incoming_call.json") | {"callId": call_id, "phoneNumber": number}
    call = Call.from_payload(data, call_id)
    db = open_database(db_path)
    try:
        CallHistory(db).record(CallRecord.of(
            call, Verdict(Decision.REJECT, Reason.TIMEOUT,
                          Message("detail.timeout", (Decision.REJECT.message,))),
            received.isoformat(timespec="milliseconds"), 10_000.0, json.dumps(data)))
    finally:
        db.close()


@pytest.fixture
def office(qtbot: QtBot, db_path: Path) -> Iterator[Console]:
    """The console of an office in Tokyo with business hours, on a UTC machine."""
    db = open_database(db_path)
    Office.over(db).settings.save({"schedule": "on", "schedule-hours": "daily 09:00-18:00",
                                   "public-holidays": "off", "closed-mode": "accept-all",
                                   "time-zone": "Asia/Tokyo"})
    db.close()
    console = start_console(qtbot, db_path)
    yield console
    console.window.quit_now()
    console.close()


def english(moment: datetime) -> str:
    """`Tue 1 Dec 2026 17:38`: the console's English pattern, written out independently."""
    return f"{moment:%a} {moment.day} {moment:%b %Y %H:%M}"


def test_the_mode_bar_says_until_when_on_the_office_clock(
    utc_machine: None, c_locale: None, office: Console, db_path: Path
) -> None:
    in_force = Office(office.db_path).settings.screening().mode_at(datetime.now(UTC))
    assert in_force.until is not None
    until = english(in_force.until.astimezone(TOKYO))
    assert until.endswith((" 09:00", " 18:00"))  # the office's hours, not 00:00 or 09:00 UTC
    assert office.window.mode_bar.source.text() == f"(by the schedule, until {until})"


def test_the_history_and_the_live_list_show_the_office_clock(
    qtbot: QtBot, utc_machine: None, c_locale: None, office: Console, db_path: Path
) -> None:
    record(db_path, "earlier", "0330001234", MOMENT)
    history = office.window.history
    history.refresh()
    model = history.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    assert model.data(model.index(0, Column.RECEIVED)) == "Tue 1 Dec 2026 17:38:05"
    history.select_row(0)
    assert history.detail_fields["received"].text() == "Tue 1 Dec 2026 17:38:05 JST"

    body = sample("seed_incoming_call.json") | {"callId": "now"}
    assert post(url_of(office), body).status == 200
    live = office.window.live
    qtbot.waitUntil(lambda: live.model.rowCount() == 1, timeout=3000)
    shown = live.model.data(live.model.index(0, 0))
    db = open_database(office.db_path)
    stored = CallHistory(db).recent(1)[0]["received_at"]
    db.close()
    # A call of today shows its time on the office's clock (issue 12: `16:16`).
    assert f"\n{datetime.fromisoformat(stored).astimezone(TOKYO):%H:%M} · " in shown


@pytest.mark.parametrize(("language", "expected"), [
    ("c_locale", "Tue 1 Dec 2026 17:38:05"),
    ("japanese", "2026/12/01(火) 17:38:05"),
])
def test_dates_read_readably_whatever_the_locale(
    request: pytest.FixtureRequest, qtbot: QtBot, utc_machine: None, db_path: Path,
    language: str, expected: str
) -> None:
    request.getfixturevalue(language)
    record(db_path, "c1", "0330001234", MOMENT)
    view = HistoryView(request.getfixturevalue("session"))
    qtbot.addWidget(view)
    settled(view.model)
    assert view.model.data(view.model.index(0, Column.RECEIVED)) == expected


# --- The history fits --------------------------------------------------------------------------

# Wide texts: long weekday and month names, numbers as long as Japanese ones get, the words for
# withheld callers and payphones, a number from abroad.
WIDE_CALLS = [
    ("wed-sep", "0471234567", datetime(2026, 9, 30, 14, 58, 58, tzinfo=UTC)),
    ("mobile", "09012345678", datetime(2026, 12, 23, 14, 58, 58, tzinfo=UTC)),
    ("freephone", "0120123456", datetime(2026, 5, 27, 14, 8, 8, tzinfo=UTC)),
    ("withheld", "", datetime(2026, 1, 28, 14, 0, 0, tzinfo=UTC)),
    ("payphone", "公衆電話", datetime(2026, 2, 25, 14, 0, 0, tzinfo=UTC)),
    ("abroad", "+12025550100", datetime(2026, 11, 25, 14, 0, 0, tzinfo=UTC)),
]


@pytest.mark.parametrize("language", ["c_locale", "japanese"])
@pytest.mark.parametrize("size", [(1100, 720), (1366, 740)])  # the default; a 1366x768 screen
def test_dates_and_numbers_in_the_history_are_whole(
    request: pytest.FixtureRequest, qtbot: QtBot, db_path: Path, language: str,
    size: tuple[int, int]
) -> None:
    request.getfixturevalue(language)
    console = start_console(qtbot, db_path)  # an empty history, as on a first start
    try:
        window = console.window
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.tabs.setCurrentWidget(window.history)
        for call_id, number, received in WIDE_CALLS:
            record(db_path, call_id, number, received)
        window.history.refresh()
        table = window.history.table
        qtbot.waitUntil(lambda: table.model().rowCount() == len(WIDE_CALLS), timeout=2000)
        metrics = table.fontMetrics()
        margin = 2 * (table.style().pixelMetric(  # the text margins, and the grid line
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1) + int(table.showGrid())
        header = table.horizontalHeader()
        for column in (Column.RECEIVED, Column.NUMBER):
            left = header.sectionViewportPosition(column)
            assert left >= 0 and left + header.sectionSize(column) <= table.viewport().width(), (
                f"{column.name} is not in sight without scrolling")
            for row in range(table.model().rowCount()):
                text = table.model().index(row, column).data()
                assert table.columnWidth(column) >= metrics.horizontalAdvance(text) + margin, (
                    f"{text!r} does not fit its column at {size}")
    finally:
        console.window.quit_now()
        console.close()


def test_the_office_day_starts_at_the_office_midnight(
    qtbot: QtBot, utc_machine: None, db_path: Path, session: ConsoleSession
) -> None:
    """The history's dates are the office's: at 20:00 UTC it is already tomorrow in Tokyo, and
    a day starts at 00:00 Tokyo time (15:00 UTC the day before)."""
    record(db_path, "late", "0330001234", datetime(2026, 12, 1, 15, 30, tzinfo=UTC))  # 12-02
    record(db_path, "early", "0330001234", datetime(2026, 12, 1, 14, 30, tzinfo=UTC))  # 12-01
    with time_machine.travel(datetime(2026, 12, 1, 20, 0, tzinfo=UTC), tick=False):
        view = HistoryView(session)
    qtbot.addWidget(view)
    assert view.to_date.date() == QDate(2026, 12, 2)  # today, in the office
    view.from_date.setDate(QDate(2026, 12, 2))
    view.from_check.setChecked(True)
    view.to_check.setChecked(True)
    model = settled(view.model)
    assert [model.index(row, 0).data(CALL_ID_ROLE) for row in range(model.rowCount())] == [
        "late"]
