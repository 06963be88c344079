"""Make the README's screenshots: the real console, with its listener, taking a few sample calls
posted to it, one of them waiting for a person, on a virtual screen.

    .venv/bin/python docs/screenshot.py              docs/screenshot.png, in English
    .venv/bin/python docs/screenshot.py --lang ja    docs/screenshot-ja.png, in Japanese
    make screenshots                                 both

It starts Xvfb and the icewm window manager itself (docs/virtual_screen.py; Debian's xvfb,
icewm, x11-utils and fonts-noto-cjk, and Qt's xcb libraries libxcb-cursor0 libxcb-icccm4
libxcb-keysyms1), so the window has the frame people see, and runs the console on that screen
with preferences of its own, never the user's. The compiled catalogue must be current for
Japanese (`make` builds it). Only loopback is used.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from application import Office  # noqa: E402
from cli.console import embedded  # noqa: E402
from docs.virtual_screen import (  # noqa: E402
    ON_SCREEN,
    on_a_virtual_screen,
    shoot_window,
    wait_for,
)
from gui.app import application, open_window  # noqa: E402
from screening.rule_draft import RuleDraft  # noqa: E402
from screening.rules import Action  # noqa: E402
from screening.setting_values import Language  # noqa: E402
from screening.settings import Key  # noqa: E402
from server.simulate import post_call, sample_call  # noqa: E402
from storage.database import DB_FILENAME  # noqa: E402

OUTPUTS = {Language.ENGLISH: ROOT / "docs" / "screenshot.png",
           Language.JAPANESE: ROOT / "docs" / "screenshot-ja.png"}
SCREEN = "1280x800x24"


def settle(app: QApplication, seconds: float = 1.2) -> None:
    """Time for the window to paint and the X server to show it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.03)


def customer_call(number: str, family: str, personal: str, kana: str, org: str,
                  org_kana: str) -> dict[str, Any]:
    payload = sample_call(number)
    payload["customer"].update(familyName=family, personalName=personal, middleName="",
                               familyNameKana=kana, personalNameKana="", middleNameKana="",
                               orgName=org, orgNameKana=org_kana, orgShortName=org,
                               deptName="総務部", deptShortName="総務",
                               note="月末の請求書について折り返し希望")
    return payload


def shoot(lang: Language, output: Path) -> None:
    """The console in `lang` with three calls decided and a fourth waiting, as a PNG."""
    app = application(lang)
    with tempfile.TemporaryDirectory() as data_dir:
        db_path = Path(data_dir) / DB_FILENAME
        office = Office(db_path)
        office.rules.put(RuleDraft("0120123456", Action.BLOCK, "営業電話"))
        office.rules.put(RuleDraft("0312345678", Action.ALLOW, "本社"))
        listener = embedded(db_path, "127.0.0.1", 0)
        assert listener.problem is None, listener.problem
        url = listener.url(office.webhook.token())
        window = open_window(listener.link(), Path(data_dir))
        window.resize(1240, 740)
        window.move(0, 0)
        pool = ThreadPoolExecutor(max_workers=4)

        def post(payload: dict[str, Any]) -> Future[Any]:
            return pool.submit(asyncio.run, post_call(url, payload))

        post(sample_call("0330001234")).result()
        post(sample_call("0120123456", unknown=True)).result()
        post(sample_call("", unknown=True)).result()
        office.settings.save({Key.MODE: "ask", Key.ASK_TIMEOUT: "60"})
        waiting = post(customer_call("09012345678", "田中", "花子", "タナカ ハナコ",
                                     "株式会社サンプル商事", "カブシキガイシャサンプルショウジ"))
        wait_for(lambda: window.live.card.accept_button.isVisible(),
                 "the console did not show the waiting call in time", app=app)
        window.activateWindow()
        settle(app)  # let it paint, and the window manager frame it
        for popup in app.topLevelWidgets():  # the tray's balloon would cover the status bar
            if popup.metaObject().className() == "QBalloonTip":
                popup.hide()
        settle(app)
        shoot_window(app, window, output)
        window.live.card.accept_button.click()
        wait_for(waiting.done, "the waiting call was not answered", app=app)
        pool.shutdown()
        window.stop()
        listener.stop()
        office.close()
    print(f"wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=[Language.ENGLISH, Language.JAPANESE],
                        default=Language.ENGLISH, help="the console's language")
    parser.add_argument("--output", type=Path, help="where the PNG goes (default: docs/)")
    args = parser.parse_args(argv)
    if not os.environ.get(ON_SCREEN):
        return on_a_virtual_screen(argv, __file__, SCREEN)
    lang = Language(args.lang)
    shoot(lang, args.output or OUTPUTS[lang])
    return 0


if __name__ == "__main__":
    sys.exit(main())
