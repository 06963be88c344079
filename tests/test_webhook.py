"""The webhook end to end: real HTTP on loopback, the real listener, the real SQLite file.

Every test talks to the listener the way commubo does (a POST with a JSON body) and then
checks what a user would notice: the status commubo acts on, the small JSON answer, and the
history row that `python main.py history` would show.  Rules and settings are changed through
a separate connection, the way the command line does it while the listener runs.
"""

from __future__ import annotations

import http.client
import json
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES, EventLog, Running, encode_body, post, sample
from recorded import health, history

from application import Office
from screening.phone import parse_rule_number
from screening.policy import Decision
from screening.rules import Action, Rule
from server.events import CallArrived, CallDecided, CallWaiting, ListenerEvent
from server.listener import Listener, ListenerError
from server.webhook import MAX_BODY
from storage.database import open_database
from storage.rules import RuleBook

NUMBER = "0330001234"
CANONICAL = "+81330001234"
ACCEPT_MODE = {"decision": "accept", "reason": "mode"}
REJECT_MODE = {"decision": "reject", "reason": "mode"}


# --------------------------------------------------------------------------------------------
# Helpers: raw HTTP (no redirect following, no default content type), history, settings
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any
    headers: dict[str, str]
    raw: bytes


def send(
    running: Running,
    path: str,
    body: bytes | dict[str, Any] | str,
    content_type: str | None = "application/json",
    method: str = "POST",
    timeout: float = 30.0,
) -> Reply:
    """One request through http.client: it never follows redirects and adds no content type."""
    data = encode_body(body)
    headers = {} if content_type is None else {"Content-Type": content_type}
    connection = http.client.HTTPConnection("127.0.0.1", running.listener.port, timeout=timeout)
    try:
        connection.request(method, path, body=data if method == "POST" else None, headers=headers)
        response = connection.getresponse()
        raw = response.read()
        try:
            decoded: Any = json.loads(raw)
        except ValueError:
            decoded = None
        return Reply(response.status, decoded, {k.lower(): v for k, v in response.getheaders()},
                     raw)
    finally:
        connection.close()


def hook(running: Running) -> str:
    """The webhook path with the right token."""
    return f"/hooks/commubo/{running.token}"


def fresh_id() -> str:
    """A commubo-like call id (16 digits) that no other test uses."""
    return f"{uuid.uuid4().int % 10**16:016d}"


def call_body(
    call_id: str | None = None, number: str | None = NUMBER, **extra: Any
) -> dict[str, Any]:
    """The reference example with a fresh call id; `number=None` leaves out phoneNumber."""
    body = sample("seed_incoming_call.json")
    body["callId"] = call_id or fresh_id()
    if number is None:
        del body["phoneNumber"]
    else:
        body["phoneNumber"] = number
    body.update(extra)
    return body


def row_of(db_path: Path, call_id: str) -> dict[str, Any]:
    rows = [row for row in history(db_path) if row["call_id"] == call_id]
    assert len(rows) == 1, f"expected one history row for {call_id}, found {len(rows)}"
    return rows[0]


def rule_rows(db_path: Path) -> dict[int, dict[str, Any]]:
    db = open_database(db_path)
    try:
        return {row["id"]: row for row in RuleBook(db).rows()}
    finally:
        db.close()


def configure(db_path: Path, values: dict[str, str]) -> None:
    """Like `python main.py config KEY VALUE` (or `mode ...`) while the listener runs."""
    db = open_database(db_path)
    try:
        settings = Office.over(db)
        for key, value in values.items():
            settings.settings.set(key, value)
    finally:
        db.close()


def add_rule(db_path: Path, number: str, action: Action) -> Rule:
    """Like `python main.py block|allow NUMBER` while the listener runs."""
    db = open_database(db_path)
    try:
        return RuleBook(db).put(parse_rule_number(number), action)
    finally:
        db.close()


def remove_rule(db_path: Path, number: str) -> None:
    """Like `python main.py unlist NUMBER`."""
    db = open_database(db_path)
    try:
        assert RuleBook(db).remove(parse_rule_number(number))
    finally:
        db.close()


def wait_until(condition: Callable[[], bool], timeout: float = 5.0, what: str = "") -> None:
    """Poll with a small deadline instead of sleeping blindly."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what or condition}")
        time.sleep(0.01)


def events_for(running: Running, kind: type, call_id: str) -> list[Any]:
    return [event for event in running.events.of(kind) if event.call.call_id == call_id]


def wait_for_waiting(running: Running, call_id: str) -> None:
    """Until the call waits for a person (the listener reported CallWaiting)."""
    wait_until(lambda: bool(events_for(running, CallWaiting, call_id)),
               what=f"call {call_id} to wait for a person")


@contextmanager
def in_background() -> Iterator[ThreadPoolExecutor]:
    """Threads to hold requests open while the test thread acts like the console."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        yield pool


