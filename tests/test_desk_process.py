"""The desk port runs in a process of its own beside `serve` (server/desks/process.py): when
that process ends the service starts it again and the desks attach by themselves; when the
service ends, so does it, and the port is free; what it logs is in the service's log."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from conftest import post
from desk_service import Service, call, port_is_open, running_service
from test_cli import wait_for

from server.protocol import codec
from server.protocol import messages as protocol
from server.protocol.link import LinkState


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    yield from running_service(tmp_path)


def children(pid: int) -> list[int]:
    """The processes `pid` started, from any of its threads (Linux)."""
    tasks = Path(f"/proc/{pid}/task")
    return [int(child) for task in tasks.iterdir()
            for child in (task / "children").read_text().split()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


def desk_port_process(service: Service) -> int:
    assert service.serving is not None
    pid = service.serving.proc.pid
    assert wait_for(lambda: len(children(pid)) == 1, 10)
    (child,) = children(pid)
    return child


def test_the_desk_ports_process_killed_is_started_again_and_the_desk_attaches_by_itself(
        service: Service) -> None:
    reception = service.add("reception")
    service.start()
    desk = service.attach(reception)
    first = desk_port_process(service)

    os.kill(first, signal.SIGKILL)
    desk.pump(lambda: desk.states[-1] is LinkState.LOST)
    assert post(service.url, call("while-the-desks-are-gone")).status == 200
    desk.pump(lambda: len(desk.snapshots) == 2 and desk.states[-1] is LinkState.ATTACHED,
              timeout=20)
    assert desk.snapshots[-1].service_id == desk.snapshots[0].service_id  # the same service
    assert "while-the-desks-are-gone" in [
        decided.call.call_id for decided in desk.snapshots[-1].today]
    assert desk_port_process(service) != first
    assert "the desk port's process ended by itself" in service.output()
    assert service.health()["desks"] == 1


@pytest.mark.parametrize("how", ["stopped", "killed"])
def test_the_desk_ports_process_ends_with_the_service_and_frees_the_port(
        service: Service, how: str) -> None:
    service.add("reception")
    service.start()
    assert wait_for(lambda: port_is_open(service.desk_port), 10)
    child = desk_port_process(service)
    if how == "killed":  # no word to the desk port: its standard input closes
        service.kill()
    else:
        assert service.serving is not None
        service.serving.stop()
    assert wait_for(lambda: not alive(child), 15), "the desk port's process outlived serve"
    assert not port_is_open(service.desk_port)


def test_what_the_desk_ports_process_logs_is_in_the_services_log(service: Service) -> None:
    reception = service.add("reception")
    service.start()
    assert wait_for(lambda: port_is_open(service.desk_port), 10)

    async def attach_and_say_nonsense() -> None:
        async with aiohttp.ClientSession() as session, session.ws_connect(
                reception.url, ssl=aiohttp.Fingerprint(reception.fingerprint)) as ws:
            await ws.send_str(codec.encode(protocol.Hello(desk="reception",
                                                          secret=reception.secret)).decode())
            assert isinstance(codec.decode((await ws.receive()).data), protocol.Snapshot)
            await ws.send_str("this is no request")
            await asyncio.sleep(0.5)

    asyncio.run(attach_and_say_nonsense())
    assert wait_for(lambda: "desk 'reception' at 127.0.0.1 sent something that is no request"
                    in service.output(), 5)
