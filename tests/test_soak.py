"""bench/soak.py runs end to end, so the long-run tool cannot rot between long runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROW = re.compile(r"^\s*\d+\.\d\d\s+\d+\.\d\s+\d+\s", re.MULTILINE)


def test_a_short_soak_passes() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "soak.py"), "--minutes", "0.1", "--interval", "3",
         "--rate", "20", "--burst", "50"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "RSS MiB" in report
    assert len(ROW.findall(done.stdout)) == 2, report
    assert re.search(r"^PASS: ", done.stdout, re.MULTILINE), report
    assert "data dir kept" not in done.stdout
