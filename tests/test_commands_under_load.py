"""Commands that write work while calls arrive, wait a bounded time for another program's lock,
and say in one line (never a traceback) when the database cannot be used at all."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from conftest import Console, click_mode, sample, url_of
from pytestqt.qtbot import QtBot
from test_cli import ROOT, Cli, Serving, free_port, one_error_line, start_serve
from test_storage_faults import LockHolder

from application import Office
from screening.policy import Mode
from storage.database import BUSY_TIMEOUT_MS, DB_FILENAME

POSTERS = 16
ROUNDS = 2


class Load:
    """Unique calls posted on POSTERS connections, as fast as `serve` answers them (several
    hundred a second here), from a thread of their own until stopped."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.answered = 0
        self.failed: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._post(),))

    def __enter__(self) -> Load:
        self._thread.start()
        deadline = time.monotonic() + 20
        while self.answered < 100 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.answered >= 100, f"the load never got going: {self.failed[:3]}"
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(30)

    async def _post(self) -> None:
        timeout = aiohttp.ClientTimeout(total=10)
        connector = aiohttp.TCPConnector(limit=POSTERS)
        async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:

            async def poster() -> None:
                while not self._stop.is_set():
                    body: dict[str, Any] = (sample("seed_incoming_call.json")
                                            | {"callId": uuid.uuid4().hex})
                    try:
                        async with session.post(self.url, json=body) as response:
                            await response.read()
                            if response.status in (200, 403):
                                self.answered += 1
                            else:
                                self.failed.append(f"status {response.status}")
                    except (aiohttp.ClientError, TimeoutError) as error:
                        self.failed.append(repr(error))

            await asyncio.gather(*(poster() for _ in range(POSTERS)))


def settings(cli: Cli) -> dict[str, str]:
    with sqlite3.connect(cli.data_dir / DB_FILENAME) as db:
        return dict(db.execute("SELECT key, value FROM settings").fetchall())


def health(serving: Serving) -> dict[str, Any]:
    with urllib.request.urlopen(f"{serving.base}/healthz", timeout=10) as response:
        found: dict[str, Any] = json.loads(response.read())
    return found


@pytest.fixture
def loaded(tmp_path: Path) -> Iterator[tuple[Cli, Serving, Load]]:
    cli = Cli(tmp_path / "data", free_port())
    token = cli.token()
    serving = start_serve(cli, tmp_path / "serve.log")
    try:
        with Load(f"{serving.base}/hooks/commubo/{token}") as load:
            yield cli, serving, load
    finally:
        serving.stop()


def rules(cli: Cli) -> dict[str, str]:
    with sqlite3.connect(cli.data_dir / DB_FILENAME) as db:
        return dict(db.execute("SELECT number, action FROM rules").fetchall())


def test_writing_commands_succeed_and_take_effect_while_calls_pour_in(
    loaded: tuple[Cli, Serving, Load], tmp_path: Path
) -> None:
    cli, serving, load = loaded
    imported = tmp_path / "rules.csv"
    imported.write_text("number,action\n0120*,block\n", encoding="utf-8")
    for n in range(ROUNDS):
        before = load.answered
        cli.ok("mode", "reject-all")
        assert health(serving)["mode"] == "reject-all"
        cli.ok("mode", "accept-all")
        assert health(serving)["mode"] == "accept-all"
        cli.ok("block", f"0399990{n:03d}")
        assert rules(cli)[f"+81399990{n:03d}"] == "block"
        cli.ok("unlist", f"0399990{n:03d}")
        assert f"+81399990{n:03d}" not in rules(cli)
        cli.ok("import-rules", str(imported))
        assert rules(cli)["+81120*"] == "block"
        cli.ok("config", "ask-timeout", str(20 + n))
        assert settings(cli)["ask-timeout"] == str(20 + n)
        cli.ok("schedule", "set", "--hours", f"mon-fri 9:00-1{n}:00", "--on")
        assert settings(cli)["schedule-hours"] == f"mon-fri 09:00-1{n}:00"
        cli.ok("schedule", "off")
        assert settings(cli)["schedule"] == "off"
        cli.ok("schedule", "on")
        assert settings(cli)["schedule"] == "on"
        if n == 0:  # once: the load's token stays valid as the previous one
            token = settings(cli)["webhook-token"]
            cli.ok("rotate-token")
            assert settings(cli)["webhook-token-previous"] == token
        assert load.answered > before, "no call arrived while the commands ran"
    assert not load.failed, load.failed[:5]
    assert "Traceback" not in serving.output()


WRITING_COMMANDS = [
    ("mode", "reject-all"), ("block", "0311112222"), ("config", "ask-timeout", "30"),
    ("schedule", "on"),
]