def post_later(pool: ThreadPoolExecutor, running: Running, body: dict[str, Any]) -> Future[Reply]:
    return pool.submit(send, running, hook(running), body)


# --------------------------------------------------------------------------------------------
# commubo's sample bodies and lenient parsing
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "call_id", "caller", "customer_name"),
    [
        ("seed_incoming_call.json", "1234567890123456", CANONICAL, "鈴木 スミス 一郎"),
        ("numeric_types.json", "1234567890123458", CANONICAL, "鈴木 スミス 一郎"),
        ("unknown_caller_no_customer.json", "1234567890123457", "+81120123456", ""),
    ],
)
def test_sample_body_is_accepted_and_recorded_verbatim(
    running: Running, filename: str, call_id: str, caller: str, customer_name: str
) -> None:
    raw = (SAMPLES / filename).read_bytes()

    reply = send(running, hook(running), raw)

    assert reply.status == 200
    assert reply.body == ACCEPT_MODE
    rows = history(running.db_path)
    assert len(rows) == 1
    row = rows[0]
    assert row["call_id"] == call_id
    assert row["raw_body"] == raw.decode("utf-8")
    assert row["phone_number"] == json.loads(raw)["phoneNumber"]
    assert row["caller"] == caller
    assert (row["customer_name"] or "") == customer_name
    assert row["operator_name"] == "AIオペレータのコミュボ"
    assert row["call_type"] == "0"
    assert (row["decision"], row["reason"]) == ("accept", "mode")
    assert row["rule_id"] is None
    assert row["latency_ms"] >= 0
    assert datetime.fromisoformat(row["received_at"]).utcoffset() is not None
    # String and integer forms of callType / operatorVoiceId read the same.
    [arrived] = running.events.of(CallArrived)
    assert arrived.call.call_type == "0"
    assert arrived.call.operator.voice_id == "123"


def test_sample_callers_are_normalised_for_lookup(running: Running) -> None:
    """Rows from the domestic-form sample can be found by the canonical number."""
    send(running, hook(running), (SAMPLES / "seed_incoming_call.json").read_bytes())
    db = open_database(running.db_path)
    try:
        found = list(db.query("SELECT call_id FROM calls WHERE caller = ?", [CANONICAL]))
    finally:
        db.close()
    assert found == [{"call_id": "1234567890123456"}]


def test_misspelt_operator_voice_id_is_accepted(running: Running) -> None:
    body = call_body()
    del body["operator"]["operatorVoiceId"]
    body["operator"]["operatorVocieId"] = 77

    reply = send(running, hook(running), body)

    assert reply.status == 200
    assert reply.body == ACCEPT_MODE
    [arrived] = events_for(running, CallArrived, body["callId"])
    assert arrived.call.operator.voice_id == "77"
    row = row_of(running.db_path, body["callId"])
    assert "operatorVocieId" in row["raw_body"]
    assert row["operator_name"] == "AIオペレータのコミュボ"


def test_unknown_fields_are_kept(running: Running) -> None:
    body = call_body(ringDuration=3, newThing={"nested": ["値", 1, None]})
    body["customer"]["favouriteColour"] = "青"
    body["operator"]["mood"] = "cheerful"

    reply = send(running, hook(running), body)

    assert reply.status == 200
    assert reply.body == ACCEPT_MODE
    row = row_of(running.db_path, body["callId"])
    assert json.loads(row["raw_body"]) == body
    assert row["customer_name"] == "鈴木 スミス 一郎"
    [arrived] = events_for(running, CallArrived, body["callId"])
    assert arrived.call.extra["newThing"] == {"nested": ["値", 1, None]}
    assert arrived.call.extra["ringDuration"] == 3


WITHHELD = pytest.mark.parametrize(
    "number", ["", None, "非通知", "anonymous"], ids=["empty", "missing", "hitsuchi", "anonymous"]
)


@WITHHELD
def test_withheld_caller_is_not_an_error(running: Running, number: str | None) -> None:
    body = call_body(number=number)

    reply = send(running, hook(running), body)

    assert reply.status == 200
    assert reply.body == ACCEPT_MODE
    row = row_of(running.db_path, body["callId"])
    assert row["caller"] is None
    assert (row["phone_number"] or "") == (number or "")
    assert row["customer_name"] == "鈴木 スミス 一郎"
    assert json.loads(row["raw_body"]) == body


