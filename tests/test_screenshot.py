"""The README's screenshot script works: the real console, in Japanese, taking sample calls on
a virtual screen of its own, shot as a PNG (docs/screenshot.py; skipped without Xvfb)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Debian's xvfb")
def test_the_screenshot_script_shoots_the_japanese_console(tmp_path: Path) -> None:
    shot = tmp_path / "screenshot-ja.png"
    env = {key: value for key, value in os.environ.items() if key != "DISPLAY"}
    made = subprocess.run(
        [sys.executable, "docs/screenshot.py", "--lang", "ja", "--output", str(shot)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert made.returncode == 0, made.stdout + made.stderr
    image = QImage(str(shot))
    assert image.width() >= 1200 and image.height() >= 700, image.size()
    # Not a blank screen: the window's many colours (its buttons, the waiting call's row).
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 16)
               for y in range(0, image.height(), 16)}
    assert len(colours) > 20, colours
