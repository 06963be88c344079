"""Every benchmark in one table: callgate beside a baseline measured in the same run, and the ratio.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run.py [--quick]      # or: make bench

Runs bench/webhook.py, bench/gui.py, bench/console_soak.py, bench/desks.py, bench/coldstart.py,
bench/history.py, bench/stall.py and bench/stats.py (on the same history, then on one whose
calls all came in the 90 days counted) one after the other, each in a fresh process (so none
inherits another's threads, Qt state or memory peak), and prints one table; progress goes to
stderr. The whole run takes about ten minutes: five of them the console soak's 30,000 calls,
most of the rest building and searching a history of 1,000,000 calls.
`--quick` is a smoke run (seconds-long loads, 100,000 calls, the history's benchmarks beside
the others): its numbers say little, but every row is there.

Exit status 1 when a correctness check fails (a post not answered 2xx or not recorded once, a
card that never showed): then the numbers mean nothing. A missed target is only reported.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import ParamSpec, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import coldstart, console_soak, desks, gui, history, stall, stats, webhook
from bench.loadgen import percentile
from bench.webhook import (
    P99_RATIO_TARGET,
    P99_TARGET_MS,
    THROUGHPUT_TARGET,
    WRK_TARGET,
    ratio,
    verdict,
)

Params = ParamSpec("Params")
Report = TypeVar("Report")


@dataclass(frozen=True)
class Row:
    measure: str
    callgate: str
    baseline: str
    ratio: float
    notes: str


@dataclass(frozen=True)
class Sizes:
    """How much each benchmark does: the full run, or the smoke run of --quick."""

    webhook: list[str]
    gui: list[str]
    console_soak: list[str]
    desks: list[str]
    cold_starts: int
    history_calls: int
    history_repeat: int
    burst: int
    stats_repeat: int


FULL = Sizes(webhook=[], gui=[], console_soak=[], desks=[], cold_starts=5, history_calls=1_000_000,
             history_repeat=3, burst=2000, stats_repeat=5)
QUICK = Sizes(
    webhook=["--runs", "1", "--seconds", "1", "--open-seconds", "1", "--warmup", "0.3",
             "--no-ceiling", "--wrk-seconds", "1", "--no-wrk-install"],
    gui=["--calls", "100", "--runs", "1", "--cards", "10"],
    console_soak=["--calls", "300", "--checkpoint", "100", "--cpu-seconds", "1"],
    desks=["--cards", "20", "--calls", "300", "--rounds", "1"],
    cold_starts=1, history_calls=100_000, history_repeat=1, burst=200, stats_repeat=1,
)


def isolated(target: Callable[Params, Report], *args: Params.args,
             **kwargs: Params.kwargs) -> Report:
    """`target` in a fresh spawned process; its report comes back pickled."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(target, *args, **kwargs).result()


def webhook_report(argv: list[str]) -> webhook.WebhookReport:
    with tempfile.TemporaryDirectory(prefix="callgate-bench-") as tmp:
        return webhook.benchmark(webhook.parse_args(argv), Path(tmp))


def gui_report(argv: list[str]) -> gui.GuiReport:
    with tempfile.TemporaryDirectory(prefix="callgate-bench-") as tmp:
        return gui.benchmark(gui.parse_args(argv), Path(tmp))


def console_soak_report(argv: list[str]) -> console_soak.ConsoleSoakReport:
    args = console_soak.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="callgate-bench-") as tmp, \
            contextlib.redirect_stdout(sys.stderr):  # its rows are progress here
        return console_soak.benchmark(args.calls, args.rate, args.checkpoint, args.cpu_seconds,
                                      args.cpu_rate, Path(tmp))


def desks_report(argv: list[str]) -> desks.DeskReport:
    args = desks.parse_args(argv)
    return desks.benchmark(args.cards, args.calls, args.rounds, args.desks)


def ms(value: float) -> str:
    return f"{value:.1f} ms"


