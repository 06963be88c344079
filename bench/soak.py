"""Soak test (issue 6, "Long run"): the real listener for a long run at a steady rate with bursts.

Run from the project root (loopback only, Linux: it reads /proc)::

    .venv/bin/python bench/soak.py                                   # 30 minutes
    .venv/bin/python bench/soak.py --minutes 3 --interval 30         # a short look
    .venv/bin/python bench/soak.py --minutes 0.1 --interval 3 --burst 50   # smoke test

What runs where:

- listener: ``python main.py serve`` as its own process, exactly as an office runs it, on a fresh
  database in a temp dir (never the user's data dir), mode ``accept-all`` and one block rule
  (``0120*``), so the run gets both answers, 200 and 403. Memory (VmRSS) and open descriptors
  are read from /proc for that process alone.
- client (this process): posts commubo's sample bodies with a fresh ``callId`` each, in turn
  a registered customer, another customer, a 0120 sales call (blocked: 403) and a withheld
  caller, at ``--rate`` calls/s over a few keep-alive connections; and once per ``--interval``,
  half-way through it, a burst of ``--burst`` calls at once, each on its own connection, as when
  a campaign makes many people call together. Latency runs from each call's *scheduled* time, so
  a stalled listener is charged for the calls queued behind the stall. The client shares the
  machine's cores with the listener, so burst latency here is worse than commubo would see.

A call fails when it gets no answer (connection error, timeout), a status other than 200/403,
the wrong one of them (a 403 for a customer, a 200 for the blocked number), a fail-safe answer,
or an answer slower than 2 s (commubo gives up about then; the customer is lost).

One row per interval: minutes elapsed, the listener's RSS and descriptors, p50/p99/max latency
of the calls answered in the interval, calls answered and failed in it, and all calls answered
so far beside the rows in the calls table (read through a separate read-only connection).

PASS needs all of:

- no failed call;
- nothing lost: every call id that was answered is in the calls table once the listener has
  stopped (a call answered while storage was slow is written later, so during the run the
  recorded count may trail the answered one; at the end a missing id is a lost call);
- flat memory, two limits on the listener's RSS. A healthy process grows for a while and then
  levels off: SQLite's page caches fill (2 MiB per connection by default),
  Python's allocator arenas reach the high-water mark of a burst, aiohttp's buffers are made.
  A leak grows with every call, without end. So: (1) levelled off: from the row half-way through
  the run to the last, RSS grows at most max(LEVEL_SLACK_MIB, LEVEL_SLACK_SHARE of it); the
  default run makes 21,000 calls in its second half, so a leak of about 100 bytes a call fails
  it, while warm-up is over within the first minutes; (2) bounded: from the first row (after one
  interval and one burst) to the last, at most max(RSS_SLACK_MIB, RSS_SLACK_SHARE of it), so a
  process that bloats early and then stops is caught too. Short runs check little: with two
  rows the half-way row is the first;
- flat descriptors: the last row at most STEADY_CONNECTIONS above the first: the steady client
  keeps up to that many keep-alive connections, each a descriptor in the listener, while each
  burst closes its connections once answered; so a descriptor leaked per call or per burst (or,
  in a long run, per interval) shows as growth beyond the slack;
- a clean stop: SIGTERM makes ``serve`` finish the calls in flight and exit 0.

Exit status 1 on FAIL. On FAIL the temp dir (database and the listener's log) is kept.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import json
import math
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.loadgen import percentile
from storage.database import DB_FILENAME

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"
SAMPLE = ROOT / "server" / "sample_call.json"
HOST = "127.0.0.1"
HEADERS = {"Content-Type": "application/json"}
SLOW_S = 2.0  # commubo gives up about then: a slower answer loses the call
CLIENT_TIMEOUT_S = 10.0  # long enough to see how slow a slow answer was
STEADY_CONNECTIONS = 4
RSS_SLACK_MIB = 8.0
RSS_SLACK_SHARE = 0.15
LEVEL_SLACK_MIB = 2.0
LEVEL_SLACK_SHARE = 0.03
START_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 30.0
CALL_ID_BASE = 7_000_000_000_000_000  # commubo's call ids are 16 digits
PR_SET_PDEATHSIG = 1


# ---------------------------------------------------------------------------------------------
# The listener, as its own process
# ---------------------------------------------------------------------------------------------


def free_port() -> int:
    """A port free right now: `serve` takes 1-65535 only, so it cannot bind port 0 itself."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def die_with_parent() -> None:
    """In the child before exec: SIGTERM when the soak dies, even by SIGKILL (no orphan)."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class ListenerProcess:
    """`python main.py serve` on its own data dir and port, measured through /proc."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / DB_FILENAME
        self.log_path = data_dir / "serve.log"
        self.port = free_port()
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None

    def command(self, *args: str) -> list[str]:
        return [sys.executable, str(MAIN), "--data-dir", str(self.data_dir), "--host", HOST,
                "--port", str(self.port), *args]

    def cli(self, *args: str) -> str:
        done = subprocess.run(self.command(*args), capture_output=True, text=True, check=True,
                              cwd=ROOT)
        return done.stdout.strip()

    def prepare(self) -> None:
        """The office's setup, through the same commands a person types."""
        self.cli("config", "mode", "accept-all")
        self.cli("block", "0120*", "--note", "sales calls (soak)")
        self.url = self.cli("url")

    def launch(self) -> tuple[list[str], dict[str, str] | None]:
        """What `start` runs, and its environment (None: this one's)."""
        return self.command("serve"), None

    def start(self) -> None:
        command, env = self.launch()
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=env,
                stdin=subprocess.DEVNULL, preexec_fn=die_with_parent,
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.exit_status() is not None:
                raise RuntimeError(f"the listener exited with status {self.exit_status()}:\n"
                                   + self.log_path.read_text(errors="replace"))
            health = f"http://{HOST}:{self.port}/healthz"
            with contextlib.suppress(OSError), urllib.request.urlopen(health, timeout=1):
                if self.exit_status() is None:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"the listener did not answer /healthz within {START_TIMEOUT_S:g} s")

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def exit_status(self) -> int | None:
        return None if self._process is None else self._process.poll()

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS in /proc status")

    def fds(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def stop(self) -> tuple[int | None, float]:
        """SIGTERM, as a service manager stops it: (exit status or None if killed, seconds)."""
        if self._process is None or self._process.poll() is not None:
            return self.exit_status(), 0.0
        began = time.monotonic()
        self._process.send_signal(signal.SIGTERM)
        try:
            status = self._process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
            return None, time.monotonic() - began
        return status, time.monotonic() - began

    def unexpected_log_lines(self) -> list[str]:
        """Log lines other than the per-call lines and the start and stop notes."""
        usual = ("accept ", "reject ", "listening on ", "stopping: ")
        lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        # `2025-01-06 09:00:00,123 message`: the message starts after the second space.
        return [line for line in lines
                if not line.split(" ", 2)[-1].startswith(usual)]


def recorded_ids(db_path: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(db_path.as_uri() + "?mode=ro", uri=True)) as conn:
        return {row[0] for row in conn.execute("SELECT call_id FROM calls")}


def recorded_count(db_path: Path) -> int:
    with contextlib.closing(sqlite3.connect(db_path.as_uri() + "?mode=ro", uri=True)) as conn:
        return int(conn.execute("SELECT count(*) FROM calls").fetchone()[0])


# ---------------------------------------------------------------------------------------------
# The calls
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Caller:
    """One kind of caller in the mix, and the answer commubo must get for it."""

    name: str
    phone_prefix: str  # the number is this and the call's sequence number ("" for withheld)
    customer: bool
    status: int


CALLERS = (
    Caller("customer", "0330", customer=True, status=200),
    Caller("customer", "0661", customer=True, status=200),
    Caller("sales", "0120", customer=False, status=403),
    Caller("withheld", "", customer=False, status=200),
)


@dataclass(frozen=True)
class PlannedCall:
    call_id: str
    body: bytes
    status: int


class Switchboard:
    """Makes the calls of the run: commubo's sample body, a fresh id and number for each."""

    def __init__(self) -> None:
        self._sample: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
        self.made = 0

    def next_call(self) -> PlannedCall:
        caller = CALLERS[self.made % len(CALLERS)]
        call_id = f"{CALL_ID_BASE + self.made:016d}"
        self.made += 1
        body = dict(self._sample, callId=call_id)
        body["phoneNumber"] = (f"{caller.phone_prefix}{self.made % 1_000_000:06d}"
                               if caller.phone_prefix else "")
        if not caller.customer:
            del body["customer"]
        return PlannedCall(call_id, json.dumps(body, ensure_ascii=False).encode(), caller.status)


# ---------------------------------------------------------------------------------------------
# Tallies and the report
# ---------------------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the calls of a stretch of time got."""

    latencies_ms: list[float] = field(default_factory=list)
    answered: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    first_failure: str = ""

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def fail(self, kind: str, detail: str) -> None:
        self.failures[kind] += 1
        self.first_failure = self.first_failure or detail


@dataclass(frozen=True)
class Row:
    minutes: float
    rss_mib: float
    fds: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    answered: int
    failed: int
    total_answered: int
    recorded: int


HEADER = (f"{'min':>6} {'RSS MiB':>8} {'fds':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'answered':>9} {'failed':>7} {'total':>8} {'recorded':>9}")


def format_row(row: Row) -> str:
    return (f"{row.minutes:6.2f} {row.rss_mib:8.1f} {row.fds:5d} {row.p50_ms:8.1f} "
            f"{row.p99_ms:8.1f} {row.max_ms:8.1f} {row.answered:9d} {row.failed:7d} "
            f"{row.total_answered:8d} {row.recorded:9d}")


@dataclass
class Soak:
    """The run's state, shared by the steady caller, the bursts and the reporter."""

    listener: ListenerProcess
    switchboard: Switchboard = field(default_factory=Switchboard)
    interval: Tally = field(default_factory=Tally)
    total: Tally = field(default_factory=Tally)
    answered_ids: set[str] = field(default_factory=set)
    rows: list[Row] = field(default_factory=list)
    scheduler_late_s: float = 0.0
    stopped_early: str = ""

    async def call(self, session: aiohttp.ClientSession, scheduled: float) -> None:
        """One call, as commubo makes it; its outcome goes into the tallies."""
        planned = self.switchboard.next_call()
        status, reason, error = 0, "", ""
        try:
            async with session.post(self.listener.url, data=planned.body,
                                    headers=HEADERS) as response:
                status = response.status
                with contextlib.suppress(ValueError):
                    reason = str((await response.json(content_type=None)).get("reason", ""))
        except (aiohttp.ClientError, TimeoutError) as problem:
            error = f"{type(problem).__name__}: {problem}"
        took = time.monotonic() - scheduled
        for tally in (self.interval, self.total):
            self.note(tally, planned, took, status, reason, error)
        if status in (200, 403):
            self.answered_ids.add(planned.call_id)

    @staticmethod
    def note(tally: Tally, planned: PlannedCall, took: float, status: int, reason: str,
             error: str) -> None:
        if error:
            tally.fail("no answer", f"call {planned.call_id}: {error}")
            return
        if status not in (200, 403):
            tally.fail("bad status", f"call {planned.call_id}: status {status}")
            return
        tally.answered += 1
        tally.latencies_ms.append(took * 1000)
        if status != planned.status:
            tally.fail("wrong answer", f"call {planned.call_id}: {status}, "
                                       f"expected {planned.status}")
        elif reason == "failsafe":
            tally.fail("fail-safe", f"call {planned.call_id}: answered by the fail-safe")
        elif took > SLOW_S:
            tally.fail("slow", f"call {planned.call_id}: answered after {took:.2f} s")


async def sleep_until(moment: float) -> float:
    """Sleeps until the monotonic moment; how late it woke (0 if the moment had passed)."""
    delay = moment - time.monotonic()
    if delay > 0:
        await asyncio.sleep(delay)
    return max(0.0, time.monotonic() - moment)


async def steady_calls(soak: Soak, session: aiohttp.ClientSession, start: float, end: float,
                       rate: float, in_flight: set[asyncio.Task[None]]) -> None:
    """Calls on a fixed schedule, whatever the answers do (an open loop)."""
    index = 0
    while (scheduled := start + index / rate) < end:
        soak.scheduler_late_s = max(soak.scheduler_late_s, await sleep_until(scheduled))
        task = asyncio.create_task(soak.call(session, scheduled))
        in_flight.add(task)
        task.add_done_callback(in_flight.discard)
        index += 1


async def bursts(soak: Soak, start: float, end: float, interval: float, size: int,
                 client_timeout: aiohttp.ClientTimeout) -> None:
    """Half-way through each interval, `size` calls at once, each on its own connection."""
    moment = start + interval / 2
    while size > 0 and moment < end:
        await sleep_until(moment)
        # Its own session, closed once every call is answered: a burst's connections are gone
        # before the next row counts the listener's descriptors.
        connector = aiohttp.TCPConnector(limit=0, force_close=True)
        async with aiohttp.ClientSession(connector=connector,
                                         timeout=client_timeout) as session:
            await asyncio.gather(*(soak.call(session, moment) for _ in range(size)))
        moment += interval


async def run_soak(soak: Soak, seconds: float, rate: float, interval: float,
                   burst: int) -> None:
    """Steady calls and bursts for `seconds`, one row every `interval`; then the stragglers."""
    timeout = aiohttp.ClientTimeout(total=CLIENT_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=STEADY_CONNECTIONS)
    in_flight: set[asyncio.Task[None]] = set()
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        start = time.monotonic() + 0.05
        end = start + seconds
        callers = [
            asyncio.create_task(steady_calls(soak, session, start, end, rate, in_flight)),
            asyncio.create_task(bursts(soak, start, end, interval, burst, timeout)),
        ]
        print(HEADER, flush=True)
        moments = [min(start + interval * k, end)
                   for k in range(1, math.ceil(seconds / interval - 1e-9) + 1)]
        for moment in moments:
            await sleep_until(moment)
            status = soak.listener.exit_status()
            if status is not None:
                soak.stopped_early = f"the listener exited with status {status} mid-run"
                break
            soak.rows.append(await take_row(soak, (moment - start) / 60))
            print(format_row(soak.rows[-1]), flush=True)
        if soak.stopped_early:
            for task in callers:
                task.cancel()
        await asyncio.gather(*callers, return_exceptions=True)
        await asyncio.gather(*in_flight)


async def take_row(soak: Soak, minutes: float) -> Row:
    listener, tally = soak.listener, soak.interval
    soak.interval = Tally()
    answered = soak.total.answered  # before the count: calls answered during it are not in it
    recorded = await asyncio.to_thread(recorded_count, listener.db_path)
    return Row(
        minutes=minutes, rss_mib=listener.rss_mib(), fds=listener.fds(),
        p50_ms=percentile(tally.latencies_ms, 50), p99_ms=percentile(tally.latencies_ms, 99),
        max_ms=max(tally.latencies_ms, default=math.nan), answered=tally.answered,
        failed=tally.failed, total_answered=answered, recorded=recorded,
    )


# ---------------------------------------------------------------------------------------------
# The verdict
# ---------------------------------------------------------------------------------------------


def check(ok: bool, text: str) -> bool:
    print(f"  {'OK  ' if ok else 'FAIL'}  {text}")
    return ok


def summarize(soak: Soak, recorded: set[str], stopped: tuple[int | None, float],
              odd_log: list[str]) -> bool:
    """Prints the summary and the checks; True when every check passed."""
    total, rows = soak.total, soak.rows
    made = soak.switchboard.made
    print(f"\ncalls made {made}, answered {total.answered} (200/403), failed {total.failed}, "
          f"recorded {len(recorded)}")
    print(f"latency p50 {percentile(total.latencies_ms, 50):.1f} ms, "
          f"p99 {percentile(total.latencies_ms, 99):.1f} ms, "
          f"max {max(total.latencies_ms, default=math.nan):.1f} ms; "
          f"client scheduler late by {soak.scheduler_late_s * 1000:.0f} ms at worst")
    if total.failures:
        kinds = ", ".join(f"{kind} {count}" for kind, count in total.failures.most_common())
        print(f"failures: {kinds}; first: {total.first_failure}")
    if odd_log:
        print(f"listener log: {len(odd_log)} lines besides the call lines, first ones:")
        for line in odd_log[:5]:
            print(f"    {line}")
    print("checks:")
    passed = check(not soak.stopped_early and len(rows) > 0,
                   soak.stopped_early or f"the run completed ({len(rows)} rows)")
    passed &= check(total.failed == 0,
                    f"{total.failed} of {made} calls failed "
                    f"(no answer, not 200/403, wrong, fail-safe, > {SLOW_S:g} s)")
    lost = soak.answered_ids - recorded
    unasked = recorded - soak.answered_ids
    passed &= check(not lost, f"{len(lost)} answered calls missing from the calls table "
                              f"(answered {len(soak.answered_ids)}, recorded {len(recorded)}"
                              + (f", {len(unasked)} recorded but unanswered" if unasked else "")
                              + ")")
    if rows:
        first, middle, last = rows[0], rows[(len(rows) - 1) // 2], rows[-1]
        growth, level = last.rss_mib - first.rss_mib, last.rss_mib - middle.rss_mib
        slack = max(RSS_SLACK_MIB, RSS_SLACK_SHARE * first.rss_mib)
        level_slack = max(LEVEL_SLACK_MIB, LEVEL_SLACK_SHARE * middle.rss_mib)
        calls = max(1, last.total_answered - middle.total_answered)
        passed &= check(level <= level_slack,
                        f"RSS {middle.rss_mib:.1f} MiB half-way ({middle.minutes:.2f} min), "
                        f"{last.rss_mib:.1f} MiB at the end: {level:+.1f} MiB "
                        f"({level * 1024 * 1024 / calls:+.0f} bytes a call), "
                        f"limit +{level_slack:.1f} MiB")
        passed &= check(growth <= slack,
                        f"RSS {first.rss_mib:.1f} MiB at the first row, {last.rss_mib:.1f} MiB "
                        f"at the last: {growth:+.1f} MiB, limit +{slack:.1f} MiB")
        passed &= check(last.fds <= first.fds + STEADY_CONNECTIONS,
                        f"fds {first.fds} at the first row, {last.fds} at the last "
                        f"(peak {max(row.fds for row in rows)}), "
                        f"limit {first.fds + STEADY_CONNECTIONS}")
    status, seconds = stopped
    passed &= check(status == 0, "SIGTERM: the listener " + (
        f"exited with status {status} after {seconds:.1f} s" if status is not None
        else f"did not stop within {STOP_TIMEOUT_S:g} s and was killed"))
    print(f"\n{'PASS' if passed else 'FAIL'}: soak of {soak.rows[-1].minutes if rows else 0:.2f} "
          f"min, {made} calls")
    return passed


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Soak test: `main.py serve` for a long run at a steady rate with bursts.")
    parser.add_argument("--minutes", type=float, default=30.0, help="length of the run (30)")
    parser.add_argument("--rate", type=float, default=20.0, help="steady calls per second (20)")
    parser.add_argument("--burst", type=int, default=200,
                        help="calls at once, half-way through every interval (200; 0: none)")
    parser.add_argument("--interval", type=float, default=60.0,
                        help="seconds per report row (60)")
    parser.add_argument("--tmp-dir", type=Path, default=None,
                        help="where the temporary data dir goes (default: the system temp dir)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the data dir (database, listener log) even on PASS")
    args = parser.parse_args(argv)
    if args.minutes <= 0 or args.rate <= 0 or args.interval <= 0 or args.burst < 0:
        parser.error("--minutes, --rate and --interval must be positive, --burst not negative")
    return args


@contextlib.contextmanager
def terminated_by_sigterm() -> Iterator[None]:
    """SIGTERM to the soak runs its cleanup (and stops the listener) like Ctrl-C does."""
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="callgate-soak-", dir=args.tmp_dir))
    listener = ListenerProcess(work)
    passed = False
    try:
        with terminated_by_sigterm():
            listener.prepare()
            listener.start()
            print(f"callgate soak: `main.py serve` pid {listener.pid} on {HOST}:{listener.port}, "
                  f"data dir {work}")
            print(f"{args.minutes:g} min at {args.rate:g} calls/s, a burst of {args.burst} every "
                  f"{args.interval:g} s; mix: 2 customers (200), a blocked 0120 caller (403), "
                  f"a withheld caller (200)", flush=True)
            soak = Soak(listener)
            asyncio.run(run_soak(soak, args.minutes * 60, args.rate, args.interval, args.burst))
            stopped = listener.stop()
            passed = summarize(soak, recorded_ids(listener.db_path), stopped,
                               listener.unexpected_log_lines())
    finally:
        listener.stop()
        if passed and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"data dir kept: {work} (serve.log is the listener's log)")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
