"""Storage that stops taking writes: another program holds the write lock, or the disk is full.

Calls must still be answered by policy and quickly; their records wait and reach the history
once storage recovers; the console says so while it lasts.
"""

from __future__ import annotations

import asyncio
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Console, Running, history_tab, post, sample, url_of
from processes import free_port, wait_for_health
from pytestqt.qtbot import QtBot
from recorded import health
from test_faults import ROOT

from application import Office
from screening.mode import Mode
from screening.phone import parse_rule_number
from screening.rules import Action
from server.events import StorageFailing, StorageRecovered
from server.listener import Listener
from storage import writer as writer_module
from storage.calls import CallHistory
from storage.database import DB_FILENAME, open_database
from storage.journal import JOURNAL_DIR
from storage.rules import RuleBook
from storage.settings import Counters
from storage.writer import BacklogFull, Submitted, Writer, WriterClosed

ANSWER_DEADLINE = 2.0
HOLD_LOCK = (
    "import sqlite3, sys\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('BEGIN IMMEDIATE')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
)


class LockHolder:
    """Another process holding the database's write lock until released."""

    def __init__(self, db_path: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db_path)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == b"locked"

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=10)


@pytest.fixture
def lock_holder(db_path: Path) -> Iterator[Any]:
    holders: list[LockHolder] = []

    def hold() -> LockHolder:
        holders.append(LockHolder(db_path))
        return holders[-1]

    yield hold
    for holder in holders:
        holder.release()


def recorded(db_path: Path) -> list[str]:
    """The call ids in the history, read through a plain connection of our own."""
    with sqlite3.connect(db_path) as db:
        return [row[0] for row in db.execute("SELECT call_id FROM calls ORDER BY id")]


