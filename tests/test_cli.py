"""The command line as a person runs it: `python main.py ...` in real subprocesses.

Every command runs against its own data directory (CALLGATE_DATA_DIR) and a free loopback port
(CALLGATE_PORT); `serve` runs in the background and is always stopped in teardown.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import pytest
from processes import free_port

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = Path(__file__).resolve().parent / "samples"
RUN_TIMEOUT = 30.0
START_TIMEOUT = 20.0
STOP_TIMEOUT = 5.0
TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,}$")
HISTORY_KEYS = {
    "call_id", "received_at", "phone_number", "customer_name", "decision", "reason",
    "latency_ms",
}

# No proxy for loopback, whatever the environment says.
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a bad command prints on stderr (and no traceback)."""
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    return lines[0]


def usage_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    line = one_error_line(result)
    assert line.startswith("callgate: error:"), line
    return line


def mentions_number(line: str, national: str) -> bool:
    """True if `line` shows the number, however it is grouped (03-1111-0001, +81311110001...)."""
    packed = re.sub(r"(?<=\d)[-\s()](?=\d)", "", line)
    return national.lstrip("0") in packed


@dataclass
class Cli:
    """`python main.py` with its own data directory and listener port."""

    data_dir: Path
    port: int

    def env(self, **overrides: str | None) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items()
               if not key.startswith("CALLGATE_")}
        env["CALLGATE_DATA_DIR"] = str(self.data_dir)
        env["CALLGATE_PORT"] = str(self.port)
        for key, value in overrides.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def run(self, *args: str, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "main.py", *args], cwd=ROOT, env=env or self.env(),
            capture_output=True, text=True, encoding="utf-8", timeout=RUN_TIMEOUT, check=False,
        )

    def ok(self, *args: str, env: dict[str, str] | None = None) -> str:
        """Run a command that must succeed; its stdout."""
        result = self.run(*args, env=env)
        assert result.returncode == 0, (args, result.returncode, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        return result.stdout

    def token(self) -> str:
        return self.ok("url").strip().rsplit("/", 1)[-1]

    def rules(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.ok("rules", "--json"))
        return rows

    def history(self, *args: str, env: dict[str, str] | None = None) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.ok("history", "--json", *args, env=env))
        return rows


@dataclass
class Serving:
    """A background `python main.py serve` whose output goes to a file."""

    cli: Cli
    proc: subprocess.Popen[bytes]
    log_path: Path
    _log: IO[bytes] = field(repr=False)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.cli.port}"

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def healthy(self) -> bool:
        try:
            with _LOCAL.open(f"{self.base}/healthz", timeout=1) as response:
                return bool(response.status == 200)
        except (OSError, urllib.error.URLError):
            return False

    def stop(self) -> None:
        try:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(STOP_TIMEOUT)
        finally:
            self._log.close()


def start_serve(cli: Cli, log_path: Path, **env: str | None) -> Serving:
    """`serve`, with `env` over the command line's environment."""
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [sys.executable, "main.py", "serve"], cwd=ROOT, env=cli.env(**env),
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
    )
    serving = Serving(cli, proc, log_path, log)
    try:
        up = wait_for(lambda: proc.poll() is not None or serving.healthy(), START_TIMEOUT)
        assert up and proc.poll() is None, f"serve did not come up:\n{serving.output()}"
        # The start-up line is written once the stop signals are handled; give it a moment.
        wait_for(lambda: serving.output().strip() != "", 3.0)
    except BaseException:
        serving.stop()
        raise
    return serving


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data", free_port())


