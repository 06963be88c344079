"""A virtual screen for the README's screenshots: Debian's Xvfb, with the icewm window manager
framing its windows (their title bars in a font with kana and kanji), and the script that asks
for it run again on that screen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

TITLE_FONT = "Noto Sans CJK JP"
ON_SCREEN = "CALLGATE_SCREENSHOT_SCREEN"  # set for the run on the virtual screen


def on_a_virtual_screen(argv: Sequence[str], script: str, size: str) -> int:
    """`script` again, with `argv`, on a screen of its own; its exit status."""
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is missing: apt-get install xvfb icewm x11-utils fonts-noto-cjk")
    with virtual_screen(size) as env, window_manager(env):
        return subprocess.run([sys.executable, script, *argv], env=env | {ON_SCREEN: "1"},
                              check=False).returncode


@contextmanager
def virtual_screen(size: str) -> Iterator[dict[str, str]]:
    """An Xvfb screen of `size` ("1280x800x24"), as the environment of a program shown on it;
    the screen stops however the block ends.

    -noreset: Xvfb otherwise resets when its last client leaves and cuts off a client that is
    connecting at that moment (icewm, while the check for it was leaving: "Can't open display").
    """
    read, write = os.pipe()
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as said:
        screen = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", size,
                                   "-nolisten", "tcp", "-noreset"], pass_fds=(write,),
                                  stderr=said)
        os.close(write)
        with os.fdopen(read) as told:
            number = told.readline().strip()  # once Xvfb takes connections; "" if it ended
        if not number.isdigit():
            screen.kill()
            screen.wait(10)
            said.seek(0)
            raise RuntimeError(f"Xvfb did not start: {_fatal_error(said.read())}")
    display = f":{number}"
    preferences = tempfile.mkdtemp(prefix="callgate-screenshot-preferences-")
    env = os.environ | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                        "XDG_CONFIG_HOME": preferences}
    try:
        yield env
    finally:
        screen.terminate()
        screen.wait(10)
        shutil.rmtree(preferences, ignore_errors=True)


def _fatal_error(said: str) -> str:
    """The last thing an X server said: the error it ended on, after "Fatal server error"."""
    lines = [line.removeprefix("(EE)").strip() for line in said.splitlines()]
    return next((line for line in reversed(lines) if line), "it said nothing")


@contextmanager
def window_manager(env: dict[str, str]) -> Iterator[None]:
    """icewm on the screen of `env`, from when it manages windows to the end of the block."""
    if shutil.which("icewm") is None or shutil.which("xprop") is None:  # xprop: to see it run
        print("icewm or xprop is missing (apt-get install icewm x11-utils): the window is shot "
              "without its frame", file=sys.stderr)
        yield
        return
    own = Path(env["XDG_CONFIG_HOME"], "icewm")
    own.mkdir()
    # No taskbar: it would cover the bottom of a tall window and push it up off the screen.
    (own / "preferences").write_text(f'TitleFontNameXft="{TITLE_FONT}:bold:size=11"\n'
                                     "ShowTaskBar=0\n", encoding="utf-8")
    said = own / "said.txt"
    with said.open("w", encoding="utf-8") as output:
        manager = subprocess.Popen(["icewm"], env=env | {"ICEWM_PRIVCFG": str(own)},
                                   stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: manager.poll() is not None or window_manager_runs(env),
                 "icewm did not start")  # slow on a busy machine
        if manager.returncode is not None:
            raise RuntimeError(f"icewm ended as it started: {said.read_text(encoding='utf-8')}")
        yield
    finally:
        manager.terminate()
        manager.wait(10)


def window_manager_runs(env: dict[str, str]) -> bool:
    found = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env,
                           capture_output=True, text=True, check=False)
    return "window id" in found.stdout


def wait_for(done: Callable[[], bool], failure: str, seconds: float = 15.0,
             app: QApplication | None = None) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(failure)
        if app is not None:
            app.processEvents()
        time.sleep(0.02)


def shoot_window(app: QApplication, window: QWidget, output: Path) -> None:
    """`window` with its frame, as a PNG at `output`; an error when the screen does not show
    all of it (a window the window manager pushed up would lose its title bar)."""
    frame, screen = window.frameGeometry(), app.primaryScreen()
    if not screen.geometry().contains(frame):
        raise RuntimeError(f"the window ({frame.x()},{frame.y()} {frame.width()}x"
                           f"{frame.height()}) is not all on the screen "
                           f"({screen.geometry().width()}x{screen.geometry().height()})")
    picture = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    if not picture.save(str(output)):
        raise OSError(f"cannot write {output}")
