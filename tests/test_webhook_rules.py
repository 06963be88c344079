"""Issue 5 through the real listener over HTTP: prefixes, expiry, one-shot rules, repeat
callers and a manual override set the way `python main.py mode` sets it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from conftest import Answer, Running, post, sample
from recorded import health, history_in_words

from application import Office
from screening.rules import Action, RuleKind
from storage.database import open_database
from storage.rules import RuleBook


def call(number: str, *, customer: bool = True) -> dict[str, Any]:
    body = sample("seed_incoming_call.json")
    body["callId"] = f"{uuid.uuid4().int % 10**16:016d}"
    body["phoneNumber"] = number
    if not customer:
        del body["customer"]
    return body


def ring(running: Running, number: str, *, customer: bool = True) -> Answer:
    return post(running.url, call(number, customer=customer))



def test_a_prefix_rule_blocks_every_number_under_it(running: Running) -> None:
    rule = RuleBook(open_database(running.db_path)).put("+81120*", Action.BLOCK,
                                                        kind=RuleKind.PREFIX)
    blocked = ring(running, "0120-123-456")
    assert (blocked.status, blocked.body["reason"]) == (403, "rule")
    assert ring(running, "+81 120 999 888").status == 403
    other = ring(running, "03-3000-1234")
    assert (other.status, other.body["reason"]) == (200, "mode")
    rows = history_in_words(running.db_path)
    assert [row["rule_id"] for row in rows] == [rule.id, rule.id, None]
    assert "prefix 0120*" in rows[0]["detail"]
    row = RuleBook(open_database(running.db_path)).row(rule.id)
    assert row is not None and row["times_matched"] == 2


def test_an_expired_rule_stops_matching_at_once(running: Running) -> None:
    later = datetime.now(UTC) + timedelta(days=1)
    rule = RuleBook(open_database(running.db_path)).put("+81330001234", Action.BLOCK,
                                                        expires_at=later)
    assert ring(running, "03-3000-1234").status == 403

    other = open_database(running.db_path)
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="seconds")
    other.execute("UPDATE rules SET expires_at = ? WHERE id = ?", [past, rule.id])
    other.conn.commit()
    answer = ring(running, "03-3000-1234")
    assert (answer.status, answer.body["reason"]) == (200, "mode")
    (row,) = RuleBook(other).rows()
    assert row["expired"] is True and row["times_matched"] == 1


def test_a_one_shot_allow_lets_one_call_through(running: Running) -> None:
    store = Office(running.db_path)
    store.settings.set("mode", "reject-all")
    rule = RuleBook(open_database(running.db_path)).put(
        "+81330001234", Action.ALLOW, once=True, expires_at=datetime.now(UTC) + timedelta(hours=1))

    first = ring(running, "03-3000-1234")
    assert (first.status, first.body["reason"]) == (200, "rule")
    second = ring(running, "03-3000-1234")
    assert (second.status, second.body["reason"]) == (403, "mode")

    rows = history_in_words(running.db_path)
    row = RuleBook(open_database(running.db_path)).row(rule.id)
    assert row is not None
    assert row["used_at"] == rows[0]["received_at"]  # used in the record's own transaction
    assert row["times_matched"] == 1
    assert RuleBook(open_database(running.db_path)).rows()[0]["expired"] is True


def test_a_repeat_caller_rings_through_after_a_reject(running: Running) -> None:
    store = Office(running.db_path)
    store.settings.save({"mode": "reject-all", "repeat-caller": "on"})
    assert ring(running, "03-3000-1234").status == 403
    again = ring(running, "03-3000-1234")
    assert again.status == 200
    assert "repeat caller" in history_in_words(running.db_path)[-1]["detail"]
    assert ring(running, "03-9999-0000").status == 403  # another number has no reject yet


def test_repeat_caller_is_off_by_default(running: Running) -> None:
    Office(running.db_path).settings.set("mode", "reject-all")
    assert ring(running, "03-3000-1234").status == 403
    assert ring(running, "03-3000-1234").status == 403


def test_customers_setting_lets_registered_customers_through(running: Running) -> None:
    Office(running.db_path).settings.save(
        {"mode": "reject-all", "customers": "accept"})
    assert ring(running, "03-3000-1234").status == 200
    assert ring(running, "03-3000-1234", customer=False).status == 403


def test_a_manual_override_applies_over_the_schedule(running: Running) -> None:
    store = Office(running.db_path)
    # No business hours at all: the schedule says closed (reject-all), with no change ahead.
    store.settings.save({"schedule-hours": "", "closed-mode": "reject-all"})
    store.mode.turn_schedule(True)
    closed = ring(running, "03-3000-1234")
    assert closed.status == 403
    assert "schedule, office closed" in history_in_words(running.db_path)[-1]["detail"]
    status = health(running.base)
    assert (status["mode"], status["mode_source"]) == ("reject-all", "schedule")

    store.mode.set("accept-all")  # what `python main.py mode accept-all` does
    assert ring(running, "03-3000-1234").status == 200
    assert "manual override" in history_in_words(running.db_path)[-1]["detail"]
    status = health(running.base)
    assert (status["mode"], status["mode_source"], status["mode_until"]) == (
        "accept-all", "override", None)

    store.mode.resume_schedule()  # `python main.py mode schedule`
    assert ring(running, "03-3000-1234").status == 403


def test_an_override_from_before_the_last_change_no_longer_applies(running: Running) -> None:
    store = Office(running.db_path)
    store.settings.save({"schedule-hours": "daily 00:00-24:00", "open-mode": "reject-all",
                         "public-holidays": "off"})
    store.mode.turn_schedule(True)
    # Set a week ago: a daily schedule from midnight to midnight is one stretch, with no
    # change ahead, so the override lasts; set on a stored timestamp, never by waiting.
    store.mode.set("accept-all", now=datetime.now(UTC) - timedelta(days=7))
    assert ring(running, "03-3000-1234").status == 200
    store.settings.save({"schedule-hours": "mon-sun 00:00-23:59"})
    # With a change every night the week-old override ended long ago.
    assert ring(running, "03-3000-1234").status == 403
