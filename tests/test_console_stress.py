"""A busy morning with the window open: every call answered and recorded, the window alive."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import Console, history_tab, sample, url_of
from PySide6.QtCore import QElapsedTimer, QTimer
from pytestqt.qtbot import QtBot
from test_burst import BURST_DEADLINE, CALLS, post_all

from storage.database import open_database

FRAME_MS = 16
FROZEN_MS = 1500  # a window that does not paint for this long looks hung to a person


def test_burst_while_the_window_redraws(qtbot: QtBot, console: Console, db_path: Path) -> None:
    bodies = []
    for index in range(CALLS):
        body = sample("seed_incoming_call.json")
        body["callId"] = f"stress-{index:05d}"
        body["phoneNumber"] = f"03{40000000 + index:08d}"
        bodies.append(body)
    window = console.window
    longest_gap = 0
    clock = QElapsedTimer()
    clock.start()

    def frame() -> None:
        nonlocal longest_gap
        longest_gap = max(longest_gap, clock.restart())
        window.repaint()

    painter = QTimer(window)
    painter.timeout.connect(frame)
    painter.start(FRAME_MS)
    with ThreadPoolExecutor(max_workers=1) as pool:
        burst = pool.submit(asyncio.run, post_all(url_of(console), bodies))
        started = time.monotonic()
        qtbot.waitUntil(burst.done, timeout=int(BURST_DEADLINE * 1000))
        took = time.monotonic() - started
        answers = burst.result()
    painter.stop()

    assert [status for status, _ in answers] == [200] * CALLS
    db = open_database(db_path)
    try:
        recorded = db.execute("SELECT count(DISTINCT call_id), count(*) FROM calls").fetchone()
    finally:
        db.close()
    assert tuple(recorded) == (CALLS, CALLS)
    assert longest_gap < FROZEN_MS, f"the window froze for {longest_gap} ms during the burst"
    live = window.live.model
    qtbot.waitUntil(lambda: live.rowCount() == live.MAX_CALLS and live.entry(0).decided is not None,
                    timeout=5000)
    history = history_tab(window).model
    qtbot.waitUntil(lambda: history.count_progress() == (CALLS, True), timeout=5000)
    print(f"{CALLS} calls in {took:.1f} s beside the window; longest frame gap {longest_gap} ms")
