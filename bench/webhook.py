"""Benchmark: callgate's real webhook beside a minimal aiohttp + SQLite handler, same run.

Run from the project root (loopback only, about 90 s with the defaults, exit status 0)::

    .venv/bin/python bench/webhook.py              # or: make bench
    .venv/bin/python bench/webhook.py --runs 1 --seconds 2 --open-seconds 3   # quick look
    .venv/bin/python bench/webhook.py --strict     # exit 1 when a target is missed

What runs where:

- callgate: the real ``server.listener.Listener`` (its own thread and plain asyncio loop, port 0,
  a fresh data dir in a temp directory, mode ``accept-all``).
- baseline: the least a webhook with the same promise can do: an aiohttp handler that parses the
  JSON, inserts one row (call id, time, raw body) into SQLite with the same durability settings
  (WAL, ``synchronous=FULL``, the same ``busy_timeout``), commits, and answers a small JSON body.
  It runs on its own thread and loop, started the same way as the Listener.
- null: an aiohttp handler that reads the body and answers, no SQLite; it shows the ceiling of
  the load generator on this machine (when the baseline is close to it, the ratio is compressed).
- load generator: an aiohttp client in a separate process (``multiprocessing``, spawn) posting
  ``server/sample_call.json`` with a fresh ``callId`` per request over keep-alive connections.

What the numbers mean:

- closed loop: ``--concurrency`` connections each post as soon as their last answer came back,
  for ``--seconds`` after a warm-up; req/s is answers per second (the server's capacity), p50/p99
  the latency of those posts.
- open loop: posts are scheduled at a fixed ``--rate`` (500/s) for ``--open-seconds``, whatever
  the answers do; latency is measured from each post's *scheduled* send time, so a stalled server
  is charged for the posts queued behind it (no coordinated omission). This is the target's
  "p99 at 500 requests/s"; req/s here is what was served (the rate, unless the server fell
  behind). A server slower than the rate queues posts without end, so a run stops scheduling
  once ``--open-backlog`` seconds' worth of posts are waiting and is marked SATURATED
  (``sat@T``); its p99 then only says "far above the target".
- cpu us/req: CPU time (user + system) of the server process per post (both servers live in it;
  only one is under load at a time): the handler's cost, less noisy than req/s on a busy machine.
  Both handlers block their loop for the fsync of each commit, so on a slow disk req/s of both
  is bounded by the disk and the throughput ratio drifts towards 1 while the CPU ratio does not.
- Runs alternate baseline, callgate, callgate, baseline, ... (``--runs`` of each) and every figure
  is the median of its runs; ratios are callgate/baseline.

Targets (issue 2): callgate throughput at least 0.5 x the baseline's; callgate p99 at 500 req/s
under 20 ms. Each prints PASS or MISS; only ``--strict`` turns a MISS into exit status 1. The
correctness checks (every post answered 2xx, the callgate database holds exactly one row per post)
always give exit status 1 when they fail, because then the numbers mean nothing.

``wrk`` is not used: the open loop needs scheduled sends (wrk2), and a Python client keeps the
benchmark runnable wherever the project's venv is.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import aiohttp
from aiohttp import web

from application import Office
from screening.settings import Key
from server.app_thread import AppThread
from server.listener import Listener
from storage.database import BUSY_TIMEOUT_MS, DB_FILENAME, open_database

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.loadgen import Job, JobResult, Kind, LoadGenerator

THROUGHPUT_TARGET = 0.5
P99_TARGET_MS = 20.0

T = TypeVar("T")


# ---------------------------------------------------------------------------------------------
# Servers (run in this process, each on its own thread and loop)
# ---------------------------------------------------------------------------------------------


class Server:
    """What the benchmark needs of a server under test."""

    name: str
    url: str

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def rows(self) -> tuple[int, int]:
        """(rows, distinct call ids) in its database, read through a fresh connection."""
        return (0, 0)


def count_rows(db_path: Path) -> tuple[int, int]:
    with sqlite3.connect(db_path) as conn:
        row = conn.execute("SELECT count(*), count(DISTINCT call_id) FROM calls").fetchone()
    return int(row[0]), int(row[1])


def prepare_database(db_path: Path) -> str:
    """A fresh callgate database in mode accept-all, so no call waits for a person; its token."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(db_path)
    try:
        office = Office.over(db)
        office.settings.set(Key.MODE, "accept-all")
        return office.webhook.token()
    finally:
        db.close()


