"""Dates, times and durations as people read them (issue 12, point 3): on the office's clock,
in the language the setting chooses (not the system's), Japanese style in Japanese
(`2026/11/25(水) 16:16`, today's calls as `16:16`, `8秒`, `3分`), English style in English,
never the C locale's `25 11 2026`: the live list, the history and a call's detail, the
countdown and the settings; an export writes the office's time as spreadsheets read it, in
either language. (The command line's moments: tests/test_cli_language.py.)"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
import time_machine
from conftest import Console, sample, start_console
from live_events import arrived, waiting
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui import language, present
from gui.history import HistoryView
from gui.history.columns import Column
from gui.live import LiveView
from gui.session import ConsoleSession
from screening.call import Call
from screening.messages import Message
from screening.mode import Mode
from screening.policy import Decision, Reason, Verdict
from screening.setting_values import Language
from storage.calls import CallHistory, CallRecord
from storage.database import open_database

# 07:16 UTC on Wednesday 25 November 2026 is 16:16 in Tokyo.
MOMENT = datetime(2026, 11, 25, 7, 16, 5, tzinfo=UTC)
RECEIVED = MOMENT.isoformat(timespec="milliseconds")


@pytest.fixture
def utc_machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A machine set to UTC, in the C locale (Qt's own short formats read `25 11 2026`)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    yield
    QLocale.setDefault(before)
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(params=[Language.JAPANESE, Language.ENGLISH])
def speaking(request: pytest.FixtureRequest, qapp: QApplication,
             utc_machine: None) -> Iterator[Language]:
    """The console started with `config language ja` (or en), whatever the system's locale."""
    font = QApplication.font()
    before = QLocale()
    spoken: Language = language.install(qapp, request.param)
    yield spoken
    language.install(qapp, Language.ENGLISH)
    QApplication.setFont(font)
    QLocale.setDefault(before)


EXPECTED = {
    Language.JAPANESE: ("2026/11/25(水) 16:16", "2026/11/25(水) 16:16:05 JST"),
    Language.ENGLISH: ("Wed 25 Nov 2026 16:16", "Wed 25 Nov 2026 16:16:05 JST"),
}


def test_moments_read_in_the_settings_language_on_the_office_clock(speaking: Language) -> None:
    minutes, long = EXPECTED[speaking]
    assert present.moment_text(MOMENT) == minutes
    assert present.moment_text(MOMENT, present.Style.LONG) == long
    assert "25 11 2026" not in present.moment_text(MOMENT)


def test_todays_calls_show_their_time_and_older_ones_their_date(speaking: Language) -> None:
    assert present.call_time(MOMENT, today=date(2026, 11, 25)) == "16:16"
    assert present.call_time(MOMENT, today=date(2026, 11, 26)) == EXPECTED[speaking][0]
    # 23:30 UTC on the 24th is already the 25th in Tokyo: the office's day, not the machine's.
    late = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    assert present.call_time(late, today=date(2026, 11, 25)) == "08:30"


def known_call(call_id: str) -> Call:
    return Call.from_payload(sample("seed_incoming_call.json") | {"callId": call_id}, "x")


def test_the_live_list_shows_todays_calls_by_their_time_and_dates_them_after_midnight(
        qtbot: QtBot, speaking: Language) -> None:
    with time_machine.travel(datetime(2026, 11, 25, 9, 0, tzinfo=UTC), tick=False):  # 18:00
        view = LiveView()
        qtbot.addWidget(view)
        view.on_arrived(arrived(known_call("1"), RECEIVED))
        shown = view.model.data(view.model.index(0, 0))
        assert shown.splitlines()[1].startswith("16:16 · ")
    with time_machine.travel(datetime(2026, 11, 25, 15, 30, tzinfo=UTC), tick=False):  # 00:30
        # The list's next tick (COUNTDOWN_TICK_MS) redates it.
        qtbot.waitUntil(lambda: view.model.data(view.model.index(0, 0)).splitlines()[1]
                        .startswith(f"{EXPECTED[speaking][0]} · "), timeout=2000)


@pytest.fixture
def console(qtbot: QtBot, db_path: Path, speaking: Language) -> Iterator[Console]:
    running = start_console(qtbot, db_path)
    yield running
    running.window.quit_now()
    running.close()


