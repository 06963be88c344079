"""Issue 5 in storage: rule kinds, expiry and one-shot rules, the new settings, the snapshot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from application import Office
from screening.call import Call
from screening.decision_order import explain, screen
from screening.messages import Refusal
from screening.mode import Mode, ModeSource
from screening.mode_in_force import Override, OverrideEnd
from screening.policy import CallerHandling, PayphoneHandling
from screening.rule_draft import RuleEntry
from screening.rules import Action, RuleIndex, RuleKind
from storage.database import CONFIG_VERSION, migrations, open_database
from storage.rules import NumberTaken, RuleBook
from storage.settings import Counters
from storage.snapshot import ScreeningSnapshot
from wording import render

TOKYO = "+81330001234"
FREEPHONE = "+81120*"
NOW = datetime(2026, 1, 6, 1, 0, tzinfo=UTC)  # Tuesday 10:00 in Tokyo


@pytest.fixture
def db(db_path: Path) -> Database:
    return open_database(db_path)


def test_an_old_database_is_migrated_and_keeps_its_rules(db_path: Path) -> None:
    old = Database(db_path)
    migrations.apply(old, stop_before="0006_rule_kinds_expiry_once")
    old.execute(
        "INSERT INTO rules (number, action, note, created_at, last_matched_at, times_matched) "
        "VALUES (?, 'block', 'old note', '2025-01-01T00:00:00+00:00', "
        "'2025-02-01T00:00:00+00:00', 7)", [TOKYO])
    old.conn.commit()
    old.close()

    db = open_database(db_path)
    assert {"kind", "pattern", "expires_at", "once", "used_at"} <= set(
        db.table("rules").columns_dict)
    (rule,) = RuleBook(db).rules()
    assert (rule.number, rule.action, rule.note, rule.kind) == (
        TOKYO, Action.BLOCK, "old note", RuleKind.NUMBER)
    assert rule.expires_at is None and not rule.once
    (row,) = RuleBook(db).rows()
    assert row["times_matched"] == 7 and row["expired"] is False
    # The target is unique per kind now, not per number alone.
    indexes = {index.name: index for index in db.table("rules").indexes}
    assert "idx_rules_number" not in indexes
    assert indexes["idx_rules_kind_number"].unique
    with pytest.raises(NumberTaken):
        RuleBook(db).add(TOKYO, Action.ALLOW)


def test_number_prefix_and_name_rules_live_side_by_side(db: Database) -> None:
    book = RuleBook(db)
    number = book.put(TOKYO, Action.ALLOW)
    prefix = book.put(FREEPHONE, Action.BLOCK, "ads", kind=RuleKind.PREFIX)
    name = book.put("エーアイ化粧品", Action.ALLOW, kind=RuleKind.NAME)
    assert prefix.pattern == FREEPHONE and prefix.target == FREEPHONE
    assert name.target == "エーアイ化粧品"
    assert {rule.id for rule in book.rules()} == {number.id, prefix.id, name.id}
    assert book.find(FREEPHONE, RuleKind.PREFIX) == prefix
    assert book.find(FREEPHONE) is None
    assert book.remove(FREEPHONE, RuleKind.PREFIX)
    assert book.find(FREEPHONE, RuleKind.PREFIX) is None


def test_putting_a_rule_again_replaces_expiry_and_once(db: Database) -> None:
    book = RuleBook(db)
    first = book.put(TOKYO, Action.ALLOW, once=True, expires_at=NOW + timedelta(days=1))
    assert book.use(first.id, NOW.isoformat())
    again = book.put(TOKYO, Action.ALLOW)
    assert again.id == first.id
    assert again.expires_at is None and not again.once


def test_expired_rules_stay_listed_as_expired(db: Database) -> None:
    book = RuleBook(db)
    book.put(TOKYO, Action.BLOCK, expires_at=NOW - timedelta(hours=1))
    book.put(FREEPHONE, Action.BLOCK, kind=RuleKind.PREFIX, expires_at=NOW + timedelta(hours=1))
    expired = {row["number"]: row["expired"] for row in book.rows(NOW)}
    assert expired == {TOKYO: True, FREEPHONE: False}
    stored = {row["number"]: row["expires_at"] for row in book.rows(NOW)}
    assert stored[TOKYO] == "2026-01-06T00:00:00+00:00"


def test_a_one_shot_rule_is_used_once(db: Database) -> None:
    book = RuleBook(db)
    rule = book.put(TOKYO, Action.ALLOW, once=True, expires_at=NOW + timedelta(days=1))
    assert not rule.expired(NOW)
    used_at = NOW + timedelta(minutes=5)
    assert book.use(rule.id, used_at.isoformat())
    assert not book.use(rule.id, (used_at + timedelta(minutes=1)).isoformat())
    used = book.get(rule.id)
    assert used is not None and used.expires_at == used_at and used.expired(used_at)
    assert book.rows(used_at)[0]["expired"] is True
    permanent = book.put("+81311112222", Action.ALLOW)
    assert not book.use(permanent.id, used_at.isoformat())


def test_update_keeps_expiry_and_once_unless_given(db: Database) -> None:
    book = RuleBook(db)
    rule = book.put(TOKYO, Action.ALLOW, once=True, expires_at=NOW)
    changed = book.update(rule.id, TOKYO, Action.ALLOW, "new note")
    assert changed is not None and changed.once and changed.expires_at == NOW
    changed = book.update(rule.id, TOKYO, Action.ALLOW, "new note", expires_at=None, once=False)
    assert changed is not None and not changed.once and changed.expires_at is None
    moved = book.update(rule.id, FREEPHONE, Action.BLOCK, "", kind=RuleKind.PREFIX)
    assert moved is not None and moved.kind is RuleKind.PREFIX and moved.pattern == FREEPHONE
    other = book.put(TOKYO, Action.BLOCK)
    with pytest.raises(NumberTaken):
        book.update(other.id, FREEPHONE, Action.BLOCK, "", kind=RuleKind.PREFIX)


def test_put_many_is_all_or_nothing(db: Database) -> None:
    book = RuleBook(db)
    good = RuleEntry(TOKYO, Action.BLOCK)
    naive = RuleEntry(FREEPHONE, Action.BLOCK, kind=RuleKind.PREFIX,
                      expires_at=datetime(2030, 1, 1))  # no time zone: refused
    with pytest.raises(ValueError, match="aware"):
        book.put_many([good, naive])
    assert book.rules() == []
    assert len(book.put_many([good, RuleEntry(FREEPHONE, Action.BLOCK, kind=RuleKind.PREFIX)]))
    assert len(book.rules()) == 2


def test_expiry_and_use_move_the_config_version(db: Database) -> None:
    book = RuleBook(db)
    rule = book.put(TOKYO, Action.ALLOW, once=True)
    counters = Counters(db)
    before = counters.get(CONFIG_VERSION)
    db.execute("UPDATE rules SET expires_at = ? WHERE id = ?", [NOW.isoformat(), rule.id])
    assert counters.get(CONFIG_VERSION) == before + 1
    book.use(rule.id, NOW.isoformat())
    assert counters.get(CONFIG_VERSION) == before + 2
    book.note_match(rule.id, NOW.isoformat())
    assert counters.get(CONFIG_VERSION) == before + 2


# ---------------------------------------------------------------------------------------------
# Settings


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("payphone", "sometimes"), ("customers", "maybe"), ("unknown", "x"),
        ("repeat-caller", "perhaps"), ("repeat-minutes", "0"), ("repeat-minutes", "61"),
        ("schedule", "2"), ("schedule-hours", "mon 9-25"), ("schedule-hours", "funday 9-12"),
        ("open-mode", "open"), ("closed-mode", "closed"), ("public-holidays", "jp"),
        ("closed-days", "2025-13-01"), ("time-zone", "Mars/Olympus"), ("override-mode", "x"),
        ("override-set-at", "yesterday"), ("override-set-at", "2025-01-01T00:00"),
        ("override-ends", "never"),
    ],
)
def test_new_settings_refuse_bad_values(db: Database, key: str, value: str) -> None:
    store = Office.over(db)
    before = store.settings.values()
    with pytest.raises(ValueError) as caught:
        store.settings.set(key, value)
    assert "\n" not in str(caught.value)
    assert store.settings.values() == before


def test_new_settings_are_stored_canonically(db: Database) -> None:
    store = Office.over(db)
    assert store.settings.set("schedule-hours", "月-金 9:00-12:00、13:00-18:00") == (
        "mon-fri 09:00-12:00, 13:00-18:00")
    assert store.settings.set("closed-days", "12-29..01-03 年末年始\n2025/08/13..2025/08/16") == (
        "12-29..01-03 年末年始; 2025-08-13..2025-08-16")
    assert store.settings.set("repeat-caller", "YES") == "on"
    assert store.settings.set("repeat-minutes", "5.0") == "5"
    assert store.settings.set("override-set-at", "2026-01-06T10:00:00+09:00") == (
        "2026-01-06T01:00:00+00:00")


def test_screening_settings_round_trip_with_schedule_and_override(db_path: Path) -> None:
    store = Office(db_path)
    default = store.settings.screening()
    assert default.schedule is None and default.override is None
    assert default.payphone is PayphoneHandling.AS_WITHHELD and not default.repeat_caller
    store.settings.save({
        "payphone": "reject", "customers": "accept", "unknown": "ask", "repeat-caller": "on",
        "repeat-minutes": "7", "schedule-hours": "mon-fri 9:00-18:00", "open-mode": "ask",
        "closed-mode": "reject-all", "public-holidays": "off",
        "closed-days": "12-29..01-03 年末年始", "time-zone": "Europe/Berlin",
    })
    store.mode.turn_schedule(True)
    assert store.mode.set("accept-all", now=NOW).source is ModeSource.OVERRIDE
    override = store.settings.get().override
    assert override is not None and override.ends is OverrideEnd.NEXT_CHANGE

    snapshot = ScreeningSnapshot(open_database(db_path))
    index, settings = snapshot.current()
    assert isinstance(index, RuleIndex)
    assert settings.payphone is PayphoneHandling.REJECT
    assert (settings.customers, settings.unknown) == (CallerHandling.ACCEPT, CallerHandling.ASK)
    assert settings.repeat_caller and settings.repeat_minutes == 7
    schedule = settings.schedule
    assert schedule is not None
    assert schedule.time_zone == "Europe/Berlin" == settings.time_zone
    assert (schedule.open_mode, schedule.closed_mode) == (Mode.ASK, Mode.REJECT_ALL)
    assert not schedule.public_holidays and len(schedule.closed_days) == 1
    assert settings.override == override
    # 02:00 Berlin on a Tuesday: closed, but overridden by hand until the office opens at 9:00.
    mode = settings.mode_at(NOW)
    assert (mode.mode, mode.source) == (Mode.ACCEPT_ALL, ModeSource.OVERRIDE)
    assert mode.until == datetime(2026, 1, 6, 8, 0, tzinfo=UTC)
    later = settings.mode_at(NOW + timedelta(hours=8))
    assert (later.mode, later.source) == (Mode.ASK, ModeSource.SCHEDULE)


def test_toggling_the_mode_by_hand(db: Database) -> None:
    store = Office.over(db)
    # No schedule: no override, the mode setting decides.
    assert store.mode.set("reject-all", now=NOW).source is ModeSource.SETTING
    assert store.settings.value("mode") == "reject-all"
    assert store.settings.screening().override is None

    store.mode.turn_schedule(True)
    held = store.mode.set("ask", until_off=True, now=NOW)
    assert (held.mode, held.source, held.until) == (Mode.ASK, ModeSource.OVERRIDE, None)
    override = store.settings.get().override
    assert override == Override(Mode.ASK, NOW, OverrideEnd.TURNED_OFF)
    assert store.settings.screening().override == override
    store.mode.resume_schedule()
    assert store.settings.screening().override is None

    store.mode.set("ask", now=NOW)
    store.mode.turn_schedule(False)  # turning the schedule off (or on) ends a manual override
    assert store.settings.get().override is None
    with pytest.raises(Refusal) as refused:
        store.mode.set("loud")
    assert refused.value.field == "mode"


def test_snapshot_sees_expiry_set_through_another_connection(db_path: Path) -> None:
    rule = RuleBook(open_database(db_path)).put(TOKYO, Action.BLOCK)
    snapshot = ScreeningSnapshot(open_database(db_path))
    call = Call("c-1", "03-3000-1234")
    index, settings = snapshot.current()
    assert screen(call, index, settings, now=NOW).rule_id == rule.id  # type: ignore[union-attr]

    other = open_database(db_path)
    other.execute("UPDATE rules SET expires_at = ? WHERE id = ?",
                  [(NOW - timedelta(seconds=1)).isoformat(), rule.id])
    index, settings = snapshot.current()
    found = explain(call, index, settings, now=NOW)
    assert found.rule is None and found.decision == "accept"
    assert any("expired" in render(step) for step in found.steps)


def test_snapshot_knows_one_shot_rules(db_path: Path) -> None:
    book = RuleBook(open_database(db_path))
    once = book.put(TOKYO, Action.ALLOW, once=True)
    always = book.put(FREEPHONE, Action.BLOCK, kind=RuleKind.PREFIX)
    snapshot = ScreeningSnapshot(open_database(db_path))
    snapshot.current()
    assert snapshot.is_once(once.id) and not snapshot.is_once(always.id)
