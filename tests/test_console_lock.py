"""Another program holds the database's write lock for 10 s while the console is open (issue 11's
proof): the GUI thread never stalls more than 50 ms while a waiting call's countdown ticks and
other calls arrive, and a mode change made meanwhile ends saved or refused, with a word to the
person either way."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import Console, click_mode, post, sample, url_of
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from pytestqt.qtbot import QtBot
from test_storage_faults import LockHolder

from application import Office
from screening.policy import Mode
from screening.rule_draft import RuleDraft
from screening.rules import Action

LOCK_S = 10.0
STALL_MS = 50
TICK_MS = 10


class Stalls:
    """A timer that records how late it fired: the GUI thread's longest stall."""

    def __init__(self) -> None:
        self.longest = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._timer.start(TICK_MS)

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        self.longest = max(self.longest, self._clock.restart() - TICK_MS)


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=4) as executor:
        yield executor


def call(call_id: str, number: str) -> dict[str, object]:
    return sample("seed_incoming_call.json") | {"callId": call_id, "phoneNumber": number}


def test_ten_seconds_of_another_programs_lock_never_stall_the_window(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    office = Office(console.db_path)
    office.settings.save({"ask-timeout": "60", "ask-default": "accept"})
    office.rules.put(RuleDraft("0120-123-456", Action.ALLOW, "answered at once"))
    click_mode(qtbot, console, Mode.ASK)
    window, card = console.window, console.window.live.card
    url = url_of(console)
    stalls = Stalls()
    holder = LockHolder(console.db_path)
    locked_at = time.monotonic()
    stalls.start()
    try:
        waiting = pool.submit(post, url, call("waits-for-a-person", "0330001234"))
        qtbot.waitUntil(card.countdown.isVisible, timeout=5000)
        counted_from = card.countdown.value()
        others = [pool.submit(post, url, call(f"while-locked-{n}", "0120123456"))
                  for n in range(20)]
        qtbot.waitUntil(window.storage_problem.isVisible, timeout=5000)

        window.mode_bar.buttons[Mode.REJECT_ALL].click()  # while the lock is held
        qtbot.waitUntil(window.mode_bar.saving.isVisible, timeout=3000)
        assert card.countdown.value() < counted_from, "the countdown ticks meanwhile"
        qtbot.waitUntil(lambda: window.mode.pending == 0, timeout=int(LOCK_S * 1000) + 5000)
        assert not window.mode_bar.saving.isVisible()
        box = window.storage_box
        if box is not None and box.isVisible():  # refused: the lock outlasted the busy wait
            assert "NOT saved" in box.text() and "locked" in box.text()
            assert window.mode_bar.buttons[Mode.ASK].isChecked() and not window.banner.isVisible()
        else:  # saved once the lock was free
            assert window.banner.isVisible() and window.mode.mode is Mode.REJECT_ALL

        window.waiting.accept_button.click()  # the box, if any, is in nobody's way
        # The test's own thread waits only through Qt's loop, which the timer measures.
        qtbot.waitUntil(lambda: all(post.done() for post in (waiting, *others)), timeout=5000)
        answer = waiting.result()
        assert (answer.status, answer.body["reason"]) == (200, "person")
        assert [other.result().status for other in others] == [200] * 20
        qtbot.wait(max(0, int((LOCK_S - (time.monotonic() - locked_at)) * 1000)))
    finally:
        holder.release()
    qtbot.waitUntil(lambda: not window.storage_problem.isVisible(), timeout=15_000)
    stalls.stop()
    assert stalls.longest < STALL_MS, f"the GUI thread stalled for {stalls.longest} ms"
