"""The console makes its words from codes, through Qt's translations: a history row recorded
today reads in the console's language, and so do the steps of "Test a number". A translator
installed here stands in for the Japanese catalogue of a later issue."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import sample
from live_events import arrived, decision
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from test_gui_history import settled

from gui.explain import ExplainDialog
from gui.history import HistoryView
from gui.live import LiveView
from gui.session import ConsoleSession
from screening.call import Call
from screening.messages import Message
from screening.mode import Mode
from screening.policy import Decision, Reason, Verdict
from storage.calls import CallHistory, CallRecord
from storage.database import open_database

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

RECEIVED = "2026-11-25T01:00:00.000+00:00"
CLOSED_REJECT = Verdict(Decision.REJECT, Reason.MODE, Message(
    "detail.mode.source", (Mode.REJECT_ALL.message, Message("mode.source.closed"))))

JAPANESE = {
    ("decisions", "schedule, office closed"): "スケジュール、営業時間外",
    ("details", "%1, %2"): "%1（%2）",
    ("details", "block %1"): "%1 を拒否",
    ("steps", "No number or prefix rule names this caller."): "番号のルールはありません。",
}


class Catalogue(QTranslator):
    """A few of the Japanese catalogue's entries; everything else stays English."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return JAPANESE.get((context, source))  # None: not translated here


@pytest.fixture
def japanese(qapp: QCoreApplication) -> Iterator[None]:
    catalogue = Catalogue()
    QCoreApplication.installTranslator(catalogue)
    yield
    QCoreApplication.removeTranslator(catalogue)


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


def record(db: Database, verdict: Verdict, call_id: str = "1") -> None:
    data = sample("seed_incoming_call.json") | {"callId": call_id}
    call = Call.from_payload(data, "fallback")
    CallHistory(db).record(CallRecord.of(call, verdict, RECEIVED, 2.0, json.dumps(data)))


def opened(qtbot: QtBot, session: ConsoleSession) -> HistoryView:
    view = HistoryView(session)
    qtbot.addWidget(view)
    settled(view.model)
    return view


def test_a_stored_detail_reads_in_the_consoles_language(
    qtbot: QtBot, db: Database, session: ConsoleSession, japanese: None
) -> None:
    record(db, CLOSED_REJECT)
    view = opened(qtbot, session)
    view.select_row(0)
    assert view.detail_fields["reason"].text() == (
        "by the mode: Reject all（スケジュール、営業時間外）")


def test_a_stored_detail_reads_in_english_without_a_catalogue(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    """The mode as its button names it; the rest as the command line says it."""
    record(db, CLOSED_REJECT)
    blocked = Message("detail.rule.block", (Message("rule.prefix", ("0120*",)),))
    record(db, Verdict(Decision.REJECT, Reason.RULE, blocked, 3), "2")
    view = opened(qtbot, session)
    view.select_row(0)
    assert view.detail_fields["reason"].text() == "by a rule: block prefix 0120*"
    view.select_row(1)
    assert view.detail_fields["reason"].text() == (
        "by the mode: Reject all, schedule, office closed")


def test_a_decided_call_on_the_card_reads_in_the_consoles_language(
    qtbot: QtBot, japanese: None
) -> None:
    view = LiveView()
    qtbot.addWidget(view)
    call = Call.from_payload(sample("seed_incoming_call.json") | {"callId": "7"}, "x")
    view.on_arrived(arrived(call, RECEIVED))
    blocked = Message("detail.rule.block", (Message("rule.number", ("03-3000-1234",)),))
    view.on_decided(decision(call, Verdict(Decision.REJECT, Reason.RULE, blocked), RECEIVED))
    assert view.card.status.text() == "Rejected by a rule (03-3000-1234 を拒否)"


def test_the_steps_of_a_test_call_read_in_the_consoles_language(
    qtbot: QtBot, session: ConsoleSession, japanese: None
) -> None:
    dialog = ExplainDialog(session)
    qtbot.addWidget(dialog)
    dialog.number_edit.setText("03-3000-1234")
    dialog.at_edit.setText(datetime(2025, 1, 6, 1, 0, tzinfo=UTC).isoformat())
    dialog.run()
    qtbot.waitUntil(lambda: dialog.decision() != "", timeout=5000)
    assert dialog.step_texts() == [
        "The caller 03-3000-1234 (+81330001234) is not a registered customer: an unknown caller.",
        "番号のルールはありません。",
        "The setting for unknown callers is to follow the mode.",
        "No schedule: the mode setting is accept-all.",
        "Mode accept-all: accept.",
    ]
