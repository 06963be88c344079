"""The load generator of the webhook benchmarks: an aiohttp client in a process of its own.

It posts server/sample_call.json over keep-alive connections, each post with a call id and a
caller's number of its own (a repeated id is a duplicate, answered another way; a repeated
number is cheaper to screen). Closed loop: connections post back to back. Open loop: posts on
a fixed schedule, latency from each post's scheduled time (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import json
import math
import multiprocessing
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Literal

import aiohttp

SAMPLE = Path(__file__).resolve().parent.parent / "server" / "sample_call.json"
ID_PLACEHOLDER = "@@CALL_ID@@"
NUMBER_PLACEHOLDER = "@@NUMBER@@"
HEADERS = {"Content-Type": "application/json"}
REQUEST_TIMEOUT = 60.0  # a saturated open loop queues posts in the client

Kind = Literal["closed", "open"]



@dataclass(frozen=True)
class Job:
    """One measured run against one server, sent to the load-generator process."""

    url: str
    kind: Kind
    connections: int
    seconds: float
    warmup: float
    rate: float  # open loop only
    max_backlog: int  # open loop: stop scheduling once this many posts wait for an answer
    id_prefix: str  # makes every callId of the whole benchmark unique


@dataclass(frozen=True)
class JobResult:
    sent: int  # every post, warm-up included
    ok: int  # 2xx answers, warm-up included
    statuses: dict[int, int]  # non-2xx answers by status
    errors: int  # posts without an answer (timeouts, connection errors)
    first_error: str
    measured: int  # answered posts counted for req/s (closed: in the window; open: all)
    window: float  # seconds those answers took (closed: the window; open: the whole run)
    p50_ms: float
    p99_ms: float
    max_ms: float
    late_ms: float  # open loop: how far the scheduler itself fell behind at worst
    stopped_at: float | None  # open loop: seconds into the run when the backlog cap hit

    @property
    def throughput(self) -> float:
        return self.measured / self.window if self.window > 0 else 0.0

    @property
    def failed(self) -> int:
        return self.sent - self.ok


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN when there is nothing to rank."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def sample_text(*, numbered: bool = False) -> str:
    """The sample body with ID_PLACEHOLDER for its callId (and NUMBER_PLACEHOLDER for its
    caller's number)."""
    payload = json.loads(SAMPLE.read_text(encoding="utf-8"))
    payload["callId"] = ID_PLACEHOLDER
    if numbered:
        payload["phoneNumber"] = NUMBER_PLACEHOLDER
    return json.dumps(payload, ensure_ascii=False, indent=2)


def body_template() -> tuple[bytes, bytes]:
    """The sample body split around its callId, so a fresh id costs a concatenation."""
    head, tail = sample_text().encode().split(ID_PLACEHOLDER.encode())
    return head, tail


def caller_number(serial: int) -> str:
    """A caller's number of its own for each serial (03 and eight digits)."""
    return f"03{serial % 100_000_000:08d}"


class Poster:
    """Posts sample bodies with fresh call ids and callers' numbers, and tallies the answers."""

    def __init__(self, session: aiohttp.ClientSession, job: Job) -> None:
        self._session = session
        self._url = job.url
        self._prefix = job.id_prefix
        head, rest = sample_text(numbered=True).encode().split(ID_PLACEHOLDER.encode())
        self._head, (self._middle, self._tail) = head, rest.split(NUMBER_PLACEHOLDER.encode())
        # Numbers of this run apart from the other runs' (a number seen lately is cheaper).
        self._numbers = zlib.crc32(job.id_prefix.encode())
        self._next_id = 0
        self.sent = 0
        self.ok = 0
        self.statuses: Counter[int] = Counter()
        self.errors = 0
        self.first_error = ""

    async def post(self) -> bool:
        """One post; True when it was answered 2xx."""
        self._next_id += 1
        call_id = f"{self._prefix}{self._next_id:010d}"
        number = caller_number(self._numbers + self._next_id)
        body = self._head + call_id.encode() + self._middle + number.encode() + self._tail
        self.sent += 1
        try:
            async with self._session.post(self._url, data=body, headers=HEADERS) as response:
                await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            self.errors += 1
            self.first_error = self.first_error or f"{type(error).__name__}: {error}"
            return False
        if 200 <= status < 300:
            self.ok += 1
            return True
        self.statuses[status] += 1
        return False

    def result(
        self, measured: int, window: float, latencies: list[float], late: float = 0.0,
        stopped_at: float | None = None,
    ) -> JobResult:
        return JobResult(
            sent=self.sent,
            ok=self.ok,
            statuses=dict(self.statuses),
            errors=self.errors,
            first_error=self.first_error,
            measured=measured,
            window=window,
            p50_ms=percentile(latencies, 50),
            p99_ms=percentile(latencies, 99),
            max_ms=max(latencies, default=math.nan),
            late_ms=late * 1000,
            stopped_at=stopped_at,
        )


async def closed_loop(poster: Poster, job: Job) -> JobResult:
    """`connections` posters back to back; counts answers that arrive in the window."""
    clock = time.perf_counter
    window_start = clock() + job.warmup
    window_end = window_start + job.seconds
    latencies: list[float] = []
    measured = 0

    async def connection() -> None:
        nonlocal measured
        while (sent_at := clock()) < window_end:
            answered = await poster.post()
            done_at = clock()
            if answered and sent_at >= window_start:
                latencies.append((done_at - sent_at) * 1000)
            if answered and window_start <= done_at <= window_end:
                measured += 1

    await asyncio.gather(*(connection() for _ in range(job.connections)))
    return poster.result(measured, job.seconds, latencies)


async def open_loop(poster: Poster, job: Job) -> JobResult:
    """Posts on a fixed schedule; latency runs from the scheduled time, not the actual send.

    A server slower than the rate builds an ever longer queue, so the run would never end: once
    `max_backlog` posts wait for an answer the schedule stops (the run is marked saturated), and
    the posts already sent are still waited for and counted.
    """
    clock = time.perf_counter
    warm_count = round(job.rate * job.warmup)
    count = round(job.rate * job.seconds)
    latencies: list[float] = []
    late = 0.0
    last_done = 0.0
    in_flight = 0
    stopped_at: float | None = None
    tasks: list[asyncio.Task[None]] = []

    async def one(scheduled: float, counted: bool) -> None:
        nonlocal in_flight, last_done
        try:
            answered = await poster.post()
        finally:
            in_flight -= 1
        last_done = clock()
        if answered and counted:
            latencies.append((last_done - scheduled) * 1000)

    start = clock() + 0.01
    for index in range(warm_count + count):
        scheduled = start + index / job.rate
        delay = scheduled - clock()
        if delay > 0:
            await asyncio.sleep(delay)
        else:
            late = max(late, -delay)
        if in_flight >= job.max_backlog:
            stopped_at = scheduled - start
            break
        in_flight += 1
        tasks.append(asyncio.create_task(one(scheduled, index >= warm_count)))
    await asyncio.gather(*tasks)
    # req/s here is what was served over the whole run: the rate, unless the server fell behind.
    return poster.result(poster.ok, last_done - start, latencies, late, stopped_at)


async def run_job(job: Job) -> JobResult:
    connector = aiohttp.TCPConnector(limit=job.connections, keepalive_timeout=60)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        poster = Poster(session, job)
        if job.kind == "closed":
            return await closed_loop(poster, job)
        return await open_loop(poster, job)


def load_generator(jobs: Connection) -> None:
    """The client process: runs each job it is sent, answers its result; None ends it."""
    while (job := jobs.recv()) is not None:
        jobs.send(asyncio.run(run_job(job)))


class LoadGenerator:
    """A handle on the client process."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a process with threads
        self._pipe, child = context.Pipe()
        self._process = context.Process(
            target=load_generator, args=(child,), name="bench-client", daemon=True
        )
        self._process.start()
        child.close()

    def run(self, job: Job) -> JobResult:
        self._pipe.send(job)
        result: JobResult = self._pipe.recv()
        return result

    def close(self) -> None:
        self._pipe.send(None)
        self._process.join(10)
        if self._process.is_alive():  # still busy with a job after an interrupt
            self._process.terminate()
            self._process.join(5)