@pytest.fixture
def serving(cli: Cli, tmp_path: Path) -> Iterator[Serving]:
    server = start_serve(cli, tmp_path / "serve.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serving]:
    """One `serve` for the tests that only read from it or add calls of their own."""
    home = tmp_path_factory.mktemp("shared")
    server = start_serve(Cli(home / "data", free_port()), home / "serve.log")
    try:
        yield server
    finally:
        server.stop()


# --- url, mode, rules, config --------------------------------------------------------------


def test_url_prints_the_local_webhook_url_with_a_stable_secret_token(cli: Cli) -> None:
    first = cli.ok("url").strip()
    second = cli.ok("url").strip()

    match = re.fullmatch(rf"http://127\.0\.0\.1:{cli.port}/hooks/commubo/(\S+)", first)
    assert match, first
    assert TOKEN.match(match.group(1)), f"token too short or not URL-safe: {match.group(1)!r}"
    assert second == first
    assert any(cli.data_dir.iterdir()), "CALLGATE_DATA_DIR holds no database"


def test_port_and_data_dir_come_from_flags_then_environment_then_settings(
    cli: Cli, tmp_path: Path
) -> None:
    stored = free_port()
    cli.ok("config", "port", str(stored))
    no_env = cli.ok("url", env=cli.env(CALLGATE_PORT=None))
    env_url = cli.ok("url").strip()
    other_dir = tmp_path / "elsewhere" / "nested"
    other_port = free_port()
    flagged = cli.ok("url", "--data-dir", str(other_dir), "--port", str(other_port)).strip()

    assert f"http://127.0.0.1:{stored}/" in no_env
    assert env_url.startswith(f"http://127.0.0.1:{cli.port}/")
    match = re.fullmatch(rf"http://127\.0\.0\.1:{other_port}/hooks/commubo/(\S+)", flagged)
    assert match, flagged
    assert match.group(1) != env_url.rsplit("/", 1)[-1], (
        "--data-dir was ignored: same token as CALLGATE_DATA_DIR")
    assert any(other_dir.iterdir()), "--data-dir holds no database"


def test_mode_shows_accept_all_by_default_and_can_be_set(cli: Cli) -> None:
    assert cli.ok("mode").strip() == "accept-all"
    usage_error(cli.run("mode", "bogus"))
    cli.ok("mode", "reject-all")
    assert cli.ok("mode").strip() == "reject-all"


def test_allow_block_list_and_unlist_rules(cli: Cli) -> None:
    cli.ok("allow", "03-3000-1234", "--note", "取引先")
    cli.ok("block", "0120123456")

    text = cli.ok("rules")
    rules = cli.rules()

    assert "取引先" in text
    assert "allow" in text
    assert "block" in text
    assert {rule["number"]: rule["action"] for rule in rules} == {
        "+81330001234": "allow",
        "+81120123456": "block",
    }
    notes = {rule["number"]: rule["note"] for rule in rules}
    assert notes["+81330001234"] == "取引先"

    cli.ok("unlist", "+81330001234")  # the same number, written another way
    assert [rule["number"] for rule in cli.rules()] == ["+81120123456"]

    again = cli.run("unlist", "0330001234")
    assert again.returncode != 0
    assert one_error_line(again).strip(), "unlisting a number with no rule says nothing"


@pytest.mark.parametrize(
    "args",
    [
        ["block", "abc"],
        ["allow", "12"],
        ["history", "--limit", "-1"],
    ],
    ids=["block-abc", "allow-12", "negative-limit"],
)
def test_bad_arguments_are_one_line_usage_errors(cli: Cli, args: list[str]) -> None:
    usage_error(cli.run(*args))


def test_config_lists_sets_and_refuses_bad_values(cli: Cli) -> None:
    cli.ok("config", "ask-timeout", "15")
    usage_error(cli.run("config", "ask-timeout", "99"))
    usage_error(cli.run("config", "nosuch", "1"))
    usage_error(cli.run("config", "port", "0"))

    listing = cli.ok("config")
    for key in ("ask-timeout", "withheld", "host", "port"):
        assert key in listing, f"`config` does not list {key}"
    assert "fail-safe" in listing or "failsafe" in listing
    lines = listing.splitlines()
    [timeout_line] = [line for line in lines if line.split()[0] == "ask-timeout"]
    [port_line] = [line for line in lines if line.split()[0] == "port"]
    assert timeout_line.split()[1] == "15"
    assert port_line.split()[1] == "8080", "a refused port was stored anyway"


# --- serve, simulate and history: one session as a person would run it ------------------------


@dataclass
class Session:
    """What a person saw while `serve` ran: each command's result, then the log and the stop."""

    cli: Cli
    token: str
    known: subprocess.CompletedProcess[str]
    unknown: subprocess.CompletedProcess[str]
    blocked: subprocess.CompletedProcess[str]
    by_mode: subprocess.CompletedProcess[str]
    serve_log: str
    stop_status: int | None  # None: still running STOP_TIMEOUT after SIGTERM
    history: list[dict[str, Any]]  # `history --json` once serve has stopped


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """serve; simulate; simulate --unknown; block, simulate; mode reject-all, simulate; SIGTERM."""
    home = tmp_path_factory.mktemp("session")
    cli = Cli(home / "data", free_port())
    token = cli.token()
    server = start_serve(cli, home / "serve.log")
    try:
        known = cli.run("simulate")
        unknown = cli.run("simulate", "--unknown", "--from", "0311112222")
        cli.ok("block", "03-3000-1234")
        blocked = cli.run("simulate", "--from", "0330001234")
        cli.ok("mode", "reject-all")
        by_mode = cli.run("simulate", "--from", "0322223333")
        server.proc.send_signal(signal.SIGTERM)
        try:
            stop_status: int | None = server.proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            stop_status = None
    finally:
        server.stop()
    return Session(cli, token, known, unknown, blocked, by_mode, server.output(), stop_status,
                   cli.history())


def test_simulate_prints_the_status_and_decision(session: Session) -> None:
    for result in (session.known, session.unknown):
        assert result.returncode == 0, result.stderr
        assert "200 accept" in result.stdout


def test_a_block_rule_applies_to_the_very_next_call(session: Session) -> None:
    assert session.blocked.returncode == 0, session.blocked.stderr
    assert "403 reject (rule)" in session.blocked.stdout


def test_a_mode_change_applies_to_the_very_next_call(session: Session) -> None:
    assert session.by_mode.returncode == 0, session.by_mode.stderr
    assert "403 reject (mode)" in session.by_mode.stdout


def test_serve_logs_one_line_per_call_and_never_the_token(session: Session) -> None:
    lines = session.serve_log.splitlines()

    def mentioning(national: str) -> list[str]:
        return [line for line in lines if mentions_number(line, national)]

    assert len(mentioning("0330001234")) == 2, session.serve_log  # the first and the blocked call
    assert len(mentioning("0311112222")) == 1, session.serve_log
    [rejected] = mentioning("0322223333")
    assert "reject" in rejected
    assert session.token not in session.serve_log


def test_serve_stops_cleanly_on_sigterm(session: Session) -> None:
    assert session.stop_status is not None, f"serve still running {STOP_TIMEOUT:g} s after SIGTERM"
    assert session.stop_status == 0, session.serve_log
    assert "Traceback" not in session.serve_log


def test_serve_stops_cleanly_on_sigint(serving: Serving) -> None:
    serving.proc.send_signal(signal.SIGINT)
    try:
        status = serving.proc.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"serve still running {STOP_TIMEOUT:g} s after SIGINT")
    assert status == 0, serving.output()
    assert "Traceback" not in serving.output()
    assert not serving.healthy()


