"""Storage on real SQLite files: durability, migrations, settings, rules, history, snapshots."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import sample
from sqlite_utils import Database
from typed_settings import assert_stored, refusal_words

import wording
from application import Office
from screening.call import Call
from screening.messages import Message, Refusal
from screening.mode import Mode
from screening.policy import Decision, Reason, ScreeningSettings, Verdict, WithheldHandling
from screening.rules import Action, RuleIndex
from storage.calls import CallHistory, CallRecord
from storage.database import BUSY_TIMEOUT_MS, migrations, open_database
from storage.history_filter import HistoryFilter
from storage.rules import RuleBook
from storage.settings import Counters
from storage.snapshot import ScreeningSnapshot

PROJECT = Path(__file__).resolve().parent.parent
TOKYO = "+81330001234"
FREEPHONE = "+81120123456"
DEFAULTS = {
    "mode": "accept-all",
    "ask-timeout": "10",
    "ask-default": "accept",
    "withheld": "mode",
    "failsafe": "accept",
    "host": "127.0.0.1",
    "port": "8080",
    "token-grace-hours": "24",
}


@pytest.fixture
def db(db_path: Path) -> Database:
    return open_database(db_path)


def pragma(db: Database, name: str) -> object:
    return db.execute(f"PRAGMA {name}").fetchone()[0]


# ---------------------------------------------------------------------------------------------
# Opening the file


def test_open_database_makes_the_data_directory(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "data" / "callgate.db"
    open_database(path)
    assert path.is_file()


def test_the_database_is_in_wal_mode_with_full_sync_and_a_busy_timeout(db: Database) -> None:
    assert pragma(db, "journal_mode") == "wal"
    assert pragma(db, "synchronous") == 2, "FULL, so a recorded call survives a power cut"
    assert pragma(db, "busy_timeout") == BUSY_TIMEOUT_MS
    assert BUSY_TIMEOUT_MS >= 1000


def test_wal_mode_is_stored_in_the_file_for_every_later_connection(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_fresh_database_has_the_schema(db: Database) -> None:
    assert {"calls", "rules", "settings", "counters"} <= set(db.table_names())
    assert migrations.pending(db) == []


@pytest.mark.parametrize("before", [
    [],
    ["0010_desks", "0011_decided_by"],  # the desks' first numbering, on a developer's database
    ["0011_desks", "0012_decided_by"],  # their second
])
def test_the_desks_migrations_apply_after_every_other_and_again_unharmed(
        db_path: Path, before: list[str]) -> None:
    """Desks (0013) and the deciding desk (0014) need nothing of what 0010-0012 made, and a
    database that took them under an earlier name takes them again unharmed."""
    db = Database(db_path)
    migrations.apply(db, stop_before="0013_desks")
    if before:
        migrations.apply(db)  # what the earlier numbering had made
        db.execute("DELETE FROM _sqlite_migrations WHERE name IN ('0013_desks', "
                   "'0014_decided_by')")
        for name in before:
            db.table("_sqlite_migrations").insert({"migration_set": "callgate", "name": name,
                                                   "applied_at": "2026-01-01 00:00:00+00:00"})
    assert "decided_by" not in db.table("calls").columns_dict or before
    db.close()
    reopened = open_database(db_path)
    assert migrations.pending(reopened) == []
    assert "decided_by" in reopened.table("calls").columns_dict
    assert Office.over(reopened).desks.add("reception").desk.name == "reception"


def test_opening_twice_applies_migrations_once_and_keeps_the_data(db_path: Path) -> None:
    first = open_database(db_path)
    RuleBook(first).put(TOKYO, Action.BLOCK, "sales calls")
    Office.over(first).settings.set("mode", "ask")
    applied = [m.name for m in migrations.applied(first)]
    first.close()

    second = open_database(db_path)
    third = open_database(db_path)
    assert [m.name for m in migrations.applied(second)] == applied
    assert len(applied) == len(set(applied)) >= 1
    assert [r.number for r in RuleBook(third).rules()] == [TOKYO]
    assert Office.over(third).settings.value("mode") == "ask"


def test_opening_waits_for_another_connection_busy_with_the_new_file(db_path: Path) -> None:
    """busy_timeout promises a wait of up to 5 s for another connection's lock.

    This is what happens when two threads or processes open a fresh file at once: one of
    them holds the write lock (switching the file to WAL, or migrating it) for a moment.
    The other must wait for it, not fail at once with "database is locked".
    """
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.3, other.execute, ["COMMIT"])
    released.start()
    started = time.monotonic()
    try:
        db = open_database(db_path)
    except sqlite3.OperationalError as error:
        waited = time.monotonic() - started
        pytest.fail(f"open_database gave up after {waited:.2f} s of a 5 s busy timeout: {error}")
    finally:
        released.join()
        other.close()
    assert pragma(db, "journal_mode") == "wal"
    assert migrations.pending(db) == []


def test_two_threads_opening_a_fresh_file_at_once_both_succeed(tmp_path: Path) -> None:
    """The listener thread and the console may both open the data file on the first start.

    One round is a race that is usually won; repeated rounds make a lost race (such as
    "database is locked" while the other connection switches the new file to WAL) show up.
    """
    failures: list[str] = []
    for round_no in range(50):
        path = tmp_path / f"round-{round_no}" / "callgate.db"
        path.parent.mkdir()  # so that both threads reach SQLite at the same moment
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def opener(
            path: Path = path,
            barrier: threading.Barrier = barrier,
            errors: list[BaseException] = errors,
        ) -> None:
            try:
                barrier.wait()
                db = open_database(path)
                RuleBook(db).rules()
                db.close()
            except BaseException as failure:
                errors.append(failure)

        threads = [threading.Thread(target=opener) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        failures.extend(f"round {round_no}: {error!r}" for error in errors)
        check = open_database(path)
        assert migrations.pending(check) == []
        check.close()
    assert not failures, f"{len(failures)} of 50 rounds failed, first: {failures[0]}"


OPENER = """
import sys, time
from pathlib import Path
from storage.database import open_database
from application import Office
start = float(sys.argv[2])
time.sleep(max(0.0, start - time.time() - 0.05))
while time.time() < start:
    pass
