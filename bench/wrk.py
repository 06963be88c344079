"""wrk, a load generator written in C, and servers run as processes of their own for it.

A Python client spends more CPU per post than the server it measures, and on a machine of two
CPUs that CPU is the server's: wrk spends a few microseconds. `find_wrk` finds it, or installs
it from Debian (`apt-get install -y wrk`, as root or through `sudo -n`) when it can; when it
cannot, it says why, and bench/webhook.py measures with its own Python client instead.

wrk posts `body` (a JSON text with bench.loadgen's ID_PLACEHOLDER and NUMBER_PLACEHOLDER in
it) over keep-alive connections,
each request with a call id and a caller's number of its own (a Lua script makes them), and
reports what it sent, what was answered, and the latency of the answers.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.loadgen import ID_PLACEHOLDER, NUMBER_PLACEHOLDER

INSTALL_TIMEOUT_S = 300.0
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 30.0
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))

# Every thread of wrk gets a number (setup), every request of it a count: the call id is
# PREFIX-thread-count and the caller 03 followed by eight digits of the count, so that neither
# repeats (a repeated id is a duplicate, answered another way; a repeated number is cheaper).
# done() prints one line that bench/wrk.py reads: sent, answered, errors, latency.
SCRIPT = r"""-- bench/wrk.py: a call id and a caller's number of its own per request
local template = nil
local prefix = os.getenv("WRK_PREFIX")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("number", #threads)
end

function init(args)
  local file = io.open(os.getenv("WRK_BODY"), "rb")
  template = file:read("*a")
  file:close()
  sent = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sent = sent + 1
  local id = string.format("%s-%d-%d", prefix, number, sent)
  local caller = string.format("03%08d", (number * 10000000 + sent) % 100000000)
  local body = template:gsub(ID_PLACEHOLDER, id, 1):gsub(NUMBER_PLACEHOLDER, caller, 1)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local sent = 0
  for _, thread in ipairs(threads) do
    sent = sent + thread:get("sent")
  end
  local errors = summary.errors
  io.write(string.format("callgate-wrk %d %d %d %d %d %d %d %d %.1f %.1f %.1f\n",
    sent, summary.requests, summary.duration, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50), latency:percentile(99),
    latency.max))
end
""".replace("ID_PLACEHOLDER", f'"{ID_PLACEHOLDER}"').replace(
    "NUMBER_PLACEHOLDER", f'"{NUMBER_PLACEHOLDER}"')


@dataclass(frozen=True)
class WrkResult:
    sent: int  # requests wrk made (a few may not have been answered when it stopped)
    answered: int  # responses read, whatever their status
    seconds: float
    socket_errors: int  # connect, read, write and timeout errors
    status_errors: int  # answers of status 400 or more
    p50_ms: float
    p99_ms: float
    max_ms: float

    @property
    def throughput(self) -> float:
        return self.answered / self.seconds if self.seconds > 0 else 0.0


def _install_command() -> list[str] | None:
    """How this machine installs a Debian package without asking, if it can."""
    if shutil.which("apt-get") is None:
        return None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return ["apt-get", "install", "-y", "wrk"]
    if shutil.which("sudo") is not None:
        return ["sudo", "-n", "apt-get", "install", "-y", "wrk"]
    return None


def find_wrk(*, install: bool = True) -> tuple[str | None, str]:
    """wrk's path and how it came (installed now, or found), or None and why not."""
    found = shutil.which("wrk")
    if found is not None:
        return found, "wrk"
    if not install:
        return None, "wrk is not installed (and this run installs nothing)"
    command = _install_command()
    if command is None:
        return None, "wrk is not installed and cannot be installed here (no apt-get as root)"
    try:
        done = subprocess.run(command, capture_output=True, text=True,
                              timeout=INSTALL_TIMEOUT_S, check=False,
                              env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"installing wrk failed ({error})"
    found = shutil.which("wrk")
    if done.returncode != 0 or found is None:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"`{' '.join(command)}` failed: {last}"
    return found, "wrk, installed from Debian by this run"


class Wrk:
    def __init__(self, path: str, body: str, work: Path) -> None:
        """`body`: the JSON text to post, with the placeholders where each request's call id
        and number go."""
        self._path = path
        self._script = work / "post.lua"
        self._script.write_text(SCRIPT, encoding="utf-8")
        self._body = work / "body.json"
        self._body.write_text(body, encoding="utf-8")

    def run(self, url: str, *, connections: int, seconds: float, prefix: str) -> WrkResult:
        """One run of wrk on one thread (the other CPUs are the server's); `prefix` keeps
        this run's call ids apart from every other run's."""
        env = {**os.environ, "WRK_BODY": str(self._body), "WRK_PREFIX": prefix}
        command = [self._path, "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
                   "--timeout", "10s", "-s", str(self._script), url]
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False,
                              timeout=seconds + 60)
        line = next((line for line in done.stdout.splitlines()
                     if line.startswith("callgate-wrk ")), None)
        if done.returncode != 0 or line is None:
            raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
        sent, answered, micros, connect, read, write, status, timeout = (
            int(value) for value in line.split()[1:9])
        p50, p99, worst = (float(value) / 1000 for value in line.split()[9:])
        return WrkResult(sent, answered, micros / 1e6, connect + read + write + timeout, status,
                         p50, p99, worst)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ServerProcess:
    """A server started as its own process (as `python main.py serve` runs), stopped by
    SIGTERM; its CPU time is read from /proc (Linux; NaN elsewhere)."""

    def __init__(self, name: str, command: Sequence[str], *, port: int, path: str,
                 up_path: str = "/healthz", env: dict[str, str] | None = None,
                 cwd: Path | None = None, output: Path | None = None,
                 rows: Callable[[], tuple[int, int]] = lambda: (0, 0)) -> None:
        self.name = name
        self.url = f"http://127.0.0.1:{port}{path}"
        self._command = list(command)
        self._up = f"http://127.0.0.1:{port}{up_path}"
        self._env = env
        self._cwd = cwd
        self._output = output
        self._rows = rows
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with (self._output.open("wb") if self._output is not None
              else open(os.devnull, "wb")) as out:
            self._process = subprocess.Popen(self._command, env=self._env, cwd=self._cwd,
                                             stdin=subprocess.DEVNULL, stdout=out,
                                             stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._answers():
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.name} did not start: {' '.join(self._command)}")
            time.sleep(0.05)

    def _answers(self) -> bool:
        try:
            with _LOCAL.open(self._up, timeout=1):
                return True
        except urllib.error.HTTPError:
            return True  # it answers, if not with 200
        except OSError:
            return False

    def cpu_seconds(self) -> float:
        """User and system CPU time the process has spent so far."""
        if self._process is None:
            return float("nan")
        try:
            fields = Path(f"/proc/{self._process.pid}/stat").read_text().rsplit(")", 1)[1]
        except OSError:
            return float("nan")
        user, system = (int(value) for value in fields.split()[11:13])
        return (user + system) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def rows(self) -> tuple[int, int]:
        """(rows, distinct call ids) in its database, once it has stopped."""
        return self._rows()
