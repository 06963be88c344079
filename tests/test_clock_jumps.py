"""The machine's clock moved back or forward (NTP correction, a person fixing the time).

time-machine moves the wall clock (time.time, datetime.now) for every thread of this process,
the listener's included, and leaves the monotonic clock alone: exactly what a clock jump does.
Deadlines must follow the monotonic clock; schedules and expiring rules the wall clock.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from conftest import Answer, Console, Running, click_mode, post, sample, url_of
from pytestqt.qtbot import QtBot

from application import Office
from screening.phone import parse_rule_number
from screening.policy import Mode
from screening.rules import Action
from storage.database import open_database
from storage.rules import RuleBook

TOKYO = ZoneInfo("Asia/Tokyo")
# A Wednesday that is no Japanese public holiday.
WORKDAY = datetime(2026, 11, 25, tzinfo=TOKYO)
JUMP = timedelta(hours=1)


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=2) as executor:
        yield executor


def configure(db_path: Path, values: dict[str, str]) -> None:
    db = open_database(db_path)
    try:
        Office.over(db).settings.save(values)
    finally:
        db.close()


def call(url: str, call_id: str, number: str = "0330001234") -> Answer:
    return post(url, sample("seed_incoming_call.json") | {"callId": call_id,
                                                            "phoneNumber": number})


@pytest.mark.parametrize("jump", [-JUMP, JUMP], ids=["back", "forward"])
def test_a_waiting_call_gets_its_default_on_time_when_the_clock_jumps(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor, db_path: Path, jump: timedelta
) -> None:
    configure(db_path, {"ask-timeout": "3", "ask-default": "reject"})
    click_mode(qtbot, console, Mode.ASK)
    started = time.monotonic()
    answer: Future[Answer] = pool.submit(call, url_of(console), "jumped")
    card = console.window.live.card
    qtbot.waitUntil(lambda: card.countdown.isVisible(), timeout=3000)

    with time_machine.travel(datetime.now(UTC) + jump, tick=True):
        qtbot.wait(300)  # the countdown repaints on the moved clock
        shown = re.search(r"(\d+) s left", card.status.text())
        assert shown is not None and 0 < int(shown[1]) <= 3, card.status.text()
        assert 0 < card.countdown.value() <= card.countdown.maximum() == 3000
        result = answer.result(timeout=10)
        took = time.monotonic() - started

    assert (result.status, result.body["reason"]) == (403, "timeout")
    assert 2.5 < took < 5, f"the default applied after {took:.1f} s instead of 3 s"


def test_the_schedule_follows_the_clock_when_it_jumps(running: Running) -> None:
    configure(running.db_path, {"schedule-hours": "mon-fri 09:00-18:00",
                                "open-mode": "accept-all", "closed-mode": "reject-all",
                                "time-zone": "Asia/Tokyo", "schedule": "on"})
    before_closing = WORKDAY.replace(hour=17, minute=59, second=50)

    with time_machine.travel(before_closing, tick=True) as clock:
        assert call(running.url, "open").status == 200
        clock.move_to(before_closing + timedelta(minutes=5))
        assert call(running.url, "closed").status == 403
        clock.move_to(before_closing - timedelta(hours=2))
        assert call(running.url, "open-again").status == 200


def test_an_expiring_rule_follows_the_clock_when_it_jumps(running: Running) -> None:
    now = WORKDAY.replace(hour=10)
    with time_machine.travel(now, tick=True) as clock:
        db = open_database(running.db_path)
        try:
            RuleBook(db).add(parse_rule_number("0330001234"), Action.BLOCK,
                             expires_at=now + timedelta(hours=1))
        finally:
            db.close()
        assert call(running.url, "blocked").status == 403
        clock.move_to(now + timedelta(hours=2))
        assert call(running.url, "expired").status == 200
        clock.move_to(now)
        assert call(running.url, "blocked-again").status == 403


def test_history_keeps_every_call_when_the_clock_goes_back(running: Running) -> None:
    """Times recorded after a jump back are earlier than the ones before; none is lost and
    the order of arrival stays in the row ids."""
    now = WORKDAY.replace(hour=10)
    with time_machine.travel(now, tick=True) as clock:
        assert call(running.url, "first").status == 200
        clock.move_to(now - JUMP)
        assert call(running.url, "second").status == 200
    rows: list[dict[str, Any]] = list(open_database(running.db_path).query(
        "SELECT call_id, received_at FROM calls ORDER BY id"))
    assert [row["call_id"] for row in rows] == ["first", "second"]
    assert rows[1]["received_at"] < rows[0]["received_at"]