db = open_database(Path(sys.argv[1]))
print(Office.over(db).webhook.token())
"""


def test_processes_opening_a_fresh_file_at_once_all_succeed_and_agree(tmp_path: Path) -> None:
    for round_no in range(3):
        path = tmp_path / f"round-{round_no}" / "callgate.db"
        start = time.time() + 1.5
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", OPENER, str(path), str(start)],
                cwd=PROJECT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        results = [process.communicate(timeout=60) for process in processes]
        for process, (_, err) in zip(processes, results, strict=True):
            assert process.returncode == 0, err
        tokens = {out.strip() for out, _ in results}
        assert len(tokens) == 1, "every process must see the one webhook token"
        db = open_database(path)
        applied = [m.name for m in migrations.applied(db)]
        assert len(applied) == len(set(applied)), "no migration may run twice"
        assert migrations.pending(db) == []
        db.close()


# ---------------------------------------------------------------------------------------------
# Settings


def test_settings_have_the_documented_defaults(db: Database) -> None:
    store = Office.over(db)
    assert DEFAULTS.items() <= store.settings.values().items()
    for key, value in DEFAULTS.items():
        assert store.settings.value(key) == value
    assert store.settings.screening() == ScreeningSettings()


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [
        ("mode", "reject-all", "reject-all"),
        ("mode", " ask ", "ask"),
        ("ask-timeout", "30", "30"),
        ("ask-timeout", "3.0", "3"),
        ("ask-timeout", "60", "60"),
        ("ask-timeout", "7.5", "7.5"),
        ("ask-default", "reject", "reject"),
        ("withheld", "ask", "ask"),
        ("failsafe", "reject", "reject"),
        ("host", "0.0.0.0", "0.0.0.0"),
        ("host", "::1", "::1"),
        ("host", "localhost", "localhost"),
        ("port", "8443", "8443"),
        ("port", "65535", "65535"),
    ],
)
def test_a_valid_setting_is_stored_in_its_canonical_form(
    db_path: Path, key: str, typed: str, stored: str
) -> None:
    assert_stored(db_path, key, typed, stored)


def test_an_unknown_setting_is_refused_and_the_message_lists_the_settings(db: Database) -> None:
    store = Office.over(db)
    with pytest.raises(Refusal) as caught:
        store.settings.set("colour", "blue")
    assert caught.value.message.code == "refusal.setting.unknown"
    message = wording.render(caught.value.message)
    assert "'colour'" in message
    for key in DEFAULTS:
        assert key in message
    with pytest.raises(Refusal):
        store.settings.value("colour")
    with pytest.raises(Refusal):
        store.settings.value("webhook-token")
    assert "colour" not in store.settings.values()


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("mode", "maybe", ["'maybe'", "accept-all", "reject-all", "ask"]),
        ("mode", "ACCEPT-ALL-PLEASE", ["accept-all"]),
        ("ask-timeout", "2", ["between 3 and 60 seconds"]),
        ("ask-timeout", "61", ["between 3 and 60 seconds"]),
        ("ask-timeout", "soon", ["number of seconds", "'soon'"]),
        ("ask-default", "ring", ["'ring'", "accept", "reject"]),
        ("withheld", "hide", ["'hide'", "mode", "accept", "reject", "ask"]),
        ("failsafe", "", ["accept", "reject"]),
        ("host", "example.com", ["'example.com'", "IP address"]),
        ("port", "0", ["1 to 65535", "'0'"]),
        ("port", "65536", ["1 to 65535"]),
        ("port", "http", ["1 to 65535", "'http'"]),
        ("port", "-1", ["1 to 65535"]),
    ],
)
def test_a_bad_value_is_refused_with_a_readable_message_and_changes_nothing(
    db: Database, key: str, value: str, words: list[str]
) -> None:
    message = refusal_words(Office.over(db), key, value)
    for word in words:
        assert word in message


@pytest.mark.parametrize(
    ("ask_default", "failsafe"),
    [(Decision.REJECT, Decision.ACCEPT), (Decision.ACCEPT, Decision.REJECT)],
)
def test_screening_settings_are_read_from_the_stored_values(
    db: Database, ask_default: Decision, failsafe: Decision
) -> None:
    store = Office.over(db)
    store.settings.set("mode", "ask")
    store.settings.set("ask-timeout", "25")
    store.settings.set("ask-default", ask_default.value)
    store.settings.set("withheld", "reject")
    store.settings.set("failsafe", failsafe.value)
    assert store.settings.screening() == ScreeningSettings(
        mode=Mode.ASK,
        ask_timeout=25.0,
        ask_default=ask_default,
        withheld=WithheldHandling.REJECT,
        failsafe=failsafe,
    )


def test_host_and_port_do_not_change_the_screening_settings(db: Database) -> None:
    store = Office.over(db)
    store.settings.set("port", "9000")
    store.settings.set("host", "0.0.0.0")
    assert store.settings.screening() == ScreeningSettings()


# ---------------------------------------------------------------------------------------------
# The webhook token


def test_the_webhook_token_is_made_once_and_stays_across_connections(db_path: Path) -> None:
    first = open_database(db_path)
    token = Office.over(first).webhook.token()
    assert Office.over(first).webhook.token() == token
    other = open_database(db_path)
    assert Office.over(other).webhook.token() == token
    first.close()
    other.close()
    assert Office(db_path).webhook.token() == token


def test_the_webhook_token_is_long_random_and_url_safe(db: Database) -> None:
    token = Office.over(db).webhook.token()
    # 128 bits need at least 22 characters of URL-safe base64 (6 bits each).
    assert len(token) >= 22
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token), token
    assert len(set(token)) > 8, "not a constant or a repeated character"


def test_each_database_gets_its_own_webhook_token(tmp_path: Path) -> None:
    tokens = {
        Office(tmp_path / f"office-{n}" / "callgate.db").webhook.token()
        for n in range(5)
    }
    assert len(tokens) == 5


def test_the_webhook_token_is_not_shown_or_changed_as_a_setting(db: Database) -> None:
    store = Office.over(db)
    token = store.webhook.token()
    assert token not in store.settings.values().values()
    assert DEFAULTS.items() <= store.settings.values().items()
    assert not any("token" in key and key != "token-grace-hours" for key in store.settings.values())


# ---------------------------------------------------------------------------------------------
# Counters


def test_counters_start_at_zero_and_add_up_across_connections(db_path: Path) -> None:
    one = Counters(open_database(db_path))
    two = Counters(open_database(db_path))
    assert one.get("refused-requests") == 0
    one.add("refused-requests")
    two.add("refused-requests")
    one.add("refused-requests", 5)
    assert one.get("refused-requests") == 7
    assert two.get("refused-requests") == 7
    assert two.get("something-else") == 0


def test_counters_are_independent(db: Database) -> None:
    counters = Counters(db)
    counters.add("a", 2)
    counters.add("b")
    assert (counters.get("a"), counters.get("b")) == (2, 1)


# ---------------------------------------------------------------------------------------------
# Rules


def test_a_rule_is_stored_with_its_note(db: Database) -> None:
    book = RuleBook(db)
    rule = book.put(TOKYO, Action.ALLOW, "head office")
    assert (rule.number, rule.action, rule.note) == (TOKYO, Action.ALLOW, "head office")
    assert isinstance(rule.id, int)
    assert book.rules() == [rule]


def test_a_number_is_on_one_list_at_a_time(db: Database) -> None:
    book = RuleBook(db)
    book.put(TOKYO, Action.ALLOW, "friend")
    replaced = book.put(TOKYO, Action.BLOCK, "now a nuisance")
    rules = book.rules()
    assert len(rules) == 1
    assert rules[0].action is Action.BLOCK
    assert rules[0].note == "now a nuisance"
    assert rules[0] == replaced


def test_rules_list_allow_first(db: Database) -> None:
    book = RuleBook(db)
    book.put(FREEPHONE, Action.BLOCK)
    book.put(TOKYO, Action.ALLOW)
    book.put("+819012345678", Action.ALLOW)
    assert [(r.action, r.number) for r in book.rules()] == [
        (Action.ALLOW, TOKYO),
        (Action.ALLOW, "+819012345678"),
        (Action.BLOCK, FREEPHONE),
    ]


def test_removing_a_rule(db: Database) -> None:
    book = RuleBook(db)
    book.put(TOKYO, Action.BLOCK)
    book.put(FREEPHONE, Action.BLOCK)
    assert book.remove(TOKYO) is True
    assert book.remove(TOKYO) is False, "removing a number that is on no list says so"
    assert [r.number for r in book.rules()] == [FREEPHONE]


def test_a_match_is_counted_with_its_time(db: Database) -> None:
    book = RuleBook(db)
    rule = book.put(TOKYO, Action.BLOCK)
    (row,) = book.rows()
    assert row["times_matched"] == 0
    assert row["last_matched_at"] is None
    book.note_match(rule.id, "2026-01-05T09:00:00.000+00:00")
    book.note_match(rule.id, "2026-01-05T09:05:00.000+00:00")
    (row,) = book.rows()
    assert row["times_matched"] == 2
    assert row["last_matched_at"] == "2026-01-05T09:05:00.000+00:00"
    assert row["created_at"]


def test_a_rule_made_by_one_connection_is_seen_by_another(db_path: Path) -> None:
    RuleBook(open_database(db_path)).put(TOKYO, Action.BLOCK)
    assert [r.number for r in RuleBook(open_database(db_path)).rules()] == [TOKYO]


# ---------------------------------------------------------------------------------------------
# Call history


BLOCKED = Message("detail.rule.block", (Message("rule.number", ("03-3000-1234",)),))


def record_of(
    call_id: str,
    received_at: str,
    verdict: Verdict | None = None,
    body_name: str = "seed_incoming_call.json",
) -> CallRecord:
    body = {**sample(body_name), "callId": call_id}
    raw = json.dumps(body, ensure_ascii=False)
    call = Call.from_payload(body, "fallback")
    return CallRecord.of(
        call,
        verdict or Verdict(Decision.ACCEPT, Reason.MODE,
                           Message("detail.mode", (Mode.ACCEPT_ALL.message,))),
        received_at,
        1.23456,
        raw,
    )


def test_a_recorded_call_is_kept_with_everything_the_history_shows(db_path: Path) -> None:
    verdict = Verdict(Decision.REJECT, Reason.RULE, BLOCKED, 3)
    record = record_of("c-1", "2026-01-05T09:00:00.000+00:00", verdict)
    CallHistory(open_database(db_path)).record(record)

    history = CallHistory(open_database(db_path))
    assert history.count() == 1
    (row,) = history.recent()
    assert row["call_id"] == "c-1"
    assert row["received_at"] == "2026-01-05T09:00:00.000+00:00"
    assert row["phone_number"] == "0330001234"
    assert row["caller"] == TOKYO
    assert row["customer_name"] == "鈴木 スミス 一郎"
    assert row["customer_org"] == "エーアイ化粧品株式会社"
    assert row["operator_name"] == "AIオペレータのコミュボ"
    assert (row["decision"], row["reason"], row["rule_id"]) == ("reject", "rule", 3)
    assert row["latency_ms"] == pytest.approx(1.235)
    assert row["repeats"] == 0
    assert row["raw_body"] == record.raw_body
    assert json.loads(row["raw_body"])["customer"]["familyName"] == "鈴木"


def test_a_call_without_customer_is_recorded_with_empty_names(db: Database) -> None:
    history = CallHistory(db)
    history.record(record_of("c-2", "2026-01-05T09:00:00.000+00:00",
                             body_name="unknown_caller_no_customer.json"))
    (row,) = history.recent()
    assert row["customer_name"] == ""
    assert row["caller"] == FREEPHONE


def test_the_stored_decision_answers_a_repeated_post(db_path: Path) -> None:
    verdict = Verdict(Decision.REJECT, Reason.RULE, BLOCKED, 9)
    CallHistory(open_database(db_path)).record(
        record_of("c-1", "2026-01-05T09:00:00.000+00:00", verdict)
    )
    db = open_database(db_path)
    history = CallHistory(db)
    again, config_version = history.verdict_and_config("c-1")
    assert again == verdict
    assert again is not None and again.decision is Decision.REJECT
    assert again.reason is Reason.RULE
    assert history.verdict_and_config("never-seen") == (None, config_version)
    RuleBook(db).add("+81312345678", Action.BLOCK)
    assert history.verdict_and_config("c-1") == (verdict, config_version + 1), \
        "a rule added moves the config version read beside the decision"


def test_a_detail_is_stored_as_its_code_and_read_back_as_a_message(db: Database) -> None:
    """No words in the history: the code and its arguments, worded when read."""
    history = CallHistory(db)
    history.record(record_of("c-1", "2026-01-05T09:00:00.000+00:00",
                             Verdict(Decision.REJECT, Reason.RULE, BLOCKED, 3)))
    history.record(record_of("c-2", "2026-01-05T09:01:00.000+00:00",
                             Verdict(Decision.ACCEPT, Reason.PERSON)))
    stored = dict(db.execute("SELECT call_id, detail FROM calls").fetchall())
    assert json.loads(stored["c-1"]) == {
        "code": "detail.rule.block",
        "args": [{"code": "rule.number", "args": ["03-3000-1234"]}]}
    assert stored["c-2"] == "", "a reason that says it all keeps no detail"
    second, first = history.recent()
    assert first["detail"] == BLOCKED and not second["detail"]
    assert wording.render(first["detail"]) == "block 03-3000-1234"
    [listed] = history.page(HistoryFilter(reason="rule"))
    assert listed["detail"] == BLOCKED
    assert history.get(first["id"]) == first
    assert history.rows_by_id([first["id"]])[0]["detail"] == BLOCKED
    assert history.verdict_and_config("c-2")[0] == Verdict(Decision.ACCEPT, Reason.PERSON)


def test_a_repeat_is_counted_on_the_first_row_not_recorded_twice(db: Database) -> None:
    history = CallHistory(db)
    history.record(record_of("c-1", "2026-01-05T09:00:00.000+00:00"))
    history.note_repeat("c-1")
    history.note_repeat("c-1")
    assert history.count() == 1
    assert history.recent()[0]["repeats"] == 2


def test_a_call_id_is_recorded_only_once(db: Database) -> None:
    """Written again (from the journal after a crash), a record changes nothing."""
    history = CallHistory(db)
    assert history.record(record_of("c-1", "2026-01-05T09:00:00.000+00:00"))
    assert not history.record(record_of("c-1", "2026-01-05T09:00:01.000+00:00"))
    assert history.count() == 1
    assert history.recent()[0]["received_at"] == "2026-01-05T09:00:00.000+00:00"


def test_records_written_together_say_which_calls_were_new(db: Database) -> None:
    """A group commit writes its records in one statement: each still learns whether its call
    was in the history already (a record from the journal, a call twice in one group)."""
    history = CallHistory(db)
    history.record(record_of("old-1", "2026-01-05T09:00:00.000+00:00"))
    history.record(record_of("old-2", "2026-01-05T09:00:01.000+00:00"))
    group = [record_of(call_id, "2026-01-05T09:01:00.000+00:00")
             for call_id in ("new-1", "old-1", "new-2", "new-2", "old-2", "new-3")]
    assert history.record_all(group) == [True, False, True, False, False, True]
    assert history.record_all(group[1:2]) == [False]
    assert history.record_all(group[:1] + group[4:5]) == [False, False]
    assert sorted(row["call_id"] for row in history.recent()) == [
        "new-1", "new-2", "new-3", "old-1", "old-2"]
    assert history.recent(limit=1)[0]["received_at"] == "2026-01-05T09:01:00.000+00:00"
    assert {row["call_id"]: row["received_at"] for row in history.recent()}["old-1"] \
        == "2026-01-05T09:00:00.000+00:00", "a call in the history already is left as it was"


def test_history_is_newest_first_and_can_be_limited(db: Database) -> None:
    history = CallHistory(db)
    # Recorded out of order on purpose: the order shown is the time received.
    for call_id, when in [
        ("b", "2026-01-05T09:00:02.000+00:00"),
        ("a", "2026-01-05T09:00:01.000+00:00"),
        ("d", "2026-01-06T08:00:00.000+00:00"),
        ("c", "2026-01-05T09:00:03.000+00:00"),
    ]:
        history.record(record_of(call_id, when))
    assert [row["call_id"] for row in history.recent()] == ["d", "c", "b", "a"]
    assert [row["call_id"] for row in history.recent(limit=2)] == ["d", "c"]
    assert history.count() == 4


def test_calls_received_in_the_same_millisecond_show_the_later_recorded_first(
    db: Database,
) -> None:
    history = CallHistory(db)
    for call_id in ("first", "second", "third"):
        history.record(record_of(call_id, "2026-01-05T09:00:00.000+00:00"))
    assert [row["call_id"] for row in history.recent()] == ["third", "second", "first"]


# ---------------------------------------------------------------------------------------------
# The snapshot the listener decides from


def action_for(rules: RuleIndex, number: str) -> Action | None:
    """What the rules the listener decides from do with this number (none of them expires)."""
    rule = rules.match_number(number, None).rule
    return rule.action if rule is not None else None


def test_the_snapshot_starts_from_what_is_stored(db_path: Path) -> None:
    setup = open_database(db_path)
    RuleBook(setup).put(TOKYO, Action.BLOCK)
    Office.over(setup).settings.set("mode", "reject-all")
    rules, settings = ScreeningSnapshot(open_database(db_path)).current()
    assert [rule.number for rule in rules] == [TOKYO]
    assert action_for(rules, TOKYO) is Action.BLOCK
    assert settings.mode is Mode.REJECT_ALL


def test_the_snapshot_does_not_reread_when_nothing_changed(db: Database) -> None:
    snapshot = ScreeningSnapshot(db)
    rules, settings = snapshot.current()
    again_rules, again_settings = snapshot.current()
    assert again_rules is rules
    assert again_settings is settings


def test_recording_calls_on_the_listeners_own_connection_does_not_force_a_reread(
    db: Database,
) -> None:
    snapshot = ScreeningSnapshot(db)
    rules, settings = snapshot.current()
    CallHistory(db).record(record_of("c-1", "2026-01-05T09:00:00.000+00:00"))
    Counters(db).add("refused-requests")
    again_rules, again_settings = snapshot.current()
    assert again_rules is rules
    assert again_settings is settings


def test_a_rule_added_through_another_connection_applies_to_the_next_call(db_path: Path) -> None:
    snapshot = ScreeningSnapshot(open_database(db_path))
    rules, _ = snapshot.current()
    assert len(rules) == 0

    RuleBook(open_database(db_path)).put(TOKYO, Action.BLOCK, "from the command line")
    rules, _ = snapshot.current()
    assert action_for(rules, TOKYO) is Action.BLOCK

    RuleBook(open_database(db_path)).remove(TOKYO)
    rules, _ = snapshot.current()
    assert action_for(rules, TOKYO) is None


def test_a_setting_changed_through_another_connection_applies_to_the_next_call(
    db_path: Path,
) -> None:
    snapshot = ScreeningSnapshot(open_database(db_path))
    _, settings = snapshot.current()
    assert settings.mode is Mode.ACCEPT_ALL

    other = Office(db_path)
    other.settings.set("mode", "ask")
    other.settings.set("ask-timeout", "5")
    _, settings = snapshot.current()
    assert settings.mode is Mode.ASK
    assert settings.ask_timeout == 5.0


def test_after_a_change_the_snapshot_is_stable_again(db_path: Path) -> None:
    snapshot = ScreeningSnapshot(open_database(db_path))
    snapshot.current()
    RuleBook(open_database(db_path)).put(TOKYO, Action.ALLOW)
    rules, settings = snapshot.current()
    again_rules, again_settings = snapshot.current()
    assert again_rules is rules and again_settings is settings


def test_recording_calls_and_rule_matches_elsewhere_rereads_nothing(db_path: Path) -> None:
    """The writer commits all the time; only a change of rules or settings may cost a reread."""
    snapshot = ScreeningSnapshot(open_database(db_path))
    other = open_database(db_path)
    rule = RuleBook(other).put(TOKYO, Action.BLOCK)
    rules, settings = snapshot.current()
    CallHistory(other).record(record_of("written-elsewhere", "2026-11-25T00:00:00.000+00:00"))
    RuleBook(other).note_match(rule.id, "2026-11-25T00:00:00.000+00:00")
    Counters(other).add("refused-requests")
    again_rules, again_settings = snapshot.current()
    assert again_rules is rules and again_settings is settings
    RuleBook(other).put(TOKYO, Action.BLOCK, "a new note is a change too")
    assert snapshot.current()[0] is not rules


def test_a_change_from_a_writer_thread_reaches_the_snapshot(db_path: Path) -> None:
    snapshot = ScreeningSnapshot(open_database(db_path))
    snapshot.current()

    def console() -> None:
        own = open_database(db_path)
        RuleBook(own).put(FREEPHONE, Action.BLOCK)
        Office.over(own).settings.set("withheld", "reject")
        own.close()

    thread = threading.Thread(target=console)
    thread.start()
    thread.join(timeout=30)
    rules, settings = snapshot.current()
    assert action_for(rules, FREEPHONE) is not None
    assert settings.withheld is WithheldHandling.REJECT
