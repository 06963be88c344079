"""bench/run.py --quick, the smoke run of `make bench`: it finishes and prints every row."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROWS = [
    "webhook throughput  ",
    "webhook throughput, wrk",
    "webhook p50 at 500 req/s",
    "webhook p99 at 500 req/s",
    "listener p50, console open",
    "listener p99, console open",
    "POST to live card on screen p50",
    "POST to live card on screen p99",
    "console RSS, 300 calls at 100/s",
    "console-open p99, last 100 of 300",
    "GUI thread CPU per call, 20 calls/s",
    "POST to decided event on a desk p50",
    "POST to decided event on a desk p99",
    "webhook p99, 20 desks attached",
    "history open, 100,000 calls",
    "history number search",
    "history name search ",
    "history name search, counted",
    "history search, one character ",
    "history search, two characters ",
    "history search, katakana ",
    "history search, hiragana ",
    "history search, half-width kana ",
    "history search, company name ",
    "history search, company kana ",
    "history search, last 4 digits of a number ",
    "history record per call, search dictionary ",
    "statistics drawn, 100,000 calls over 3 years",
    "statistics drawn, 100,000 calls all in the 90 days",
    "cold start to listening",
]


@pytest.mark.timeout(180)
def test_quick_run_prints_one_table_with_every_row() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick"], cwd=ROOT,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"}, capture_output=True, text=True,
        timeout=170, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for row in ROWS:
        assert sum(line.startswith(row) for line in lines) == 1, f"no row {row!r}:\n{done.stdout}"