@WITHHELD
def test_withheld_setting_reject_refuses_only_withheld_callers(
    running: Running, number: str | None
) -> None:
    configure(running.db_path, {"withheld": "reject"})
    withheld = call_body(number=number)
    shown = call_body(number=NUMBER)

    refused = send(running, hook(running), withheld)
    let_through = send(running, hook(running), shown)

    assert refused.status == 403
    assert refused.body == {"decision": "reject", "reason": "withheld"}
    row = row_of(running.db_path, withheld["callId"])
    assert (row["decision"], row["reason"], row["caller"]) == ("reject", "withheld", None)
    assert let_through.status == 200
    assert let_through.body == ACCEPT_MODE


# --------------------------------------------------------------------------------------------
# Token, path, no redirects
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make_path",
    [
        lambda token: "/hooks/commubo/not-the-token",
        lambda token: "/hooks/commubo",
        lambda token: "/hooks/commubo/",
        lambda token: f"/hooks/commubo/{token}/",
        lambda token: f"/hooks/commubo/{token}x",
        lambda token: f"/hooks/commubo/{token[:-1]}",
        lambda token: f"/hooks/commubo/{token.upper()}",
    ],
    ids=["wrong", "missing", "missing-slash", "trailing-slash", "longer", "shorter", "case"],
)
def test_wrong_or_missing_token_is_404_and_only_counted(
    running: Running, make_path: Callable[[str], str]
) -> None:
    path = make_path(running.token)
    assert path != hook(running)
    refused_before = health(running.base)["refused_requests"]

    reply = send(running, path, call_body())

    assert reply.status == 404
    assert "location" not in reply.headers
    assert history(running.db_path) == []
    assert health(running.base)["refused_requests"] == refused_before + 1
    assert running.events.of(CallArrived) == []
    assert running.events.of(CallDecided) == []
    # The right URL still works afterwards.
    assert send(running, hook(running), call_body()).status == 200


def test_refused_counter_counts_every_refused_request(running: Running) -> None:
    for _ in range(3):
        assert send(running, "/hooks/commubo/nope", call_body()).status == 404
    assert health(running.base)["refused_requests"] == 3
    db = open_database(running.db_path)
    try:
        assert db.execute("SELECT count(*) FROM calls").fetchone()[0] == 0
    finally:
        db.close()


@pytest.mark.parametrize(
    "make_path",
    [
        lambda token: f"//hooks//commubo/{token}",
        lambda token: f"/hooks//commubo/{token}",
        lambda token: f"/hooks/commubo//{token}",
        lambda token: f"/hooks/commubo/{token}/",
        lambda token: f"/hooks/./commubo/{token}",
        lambda token: f"/hooks/x/../commubo/{token}",
        lambda token: f"/HOOKS/commubo/{token}",
        lambda token: "/hooks/commubo",
    ],
    ids=["double-slashes", "inner-double", "before-token", "trailing", "dot", "dotdot",
         "upper", "no-token"],
)
def test_webhook_never_redirects(running: Running, make_path: Callable[[str], str]) -> None:
    """For commubo a redirect is a reject: a near-miss path is a plain 404, never a 3xx."""
    reply = send(running, make_path(running.token), call_body())

    assert not 300 <= reply.status < 400, f"redirected to {reply.headers.get('location')}"
    assert "location" not in reply.headers
    assert reply.status == 404
    assert history(running.db_path) == []


def test_query_string_does_not_change_the_token(running: Running) -> None:
    reply = send(running, hook(running) + "?from=commubo", call_body())
    assert reply.status == 200
    assert reply.body == ACCEPT_MODE


# --------------------------------------------------------------------------------------------
# Bodies that are not a JSON object: fail-safe, never 5xx
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["this is not json", '{"callId": "12", ', "[1, 2, 3]", "null", '"a string"', "42", ""],
    ids=["text", "truncated", "array", "null", "string", "number", "empty"],
)
def test_body_that_is_not_a_json_object_gets_the_failsafe(running: Running, raw: str) -> None:
    reply = send(running, hook(running), raw)

    assert reply.status == 200
    assert reply.body == {"decision": "accept", "reason": "failsafe"}
    [row] = history(running.db_path)
    assert row["raw_body"] == raw
    assert (row["decision"], row["reason"]) == ("accept", "failsafe")
    [decided] = running.events.of(CallDecided)
    assert decided.verdict.reason == "failsafe"