class Callgate(Server):
    """The real listener, as `python main.py serve` runs it, on a fresh database."""

    name = "callgate"

    def __init__(self, data_dir: Path) -> None:
        self._db_path = data_dir / DB_FILENAME
        self._token = prepare_database(self._db_path)
        self._listener = Listener(self._db_path, "127.0.0.1", 0)
        self.url = ""

    def start(self) -> None:
        self._listener.start()
        self.url = self._listener.url(self._token)

    def stop(self) -> None:
        self._listener.stop()

    def rows(self) -> tuple[int, int]:
        return count_rows(self._db_path)


BASELINE_SCHEMA = """
CREATE TABLE IF NOT EXISTS calls (
    id INTEGER PRIMARY KEY,
    call_id TEXT NOT NULL UNIQUE,
    received_at TEXT NOT NULL,
    raw_body TEXT NOT NULL
)
"""
SQLITE = web.AppKey("sqlite", sqlite3.Connection)


def open_baseline_db(path: Path) -> sqlite3.Connection:
    """The same durability as storage.database.open_database: WAL, FULL sync, busy timeout."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(BASELINE_SCHEMA)
    conn.commit()
    return conn


async def baseline_webhook(request: web.Request) -> web.Response:
    """Parse, insert one row, commit, answer: nothing else."""
    raw = await request.read()
    data = json.loads(raw)
    conn = request.app[SQLITE]
    conn.execute(
        "INSERT INTO calls (call_id, received_at, raw_body) VALUES (?, ?, ?)",
        (str(data["callId"]), datetime.now(UTC).isoformat(timespec="milliseconds"),
         raw.decode()),
    )
    conn.commit()
    return web.json_response({"decision": "accept", "reason": "mode"})


async def null_webhook(request: web.Request) -> web.Response:
    await request.read()
    return web.json_response({"decision": "accept", "reason": "mode"})


def baseline_app(db_path: Path | None) -> web.Application:
    """A webhook app; with a db_path the baseline, without it the null handler."""
    app = web.Application(client_max_size=64 * 1024)
    if db_path is None:
        app.router.add_post("/hooks/null", null_webhook)
        return app

    async def database(app: web.Application) -> AsyncIterator[None]:
        app[SQLITE] = open_baseline_db(db_path)  # on the loop thread, like callgate
        yield
        app[SQLITE].close()

    app.cleanup_ctx.append(database)
    app.router.add_post("/hooks/baseline", baseline_webhook)
    return app


class ThreadedApp(Server):
    """An aiohttp app on its own thread and plain asyncio loop, served like Listener."""

    def __init__(self, name: str, make_app: Callable[[], web.Application], path: str,
                 db_path: Path | None = None) -> None:
        self.name = name
        self.url = ""
        self._path = path
        self._db_path = db_path
        self._server = AppThread(make_app, name=f"bench-{name}", shutdown_timeout=5)

    def start(self) -> None:
        self._server.start()
        self.url = f"http://127.0.0.1:{self._server.port}{self._path}"

    def stop(self) -> None:
        self._server.stop()

    def rows(self) -> tuple[int, int]:
        return count_rows(self._db_path) if self._db_path is not None else (0, 0)


# ---------------------------------------------------------------------------------------------
# Orchestration and report
# ---------------------------------------------------------------------------------------------


@dataclass
class Sample:
    """One run against one server, with the server process's CPU time over it."""

    result: JobResult
    cpu_seconds: float

    @property
    def cpu_us_per_request(self) -> float:
        return self.cpu_seconds / self.result.sent * 1e6 if self.result.sent else math.nan


@dataclass
class Series:
    """Every run of one kind against one server."""

    server: str
    samples: list[Sample] = field(default_factory=list)

    def median(self, pick: Callable[[Sample], float]) -> float:
        values = [v for v in (pick(s) for s in self.samples) if not math.isnan(v)]
        return statistics.median(values) if values else math.nan

    @property
    def throughput(self) -> float:
        return self.median(lambda s: s.result.throughput)

    @property
    def p50(self) -> float:
        return self.median(lambda s: s.result.p50_ms)

    @property
    def p99(self) -> float:
        return self.median(lambda s: s.result.p99_ms)

    @property
    def max_ms(self) -> float:
        return self.median(lambda s: s.result.max_ms)

    @property
    def cpu(self) -> float:
        return self.median(lambda s: s.cpu_us_per_request)

    @property
    def failed(self) -> int:
        return sum(s.result.failed for s in self.samples)

    @property
    def late_ms(self) -> float:
        return max((s.result.late_ms for s in self.samples), default=0.0)

    @property
    def saturated(self) -> int:
        return sum(s.result.stopped_at is not None for s in self.samples)


def measure(client: LoadGenerator, server: Server, job: Job) -> Sample:
    cpu_before = time.process_time()
    result = client.run(job)
    return Sample(result, time.process_time() - cpu_before)


