"""Connections that dawdle must not cost a real call its answer."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EventLog, Running, encode_body, post, sample

from application import Office
from server.listener import Listener
from storage.database import open_database

SLOW_CONNECTIONS = 300
ANSWER_DEADLINE = 2.0


def stalled_connections(running: Running, count: int) -> Iterator[socket.socket]:
    """Loopback connections: half stop in the headers, half never send the body."""
    for n in range(count):
        sock = socket.create_connection(("127.0.0.1", running.listener.port), timeout=5)
        if n % 2:
            sock.sendall(b"POST /hooks/commubo/" + running.token.encode() + b" HTTP/1.1\r\n"
                         b"Host: 127.0.0.1\r\nContent-Type: app")
        else:
            sock.sendall(b"POST /hooks/commubo/" + running.token.encode() + b" HTTP/1.1\r\n"
                         b"Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 5000\r\n\r\n{\"callId\": ")
        yield sock


@pytest.fixture
def dawdlers(running: Running) -> Iterator[list[socket.socket]]:
    sockets: list[socket.socket] = []
    try:
        sockets.extend(stalled_connections(running, SLOW_CONNECTIONS))
        yield sockets
    finally:
        for sock in sockets:
            sock.close()


def test_a_real_call_is_answered_beside_hundreds_of_stalled_connections(
    running: Running, dawdlers: list[socket.socket]
) -> None:
    assert len(dawdlers) == SLOW_CONNECTIONS
    for n in range(5):
        started = time.monotonic()
        answer = post(running.url, sample("seed_incoming_call.json") | {"callId": f"real-{n}"})
        took = time.monotonic() - started
        assert answer.status == 200
        assert took < ANSWER_DEADLINE, f"a real call waited {took:.2f} s behind slow clients"


QUICK_TIMEOUT = 1.0


@pytest.fixture
def impatient(db_path: Path) -> Iterator[Running]:
    """The real listener with one-second idle and body timeouts, so the tests stay short."""
    token = Office(db_path).webhook.token()
    events = EventLog()
    listener = Listener(db_path, "127.0.0.1", 0, events,
                        idle_timeout=QUICK_TIMEOUT, body_timeout=QUICK_TIMEOUT)
    listener.start()
    yield Running(listener, db_path, token, events)
    listener.stop()


def connect(running: Running) -> socket.socket:
    return socket.create_connection(("127.0.0.1", running.listener.port), timeout=10)


def read_until_closed(sock: socket.socket) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection, and when it closed."""
    started, received = time.monotonic(), b""
    while chunk := sock.recv(65536):
        received += chunk
    return received, time.monotonic() - started


def test_a_connection_that_never_sends_a_request_is_closed(impatient: Running) -> None:
    with connect(impatient) as sock:
        received, took = read_until_closed(sock)
    assert received == b""
    assert QUICK_TIMEOUT * 0.5 < took < QUICK_TIMEOUT + 3


def test_an_idle_keep_alive_connection_is_closed_after_its_call(impatient: Running) -> None:
    body = encode_body(sample("seed_incoming_call.json"))
    with connect(impatient) as sock:
        sock.sendall(b"POST /hooks/commubo/" + impatient.token.encode() + b" HTTP/1.1\r\n"
                     b"Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        received, took = read_until_closed(sock)
    assert received.startswith(b"HTTP/1.1 200 ")
    assert took < QUICK_TIMEOUT + 3


def test_headers_trickled_byte_by_byte_do_not_hold_the_connection(impatient: Running) -> None:
    request = (b"POST /hooks/commubo/" + impatient.token.encode() + b" HTTP/1.1\r\n"
               b"Host: 127.0.0.1\r\nX-Slow: " + b"a" * 200)
    started = time.monotonic()
    with connect(impatient) as sock:
        try:
            for byte in request:
                sock.sendall(bytes([byte]))
                time.sleep(0.05)
        except OSError:
            pass  # closed by the server while we were still sending: what we want
        else:
            pytest.fail("the server let a client trickle headers for 10 s")
        took = time.monotonic() - started
    assert took < QUICK_TIMEOUT + 3


def test_a_body_that_never_arrives_gets_408_and_is_kept(impatient: Running) -> None:
    with connect(impatient) as sock:
        sock.sendall(b"POST /hooks/commubo/" + impatient.token.encode() + b" HTTP/1.1\r\n"
                     b"Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 5000\r\n\r\n{\"callId\": ")
        received, took = read_until_closed(sock)
    head, _, payload = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408 ")
    assert b"did not arrive within 1 s" in payload
    assert took < QUICK_TIMEOUT + 3
    rows = list(open_database(impatient.db_path).query("SELECT decision, reason FROM calls"))
    assert rows == [{"decision": "reject", "reason": "refused"}]


def test_hundreds_of_stalled_connections_are_all_closed(impatient: Running) -> None:
    """The same dawdlers as above, against timeouts: none of them is left holding a socket."""
    sockets = list(stalled_connections(impatient, SLOW_CONNECTIONS))
    try:
        deadline = time.monotonic() + 2 * QUICK_TIMEOUT + 5
        for sock in sockets:
            sock.settimeout(max(0.1, deadline - time.monotonic()))
            _, _ = read_until_closed(sock)
        assert post(impatient.url, sample("seed_incoming_call.json")).status == 200
    finally:
        for sock in sockets:
            sock.close()
