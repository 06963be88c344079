"""Every line callgate logs tells the office's clock (the `time-zone` setting), whatever the
machine's zone: `serve`'s (tests/test_cli_language.py), and those of the console and every other
command, which the command line sets up the same way before it runs any of them."""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from application import Office
from cli import main
from server import logs
from storage.database import DB_FILENAME

KOLKATA = timedelta(hours=5, minutes=30)  # no summer time: the offset is the same all year


@pytest.fixture
def logging_undone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """What the command line's log set-up changes in this process, put back after."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(logs._FORMATTER, "zone", logs._FORMATTER.zone)
    yield
    logging.captureWarnings(False)
    root.handlers[:] = handlers
    root.setLevel(level)


def test_a_command_s_log_lines_tell_the_time_on_the_office_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    utc_machine: None, logging_undone: None,
) -> None:
    """On a UTC machine, an office in Kolkata reads Kolkata's time in what the console (or any
    command) writes to stderr for support, as in its history; it read the machine's."""
    office = Office(tmp_path / DB_FILENAME)
    office.settings.save({"time-zone": "Asia/Kolkata"})
    office.close()
    monkeypatch.setenv("CALLGATE_DATA_DIR", str(tmp_path))
    assert main(["mode"]) == 0
    logging.getLogger("gui").warning("the ring could not be played")
    line = capsys.readouterr().err.splitlines()[-1]
    assert line.endswith(" the ring could not be played")
    logged = datetime.fromisoformat("T".join(line.split()[:2]))
    assert logged.utcoffset() == KOLKATA
    assert abs(logged - datetime.now(UTC)) < timedelta(seconds=5)


def test_a_time_zone_this_machine_does_not_know_leaves_the_machine_s_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    utc_machine: None, logging_undone: None,
) -> None:
    """A zone stored by a newer machine's time-zone database: the commands still run (`config
    time-zone` among them, to mend it), their lines on the machine's clock."""
    office = Office(tmp_path / DB_FILENAME)
    office.settings.save({"time-zone": "Asia/Kolkata"})
    office.close()
    with sqlite3.connect(tmp_path / DB_FILENAME) as raw:
        raw.execute("UPDATE settings SET value = 'Mars/Olympus_Mons' WHERE key = 'time-zone'")
    monkeypatch.setenv("CALLGATE_DATA_DIR", str(tmp_path))
    assert main(["config", "time-zone", "Asia/Tokyo"]) == 0
    logging.getLogger("gui").warning("still written")
    line = capsys.readouterr().err.splitlines()[-1]
    assert datetime.fromisoformat("T".join(line.split()[:2])).utcoffset() == timedelta(0)