@pytest.mark.parametrize("raw", ["this is not json", "[]", "null"])
def test_failsafe_reject_is_honoured(running: Running, raw: str) -> None:
    configure(running.db_path, {"failsafe": "reject"})

    reply = send(running, hook(running), raw)

    assert reply.status == 403
    assert reply.body == {"decision": "reject", "reason": "failsafe"}
    [row] = history(running.db_path)
    assert (row["decision"], row["reason"], row["raw_body"]) == ("reject", "failsafe", raw)


def test_failsafe_does_not_leak_into_good_calls(running: Running) -> None:
    configure(running.db_path, {"failsafe": "reject"})
    assert send(running, hook(running), "garbage").status == 403
    reply = send(running, hook(running), call_body())
    assert reply.status == 200
    assert reply.body == ACCEPT_MODE


@pytest.mark.parametrize(
    "raw", ["[" * 20_000, '{"a": ' * 10_000], ids=["arrays", "objects"]
)
def test_deeply_nested_json_gets_the_failsafe_not_a_5xx(running: Running, raw: str) -> None:
    """A small body (under 64 KiB) that the JSON decoder cannot nest that deep."""
    assert len(raw.encode()) < MAX_BODY

    reply = send(running, hook(running), raw)

    assert reply.status < 500, "a 5xx makes commubo reject the call"
    assert reply.status == 200
    assert reply.body == {"decision": "accept", "reason": "failsafe"}
    [row] = history(running.db_path)
    assert row["reason"] == "failsafe"


# --------------------------------------------------------------------------------------------
# Size and content type
# --------------------------------------------------------------------------------------------


def padded(size: int) -> bytes:
    """A valid call body padded with JSON whitespace to exactly `size` bytes."""
    body = json.dumps(call_body(), ensure_ascii=False).encode()
    assert len(body) <= size
    return body + b" " * (size - len(body))


def test_body_over_64_kib_is_413(running: Running) -> None:
    reply = send(running, hook(running), padded(MAX_BODY + 1))
    assert reply.status == 413
    assert not any(row["decision"] == "accept" for row in history(running.db_path))


def test_much_larger_body_is_413_not_a_dropped_connection(running: Running) -> None:
    reply = send(running, hook(running), padded(2 * 1024 * 1024))
    assert reply.status == 413


def test_a_stop_just_after_a_much_larger_body_does_not_wait_10_s(db_path: Path) -> None:
    """The refused body is still read a little while (so that its client reads the 413, not
    a reset connection), and quitting the console or stopping `serve` then waits that little
    while, not aiohttp's 10 s. Now and then the stop comes after it: two tries, each on a
    listener of its own."""
    token = Office(db_path).webhook.token()
    for _ in range(2):
        listener = Listener(db_path, "127.0.0.1", 0, watch_reachability=False)
        listener.start()
        try:
            running = Running(listener, db_path, token, EventLog())
            assert send(running, hook(running), padded(2 * 1024 * 1024)).status == 413
        finally:
            asked = time.monotonic()
            listener.stop()
        took = time.monotonic() - asked
        assert took < 5, f"the stop took {took:.1f} s"


def test_body_of_exactly_64_kib_is_taken(running: Running) -> None:
    body = padded(MAX_BODY)
    assert MAX_BODY == 64 * 1024

    reply = send(running, hook(running), body)

    assert reply.status == 200
    assert reply.body == ACCEPT_MODE
    [row] = history(running.db_path)
    assert row["raw_body"] == body.decode()
    assert row["caller"] == CANONICAL


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
     "text/json"],
)
def test_content_type_other_than_json_is_415(running: Running, content_type: str) -> None:
    reply = send(running, hook(running), call_body(), content_type=content_type)
    assert reply.status == 415
    assert not any(row["decision"] == "accept" for row in history(running.db_path))


@pytest.mark.parametrize(
    "content_type",
    [None, "application/json", "application/json; charset=utf-8", "Application/JSON"],
    ids=["missing", "plain", "charset", "capitals"],
)
def test_json_or_missing_content_type_is_taken_normally(
    running: Running, content_type: str | None
) -> None:
    body = call_body()

    reply = send(running, hook(running), body, content_type=content_type)

    assert reply.status == 200
    assert reply.body == ACCEPT_MODE
    row = row_of(running.db_path, body["callId"])
    assert row["caller"] == CANONICAL
    assert row["customer_name"] == "鈴木 スミス 一郎"


# --------------------------------------------------------------------------------------------
# The answer
# --------------------------------------------------------------------------------------------