def test_durations_read_as_the_language_writes_them(
        qtbot: QtBot, console: Console, speaking: Language) -> None:
    """The countdown (`8秒` / `8 s`), the ask timeout and the repeat caller's window
    (`3分` / `3 min`)."""
    live = console.window.live
    live.on_arrived(arrived(known_call("w"), RECEIVED))
    live.on_waiting(waiting(known_call("w"), RECEIVED, seconds=8.4))
    live.select("w")
    status = live.card.status.text()
    console.window.dialogs.open_settings()
    dialog = console.window.dialogs.settings
    assert dialog is not None
    seconds = dialog.ask_timeout.text()
    dialog.repeat_minutes.setValue(3)
    minutes = dialog.repeat_minutes.text()
    dialog.reject()
    if speaking is Language.JAPANESE:
        assert "8秒" in status and " s" not in status
        assert seconds == "10秒"
        assert minutes == "3分"
    else:
        assert "8 s left" in status
        assert seconds == "10 s"
        assert minutes == "3 min"


# --- The history: its table, the detail of a call, and what an export writes ----------------


@pytest.fixture
def recorded(db_path: Path) -> None:
    """A call of 16:16:05 office time on Wednesday 25 November 2026, in the history."""
    db = open_database(db_path)
    call = known_call("wednesday")
    verdict = Verdict(Decision.ACCEPT, Reason.MODE, Message("detail.mode",
                                                            (Mode.ACCEPT_ALL.message,)))
    CallHistory(db).record(CallRecord.of(call, verdict, RECEIVED, 1.25, "{}"))
    db.close()


HISTORY_MOMENTS = {
    Language.JAPANESE: ("2026/11/25(水) 16:16:05", "2026/11/25(水) 16:16:05 JST"),
    Language.ENGLISH: ("Wed 25 Nov 2026 16:16:05", "Wed 25 Nov 2026 16:16:05 JST"),
}


@pytest.fixture
def history(qtbot: QtBot, speaking: Language, recorded: None,
            session: ConsoleSession) -> Iterator[HistoryView]:
    view = HistoryView(session)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    yield view
    view.export.cancel()


def test_the_history_and_a_calls_detail_read_the_office_moment(
        qtbot: QtBot, history: HistoryView, speaking: Language) -> None:
    listed, detailed = HISTORY_MOMENTS[speaking]
    model = history.model
    assert model.data(model.index(0, Column.RECEIVED)) == listed
    history.select_row(0)
    qtbot.waitUntil(lambda: history.detail_fields["received"].text() != "", timeout=5000)
    assert history.detail_fields["received"].text() == detailed


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_export_writes_the_office_time_in_either_language(
        qtbot: QtBot, history: HistoryView, tmp_path: Path, suffix: str) -> None:
    """What a spreadsheet reads as a date and time, the same in both languages: the office's
    wall time (a real date in a workbook), and the instant in UTC beside it."""
    path = tmp_path / f"calls.{suffix}"
    history.export_button.click()
    dialog = history.export_dialog
    assert dialog is not None
    chosen = next(kind for kind in dialog.nameFilters() if f"*.{suffix}" in kind)
    dialog.selectNameFilter(chosen)
    dialog.filterSelected.emit(chosen)
    dialog.selectFile(str(path))
    with qtbot.waitSignal(history.export.finished, timeout=10_000):
        dialog.accept()
    if suffix == "csv":
        _, row = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert (row[0], row[-1]) == ("2026-11-25 16:16:05", "2026-11-25T07:16:05.000+00:00")
    else:
        _, cells = openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True)
        assert (cells[0], cells[-1]) == (datetime(2026, 11, 25, 16, 16, 5),
                                         "2026-11-25T07:16:05.000+00:00")


def test_an_export_is_named_after_the_offices_day(history: HistoryView) -> None:
    """At 05:00 on the 26th in Tokyo the machine's UTC clock still says the 25th."""
    with time_machine.travel(datetime(2026, 11, 25, 20, 0, tzinfo=UTC), tick=False):
        history.export_button.click()
    dialog = history.export_dialog
    assert dialog is not None
    offered = Path(dialog.selectedFiles()[0]).name
    dialog.reject()
    assert offered.startswith("callgate-history-20261126"), offered
