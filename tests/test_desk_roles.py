"""What a desk may do by its role, and a desk that is away: through the console protocol
against the real listener (each message through its JSON form)."""

from __future__ import annotations

import threading
from pathlib import Path

from conftest import post, sample
from console_desk import Desk

from application import Office
from screening.desk import Connection, DeskRole
from screening.messages import Message
from screening.mode import Mode
from screening.policy import Decision
from screening.rule_draft import RuleDraft
from screening.rules import Action
from server.listener import Listener
from server.protocol import messages as protocol


def desk(listener: Listener, name: str, role: DeskRole = DeskRole.OPERATOR) -> Desk:
    attached = Desk(listener.link(desk=name, role=role, wire=True))
    attached.attached()
    return attached


def a_call(call_id: str) -> dict[str, object]:
    body = sample("seed_incoming_call.json")
    body["callId"] = call_id
    return body


def test_an_operator_decides_and_sets_the_mode_but_changes_nothing_else(
        listener: Listener) -> None:
    operator = desk(listener, "reception")
    assert operator.snapshots[0].desk == protocol.DeskState(name="reception",
                                                           role=DeskRole.OPERATOR)
    assert operator.done(protocol.SetMode(mode=Mode.REJECT_ALL)).mode is Mode.REJECT_ALL
    assert operator.done(protocol.ListRules()).rules == []
    for command in (protocol.AddRule(draft=RuleDraft("0330001234", Action.BLOCK)),
                    protocol.SaveSettings(changes={"ask-timeout": "20"}),
                    protocol.SetSchedule(changes={}, on=True), protocol.RotateToken(),
                    protocol.AddDesk(name="intruder"), protocol.RemoveDesk(name="reception")):
        refused = operator.ask(command)
        assert isinstance(refused, protocol.Refused), command
        assert refused.reason == Message("refusal.role.admin", ("reception",))


def test_an_admin_adds_lists_and_removes_desks(listener: Listener, db_path: Path) -> None:
    Office(db_path).settings.save({"desk-host": "127.0.0.1"})
    admin = desk(listener, "manager", DeskRole.ADMIN)
    added = admin.done(protocol.AddDesk(name="reception"))
    connection = Connection.parse(added.connection)
    assert (connection.host, connection.desk) == ("127.0.0.1", "reception")
    assert Office(db_path).desks.verify("reception", connection.secret) is DeskRole.OPERATOR
    taken = admin.ask(protocol.AddDesk(name="reception"))
    assert isinstance(taken, protocol.Refused) and taken.field == "name"
    listed = admin.done(protocol.ListDesks())
    assert [(info.name, info.role, info.attached) for info in listed.desks] == [
        ("reception", DeskRole.OPERATOR, False)]
    assert admin.done(protocol.RemoveDesk(name="reception")).removed
    assert admin.done(protocol.ListDesks()).desks == []
    again = admin.ask(protocol.RemoveDesk(name="reception"))
    assert again == protocol.Refused(reason=Message("refusal.desk.unknown", ("reception",)),
                                     field="name")


def test_ask_mode_asks_only_while_a_desk_is_present(listener: Listener, db_path: Path) -> None:
    Office(db_path).mode.set(Mode.ASK)
    url = listener.url(Office(db_path).webhook.token())
    reception, manager = desk(listener, "reception"), desk(listener, "manager")
    for attached, name in ((reception, "reception"), (manager, "manager")):
        state = attached.done(protocol.SetPresence(away=True))
        assert state == protocol.DeskState(name=name, role=DeskRole.OPERATOR, away=True)
    answer = post(url, a_call("all-away"))
    assert (answer.status, answer.body["reason"]) == (200, "timeout")  # at once, no wait
    row = Office(db_path).history.recent(1)[0]
    assert row["detail"] == Message("detail.timeout.away",
                                             (Message("decision.accept"),))

    again = Desk(listener.link(desk="manager", wire=True)).attached()
    assert again.desk is not None and again.desk.away  # away until it says it is back
    manager.done(protocol.SetPresence(away=False))
    Office(db_path).settings.save({"ask-timeout": "3"})
    reception.wait_for(protocol.ConfigChanged, lambda body: body.settings is not None)
    answers: list[object] = []
    threading.Thread(target=lambda: answers.append(
        post(url, a_call("one-present"))), daemon=True).start()
    waiting = reception.wait_for(protocol.CallWaiting)
    assert waiting.call.call_id == "one-present"
    resolved = reception.done(protocol.ResolveCall(call_id="one-present",
                                                   decision=Decision.REJECT))
    assert resolved.outcome == "decided"  # an away desk may still decide a call it sees
    reception.pump(lambda: answers)
