"""The console protocol against the real listener: what an attached console sees and may do.

Every link here carries each message through its JSON form, as a network would, and the desk
runs what arrives on the test's thread (tests/console_desk.py)."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import Answer, post, sample
from console_desk import Desk

from application import Office
from screening.messages import Message
from screening.mode import Mode, ModeSource
from screening.policy import Decision, Reason
from screening.rule_draft import RuleDraft
from screening.rules import Action
from server.listener import Listener
from server.protocol import messages as protocol
from server.selftest import Reachability

ROOT = Path(__file__).resolve().parents[1]


def url_of(listener: Listener, db_path: Path) -> str:
    return listener.url(Office(db_path).webhook.token())


def desk_of(listener: Listener, name: str = "reception") -> Desk:
    return Desk(listener.link(desk=name, wire=True))


def call(call_id: str, number: str = "0330001234") -> dict[str, object]:
    body = sample("seed_incoming_call.json")
    body["callId"], body["phoneNumber"] = call_id, number
    return body


def post_in_thread(url: str, body: dict[str, object]) -> list[Answer]:
    answers: list[Answer] = []
    threading.Thread(target=lambda: answers.append(post(url, body)), daemon=True).start()
    return answers


def test_a_console_attaches_to_a_snapshot_then_hears_each_call_in_order(
        listener: Listener, db_path: Path) -> None:
    desk = desk_of(listener)
    snapshot = desk.attached()
    assert snapshot.version == protocol.PROTOCOL_VERSION
    assert snapshot.mode.mode is Mode.ACCEPT_ALL and snapshot.mode.source is ModeSource.SETTING
    assert snapshot.listener.listening and snapshot.listener.port == listener.port
    assert snapshot.waiting == [] and snapshot.today == []

    assert post(url_of(listener, db_path), call("in-order-1")).status == 200
    decided = desk.wait_for(protocol.CallDecided)
    assert decided.call.call_id == "in-order-1" and decided.decision is Decision.ACCEPT
    assert decided.reason is Reason.MODE
    assert decided.call.customer is not None and decided.call.customer.name == "鈴木 スミス 一郎"
    assert decided.received_at.tzinfo is not None
    kinds = [type(event.body) for event in desk.events]
    assert kinds[:2] == [protocol.CallArrived, protocol.CallDecided]
    seqs = [event.seq for event in desk.events]
    assert seqs == list(range(snapshot.seq + 1, snapshot.seq + 1 + len(seqs)))


def test_a_waiting_call_has_an_instant_deadline_and_the_first_decision_wins(
        listener: Listener, db_path: Path) -> None:
    Office(db_path).mode.set(Mode.ASK)
    reception, manager = desk_of(listener, "reception"), desk_of(listener, "manager")
    reception.attached()
    manager.attached()
    answers = post_in_thread(url_of(listener, db_path), call("ask-1"))
    waiting = reception.wait_for(protocol.CallWaiting)
    assert waiting.call.call_id == "ask-1" and waiting.default is Decision.ACCEPT
    assert 8_000 <= waiting.ms_left <= 10_000
    left = waiting.deadline - datetime.now(UTC)
    assert timedelta(seconds=8) <= left <= timedelta(seconds=10)
    manager.wait_for(protocol.CallWaiting)

    first = reception.done(protocol.ResolveCall(call_id="ask-1", decision=Decision.REJECT))
    assert first.outcome == "decided"
    second = manager.done(protocol.ResolveCall(call_id="ask-1", decision=Decision.ACCEPT))
    assert second.outcome == "too-late" and second.decided_by == "reception"
    unknown = manager.done(protocol.ResolveCall(call_id="never", decision=Decision.ACCEPT))
    assert unknown.outcome == "unknown-call"

    for desk in (reception, manager):
        decided = desk.wait_for(protocol.CallDecided)
        assert decided.decision is Decision.REJECT and decided.reason is Reason.PERSON
        assert decided.decided_by == "reception"
    reception.pump(lambda: answers)
    assert answers[0].status == 403


def test_a_console_that_attaches_later_sees_the_waiting_call_with_its_time_left(
        listener: Listener, db_path: Path) -> None:
    post(url_of(listener, db_path), call("before", "0330009999"))
    Office(db_path).mode.set(Mode.ASK)
    first = desk_of(listener, "first")
    first.attached()
    answers = post_in_thread(url_of(listener, db_path), call("waits"))
    first.wait_for(protocol.CallWaiting, lambda body: body.call.call_id == "waits")

    later = desk_of(listener, "later").attached()
    assert [body.call.call_id for body in later.waiting] == ["waits"]
    assert 0 < later.waiting[0].ms_left < 10_000
    assert [body.call.call_id for body in later.today] == ["before"]
    first.done(protocol.ResolveCall(call_id="waits", decision=Decision.ACCEPT))
    first.pump(lambda: answers)


def test_a_change_made_elsewhere_reaches_the_console_within_a_second(
        listener: Listener, db_path: Path) -> None:
    desk = desk_of(listener)
    desk.attached()
    Office(db_path).mode.set(Mode.REJECT_ALL)  # another connection, as another program
    changed = desk.wait_for(protocol.ConfigChanged, timeout=1.5)
    assert changed.mode.mode is Mode.REJECT_ALL
    assert changed.settings is not None and changed.settings["mode"] == "reject-all"

    subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir",
                    str(db_path.parent), "block", "03-3000-1234"], check=True,
                   capture_output=True)
    ruled = desk.wait_for(protocol.ConfigChanged, lambda body: body.rules, timeout=1.5)
    assert ruled.settings is None


def test_commands_are_answered_with_results_or_refusals_with_a_reason(
        listener: Listener, db_path: Path) -> None:
    desk = desk_of(listener)
    desk.attached()
    state = desk.done(protocol.SetMode(mode=Mode.REJECT_ALL))
    assert isinstance(state, protocol.ModeState) and state.mode is Mode.REJECT_ALL

    rule = desk.done(protocol.AddRule(draft=RuleDraft("03-3000-1234", Action.BLOCK, "spam")))
    assert isinstance(rule, protocol.RuleView) and rule.target == "+81330001234"
    again = desk.ask(protocol.AddRule(draft=RuleDraft("0330001234", Action.ALLOW)))
    assert isinstance(again, protocol.Refused) and again.reason.code == "refusal.rule.taken"
    letters = desk.ask(protocol.AddRule(draft=RuleDraft("03-3000-12a4", Action.BLOCK)))
    assert isinstance(letters, protocol.Refused) and letters.field == "target"
    listed = desk.done(protocol.ListRules())
    assert [view.target for view in listed.rules] == ["+81330001234"]

    post(url_of(listener, db_path), call("blocked-1"))
    rows = desk.done(protocol.HistoryPage(query=protocol.HistoryQuery()))
    assert [row.call_id for row in rows.rows] == ["blocked-1"]
    assert rows.rows[0].reason is Reason.RULE
    count = desk.done(protocol.HistoryCount(query=protocol.HistoryQuery(text="鈴木")))
    assert count.count == 1
    record = desk.done(protocol.HistoryDetail(row_id=rows.rows[0].id))
    assert "blocked-1" in record.raw_body

    found = desk.done(protocol.Explain(number="03-3000-1234"))
    assert found.decision == "reject" and found.rule_id == rule.id and found.steps

    refused = desk.ask(protocol.SaveSettings(changes={"ask-timeout": "99"}))
    assert isinstance(refused, protocol.Refused) and refused.field == "ask-timeout"
    saved = desk.done(protocol.SaveSettings(changes={"ask-timeout": "20"}))
    assert saved.values["ask-timeout"] == "20"

    hours = desk.ask(protocol.SetSchedule(changes={"schedule-hours": "mon-fri 25:00-26:00"},
                                          on=True))
    assert isinstance(hours, protocol.Refused) and hours.field == "schedule-hours"
    scheduled = desk.done(protocol.SetSchedule(changes={"schedule-hours": "daily 0:00-24:00"},
                                               on=True))
    assert (scheduled.values["schedule"], scheduled.values["schedule-hours"]) == (
        "on", "mon-sun 00:00-24:00")
    turned = desk.wait_for(protocol.ConfigChanged,
                           lambda body: body.mode.source is ModeSource.SCHEDULE)
    assert turned.mode.office_open is True


def test_with_no_console_attached_ask_applies_the_default_at_once(
        listener: Listener, db_path: Path) -> None:
    Office(db_path).mode.set(Mode.ASK)
    desk = desk_of(listener)
    desk.attached()
    desk.close()
    answer = post(url_of(listener, db_path), call("nobody"))
    assert answer.status == 200 and answer.body["reason"] == "timeout"


def test_a_change_is_heard_as_an_event_before_its_answer_arrives(
        listener: Listener, db_path: Path) -> None:
    """So a console that acts on the answer already shows what the change made."""
    desk = desk_of(listener)
    desk.attached()
    for seconds in range(11, 17):  # a race would lose within a few rounds
        desk.done(protocol.SaveSettings(changes={"ask-timeout": str(seconds)}))
        changed = [body.settings for body in desk.bodies(protocol.ConfigChanged)]
        assert changed and changed[-1] is not None and changed[-1]["ask-timeout"] == str(seconds)
    desk.done(protocol.SetMode(mode=Mode.REJECT_ALL))
    assert desk.bodies(protocol.ConfigChanged)[-1].mode.mode is Mode.REJECT_ALL


def test_a_rule_made_from_a_call_keeps_a_note_someone_wrote(
        listener: Listener, db_path: Path) -> None:
    """"Block this caller" notes who called, unless the caller's rule already says more."""
    desk = desk_of(listener)
    desk.attached()
    made = desk.done(protocol.PutRule(draft=RuleDraft("03-3000-1234", Action.BLOCK, "鈴木"),
                                      keep_note=True))
    assert (made.action, made.note) == (Action.BLOCK, "鈴木")
    Office(db_path).rules.put(RuleDraft("0330001234", Action.BLOCK, "営業電話"))
    moved = desk.done(protocol.PutRule(draft=RuleDraft("0330001234", Action.ALLOW, "鈴木"),
                                       keep_note=True))
    assert (moved.action, moved.note) == (Action.ALLOW, "営業電話")
    replaced = desk.done(protocol.PutRule(draft=RuleDraft("0330001234", Action.BLOCK, "new")))
    assert replaced.note == "new", "without keep_note the draft's note is the note"


