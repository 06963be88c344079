"""The README's screenshot script works: the real console, in Japanese, taking sample calls on
a virtual screen of its own, shot as a PNG (docs/screenshot.py; skipped without Xvfb); and that
screen takes every client that comes (docs/virtual_screen.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from docs.virtual_screen import virtual_screen, window_manager

ROOT = Path(__file__).resolve().parents[1]


NEEDS_XVFB = pytest.mark.skipif(shutil.which("Xvfb") is None or shutil.which("xprop") is None,
                                reason="needs Debian's xvfb and x11-utils")


def shot(script: str, output: Path) -> QImage:
    """What `script` shoots of the Japanese console, on a screen of its own (no DISPLAY)."""
    env = {key: value for key, value in os.environ.items() if key != "DISPLAY"}
    made = subprocess.run([sys.executable, script, "--lang", "ja", "--output", str(output)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
                          check=False)
    assert made.returncode == 0, made.stdout + made.stderr
    return QImage(str(output))


@NEEDS_XVFB
def test_the_screenshot_script_shoots_the_japanese_console(tmp_path: Path) -> None:
    image = shot("docs/screenshot.py", tmp_path / "screenshot-ja.png")
    assert image.width() >= 1200 and image.height() >= 700, image.size()
    # Not a blank screen: the window's many colours (its buttons, the waiting call's row).
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 16)
               for y in range(0, image.height(), 16)}
    assert len(colours) > 20, colours


@NEEDS_XVFB
def test_the_statistics_screenshot_shows_the_whole_window_title_bar_and_all(
        tmp_path: Path) -> None:
    """The tallest of the README's screenshots: icewm's taskbar once pushed it up, cutting its
    title bar off; the script now refuses to shoot a window the screen does not show whole."""
    image = shot("docs/screenshot_stats.py", tmp_path / "screenshot-stats-ja.png")
    assert image.height() >= 1060  # the window asked for, and its frame


def connects(env: dict[str, str]) -> bool:
    return subprocess.run(["xprop", "-root"], env=env, capture_output=True,
                          check=False).returncode == 0


@NEEDS_XVFB
def test_a_client_that_connects_as_another_leaves_is_not_cut_off() -> None:
    """icewm was, now and then ("Can't open display"), while the check for it was leaving: a
    screen that resets when its last client leaves cuts off the one connecting (1 in 6 here)."""
    with virtual_screen("640x480x24") as env:
        leaving = threading.Event()

        def come_and_go() -> None:
            while not leaving.is_set():
                connects(env)

        other = threading.Thread(target=come_and_go)
        other.start()
        try:
            refused = sum(not connects(env) for _ in range(100))
        finally:
            leaving.set()
            other.join()
    assert refused == 0


@pytest.mark.skipif(shutil.which("icewm") is None or shutil.which("xprop") is None,
                    reason="needs Debian's icewm and x11-utils")
def test_an_icewm_that_ends_as_it_starts_is_an_error_with_what_it_said(tmp_path: Path) -> None:
    env = os.environ | {"DISPLAY": ":65000", "XDG_CONFIG_HOME": str(tmp_path)}  # no screen
    started = time.monotonic()
    with (pytest.raises(RuntimeError, match=r"icewm ended as it started: .*Can't open display"),
          window_manager(env)):
        pass
    assert time.monotonic() - started < 10  # not the 15 s it is given to start


@NEEDS_XVFB
def test_a_screen_xvfb_cannot_make_is_an_error_with_what_it_said() -> None:
    """It was a display named ":" that every program then failed to open, for a reason lost."""
    with (pytest.raises(RuntimeError, match="Xvfb did not start: Invalid screen configuration"),
          virtual_screen("nonsense")):
        pass
