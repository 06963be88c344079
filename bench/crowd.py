"""A crowd of desks attached to one callgate service, in a process of its own (so that what the
desks cost a machine's clients never lands in the process that times the webhook), and a
burst of posts timed one by one: what tests/test_desk_load.py and bench/desks.py share.

    .venv/bin/python -m bench.crowd [--idle] < connection strings, one a line, then commands

Reads the desks' connection strings (one a line, then an empty line), then commands, one a
line, answering each with one line of JSON on stdout:

- `attach`: every desk attaches over its own NetworkLink; {"attached": N} once each has its
  snapshot.
- `report CALLS`: once every desk has heard CALLS calls decided since it attached (or after
  60 s), what each heard: {"desks": [{"seqs_ok": ..., "events": ..., "last_seq": ...,
  "decided": [call ids in order]}, ...]}. `seqs_ok`: every event after the snapshot's, in
  order, none missing.
- `detach`: every desk closes its link; {"detached": N}.

Callbacks run on each link's own thread (no console thread to hop to): appending to a list
is all they do. `--idle`: the crowd runs only when no other work wants a CPU (SCHED_IDLE), as
desks on other machines would take nothing from the service's.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from screening.desk import Connection
from server.protocol.link import LinkState
from server.protocol.messages import CallDecided, Event, Snapshot
from server.protocol.network import NetworkLink

REPORT_TIMEOUT = 60.0
ROOT = Path(__file__).resolve().parent.parent
SAMPLE: dict[str, Any] = json.loads(
    (ROOT / "server" / "sample_call.json").read_text(encoding="utf-8"))
CONNECTIONS = 32  # posts at once in a burst, as tests/test_burst.py sends them
#: Bursts with desks attached (True) or not, alternated so that each pair of neighbours has
#: one of each and drift on the machine cancels.
ROUNDS = (False, True, True, False)


def call_body(index: int) -> dict[str, Any]:
    """The sample call with an id and a number of its own."""
    return {**SAMPLE, "callId": f"burst-{index:05d}", "phoneNumber": f"03{30000000 + index:08d}"}


def p99(latencies: list[float]) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def p99_ratio(bursts: list[tuple[bool, list[float]]]) -> float:
    """What desks cost the webhook's p99: for each pair of neighbouring bursts (ROUNDS), the
    p99 of the one with desks over the p99 of the same burst without; the median of the pairs.
    On a machine shared with other work one burst can be slowed by anything; a pooled p99
    would be that burst's, where the median of the pairs is what the desks did."""
    ratios = []
    for first, second in zip(bursts[::2], bursts[1::2], strict=True):
        (_, with_desks), (_, alone) = sorted((first, second), key=lambda burst: not burst[0])
        assert first[0] != second[0], "each pair has one burst with desks and one without"
        ratios.append(p99(with_desks) / p99(alone))
    return statistics.median(ratios)


async def timed_burst(url: str, first: int, calls: int) -> list[float]:
    """Seconds from each post's send (once one of the CONNECTIONS is free) to its answer;
    AssertionError for an answer that is not 200."""
    connector = aiohttp.TCPConnector(limit=CONNECTIONS)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=10, sock_read=30)
    free = asyncio.Semaphore(CONNECTIONS)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(index: int) -> float:
            async with free:
                started = time.perf_counter()
                async with session.post(url, json=call_body(index)) as response:
                    await response.read()
                    assert response.status == 200, response.status
                return time.perf_counter() - started

        return await asyncio.gather(*(one(index) for index in range(first, first + calls)))


class Crowd:
    """This module as a process of its own, driven through its standard input."""

    def __init__(self, connections: list[str], *, idle: bool = True) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.crowd", *(["--idle"] if idle else [])], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write("\n".join(connections) + "\n\n")

    def ask(self, command: str) -> Any:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def stop(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(20)


class Listening:
    """One desk: its snapshot and every event since, as its link delivered them."""

    def __init__(self, connection: Connection) -> None:
        self.link = NetworkLink(connection)
        self.snapshot: Snapshot | None = None
        self.events: list[Event] = []
        self.decided = 0
        self.attached = threading.Event()
        self.link.open(lambda call: call(), self._snapshot, self._event, self._state)

    def _snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot

    def _state(self, state: LinkState) -> None:
        if state is LinkState.ATTACHED:
            self.attached.set()

    def _event(self, event: Event) -> None:
        self.events.append(event)
        if isinstance(event.body, CallDecided):
            self.decided += 1

    def report(self) -> dict[str, object]:
        first = self.snapshot.seq + 1 if self.snapshot is not None else 1
        seqs = [event.seq for event in self.events]
        return {"seqs_ok": seqs == list(range(first, first + len(seqs))),
                "events": len(seqs), "last_seq": seqs[-1] if seqs else first - 1,
                "decided": [event.body.call.call_id for event in self.events
                            if isinstance(event.body, CallDecided)]}


def say(answer: dict[str, object]) -> None:
    print(json.dumps(answer), flush=True)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--idle":
        # The desks' own work as if on other machines: only when no other work wants a CPU.
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    connections = []
    for line in sys.stdin:
        if not line.strip():
            break
        connections.append(Connection.parse(line))
    desks: list[Listening] = []
    for line in sys.stdin:
        command, *args = line.split()
        if command == "attach":
            desks = [Listening(connection) for connection in connections]
            for desk in desks:
                desk.attached.wait(REPORT_TIMEOUT)
            say({"attached": sum(desk.attached.is_set() for desk in desks)})
        elif command == "report":
            calls = int(args[0])
            deadline = time.monotonic() + REPORT_TIMEOUT
            while time.monotonic() < deadline and any(d.decided < calls for d in desks):
                time.sleep(0.05)
            say({"desks": [desk.report() for desk in desks]})
        elif command == "detach":
            for desk in desks:
                desk.link.close()
            say({"detached": len(desks)})
            desks = []
    return 0


if __name__ == "__main__":
    sys.exit(main())
