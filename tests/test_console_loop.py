"""The console on its own event loop, as `python main.py` runs it: `run_console` with qasync's
loop (pytest-qt's tests drive Qt's loop without it), so whatever that loop sets up process-wide
is in force, as it is on an office desktop."""

from __future__ import annotations

import asyncio
import gc
import signal
import socket
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from tunnel_fakes import FakeNgrokAgent, ReverseProxy

from application import Office
from gui import reach
from gui.app import run_console
from gui.reach import REACHABLE, UNREACHABLE, BackgroundTask
from gui.window import ConsoleWindow
from storage.settings import SettingsTable

Script = Callable[[ConsoleWindow], Coroutine[Any, Any, None]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def process_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """run_console installs signal handlers and an excepthook for the whole process: put
    pytest's back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in handlers.items():
        signal.signal(signum, handler)


def run_console_with(qtbot: QtBot, db_path: Path, port: int, script: Script) -> None:
    """`run_console` as main.py calls it; once its loop runs, `script(window)` runs on that
    loop, and the console quits when the script ends. The script's failure is re-raised."""
    failures: list[BaseException] = []
    tasks: list[asyncio.Task[None]] = []

    def begin() -> None:
        [window] = [widget for widget in QApplication.topLevelWidgets()
                    if isinstance(widget, ConsoleWindow) and widget.isVisible()]
        qtbot.addWidget(window)

        async def run() -> None:
            try:
                await script(window)  # every wait in it has its own deadline
            except BaseException as error:
                failures.append(error)
            finally:
                window.quit_now()

        tasks.append(asyncio.get_running_loop().create_task(run()))

    QTimer.singleShot(0, begin)
    assert run_console(db_path, "127.0.0.1", port) == 0
    assert [task.done() for task in tasks] == [True], "the console's loop never ran the script"
    # The closed loop (a QObject's timers inside) goes here, on the thread that owns it, not
    # in a later garbage collection on some worker thread.
    tasks.clear()
    gc.collect()
    if failures:
        raise failures[0]


async def until(condition: Callable[[], bool], what: str, seconds: float = 15.0) -> None:
    """Wait on the console's loop (which keeps running meanwhile) until `condition()`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        await asyncio.sleep(0.05)


@pytest.mark.usefixtures("process_state")
def test_periodic_checks_on_the_console_loop_notice_a_tunnel_that_died(
    qtbot: QtBot, db_path: Path, agent: FakeNgrokAgent, proxy: ReverseProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On Python 3.11 qasync.run installed an event-loop policy for the whole process, so the
    worker thread's checks after the first made a Qt loop off the main thread and failed
    ("Event loop stopped before Future completed"): a tunnel that died stayed "unknown"."""
    monkeypatch.setattr(reach, "ADAPTER_CHECK_MS", 200)
    port = free_port()
    proxy.target_port = port
    agent.forward(proxy.base, port)
    store = Office(db_path)
    store.settings.save({"tunnel": "ngrok", "ngrok-api": f"127.0.0.1:{agent.port}"})
    SettingsTable(store.db()).remember("setup-done", "yes")
    seen: list[str] = []

    async def script(window: ConsoleWindow) -> None:
        monitor = window.reach
        assert monitor is not None
        await until(lambda: monitor.completed >= 1, "the first check finished")
        seen.append(window.reachability.state)
        first = monitor.completed
        agent.stop()  # the tunnel program dies: its local API and its public end
        proxy.stop()
        await until(lambda: monitor.completed >= first + 2
                    and window.reachability.state == UNREACHABLE,
                    f"two more checks found the tunnel gone (now "
                    f"{window.reachability.toolTip()!r})")
        seen.append(window.reachability.state)
        assert window.unreachable.isVisible()

    run_console_with(qtbot, db_path, port, script)
    assert seen == [REACHABLE, UNREACHABLE]


class QtLoopsForEveryone(asyncio.DefaultEventLoopPolicy):
    """What qasync.run installs on Python 3.11, reduced to its harm: a loop that cannot run
    on a worker thread."""

    def new_event_loop(self) -> asyncio.AbstractEventLoop:
        raise AssertionError("the worker thread took its loop from the process-wide policy")


def test_a_background_check_never_takes_its_loop_from_a_process_wide_policy(
    qtbot: QtBot,
) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    task = BackgroundTask(owner)

    async def work() -> object:
        await asyncio.sleep(0)
        return "checked"

    previous = asyncio.get_event_loop_policy()
    asyncio.set_event_loop_policy(QtLoopsForEveryone())
    try:
        with qtbot.waitSignal(task.finished, timeout=5000) as done:
            assert task.start(work)
    finally:
        asyncio.set_event_loop_policy(previous)
    assert done.args == ["checked"]
