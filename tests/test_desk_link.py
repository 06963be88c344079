"""Desks attached over the network to a real `python main.py serve`: protocol-only consoles
(tests/console_desk.py) each with its own NetworkLink, over TLS on loopback, exactly as a
console on another machine of the office would attach."""

from __future__ import annotations

import asyncio
import json
import socket
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Literal

import aiohttp
import pytest
from conftest import post
from console_desk import Desk
from desk_fakes import TcpRelay
from desk_service import Service, call, port_is_open, post_in_thread, running_service
from test_cli import usage_error, wait_for

from cli.console import attached
from screening.desk import DeskRole
from screening.messages import Message
from screening.mode import Mode
from screening.policy import Decision
from server.protocol import codec
from server.protocol import messages as protocol
from server.protocol.link import LinkState


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    yield from running_service(tmp_path)


def refused(desk: Desk) -> Message:
    desk.pump(lambda: LinkState.REFUSED in desk.states)
    problem = desk.link.problem
    assert problem is not None
    return problem


def test_two_desks_the_first_decision_wins_and_the_other_hears_who_decided(
        service: Service) -> None:
    reception, manager = service.add("reception"), service.add("manager", "admin")
    service.cli.ok("mode", "ask")
    service.start()
    first, second = service.attach(reception), service.attach(manager)
    assert first.snapshots[0].desk == protocol.DeskState(name="reception",
                                                         role=DeskRole.OPERATOR)
    assert second.snapshots[0].desk == protocol.DeskState(name="manager", role=DeskRole.ADMIN)
    wait_for(lambda: service.health()["desks"] == 2, 5)

    answers = post_in_thread(service.url, "together-1")
    for desk in (first, second):
        waiting = desk.wait_for(protocol.CallWaiting)
        assert waiting.call.call_id == "together-1" and 0 < waiting.ms_left <= 10_000
    assert first.done(protocol.ResolveCall(call_id="together-1",
                                           decision=Decision.REJECT)).outcome == "decided"
    late = second.done(protocol.ResolveCall(call_id="together-1", decision=Decision.ACCEPT))
    assert late.outcome == "too-late"
    for desk in (first, second):
        decided = desk.wait_for(protocol.CallDecided)
        assert (decided.decision, decided.decided_by) == (Decision.REJECT, "reception")
        seqs = [event.seq for event in desk.events]
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    first.pump(lambda: answers)
    assert answers[0].status == 403
    (row,) = service.cli.history()
    assert (row["reason"], row["decided_by"]) == ("person", "reception")
    listed = json.loads(service.cli.ok("desk", "list", "--json"))
    assert [(desk["name"], desk["attached"]) for desk in listed] == [("manager", True),
                                                                    ("reception", True)]
    assert all(desk["last_seen"] for desk in listed)
    log = service.output()
    assert "desk reception attached from 127.0.0.1 (operator)" in log
    assert "desk manager attached from 127.0.0.1 (admin)" in log


def test_a_desk_attaches_again_by_itself_after_the_service_restarts(service: Service) -> None:
    reception = service.add("reception")
    service.start()
    desk = service.attach(reception)
    before = desk.snapshots[-1]
    service.kill()
    desk.pump(lambda: desk.states[-1] is LinkState.LOST)
    assert desk.link.problem is not None and desk.link.problem.code.startswith("link.")
    failed = desk.ask(protocol.SetMode(mode=Mode.ASK))  # nothing to send it to
    assert failed == protocol.Failed(message=Message("failed.not_attached"))

    service.cli.ok("mode", "ask")  # changed while the desk could not hear it
    service.start()
    desk.pump(lambda: len(desk.snapshots) == 2 and desk.states[-1] is LinkState.ATTACHED,
              timeout=20)
    again = desk.snapshots[-1]
    assert again.service_id != before.service_id and again.mode.mode is Mode.ASK
    assert desk.states[-1] is LinkState.ATTACHED and desk.link.problem is None
    answers = post_in_thread(service.url, "after-restart")
    desk.wait_for(protocol.CallWaiting, lambda body: body.call.call_id == "after-restart")
    desk.done(protocol.ResolveCall(call_id="after-restart", decision=Decision.ACCEPT))
    desk.pump(lambda: answers)
    assert answers[0].status == 200


