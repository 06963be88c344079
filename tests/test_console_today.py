"""After a restart the live list shows today's calls from the history (today in the office's
time zone), as the console's snapshot brings them, without losing or doubling a call that
arrives meanwhile."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from conftest import post, sample, start_console, url_of
from live_events import decision
from pytestqt.qtbot import QtBot

from application import Office
from gui.live_calls import CallState, LiveCall, LiveCallsModel
from screening.call import Call
from screening.messages import Message
from screening.policy import Decision, Reason, Verdict
from screening.schedule import Mode
from server.console.views import call_view, instant
from server.protocol.messages import CallArrived
from storage.calls import CallHistory, CallRecord
from storage.database import open_database

OFFICE = ZoneInfo("Asia/Tokyo")


def office_midnight() -> datetime:
    return datetime.now(OFFICE).replace(hour=0, minute=0, second=0, microsecond=0)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def body(call_id: str, number: str = "0330001234") -> dict[str, Any]:
    return sample("seed_incoming_call.json") | {"callId": call_id, "phoneNumber": number}


def record(db_path: Path, call_id: str, at: datetime, verdict: Verdict,
           raw: dict[str, Any] | str | None = None) -> None:
    """A call in the history as the listener of an earlier run wrote it."""
    raw = body(call_id) if raw is None else raw
    text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False)
    payload = raw if isinstance(raw, dict) else {}
    call = Call.from_payload(payload, call_id)
    db = open_database(db_path)
    try:
        CallHistory(db).record(CallRecord.of(call, verdict, stamp(at), 1.0, text))
    finally:
        db.close()


def listed(model: LiveCallsModel) -> list[str]:
    return [model.entry(row).call.call_id for row in range(model.rowCount())]


ACCEPTED = Verdict(Decision.ACCEPT, Reason.MODE, Message("detail.mode", (Mode.ACCEPT_ALL.message,)))
REJECTED = Verdict(Decision.REJECT, Reason.RULE,
                   Message("detail.rule.block", (Message("rule.number", ("03-3000-1234",)),)))


def test_a_restarted_console_lists_todays_calls_newest_first_with_their_decisions(
    qtbot: QtBot, db_path: Path
) -> None:
    midnight = office_midnight()
    record(db_path, "yesterday", midnight - timedelta(minutes=1), ACCEPTED)
    record(db_path, "early", midnight + timedelta(minutes=1), REJECTED)
    record(db_path, "not-json", midnight + timedelta(minutes=2),
           Verdict(Decision.ACCEPT, Reason.FAILSAFE, Message("detail.failsafe.not_json")),
           raw="this is not json")
    record(db_path, "latest", midnight + timedelta(minutes=3), ACCEPTED)

    console = start_console(qtbot, db_path)
    try:
        model = console.window.live.model
        qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)
        assert listed(model) == ["latest", "not-json", "early"], "today in Tokyo, newest first"
        early = model.entry(2)
        assert early.state is CallState.DECIDED and early.decided is not None
        assert (early.decided.decision, early.decided.reason, early.decided.detail) == (
            REJECTED.decision, REJECTED.reason, REJECTED.detail)
        assert "03-3000-1234" in model.data(model.index(2, 0))
        assert "Rejected" in model.data(model.index(2, 0))
        card = console.window.live.card
        assert card.call_id == "latest" and "鈴木" in card.name.text()
        qtbot.wait(300)
        assert model.rowCount() == 3, "yesterday's call never comes"
    finally:
        console.window.quit_now()
        console.close()


def test_today_is_the_office_s_day_not_the_machine_s(qtbot: QtBot, db_path: Path) -> None:
    """An office far west of Tokyo: its midnight is another instant."""
    zone = ZoneInfo("America/Los_Angeles")
    midnight = datetime.now(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    db = open_database(db_path)
    Office.over(db).settings.set("time-zone", "America/Los_Angeles")
    db.close()
    record(db_path, "before", midnight - timedelta(minutes=1), ACCEPTED)
    record(db_path, "after", midnight + timedelta(minutes=1), ACCEPTED)
    console = start_console(qtbot, db_path)
    try:
        model = console.window.live.model
        qtbot.waitUntil(lambda: model.rowCount() >= 1, timeout=5000)
        qtbot.wait(300)
        assert listed(model) == ["after"]
    finally:
        console.window.quit_now()
        console.close()


def test_the_live_list_keeps_its_limit(qtbot: QtBot, db_path: Path) -> None:
    midnight = office_midnight()
    db = open_database(db_path)
    history = CallHistory(db)
    for n in range(LiveCallsModel.MAX_CALLS + 20):
        call = Call.from_payload(body(f"c{n}"), f"c{n}")
        at = stamp(midnight + timedelta(seconds=n))
        history.record(CallRecord.of(call, ACCEPTED, at, 1.0, json.dumps(body(f"c{n}"))))
    db.close()
    console = start_console(qtbot, db_path)
    try:
        model = console.window.live.model
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
        assert model.rowCount() == LiveCallsModel.MAX_CALLS
        newest = LiveCallsModel.MAX_CALLS + 19
        assert listed(model)[0] == f"c{newest}" and listed(model)[-1] == "c20"
    finally:
        console.window.quit_now()
        console.close()


def test_a_call_arriving_during_the_load_is_listed_once(qtbot: QtBot, db_path: Path) -> None:
    record(db_path, "before-restart", office_midnight() + timedelta(minutes=1), ACCEPTED)
    console = start_console(qtbot, db_path)
    try:
        assert post(url_of(console), body("fresh")).status == 200
        model = console.window.live.model
        qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=5000)
        qtbot.wait(300)
        assert listed(model) == ["fresh", "before-restart"]
    finally:
        console.window.quit_now()
        console.close()


def live(call_id: str, state: CallState = CallState.DECIDED) -> LiveCall:
    call = Call.from_payload(body(call_id), call_id)
    now = stamp(datetime.now(UTC))
    if state is CallState.DECIDED:
        return LiveCall.of_decided(decision(call, ACCEPTED, now))
    return LiveCall(call_view(call), instant(now), state)


def test_earlier_calls_go_below_and_a_call_seen_live_keeps_its_live_state(
    qtbot: QtBot,
) -> None:
    """The two orders a load and a live arrival can come in, the model alone."""
    model = LiveCallsModel()
    model.add_earlier([live("b"), live("a")])
    model.add_earlier([])
    assert listed(model) == ["b", "a"]

    model = LiveCallsModel()
    seen = live("c", CallState.ARRIVED)
    model.arrived(CallArrived(call=seen.call, received_at=seen.received_at))  # before the load
    model.add_earlier([live("c"), live("b")])  # the load read c too: it was recorded
    assert listed(model) == ["c", "b"]
    assert model.entry(0).state is CallState.ARRIVED, "the live state is newer than the record"
