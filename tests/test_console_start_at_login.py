"""The console registers callgate to start at login (and in the applications menu): offered on
the first-run setup's first page, ticked there, done when the person goes on; in Settings,
shown as the desktop has it and changed on Save. The files are written off the GUI thread,
under a temporary home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Console, start_console
from pytestqt.qtbot import QtBot
from test_console_desktop import open_settings
from test_desktop_start import entry_keys, exec_arguments

from desktop import launch
from desktop.xdg import Autostart
from gui.computer import ComputerState


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    return tmp_path


@pytest.fixture
def at_home(qtbot: QtBot, home: Path, db_path: Path) -> Iterator[Console]:
    """The console, its desktop under `home`."""
    running = start_console(qtbot, db_path)
    yield running
    running.window.quit_now()
    running.close()


def autostart_entry(home: Path) -> Path:
    return home / "config" / "autostart" / "callgate.desktop"


def menu_entry(home: Path) -> Path:
    return home / "share" / "applications" / "callgate.desktop"


def test_the_setup_offers_start_at_login_ticked_and_registers_it_on_next(
    qtbot: QtBot, at_home: Console, home: Path
) -> None:
    at_home.window.dialogs.open_setup()
    wizard = at_home.window.dialogs.setup
    assert wizard is not None
    page = wizard.port_page
    assert page.start_at_login.isChecked(), "commubo rejects calls while callgate is not running"
    assert page.menu_entry.isChecked() and not page.menu_entry.isHidden()
    assert not autostart_entry(home).exists()

    wizard.next()

    qtbot.waitUntil(autostart_entry(home).exists, timeout=5000)
    command = exec_arguments(entry_keys(autostart_entry(home))["Exec"])
    assert command == launch.command(at_home.db_path.parent)
    qtbot.waitUntil(menu_entry(home).exists, timeout=5000)
    wizard.reject()


def test_unticked_in_the_setup_callgate_does_not_start_at_login(
    qtbot: QtBot, at_home: Console, home: Path
) -> None:
    Autostart().add(["/old/callgate"])  # from an earlier setup
    at_home.window.dialogs.open_setup()
    wizard = at_home.window.dialogs.setup
    assert wizard is not None
    wizard.port_page.start_at_login.setChecked(False)
    wizard.port_page.menu_entry.setChecked(False)

    wizard.next()

    qtbot.waitUntil(lambda: not autostart_entry(home).exists(), timeout=5000)
    assert not menu_entry(home).exists()
    wizard.reject()


def test_settings_show_start_at_login_as_it_is_and_change_it_on_save(
    qtbot: QtBot, at_home: Console, home: Path
) -> None:
    Autostart().add(launch.command(at_home.db_path.parent))
    dialog = open_settings(qtbot, at_home)
    box = dialog.computer.start_at_login
    qtbot.waitUntil(box.isEnabled, timeout=5000)  # once the desktop said how it is
    assert box.isChecked() and not dialog.computer.menu_entry.isChecked()

    box.setChecked(False)
    dialog.computer.menu_entry.setChecked(True)
    dialog.save()

    qtbot.waitUntil(lambda: not autostart_entry(home).exists(), timeout=5000)
    qtbot.waitUntil(menu_entry(home).exists, timeout=5000)
    qtbot.waitUntil(lambda: at_home.window.computer.state == ComputerState(
        start_at_login=False, menu_entry=True), timeout=5000)