def test_a_desk_cut_off_while_a_call_waits_is_current_again_with_its_time_left(
        service: Service) -> None:
    reception = service.add("reception")
    service.cli.ok("mode", "ask")
    service.cli.ok("config", "ask-timeout", "30")
    service.start()
    relay = TcpRelay(service.desk_port)
    relay.start()
    try:
        desk = service.attach(replace(reception, port=relay.port))
        answers = post_in_thread(service.url, "waits-through")
        first = desk.wait_for(protocol.CallWaiting)
        relay.cut()  # the laptop sleeps
        desk.pump(lambda: desk.states[-1] is LinkState.LOST)
        desk.pump(lambda: len(desk.snapshots) == 2, timeout=20)  # and wakes
        (waiting,) = desk.snapshots[-1].waiting
        assert waiting.call.call_id == "waits-through"
        assert waiting.deadline == first.deadline and 0 < waiting.ms_left < first.ms_left
        resolved = desk.done(protocol.ResolveCall(call_id="waits-through",
                                                  decision=Decision.REJECT))
        assert resolved.outcome == "decided"
        desk.pump(lambda: answers)
        assert answers[0].status == 403
    finally:
        relay.stop()


def test_a_request_whose_answer_is_lost_with_the_connection_fails(service: Service,
                                                                  tmp_path: Path) -> None:
    reception = service.add("reception")
    service.start()
    relay = TcpRelay(service.desk_port)
    relay.start()
    lock = sqlite3.connect(service.cli.data_dir / "callgate.db", isolation_level=None)
    try:
        desk = service.attach(replace(reception, port=relay.port))
        lock.execute("BEGIN IMMEDIATE")  # the mode change waits for the lock...
        results: list[protocol.Result] = []
        desk.link.request(protocol.SetMode(mode=Mode.REJECT_ALL), results.append)
        relay.cut()  # ...and its answer is lost with the connection
        desk.pump(lambda: results, timeout=5)
        assert results == [protocol.Failed(message=Message("failed.link_lost"))]
    finally:
        lock.close()
        relay.stop()


def test_a_wrong_secret_is_refused_with_the_reason_and_counted(service: Service) -> None:
    reception = service.add("reception")
    service.start()
    wrong = replace(reception, secret="A" * 43)
    reason = refused(service.open(wrong))
    assert reason == Message("denied.secret", ("reception",))
    assert service.health()["desks_refused"] == {"secret": 1}
    unknown = refused(service.open(replace(reception, desk="manager")))
    assert unknown == Message("denied.unknown", ("manager",))
    assert service.health()["desks_refused"] == {"secret": 1, "unknown": 1}
    log = service.output()
    assert "refused desk 'reception' from 127.0.0.1: The service refused the desk reception: " \
           "its secret is wrong" in log
    assert "(2 refused since start)" in log
    assert reception.secret not in log and wrong.secret not in log
    kept = (service.cli.data_dir / "logs" / "serve.log").read_text(encoding="utf-8")
    assert "(2 refused since start)" in kept and reception.secret not in kept


def test_a_wrong_fingerprint_is_refused_before_anything_is_sent(service: Service) -> None:
    reception = service.add("reception")
    service.start()
    impostor = replace(reception, fingerprint=bytes(32))
    reason = refused(service.open(impostor))
    assert reason.code == "link.fingerprint"
    assert reason.args[2] == "sha256:" + "00" * 32
    assert reason.args[1] == "sha256:" + reception.fingerprint.hex()
    wait_for(lambda: service.health()["desks_refused"] == {"fingerprint": 1}, 5)
    assert service.health()["desks_refused"] == {"fingerprint": 1}
    assert "refused a connection from 127.0.0.1" in service.output()


def test_a_removed_desk_is_sent_away_at_once_and_cannot_attach_again(service: Service) -> None:
    reception, manager = service.add("reception"), service.add("manager")
    service.start()
    gone, staying = service.attach(reception), service.attach(manager)
    service.cli.ok("desk", "remove", "reception")
    assert refused(gone) == Message("denied.removed", ("reception",))
    assert refused(service.open(reception)) == Message("denied.unknown", ("reception",))
    wait_for(lambda: service.health()["desks"] == 1, 5)
    assert staying.states[-1] is LinkState.ATTACHED
    assert staying.done(protocol.ListRules()) == protocol.RuleList(rules=[])

    service.cli.ok("desk", "remove", "manager")  # the last desk: the port goes
    assert refused(staying) == Message("denied.removed", ("manager",))
    assert wait_for(lambda: not port_is_open(service.desk_port), 5)