def alternating(contenders: Sequence[T], runs: int) -> list[T]:
    """A, B, B, A, A, B, ...: each goes first as often as the other (drift cancels)."""
    order: list[T] = []
    for run in range(runs):
        order.extend(contenders if run % 2 == 0 else list(reversed(contenders)))
    return order


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def describe_failures(series: Series) -> str:
    statuses: Counter[int] = Counter()
    errors = 0
    first = ""
    for sample in series.samples:
        statuses.update(sample.result.statuses)
        errors += sample.result.errors
        first = first or sample.result.first_error
    parts = [f"HTTP {status} x{count}" for status, count in sorted(statuses.items())]
    if errors:
        parts.append(f"{errors} without answer ({first})")
    return ", ".join(parts)


def print_table(title: str, rows: list[Series], open_loop_table: bool) -> None:
    print(f"\n{title}")
    header = f"  {'server':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    print(header + f" {'cpu us/req':>11} {'failed':>7}   runs (req/s | p99 ms)")
    for series in rows:
        runs = " ".join(
            f"{s.result.throughput:.0f}|{s.result.p99_ms:.1f}"
            + ("" if s.result.stopped_at is None else f"(sat@{s.result.stopped_at:.1f}s)")
            for s in series.samples
        )
        print(
            f"  {series.server:<9} {series.throughput:>8.0f} {series.p50:>8.2f} "
            f"{series.p99:>8.2f} {series.max_ms:>8.1f} {series.cpu:>11.0f} "
            f"{series.failed:>7}   {runs}"
        )
        if series.failed:
            print(f"  {'':<9} failures: {describe_failures(series)}")
    if open_loop_table:
        late = max(series.late_ms for series in rows)
        print(f"  load generator fell behind its schedule by at most {late:.1f} ms"
              + (" (it was short of CPU: latencies include that)" if late > 5 else ""))
        for series in rows:
            if series.saturated:
                print(f"  SATURATED: {series.server} could not keep up in {series.saturated} of "
                      f"{len(series.samples)} runs (sat@T: the backlog cap hit T s into the run, "
                      "warm-up included); its latencies grow with the run's length")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="callgate's webhook beside a minimal aiohttp + SQLite handler (loopback).")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs per server and kind, alternated; medians reported (3)")
    parser.add_argument("--concurrency", type=int, default=32,
                        help="closed loop: keep-alive connections (32)")
    parser.add_argument("--seconds", type=float, default=4.0,
                        help="closed loop: measured seconds per run (4)")
    parser.add_argument("--rate", type=float, default=500.0,
                        help="open loop: posts per second (500)")
    parser.add_argument("--open-seconds", type=float, default=6.0,
                        help="open loop: measured seconds per run (6)")
    parser.add_argument("--open-connections", type=int, default=64,
                        help="open loop: most keep-alive connections at once (64)")
    parser.add_argument("--open-backlog", type=float, default=1.0,
                        help="open loop: stop a run once this many seconds' worth of posts wait "
                             "for an answer: the server cannot keep the rate (1)")
    parser.add_argument("--warmup", type=float, default=1.0,
                        help="seconds of load before each measurement window (1)")
    parser.add_argument("--no-ceiling", action="store_true",
                        help="skip the null-handler run that shows the load generator's ceiling")
    parser.add_argument("--tmp-dir", type=Path, default=None,
                        help="where the temporary databases go (default: the system temp dir; "
                             "it should be a real disk, fsync is part of what is measured)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases")
    parser.add_argument("--strict", action="store_true",
                        help="exit status 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.concurrency < 1 or args.open_connections < 1:
        parser.error("--runs, --concurrency and --open-connections must be at least 1")
    if args.seconds <= 0 or args.open_seconds <= 0 or args.rate <= 0 or args.warmup < 0:
        parser.error("durations and the rate must be positive")
    return args


@dataclass
class WebhookReport:
    """What one run measured: `main` prints it in full, bench/run.py picks the headline figures."""

    closed: dict[str, Series]
    opened: dict[str, Series]
    ceiling: Sample | None
    rows: dict[str, tuple[int, int]]  # (rows, distinct call ids) per server, after the runs
    load_after: str

    @property
    def throughput_ratio(self) -> float:
        return ratio(self.closed["callgate"].throughput, self.closed["baseline"].throughput)

    def checks(self) -> list[tuple[bool, str]]:
        """Every post answered 2xx and recorded once; when not, the numbers mean nothing."""
        lines: list[tuple[bool, str]] = []
        for name, (rows, distinct) in self.rows.items():
            every = [*self.closed[name].samples, *self.opened[name].samples]
            sent = sum(s.result.sent for s in every)
            ok = sum(s.result.ok for s in every)
            lines.append((ok == sent, f"{name}: {ok} of {sent} posts answered 2xx"))
            lines.append((rows == sent and distinct == rows,
                          f"{name}: {rows} rows ({distinct} distinct call ids) for {sent} posts"))
        return lines

    @property
    def checks_ok(self) -> bool:
        return all(ok for ok, _ in self.checks())


def benchmark(args: argparse.Namespace, work: Path) -> WebhookReport:
    """Both servers under the same load, alternated; their databases go in `work`."""
    callgate = Callgate(work / "callgate")
    baseline = ThreadedApp("baseline", lambda: baseline_app(work / "baseline.db"),
                           "/hooks/baseline", work / "baseline.db")
    null = ThreadedApp("null", lambda: baseline_app(None), "/hooks/null")
    servers: list[Server] = [baseline, callgate]
    client = LoadGenerator()
    started: list[Server] = []
    try:
        for server in (*servers, null):
            server.start()
            started.append(server)
        jobs = 0

        def job(server: Server, kind: Kind) -> Job:
            nonlocal jobs
            jobs += 1
            closed = kind == "closed"
            return Job(
                url=server.url, kind=kind,
                connections=args.concurrency if closed else args.open_connections,
                seconds=args.seconds if closed else args.open_seconds,
                warmup=args.warmup, rate=args.rate,
                max_backlog=max(1, round(args.rate * args.open_backlog)),
                id_prefix=f"{jobs:06d}",
            )

        ceiling = None if args.no_ceiling else measure(client, null, job(null, "closed"))
        closed = {server.name: Series(server.name) for server in servers}
        for server in alternating(servers, args.runs):
            closed[server.name].samples.append(measure(client, server, job(server, "closed")))
        opened = {server.name: Series(server.name) for server in servers}
        for server in alternating(servers, args.runs):
            opened[server.name].samples.append(measure(client, server, job(server, "open")))
    finally:
        for server in reversed(started):
            server.stop()
        client.close()
    rows = {server.name: server.rows() for server in servers}
    return WebhookReport(closed, opened, ceiling, rows, load_average())


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="callgate-bench-", dir=args.tmp_dir))
    print(
        f"callgate webhook benchmark: loopback, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, aiohttp {aiohttp.__version__}, "
        f"SQLite {sqlite3.sqlite_version}"
    )
    print(f"databases in {work} (WAL, synchronous=FULL); load generator: aiohttp client "
          f"in a separate process, keep-alive, fresh callId per post")
    print(f"load average before: {load_average()} (other work on the machine skews everything)")
    report = benchmark(args, work)
    closed, opened, ceiling = report.closed, report.opened, report.ceiling

    print(f"load average after:  {report.load_after}")
    if ceiling is not None:
        print(f"\nload generator ceiling (null handler, no SQLite, {args.concurrency} conns): "
              f"{ceiling.result.throughput:.0f} req/s, p99 {ceiling.result.p99_ms:.2f} ms")
    print_table(
        f"closed loop: {args.concurrency} connections, {args.seconds:g} s per run "
        f"after {args.warmup:g} s warm-up, median of {args.runs} runs",
        list(closed.values()), open_loop_table=False,
    )
    print_table(
        f"open loop: {args.rate:g} req/s for {args.open_seconds:g} s per run "
        f"(latency from scheduled send time), median of {args.runs} runs",
        list(opened.values()), open_loop_table=True,
    )

    throughput_ratio = report.throughput_ratio
    closed_p99_ratio = ratio(closed["callgate"].p99, closed["baseline"].p99)
    open_p99_ratio = ratio(opened["callgate"].p99, opened["baseline"].p99)
    cpu_ratio = ratio(closed["callgate"].cpu, closed["baseline"].cpu)
    open_p99 = opened["callgate"].p99
    print("\nratios callgate/baseline:")
    print(f"  throughput {throughput_ratio:.2f}   p99 closed loop {closed_p99_ratio:.2f}   "
          f"p99 at {args.rate:g} req/s {open_p99_ratio:.2f}   cpu per request {cpu_ratio:.2f}")

    throughput_ok = throughput_ratio >= THROUGHPUT_TARGET
    p99_ok = open_p99 < P99_TARGET_MS
    print("targets:")
    print(f"  {verdict(throughput_ok)}  throughput ratio {throughput_ratio:.2f} "
          f">= {THROUGHPUT_TARGET}")
    print(f"  {verdict(p99_ok)}  callgate p99 at {args.rate:g} req/s {open_p99:.2f} ms "
          f"< {P99_TARGET_MS:g} ms")

    print("checks:")
    for ok, line in report.checks():
        print(f"  {'OK  ' if ok else 'FAIL'}  {line}")

    if args.keep:
        print(f"\ndatabases kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    if not report.checks_ok:
        return 1
    if args.strict and not (throughput_ok and p99_ok):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