@pytest.mark.parametrize("installed", [True, False], ids=["installed", "missing"])
def test_a_console_learns_whether_a_quick_tunnel_can_be_started(
        listener: Listener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        installed: bool) -> None:
    """cloudflared on the listener's PATH is a fact of the listener's machine, not the
    console's: the setup offers the quick tunnel from what the service says."""
    programs = tmp_path / "bin"
    programs.mkdir()
    if installed:
        fake = programs / "cloudflared"
        fake.write_text("#!/bin/sh\n", encoding="utf-8")
        fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(programs))
    assert desk_of(listener).attached().listener.cloudflared is installed


def test_the_token_and_the_previous_one_during_its_grace(
        listener: Listener, db_path: Path) -> None:
    desk = desk_of(listener)
    desk.attached()
    first = desk.done(protocol.GetToken())
    assert first.token == Office(db_path).webhook.token() and first.previous is None
    rotated = desk.done(protocol.RotateToken())
    assert rotated.token != first.token and rotated.previous == first.token
    assert rotated.previous_until is not None and rotated.previous_until > datetime.now(UTC)
    assert desk.done(protocol.GetToken()) == rotated


def test_a_tunnel_that_came_back_elsewhere_is_told_with_the_address_commubo_still_uses(
        listener: Listener) -> None:
    desk = desk_of(listener)
    desk.attached()
    service = listener.console
    service.moved("https://old.example", "https://new.example")  # as the monitor reports it
    service.found(Reachability("reachable", None, None,
                               "https://new.example/hooks/commubo/token", "ngrok",
                               Message.text("ok")))
    heard = desk.wait_for(protocol.ReachabilityChanged)
    assert heard.moved_from == "https://old.example"
    assert heard.reach.public_base == "https://new.example"
    service.found(Reachability("reachable", None, None,
                               "https://new.example/hooks/commubo/token", "ngrok",
                               Message.text("ok")))
    later = desk.wait_for(protocol.ReachabilityChanged, lambda body: body is not heard)
    assert later.moved_from is None, "said once"
