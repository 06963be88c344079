"""The real console window with its real listener on a loopback port, driven like a person."""

from __future__ import annotations

import csv
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import (
    Answer,
    Console,
    click_mode,
    close_without_tray,
    history_tab,
    post,
    sample,
    start_console,
    url_of,
)
from processes import free_port, wait_for_health
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from application import Office
from screening.mode import Mode
from screening.rules import Action
from storage.calls import CallHistory
from storage.database import open_database
from storage.rules import RuleBook

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    """Posts run beside the Qt loop, the way commubo's requests arrive while staff work."""
    with ThreadPoolExecutor(max_workers=8) as executor:
        yield executor


def call_from(number: str, call_id: str) -> dict[str, Any]:
    body = sample("seed_incoming_call.json")
    return body | {"phoneNumber": number, "callId": call_id}


def send(pool: ThreadPoolExecutor, console: Console, body: dict[str, Any]) -> Future[Answer]:
    return pool.submit(post, url_of(console), body)


def from_command_line(db_path: Path, key: str, value: str) -> None:
    """Change a setting the way `python main.py config` does: its own connection."""
    db = open_database(db_path)
    Office.over(db).settings.set(key, value)
    db.close()


def history_row(db_path: Path, call_id: str) -> dict[str, Any]:
    db = open_database(db_path)
    rows = [row for row in CallHistory(db).recent() if row["call_id"] == call_id]
    db.close()
    assert len(rows) == 1, f"expected one history row for {call_id}, found {len(rows)}"
    return rows[0]


