"""Starting quickly without giving anything up: main.py collects no garbage while callgate
starts, and every way of running it collects again once started (a process that never did
would keep every reference cycle it ever made); what serve loads only once it listens, the
console has loaded before its first call."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from processes import free_port

from gui.app import keep_long_lived

ROOT = Path(__file__).resolve().parents[1]
# Runs main.py as `python main.py ARGS` would, and says whether garbage is collected: once
# the service is up (a watcher then stops it as SIGTERM would), or after a command ended.
DRIVER = """
import gc, os, runpy, signal, sys, threading, time

def watch():
    deadline = time.monotonic() + 20
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    print("collecting" if gc.isenabled() else "not collecting", flush=True)
    os.kill(os.getpid(), signal.SIGTERM)

sys.argv = ["main.py", *sys.argv[1:]]
if sys.argv[1] == "serve":
    gc.disable()  # as main.py does first; the watcher waits for the service to turn it on
    threading.Thread(target=watch, daemon=True).start()
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit:
    if sys.argv[1] != "serve":
        print("collecting" if gc.isenabled() else "not collecting", flush=True)
"""

# The console's window on a link to a service that is not there, as `--connect` opens it.
CONSOLE_DRIVER = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from gui.app import open_window
from screening.desk import Connection
from server.protocol.network import NetworkLink

app = QApplication([])
print("before:", "phonenumbers" in sys.modules)
nowhere = Connection(host="127.0.0.1", port=int(sys.argv[1]), desk="reception", secret="s",
                     fingerprint=bytes(32))
window = open_window(NetworkLink(nowhere, longest_retry=1.0), Path(sys.argv[2]))
print("after:", "phonenumbers" in sys.modules)
window.stop()
window.quit_now()
"""


def run_main(tmp_path: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *args, "--data-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    return done.stdout.strip().splitlines()[-1]


def test_the_service_collects_garbage_once_it_listens(tmp_path: Path) -> None:
    assert run_main(tmp_path, "serve", "--port", str(free_port())) == "collecting"


@pytest.mark.parametrize("command", [["mode"], ["rules"], ["history", "--json"]])
def test_a_command_collects_garbage_while_it_works(tmp_path: Path, command: list[str]) -> None:
    assert run_main(tmp_path, *command) == "collecting"


def test_the_console_collects_garbage_once_its_window_is_open() -> None:
    gc.disable()
    try:
        keep_long_lived()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_the_console_has_the_numbering_plan_before_its_first_card(tmp_path: Path) -> None:
    """Every card formats its number with phonenumbers, which `serve` loads only once it
    listens: a console attached to a service (no listener beside it to load it) has it once
    its window is built (the history's columns are fitted to numbers formatted then), not on
    the GUI thread's turn when the first call comes (a 20-30 ms stall). In a process of its
    own: this one has phonenumbers already."""
    done = subprocess.run([sys.executable, "-c", CONSOLE_DRIVER, str(free_port()),
                           str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.split() == ["before:", "False", "after:", "True"], done.stderr


def test_a_new_history_is_made_without_the_old_english_forms(tmp_path: Path) -> None:
    """Migration 0008 turns English details of old rows into codes with two dozen patterns; a
    history begun today has no such row, and its first start does not compile them."""
    opened = subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from storage.database import open_database; "
         f"open_database(Path({str(tmp_path / 'callgate.db')!r})).close(); "
         "print('storage.old_details' in sys.modules)"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert opened.stdout.split() == ["False"], opened.stderr
