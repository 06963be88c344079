"""Benchmark: does the console's GUI thread stay free while a burst arrives over a big history?

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/stall.py [--calls N] [--burst N] [--db F]

The real console (cli.console.embedded and gui.app.open_window, as `make run` opens it,
offscreen) on a history of `--calls` calls (built by bench/history.py, or `--db`), with its
History tab shown, the tab that re-reads the most. A timer on the GUI thread fires every
TICK_MS and records how late it is: that lateness is how long the window could not repaint or
react. `--burst` posts arrive at once (CONNECTIONS at a time, from a client thread); the figure
is the longest lateness while they are answered and the console takes them in. The baseline is
the same timer's longest lateness over the same time with the console idle on the same history:
the machine's own noise. Target (issue 11): under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

from application import Office
from bench import history
from bench.console import real_console, with_event_loop
from bench.loadgen import body_template
from gui.app import application, keep_long_lived
from screening.settings import Key
from storage.database import DB_FILENAME

TICK_MS = 5
CONNECTIONS = 32
SETTLE_S = 1.0  # after the last answer, while the console takes the last events in
TARGET_MS = 50.0


@dataclass(frozen=True)
class StallReport:
    calls: int
    burst: int
    burst_s: float
    stall_ms: float  # the longest lateness during the burst
    idle_ms: float  # the longest lateness of the idle console over as long
    answered: int  # posts answered 200


class StallMeter:
    """The GUI thread's longest lateness: a timer every TICK_MS that measures its own gaps."""

    def __init__(self) -> None:
        self.longest = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest = 0
        self._clock.start()
        self._timer.start()

    def stop(self) -> int:
        self._timer.stop()
        return self.longest

    def _tick(self) -> None:
        self.longest = max(self.longest, self._clock.restart() - TICK_MS)


async def burst(url: str, count: int) -> int:
    """`count` posts at once (CONNECTIONS at a time): how many were answered 200."""
    head, tail = body_template()
    connector = aiohttp.TCPConnector(limit=CONNECTIONS)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=10, sock_read=60)
    headers = {"Content-Type": "application/json"}
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(n: int) -> bool:
            body = head + f"stall-{n:06d}".encode() + tail
            async with session.post(url, data=body, headers=headers) as response:
                await response.read()
                return response.status == 200

        return sum(await asyncio.gather(*(one(n) for n in range(count))))


def posted_elsewhere(url: str, count: int) -> int:
    """The burst from a child process: how many were answered 200."""
    done = subprocess.run([sys.executable, __file__, "--post", url, "--burst", str(count)],
                          check=True, capture_output=True, text=True)
    return int(done.stdout.strip())


def spin(seconds: float) -> None:
    """Qt's event loop on this thread for `seconds`."""
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def benchmark(calls: int, count: int, db: Path | None, work: Path) -> StallReport:
    data_dir = work / "console"
    data_dir.mkdir()
    db_path = data_dir / DB_FILENAME
    if db is not None:
        shutil.copyfile(db, db_path)
    else:
        history.build_elsewhere(db_path, calls)
    office = Office(db_path)
    office.settings.set(Key.MODE, "accept-all")
    token = office.webhook.token()
    office.close()
    app = application()
    with real_console(app, data_dir) as (window, listener):
        keep_long_lived()  # as run_console does
        meter = StallMeter()
        window.tabs.setCurrentWidget(window.history)
        spin(SETTLE_S * 2)  # attached, the first page shown, the count done
        started = time.perf_counter()
        meter.start()
        answered = with_event_loop(lambda: posted_elsewhere(listener.url(token), count))
        burst_s = time.perf_counter() - started
        spin(SETTLE_S)
        stall_ms = meter.stop()
        meter.start()
        spin(burst_s + SETTLE_S)
        idle_ms = meter.stop()
    return StallReport(calls, count, burst_s, stall_ms, idle_ms, answered)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=1_000_000,
                        help="calls in the history (1,000,000)")
    parser.add_argument("--burst", type=int, default=2000, help="posts at once (2000)")
    parser.add_argument("--db", type=Path, default=None,
                        help="a history built already (bench/history.py --build-only)")
    parser.add_argument("--post", metavar="URL", default=None,
                        help="only send the burst to URL and print how many were answered 200")
    return parser.parse_args(argv)


def run(argv: Sequence[str] | None = None) -> StallReport:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="callgate-bench-") as tmp:
        return benchmark(args.calls, args.burst, args.db, Path(tmp))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.post is not None:
        print(asyncio.run(burst(args.post, args.burst)))
        return 0
    report = run(argv)
    print(f"{report.burst} posts at once ({report.answered} answered 200) in "
          f"{report.burst_s:.1f} s, history of {report.calls:,} calls, History tab shown:")
    print(f"  longest GUI stall {report.stall_ms} ms (idle console: {report.idle_ms} ms); "
          f"target under {TARGET_MS:g} ms")
    return 0 if report.answered == report.burst else 1


if __name__ == "__main__":
    sys.exit(main())
