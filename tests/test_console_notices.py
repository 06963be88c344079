"""What the console says in passing, and for how long: no start-up balloon over the card while
the window shows the state itself, status-bar notes that go, and what stays until it is dealt
with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Console, post, start_console, url_of
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot
from tunnel_fakes import FakeNgrokAgent

from application import Office
from gui import status
from gui.reach import UNREACHABLE
from screening.messages import Message
from screening.rules import Action
from server.protocol.messages import ReachabilityChanged, ReachState
from storage.database import open_database

CHECK_TIMEOUT = 15_000
on_a_faked_tray = pytest.mark.qt_log_ignore("systemTrayWindowChanged")


@pytest.fixture
def balloons(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A desktop with a system tray; the titles of the messages its icon shows."""
    shown: list[str] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage",
                        lambda self, title, *rest: shown.append(title))
    return shown


@pytest.fixture
def tray_console(qtbot: QtBot, db_path: Path, balloons: list[str]) -> Iterator[Console]:
    running = start_console(qtbot, db_path)
    yield running
    running.window.quit_now()
    running.close()


@on_a_faked_tray
def test_unreachable_at_start_up_shows_in_the_window_not_in_a_balloon_over_it(
    qtbot: QtBot, db_path: Path, agent: FakeNgrokAgent, balloons: list[str]
) -> None:
    """ngrok runs without callgate's tunnel: the window says so; a balloon would sit over the
    card's buttons just when the first call may come."""
    db = open_database(db_path)
    Office.over(db).settings.save({"tunnel": "ngrok", "ngrok-api": f"127.0.0.1:{agent.port}"})
    db.close()
    console = start_console(qtbot, db_path)
    try:
        window, monitor = console.window, console.listener.reachability
        assert monitor is not None and window.isVisible()
        qtbot.waitUntil(lambda: monitor.completed >= 1, timeout=CHECK_TIMEOUT)
        qtbot.waitUntil(lambda: window.reachability.state == UNREACHABLE, timeout=5000)
        assert window.unreachable.isVisible()
        assert balloons == []
    finally:
        console.window.quit_now()
        console.close()


@on_a_faked_tray
def test_a_note_in_the_status_bar_goes_after_a_few_seconds(
    qtbot: QtBot, tray_console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(status, "NOTE_MS", 300)
    bar = tray_console.window.statusBar()
    tray_console.window.rules.add_rule("0120123456", Action.BLOCK)
    qtbot.waitUntil(lambda: "0120-123-456" in bar.currentMessage(), timeout=5000)
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=5000)


@on_a_faked_tray
def test_a_problem_that_happened_once_is_shown_a_while_with_its_time_then_goes(
    qtbot: QtBot, tray_console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(status, "PROBLEM_MS", 500)
    line = tray_console.window.last_error
    assert post(url_of(tray_console), "this is not json").body["reason"] == "failsafe"
    qtbot.waitUntil(lambda: "fail-safe" in line.text().lower(), timeout=3000)
    qtbot.waitUntil(lambda: line.text() == "", timeout=5000)


@on_a_faked_tray
def test_a_changed_public_url_stays_until_the_setup_is_opened(
    qtbot: QtBot, tray_console: Console, balloons: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """commubo rejects every call until the new URL is in its dashboard: that cannot go by
    itself like a note."""
    monkeypatch.setattr(status, "PROBLEM_MS", 100)
    window = tray_console.window
    moved = ReachabilityChanged(  # as the service says it after a tunnel restarted
        reach=ReachState(state="reachable", summary=Message.text("reachable"),
                         public_base="https://new.example"),
        moved_from="https://old.example")
    window.session.reachability_changed.emit(moved)
    assert window.url_changed.isVisible()
    assert "https://new.example" in window.url_changed.text()
    assert balloons == ["callgate's public URL changed"]
    qtbot.wait(400)
    assert window.url_changed.isVisible()

    window.open_setup()
    assert window.setup is not None
    window.setup.reject()
    qtbot.waitUntil(lambda: window.setup is None, timeout=2000)
    assert not window.url_changed.isVisible()
