"""Faults an office desktop meets: the process killed mid-burst, the GUI thread stuck."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import aiohttp
from conftest import Answer, Console, click_mode, close_without_tray, post, sample, url_of
from processes import free_port, wait_for_health
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from application import Office
from screening.messages import Message
from screening.mode import Mode
from storage.database import DB_FILENAME
from wording import render

ROOT = Path(__file__).resolve().parents[1]
ANSWER_DEADLINE = 2.0  # seconds; far inside any timeout commubo could reasonably use


async def burst_until_killed(url: str, answered: list[str], stop: threading.Event) -> None:
    """Post calls on 16 connections until the server dies; note each call that got a decision."""
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout,
                                     connector=aiohttp.TCPConnector(limit=16)) as session:

        async def worker(lane: int) -> None:
            n = 0
            while not stop.is_set():
                call_id = f"kill-{lane}-{n}"
                n += 1
                body: dict[str, Any] = sample("seed_incoming_call.json") | {"callId": call_id}
                try:
                    async with session.post(url, json=body) as response:
                        if response.status in (200, 403):
                            await response.read()
                            answered.append(call_id)
                except (aiohttp.ClientError, TimeoutError):
                    return

        await asyncio.gather(*(worker(lane) for lane in range(16)))


def test_killed_mid_burst_loses_no_answered_call(tmp_path: Path) -> None:
    port = free_port()
    env = os.environ | {"CALLGATE_DATA_DIR": str(tmp_path), "CALLGATE_PORT": str(port)}
    serve = subprocess.Popen([sys.executable, "main.py", "serve"], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_health(port, serve)
        token = Office(tmp_path / DB_FILENAME).webhook.token()
        url = f"http://127.0.0.1:{port}/hooks/commubo/{token}"
        answered: list[str] = []
        stop = threading.Event()
        poster = threading.Thread(target=asyncio.run,
                                  args=(burst_until_killed(url, answered, stop),))
        poster.start()
        deadline = time.monotonic() + 30
        while len(answered) < 300 and time.monotonic() < deadline:
            time.sleep(0.01)
        serve.send_signal(signal.SIGKILL)
        serve.wait(timeout=10)
        stop.set()
        poster.join(timeout=30)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
    assert len(answered) >= 300, "the burst never got going"

    check = sqlite3.connect(tmp_path / DB_FILENAME)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        recorded = {row[0] for row in check.execute("SELECT call_id FROM calls")}
    finally:
        check.close()
    missing = set(answered) - recorded
    assert not missing, f"{len(missing)} calls were answered but are not in the history"

    restarted = subprocess.Popen([sys.executable, "main.py", "serve"], cwd=ROOT, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_health(port, restarted)
        assert post(url, sample("seed_incoming_call.json") | {"callId": "after"}).status == 200
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.wait(timeout=15)


def test_a_stuck_gui_thread_does_not_delay_answers(qtbot: QtBot, console: Console) -> None:
    """The GUI thread sleeps for 5 s (a modal dialog, a huge refresh); calls keep flowing."""
    url = url_of(console)
    timings: list[tuple[int, float, float]] = []  # status, how long it took, when it came
    stuck_at = time.monotonic()

    def one(n: int) -> None:
        # Each post at its own time since the GUI got stuck, the 40 spread over its first 3 s.
        time.sleep(max(0.0, stuck_at + n * 0.075 - time.monotonic()))
        started = time.monotonic()
        answer = post(url, sample("seed_incoming_call.json") | {"callId": f"b{n}"})
        timings.append((answer.status, time.monotonic() - started, time.monotonic()))

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(one, n) for n in range(40)]
        time.sleep(5)  # the GUI thread is stuck here: no Qt event is processed
        unstuck = time.monotonic()
        for future in futures:
            future.result(timeout=30)
    assert [status for status, _, _ in timings] == [200] * 40
    slowest = max(took for _, took, _ in timings)
    assert slowest < ANSWER_DEADLINE, f"an answer took {slowest:.2f} s while the GUI was stuck"
    assert max(came for _, _, came in timings) < unstuck, "a call was answered only once unstuck"
    live = console.window.live.model
    qtbot.waitUntil(lambda: live.rowCount() == 40, timeout=5000)


def ask_and_wait(qtbot: QtBot, console: Console, pool: ThreadPoolExecutor,
                 call_id: str) -> Future[Answer]:
    """A call waiting for a person with 30 s on its clock and `reject` as its default."""
    settings = Office(console.db_path)
    settings.settings.save({"ask-timeout": "30", "ask-default": "reject"})
    click_mode(qtbot, console, Mode.ASK)
    answer = pool.submit(post, url_of(console),
                         sample("seed_incoming_call.json") | {"callId": call_id})
    qtbot.waitUntil(lambda: console.window.live.card.countdown.isVisible(), timeout=3000)
    return answer


def assert_default_once(answer: Future[Answer], db_path: Path, call_id: str) -> None:
    """The waiting call got its default at once (not after its 30 s), and one history row."""
    result = answer.result(timeout=ANSWER_DEADLINE + 3)
    assert (result.status, result.body["reason"]) == (403, "timeout")
    with sqlite3.connect(db_path) as db:
        rows = db.execute("SELECT reason, detail FROM calls WHERE call_id = ?",
                          [call_id]).fetchall()
    said = [(reason, render(Message.from_json(detail))) for reason, detail in rows]
    assert said == [("timeout", "callgate is stopping; default reject")]


def test_quit_while_a_call_waits_gives_it_its_default(
    qtbot: QtBot, console: Console, db_path: Path
) -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        answer = ask_and_wait(qtbot, console, pool, "quit-mid-decision")
        console.window.quit_now()
        console.close()
        assert_default_once(answer, db_path, "quit-mid-decision")


def test_closing_the_window_while_a_call_waits_gives_it_its_default(
    qtbot: QtBot, console: Console, db_path: Path
) -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        answer = ask_and_wait(qtbot, console, pool, "closed-mid-decision")
        box = close_without_tray(qtbot, console)
        quit_button = next(button for button in box.buttons()
                           if box.buttonRole(button) is QMessageBox.ButtonRole.DestructiveRole)
        quit_button.click()
        console.close()
        assert_default_once(answer, db_path, "closed-mid-decision")
