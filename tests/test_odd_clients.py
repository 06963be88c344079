"""Clients that do odd but legal things get the answers the README documents: one that hangs up
in the middle of its body is a refused post (not a fail-safe call with a traceback), and one that
asks `Expect: 100-continue` hears at once what its headers already decide."""

from __future__ import annotations

import logging
import socket
import time
from typing import Any

import pytest
from conftest import Running, encode_body, sample
from recorded import health, history_in_words

from server.events import ListenerFailed

HEADERS = b"Host: 127.0.0.1\r\nContent-Type: application/json\r\n"


def connect(running: Running) -> socket.socket:
    return socket.create_connection(("127.0.0.1", running.listener.port), timeout=10)


def request_head(path: str, content_length: int, *extra: bytes) -> bytes:
    return (f"POST {path} HTTP/1.1\r\n".encode() + HEADERS + b"".join(extra)
            + f"Content-Length: {content_length}\r\n\r\n".encode())


def wait_for_calls(running: Running, count: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 5
    while len(found := history_in_words(running.db_path)) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return found


def refused_requests(running: Running) -> int:
    count: int = health(running.base)["refused_requests"]
    return count


def first_answer(sock: socket.socket) -> bytes:
    """What the server sends first, up to the end of its status line's headers."""
    received = b""
    while b"\r\n\r\n" not in received and (chunk := sock.recv(65536)):
        received += chunk
    return received


@pytest.mark.parametrize("hang_up", ["close", "shutdown"])
def test_a_client_that_hangs_up_mid_body_is_recorded_as_refused(
    running: Running, caplog: pytest.LogCaptureFixture, hang_up: str
) -> None:
    body = encode_body(sample("seed_incoming_call.json"))
    with caplog.at_level(logging.INFO), connect(running) as sock:
        sock.sendall(request_head(f"/hooks/commubo/{running.token}", len(body))
                     + body[:len(body) // 2])
        time.sleep(0.2)  # the handler is reading the body by now
        if hang_up == "close":
            sock.close()
        else:
            sock.shutdown(socket.SHUT_WR)
        rows = wait_for_calls(running, 1)

    assert [(row["decision"], row["reason"]) for row in rows] == [("reject", "refused")]
    assert "disconnected" in rows[0]["detail"]
    assert not running.events.of(ListenerFailed), "a hang-up is no fail-safe call"
    assert not [record for record in caplog.records if record.exc_info], "no traceback"
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_expect_100_continue_with_a_body_over_64_kib_gets_413_at_once(
    running: Running,
) -> None:
    with connect(running) as sock:
        sock.sendall(request_head(f"/hooks/commubo/{running.token}", 70_000,
                                  b"Expect: 100-continue\r\n"))
        sock.settimeout(5)
        answer = first_answer(sock)

    assert answer.startswith(b"HTTP/1.1 413 "), answer
    assert b"100 Continue" not in answer
    [row] = wait_for_calls(running, 1)
    assert (row["decision"], row["reason"]) == ("reject", "refused")
    assert "64 KiB" in row["detail"]


def test_a_body_declared_over_64_kib_gets_413_before_it_is_sent(running: Running) -> None:
    with connect(running) as sock:
        sock.sendall(request_head(f"/hooks/commubo/{running.token}", 70_000))
        sock.settimeout(5)
        answer = first_answer(sock)  # none of the 70,000 bytes sent

    assert answer.startswith(b"HTTP/1.1 413 "), answer
    [row] = wait_for_calls(running, 1)
    assert (row["decision"], row["reason"]) == ("reject", "refused")


@pytest.mark.parametrize(("method", "status"), [("POST", 404), ("PUT", 405)])
def test_a_wrong_token_or_method_with_expect_is_refused_without_100_continue(
    running: Running, method: str, status: int
) -> None:
    before = refused_requests(running)
    token = "wrong" if method == "POST" else running.token
    with connect(running) as sock:
        sock.sendall(request_head(f"/hooks/commubo/{token}", 100, b"Expect: 100-continue\r\n")
                     .replace(b"POST", method.encode(), 1))
        sock.settimeout(5)
        answer = first_answer(sock)

    assert answer.startswith(f"HTTP/1.1 {status} ".encode()), answer
    assert b"100 Continue" not in answer
    assert refused_requests(running) == before + 1
    assert history_in_words(running.db_path) == []


def test_expect_100_continue_within_the_limit_continues_to_its_decision(
    running: Running,
) -> None:
    body = encode_body(sample("seed_incoming_call.json") | {"callId": "expected"})
    with connect(running) as sock:
        sock.sendall(request_head(f"/hooks/commubo/{running.token}", len(body),
                                  b"Expect: 100-continue\r\n"))
        sock.settimeout(5)
        assert first_answer(sock) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(body)
        answer = first_answer(sock)

    assert answer.startswith(b"HTTP/1.1 200 "), answer
    assert [row["call_id"] for row in history_in_words(running.db_path)] == ["expected"]