def webhook_rows(report: webhook.WebhookReport, rate: float) -> list[Row]:
    closed, opened, wrk = report.closed, report.opened, report.wrk
    callgate_p99 = opened["callgate"].p99
    p99_ratio = ratio(callgate_p99, opened["baseline"].p99)
    return [
        Row("webhook throughput", f"{closed['callgate'].throughput:.0f} req/s",
            f"{closed['baseline'].throughput:.0f} req/s", report.throughput_ratio,
            f"{verdict(report.throughput_ratio >= THROUGHPUT_TARGET)} ratio >= "
            f"{THROUGHPUT_TARGET} (closed loop, 32 connections)"),
        Row("webhook throughput, wrk", f"{wrk.series['callgate'].throughput:.0f} req/s",
            f"{wrk.series['baseline'].throughput:.0f} req/s", wrk.ratio,
            f"{verdict(wrk.ratio >= WRK_TARGET)} ratio >= {WRK_TARGET} (`serve` and the "
            f"baseline as processes, 16 connections, unique call ids; load from {wrk.tool})"),
        Row(f"webhook p50 at {rate:g} req/s", ms(opened["callgate"].p50),
            ms(opened["baseline"].p50), ratio(opened["callgate"].p50, opened["baseline"].p50),
            "baseline: aiohttp + one SQLite insert, same durability"),
        Row(f"webhook p99 at {rate:g} req/s", ms(callgate_p99), ms(opened["baseline"].p99),
            p99_ratio, f"{verdict(p99_ratio <= P99_RATIO_TARGET)} ratio <= {P99_RATIO_TARGET} "
            f"(callgate {'under' if callgate_p99 < P99_TARGET_MS else 'over'} "
            f"{P99_TARGET_MS:g} ms)"),
    ]


def gui_rows(report: gui.GuiReport) -> list[Row]:
    rows = []
    for q in (50, 99):
        pick = attrgetter(f"p{q}_ms")
        console = report.median(report.console, pick)
        headless = report.median(report.headless, pick)
        share = ratio(console, headless)
        target = (f"{verdict(share <= gui.P99_TARGET)} ratio <= {gui.P99_TARGET}; " if q == 99
                  else "")
        rows.append(Row(f"listener p{q}, console open, {report.rate:g} req/s", ms(console),
                        ms(headless), share, f"{target}baseline: the same Listener headless"))
    for q in (50, 99):
        card, answer = percentile(report.card_ms, q), percentile(report.answer_ms, q)
        rows.append(Row(f"POST to live card on screen p{q}", ms(card), ms(answer),
                        ratio(card, answer), "baseline: the same posts' round trip"))
    return rows


def console_soak_rows(report: console_soak.ConsoleSoakReport) -> list[Row]:
    first, last = report.first, report.last
    stretch = f"{report.checkpoint:,}"
    return [
        Row(f"console RSS, {report.calls:,} calls at {report.rate:g}/s", f"{last.rss_mib:.1f} MiB",
            f"{first.rss_mib:.1f} MiB", report.rss_ratio,
            f"{verdict(report.rss_ratio <= console_soak.RSS_TARGET)} ratio <= "
            f"{console_soak.RSS_TARGET}; baseline: after the first {stretch}"),
        Row(f"console-open p99, last {stretch} of {report.calls:,}", ms(last.p99_ms),
            ms(first.p99_ms), report.p99_ratio,
            f"{verdict(report.p99_ratio <= console_soak.P99_TARGET)} ratio <= "
            f"{console_soak.P99_TARGET}; baseline: the first {stretch} calls"),
        Row(f"GUI thread CPU per call, {report.cpu_rate:g} calls/s", f"{report.cpu_ms:.2f} ms",
            f"{report.idle_ms:.2f} ms", ratio(report.cpu_ms, report.idle_ms),
            f"{verdict(report.cpu_ms <= console_soak.CPU_TARGET_MS)} callgate <= "
            f"{console_soak.CPU_TARGET_MS:g} ms; baseline: the console idle as long"),
    ]


def desk_rows(report: desks.DeskReport) -> list[Row]:
    rows = []
    for q in (50, 99):
        network, embedded = percentile(report.network_ms, q), percentile(report.embedded_ms, q)
        rows.append(Row(f"POST to decided event on a desk p{q}", ms(network), ms(embedded),
                        ratio(network, embedded),
                        "over the network (TLS); baseline: the embedded console's link"))
    rows.append(Row(f"webhook p99, {report.desks} desks attached", ms(report.attached_p99_ms),
                    ms(report.alone_p99_ms), report.p99_ratio,
                    f"{verdict(report.p99_ratio <= 1.5)} ratio <= 1.5 (bursts of posts at 32 "
                    "connections, each against its neighbour with no desk attached: the "
                    "median of the pairs)"))
    return rows


