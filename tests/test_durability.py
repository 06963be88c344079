"""No call lost to a crash or a storage outage: real `serve` (and console) processes, another
program holding the write lock, kill -9, a full disk that is partly freed."""

from __future__ import annotations

import asyncio
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from configured import configure
from conftest import Answer, post, sample, setup_done
from processes import free_port, wait_for_health
from recorded import health
from test_faults import ROOT
from test_storage_faults import LockHolder, wait_until

from application import Office
from screening.messages import Message
from screening.phone import parse_rule_number
from screening.rules import Action
from server.listener import Listener
from storage import writer as writer_module
from storage.database import DB_FILENAME, open_database
from storage.journal import JOURNAL_DIR
from storage.rules import RuleBook
from storage.settings import Counters
from wording import render

REFUSED_COUNTER = "refused-requests"


class Process:
    """callgate (`serve`, or the console when `command` is empty) on a free port, with its own
    data directory; its log is read when it has stopped."""

    def __init__(self, data_dir: Path, *command: str, env: dict[str, str] | None = None) -> None:
        self.db_path = data_dir / DB_FILENAME
        self.port = free_port()
        full_env = os.environ | {"CALLGATE_DATA_DIR": str(data_dir),
                                 "CALLGATE_PORT": str(self.port)} | (env or {})
        self.process = subprocess.Popen([sys.executable, "main.py", *command], cwd=ROOT,
                                        env=full_env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        self._log: list[bytes] = []
        # Drained all along: a full pipe would stop the process at its next log line.
        self._drain = threading.Thread(target=self._read_log, daemon=True)
        self._drain.start()
        wait_for_health(self.port, self.process)
        self.token = Office(self.db_path).webhook.token()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base}/hooks/commubo/{self.token}"

    @property
    def log(self) -> bytes:
        """What the process wrote to its standard error (whole once it has stopped)."""
        return b"".join(self._log)

    def kill(self) -> None:
        """kill -9: no shutdown code runs."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._drain.join(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        self._drain.join(timeout=10)

    def _read_log(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._log.append(line)


@pytest.fixture
def processes() -> Iterator[list[Process]]:
    started: list[Process] = []
    yield started
    for process in started:
        if process.process.poll() is None:
            process.kill()


@pytest.fixture
def locks(db_path: Path) -> Iterator[list[LockHolder]]:
    held: list[LockHolder] = []
    yield held
    for holder in held:
        holder.release()


def rows(db_path: Path) -> dict[str, tuple[str, str]]:
    """Every call in the history: call id -> (decision, reason)."""
    with sqlite3.connect(db_path) as db:
        return {row[0]: (row[1], row[2]) for row in db.execute(
            "SELECT call_id, decision, reason FROM calls ORDER BY id")}


def call(call_id: str) -> dict[str, Any]:
    return sample("seed_incoming_call.json") | {"callId": call_id}


async def post_all(url: str, bodies: list[Any], lanes: int) -> list[int]:
    """Post every body on `lanes` connections at once; the statuses, in order."""
    statuses = [0] * len(bodies)
    queue = list(enumerate(bodies))
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=10, sock_read=120)
    async with aiohttp.ClientSession(
            timeout=timeout, connector=aiohttp.TCPConnector(limit=lanes)) as session:

        async def lane() -> None:
            while queue:
                n, body = queue.pop()
                async with session.post(url, json=body) as response:
                    await response.read()
                    statuses[n] = response.status

        await asyncio.gather(*(lane() for _ in range(lanes)))
    return statuses


def test_a_flood_of_wrong_tokens_during_a_lock_costs_no_call_its_decision(
    tmp_path: Path, processes: list[Process], locks: list[LockHolder]
) -> None:
    db_path = tmp_path / DB_FILENAME
    configure(db_path, {"mode": "reject-all"})
    RuleBook(open_database(db_path)).put(parse_rule_number("0330001234"), Action.BLOCK)
    serve = Process(tmp_path, "serve")
    processes.append(serve)
    locks.append(LockHolder(db_path))

    flood = 10_500
    statuses = asyncio.run(post_all(f"{serve.base}/hooks/commubo/wrong-token",
                                    [{"callId": "x"}] * flood, lanes=32))
    assert Counter(statuses) == {404: flood}
    answer = post(serve.url, call("blocked-after-the-flood"))

    assert (answer.status, answer.body) == (403, {"decision": "reject", "reason": "rule"})
    assert health(serve.base)["refused_requests"] == flood
    locks[0].release()
    wait_until(lambda: "blocked-after-the-flood" in rows(db_path))
    assert rows(db_path)["blocked-after-the-flood"] == ("reject", "rule")
    serve.stop()
    assert Counters(open_database(db_path)).get(REFUSED_COUNTER) == flood


def test_answered_calls_survive_kill_9_while_another_program_holds_the_lock(
    tmp_path: Path, processes: list[Process], locks: list[LockHolder]
) -> None:
    db_path = tmp_path / DB_FILENAME
    configure(db_path, {"mode": "reject-all"})
    serve = Process(tmp_path, "serve")
    processes.append(serve)
    locks.append(LockHolder(db_path))

    ids = [f"locked-{n}" for n in range(100)]
    statuses = asyncio.run(post_all(serve.url, [call(call_id) for call_id in ids], lanes=10))
    assert statuses == [403] * 100
    serve.kill()
    locks[0].release()
    assert rows(db_path) == {}

    restarted = Process(tmp_path, "serve")
    processes.append(restarted)
    wait_until(lambda: len(rows(db_path)) == 100)
    assert rows(db_path) == {call_id: ("reject", "mode") for call_id in ids}
    after = post(restarted.url, call("after-the-restart"))
    assert after.status == 403
    restarted.stop()
    assert set(rows(db_path)) == {*ids, "after-the-restart"}
    assert b"kept 100 calls from before callgate stopped: 100 were missing" in restarted.log


def post_in_background(pool: ThreadPoolExecutor, url: str, call_id: str) -> Future[Answer]:
    def send() -> Answer:
        try:
            return post(url, call(call_id))
        except OSError:  # the process died under it: no answer at all
            return Answer(0, {})

    return pool.submit(send)


def assert_stopped_before_answering(db_path: Path, call_id: str) -> None:
    """In the history, as not let through: commubo aborts a call it gets no answer for."""
    with sqlite3.connect(db_path) as db:
        found = db.execute("SELECT decision, reason, detail, customer_name, phone_number "
                           "FROM calls WHERE call_id = ?", [call_id]).fetchall()
    assert len(found) == 1
    decision, reason, detail, customer, number = found[0]
    assert (decision, reason) == ("reject", "stopped")
    assert "no answer" in render(Message.from_json(detail))
    assert (customer, number) == ("鈴木 スミス 一郎", "0330001234")


def test_a_call_waiting_for_a_person_when_callgate_is_killed_is_in_the_history(
    tmp_path: Path, processes: list[Process]
) -> None:
    db_path = tmp_path / DB_FILENAME
    configure(db_path, {"mode": "ask", "ask-timeout": "60"})
    setup_done(tmp_path)
    console = Process(tmp_path, env={"QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6"})
    processes.append(console)

    with ThreadPoolExecutor(max_workers=1) as pool:
        for attempt in range(50):  # the window may not be ready to ask yet: then nobody is
            call_id = f"waiting-when-killed-{attempt}"
            answer = post_in_background(pool, console.url, call_id)
            wait_until(lambda sent=answer: sent.done() or health(console.base)["waiting"] == 1)
            if not answer.done():
                break
        console.kill()
        assert answer.result(timeout=10).status == 0, "the call got no answer"
    assert call_id not in rows(db_path)

    restarted = Process(tmp_path, "serve")
    processes.append(restarted)
    wait_until(lambda: call_id in rows(db_path))
    assert_stopped_before_answering(db_path, call_id)


def test_a_call_whose_record_waits_for_storage_when_callgate_is_killed_is_in_the_history(
    tmp_path: Path, processes: list[Process], locks: list[LockHolder]
) -> None:
    """Killed inside the second an answer waits for its record: the answer never left."""
    db_path = tmp_path / DB_FILENAME
    serve = Process(tmp_path, "serve")
    processes.append(serve)
    locks.append(LockHolder(db_path))

    with ThreadPoolExecutor(max_workers=1) as pool:
        answer = post_in_background(pool, serve.url, "killed-while-recording")
        wait_until(lambda: health(serve.base)["records_waiting"] == 1)
        serve.kill()
        assert answer.result(timeout=10).status == 0, "the call got no answer"
    locks[0].release()

    restarted = Process(tmp_path, "serve")
    processes.append(restarted)
    wait_until(lambda: "killed-while-recording" in rows(db_path))
    assert_stopped_before_answering(db_path, "killed-while-recording")


def file_limit(pid: int, size: int | None) -> None:
    """At most `size` bytes in any file the process writes (None: no limit), as on a disk with
    that much room left: a write past it fails with EFBIG."""
    limit = resource.RLIM_INFINITY if size is None else size
    resource.prlimit(pid, resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))


def wal_size(db_path: Path) -> int:
    wal = db_path.with_name(db_path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_a_partly_freed_disk_takes_what_fits(
    tmp_path: Path, processes: list[Process]
) -> None:
    """The disk is full while 300 large calls come; then a little room is freed: the records
    that fit in it are written at once, not retried for ever as one transaction too big."""
    db_path = tmp_path / DB_FILENAME
    serve = Process(tmp_path, "serve")
    processes.append(serve)
    assert post(serve.url, call("before")).status == 200
    with sqlite3.connect(db_path) as db:  # an empty WAL: the room freed below is all it gets
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert wal_size(db_path) == 0

    file_limit(serve.process.pid, 0)
    note = "x" * 3000
    bodies = [call(f"full-{n}") | {"customer": {"note": note}} for n in range(300)]
    statuses = asyncio.run(post_all(serve.url, bodies, lanes=16))
    assert statuses == [200] * 300
    time.sleep(1)
    assert set(rows(db_path)) == {"before"}

    # 600 KiB freed: not room for all 300 (2 MB), room for about 80 in one commit; each commit
    # writes the indexes' pages again (64 KiB), so one record at a time would fill it with ten.
    file_limit(serve.process.pid, 600 * 1024)
    wait_until(lambda: len(rows(db_path)) > 60, timeout=20)
    assert len(rows(db_path)) < 301

    file_limit(serve.process.pid, None)
    wait_until(lambda: len(rows(db_path)) == 301, timeout=20)
    serve.stop()
    assert b"the call journal cannot be written" in serve.log
    with sqlite3.connect(db_path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_refused_requests_are_counted_at_once_and_saved_at_quit(
    tmp_path: Path, processes: list[Process]
) -> None:
    """Counted in memory, saved now and then and at quit: /healthz is exact at once."""
    db_path = tmp_path / DB_FILENAME
    serve = Process(tmp_path, "serve")
    processes.append(serve)

    statuses = asyncio.run(post_all(f"{serve.base}/hooks/commubo/nope", [{}] * 200, lanes=8))

    assert Counter(statuses) == {404: 200}
    assert health(serve.base)["refused_requests"] == 200
    serve.stop()
    assert Counters(open_database(db_path)).get(REFUSED_COUNTER) == 200


def rule_matches(db_path: Path) -> int:
    with sqlite3.connect(db_path) as db:
        return int(db.execute("SELECT sum(times_matched) FROM rules").fetchone()[0])


def test_a_journal_written_again_counts_no_call_and_no_rule_match_twice(
    tmp_path: Path, processes: list[Process], locks: list[LockHolder]
) -> None:
    """Killed after the database took what the journal also holds: the restart writes the
    journal again, and changes nothing."""
    db_path = tmp_path / DB_FILENAME
    RuleBook(open_database(db_path)).put(parse_rule_number("0330001234"), Action.BLOCK)
    serve = Process(tmp_path, "serve")
    processes.append(serve)
    locks.append(LockHolder(db_path))
    ids = [f"twice-{n}" for n in range(20)]
    assert asyncio.run(post_all(serve.url, [call(i) for i in ids], lanes=4)) == [403] * 20
    locks[0].release()
    wait_until(lambda: len(rows(db_path)) == 20)
    assert rule_matches(db_path) == 20
    serve.kill()
    assert list((tmp_path / JOURNAL_DIR).glob("*.jsonl")), "the journal holds them too"

    restarted = Process(tmp_path, "serve")
    processes.append(restarted)
    restarted.stop()
    assert b"kept 20 calls from before callgate stopped: 0 were missing" in restarted.log
    assert rows(db_path) == {call_id: ("reject", "rule") for call_id in ids}
    assert rule_matches(db_path) == 20
    assert list((tmp_path / JOURNAL_DIR).iterdir()) == [], restarted.log.decode()[-3000:]


def test_calls_past_a_full_backlog_keep_their_decision_and_are_written_on_recovery(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, locks: list[LockHolder]
) -> None:
    """The writer keeps 3 records at most: the journal keeps the others."""
    monkeypatch.setattr(writer_module, "MAX_BACKLOG", 3)
    configure(db_path, {"mode": "reject-all"})
    token = Office(db_path).webhook.token()
    listener = Listener(db_path, "127.0.0.1", 0)
    listener.start()
    try:
        locks.append(LockHolder(db_path))
        answers = [post(listener.url(token), call(f"spilled-{n}")) for n in range(6)]
        assert [(a.status, a.body["reason"]) for a in answers] == [(403, "mode")] * 6
        again = post(listener.url(token), call("spilled-5"))
        assert (again.status, again.body.get("duplicate")) == (403, True)
        locks[0].release()
        wait_until(lambda: len(rows(db_path)) == 6)
    finally:
        listener.stop()
    assert rows(db_path) == {f"spilled-{n}": ("reject", "mode") for n in range(6)}