def test_answer_is_small_json_with_decision_and_reason(running: Running) -> None:
    accepted = send(running, hook(running), call_body())
    configure(running.db_path, {"mode": "reject-all"})
    rejected = send(running, hook(running), call_body())

    for reply, status, decision in ((accepted, 200, "accept"), (rejected, 403, "reject")):
        assert reply.status == status
        assert reply.headers["content-type"].startswith("application/json")
        assert reply.body == {"decision": decision, "reason": "mode"}
        assert len(reply.raw) < 200


def test_conftest_post_helper_sees_the_same_answers(running: Running) -> None:
    """urllib (which follows redirects and raises on 4xx) reads the same decisions."""
    assert post(running.url, call_body()).body == ACCEPT_MODE
    configure(running.db_path, {"mode": "reject-all"})
    answer = post(running.url, call_body())
    assert (answer.status, answer.body) == (403, REJECT_MODE)


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sent", ["0330001234", "+81330001234"])
def test_block_rule_matches_every_form_of_the_number(running: Running, sent: str) -> None:
    rule = add_rule(running.db_path, "03-3000-1234", Action.BLOCK)
    body = call_body(number=sent)

    reply = send(running, hook(running), body)

    assert reply.status == 403
    assert reply.body == {"decision": "reject", "reason": "rule"}
    row = row_of(running.db_path, body["callId"])
    assert (row["decision"], row["reason"], row["rule_id"]) == ("reject", "rule", rule.id)
    assert row["phone_number"] == sent
    assert row["caller"] == CANONICAL
    stored = rule_rows(running.db_path)[rule.id]
    assert stored["times_matched"] == 1
    assert stored["last_matched_at"] == row["received_at"]


def test_block_rule_counts_each_match_and_spares_other_numbers(running: Running) -> None:
    rule = add_rule(running.db_path, "03-3000-1234", Action.BLOCK)

    first = send(running, hook(running), call_body(number="0330001234"))
    other = send(running, hook(running), call_body(number="0330009999"))
    second = send(running, hook(running), call_body(number="+81330001234"))

    assert (first.status, second.status) == (403, 403)
    assert other.status == 200
    assert other.body == ACCEPT_MODE
    assert rule_rows(running.db_path)[rule.id]["times_matched"] == 2


@pytest.mark.parametrize("mode", ["accept-all", "ask"])
def test_block_rule_rejects_in_every_mode(running: Running, mode: str) -> None:
    configure(running.db_path, {"mode": mode})
    add_rule(running.db_path, NUMBER, Action.BLOCK)
    running.listener.set_people(1)  # even with a console open, a blocked caller is not asked

    started = time.monotonic()
    reply = send(running, hook(running), call_body())

    assert time.monotonic() - started < 2
    assert reply.status == 403
    assert reply.body == {"decision": "reject", "reason": "rule"}
    assert running.events.of(CallWaiting) == []


def test_allow_rule_rings_through_reject_all(running: Running) -> None:
    configure(running.db_path, {"mode": "reject-all"})
    rule = add_rule(running.db_path, "03-3000-1234", Action.ALLOW)
    allowed = call_body(number="0330001234")
    stranger = call_body(number="0330009999")

    let_through = send(running, hook(running), allowed)
    refused = send(running, hook(running), stranger)

    assert let_through.status == 200
    assert let_through.body == {"decision": "accept", "reason": "rule"}
    assert row_of(running.db_path, allowed["callId"])["rule_id"] == rule.id
    assert refused.status == 403
    assert refused.body == REJECT_MODE
    assert row_of(running.db_path, stranger["callId"])["rule_id"] is None
    assert rule_rows(running.db_path)[rule.id]["times_matched"] == 1


def test_allow_rule_rings_through_ask_without_asking(running: Running) -> None:
    configure(running.db_path, {"mode": "ask", "ask-default": "reject"})
    add_rule(running.db_path, NUMBER, Action.ALLOW)
    running.listener.set_people(1)

    reply = send(running, hook(running), call_body())

    assert reply.status == 200
    assert reply.body == {"decision": "accept", "reason": "rule"}
    assert running.events.of(CallWaiting) == []


# --------------------------------------------------------------------------------------------
# Modes
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "status", "decision"), [("accept-all", 200, "accept"), ("reject-all", 403, "reject")]
)
def test_fixed_modes(running: Running, mode: str, status: int, decision: str) -> None:
    configure(running.db_path, {"mode": mode})
    body = call_body()

    reply = send(running, hook(running), body)

    assert reply.status == status
    assert reply.body == {"decision": decision, "reason": "mode"}
    row = row_of(running.db_path, body["callId"])
    assert (row["decision"], row["reason"]) == (decision, "mode")