def test_a_writing_command_waits_for_another_programs_lock_then_says_so_in_one_line(
    tmp_path: Path,
) -> None:
    cli = Cli(tmp_path / "data", free_port())
    cli.ok("mode")  # the database exists, callgate's own
    holder = LockHolder(cli.data_dir / DB_FILENAME)
    try:
        started = time.monotonic()
        running = [subprocess.Popen(
            [sys.executable, "main.py", *command], cwd=ROOT, env=cli.env(), text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE) for command in WRITING_COMMANDS]
        results = [(process.wait(60), *process.communicate()) for process in running]
        waited = time.monotonic() - started
    finally:
        holder.release()
    for command, (status, _, stderr) in zip(WRITING_COMMANDS, results, strict=True):
        assert status == 1, (command, status, stderr)
        line = one_error_line(subprocess.CompletedProcess(command, status, "", stderr))
        assert line.startswith("callgate: error: "), line
        assert "locked" in line and "another program" in line, line
    assert waited >= BUSY_TIMEOUT_MS / 1000 * 0.9, "the commands did not wait for the lock"
    assert settings(cli).get("mode", "accept-all") == "accept-all", "nothing changed"
    cli.ok(*WRITING_COMMANDS[0])  # once the lock is free, the same command works
    assert settings(cli)["mode"] == "reject-all"


EXCLUSIVE_AFTER_WRITE = (
    "import sqlite3, sys\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('PRAGMA locking_mode = EXCLUSIVE')\n"
    "db.execute('BEGIN IMMEDIATE'); db.execute('CREATE TABLE IF NOT EXISTS other (x)')\n"
    "db.execute('COMMIT')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
)
BEGIN_EXCLUSIVE = (
    "import sqlite3, sys\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('BEGIN EXCLUSIVE')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
)


@pytest.mark.parametrize("hold", ["locking_mode=EXCLUSIVE", "BEGIN EXCLUSIVE"])
def test_serve_while_another_program_holds_the_database_exclusively_says_so_in_one_line(
    tmp_path: Path, hold: str
) -> None:
    cli = Cli(tmp_path / "data", free_port())
    cli.data_dir.mkdir()
    db_path = cli.data_dir / DB_FILENAME
    if hold == "BEGIN EXCLUSIVE":
        # Another program's database in rollback-journal mode (in WAL mode, EXCLUSIVE is the
        # same as IMMEDIATE: readers go on, and serve starts, its records waiting).
        sqlite3.connect(db_path).close()
        script = BEGIN_EXCLUSIVE
    else:
        cli.ok("mode")
        script = EXCLUSIVE_AFTER_WRITE
    holder = subprocess.Popen([sys.executable, "-c", script, str(db_path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"locked"
        result = cli.run("serve")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(10)
    assert result.returncode == 1, (result.stdout, result.stderr)
    line = one_error_line(result)
    assert line.startswith("callgate: error: ") and "locked" in line, line
    assert "Traceback" not in result.stdout


def unusable_data_dirs(tmp_path: Path) -> dict[str, Path]:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a directory")
    not_a_database = tmp_path / "garbage"
    not_a_database.mkdir()
    (not_a_database / DB_FILENAME).write_bytes(b"\x00 this is no SQLite file " * 100)
    database_is_a_directory = tmp_path / "dir-db"
    (database_is_a_directory / DB_FILENAME).mkdir(parents=True)
    found = {"a file": a_file, "under a file": a_file / "data",
             "not a database": not_a_database, "database is a directory": database_is_a_directory}
    if os.geteuid() != 0:  # root writes anywhere
        read_only = tmp_path / "read-only"
        read_only.mkdir(mode=0o500)
        found["read-only"] = read_only
    return found


@pytest.mark.parametrize("command", [["serve"], ["mode", "reject-all"], []],
                         ids=["serve", "mode", "console"])
def test_an_unusable_data_dir_is_one_clear_line(tmp_path: Path, command: list[str]) -> None:
    for why, data_dir in unusable_data_dirs(tmp_path).items():
        cli = Cli(data_dir, free_port())
        result = cli.run(*command, env=cli.env(QT_QPA_PLATFORM="offscreen"))
        assert result.returncode == 1, (why, result.returncode, result.stdout, result.stderr)
        line = one_error_line(result)
        assert line.startswith("callgate: error: "), (why, line)
        assert str(data_dir) in line, (why, line)


def test_the_consoles_mode_buttons_are_saved_while_calls_pour_in(
    qtbot: QtBot, console: Console
) -> None:
    window = console.window
    with Load(url_of(console)) as load:
        for n in range(20):
            answered = load.answered
            mode = (Mode.REJECT_ALL, Mode.ACCEPT_ALL)[n % 2]
            click_mode(qtbot, console, mode)
            assert window.last_error.text() == "", "the change was not saved"
            assert Office(console.db_path).settings.screening().mode is mode

            def more_calls(since: int = answered) -> bool:
                return load.answered > since

            qtbot.waitUntil(more_calls, timeout=5000)
    assert not load.failed, load.failed[:5]
