"""Rotating the webhook token: the old URL keeps working while the dashboard is updated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import Running, post, sample
from recorded import health, history

from application import Office
from server.events import CallArrived
from storage.database import open_database
from storage.settings import PREVIOUS_UNTIL_KEY

ROOT = Path(__file__).resolve().parents[1]


def hook(running: Running, token: str) -> str:
    return f"{running.base}/hooks/commubo/{token}"


def body(call_id: str) -> dict[str, object]:
    return sample("seed_incoming_call.json") | {"callId": call_id}


def test_old_and_new_token_both_work_during_the_grace_period(running: Running) -> None:
    old = running.token
    new = Office(running.db_path).webhook.rotate().token
    assert new != old and len(new) >= 22
    assert post(hook(running, new), body("via-new")).status == 200
    assert post(hook(running, old), body("via-old")).status == 200
    assert post(hook(running, "neither"), body("via-none")).status == 404
    state = Office(running.db_path).webhook.state()
    assert state.previous == old and state.previous_until is not None


def test_the_old_token_stops_when_its_grace_period_ends(running: Running) -> None:
    db = open_database(running.db_path)
    Office.over(db).webhook.rotate()
    assert post(hook(running, running.token), body("before-end")).status == 200
    db.execute("UPDATE settings SET value = ? WHERE key = ?",
               ["2000-01-01T00:00:00+00:00", PREVIOUS_UNTIL_KEY])
    assert post(hook(running, running.token), body("after-end")).status == 404
    state = Office.over(db).webhook.state()
    assert (state.previous, state.previous_until) == (None, None)


def test_no_grace_means_the_old_token_stops_at_once(running: Running) -> None:
    store = Office(running.db_path)
    store.settings.set("token-grace-hours", "0")
    assert post(hook(running, running.token), body("warm")).status == 200  # tokens read
    refused = health(running.base)["refused_requests"]
    new = store.webhook.rotate().token
    # The listener compares a token with the tokens it read last: the old one still matches
    # those, and must be refused all the same, as a wrong token, whatever the body.
    assert post(hook(running, running.token), body("old")).status == 404
    assert post(hook(running, running.token), "not json").status == 404
    assert post(hook(running, running.token),
                {"callgateSelfTest": "nonce-1"}).status == 404
    assert post(hook(running, new), body("new")).status == 200
    assert [row["call_id"] for row in history(running.db_path)] == ["warm", "new"]
    assert health(running.base)["refused_requests"] == refused + 3
    assert not any(isinstance(event, CallArrived) and event.call.call_id == "old"
                   for event in running.events.events)


def test_rotate_token_on_the_command_line(tmp_path: Path) -> None:
    env = {"CALLGATE_DATA_DIR": str(tmp_path), "CALLGATE_PORT": "18099", "PATH": "/usr/bin"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)

    before = run("url").stdout.strip()
    rotated = run("rotate-token")
    assert rotated.returncode == 0, rotated.stderr
    after = run("url").stdout.strip()
    assert after != before and after in rotated.stdout
    assert before.rsplit("/", 1)[1] in rotated.stdout, "the old token is named with its end time"
    assert "until" in rotated.stdout
