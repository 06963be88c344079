"""The application layer (application/): the use cases the command line and the console share,
on real SQLite files."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import sample

import wording
from application import Office
from application.history import HistoryQuery
from application.trouble import problem
from screening.call import Call, CallerClass
from screening.messages import Message, Refusal
from screening.mode import Mode, ModeSource
from screening.policy import Decision, Reason, Verdict
from screening.rule_draft import ExpiryKind, RuleDraft
from screening.rules import Action, RuleKind
from screening.settings import Key
from storage.calls import CallHistory, CallRecord
from storage.database import open_database

NOW = datetime(2026, 1, 6, 1, 0, tzinfo=UTC)  # Tuesday 10:00 in Tokyo


@pytest.fixture
def office(db_path: Path) -> Office:
    return Office(db_path)


def record(office: Office, call_id: str, number: str, received: datetime,
           verdict: Verdict) -> None:
    """A call in the history, stored the way the listener stores one."""
    data = sample("seed_incoming_call.json") | {"callId": call_id, "phoneNumber": number}
    call = Call.from_payload(data, call_id)
    CallHistory(office.db()).record(CallRecord.of(
        call, verdict, received.isoformat(timespec="milliseconds"), 3.5, json.dumps(data)))


# --- The office and its connections ------------------------------------------------------------


def test_each_thread_gets_a_connection_of_its_own(office: Office) -> None:
    mine = office.db()
    assert office.db() is mine
    theirs: list[object] = []
    worker = threading.Thread(target=lambda: theirs.append(office.db()))
    worker.start()
    worker.join()
    assert theirs and theirs[0] is not mine
    office.close()
    assert office.db() is not mine, "closed: the next use opens another"


def test_a_change_waits_for_another_programs_write_lock_then_is_saved(db_path: Path) -> None:
    office = Office(db_path)
    office.db()
    locked = threading.Event()

    def hold() -> None:
        holder = sqlite3.connect(db_path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(0.5)
        holder.execute("COMMIT")
        holder.close()

    other = threading.Thread(target=hold)
    other.start()
    assert locked.wait(5)
    started = time.monotonic()
    office.settings.set(Key.MODE, "ask")
    waited = time.monotonic() - started
    other.join()
    assert waited >= 0.3, "the change waited for the lock instead of failing at once"
    assert Office(db_path).settings.get().mode is Mode.ASK


def test_a_locked_database_is_said_in_words(tmp_path: Path) -> None:
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = sqlite3.SQLITE_BUSY
    said = wording.render(problem(tmp_path / "callgate.db", locked))
    assert said.startswith(f"the database {tmp_path / 'callgate.db'} is locked by another")
    assert "nothing was changed" in said
    unusable = wording.render(problem(tmp_path / "x" / "callgate.db", NotADirectoryError()))
    assert "a part of its path is a file" in unusable


# --- Settings ------------------------------------------------------------------------------------


def test_settings_are_saved_all_or_nothing_and_the_refusal_names_the_key(office: Office) -> None:
    saved = office.settings.save({Key.ASK_TIMEOUT: "20", Key.WITHHELD: "reject"})
    assert (saved.ask_timeout, office.settings.value(Key.WITHHELD)) == (20.0, "reject")
    with pytest.raises(Refusal) as refused:
        office.settings.save({Key.ASK_TIMEOUT: "30", Key.PORT: "99999"})
    assert refused.value.field == Key.PORT
    assert office.settings.get().ask_timeout == 20.0, "nothing of a refused change is saved"
    assert office.settings.set("port", " 9000 ") == "9000"


# --- Rules ---------------------------------------------------------------------------------------


def test_put_adds_or_moves_a_target_add_refuses_a_second(office: Office) -> None:
    first = office.rules.put(RuleDraft("03-3000-1234", Action.BLOCK, "sales"), NOW)
    assert (first.kind, first.target, first.action, first.note) == (
        RuleKind.NUMBER, "+81330001234", Action.BLOCK, "sales")
    moved = office.rules.put(RuleDraft("0330001234", Action.ALLOW), NOW)
    assert (moved.id, moved.action) == (first.id, Action.ALLOW)
    with pytest.raises(Refusal) as refused:
        office.rules.add(RuleDraft("+81 3-3000-1234", Action.BLOCK), NOW)
    assert refused.value.field == "target"
    assert wording.render(refused.value.message) == (
        "03-3000-1234 already has a rule (Always let through): edit that one instead.")
    assert [view.id for view in office.rules.all(NOW)] == [first.id]


def test_edit_keeps_the_expiry_unless_it_is_changed(office: Office) -> None:
    lasting = RuleDraft("0120*", Action.BLOCK, expiry=ExpiryKind.FOR, expiry_text="2h")
    rule = office.rules.put(lasting, NOW)
    assert rule.expires_at == NOW + timedelta(hours=2)
    later = NOW + timedelta(hours=1)
    kept = office.rules.edit(rule.id, RuleDraft("0120*", Action.BLOCK, "ads"), keep_expiry=True,
                             now=later)
    assert kept is not None and (kept.note, kept.expires_at) == ("ads", rule.expires_at)
    permanent = office.rules.edit(rule.id, RuleDraft("0120*", Action.BLOCK), now=later)
    assert permanent is not None and permanent.expires_at is None
    other = office.rules.put(RuleDraft("050*", Action.ALLOW), NOW)
    with pytest.raises(Refusal) as taken:
        office.rules.edit(other.id, RuleDraft("0120*", Action.ALLOW), now=later)
    assert wording.render(taken.value.message).startswith("0120* already has a rule (Block)")
    assert office.rules.remove(other.id) and not office.rules.remove(other.id)
    assert office.rules.edit(other.id, RuleDraft("050*", Action.ALLOW), now=later) is None


def test_a_target_is_removed_as_typed(office: Office) -> None:
    office.rules.put(RuleDraft("エーアイ化粧品", Action.ALLOW, is_name=True), NOW)
    removed = office.rules.remove_target("ｴｰｱｲ化粧品", is_name=True)
    assert removed is not None and removed.target == "エーアイ化粧品"
    assert office.rules.remove_target("エーアイ化粧品", is_name=True) is None


def test_an_import_is_all_or_nothing_with_the_reason_of_each_line(office: Office) -> None:
    refused = office.rules.import_csv(
        "number,action,kind\n0120*,block,\nabc,allow,\n0120*,allow,\n03-3000-1234,block,prefix\n",
        NOW)
    assert (refused.rows, refused.imported) == (4, 0)
    assert [line for line, _ in refused.refused] == [3, 4, 5]
    assert [wording.render(why) for _, why in refused.refused][1:] == [
        "the same prefix as line 2", "'03-3000-1234' is a number, not a prefix"]
    assert office.rules.all(NOW) == []
    done = office.rules.import_csv("number,action\n0120*,block\n050*,allow\n", NOW)
    assert (done.added, done.replaced, done.refused) == (2, 0, ())
    again = office.rules.import_csv("Number, Action \n0120*,allow\n", NOW)
    assert (again.added, again.replaced) == (0, 1)
    with pytest.raises(Refusal) as headless:
        office.rules.import_csv("0120*,block\n", NOW)
    assert "the header row must name the columns" in wording.render(headless.value.message)


# --- Mode and schedule ---------------------------------------------------------------------------


def test_the_mode_set_by_hand_is_an_override_while_the_schedule_is_on(office: Office) -> None:
    assert office.mode.set(Mode.REJECT_ALL, now=NOW).source is ModeSource.SETTING
    office.mode.set_schedule({Key.SCHEDULE_HOURS: "mon-fri 09:00-18:00",
                              Key.OPEN_MODE: "accept-all"}, turn_on=True)
    state = office.mode.state(NOW)
    assert (state.mode, state.source, state.office_open) == (Mode.ACCEPT_ALL,
                                                             ModeSource.SCHEDULE, True)
    held = office.mode.set(Mode.ASK, now=NOW)
    assert (held.mode, held.source) == (Mode.ASK, ModeSource.OVERRIDE)
    assert held.until == datetime(2026, 1, 6, 9, 0, tzinfo=UTC), "until the office closes"
    assert office.mode.resume_schedule(NOW).source is ModeSource.SCHEDULE
    assert office.mode.turn_schedule(False, NOW).source is ModeSource.SETTING
    with pytest.raises(Refusal) as refused:
        office.mode.set_schedule({Key.PORT: "9000"})
    assert refused.value.field == Key.PORT


# --- History -------------------------------------------------------------------------------------


def test_pages_counts_details_and_today_of_the_history(office: Office) -> None:
    office.settings.set(Key.TIME_ZONE, "Asia/Tokyo")
    accepted = Verdict(Decision.ACCEPT, Reason.MODE, Message.text("accept-all"))
    record(office, "yesterday", "0330001234", datetime(2026, 1, 5, 14, 0, tzinfo=UTC), accepted)
    record(office, "today", "", datetime(2026, 1, 5, 15, 30, tzinfo=UTC),  # 00:30 in Tokyo
           Verdict(Decision.REJECT, Reason.WITHHELD))
    page = office.history.page(HistoryQuery(limit=10))
    assert [row.call_id for row in page.rows] == ["today", "yesterday"]
    assert page.upto_id == office.history.newest_id()
    newest, oldest = page.rows
    assert (newest.caller_class, newest.detail) == (CallerClass.WITHHELD, Message.text(""))
    assert oldest.detail == Message.text("accept-all"), "words from before codes stay words"
    assert office.history.count(HistoryQuery(decision=Decision.REJECT)) == 1
    detail = office.history.detail(oldest.id)
    assert detail is not None and json.loads(detail.raw_body)["callId"] == "yesterday"
    assert office.history.detail(10_000) is None
    today = office.history.today(datetime(2026, 1, 5, 16, 0, tzinfo=UTC), limit=10)
    assert [row["call_id"] for row in today] == ["today"]


# --- The webhook's token and URLs ----------------------------------------------------------------


def test_the_token_is_made_once_and_rotated_with_a_grace_period(office: Office) -> None:
    token = office.webhook.token()
    assert office.webhook.token() == token == office.webhook.current()
    rotated = office.webhook.rotate(NOW)
    assert rotated.token != token and rotated.previous == token
    assert rotated.previous_until == NOW + timedelta(hours=24)
    assert office.webhook.state(NOW + timedelta(hours=25)).previous is None
    assert office.webhook.local_url("0.0.0.0", 8080) == (
        f"http://127.0.0.1:8080/hooks/commubo/{rotated.token}")
    assert office.webhook.public_url() is None
    office.settings.set(Key.PUBLIC_URL, "https://calls.example.com")
    assert office.webhook.public_url() == (
        f"https://calls.example.com/hooks/commubo/{rotated.token}")


def test_explain_reads_the_rules_and_settings_stored_now(office: Office) -> None:
    office.rules.put(RuleDraft("0120*", Action.BLOCK), NOW)
    assert office.explain("0120-123-456", at=NOW).decision == "reject"
    assert office.explain("03-3000-1234", at=NOW).decision == "accept"


def test_a_connection_held_elsewhere_is_an_office_too(db_path: Path) -> None:
    db = open_database(db_path)
    office = Office.over(db)
    assert office.db() is db and office.db_path == db_path
    office.settings.set(Key.MODE, "ask")
    assert Office(db_path).settings.get().mode is Mode.ASK