def test_a_call_appears_with_its_card(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    answer = send(pool, console, call_from("0330001234", "c1"))
    card = console.window.live.card
    qtbot.waitUntil(lambda: card.call_id == "c1", timeout=2000)
    assert card.number.text() == "03-3000-1234"
    assert "鈴木" in card.name.text()
    assert answer.result(timeout=5).status == 200


def test_a_person_lets_a_waiting_call_through(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor, db_path: Path
) -> None:
    click_mode(qtbot, console, Mode.ASK)
    answer = send(pool, console, call_from("0330001234", "ask-1"))
    card = console.window.live.card
    qtbot.waitUntil(lambda: card.call_id == "ask-1" and card.accept_button.isVisible(),
                    timeout=3000)
    assert not answer.done(), "commubo's request must wait while a person decides"
    card.accept_button.click()
    result = answer.result(timeout=5)
    assert (result.status, result.body["reason"]) == (200, "person")
    assert history_row(db_path, "ask-1")["reason"] == "person"
    qtbot.waitUntil(lambda: "by a person" in card.status.text(), timeout=2000)


def test_a_person_rejects_with_the_keyboard(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    click_mode(qtbot, console, Mode.ASK)
    answer = send(pool, console, call_from("0330001234", "ask-2"))
    card = console.window.live.card
    qtbot.waitUntil(lambda: card.reject_button.isVisible(), timeout=3000)
    qtbot.keyClick(console.window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # type: ignore[no-untyped-call]
    qtbot.waitUntil(answer.done, timeout=5000)
    result = answer.result()
    assert (result.status, result.body["decision"], result.body["reason"]) == (
        403, "reject", "person")


def test_nobody_answers_and_the_default_applies(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor, db_path: Path
) -> None:
    from_command_line(db_path, "ask-timeout", "3")
    from_command_line(db_path, "ask-default", "reject")
    click_mode(qtbot, console, Mode.ASK)
    answer = send(pool, console, call_from("0330001234", "late"))
    card = console.window.live.card
    qtbot.waitUntil(lambda: card.countdown.isVisible(), timeout=3000)
    result = answer.result(timeout=10)
    assert (result.status, result.body["reason"]) == (403, "timeout")
    qtbot.waitUntil(lambda: "nobody answered" in card.status.text(), timeout=2000)
    assert not card.reject_button.isVisible()
    assert history_row(db_path, "late")["reason"] == "timeout"


def test_reject_all_is_unmistakable_and_rejects_the_next_call(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    window = console.window
    click_mode(qtbot, console, Mode.REJECT_ALL)
    assert window.banner.isVisible()
    central = window.centralWidget()
    assert central is not None and "dc3545" in central.styleSheet()
    result = send(pool, console, call_from("0330001234", "off-hours")).result(timeout=5)
    assert (result.status, result.body["reason"]) == (403, "mode")
    click_mode(qtbot, console, Mode.ACCEPT_ALL)
    assert not window.banner.isVisible()
    assert send(pool, console, call_from("0330001234", "morning")).result(timeout=5).status == 200


def test_a_mode_set_from_the_command_line_shows_within_two_seconds(
    qtbot: QtBot, console: Console, db_path: Path
) -> None:
    from_command_line(db_path, "mode", "reject-all")
    qtbot.waitUntil(lambda: console.window.banner.isVisible(), timeout=2000)
    assert console.window.mode_bar.buttons[Mode.REJECT_ALL].isChecked()


def test_block_a_caller_from_history(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    assert send(pool, console, call_from("0330001234", "first")).result(timeout=5).status == 200
    history = history_tab(console.window)
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=3000)
    history.select_row(0)
    with qtbot.waitSignal(console.window.rules.rules_changed, timeout=5000):
        history.block_button.click()
    qtbot.waitUntil(lambda: console.window.rules.model.rowCount() == 1, timeout=2000)
    db = open_database(console.db_path)
    assert [(r.number, r.action) for r in RuleBook(db).rules()] == [
        ("+81330001234", Action.BLOCK)]
    db.close()
    result = send(pool, console, call_from("+81330001234", "second")).result(timeout=5)
    assert (result.status, result.body["reason"]) == (403, "rule")


def test_always_let_through_from_the_live_card(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    click_mode(qtbot, console, Mode.REJECT_ALL)
    send(pool, console, call_from("0330001234", "boss")).result(timeout=5)
    card = console.window.live.card
    qtbot.waitUntil(lambda: card.call_id == "boss", timeout=2000)
    with qtbot.waitSignal(console.window.rules.rules_changed, timeout=5000):
        card.allow_button.click()
    bar = console.window.statusBar()
    qtbot.waitUntil(lambda: "Always letting through 03-3000-1234" in bar.currentMessage(),
                    timeout=5000)
    result = send(pool, console, call_from("03-3000-1234", "boss-again")).result(timeout=5)
    assert (result.status, result.body["reason"]) == (200, "rule")


def test_filter_history_and_export_what_is_shown(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor, tmp_path: Path
) -> None:
    for n, number in enumerate(("0330001234", "0120123456", "0330001234")):
        send(pool, console, call_from(number, f"h{n}")).result(timeout=5)
    history = history_tab(console.window)
    qtbot.waitUntil(lambda: history.model.rowCount() == 3, timeout=3000)
    qtbot.keyClicks(history.search_field, "0120")  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=3000)
    target = tmp_path / "calls.csv"
    with qtbot.waitSignal(history.export.finished, timeout=10_000) as done:
        history.export_to(str(target))
    assert done.args is not None and done.args[0] == 1
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel in Japan needs the BOM to read UTF-8"
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 2 and "0120-123-456" in ",".join(rows[1])
    assert "鈴木" in ",".join(rows[1])


def test_listener_failures_show_in_the_status_area(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    result = pool.submit(post, url_of(console), "this is not json").result(timeout=5)
    assert result.body["reason"] == "failsafe"
    qtbot.waitUntil(lambda: "fail-safe" in console.window.last_error.text().lower(), timeout=2000)


def test_a_port_in_use_is_shown_and_the_console_still_opens(
    qtbot: QtBot, db_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        console = start_console(qtbot, db_path, taken.getsockname()[1])
        try:
            assert not console.listener.state().listening
            assert console.window.problem.isVisible()
            assert "in use" in console.window.problem.text()
            assert "NOT receiving calls" in console.window.problem.text()
        finally:
            console.window.quit_now()
            console.close()


def test_closing_without_a_tray_asks_and_cancel_keeps_taking_calls(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    window = console.window
    box = close_without_tray(qtbot, console)
    assert "rejects every incoming call" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible()
    assert send(pool, console, call_from("0330001234", "still")).result(timeout=5).status == 200


def test_window_geometry_is_remembered(qtbot: QtBot, db_path: Path) -> None:
    first = start_console(qtbot, db_path)
    first.window.resize(790, 560)  # inside the offscreen platform's 800x600 screen
    chosen = (first.window.width(), first.window.height())
    first.window.quit_now()
    first.close()
    second = start_console(qtbot, db_path)
    try:
        assert chosen[1] == 560
        assert (second.window.width(), second.window.height()) == chosen
    finally:
        second.window.quit_now()
        second.close()


def test_make_run_opens_the_console_and_sigterm_quits_it(tmp_path: Path) -> None:
    """`python main.py` as a person (or a session logout) runs and stops it."""
    port = free_port()
    env = os.environ | {"CALLGATE_DATA_DIR": str(tmp_path), "CALLGATE_PORT": str(port),
                        "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for_health(port, process,
                        lambda: process.stdout.read() if process.stdout else "")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        output = process.stdout.read().decode() if process.stdout else ""
        assert "Traceback" not in output
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def closed_now_hours() -> str:
    """Office hours of one minute, twelve hours from now in Tokyo: the office is closed now."""
    later = datetime.now(ZoneInfo("Asia/Tokyo")) + timedelta(hours=12)
    start = later.replace(second=0, microsecond=0)
    end = start + timedelta(minutes=1)
    return f"mon-sun {start:%H:%M}-{end:%H:%M}"


def test_the_schedule_decides_the_mode_and_a_click_overrides_it_until_the_next_change(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor, db_path: Path
) -> None:
    from_command_line(db_path, "schedule-hours", closed_now_hours())
    from_command_line(db_path, "closed-mode", "reject-all")
    from_command_line(db_path, "schedule", "on")
    window = console.window
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=2000)
    assert "by the schedule" in window.mode_bar.source.text()
    result = send(pool, console, call_from("0330001234", "closed")).result(timeout=5)
    assert (result.status, result.body["reason"]) == (403, "mode")

    click_mode(qtbot, console, Mode.ACCEPT_ALL)
    assert not window.banner.isVisible()
    assert "set by hand, until" in window.mode_bar.source.text()
    result = send(pool, console, call_from("0330001234", "overridden")).result(timeout=5)
    assert result.status == 200


def test_an_override_kept_until_turned_off_and_the_way_back_to_the_schedule(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor, db_path: Path
) -> None:
    bar = console.window.mode_bar
    assert not bar.keep.isVisible() and not bar.back_to_schedule.isVisible(), \
        "without a schedule there is nothing to override"
    from_command_line(db_path, "schedule-hours", closed_now_hours())
    from_command_line(db_path, "closed-mode", "reject-all")
    from_command_line(db_path, "schedule", "on")
    qtbot.waitUntil(lambda: bar.keep.isVisible(), timeout=2000)
    bar.keep.setChecked(True)
    click_mode(qtbot, console, Mode.ASK)
    assert "until turned off" in bar.source.text()
    assert Office(db_path).settings.value("override-ends") == "turned-off"
    assert bar.back_to_schedule.isVisible()
    bar.back_to_schedule.click()
    qtbot.waitUntil(lambda: console.window.mode.pending == 0, timeout=10_000)
    assert bar.buttons[Mode.REJECT_ALL].isChecked() and "by the schedule" in bar.source.text()
    assert not bar.back_to_schedule.isVisible()
    result = send(pool, console, call_from("0330001234", "scheduled-again")).result(timeout=5)
    assert (result.status, result.body["reason"]) == (403, "mode")
