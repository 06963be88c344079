"""Benchmark: what a desk on the network costs, against the console beside the listener.

    .venv/bin/python bench/desks.py [--cards N] [--calls N] [--rounds N] [--desks N]

- POST to decided event: one Listener in this process with two desks attached at once, one over
  the in-process link (as the embedded console is) and one over the network (NetworkLink, TLS on
  loopback, the desk port). `--cards` calls are posted one at a time; for each, the time from
  sending the POST until each desk's console thread has the call's CallDecided. Both desks hop
  to a console thread of their own, as a console's queued signal does.
- webhook p99 with desks attached: a real `python main.py serve`, `--desks` desks attached from
  a process of their own (bench/crowd.py, run only when no other work wants a CPU: the desks of
  an office are other machines), and bursts of `--calls` posts at 32 connections alternated
  with bursts with no desk attached, `--rounds` of each; p99 over all posts of each kind, and
  the ratio as bench.crowd.p99_ratio takes it (each burst with desks against its neighbour
  without; the median of the pairs).
  Every desk must hear every call (a correctness check).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import queue
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from application import Office
from bench.crowd import ROOT, ROUNDS, Crowd, call_body, p99_ratio, timed_burst
from bench.loadgen import percentile
from screening.desk import DeskRole
from server.listener import Listener
from server.protocol.link import ConsoleLink, LinkState
from server.protocol.messages import CallDecided, Event, Snapshot
from server.protocol.network import NetworkLink

START_TIMEOUT = 20.0
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def post(url: str, body: dict[str, Any]) -> int:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with _LOCAL.open(request, timeout=30) as answer:
        return int(answer.status)


class TimedDesk:
    """A desk whose console thread notes when each call's decision reached it."""

    def __init__(self, link: ConsoleLink) -> None:
        self.link = link
        self.decided: dict[str, float] = {}
        self.attached = threading.Event()
        self._posted: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        threading.Thread(target=self._console, daemon=True).start()
        link.open(self._posted.put, self._snapshot, self._event, self._state)

    def _console(self) -> None:
        while (call := self._posted.get()) is not None:
            call()

    def _snapshot(self, snapshot: Snapshot) -> None:
        pass

    def _state(self, state: LinkState) -> None:
        if state is LinkState.ATTACHED:
            self.attached.set()

    def _event(self, event: Event) -> None:
        if isinstance(event.body, CallDecided):
            self.decided[event.body.call.call_id] = time.perf_counter()

    def close(self) -> None:
        self.link.close()
        self._posted.put(None)


@dataclass(frozen=True)
class DeskReport:
    embedded_ms: list[float]  # POST sent until the in-process desk had CallDecided
    network_ms: list[float]  # the same, on the desk attached over the network
    desks: int
    alone_p99_ms: float  # the webhook's p99 with no desk attached
    attached_p99_ms: float  # with `desks` desks attached
    p99_ratio: float  # bench.crowd.p99_ratio of the bursts
    missed: int  # calls some desk never heard (must be 0)


def card_latency(tmp: Path, cards: int) -> tuple[list[float], list[float]]:
    db_path = tmp / "cards" / "callgate.db"
    office = Office(db_path)
    office.settings.save({"desk-host": "127.0.0.1", "desk-port": str(free_port())})
    connection = office.desks.add("reception", DeskRole.OPERATOR).connection
    listener = Listener(db_path, "127.0.0.1", 0, watch_reachability=False)
    listener.start()
    embedded = TimedDesk(listener.link())
    network = TimedDesk(NetworkLink(connection))
    try:
        for desk in (embedded, network):
            assert desk.attached.wait(START_TIMEOUT), "a desk did not attach"
        url = listener.url(office.webhook.token())
        sent: dict[str, float] = {}
        for index in range(cards):
            body = call_body(index)
            sent[body["callId"]] = time.perf_counter()
            assert post(url, body) == 200
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not all(
                    body["callId"] in desk.decided for desk in (embedded, network)):
                time.sleep(0.0005)
        return ([(embedded.decided[call] - at) * 1000 for call, at in sent.items()],
                [(network.decided[call] - at) * 1000 for call, at in sent.items()])
    finally:
        embedded.close()
        network.close()
        listener.stop()
        office.close()


def burst_p99(tmp: Path, desks: int, calls: int,
              rounds: int) -> tuple[float, float, float, int]:
    data = tmp / "burst"
    env = {key: value for key, value in os.environ.items() if not key.startswith("CALLGATE_")}
    env |= {"CALLGATE_DATA_DIR": str(data), "CALLGATE_PORT": str(free_port())}
    office = Office.of_directory(data)
    office.settings.save({"desk-host": "127.0.0.1", "desk-port": str(free_port())})
    connections = [str(office.desks.add(f"desk-{n:02d}").connection) for n in range(desks)]
    url = office.webhook.local_url("127.0.0.1", int(env["CALLGATE_PORT"]))
    office.close()
    with (tmp / "serve.log").open("wb") as log:
        serve = subprocess.Popen([sys.executable, "main.py", "serve"], cwd=ROOT, env=env,
                                 stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    crowd = Crowd(connections)
    latencies: dict[bool, list[float]] = {False: [], True: []}
    bursts: list[tuple[bool, list[float]]] = []
    missed = 0
    try:
        _wait_healthy(url.split("/hooks/")[0])
        asyncio.run(timed_burst(url, 0, min(calls, 300)))  # warm-up
        first = calls
        for with_desks in ROUNDS * ((rounds + 1) // 2):
            if with_desks:
                assert crowd.ask("attach") == {"attached": desks}
            bursts.append((with_desks, asyncio.run(timed_burst(url, first, calls))))
            latencies[with_desks] += bursts[-1][1]
            if with_desks:
                heard = crowd.ask(f"report {calls}")["desks"]
                wanted = {f"burst-{index:05d}" for index in range(first, first + calls)}
                missed += sum(len(wanted - set(desk["decided"])) for desk in heard)
                crowd.ask("detach")
            first += calls
    finally:
        crowd.stop()
        serve.terminate()
        serve.wait(20)
    return (percentile(latencies[False], 99) * 1000, percentile(latencies[True], 99) * 1000,
            p99_ratio(bursts),
            missed)


def _wait_healthy(base: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            with _LOCAL.open(f"{base}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("serve did not come up")


def benchmark(cards: int = 100, calls: int = 2_000, rounds: int = 4,
              desks: int = 20) -> DeskReport:
    with tempfile.TemporaryDirectory(prefix="callgate-bench-") as tmp:
        embedded, network = card_latency(Path(tmp), cards)
        alone, attached, paired, missed = burst_p99(Path(tmp), desks, calls, rounds)
    return DeskReport(embedded, network, desks, alone, attached, paired, missed)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=100)
    parser.add_argument("--calls", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--desks", type=int, default=20)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    report = benchmark(args.cards, args.calls, args.rounds, args.desks)
    for name, values in (("embedded", report.embedded_ms), ("network", report.network_ms)):
        print(f"POST to decided event, {name}: p50 {percentile(values, 50):.1f} ms, "
              f"p99 {percentile(values, 99):.1f} ms")
    print(f"webhook p99: {report.alone_p99_ms:.1f} ms with no desk, "
          f"{report.attached_p99_ms:.1f} ms with {report.desks} desks attached; "
          f"{report.p99_ratio:.2f}x the same burst without (median of the pairs)")
    if report.missed:
        print(f"FAIL  {report.missed} calls not heard by a desk")
    return 1 if report.missed else 0


if __name__ == "__main__":
    sys.exit(main())
