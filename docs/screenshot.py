"""Make docs/screenshot.png: the real console under Xvfb, taking a few sample calls.

Run `.venv/bin/python docs/screenshot.py` (needs Debian's xvfb and fonts-noto-cjk when there is
no display; the script starts Xvfb itself through xvfb-run). Only loopback is used.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from application import Office  # noqa: E402
from cli.console import embedded  # noqa: E402
from gui.app import application, open_window  # noqa: E402
from screening.rule_draft import RuleDraft  # noqa: E402
from screening.rules import Action  # noqa: E402
from screening.settings import Key  # noqa: E402
from server.simulate import post_call, sample_call  # noqa: E402
from storage.database import DB_FILENAME  # noqa: E402

OUTPUT = ROOT / "docs" / "screenshot.png"


def under_xvfb() -> None:
    """Re-run this script on a virtual screen when there is no display."""
    if os.environ.get("DISPLAY") or os.environ.get("CALLGATE_SCREENSHOT_CHILD"):
        return
    if shutil.which("xvfb-run") is None:
        sys.exit("xvfb-run is missing: apt-get install xvfb fonts-noto-cjk")
    os.environ["CALLGATE_SCREENSHOT_CHILD"] = "1"
    os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                           sys.executable, __file__, *sys.argv[1:]])


def wait_until(app: QApplication, done: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the console did not show the sample calls in time")
        app.processEvents()
        time.sleep(0.02)


def customer_call(number: str, family: str, personal: str, kana: str, org: str) -> dict[str, Any]:
    payload = sample_call(number)
    payload["customer"].update(familyName=family, personalName=personal, middleName="",
                               familyNameKana=kana, personalNameKana="", middleNameKana="",
                               orgName=org, orgShortName=org, deptName="総務部",
                               deptShortName="総務", note="月末の請求書について折り返し希望")
    return payload


def main() -> None:
    under_xvfb()
    app = application()
    with tempfile.TemporaryDirectory() as data_dir:
        db_path = Path(data_dir) / DB_FILENAME
        office = Office(db_path)
        office.rules.put(RuleDraft("0120123456", Action.BLOCK, "営業電話"))
        office.rules.put(RuleDraft("0312345678", Action.ALLOW, "本社"))
        listener = embedded(db_path, "127.0.0.1", 0)
        assert listener.problem is None, listener.problem
        url = listener.url(office.webhook.token())
        window = open_window(listener.link(), Path(data_dir))
        window.resize(1240, 760)
        window.move(0, 0)
        pool = ThreadPoolExecutor(max_workers=4)

        def post(payload: dict[str, Any]) -> Future[Any]:
            return pool.submit(asyncio.run, post_call(url, payload))

        post(sample_call("0330001234")).result()
        unknown = sample_call("0120123456", unknown=True)
        post(unknown).result()
        post(sample_call("", unknown=True)).result()
        office.settings.save({Key.MODE: "ask", Key.ASK_TIMEOUT: "60"})
        waiting = post(customer_call("09012345678", "田中", "花子", "タナカ ハナコ",
                                     "株式会社サンプル商事"))
        wait_until(app, lambda: window.live.card.accept_button.isVisible())
        for _ in range(30):
            app.processEvents()
            time.sleep(0.03)
        screen = app.primaryScreen()
        picture = screen.grabWindow(0, 0, 0, window.frameGeometry().width(),
                                    window.frameGeometry().height())
        picture.save(str(OUTPUT))
        window.live.card.accept_button.click()
        wait_until(app, waiting.done)
        pool.shutdown()
        window.stop()
        listener.stop()
        office.close()
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
