"""One console per data directory: starting callgate while it runs brings the running console
to the front and exits, with real processes as a person (or a login script) starts them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import start_console
from processes import free_port, wait_for_health
from pytestqt.qtbot import QtBot

from gui.single import SingleInstance, server_name

ROOT = Path(__file__).resolve().parents[1]
SECOND_START_TIMEOUT = 20.0


def listening(process: subprocess.Popen[str], port: int) -> None:
    """Wait until the console's listener answers."""
    wait_for_health(port, process, process.communicate)


def quit_console(process: subprocess.Popen[str]) -> str:
    """SIGTERM, as a logout sends it; the console's stderr."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    return err


Start = Callable[[Path, int], "subprocess.Popen[str]"]


@pytest.fixture
def start() -> Iterator[Start]:
    """Starts `python main.py`, the console, on the offscreen platform; every console a test
    starts is ended at the end, whatever happened."""
    started: list[subprocess.Popen[str]] = []

    def starting(data_dir: Path, port: int) -> subprocess.Popen[str]:
        env = os.environ | {"CALLGATE_DATA_DIR": str(data_dir), "CALLGATE_PORT": str(port),
                            "QT_QPA_PLATFORM": "offscreen"}
        process = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=env, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        started.append(process)
        return process

    yield starting
    for process in started:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_a_second_start_brings_the_running_console_forward_and_exits(
    tmp_path: Path, start: Start
) -> None:
    port = free_port()
    first = start(tmp_path, port)
    listening(first, port)

    second = start(tmp_path, port)
    _, err = second.communicate(timeout=SECOND_START_TIMEOUT)

    assert second.returncode == 0, err
    assert len(err.strip().splitlines()) == 1, err
    assert "already running" in err and "brought to the front" in err, \
        "the running console answered that it came to the front"
    assert "in use" not in err
    listening(first, port)
    assert "Traceback" not in quit_console(first)


def test_two_data_directories_are_two_consoles(
    tmp_path: Path, start: Start
) -> None:
    ports = free_port(), free_port()
    first = start(tmp_path / "office-a", ports[0])
    listening(first, ports[0])
    second = start(tmp_path / "office-b", ports[1])
    listening(second, ports[1])
    quit_console(second)
    quit_console(first)


def test_a_console_killed_outright_does_not_keep_the_next_from_starting(
    tmp_path: Path, start: Start
) -> None:
    port = free_port()
    killed = start(tmp_path, port)
    listening(killed, port)
    killed.kill()  # no cleanup: on Unix its socket file stays behind
    killed.communicate()
    again = start(tmp_path, port)
    listening(again, port)
    quit_console(again)


def test_a_console_hidden_in_the_tray_is_shown_again(
    qtbot: QtBot, db_path: Path, start: Start
) -> None:
    console = start_console(qtbot, db_path)
    door = SingleInstance(server_name(db_path.parent), console.window)
    try:
        assert door.listen()
        door.show_requested.connect(console.window.bring_to_front)
        console.window.hide()

        second = start(db_path.parent, free_port())
        qtbot.waitUntil(lambda: second.poll() is not None,
                        timeout=int(SECOND_START_TIMEOUT * 1000))

        assert second.returncode == 0, second.communicate()
        assert console.window.isVisible()
    finally:
        door.close()
        console.window.quit_now()
        console.close()
