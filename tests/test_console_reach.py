"""Reachability in the console: the status bar, the banner and notification on loss, the setup
wizard and token rotation, against the real listener behind a loopback "tunnel".

The tunnel and the ngrok agent are the fakes of tests/tunnel_fakes.py (the `agent` and `proxy`
fixtures of conftest.py). Nothing leaves this machine.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Console, history_tab, post, sample, start_console
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QSystemTrayIcon, QWizard
from pytestqt.qtbot import QtBot
from tunnel_fakes import FakeNgrokAgent, ReverseProxy

from application import Office
from gui.preferences import Preferences
from gui.reach import REACHABLE, UNKNOWN, UNREACHABLE
from gui.settings_dialog import SettingsDialog
from gui.setup import SetupWizard
from server.tunnels import QuickTunnel

CHECK_TIMEOUT = 15_000


# The offscreen platform has no tray to connect to; that is the test platform, not callgate.
on_a_faked_tray = pytest.mark.qt_log_ignore("systemTrayWindowChanged")


@pytest.fixture
def console(qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Console]:
    """The console with a (faked) system tray, on a free loopback port."""
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    running = start_console(qtbot, db_path)
    assert running.window.tray is not None and running.listener.reachability is not None
    yield running
    running.window.quit_now()
    running.close()


@pytest.fixture
def notifications(console: Console, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(console.window.tray, "showMessage",
                        lambda title, text, *rest: shown.append((title, text)))
    return shown


def listener_port(console: Console) -> int:
    return console.listener.port


def behind_ngrok(console: Console, agent: FakeNgrokAgent, proxy: ReverseProxy) -> None:
    """The office runs `ngrok http <port>`: the proxy is its public end."""
    port = listener_port(console)
    proxy.target_port = port
    agent.forward(proxy.base, port)
    Office(console.db_path).settings.save(
        {"tunnel": "ngrok", "ngrok-api": f"127.0.0.1:{agent.port}"})


def checked(qtbot: QtBot, console: Console, state: str) -> None:
    """Check now, wait for that check (not one already in flight) and for the console to hear
    what it found, and expect `state`."""
    window, monitor = console.window, console.listener.reachability
    assert monitor is not None
    started = monitor.started
    window.health.check_now()
    qtbot.waitUntil(lambda: monitor.completed > started, timeout=CHECK_TIMEOUT)
    found = monitor.last
    assert found is not None
    qtbot.waitUntil(lambda: window.health.reach is not None
                    and window.health.reach.summary == found.summary_message(),
                    timeout=5000)
    assert window.reachability.state == state, window.reachability.toolTip()


@on_a_faked_tray
def test_the_status_bar_shows_reachable_through_the_tunnel(
    qtbot: QtBot, console: Console, agent: FakeNgrokAgent, proxy: ReverseProxy,
    notifications: list[tuple[str, str]],
) -> None:
    behind_ngrok(console, agent, proxy)
    checked(qtbot, console, REACHABLE)
    label = console.window.reachability
    assert label.text() == "Reachable from commubo"
    assert "reached this callgate" in label.toolTip()
    assert not console.window.unreachable.isVisible()
    assert notifications == []


@on_a_faked_tray
def test_losing_the_tunnel_raises_a_notification_and_a_banner_until_it_is_back(
    qtbot: QtBot, console: Console, agent: FakeNgrokAgent, proxy: ReverseProxy,
    notifications: list[tuple[str, str]],
) -> None:
    window = console.window
    behind_ngrok(console, agent, proxy)
    checked(qtbot, console, REACHABLE)

    proxy.stop()
    checked(qtbot, console, UNREACHABLE)
    assert window.reachability.text() == "NOT reachable from commubo"
    assert window.unreachable.isVisible()
    assert "refused the connection" in window.unreachable.text()
    assert len(notifications) == 1
    assert notifications[0][0] == "commubo cannot reach callgate"
    assert "refused" in notifications[0][1]

    checked(qtbot, console, UNREACHABLE)  # still down: no second notification
    assert len(notifications) == 1 and window.unreachable.isVisible()

    proxy.start()  # the same port again
    checked(qtbot, console, REACHABLE)
    assert not window.unreachable.isVisible()


@on_a_faked_tray
def test_an_agent_without_our_tunnel_is_unreachable_with_its_reason(
    qtbot: QtBot, console: Console, agent: FakeNgrokAgent, proxy: ReverseProxy,
    notifications: list[tuple[str, str]],
) -> None:
    behind_ngrok(console, agent, proxy)
    checked(qtbot, console, REACHABLE)
    agent.tunnels = []
    checked(qtbot, console, UNREACHABLE)
    assert "ngrok runs but has no web tunnel" in console.window.unreachable.text()
    assert len(notifications) == 1 and "no web tunnel" in notifications[0][1]
    agent.forward(proxy.base, listener_port(console))
    checked(qtbot, console, REACHABLE)
    assert not console.window.unreachable.isVisible()


@on_a_faked_tray
def test_only_local_is_unknown_without_alarm(
    qtbot: QtBot, console: Console, notifications: list[tuple[str, str]]
) -> None:
    checked(qtbot, console, UNKNOWN)
    assert console.window.reachability.text() == "Reachability unknown"
    assert "no public URL" in console.window.reachability.toolTip()
    assert not console.window.unreachable.isVisible()
    assert notifications == []


FAKE_CLOUDFLARED = """#!{python}
# Stands in for cloudflared: serves the metrics a quick tunnel has, naming our proxy.
import json, os, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

