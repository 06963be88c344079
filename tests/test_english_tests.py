"""Tests that assert English words read English on a Japanese machine too (tests/conftest.py
pins the locale): the console and the command line follow the system's language, and a
developer's LANG=ja_JP.UTF-8 must not turn them Japanese under the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLocale

from screening.setting_values import Language
from wording.catalogue import spoken

ROOT = Path(__file__).resolve().parent.parent
JAPANESE_MACHINE = {"LANG": "ja_JP.UTF-8", "LC_ALL": "ja_JP.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8",
                    "LANGUAGE": "ja"}


def test_this_run_speaks_english(tmp_path: Path) -> None:
    assert spoken(Language.AUTO) is Language.ENGLISH
    assert QLocale.system().language() is not QLocale.Language.Japanese
    explained = subprocess.run(  # a command as the command line's tests run it
        [sys.executable, "main.py", "--data-dir", str(tmp_path), "explain", "03-3000-1234"],
        cwd=ROOT, env=os.environ, capture_output=True, text=True, timeout=60, check=True)
    assert "registered customer" in explained.stdout, explained.stdout


def test_a_japanese_machine_runs_the_tests_in_english() -> None:
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         f"{__file__}::test_this_run_speaks_english"],
        cwd=ROOT, env=os.environ | JAPANESE_MACHINE, capture_output=True, text=True,
        timeout=300)
    assert ran.returncode == 0, ran.stdout + ran.stderr
