"""Settings, tray and notifications: the parts of the console around the calls."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import Console, click_mode, sample, start_console
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QSystemTrayIcon
from pytestqt.qtbot import QtBot
from test_console import send

from application import Office
from gui.settings_dialog import SettingsDialog
from screening.mode import Mode


def open_settings(qtbot: QtBot, console: Console) -> SettingsDialog:
    console.window.dialogs.open_settings()
    dialog = console.window.findChild(SettingsDialog)
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def test_settings_are_saved_and_used_by_the_next_call(
    qtbot: QtBot, console: Console, db_path: Path
) -> None:
    dialog = open_settings(qtbot, console)
    dialog.ask_timeout.setValue(25)
    dialog.withheld.setCurrentIndex(dialog.withheld.findData("reject"))
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    stored = Office(console.db_path).settings.values()
    assert (stored["ask-timeout"], stored["withheld"]) == ("25", "reject")
    with ThreadPoolExecutor(max_workers=1) as pool:
        withheld = sample("seed_incoming_call.json") | {"callId": "w1", "phoneNumber": ""}
        answer = send(pool, console, withheld).result(timeout=5)
    assert (answer.status, answer.body["reason"]) == (403, "withheld")


def test_a_bad_setting_is_refused_with_its_reason_and_nothing_is_stored(
    qtbot: QtBot, console: Console
) -> None:
    dialog = open_settings(qtbot, console)
    dialog.ask_timeout.setValue(30)
    dialog.host.setText("not an address")
    dialog.save()
    qtbot.waitUntil(lambda: "not an address" in dialog.error.text(), timeout=5000)
    assert dialog.isVisible(), "the dialog stays open so the person can correct it"
    assert Office(console.db_path).settings.value("ask-timeout") == "10", "nothing half-saved"


def test_the_webhook_url_is_copied_with_one_click(qtbot: QtBot, console: Console) -> None:
    dialog = open_settings(qtbot, console)
    token = Office(console.db_path).webhook.token()
    qtbot.waitUntil(lambda: dialog.url.text().endswith(f"/hooks/commubo/{token}"), timeout=5000)
    [copy] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Copy"]
    copy.click()
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None and clipboard.text() == dialog.url.text()


# The offscreen platform has no tray to connect to; that is the test platform, not callgate.
on_a_faked_tray = pytest.mark.qt_log_ignore("systemTrayWindowChanged")


@pytest.fixture
def tray_console(
    qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Console]:
    """A desktop with a system tray (the offscreen test platform has none)."""
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    running = start_console(qtbot, db_path)
    assert running.window.tray is not None
    yield running
    running.window.quit_now()
    running.close()


@on_a_faked_tray
def test_closing_keeps_taking_calls_in_the_tray_and_says_so_once(
    qtbot: QtBot, tray_console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, tray = tray_console.window, tray_console.window.tray
    assert tray is not None
    messages: list[str] = []
    monkeypatch.setattr(tray, "showMessage", lambda title, text, *rest: messages.append(text))
    window.close()
    assert not window.isVisible()
    assert len(messages) == 1 and "keeps taking calls" in messages[0]
    with ThreadPoolExecutor(max_workers=1) as pool:
        body = sample("seed_incoming_call.json") | {"callId": "hidden"}
        assert send(pool, tray_console, body).result(timeout=5).status == 200
    window.bring_to_front()
    window.close()
    assert len(messages) == 1, "the tray notice is shown once, not at every close"


@on_a_faked_tray
def test_quitting_from_the_tray_asks_first(qtbot: QtBot, tray_console: Console) -> None:
    window, tray = tray_console.window, tray_console.window.tray
    assert tray is not None
    with qtbot.assertNotEmitted(window.quit_confirmed):
        tray.quit_requested.emit()
        qtbot.waitUntil(window.quit_box.isVisible, timeout=2000)
        window.quit_box.button(QMessageBox.StandardButton.Cancel).click()
    tray.quit_requested.emit()
    [confirm] = [b for b in window.quit_box.buttons() if "Quit" in b.text()]
    with qtbot.waitSignal(window.quit_confirmed, timeout=2000):
        confirm.click()


@on_a_faked_tray
def test_a_call_waiting_for_a_person_raises_a_notification(
    qtbot: QtBot, tray_console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    tray = tray_console.window.tray
    assert tray is not None
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(tray, "showMessage",
                        lambda title, text, *rest: shown.append((title, text)))
    click_mode(qtbot, tray_console, Mode.ASK)
    with ThreadPoolExecutor(max_workers=1) as pool:
        answer = send(pool, tray_console, sample("seed_incoming_call.json") | {"callId": "n1"})
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
        assert shown[0][0] == "Call waiting for you"
        assert "03-3000-1234" in shown[0][1] and "鈴木" in shown[0][1]
        qtbot.waitUntil(lambda: tray_console.window.ringer.ringing, timeout=2000)  # and rings
        tray_console.window.live.card.accept_button.click()
        assert answer.result(timeout=5).status == 200