def history_rows(report: history.HistoryReport) -> list[Row]:
    page, count = report.base_page_ms, report.base_count_ms
    opened, number, name = (report.result(key) for key in ("open", "number", "name"))
    size = f"{report.calls:,} calls"
    return [
        Row(f"history open, {size}", ms(opened.shown_ms), ms(page),
            ratio(opened.shown_ms, page), "first page shown; baseline: SELECT ... LIMIT 200"),
        Row("history number search", ms(number.shown_ms), ms(page),
            ratio(number.shown_ms, page), "whole number; first page shown"),
        Row("history name search", ms(name.shown_ms), ms(page), ratio(name.shown_ms, page),
            "'鈴木'; first page shown"),
        Row("history name search, counted", ms(name.counted_ms), ms(count),
            ratio(name.counted_ms, count), "until its count is final; baseline: count(*)"),
        *(search_row(report, key, kind) for key, _, kind in history.SEARCH_KINDS),
        insert_row(report),
    ]


def search_row(report: history.HistoryReport, key: str, kind: str) -> Row:
    found, before = report.result(key), report.counted_before_ms[key]
    return Row(f"history search, {kind}", ms(found.counted_ms), ms(before),
               ratio(found.counted_ms, before),
               f"{verdict(found.counted_ms < history.TARGET_MS)} page and count < "
               f"{history.TARGET_MS:g} ms ({found.text!r}: {found.rows:,} calls); baseline: "
               "counting it by its conditions on every call, as before")


def insert_row(report: history.HistoryReport) -> Row:
    cost = report.insert
    times = ratio(cost.with_dictionary_us, cost.without_us)
    return Row("history record per call, search dictionary",
               f"{cost.with_dictionary_us:.0f} µs", f"{cost.without_us:.0f} µs", times,
               f"{verdict(times <= history.INSERT_TARGET)} ratio <= {history.INSERT_TARGET:g} "
               f"(CPU per call recorded into the {report.calls:,}-call history; baseline: the "
               "calls row alone, as before)")


def stall_row(report: stall.StallReport) -> Row:
    return Row(f"GUI stall, {report.burst:,} posts at once, {report.calls:,} calls",
               ms(report.stall_ms), ms(report.idle_ms), ratio(report.stall_ms, report.idle_ms),
               f"{verdict(report.stall_ms < stall.TARGET_MS)} callgate < {stall.TARGET_MS:g} ms;"
               " History tab shown; baseline: the idle console")


def stats_row(report: stats.StatsReport) -> Row:
    spread = ("all in the 90 days" if report.span_days <= stats.DAYS
              else f"over {report.span_days // 365} years")
    return Row(f"statistics drawn, {report.calls:,} calls {spread}", ms(report.drawn_ms),
               ms(report.baseline_ms), ratio(report.drawn_ms, report.baseline_ms),
               f"{verdict(report.drawn_ms < stats.TARGET_MS)} callgate < "
               f"{stats.TARGET_MS:g} ms; last 90 days ({report.window_calls:,} calls), asked "
               f"until drawn; baseline: their count(*)")


def cold_start_row(report: coldstart.ColdStartReport) -> Row:
    return Row("cold start to listening", ms(report.callgate * 1000), ms(report.baseline * 1000),
               ratio(report.callgate, report.baseline),
               f"{verdict(report.callgate <= coldstart.TARGET * report.baseline)} ratio <= "
               f"{coldstart.TARGET:g}; serve until /healthz; baseline: python -c aiohttp + sqlite3")


def print_table(rows: Sequence[Row]) -> None:
    titles = ["measure", "callgate", "baseline", "ratio", "target / notes"]
    cells = [[r.measure, r.callgate, r.baseline, f"{r.ratio:.2f}", r.notes] for r in rows]
    widths = [max(len(line[i]) for line in (titles, *cells)) for i in range(4)]

    def line(values: list[str]) -> str:
        first, *numbers = values[:4]
        return "  ".join([first.ljust(widths[0]),
                          *(v.rjust(w) for v, w in zip(numbers, widths[1:], strict=True)),
                          values[4]]).rstrip()

    print(line(titles))
    print(line(["-" * w for w in widths] + ["-" * len(titles[4])]))
    for values in cells:
        print(line(values))


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


LiveReports = tuple[webhook.WebhookReport, gui.GuiReport, console_soak.ConsoleSoakReport,
                    desks.DeskReport, coldstart.ColdStartReport]
HistoryReports = tuple[history.HistoryReport, stall.StallReport, stats.StatsReport,
                       stats.StatsReport]


