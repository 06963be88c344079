"""Rows stay under the mouse while calls arrive (issue 10, point 19): in the live list and the
history a person who chose a row or scrolled down keeps looking at the same call, and a click
where that row was hits that call; new calls come in above it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import sample
from live_events import arrived, decision, waiting
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from test_gui_history import settled

from gui.history import CALL_ID_ROLE, HistoryView
from gui.live import LiveView
from gui.session import ConsoleSession
from screening.call import Call
from screening.messages import Message
from screening.mode import Mode
from screening.policy import Decision, Reason, Verdict
from storage.calls import CallHistory, CallRecord
from storage.database import open_database

START = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)


ACCEPT_ALL = Message("detail.mode", (Mode.ACCEPT_ALL.message,))

def live_call(n: int) -> Call:
    return Call.from_payload(sample("seed_incoming_call.json") | {
        "callId": f"call-{n}", "phoneNumber": f"03{n:08d}"}, "x")


def arrive(view: LiveView, n: int) -> None:
    """A call as the listener reports it: arrived, then decided."""
    received = (START + timedelta(seconds=n)).isoformat(timespec="milliseconds")
    call = live_call(n)
    view.on_arrived(arrived(call, received))
    view.on_decided(decision(call, Verdict(Decision.ACCEPT, Reason.MODE, ACCEPT_ALL), received))


def click(view: QAbstractItemView, at: QPoint) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     at)


def row_top(view: QAbstractItemView, index: QModelIndex) -> int:
    return view.visualRect(index).top()


def live_with(qtbot: QtBot, calls: int) -> LiveView:
    """The live view on screen, with `calls` calls arrived (the newest at the top)."""
    view = LiveView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    for n in range(calls):
        arrive(view, n)
    return view


@pytest.fixture
def live(qtbot: QtBot) -> LiveView:
    return live_with(qtbot, 30)


def current_call(view: LiveView) -> str:
    return view.model.entry(view.list.currentIndex().row()).call.call_id


def test_a_chosen_live_row_stays_under_the_mouse_while_calls_arrive(live: LiveView) -> None:
    rows = live.list
    chosen = live.model.index(3, 0)
    at = rows.visualRect(chosen).center()
    click(rows, at)
    call_id = current_call(live)
    top = row_top(rows, chosen)
    for n in range(30, 50):  # 20 more calls
        arrive(live, n)
    assert current_call(live) == call_id
    now = rows.currentIndex()
    assert now.row() == 23 and row_top(rows, now) == top
    assert live.model.entry(rows.indexAt(at).row()).call.call_id == call_id
    click(rows, at)
    assert live.card.call_id == call_id


def test_a_waiting_call_comes_to_the_card_without_moving_the_rows(live: LiveView) -> None:
    rows = live.list
    at = rows.visualRect(live.model.index(5, 0)).center()
    click(rows, at)
    looked_at = live.model.entry(rows.indexAt(at).row()).call.call_id
    call = live_call(99)
    received = START.isoformat(timespec="milliseconds")
    live.on_arrived(arrived(call, received))
    live.on_waiting(waiting(call, received, 10.0))
    assert live.card.call_id == "call-99"
    assert live.model.entry(rows.indexAt(at).row()).call.call_id == looked_at


def test_nobody_looking_new_calls_show_at_the_top(qtbot: QtBot) -> None:
    view = live_with(qtbot, 40)
    bar = view.list.verticalScrollBar()
    assert bar.value() == bar.minimum()
    assert view.model.entry(view.list.indexAt(QPoint(5, 5)).row()).call.call_id == "call-39"


# --- The history ---------------------------------------------------------------------------------


def record(db: Database, n: int) -> None:
    data = sample("seed_incoming_call.json") | {"callId": f"h-{n}", "phoneNumber": f"03{n:08d}"}
    call = Call.from_payload(data, "x")
    stamp = (START + timedelta(minutes=n)).isoformat(timespec="milliseconds")
    CallHistory(db).record(CallRecord.of(
        call, Verdict(Decision.ACCEPT, Reason.MODE, ACCEPT_ALL), stamp, 1.0, json.dumps(data)))


@pytest.fixture
def history(qtbot: QtBot, db_path: Path, session: ConsoleSession
            ) -> Iterator[tuple[HistoryView, Database]]:
    """The history tab over the listener's session; new calls are recorded straight into its
    database (`record`) and taken in by `refresh()`."""
    db = open_database(db_path)
    for n in range(60):
        record(db, n)
    view = HistoryView(session)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitExposed(view)
    settled(view.model)
    yield view, db
    db.close()


def call_at(view: HistoryView, at: QPoint) -> str:
    return str(view.table.indexAt(at).data(CALL_ID_ROLE))


@pytest.mark.parametrize("scrolled", [0, 10], ids=["at the top", "scrolled down"])
def test_a_chosen_history_row_stays_under_the_mouse_while_calls_arrive(
    history: tuple[HistoryView, Database], scrolled: int
) -> None:
    view, db = history
    table = view.table
    table.scrollTo(view.model.index(scrolled, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    chosen = view.model.index(scrolled + 4, 1)
    at = table.visualRect(chosen).center()
    click(table, at)
    selected = view.selected_id()
    call_id = call_at(view, at)
    top = row_top(table, chosen)
    for n in range(60, 80):  # 20 more calls
        record(db, n)
        view.refresh()
        settled(view.model)
    assert view.selected_id() == selected
    row = view.model.row_of(selected or 0)
    assert row == scrolled + 24
    assert row_top(table, view.model.index(row, 1)) == top
    assert call_at(view, at) == call_id
    assert view.detail_fields["call_id"].text() == call_id


def test_nobody_looking_the_history_shows_new_calls_at_the_top(
    history: tuple[HistoryView, Database]
) -> None:
    view, db = history
    record(db, 60)
    view.refresh()
    settled(view.model)
    assert call_at(view, QPoint(5, 5)) == "h-60"