def wait_until(check: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def timed_post(url: str, call_id: str) -> tuple[float, Any]:
    started = time.monotonic()
    answer = post(url, sample("seed_incoming_call.json") | {"callId": call_id})
    return time.monotonic() - started, answer


def set_mode(db_path: Path, mode: str) -> None:
    db = open_database(db_path)
    try:
        Office.over(db).settings.set("mode", mode)
    finally:
        db.close()


def test_calls_are_answered_by_policy_while_another_program_holds_the_lock(
    running: Running, lock_holder: Any
) -> None:
    set_mode(running.db_path, "reject-all")
    holder = lock_holder()

    answers = [timed_post(running.url, f"locked-{n}") for n in range(5)]

    for took, answer in answers:
        assert took < ANSWER_DEADLINE
        assert (answer.status, answer.body) == (403, {"decision": "reject", "reason": "mode"})
    assert recorded(running.db_path) == []
    failing = running.events.of(StorageFailing)
    assert len(failing) == 1
    assert "locked" in failing[0].why

    again = post(running.url, sample("seed_incoming_call.json") | {"callId": "locked-0"})
    assert (again.status, again.body.get("duplicate")) == (403, True)
    status = health(running.base)
    assert "locked" in status["storage_problem"] and status["records_waiting"] >= 5

    holder.release()
    wait_until(lambda: len(recorded(running.db_path)) == 5)
    wait_until(lambda: health(running.base)["storage_problem"] is None)
    assert health(running.base)["records_waiting"] == 0
    assert recorded(running.db_path) == [f"locked-{n}" for n in range(5)]
    wait_until(lambda: running.events.of(StorageRecovered))
    assert running.events.of(StorageRecovered)[0].written >= 5

    took, answer = timed_post(running.url, "after")
    assert answer.status == 403
    assert recorded(running.db_path)[-1] == "after"


def test_a_full_disk_delays_records_and_loses_none(tmp_path: Path) -> None:
    """The listener process may write no byte more (RLIMIT_FSIZE, as on a full disk)."""
    port = free_port()
    env = os.environ | {"CALLGATE_DATA_DIR": str(tmp_path), "CALLGATE_PORT": str(port)}
    serve = subprocess.Popen([sys.executable, "main.py", "serve"], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    db_path = tmp_path / DB_FILENAME
    try:
        wait_for_health(port, serve)
        token = Office(db_path).webhook.token()
        url = f"http://127.0.0.1:{port}/hooks/commubo/{token}"
        assert timed_post(url, "before")[1].status == 200

        resource.prlimit(serve.pid, resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))
        answers = [timed_post(url, f"full-{n}") for n in range(3)]
        assert recorded(db_path) == ["before"]
        resource.prlimit(serve.pid, resource.RLIMIT_FSIZE,
                         (resource.RLIM_INFINITY, resource.RLIM_INFINITY))

        for took, answer in answers:
            assert took < ANSWER_DEADLINE
            assert (answer.status, answer.body) == (200, {"decision": "accept",
                                                          "reason": "mode"})
        wait_until(lambda: len(recorded(db_path)) == 4)
        assert recorded(db_path) == ["before", "full-0", "full-1", "full-2"]
    finally:
        serve.send_signal(signal.SIGTERM)
        _, log = serve.communicate(timeout=15)
    with sqlite3.connect(db_path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert b"storage is not taking writes" in log
    assert b"3 delayed records written" in log


def test_the_console_says_the_history_is_not_saved_until_storage_recovers(
    qtbot: QtBot, console: Console, lock_holder: Any
) -> None:
    window = console.window
    holder = lock_holder()

    took, answer = timed_post(url_of(console), "console-locked")

    assert took < ANSWER_DEADLINE and answer.status == 200
    qtbot.waitUntil(lambda: window.storage_problem.isVisible(), timeout=5000)
    assert "NOT being saved" in window.storage_problem.text()
    assert "locked" in window.storage_problem.text()

    holder.release()
    qtbot.waitUntil(lambda: not window.storage_problem.isVisible(), timeout=10_000)
    assert "saved" in window.statusBar().currentMessage()
    history = history_tab(window).model
    qtbot.waitUntil(lambda: history.rowCount() == 1, timeout=5000)


def test_writer_keeps_order_and_refuses_past_its_backlog(
    db_path: Path, lock_holder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "MAX_BACKLOG", 3)
    open_database(db_path).close()
    writer = Writer(db_path)
    writer.start()
    holder = lock_holder()

    async def run() -> None:
        def note(n: int) -> Submitted:
            return writer.submit(lambda db: Counters(db).add(f"n{n}"))

        kept = [note(n) for n in range(3)]
        wait_until(lambda: writer.trouble is not None)
        refused = note(3)
        with pytest.raises(BacklogFull):
            await asyncio.wait_for(refused.seen, 1)
        assert not any(submitted.done.done() for submitted in kept)

        holder.release()
        await asyncio.wait_for(asyncio.gather(*(submitted.seen for submitted in kept)), 10)

    asyncio.run(run())
    writer.close()
    with sqlite3.connect(db_path) as db:
        assert [row[0] for row in db.execute(
            "SELECT name FROM counters WHERE name LIKE 'n_' ORDER BY rowid")] \
            == ["n0", "n1", "n2"]


def test_closing_gives_up_on_records_after_its_grace(db_path: Path, lock_holder: Any) -> None:
    open_database(db_path).close()
    writer = Writer(db_path, grace=0.5)
    writer.start()
    lock_holder()

    async def submitted() -> Submitted:
        return writer.submit(lambda db: Counters(db).add("x"))

    waiting = asyncio.run(submitted())

    started = time.monotonic()
    writer.close()

    assert time.monotonic() - started < 5
    with pytest.raises(WriterClosed, match="before storage recovered"):
        waiting.done.result(timeout=0)


def test_a_mode_change_that_cannot_be_saved_says_so_and_shows_the_real_mode(
    qtbot: QtBot, console: Console, lock_holder: Any
) -> None:
    window = console.window
    lock_holder()

    window.mode_bar.buttons[Mode.REJECT_ALL].click()

    qtbot.waitUntil(lambda: window.storage_box is not None and window.storage_box.isVisible(),
                    timeout=10_000)
    assert window.storage_box is not None
    assert "NOT saved" in window.storage_box.text()
    assert "locked" in window.storage_box.text()
    assert not window.banner.isVisible(), "the window must not show reject-all: it is not"
    assert window.mode_bar.buttons[Mode.ACCEPT_ALL].isChecked()
    assert Office(console.db_path).settings.screening().mode is Mode.ACCEPT_ALL


def test_a_one_shot_allow_lets_one_call_through_while_its_use_is_not_on_disk(
    running: Running, lock_holder: Any
) -> None:
    """Records wait for storage, so the rule's use is not on disk when the second call comes:
    the same race as two calls in one instant, made certain."""
    set_mode(running.db_path, "reject-all")
    db = open_database(running.db_path)
    try:
        rule = RuleBook(db).put(parse_rule_number("0330001234"), Action.ALLOW, once=True)
    finally:
        db.close()
    holder = lock_holder()

    first = timed_post(running.url, "once-1")[1]
    second = timed_post(running.url, "once-2")[1]

    assert (first.status, first.body["reason"]) == (200, "rule")
    assert (second.status, second.body["reason"]) == (403, "mode")
    holder.release()
    wait_until(lambda: len(recorded(running.db_path)) == 2)
    row = RuleBook(open_database(running.db_path)).row(rule.id)
    assert row is not None and row["used_at"] is not None and row["times_matched"] == 1
    third = timed_post(running.url, "once-3")[1]
    assert (third.status, third.body["reason"]) == (403, "mode")


def quit_while_a_record_waits(db_path: Path, lock_holder: Any, call_id: str) -> LockHolder:
    """A call answered while another program holds the lock, then the listener stops (its
    writer retries for 0.5 s); the lock stays held."""
    token = Office(db_path).webhook.token()
    listener = Listener(db_path, "127.0.0.1", 0)
    listener.start()
    try:
        holder: LockHolder = lock_holder()
        answer = post(listener.url(token), sample("seed_incoming_call.json")
                      | {"callId": call_id})
        assert answer.status == 200
    finally:
        listener.stop()
    return holder


def test_records_still_waiting_at_quit_stay_in_the_journal_for_the_next_start(
    db_path: Path, lock_holder: Any, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(writer_module, "CLOSE_GRACE", 0.5)
    holder = quit_while_a_record_waits(db_path, lock_holder, "written-next-start")

    messages = [record.getMessage() for record in caplog.records]
    assert any("written-next-start is kept in the call journal" in text for text in messages)
    assert not any("could not be recorded" in text for text in messages)
    holder.release()
    assert recorded(db_path) == []
    listener = Listener(db_path, "127.0.0.1", 0)
    listener.start()
    try:
        wait_until(lambda: recorded(db_path) == ["written-next-start"])
    finally:
        listener.stop()
    assert CallHistory(open_database(db_path)).recent()[0]["customer_name"] == "鈴木 スミス 一郎"


def test_without_a_journal_records_still_waiting_at_quit_go_to_the_log_in_full(
    db_path: Path, lock_holder: Any, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(writer_module, "CLOSE_GRACE", 0.5)
    (db_path.parent / JOURNAL_DIR).write_text("a file where the journal's folder should be")
    quit_while_a_record_waits(db_path, lock_holder, "never-written")

    messages = [record.getMessage() for record in caplog.records]
    assert any("the call journal cannot be opened" in text for text in messages)
    lost = [text for text in messages if "could not be recorded" in text]
    assert len(lost) == 1
    assert '"call_id": "never-written"' in lost[0]
    assert '"customer_name": "鈴木 スミス 一郎"' in lost[0]


def test_the_window_waits_at_most_a_second_for_another_programs_lock(
    console: Console, lock_holder: Any
) -> None:
    lock_holder()
    started = time.monotonic()
    console.window.mode_bar.buttons[Mode.REJECT_ALL].click()
    assert time.monotonic() - started < 2.5, "the window froze waiting for the lock"