def live_benchmarks(sizes: Sizes) -> LiveReports:
    """The listener's, the console's and the desks' numbers, and the cold start."""
    progress("webhook: callgate and the minimal aiohttp + SQLite handler ...")
    webhook_result = isolated(webhook_report, sizes.webhook)
    progress("gui: listener latency with the console open, POST to card ...")
    gui_result = isolated(gui_report, sizes.gui)
    progress("console soak: the console open while calls come at 100/s ...")
    soak_result = isolated(console_soak_report, sizes.console_soak)
    progress("desks: POST to a desk's decided event, the webhook with desks attached ...")
    desks_result = isolated(desks_report, sizes.desks)
    progress("cold start: main.py serve and a minimal aiohttp server ...")
    return webhook_result, gui_result, soak_result, desks_result, isolated(
        coldstart.benchmark, sizes.cold_starts)


def history_benchmarks(sizes: Sizes) -> HistoryReports:
    """The numbers of a long history: its search, the GUI's stall over it, its statistics."""
    with tempfile.TemporaryDirectory(prefix="callgate-bench-") as tmp:
        db = Path(tmp) / "history.db"
        progress(f"history: building and searching {sizes.history_calls:,} calls ...")
        history.build_elsewhere(db, sizes.history_calls)
        history_result = isolated(history.benchmark, sizes.history_calls, sizes.history_repeat,
                                  db)
        progress(f"stall: the GUI thread while {sizes.burst:,} posts arrive at once ...")
        stall_result = isolated(stall.run, ["--calls", str(sizes.history_calls), "--db", str(db),
                                            "--burst", str(sizes.burst)])
        progress("stats: the Statistics tab of the last 90 days, on that history ...")
        stats_spread = isolated(stats.benchmark, sizes.history_calls, history.DAYS,
                                sizes.stats_repeat, db)
    with tempfile.TemporaryDirectory(prefix="callgate-bench-") as tmp:
        progress(f"stats: again, {sizes.history_calls:,} calls all in the 90 days ...")
        stats_dense = isolated(stats.benchmark, sizes.history_calls, stats.DAYS,
                               sizes.stats_repeat, Path(tmp) / "dense.db")
    return history_result, stall_result, stats_spread, stats_dense


First = TypeVar("First")
Second = TypeVar("Second")


def side_by_side(first: Callable[[], First], second: Callable[[], Second],
                 together: bool) -> tuple[First, Second]:
    """Both, one after the other; or, for the smoke run (whose numbers say little), at once,
    so that its two halves take the machine's two CPUs and `make test` half the time."""
    if not together:
        return first(), second()
    with ThreadPoolExecutor(max_workers=1) as side:
        later = side.submit(second)
        return first(), later.result()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: short loads, 100,000 calls of history")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    rate = webhook.parse_args(sizes.webhook).rate

    (webhook_result, gui_result, soak_result, desks_result, cold), \
        (history_result, stall_result, stats_spread, stats_dense) = side_by_side(
            lambda: live_benchmarks(sizes), lambda: history_benchmarks(sizes), args.quick)

    print(f"callgate numbers{' (--quick: a smoke run)' if args.quick else ''}: loopback, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}; "
          "ratio = callgate / baseline, both measured in this run")
    print_table([*webhook_rows(webhook_result, rate), *gui_rows(gui_result),
                 *console_soak_rows(soak_result), *desk_rows(desks_result),
                 *history_rows(history_result), stall_row(stall_result),
                 stats_row(stats_spread), stats_row(stats_dense), cold_start_row(cold)])

    problems = [line for ok, line in webhook_result.checks() if not ok]
    if gui_result.failed:
        problems.append(f"gui: {gui_result.failed} posts not answered 2xx")
    if gui_result.cards_missed:
        problems.append(f"gui: {gui_result.cards_missed} cards not on screen within "
                        f"{gui.CARD_TIMEOUT_S:g} s")
    if soak_result.failed or soak_result.lost:
        problems.append(f"console soak: {soak_result.failed} calls failed, {soak_result.lost} "
                        "answered calls not recorded")
    if desks_result.missed:
        problems.append(f"desks: {desks_result.missed} calls not heard by a desk")
    if stall_result.answered != stall_result.burst:
        problems.append(f"stall: {stall_result.burst - stall_result.answered} posts not "
                        "answered 200")
    for problem in problems:
        print(f"FAIL  {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