@pytest.mark.parametrize(("default", "status"), [("accept", 200), ("reject", 403)])
def test_ask_with_nobody_to_ask_applies_the_default_at_once(
    running: Running, default: str, status: int
) -> None:
    configure(running.db_path, {"mode": "ask", "ask-timeout": "60", "ask-default": default})
    body = call_body()

    started = time.monotonic()
    reply = send(running, hook(running), body)
    took = time.monotonic() - started

    assert took < 1.0, f"a call with no console open waited {took:.2f} s"
    assert reply.status == status
    assert reply.body == {"decision": default, "reason": "timeout"}
    row = row_of(running.db_path, body["callId"])
    assert (row["decision"], row["reason"]) == (default, "timeout")
    assert running.events.of(CallWaiting) == []


@pytest.mark.parametrize(
    ("person", "default", "status"),
    [(Decision.REJECT, "accept", 403), (Decision.ACCEPT, "reject", 200)],
)
def test_ask_a_person_who_decides(
    running: Running, person: Decision, default: str, status: int
) -> None:
    configure(running.db_path, {"mode": "ask", "ask-timeout": "60", "ask-default": default})
    running.listener.set_people(1)
    body = call_body()
    call_id = body["callId"]

    with in_background() as pool:
        pending = post_later(pool, running, body)
        wait_for_waiting(running, call_id)
        assert not pending.done(), "the call was answered before a person decided"
        assert health(running.base)["waiting"] == 1
        running.listener.resolve(call_id, person)
        reply = pending.result(timeout=10)

    assert reply.status == status
    assert reply.body == {"decision": str(person), "reason": "person"}
    row = row_of(running.db_path, call_id)
    assert (row["decision"], row["reason"]) == (str(person), "person")
    assert health(running.base)["waiting"] == 0
    [waiting] = events_for(running, CallWaiting, call_id)
    assert waiting.ask.timeout == 60
    assert 50 < waiting.deadline - time.monotonic() <= 60
    [decided] = events_for(running, CallDecided, call_id)
    assert (decided.verdict.decision, decided.verdict.reason) == (person, "person")


@pytest.mark.parametrize(("default", "status"), [("accept", 200), ("reject", 403)])
def test_ask_timeout_applies_the_default(running: Running, default: str, status: int) -> None:
    configure(running.db_path, {"mode": "ask", "ask-timeout": "3", "ask-default": default})
    running.listener.set_people(1)
    body = call_body()

    started = time.monotonic()
    reply = send(running, hook(running), body)
    took = time.monotonic() - started

    assert 2.8 <= took < 6, f"answered after {took:.2f} s, not after the 3 s ask timeout"
    assert reply.status == status
    assert reply.body == {"decision": default, "reason": "timeout"}
    row = row_of(running.db_path, body["callId"])
    assert (row["decision"], row["reason"]) == (default, "timeout")
    assert row["latency_ms"] >= 2800
    assert health(running.base)["waiting"] == 0


def test_late_answer_from_a_person_changes_nothing(running: Running) -> None:
    configure(running.db_path, {"mode": "ask", "ask-timeout": "3", "ask-default": "accept"})
    running.listener.set_people(1)
    body = call_body()

    reply = send(running, hook(running), body)
    running.listener.resolve(body["callId"], Decision.REJECT)
    again = send(running, hook(running), body)

    assert reply.body == {"decision": "accept", "reason": "timeout"}
    assert again.status == 200
    assert again.body == {"decision": "accept", "reason": "timeout", "duplicate": True}
    assert row_of(running.db_path, body["callId"])["decision"] == "accept"


def test_change_from_command_line_applies_to_the_very_next_call(running: Running) -> None:
    def status() -> tuple[int, Any]:
        reply = send(running, hook(running), call_body())
        return reply.status, reply.body

    assert status() == (200, ACCEPT_MODE)
    configure(running.db_path, {"mode": "reject-all"})
    assert status() == (403, REJECT_MODE)
    add_rule(running.db_path, NUMBER, Action.ALLOW)
    assert status() == (200, {"decision": "accept", "reason": "rule"})
    remove_rule(running.db_path, NUMBER)
    assert status() == (403, REJECT_MODE)
    configure(running.db_path, {"mode": "accept-all"})
    assert status() == (200, ACCEPT_MODE)
    add_rule(running.db_path, NUMBER, Action.BLOCK)
    assert status() == (403, {"decision": "reject", "reason": "rule"})
    assert health(running.base)["mode"] == "accept-all"


# --------------------------------------------------------------------------------------------
# Duplicates
# --------------------------------------------------------------------------------------------


