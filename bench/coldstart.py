"""Benchmark: cold start to listening, `python main.py serve` beside a minimal aiohttp server.

    .venv/bin/python bench/coldstart.py [--runs N]

Each start is timed from spawning the process until GET /healthz answers 200 on a free loopback
port, with a fresh data directory every time (so callgate also creates its schema, as on a first
start). The baseline is the least a Python webhook has to do before it can answer: a `python -c`
that imports aiohttp and sqlite3, opens a database with the baseline schema of bench/webhook.py,
and serves /healthz. Both use this interpreter; runs alternate baseline, callgate, callgate,
baseline, ...; figures are medians; the ratio is callgate/baseline. Python's own start-up is in
both, so the ratio says what callgate adds on top of it. Target (issue 15): at most 1.5.

Both start from compiled bytecode, as an installed program does (pip compiles what it
installs; aiohttp's is): the children may write it even where PYTHONDONTWRITEBYTECODE is set,
into a cache directory of the run's own, and one untimed start of each comes first.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.webhook import BASELINE_SCHEMA, alternating, ratio

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 30.0
TARGET = 1.5
POLL_S = 0.002
BASELINE_SERVER = """
import sqlite3, sys
from aiohttp import web

db_path, port, schema = sys.argv[1], int(sys.argv[2]), sys.argv[3]
conn = sqlite3.connect(db_path)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute(schema)
conn.commit()

async def healthz(request):
    return web.json_response({"status": "ok"})

app = web.Application()
app.router.add_get("/healthz", healthz)
web.run_app(app, host="127.0.0.1", port=port, print=None)
"""
Command = Callable[[Path, int], list[str]]


def callgate_command(data_dir: Path, port: int) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "serve", "--data-dir", str(data_dir),
            "--port", str(port)]


def baseline_command(data_dir: Path, port: int) -> list[str]:
    return [sys.executable, "-c", BASELINE_SERVER, str(data_dir / "baseline.db"), str(port),
            BASELINE_SCHEMA]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def healthy(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def compiled(bytecode: Path) -> dict[str, str]:
    """The environment of a server that starts from bytecode kept in `bytecode`."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    return env


def time_to_listening(command: Command, env: dict[str, str] | None = None) -> float:
    """Seconds from spawning the server until /healthz answers 200; the server is stopped."""
    with tempfile.TemporaryDirectory(prefix="callgate-bench-") as tmp:
        port = free_port()
        started = time.perf_counter()
        process = subprocess.Popen(command(Path(tmp), port), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, env=env)
        try:
            while not healthy(port):
                if process.poll() is not None:
                    error = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"the server exited ({process.returncode}): {error}")
                if time.perf_counter() - started > START_TIMEOUT_S:
                    raise TimeoutError(f"not listening after {START_TIMEOUT_S:g} s")
                time.sleep(POLL_S)
            return time.perf_counter() - started
        finally:
            process.terminate()
            process.communicate(timeout=15)


@dataclass(frozen=True)
class ColdStartReport:
    callgate_s: list[float]
    baseline_s: list[float]

    @property
    def callgate(self) -> float:
        return statistics.median(self.callgate_s)

    @property
    def baseline(self) -> float:
        return statistics.median(self.baseline_s)


def benchmark(runs: int) -> ColdStartReport:
    starts: dict[str, list[float]] = {"callgate": [], "baseline": []}
    commands: dict[str, Command] = {"callgate": callgate_command, "baseline": baseline_command}
    with tempfile.TemporaryDirectory(prefix="callgate-bytecode-") as bytecode:
        env = compiled(Path(bytecode))
        for command in commands.values():
            time_to_listening(command, env)  # compiles, and reads every file once
        for name in alternating(["baseline", "callgate"], runs):
            starts[name].append(time_to_listening(commands[name], env))
    return ColdStartReport(starts["callgate"], starts["baseline"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="starts of each, alternated (5)")
    args = parser.parse_args(argv)
    report = benchmark(max(args.runs, 1))
    for name, times in (("callgate", report.callgate_s), ("baseline", report.baseline_s)):
        print(f"{name:9} median {statistics.median(times) * 1000:7.0f} ms   runs: "
              + " ".join(f"{t * 1000:.0f}" for t in times))
    print(f"ratio callgate/baseline: {ratio(report.callgate, report.baseline):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
