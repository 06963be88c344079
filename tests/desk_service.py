"""A real `python main.py serve` with its desk port on loopback (desk-host 127.0.0.1), for the
tests of desks attached to it over TLS: protocol-only consoles (tests/console_desk.py) or real
Qt consoles, each with its own NetworkLink, exactly as on another machine of the office."""

from __future__ import annotations

import json
import socket
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from conftest import Answer, post, sample
from console_desk import Desk
from processes import free_port
from test_cli import Cli, Serving, start_serve

from screening.desk import Connection
from server.protocol.link import LinkState
from server.protocol.network import NetworkLink


class Closing(Protocol):
    def close(self) -> None: ...


_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Service:
    """A `serve` process with its desk port on loopback, and the desks attached to it."""

    cli: Cli
    log: Path
    desk_port: int
    serving: Serving | None = None
    desks: list[Closing] = field(default_factory=list)  # closed at the end of the test

    def start(self) -> None:
        self.serving = start_serve(self.cli, self.log)

    def kill(self) -> None:
        assert self.serving is not None
        self.serving.proc.kill()
        self.serving.proc.wait(10)
        self.serving.stop()

    def add(self, name: str, role: str = "operator") -> Connection:
        return Connection.parse(self.cli.ok("desk", "add", name, "--role", role)
                                .splitlines()[-1])

    def attach(self, connection: Connection) -> Desk:
        desk = self.open(connection)
        desk.pump(lambda: desk.snapshots and desk.states[-1] is LinkState.ATTACHED)
        return desk

    def open(self, connection: Connection) -> Desk:
        desk = Desk(NetworkLink(connection, longest_retry=1.0))
        self.desks.append(desk)
        return desk

    def health(self) -> dict[str, Any]:
        with _LOCAL.open(f"http://127.0.0.1:{self.cli.port}/healthz", timeout=5) as answer:
            found: dict[str, Any] = json.load(answer)
        return found

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.cli.port}/hooks/commubo/{self.cli.token()}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def call(call_id: str) -> dict[str, object]:
    body = sample("seed_incoming_call.json")
    body["callId"] = call_id
    return body


def post_in_thread(url: str, call_id: str) -> list[Answer]:
    answers: list[Answer] = []
    threading.Thread(target=lambda: answers.append(post(url, call(call_id))),
                     daemon=True).start()
    return answers


def port_is_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def running_service(tmp_path: Path) -> Iterator[Service]:
    """A service (not started yet) on a data directory of its own, desk port on loopback."""
    cli = Cli(tmp_path / "data", free_port())
    desk_port = free_port()
    cli.ok("config", "desk-host", "127.0.0.1")
    cli.ok("config", "desk-port", str(desk_port))
    running = Service(cli, tmp_path / "serve.log", desk_port)
    try:
        yield running
    finally:
        for desk in running.desks:
            desk.close()
        if running.serving is not None:
            running.serving.stop()