def test_repeated_call_id_gets_the_same_decision_and_one_row(running: Running) -> None:
    configure(running.db_path, {"mode": "reject-all"})
    body = call_body()

    first = send(running, hook(running), body)
    # Were the call decided afresh, the new mode would let it through.
    configure(running.db_path, {"mode": "accept-all"})
    second = send(running, hook(running), body)
    third = send(running, hook(running), body)

    assert first.status == 403
    assert first.body == REJECT_MODE
    for again in (second, third):
        assert again.status == 403
        assert again.body == {"decision": "reject", "reason": "mode", "duplicate": True}
    [row] = history(running.db_path)
    assert row["call_id"] == body["callId"]
    assert row["repeats"] == 2


def test_repeat_of_a_call_waiting_for_a_person_waits_for_the_same_decision(
    running: Running,
) -> None:
    configure(running.db_path, {"mode": "ask", "ask-timeout": "60", "ask-default": "accept"})
    running.listener.set_people(1)
    body = call_body()
    call_id = body["callId"]

    with in_background() as pool:
        first = post_later(pool, running, body)
        wait_for_waiting(running, call_id)
        second = post_later(pool, running, body)
        # The repeat shows no event of its own; give it a moment to reach the listener.
        time.sleep(0.3)
        assert not first.done()
        assert not second.done(), "the repeat was answered before the person decided"
        assert health(running.base)["waiting"] == 1
        running.listener.resolve(call_id, Decision.REJECT)
        first_reply = first.result(timeout=10)
        second_reply = second.result(timeout=10)

    assert first_reply.status == 403
    assert first_reply.body == {"decision": "reject", "reason": "person"}
    assert second_reply.status == 403
    assert second_reply.body == {"decision": "reject", "reason": "person", "duplicate": True}
    [row] = history(running.db_path)
    assert (row["call_id"], row["reason"], row["repeats"]) == (call_id, "person", 1)
    assert len(events_for(running, CallWaiting, call_id)) == 1


def test_bodies_without_call_id_are_never_taken_as_repeats(running: Running) -> None:
    """Bodies with no callId cannot be matched: each is its own call and history row."""
    body = call_body()
    del body["callId"]
    assert send(running, hook(running), body).status == 200
    assert send(running, hook(running), body).status == 200
    rows = history(running.db_path)
    assert len(rows) == 2
    assert rows[0]["call_id"] != rows[1]["call_id"]


# --------------------------------------------------------------------------------------------
# Health, events, stopping, port in use
# --------------------------------------------------------------------------------------------


def test_healthz_reports_version_mode_and_waiting(running: Running) -> None:
    status = health(running.base)
    assert status["version"] == version("callgate")
    assert status["mode"] == "accept-all"
    assert status["waiting"] == 0

    configure(running.db_path, {"mode": "ask"})
    assert health(running.base)["mode"] == "ask"


def test_events_for_one_call(running: Running) -> None:
    body = call_body()

    send(running, hook(running), body)

    seen: list[ListenerEvent] = [
        event for event in running.events.events
        if isinstance(event, CallArrived | CallDecided | CallWaiting)
    ]
    assert [type(event) for event in seen] == [CallArrived, CallDecided]
    arrived, decided = seen
    assert isinstance(arrived, CallArrived) and isinstance(decided, CallDecided)
    assert arrived.call.call_id == decided.call.call_id == body["callId"]
    assert arrived.call.caller == CANONICAL
    assert arrived.call.customer is not None
    assert arrived.call.customer.name == "鈴木 スミス 一郎"
    assert decided.received_at == arrived.received_at
    assert (decided.verdict.decision, decided.verdict.reason) == ("accept", "mode")
    assert decided.latency_ms >= 0


def test_events_while_a_call_waits(running: Running) -> None:
    configure(running.db_path, {"mode": "ask", "ask-timeout": "60"})
    running.listener.set_people(1)
    body = call_body()
    call_id = body["callId"]

    with in_background() as pool:
        pending = post_later(pool, running, body)
        wait_for_waiting(running, call_id)
        assert len(events_for(running, CallArrived, call_id)) == 1
        assert events_for(running, CallDecided, call_id) == []
        running.listener.resolve(call_id, Decision.ACCEPT)
        assert pending.result(timeout=10).status == 200

    kinds = [type(event) for event in running.events.events
             if isinstance(event, CallArrived | CallWaiting | CallDecided)]
    assert kinds == [CallArrived, CallWaiting, CallDecided]


