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
from conftest import setup_done
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tunnel_fakes import FakeNgrokAgent, ReverseProxy

from application import Office
from cli import console
from gui.reach import REACHABLE, UNREACHABLE
from gui.window import ConsoleWindow
from server.console import reach
from server.console.reach import failed_check
from server.selftest import Reachability

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
    assert console.run(db_path, "127.0.0.1", port) == 0
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
    monkeypatch.setattr(reach, "ADAPTER_CHECK", 0.2)
    port = free_port()
    proxy.target_port = port
    agent.forward(proxy.base, port)
    Office(db_path).settings.save({"tunnel": "ngrok", "ngrok-api": f"127.0.0.1:{agent.port}"})
    setup_done(db_path.parent)
    seen: list[str] = []

    async def script(window: ConsoleWindow) -> None:
        heard: list[str] = []
        window.session.reachability_changed.connect(lambda event: heard.append(
            event.reach.state))
        await until(lambda: len(heard) >= 1, "the first check was heard")
        seen.append(window.reachability.state)
        first = len(heard)
        agent.stop()  # the tunnel program dies: its local API and its public end
        proxy.stop()
        await until(lambda: len(heard) >= first + 2
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


def test_the_reachability_checks_never_take_their_loop_from_a_process_wide_policy(
    db_path: Path,
) -> None:
    found: list[Reachability] = []

    async def check(*args: object, **kwargs: object) -> Reachability:
        await asyncio.sleep(0)
        return failed_check(RuntimeError("scripted"))

    monitor = reach.ReachabilityMonitor(db_path, 8080, lambda: ({}, "token"), found.append,
                                        check=check)
    previous = asyncio.get_event_loop_policy()
    asyncio.set_event_loop_policy(QtLoopsForEveryone())
    try:
        monitor.start()
        deadline = time.monotonic() + 5
        while not found:
            assert time.monotonic() < deadline, "the monitor never checked"
            time.sleep(0.01)
    finally:
        monitor.stop()
        asyncio.set_event_loop_policy(previous)
