"""Benchmark: what the open console costs the listener, and how soon a call shows on screen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui.py [--calls N] [--rate R] [--runs N]
                                                              [--cards N]

Everything runs on loopback, each contender on a fresh database in mode accept-all:

- listener latency, console open vs headless: the real console (cli.console.embedded and
  gui.app.open_window, as `make run` opens it, offscreen) with its embedded listener, and the
  same Listener without a window. Each is sent `--calls` posts at a fixed `--rate` (the open
  loop of bench/webhook.py, latency from each post's scheduled send time) by bench/webhook.py's
  load generator, a separate process, so the client competes with neither the listener nor Qt
  for this process's GIL. While a console run goes on, a client thread waits for the load
  generator and Qt's event loop runs on the main thread, as in the console. Runs alternate
  headless, console, console, headless, ...; figures are medians over `--runs`; the ratio is
  console/headless.
- POST to card on screen: `--cards` calls posted one at a time from a client thread in this
  process (keep-alive http.client), each only after the previous one is on screen. The baseline
  is the round trip of the same posts (sent until answered), measured by the same client.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication

from bench.console import real_console, with_event_loop
from bench.loadgen import HEADERS, Job, JobResult, LoadGenerator, body_template, percentile
from bench.webhook import Callgate, alternating, prepare_database, ratio
from gui.app import application
from gui.live import LiveView
from storage.database import DB_FILENAME

CONNECTIONS = 16
WARMUP_S = 0.5
CARD_TIMEOUT_S = 5.0
# Lets the console go idle between calls, as between an office's calls: longer than the live
# list's LIST_GAP_S (gui/calls.py), which makes calls that come faster than that share a
# change of the list (the console soak's rows measure that).
CARD_GAP_S = 0.15
P99_TARGET = 1.3  # issue 15: the listener's p99 with the console open against headless


@dataclass(frozen=True)
class GuiReport:
    """Listener latency per run with the console open and headless; POST-to-card per call."""

    rate: float
    calls: int
    headless: list[JobResult]
    console: list[JobResult]
    card_ms: list[float]  # POST sent until its card is on screen
    answer_ms: list[float]  # the same posts, sent until answered
    cards_missed: int  # posts whose card was not on screen within CARD_TIMEOUT_S

    @staticmethod
    def median(results: Sequence[JobResult], pick: Callable[[JobResult], float]) -> float:
        return statistics.median(pick(r) for r in results)

    @property
    def failed(self) -> int:
        return sum(r.failed for r in (*self.headless, *self.console))


@contextmanager
def console_on(app: QApplication, data_dir: Path) -> Iterator[tuple[LiveView, str]]:
    """The real console on a fresh database: its live view and its webhook URL."""
    token = prepare_database(data_dir / DB_FILENAME)
    with real_console(app, data_dir) as (window, listener):
        yield window.live, listener.url(token)


class CardWatch(QObject):
    """Notes when each call is on screen in the live view.

    "On screen" means: the call's row is in the live list, the list's viewport received a paint
    event whose region covers that row, and the event loop pass that painted it (and flushed the
    window's backing store to the platform: offscreen, an image in memory) has finished. The time
    is taken by a zero-timer queued from the paint event, so it runs after that pass, never
    before: a conservative figure, by at most one turn of the event loop.
    """

    def __init__(self, live: LiveView) -> None:
        super().__init__(live)
        self._live = live
        self._unpainted: list[str] = []
        self._expected: dict[str, tuple[threading.Event, list[float]]] = {}
        self._lock = threading.Lock()
        live.model.rowsInserted.connect(self._inserted)
        live.list.viewport().installEventFilter(self)

    def expect(self, call_id: str) -> tuple[threading.Event, list[float]]:
        """From the client thread, before posting: an event set once the call is on screen,
        and the list that then holds the perf_counter time it got there."""
        with self._lock:
            self._expected[call_id] = (threading.Event(), [])
            return self._expected[call_id]

    def _inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        model = self._live.model
        self._unpainted.extend(model.entry(row).call.call_id for row in range(first, last + 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._unpainted:
            assert isinstance(event, QPaintEvent)
            painted = [call_id for call_id in self._unpainted if self._covers(event, call_id)]
            if painted:
                self._unpainted = [c for c in self._unpainted if c not in painted]
                QTimer.singleShot(0, lambda: self._on_screen(painted))
        return False

    def _covers(self, event: QPaintEvent, call_id: str) -> bool:
        row = self._live.model.row_of(call_id)
        if row is None:
            return False
        rect = self._live.list.visualRect(self._live.model.index(row, 0))
        return event.region().intersects(rect)

    def _on_screen(self, call_ids: list[str]) -> None:
        now = time.perf_counter()
        with self._lock:
            for call_id in call_ids:
                if call_id in self._expected:
                    shown, at = self._expected.pop(call_id)
                    at.append(now)
                    shown.set()


def post_cards(url: str, watch: CardWatch, count: int) -> tuple[list[float], list[float], int]:
    """One post at a time, each after the last is on screen: (card ms, answer ms, missed)."""
    parts = urlsplit(url)
    head, tail = body_template()
    connection = http.client.HTTPConnection(parts.netloc, timeout=30)
    card_ms: list[float] = []
    answer_ms: list[float] = []
    missed = 0
    try:
        for n in range(count):
            call_id = f"card-{n:06d}"
            shown, at = watch.expect(call_id)
            body = head + call_id.encode() + tail
            sent = time.perf_counter()
            connection.request("POST", parts.path, body, HEADERS)
            response = connection.getresponse()
            response.read()
            answer_ms.append((time.perf_counter() - sent) * 1000)
            if response.status != 200:
                raise RuntimeError(f"call {call_id} was answered {response.status}")
            if shown.wait(CARD_TIMEOUT_S):
                card_ms.append((at[0] - sent) * 1000)
            else:
                missed += 1
            time.sleep(CARD_GAP_S)
    finally:
        connection.close()
    return card_ms, answer_ms, missed


def benchmark(args: argparse.Namespace, work: Path) -> GuiReport:
    """Both parts, on fresh databases in `work`."""
    app = application()
    seconds = args.calls / args.rate
    headless: list[JobResult] = []
    console: list[JobResult] = []
    client = LoadGenerator()
    try:
        for n, contender in enumerate(alternating(["headless", "console"], args.runs)):
            data_dir = work / f"{contender}-{n}"
            job = partial(Job, kind="open", connections=CONNECTIONS, seconds=seconds,
                          warmup=WARMUP_S, rate=args.rate, max_backlog=max(1, round(args.rate)),
                          id_prefix=f"{n:04d}")
            if contender == "headless":
                listener = Callgate(data_dir)
                listener.start()
                try:
                    headless.append(client.run(job(url=listener.url)))
                finally:
                    listener.stop()
            else:
                with console_on(app, data_dir) as (_, url):
                    console.append(with_event_loop(partial(client.run, job(url=url))))
    finally:
        client.close()
    with console_on(app, work / "cards") as (live, url):
        watch = CardWatch(live)
        card_ms, answer_ms, missed = with_event_loop(
            lambda: post_cards(url, watch, args.cards))
    return GuiReport(args.rate, args.calls, headless, console, card_ms, answer_ms, missed)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="The open console's cost to the listener, and POST to card on screen.")
    parser.add_argument("--calls", type=int, default=1000,
                        help="posts per run, console open and headless (1000)")
    parser.add_argument("--rate", type=float, default=200.0,
                        help="posts per second in those runs (200)")
    parser.add_argument("--runs", type=int, default=2,
                        help="runs of each, alternated; medians reported (2)")
    parser.add_argument("--cards", type=int, default=50,
                        help="calls timed from POST to card on screen (50)")
    args = parser.parse_args(argv)
    if min(args.calls, args.runs, args.cards) < 1 or args.rate <= 0:
        parser.error("--calls, --runs, --cards and --rate must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="callgate-bench-") as tmp:
        report = benchmark(args, Path(tmp))
    print(f"listener latency at {report.rate:g} req/s, {report.calls} posts per run, "
          f"median of {len(report.console)} runs:")
    print(f"  {'':10} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name, results in (("headless", report.headless), ("console", report.console)):
        print(f"  {name:10} {report.median(results, lambda r: r.p50_ms):8.2f} "
              f"{report.median(results, lambda r: r.p99_ms):8.2f} "
              f"{report.median(results, lambda r: r.max_ms):8.1f}")
    p99_ratio = ratio(report.median(report.console, lambda r: r.p99_ms),
                      report.median(report.headless, lambda r: r.p99_ms))
    print(f"  p99 console open / headless: {p99_ratio:.2f}")
    print(f"POST to card on screen, {len(report.card_ms)} calls "
          f"({report.cards_missed} not on screen within {CARD_TIMEOUT_S:g} s):")
    for q in (50, 99):
        card, answer = percentile(report.card_ms, q), percentile(report.answer_ms, q)
        print(f"  p{q}: card {card:.1f} ms, answer {answer:.1f} ms, "
              f"card / answer {ratio(card, answer):.2f}")
    return 1 if report.failed or report.cards_missed else 0


if __name__ == "__main__":
    sys.exit(main())