def test_the_desk_port_is_bound_only_while_a_desk_is_registered(service: Service) -> None:
    service.start()
    assert not port_is_open(service.desk_port)
    reception = service.add("reception")  # by another process, while serve runs
    assert wait_for(lambda: port_is_open(service.desk_port), 5)
    service.attach(reception)
    assert "listening for desks on 127.0.0.1:" in service.output()


def test_away_desks_and_no_desk_present_mean_the_default_at_once(service: Service) -> None:
    reception, manager = service.add("reception"), service.add("manager")
    service.cli.ok("mode", "ask")
    service.start()
    nobody = post(service.url, call("nobody-attached"))  # desks registered, none attached
    assert (nobody.status, nobody.body["reason"]) == (200, "timeout")
    desks = [service.attach(reception), service.attach(manager)]
    for desk in desks:
        assert desk.done(protocol.SetPresence(away=True)).away
    away = post(service.url, call("all-away"))
    assert (away.status, away.body["reason"]) == (200, "timeout")
    details = {row["call_id"]: row["detail_code"] for row in service.cli.history()}
    assert details == {"nobody-attached": "detail.timeout.no_console",
                       "all-away": "detail.timeout.away"}

    assert not desks[1].done(protocol.SetPresence(away=False)).away
    answers = post_in_thread(service.url, "one-back")
    desks[0].wait_for(protocol.CallWaiting)  # the away desk still sees it, and may decide
    desks[0].done(protocol.ResolveCall(call_id="one-back", decision=Decision.REJECT))
    desks[0].pump(lambda: answers)
    assert answers[0].status == 403


@pytest.mark.parametrize(("version", "side"), [(protocol.PROTOCOL_VERSION + 1, "service"),
                                               (protocol.PROTOCOL_VERSION - 1, "desk")])
def test_another_protocol_version_is_told_which_side_to_update(
        service: Service, version: int, side: Literal["desk", "service"]) -> None:
    reception = service.add("reception")
    service.start()
    assert wait_for(lambda: port_is_open(service.desk_port), 5)

    async def forged() -> protocol.Envelope:
        async with aiohttp.ClientSession() as session, session.ws_connect(
                reception.url, ssl=aiohttp.Fingerprint(reception.fingerprint)) as ws:
            await ws.send_str(json.dumps({"type": "Hello", "version": version,
                                          "desk": "reception", "secret": reception.secret,
                                          "from_the_future": [1, 2, 3]}))
            return codec.decode((await ws.receive()).data)

    denied = asyncio.run(forged())
    assert denied == protocol.Denied(
        reason=Message(f"denied.version.{side}", (version, protocol.PROTOCOL_VERSION)),
        update=side)
    assert service.health()["desks_refused"] == {"version": 1}


def test_connect_takes_the_string_desk_add_prints(service: Service) -> None:
    printed = service.cli.ok("desk", "add", "reception").splitlines()[-1]
    service.start()
    remote = attached(f"  {printed}\n")  # as pasted
    assert remote.home.name == f"reception@127.0.0.1-{service.desk_port}"
    desk = Desk(remote.link())
    service.desks.append(desk)
    assert desk.attached().desk == protocol.DeskState(name="reception", role=DeskRole.OPERATOR)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_connect_refuses_a_malformed_string_in_one_line(service: Service, how: str) -> None:
    cut = str(service.add("reception"))[:-20]  # copied short
    if how == "option":
        result = service.cli.run("--connect", cut)
    else:
        result = service.cli.run(env=service.cli.env(CALLGATE_CONNECT=cut))
    line = usage_error(result)
    assert line == ("callgate: error: --connect: the connection string has no "
                    "fingerprint=sha256:... of 64 hex digits (or it was cut short when copied)")
    assert cut.split("secret=")[1][:20] not in result.stderr


def test_a_desk_port_in_use_is_said_and_taken_once_it_is_free(service: Service) -> None:
    reception = service.add("reception")
    squatter = socket.socket()
    squatter.bind(("127.0.0.1", service.desk_port))
    squatter.listen()
    try:
        service.start()
        assert wait_for(lambda: "cannot listen for desks on 127.0.0.1:" in service.output(), 5)
        assert service.health()["status"] == "ok"  # calls are taken meanwhile
    finally:
        squatter.close()
    desk = service.open(reception)  # the service tries again in a second or two, not 10
    desk.pump(lambda: desk.snapshots, timeout=8)
    assert service.output().count("cannot listen for desks") == 1  # said once, not each try
