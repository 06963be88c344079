"""The settings open with their title bar on the screen, on a real X screen with a window
manager (Xvfb and icewm, as docs/virtual_screen.py starts them for the screenshots): offscreen,
no window has a frame, so only there can a title bar be cut off. Skipped without Xvfb."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from test_screenshot import NEEDS_XVFB

from docs.virtual_screen import virtual_screen, window_manager

ROOT = Path(__file__).resolve().parents[1]
# Shorter than the settings: they open as tall as the screen allows.
SCREEN = "1280x660x24"

# The real console on the screen it is given; its settings opened as the menu opens them, and
# once the window manager framed them: the screen's top, the frame's and the dialog's.
SCRIPT = textwrap.dedent("""
    import sys, tempfile, time
    from pathlib import Path
    from cli.console import embedded
    from docs.virtual_screen import wait_for
    from gui.app import application, open_window
    from screening.setting_values import Language
    from storage.database import DB_FILENAME

    app = application(Language.ENGLISH)
    with tempfile.TemporaryDirectory() as data_dir:
        listener = embedded(Path(data_dir) / DB_FILENAME, "127.0.0.1", 0)
        window = open_window(listener.link(), Path(data_dir))
        window.show()
        wait_for(lambda: window.session.snapshot is not None, "no answer from callgate",
                 app=app)
        window.dialogs.open_settings()
        dialog = window.dialogs.settings
        wait_for(lambda: dialog.isVisible() and dialog.frameGeometry() != dialog.geometry(),
                 "the window manager did not frame the settings", app=app)
        deadline = time.monotonic() + 1.0  # and what follows, once framed
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        print(dialog.screen().availableGeometry().top(), dialog.frameGeometry().top(),
              dialog.geometry().top(), dialog.frameGeometry().bottom(),
              dialog.screen().availableGeometry().bottom())
        window.stop()
        listener.stop()
""")


@NEEDS_XVFB
def test_the_settings_open_with_their_title_bar_on_a_short_screen() -> None:
    """On a laptop's screen they are as tall as the screen allows. Placed by their frame's
    corner before icewm framed them, the dialog itself went to the top of the screen and its
    title bar above it, out of reach: the window could not be moved."""
    with virtual_screen(SCREEN) as env, window_manager(env):
        env = env | {"QT_QPA_PLATFORM": "xcb", "HOME": os.environ.get("HOME", "/tmp")}
        said = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, text=True,
                              capture_output=True, timeout=120, check=False)
    assert said.returncode == 0, said.stdout + said.stderr
    screen_top, frame_top, dialog_top, frame_bottom, screen_bottom = map(
        int, said.stdout.split()[-5:])
    assert screen_top <= frame_top < dialog_top, said.stdout
    assert frame_bottom <= screen_bottom, said.stdout
