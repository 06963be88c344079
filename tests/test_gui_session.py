"""The console's end of its link: everything arrives as Qt signals on the GUI thread, and a
change that waits for the database says so instead of freezing the window."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import shiboken6
from conftest import post, sample
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from application import Office
from gui.session import ConsoleSession
from screening.mode import Mode
from server.listener import Listener
from server.protocol import messages as protocol
from server.protocol.link import LinkState

ROOT = Path(__file__).resolve().parents[1]


def test_events_arrive_as_signals_on_the_gui_thread(
        qtbot: QtBot, session: ConsoleSession, listener: Listener, db_path: Path) -> None:
    assert session.state is LinkState.ATTACHED and session.snapshot is not None
    threads: list[threading.Thread] = []
    session.call_decided.connect(lambda _: threads.append(threading.current_thread()))
    body = sample("seed_incoming_call.json")
    with qtbot.waitSignal(session.call_decided, timeout=5000) as decided:
        post(listener.url(Office(db_path).webhook.token()), body)
    assert decided.args is not None and decided.args[0].call.call_id == body["callId"]
    assert threads == [threading.main_thread()]
    assert session.seq == session.snapshot.seq + 2, "arrived, then decided"


def test_a_change_that_waits_for_the_lock_says_so_then_ends_saved(
        qtbot: QtBot, session: ConsoleSession, db_path: Path) -> None:
    other = sqlite3.connect(db_path, timeout=1)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    slow: list[bool] = []
    results: list[protocol.Result] = []
    session.request(protocol.SetMode(mode=Mode.REJECT_ALL), results.append,
                    slow=lambda: slow.append(True))
    qtbot.waitUntil(lambda: bool(slow), timeout=3000)
    assert not results, "still waiting for the lock"
    other.rollback()
    other.close()
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert isinstance(results[0], protocol.Done)
    qtbot.waitUntil(lambda: session.settings.get("mode") == "reject-all", timeout=3000)


def test_nothing_is_delivered_after_close(
        qtbot: QtBot, session: ConsoleSession, listener: Listener, db_path: Path) -> None:
    heard: list[object] = []
    session.call_arrived.connect(heard.append)
    session.close()
    post(listener.url(Office(db_path).webhook.token()), sample("seed_incoming_call.json"))
    qtbot.wait(300)
    assert heard == []


def test_a_command_after_close_is_dropped_without_an_answer(
        qtbot: QtBot, session: ConsoleSession) -> None:
    """A widget may still ask while the window closes; nothing raises, nothing answers."""
    session.close()
    answered: list[protocol.Result] = []
    session.request(protocol.GetSettings(), answered.append)
    qtbot.wait(200)
    assert answered == []


# Sessions closed and deleted at once while the listener's answers to them are still coming
# (a window that quits mid-burst, a test's teardown): the listener's thread must never hand a
# delivery to a session being deleted. In a process of its own, as the failure is a crash.
CLOSE_WHILE_ANSWERED = """
import sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QObject
from shiboken6 import delete
from gui.session import ConsoleSession
from server.listener import Listener
from server.protocol.messages import HistoryPage, HistoryQuery

app = QCoreApplication([])
listener = Listener(Path(tempfile.mkdtemp()) / "callgate.db", "127.0.0.1", 0,
                    watch_reachability=False)
listener.start()
ends = time.monotonic() + float(sys.argv[1])
rounds = 0
while time.monotonic() < ends:
    owner = QObject()
    session = ConsoleSession(listener.link(wire=True), owner)
    session.open()
    while session.snapshot is None:
        app.processEvents()
    for _ in range(100):
        session.request(HistoryPage(query=HistoryQuery(limit=5)), lambda result: None)
    time.sleep(0.0005 * (rounds % 5))
    session.close()
    delete(owner)
    rounds += 1
listener.stop()
print("rounds:", rounds)
"""


def test_a_session_deleted_as_it_closes_is_never_touched_again(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CLOSE_WHILE_ANSWERED, "8"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    assert int(done.stdout.split()[-1]) > 20


def test_a_listener_stopping_while_consoles_attach_reports_no_failure(
        qtbot: QtBot, db_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Quitting as the console opens is no failure of the console's to attach."""
    listener = Listener(db_path, "127.0.0.1", 0, watch_reachability=False)
    listener.start()
    owner = QObject()  # the sessions are its children, deleted with it
    sessions = [ConsoleSession(listener.link(wire=True), owner) for _ in range(50)]
    for session in sessions:
        session.open()
    listener.stop()
    for session in sessions:
        session.close()
    # Deleted now, with what their link posted them and never delivered, not by a garbage
    # collection during a later test's events, on whichever thread it comes.
    shiboken6.delete(owner)
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