def test_a_second_serve_on_the_same_port_fails_with_one_line(shared: Serving) -> None:
    second = shared.cli.run("serve")

    assert second.returncode == 1, (second.stdout, second.stderr)
    assert "in use" in one_error_line(second)
    assert "Traceback" not in second.stdout
    assert shared.healthy(), "the first listener stopped answering"


def test_simulate_without_a_listener_is_a_one_line_error(cli: Cli) -> None:
    result = cli.run("simulate")
    assert result.returncode != 0
    assert one_error_line(result).strip()


def received(row: dict[str, Any]) -> datetime:
    stamp = datetime.fromisoformat(str(row["received_at"]))
    assert stamp.utcoffset() is not None, f"received_at has no offset: {row['received_at']!r}"
    return stamp


def test_history_json_lists_calls_newest_first(session: Session) -> None:
    rows = session.history

    assert isinstance(rows, list)
    assert len(rows) == 4
    for row in rows:
        assert row.keys() >= HISTORY_KEYS, HISTORY_KEYS - row.keys()
        assert isinstance(row["latency_ms"], int | float) and row["latency_ms"] >= 0
        assert abs(received(row) - datetime.now(UTC)) < timedelta(minutes=5)
    assert [row["phone_number"] for row in rows] == [
        "0322223333", "0330001234", "0311112222", "0330001234"]
    assert [row["decision"] for row in rows] == ["reject", "reject", "accept", "accept"]
    assert [row["reason"] for row in rows] == ["mode", "rule", "mode", "mode"]
    assert "鈴木" in rows[0]["customer_name"]
    assert not rows[2]["customer_name"], "--unknown should leave out the customer"
    assert "鈴木" in rows[3]["customer_name"]
    assert len({row["call_id"] for row in rows}) == 4
    times = [received(row) for row in rows]
    assert times == sorted(times, reverse=True)


