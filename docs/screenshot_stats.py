"""Make docs/screenshot-stats.png: the real console's Statistics tab under Xvfb, over two months
of a small office's calls (made up here: customers who call often, a sales line on the block
list, a few unknown numbers that keep calling, nights rejected by the schedule's mode).

Run `.venv/bin/python docs/screenshot_stats.py [--lang ja] [--days 30]` (needs Debian's xvfb
and fonts-noto-cjk when there is no display; the script starts Xvfb itself, as
docs/screenshot.py does). Only loopback is used.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from application import Office  # noqa: E402
from cli.console import embedded  # noqa: E402
from docs.virtual_screen import (  # noqa: E402
    ON_SCREEN,
    on_a_virtual_screen,
    shoot_window,
    wait_for,
)
from gui.app import application, open_window  # noqa: E402
from gui.language import install  # noqa: E402
from screening.instants import zone  # noqa: E402
from screening.messages import Message  # noqa: E402
from screening.rule_draft import RuleDraft  # noqa: E402
from screening.rules import Action  # noqa: E402
from screening.setting_values import Language  # noqa: E402
from storage.calls import CallHistory, CallRecord, stored_detail  # noqa: E402
from storage.database import DB_FILENAME  # noqa: E402

OUTPUT = ROOT / "docs" / "screenshot-stats.png"
CUSTOMERS = [
    ("+81330001234", "佐藤 一郎", "さくら商事株式会社", 9),
    ("+81662345678", "鈴木 花子", "富士物産株式会社", 7),
    ("+819012345678", "田中 太郎", "青葉建設", 6),
    ("+81452223333", "高橋 美咲", "みなと運輸", 4),
    ("+81523334444", "伊藤 健太", "東西電機", 3),
    ("+81112345678", "渡辺 陽子", "北斗食品", 2),
    ("+81924445555", "山本 大輔", "ひかり印刷", 2),
]
SALES = "+81120333444"  # on the block list
REPEATERS = {"+81355550101": 12, "+81355550202": 7, "+81368889999": 4}


def calls_on(rng: random.Random, weekday: int) -> int:
    """A small office's calls on a day: many on weekdays, a few on Saturdays, hardly any on
    Sundays."""
    return rng.randint(22, 36) if weekday < 5 else rng.randint(3, 7) if weekday == 5 \
        else rng.randint(0, 2)


def office_hour(rng: random.Random, weekday: int) -> int:
    """Mostly 9 to 18 (Saturday mornings), rarely at night."""
    if rng.random() < 0.07:
        return rng.choice([7, 8, 19, 20, 21, 22])
    hours = list(range(9, 13) if weekday == 5 else range(9, 18))
    return rng.choices(hours, weights=[5, 9, 8, 4, 6, 9, 8, 6, 4][:len(hours)])[0]


def make_history(db_path: Path, days: int, seed: int = 3) -> None:
    office = Office(db_path)
    rules = office.rules
    sales = rules.put(RuleDraft(SALES, Action.BLOCK, "営業電話")).id
    prefix = rules.put(RuleDraft("0570*", Action.BLOCK, "ナビダイヤル")).id
    allowed = rules.put(RuleDraft("03-3000-1234", Action.ALLOW, "本社")).id
    rng = random.Random(seed)
    tokyo = zone("Asia/Tokyo")
    today = datetime.now(tokyo).replace(hour=0, minute=0, second=0, microsecond=0)
    history = CallHistory(office.db())
    n = 0
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        for _ in range(calls_on(rng, day.weekday())):
            hour = office_hour(rng, day.weekday())
            moment = day + timedelta(hours=hour, minutes=rng.random() * 60)
            if moment > datetime.now(tokyo):
                continue
            n += 1
            caller, name, org, decision, reason, rule_id = _call(rng, hour, sales, prefix,
                                                                 allowed)
            _record(history, n, moment, caller, name, org, decision, reason, rule_id)
    for caller, times in REPEATERS.items():
        for _ in range(times):
            n += 1
            moment = today - timedelta(days=rng.randint(0, 12)) + timedelta(
                hours=rng.randint(9, 17), minutes=rng.random() * 60)
            _record(history, n, min(moment, datetime.now(tokyo) - timedelta(minutes=5)),
                    caller, "", "", rng.choice(["accept", "reject"]), "person", None)
    office.close()


def _call(rng: random.Random, hour: int, sales: int, prefix: int, allowed: int
          ) -> tuple[str | None, str, str, str, str, int | None]:
    night = hour < 9 or hour >= 18
    roll = rng.random()
    if roll < 0.05:
        return None, "", "", "reject" if night else "accept", "withheld", None
    if roll < 0.10:
        return SALES, "", "", "reject", "rule", sales
    if roll < 0.13:
        return f"+81570{rng.randrange(10**6):06d}", "", "", "reject", "rule", prefix
    if roll < 0.17:
        return "+81330001234", "佐藤 一郎", "さくら商事株式会社", "accept", "rule", allowed
    if roll < 0.60:
        caller, name, org, _ = rng.choices(CUSTOMERS, weights=[c[3] for c in CUSTOMERS])[0]
    else:
        caller, name, org = f"+8190{rng.randrange(10**8):08d}", "", ""
    if night:
        return caller, name, org, "reject", "mode", None
    kind = rng.random()
    if kind < 0.75:
        return caller, name, org, "accept", "mode", None
    if kind < 0.93:
        return caller, name, org, rng.choice(["accept", "accept", "reject"]), "person", None
    if kind < 0.99:
        return caller, name, org, "accept", "timeout", None
    return caller, name, org, "accept", "failsafe", None


def _record(history: CallHistory, n: int, at: datetime, caller: str | None, name: str,
            org: str, decision: str, reason: str, rule_id: int | None) -> None:
    history.record(CallRecord(
        call_id=f"screenshot-{n:05d}", received_at=at.astimezone(UTC).isoformat(
            timespec="milliseconds"), phone_number="0" + caller[3:] if caller else "",
        caller=caller, customer_name=name, customer_kana="", customer_org=org,
        customer_org_kana="", operator_name="", scenario_id="", call_type="0",
        decision=decision, reason=reason, detail=stored_detail(Message("detail.text", ("",))),
        rule_id=rule_id, latency_ms=1.0, raw_body="{}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=["en", "ja"], default="en")
    parser.add_argument("--days", type=int, choices=[7, 30, 90], default=30)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    if not os.environ.get(ON_SCREEN):
        sys.exit(on_a_virtual_screen(sys.argv[1:], __file__, "1280x1100x24"))
    app = application()
    install(app, Language(args.lang))
    with tempfile.TemporaryDirectory() as data_dir:
        db_path = Path(data_dir) / DB_FILENAME
        make_history(db_path, 62)
        listener = embedded(db_path, "127.0.0.1", 0)
        assert listener.problem is None, listener.problem
        window = open_window(listener.link(), Path(data_dir))
        window.resize(1240, 1060)
        window.move(0, 0)
        window.show()
        tab = window.statistics
        window.tabs.setCurrentWidget(tab)
        tab.period.setCurrentIndex(tab.period.findData(args.days))
        wait_for(lambda: tab.model.figures is not None
                 and tab.model.figures.days == args.days and not tab.model.busy,
                 "the statistics did not come", app=app)
        for _ in range(40):
            app.processEvents()
            time.sleep(0.03)
        shoot_window(app, window, args.output)
        window.quit_now()
        window.stop()
        listener.stop()
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
