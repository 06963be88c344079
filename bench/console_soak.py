"""Console soak (issue 15, "flat all day"): the real console open all day, calls coming steadily.

Run from the project root (loopback only, Linux: it reads /proc)::

    .venv/bin/python bench/console_soak.py                          # 30,000 calls at 100/s, 5 min
    .venv/bin/python bench/console_soak.py --calls 6000 --checkpoint 2000   # a short look

What runs where:

- console: `python main.py`, the console with its listener embedded as `make run` opens it, as
  its own process, offscreen, on a fresh data dir set up as bench/soak.py sets up the headless
  listener (mode accept-all, a block rule 0120*). Its desktop preferences live in the temp dir
  with the setup marked done, so no setup dialog opens (this script's `--as-console` does only
  that, then runs the command line). The tab shown is the one it opens on: *Live calls*.
- client: this process, bench/soak.py's callers (customers, a blocked 0120 caller, withheld
  callers) on its open loop: calls scheduled at `--rate`, latency from each call's scheduled
  time, so a console that stalls the listener is charged for the calls queued behind it.

What it reports, one row per `--checkpoint` calls (bench/soak.py's row: the console's RSS and
descriptors, the latency of the calls of that stretch, ...), then:

- memory: the console's RSS after the first checkpoint and at the end. Target: the end at most
  1.1 x the first (a console that keeps something of every call grows in a straight line);
- listener p99 over the last checkpoint's calls against the first's. Target: at most 1.2 x;
- GUI thread CPU per call: the console's main thread (where Qt's event loop runs) read from
  /proc/PID/task/PID/schedstat (nanoseconds on a CPU) around `--cpu-seconds` of calls at
  `--cpu-rate` (20/s), after the long run, and a moment after them (the Live calls tab is in
  front: the History tab takes the calls in once it is shown, not while hidden); beside it
  the same thread over as long idle, per as many calls (the baseline: what the console costs
  doing nothing). Target: at most 2 ms a call.

Exit status 1 when a call failed (bench/soak.py's meaning: no answer, wrong answer, fail-safe,
slower than 2 s) or an answered call is missing from the calls table; a missed target is only
reported (bench/run.py prints the verdicts).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.soak import (
    CLIENT_TIMEOUT_S,
    STEADY_CONNECTIONS,
    ListenerProcess,
    Row,
    Soak,
    recorded_ids,
    run_soak,
    steady_calls,
)

AS_CONSOLE = "--as-console"
RSS_TARGET = 1.10  # the end's RSS against the first checkpoint's
P99_TARGET = 1.20  # the last checkpoint's p99 against the first's
CPU_TARGET_MS = 2.0  # GUI thread CPU per call
SETTLE_S = 2.0  # after the long run, before the CPU is measured: the console catches up
CAUGHT_UP_S = 1.0  # after the last call of the CPU stretch: the live list's last change is in
# (each at most a share of a short --cpu-seconds)


class ConsoleProcess(ListenerProcess):
    """The console (`python main.py`, its listener embedded) as its own process, offscreen."""

    def launch(self) -> tuple[list[str], dict[str, str] | None]:
        home = self.data_dir / "desktop"
        env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6",
                            "XDG_CONFIG_HOME": str(home / "config"),
                            "XDG_DATA_HOME": str(home / "data")}
        _, _, *args = self.command("--embedded")
        return [sys.executable, str(Path(__file__).resolve()), AS_CONSOLE, *args], env

    def gui_cpu_s(self) -> float:
        """CPU time of the console's main thread, Qt's: its tid is the process id."""
        return int(Path(f"/proc/{self.pid}/task/{self.pid}/schedstat").read_text().split()[0]) / 1e9


def as_console(argv: list[str]) -> int:
    """In the console's process: its setup marked done (it would open a dialog that looks for
    the internet), then the console as `python main.py ARGS` opens it."""
    from cli import main as callgate
    from gui.preferences import Preferences

    preferences = Preferences(Path(argv[argv.index("--data-dir") + 1]))
    preferences.setup_done = True
    preferences.keep()
    return callgate(argv)


@dataclass(frozen=True)
class ConsoleSoakReport:
    calls: int
    rate: float
    checkpoint: int
    rows: list[Row]
    failed: int  # calls failed, bench/soak.py's meaning
    lost: int  # answered calls missing from the calls table
    stopped: int | None  # the console's exit status after SIGTERM (None: killed)
    cpu_rate: float
    cpu_calls: int  # calls of the CPU stretch
    busy_cpu_s: float  # the GUI thread's CPU over them
    idle_cpu_s: float  # the same thread idle, as long

    @property
    def first(self) -> Row:
        return self.rows[0]

    @property
    def last(self) -> Row:
        return self.rows[-1]

    @property
    def cpu_ms(self) -> float:
        return self.busy_cpu_s * 1000 / max(self.cpu_calls, 1)

    @property
    def idle_ms(self) -> float:
        return self.idle_cpu_s * 1000 / max(self.cpu_calls, 1)

    @property
    def rss_ratio(self) -> float:
        return self.last.rss_mib / self.first.rss_mib

    @property
    def p99_ratio(self) -> float:
        return self.last.p99_ms / self.first.p99_ms


async def cpu_stretch(soak: Soak, console: ConsoleProcess, seconds: float,
                      rate: float) -> tuple[int, float, float]:
    """(calls, GUI CPU s over them, GUI CPU s as long idle), after the console settled."""
    settle = min(SETTLE_S, seconds)
    caught_up = min(CAUGHT_UP_S, seconds / 2)
    await asyncio.sleep(settle)
    idle_from = console.gui_cpu_s()
    await asyncio.sleep(seconds + caught_up)
    idle = console.gui_cpu_s() - idle_from
    made = soak.switchboard.made
    timeout = aiohttp.ClientTimeout(total=CLIENT_TIMEOUT_S)
    in_flight: set[asyncio.Task[None]] = set()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=STEADY_CONNECTIONS),
                                     timeout=timeout) as session:
        busy_from = console.gui_cpu_s()
        start = time.monotonic() + 0.05
        await steady_calls(soak, session, start, start + seconds, rate, in_flight)
        await asyncio.gather(*in_flight)
        await asyncio.sleep(caught_up)
        busy = console.gui_cpu_s() - busy_from
    return soak.switchboard.made - made, busy, idle


def benchmark(calls: int, rate: float, checkpoint: int, cpu_seconds: float, cpu_rate: float,
              work: Path) -> ConsoleSoakReport:
    """The whole soak on a fresh data dir in `work`; the rows printed as they come."""
    console = ConsoleProcess(work)
    try:
        console.prepare()
        console.start()
        soak = Soak(console)
        print(f"console soak: `main.py` pid {console.pid} on {console.url.split('/hooks')[0]}, "
              f"{calls:,} calls at {rate:g}/s, a row every {checkpoint:,}", flush=True)
        asyncio.run(run_soak(soak, calls / rate, rate, checkpoint / rate, 0))
        cpu_calls, busy, idle = asyncio.run(cpu_stretch(soak, console, cpu_seconds, cpu_rate))
        stopped, _ = console.stop()
        lost = len(soak.answered_ids - recorded_ids(console.db_path))
    finally:
        console.stop()
    return ConsoleSoakReport(calls, rate, checkpoint, soak.rows, soak.total.failed, lost,
                             stopped, cpu_rate, cpu_calls, busy, idle)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def summary(report: ConsoleSoakReport) -> list[str]:
    first, last = report.first, report.last
    return [
        f"RSS {first.rss_mib:.1f} MiB after {first.total_answered:,} calls, "
        f"{last.rss_mib:.1f} MiB after {last.total_answered:,}: x{report.rss_ratio:.2f} "
        f"({verdict(report.rss_ratio <= RSS_TARGET)} <= {RSS_TARGET})",
        f"listener p99 {first.p99_ms:.1f} ms over the first stretch, {last.p99_ms:.1f} ms over "
        f"the last: x{report.p99_ratio:.2f} ({verdict(report.p99_ratio <= P99_TARGET)} "
        f"<= {P99_TARGET})",
        f"GUI thread CPU {report.cpu_ms:.2f} ms a call at {report.cpu_rate:g} calls/s "
        f"({report.cpu_calls} calls), idle {report.idle_ms:.2f} ms per as many "
        f"({verdict(report.cpu_ms <= CPU_TARGET_MS)} <= {CPU_TARGET_MS:g} ms)",
        f"{report.failed} calls failed, {report.lost} answered calls not recorded; "
        f"the console exited with status {report.stopped} on SIGTERM",
    ]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Console soak: the real console open while calls come steadily.")
    parser.add_argument("--calls", type=int, default=30_000, help="calls of the run (30000)")
    parser.add_argument("--rate", type=float, default=100.0, help="calls per second (100)")
    parser.add_argument("--checkpoint", type=int, default=5_000,
                        help="calls per row; the first and the last are compared (5000)")
    parser.add_argument("--cpu-seconds", type=float, default=15.0,
                        help="seconds of calls at --cpu-rate for the GUI thread's CPU (15)")
    parser.add_argument("--cpu-rate", type=float, default=20.0,
                        help="calls per second while the GUI thread's CPU is read (20)")
    parser.add_argument("--keep", action="store_true", help="keep the data dir")
    args = parser.parse_args(argv)
    if min(args.calls, args.checkpoint, args.rate, args.cpu_seconds, args.cpu_rate) <= 0:
        parser.error("every number must be positive")
    if args.calls < 2 * args.checkpoint:
        parser.error("--calls must be at least twice --checkpoint")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="callgate-console-soak-"))
    try:
        report = benchmark(args.calls, args.rate, args.checkpoint, args.cpu_seconds,
                           args.cpu_rate, work)
    finally:
        if args.keep:
            print(f"data dir kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    for line in summary(report):
        print(line)
    return 1 if report.failed or report.lost else 0


if __name__ == "__main__":
    if sys.argv[1:2] == [AS_CONSOLE]:
        sys.exit(as_console(sys.argv[2:]))
    sys.exit(main())