def test_history_json_has_each_detail_in_words_and_as_a_code_for_scripts(
    session: Session,
) -> None:
    by_mode, blocked, unknown, _ = session.history
    assert (by_mode["detail"], by_mode["detail_code"], by_mode["detail_args"]) == (
        "reject-all", "detail.mode", [{"code": "mode.reject-all", "args": []}])
    assert (blocked["detail"], blocked["detail_code"], blocked["detail_args"]) == (
        "block 03-3000-1234", "detail.rule.block",
        [{"code": "rule.number", "args": ["03-3000-1234"]}])
    assert unknown["detail"] == "accept-all"


def test_history_csv_and_serve_give_the_detail_in_words(session: Session) -> None:
    table = list(csv.DictReader(io.StringIO(session.cli.ok("history", "--csv"))))
    assert [row["detail"] for row in table] == [row["detail"] for row in session.history]
    [blocked] = [line for line in session.serve_log.splitlines() if "reject rule" in line]
    assert "(block 03-3000-1234; " in blocked, blocked


def test_history_times_are_right_in_any_time_zone(session: Session) -> None:
    cli = session.cli
    rows = cli.history(env=cli.env(TZ="JST-9"))
    assert [row["call_id"] for row in rows] == [row["call_id"] for row in session.history]
    for row in rows:
        assert abs(received(row) - datetime.now(UTC)) < timedelta(minutes=5), row["received_at"]


def test_history_csv_has_a_header_and_the_same_calls(session: Session) -> None:
    reader = csv.DictReader(io.StringIO(session.cli.ok("history", "--csv")))
    table = list(reader)

    assert reader.fieldnames is not None
    assert set(reader.fieldnames) >= HISTORY_KEYS
    assert [row["call_id"] for row in table] == [row["call_id"] for row in session.history]
    assert [row["decision"] for row in table] == ["reject", "reject", "accept", "accept"]
    for row in table:
        received(row)
        assert float(row["latency_ms"]) >= 0


def test_history_limit_keeps_the_newest(session: Session) -> None:
    limited = session.cli.history("--limit", "1")
    assert [row["call_id"] for row in limited] == [session.history[0]["call_id"]]


def post_sample(url: str) -> int:
    body = json.loads((SAMPLES / "seed_incoming_call.json").read_text(encoding="utf-8"))
    body["callId"] = uuid.uuid4().hex
    request = urllib.request.Request(
        url, data=json.dumps(body, ensure_ascii=False).encode(), method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with _LOCAL.open(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_history_piped_into_head_ends_without_a_traceback(shared: Serving) -> None:
    """`python main.py history --csv | head -1`: the reader leaves early, callgate stays quiet."""
    cli = shared.cli
    url = cli.ok("url").strip()
    for _ in range(80):  # far more than a pipe buffer holds
        assert post_sample(url) == 200

    with subprocess.Popen(
        [sys.executable, "main.py", "history", "--csv"], cwd=ROOT, env=cli.env(),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        try:
            header = proc.stdout.readline()
            proc.stdout.close()  # like `head -1` once it has its line
            stderr = proc.stderr.read().decode("utf-8", errors="replace")
            proc.wait(RUN_TIMEOUT)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert header.startswith(b"call_id")
    assert "Traceback" not in stderr, stderr
    assert "BrokenPipeError" not in stderr, stderr