host, port = sys.argv[sys.argv.index("--metrics") + 1].rsplit(":", 1)
ANSWERS = {{"/ready": {{"status": 200, "readyConnections": 4}},
           "/quicktunnel": {{"hostname": os.environ["FAKE_QUICK_HOSTNAME"]}}}}


class Metrics(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps(ANSWERS.get(self.path, {{}})).encode()
        self.send_response(200 if self.path in ANSWERS else 404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer((host, int(port)), Metrics).serve_forever()
"""


@on_a_faked_tray
def test_a_quick_tunnel_runs_while_the_console_does(
    qtbot: QtBot, console: Console, proxy: ReverseProxy, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, notifications: list[tuple[str, str]],
) -> None:
    """With cloudflared on the PATH (a fake here), the console starts the quick tunnel itself,
    finds its address, and stops it when it closes."""
    programs = tmp_path / "bin"
    programs.mkdir()
    fake = programs / "cloudflared"
    fake.write_text(FAKE_CLOUDFLARED.format(python=sys.executable), encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{programs}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_QUICK_HOSTNAME", proxy.base)
    proxy.target_port = listener_port(console)
    monitor = console.listener.reachability
    assert monitor is not None and monitor.quick_tunnel is None

    Office(console.db_path).settings.set("tunnel", "quick")
    console.window.health.check_now()
    qtbot.waitUntil(lambda: console.window.reachability.state == REACHABLE,
                    timeout=CHECK_TIMEOUT)
    assert notifications == [], "a quick tunnel that is still starting is no loss"
    quick = monitor.quick_tunnel
    assert quick is not None and quick.running
    assert monitor.last is not None
    assert monitor.last.public_webhook_url == (
        f"{proxy.base}/hooks/commubo/{Office(console.db_path).webhook.token()}")

    wizard = open_setup(qtbot, console)
    wizard.next()
    wizard.next()
    wizard.exposure_page.choose("quick")
    wizard.next()
    wizard.public_page.url.clear()
    wizard.public_page.detect_button.click()
    qtbot.waitUntil(lambda: wizard.public_page.url.text() == proxy.base, timeout=CHECK_TIMEOUT)
    assert monitor.quick_tunnel is quick, "the running quick tunnel is asked, not a new one"
    wizard.reject()

    pid = quick.pid
    assert pid is not None
    monitor.stop()
    assert not quick.running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


# ---------------------------------------------------------------------------------------------
# The first-run setup


def open_setup(qtbot: QtBot, console: Console) -> SetupWizard:
    console.window.dialogs.open_setup()
    wizard = console.window.dialogs.setup
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible, timeout=2000)
    return wizard


@on_a_faked_tray
def test_setup_with_ngrok_detects_tests_and_copies_the_public_url(
    qtbot: QtBot, console: Console, agent: FakeNgrokAgent, proxy: ReverseProxy,
) -> None:
    port = listener_port(console)
    proxy.target_port = port
    agent.forward(proxy.base, port)
    wizard = open_setup(qtbot, console)
    token = Office(console.db_path).webhook.token()

    assert wizard.currentPage() is wizard.port_page
    wizard.next()
    local = f"http://127.0.0.1:{port}/hooks/commubo/{token}"
    qtbot.waitUntil(lambda: wizard.local_page.url.text() == local, timeout=5000)
    wizard.next()
    assert wizard.currentPage() is wizard.exposure_page
    wizard.exposure_page.choose("ngrok")
    wizard.exposure_page.ngrok_api.setText(f"127.0.0.1:{agent.port}")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.public_page, timeout=5000)
    assert Office(console.db_path).settings.value("tunnel") == "ngrok"

    wizard.public_page.detect_button.click()
    qtbot.waitUntil(lambda: wizard.public_page.url.text() == proxy.base, timeout=CHECK_TIMEOUT)
    assert "Found" in wizard.public_page.status.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.test_page, timeout=5000)

    wizard.test_page.run_button.click()
    qtbot.waitUntil(lambda: "Success" in wizard.test_page.result.text(), timeout=CHECK_TIMEOUT)
    assert " ms" in wizard.test_page.result.text()
    wizard.next()

    public = f"{proxy.base}/hooks/commubo/{token}"
    page = wizard.commubo_page
    assert page.url.text() == public
    page.copy.click()
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None and clipboard.text() == public
    shown = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "AIオペレータ管理 → 会話シナリオ → 着信応答コールの通知" in shown

    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: console.window.dialogs.setup is None, timeout=2000)
    assert Preferences(console.db_path.parent).setup_done
    qtbot.waitUntil(lambda: console.window.reachability.state == REACHABLE,
                    timeout=CHECK_TIMEOUT)


@on_a_faked_tray
def test_the_self_test_in_setup_names_a_precise_failure(
    qtbot: QtBot, console: Console, proxy: ReverseProxy
) -> None:
    with socket.socket() as probe:  # a port where nothing listens: the tunnel's upstream
        probe.bind(("127.0.0.1", 0))
        proxy.target_port = probe.getsockname()[1]
    wizard = open_setup(qtbot, console)
    wizard.next()
    wizard.next()
    wizard.exposure_page.choose("url")
    wizard.next()  # saved first: the next page shows once callgate took it
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.public_page, timeout=5000)
    wizard.public_page.url.setText(proxy.base)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.test_page, timeout=5000)
    assert Office(console.db_path).settings.value("public-url") == proxy.base
    wizard.test_page.run_button.click()
    qtbot.waitUntil(lambda: "Failed" in wizard.test_page.result.text(), timeout=CHECK_TIMEOUT)
    assert "502" in wizard.test_page.result.text()


def test_the_first_run_opens_the_setup_and_skipping_it_is_remembered(
    qtbot: QtBot, db_path: Path
) -> None:
    first = start_console(qtbot, db_path, first_run_setup=True)
    try:
        qtbot.waitUntil(lambda: first.window.dialogs.setup is not None, timeout=2000)
        wizard = first.window.dialogs.setup
        assert wizard is not None
        qtbot.waitUntil(wizard.isVisible, timeout=2000)
        skip = wizard.button(QWizard.WizardButton.CancelButton)
        assert skip.text() == "Skip setup"
        wizard.next()
        wizard.next()
        skip.click()  # from the middle of it
        qtbot.waitUntil(lambda: first.window.dialogs.setup is None, timeout=2000)
        assert Office(db_path).settings.value("tunnel") == "none", "skipping stores nothing"
    finally:
        first.window.quit_now()
        first.close()
    second = start_console(qtbot, db_path, first_run_setup=True)
    try:
        qtbot.wait(200)
        assert second.window.dialogs.setup is None, "the setup opens by itself only once"
    finally:
        second.window.quit_now()
        second.close()


def test_every_page_can_be_passed_without_entering_anything(
    qtbot: QtBot, db_path: Path
) -> None:
    console = start_console(qtbot, db_path)
    try:
        wizard = open_setup(qtbot, console)
        for _ in range(len(wizard.pageIds()) - 1):
            page = wizard.currentPage()
            wizard.next()
            assert wizard.currentPage() is not page
        assert wizard.currentPage() is wizard.commubo_page
        assert "only works on this computer" in wizard.commubo_page.note.text()
        wizard.accept()
        assert Preferences(db_path.parent).setup_done
    finally:
        console.window.quit_now()
        console.close()


def test_the_quick_tunnel_is_offered_only_with_cloudflared_on_the_path(
    qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether cloudflared is on the PATH is the listener's to say (its machine starts it)."""
    monkeypatch.setattr(QuickTunnel, "available", staticmethod(lambda: False))
    console = start_console(qtbot, db_path)
    try:
        wizard = open_setup(qtbot, console)
        assert "quick" not in wizard.exposure_page.buttons
        wizard.reject()
        qtbot.waitUntil(lambda: console.window.dialogs.setup is None, timeout=2000)
    finally:
        console.window.quit_now()
        console.close()

    monkeypatch.setattr(QuickTunnel, "available", staticmethod(lambda: True))
    console = start_console(qtbot, db_path)
    try:
        wizard = open_setup(qtbot, console)
        page = wizard.exposure_page
        wizard.next()
        wizard.next()
        page.choose("quick")
        assert page.warning.isVisible()
        assert "changes every time it starts" in page.warning.text()
        page.choose("ngrok")
        assert not page.warning.isVisible()
        wizard.reject()
    finally:
        console.window.quit_now()
        console.close()


# ---------------------------------------------------------------------------------------------
# Token rotation from the settings


def test_a_grace_of_one_hour_reads_one_hour(qtbot: QtBot, db_path: Path) -> None:
    Office(db_path).settings.set("token-grace-hours", "1")
    console = start_console(qtbot, db_path)
    try:
        console.window.dialogs.open_settings()
        dialog = console.window.findChild(SettingsDialog)
        assert isinstance(dialog, SettingsDialog)
        qtbot.waitUntil(lambda: bool(dialog.url.text()), timeout=5000)
        dialog.confirm_rotation()
        assert "The old URL keeps working for 1 hour: " in dialog.rotation_box.text()
        dialog.rotation_box.reject()
    finally:
        console.window.quit_now()
        console.close()


def test_rotating_the_token_keeps_the_old_one_working_for_the_grace_period(
    qtbot: QtBot, db_path: Path
) -> None:
    console = start_console(qtbot, db_path)
    try:
        store = Office(console.db_path)
        old = store.webhook.token()
        console.window.dialogs.open_settings()
        dialog = console.window.findChild(SettingsDialog)
        assert isinstance(dialog, SettingsDialog)
        qtbot.waitUntil(dialog.isVisible, timeout=2000)
        qtbot.waitUntil(lambda: dialog.url.text().endswith(old), timeout=5000)
        assert dialog.tokens.text() == ""
        with qtbot.assertNotEmitted(dialog.token_rotated):
            dialog.rotate_button.click()
            qtbot.waitUntil(dialog.rotation_box.isVisible, timeout=2000)
            assert "24 hours" in dialog.rotation_box.text()
            dialog.rotation_box.button(dialog.rotation_box.StandardButton.Cancel).click()
        assert store.webhook.token() == old
        dialog.rotate_button.click()
        [confirm] = [b for b in dialog.rotation_box.buttons() if b.text() == "Rotate token"]
        with qtbot.waitSignal(dialog.token_rotated, timeout=2000):
            confirm.click()
        new = store.webhook.token()
        assert new != old
        assert dialog.url.text().endswith(f"/hooks/commubo/{new}")
        assert new in dialog.tokens.text() and old in dialog.tokens.text()
        assert "keeps working until" in dialog.tokens.text()
        for token, call_id in ((new, "via-new"), (old, "via-old")):
            body = sample("seed_incoming_call.json") | {"callId": call_id}
            assert post(console.listener.url(token), body).status == 200, token
        assert post(console.listener.url("neither"), sample("seed_incoming_call.json")).status \
            == 404
        history = history_tab(console.window)  # behind the settings dialog
        qtbot.waitUntil(lambda: history.model.rowCount() == 2, timeout=3000)
        dialog.reject()
        console.window.dialogs.open_settings()
        again = console.window.findChild(SettingsDialog)
        assert isinstance(again, SettingsDialog) and again is not dialog
        qtbot.waitUntil(lambda: again.url.text().endswith(new), timeout=5000)
        again.reject()
    finally:
        console.window.quit_now()
        console.close()


def test_reachability_settings_are_saved_and_checked(qtbot: QtBot, db_path: Path) -> None:
    console = start_console(qtbot, db_path)
    try:
        console.window.dialogs.open_settings()
        dialog = console.window.findChild(SettingsDialog)
        assert isinstance(dialog, SettingsDialog)
        dialog.tunnel.setCurrentIndex(dialog.tunnel.findData("url"))
        dialog.public_url.setText("https://calls.example.com/with/a/path")
        dialog.save()
        qtbot.waitUntil(lambda: "without a path" in dialog.error.text(), timeout=5000)
        assert dialog.isVisible()
        dialog.public_url.setText("https://calls.example.com")
        dialog.ngrok_api.setText("4041")
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        stored = Office(console.db_path).settings.values()
        assert (stored["tunnel"], stored["public-url"], stored["ngrok-api"]) == (
            "url", "https://calls.example.com", "127.0.0.1:4041")
    finally:
        console.window.quit_now()
        console.close()
