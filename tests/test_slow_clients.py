"""Connections that dawdle must not cost a real call its answer."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from conftest import Running, post, sample

SLOW_CONNECTIONS = 300
ANSWER_DEADLINE = 2.0


@pytest.fixture
def dawdlers(running: Running) -> Iterator[list[socket.socket]]:
    """Hundreds of loopback connections: half stop in the headers, half never send the body."""
    sockets: list[socket.socket] = []
    try:
        for n in range(SLOW_CONNECTIONS):
            sock = socket.create_connection(("127.0.0.1", running.listener.port), timeout=5)
            if n % 2:
                sock.sendall(b"POST /hooks/commubo/" + running.token.encode() + b" HTTP/1.1\r\n"
                             b"Host: 127.0.0.1\r\nContent-Type: app")
            else:
                sock.sendall(b"POST /hooks/commubo/" + running.token.encode() + b" HTTP/1.1\r\n"
                             b"Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             b"Content-Length: 5000\r\n\r\n{\"callId\": ")
            sockets.append(sock)
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
