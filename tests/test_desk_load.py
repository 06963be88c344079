"""Twenty desks attached to a real `serve` during a burst of 2,000 posts: every desk hears every
event, in order, without a gap, and the webhook answers about as fast as with no desk attached.

The desks run in a process of their own (bench/crowd.py) and the burst is posted from this one,
so the time of each post is not the time the desks' decoding took from the same interpreter.
Bursts with and without desks alternate, eight of each; each burst with desks is held against
its neighbour without (bench.crowd.p99_ratio: the median over the pairs), so that a burst
slowed by other work on a shared machine does not speak for the desks. The desks'
process runs only when no other work wants a CPU (SCHED_IDLE): the desks of an office are
other machines, and what is measured is what serving them costs the service.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from processes import free_port
from test_cli import Cli, start_serve, wait_for

from application import Office
from bench.crowd import ROUNDS, Crowd, p99, p99_ratio, timed_burst

DESKS = 20
CALLS = 2_000
WARM_UP = 300
P99_MARGIN = 1.5  # the issue's: the webhook's p99 with desks attached, against none
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.mark.timeout(400)
def test_twenty_desks_hear_every_event_of_a_burst_and_the_webhook_keeps_its_pace(
        tmp_path: Path) -> None:
    cli = Cli(tmp_path / "data", free_port())
    cli.ok("config", "desk-host", "127.0.0.1")
    cli.ok("config", "desk-port", str(free_port()))
    office = Office.of_directory(cli.data_dir)
    connections = [str(office.desks.add(f"desk-{n:02d}").connection) for n in range(DESKS)]
    office.close()
    serving = start_serve(cli, tmp_path / "serve.log")
    crowd = Crowd(connections)
    url = f"{serving.base}/hooks/commubo/{cli.token()}"

    def health() -> dict[str, Any]:
        with _LOCAL.open(f"{serving.base}/healthz", timeout=5) as answer:
            found: dict[str, Any] = json.load(answer)
        return found

    try:
        asyncio.run(timed_burst(url, 0, WARM_UP))
        bursts: list[tuple[bool, list[float]]] = []
        first = WARM_UP
        for with_desks in ROUNDS * 4:  # eight pairs: one slow burst moves their median little
            if with_desks:
                assert crowd.ask("attach") == {"attached": DESKS}
                assert wait_for(lambda: health()["desks"] == DESKS, 10)
            bursts.append((with_desks, asyncio.run(timed_burst(url, first, CALLS))))
            posted = [f"burst-{index:05d}" for index in range(first, first + CALLS)]
            first += CALLS
            if with_desks:
                heard = crowd.ask(f"report {CALLS}")["desks"]
                assert len(heard) == DESKS
                for desk in heard:
                    assert desk["seqs_ok"], "a desk missed an event or heard one out of order"
                    assert sorted(desk["decided"]) == posted
                    assert desk["decided"] == heard[0]["decided"]  # the same order on each
                    assert desk["last_seq"] == heard[0]["last_seq"]
                assert crowd.ask("detach") == {"detached": DESKS}
                assert wait_for(lambda: health()["desks"] == 0, 10)
    finally:
        crowd.stop()
        serving.stop()
    ratio = p99_ratio(bursts)
    shown = ", ".join(f"{p99(latencies) * 1000:.0f} ms{' with desks' if with_desks else ''}"
                      for with_desks, latencies in bursts)
    print(f"webhook p99 with {DESKS} desks: {ratio:.2f}x the same burst without; {shown}")
    assert ratio <= P99_MARGIN, (
        f"the webhook's p99 with {DESKS} desks is {ratio:.2f}x that of the same burst without "
        f"(median of the pairs; bound {P99_MARGIN}x): {shown}")