@pytest.mark.parametrize(("default", "status"), [("accept", 200), ("reject", 403)])
def test_graceful_stop_gives_a_waiting_call_its_default(
    running: Running, default: str, status: int
) -> None:
    configure(running.db_path, {"mode": "ask", "ask-timeout": "60", "ask-default": default})
    running.listener.set_people(1)
    body = call_body()

    with in_background() as pool:
        pending = post_later(pool, running, body)
        wait_for_waiting(running, body["callId"])
        started = time.monotonic()
        running.listener.stop()
        stop_took = time.monotonic() - started
        reply = pending.result(timeout=15)

    assert stop_took < 5, f"stopping took {stop_took:.1f} s"
    assert reply.status == status
    assert reply.body == {"decision": default, "reason": "timeout"}
    row = row_of(running.db_path, body["callId"])
    assert (row["decision"], row["reason"]) == (default, "timeout")
    # Stopped means no new calls are taken.
    with pytest.raises(ConnectionError):
        send(running, hook(running), call_body(), timeout=2)


def test_second_listener_on_a_port_in_use_is_a_one_line_error(
    running: Running, db_path: Path
) -> None:
    second = Listener(db_path, "127.0.0.1", running.listener.port)
    try:
        with pytest.raises(ListenerError) as caught:
            second.start()
    finally:
        second.stop()

    message = str(caught.value)
    assert "in use" in message
    assert "\n" not in message
    assert "Traceback" not in message
    assert str(running.listener.port) in message
    # The first listener keeps taking calls.
    assert send(running, hook(running), call_body()).status == 200


# --------------------------------------------------------------------------------------------
# Errors inside callgate: the fail-safe decision, never a 5xx
# --------------------------------------------------------------------------------------------


def break_table(db_path: Path, table: str, event: str) -> None:
    """Make every `event` (INSERT / UPDATE) on `table` fail, as a full or broken disk would."""
    db = open_database(db_path)
    try:
        db.execute(
            f"CREATE TRIGGER broken_{table}_{event.lower()} BEFORE {event} ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
        )
    finally:
        db.close()


@pytest.mark.parametrize(("failsafe", "status"), [("accept", 200), ("reject", 403)])
def test_storage_failure_gets_the_failsafe(running: Running, failsafe: str, status: int) -> None:
    configure(running.db_path, {"mode": "reject-all", "failsafe": failsafe})
    break_table(running.db_path, "calls", "INSERT")

    reply = send(running, hook(running), call_body())

    assert reply.status == status
    assert reply.body == {"decision": failsafe, "reason": "failsafe"}


def test_storage_failure_on_a_repeated_call_still_answers(running: Running) -> None:
    configure(running.db_path, {"mode": "reject-all"})
    body = call_body()
    assert send(running, hook(running), body).status == 403
    break_table(running.db_path, "calls", "UPDATE")

    again = send(running, hook(running), body)

    assert again.status < 500, "a 5xx makes commubo reject; the repeat must get a decision"
    assert again.status == 403
    assert isinstance(again.body, dict)
    assert again.body["decision"] == "reject"


def test_storage_failure_while_counting_a_refused_request_is_still_404(
    running: Running,
) -> None:
    break_table(running.db_path, "counters", "INSERT")
    break_table(running.db_path, "counters", "UPDATE")

    reply = send(running, "/hooks/commubo/not-the-token", call_body())

    assert reply.status == 404


def test_a_failing_watcher_does_not_cost_the_call(db_path: Path) -> None:
    """The console's event sink raising (e.g. during shutdown) must not turn into a 5xx."""
    token = Office(db_path).webhook.token()

    def broken_sink(event: ListenerEvent) -> None:
        raise RuntimeError("the console is gone")

    listener = Listener(db_path, "127.0.0.1", 0, broken_sink)
    listener.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", listener.port, timeout=10)
        body = call_body()
        connection.request("POST", f"/hooks/commubo/{token}", body=json.dumps(body).encode(),
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        status, raw = response.status, response.read()
        connection.close()
        try:
            answer: Any = json.loads(raw)
        except ValueError:
            answer = raw
    finally:
        listener.stop()

    assert status < 500, "a 5xx makes commubo reject the call"
    assert status == 200
    assert isinstance(answer, dict)
    assert answer["decision"] == "accept"
    assert [row["call_id"] for row in history(db_path)] == [body["callId"]]


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_other_methods_get_405_and_are_counted_never_decided(
    running: Running, method: str
) -> None:
    before = health(running.base)["refused_requests"]
    reply = send(running, hook(running), call_body(), method=method)
    assert reply.status == 405
    assert health(running.base)["refused_requests"] == before + 1
    assert history(running.db_path) == []
    assert running.events.of(CallArrived) == []
