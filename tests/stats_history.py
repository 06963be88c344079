"""A history to count: a few thousand calls over the last hundred days, written as the listener
writes them (storage.calls), with customers, unknown numbers that keep calling, rules (one
removed since) and every decision and reason, some right at the office's midnight."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from application import Office
from screening.instants import zone
from screening.messages import Message
from screening.rule_draft import RuleDraft
from screening.rules import Action
from storage.calls import CallHistory, CallRecord, stored_detail
from storage.database import writing

CUSTOMERS = {
    "+81330001111": ("佐藤 一郎", "さくら商事"),
    "+81330002222": ("鈴木 花子", "富士物産"),
    "+81660003333": ("高橋 太郎", ""),
    "+819012344444": ("", "青葉建設"),
}
# Unknown numbers that keep calling (calls each), one calling too seldom to be a candidate.
REPEATERS = {"+81355550001": 9, "+81355550002": 5, "+81355550003": 3, "+81355550004": 2}
BLOCKED = "+81120333444"  # blocked by a number rule: never a candidate
ALLOWED = "+81445556666"  # on the allow list
REASONS = [  # (decision, reason), as often as the listener might write them
    *[("accept", "mode")] * 8, ("reject", "mode"), ("accept", "withheld"),
    ("reject", "withheld"), ("accept", "person"), ("reject", "person"), ("accept", "timeout"),
    ("reject", "timeout"), ("accept", "failsafe"), ("reject", "refused"), ("reject", "stopped"),
]


@dataclass(frozen=True)
class History:
    office: Office
    now: datetime
    block_rule: int
    allow_rule: int
    prefix_rule: int
    removed_rule: int
    calls: int


def _record(history: CallHistory, n: int, at: datetime, caller: str | None, decision: str,
            reason: str, rule_id: int | None = None, customer: tuple[str, str] = ("", "")
            ) -> None:
    stamp = at.astimezone(UTC).isoformat(timespec="milliseconds")
    number = "0" + caller[3:] if caller else ""
    history.record(CallRecord(
        call_id=f"stats-{n:06d}", received_at=stamp, phone_number=number, caller=caller,
        customer_name=customer[0], customer_kana="", customer_org=customer[1],
        customer_org_kana="", operator_name="", scenario_id="", call_type="0",
        decision=decision, reason=reason, detail=stored_detail(Message("detail.text", ("",))),
        rule_id=rule_id, latency_ms=1.0, raw_body="{}"))


def make_history(db_path: Path, now: datetime, *, time_zone: str = "Asia/Tokyo",
                 calls: int = 3000, seed: int = 14) -> History:
    """`calls` random calls over the hundred days before `now` (a minute before it at most),
    then the fixed ones: repeaters, blocked and allowed numbers, calls of a removed rule."""
    office = Office(db_path)
    office.settings.set("time-zone", time_zone)
    rules = office.rules
    block = rules.add(RuleDraft(BLOCKED, Action.BLOCK, "営業電話")).id
    allow = rules.add(RuleDraft(ALLOWED, Action.ALLOW)).id
    prefix = rules.add(RuleDraft("0120*", Action.BLOCK)).id
    removed = rules.add(RuleDraft("0570*", Action.BLOCK)).id
    rules.remove(removed)
    with writing(office.db()):  # one commit, not one for each of thousands of calls
        rng = random.Random(seed)
        history = CallHistory(office.db())
        customers = list(CUSTOMERS)
        n = 0

        def when() -> datetime:
            return now - timedelta(minutes=1 + rng.random() * 100 * 24 * 60)

        for n in range(calls):
            roll = rng.random()
            decision, reason = rng.choice(REASONS)
            if reason == "withheld":
                _record(history, n, when(), None, decision, reason)
            elif roll < 0.5:
                caller = rng.choice(customers)
                _record(history, n, when(), caller, decision, reason, customer=CUSTOMERS[caller])
            elif roll < 0.6:
                _record(history, n, when(), "+81120" + f"{rng.randrange(10**6):06d}", "reject",
                        "rule", prefix)
            else:  # an unknown number that calls once
                _record(history, n, when(), f"+8190{rng.randrange(10**8):08d}", decision, reason)
        for caller, times in REPEATERS.items():
            for _ in range(times):
                n += 1
                _record(history, n, now - timedelta(days=rng.random() * 5, minutes=1), caller,
                        rng.choice(["accept", "reject"]), "mode")
        for _ in range(6):
            n += 1
            _record(history, n, when(), BLOCKED, "reject", "rule", block)
            n += 1
            _record(history, n, when(), ALLOWED, "accept", "rule", allow)
            n += 1
            _record(history, n, when(), "+81570" + f"{rng.randrange(10**6):06d}", "reject", "rule",
                    removed)
        midnight = (now.astimezone(zone(time_zone)) - timedelta(days=3)).replace(
            hour=0, minute=0, second=0, microsecond=0)
        for moment in (midnight - timedelta(milliseconds=1), midnight):  # either side of one
            n += 1
            _record(history, n, moment, customers[0], "accept", "mode",
                    customer=CUSTOMERS[customers[0]])
    return History(office, now, block, allow, prefix, removed, n + 1)
