"""callgate starts when its person logs in, and is in the applications menu, through the
platform's own mechanism: registered and removed by `config start-at-login on|off` (and
`menu-entry`), under a temporary home. The entry's Exec line starts this callgate on the same
office: the test runs it."""

from __future__ import annotations

import plistlib
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from processes import free_port
from test_cli import ROOT, RUN_TIMEOUT, Cli, usage_error

from desktop import launch
from desktop.assets import ICON
from desktop.macos import LaunchAgent
from desktop.xdg import Autostart, MenuEntry, exec_line


@pytest.fixture
def desk(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "office data", free_port())


def environment(cli: Cli, tmp_path: Path) -> dict[str, str]:
    return cli.env(XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
                   HOME=str(tmp_path / "home"))


def entry_keys(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:])


def exec_arguments(value: str) -> list[str]:
    """The command an Exec value runs, unquoted as a desktop does (for the paths here)."""
    return shlex.split(value.replace("%%", "%"))


def test_start_at_login_on_writes_an_autostart_entry_that_starts_this_office(
    desk: Cli, tmp_path: Path
) -> None:
    env = environment(desk, tmp_path)
    assert desk.ok("config", "start-at-login", env=env).strip() == "off"

    assert desk.ok("config", "start-at-login", "on", env=env).strip() == "on"

    entry = tmp_path / "config" / "autostart" / "callgate.desktop"
    keys = entry_keys(entry)
    assert (keys["Type"], keys["Name"], keys["Icon"]) == ("Application", "callgate", "callgate")
    command = exec_arguments(keys["Exec"])
    assert command[-2:] == ["--data-dir", str(desk.data_dir)]
    started = subprocess.run([*command, "url"], cwd=tmp_path, env=env, capture_output=True,
                             text=True, timeout=RUN_TIMEOUT, check=True)
    assert started.stdout == desk.ok("url", env=env), "the entry starts callgate on this office"
    assert desk.ok("config", "start-at-login", env=env).strip() == "on"
    listed = desk.ok("config", env=env)
    assert any(line.split()[:2] == ["start-at-login", "on"] for line in listed.splitlines())


def test_start_at_login_off_removes_the_entry(desk: Cli, tmp_path: Path) -> None:
    env = environment(desk, tmp_path)
    desk.ok("config", "start-at-login", "on", env=env)

    assert desk.ok("config", "start-at-login", "off", env=env).strip() == "off"

    assert not (tmp_path / "config" / "autostart" / "callgate.desktop").exists()
    assert desk.ok("config", "start-at-login", env=env).strip() == "off"
    desk.ok("config", "start-at-login", "off", env=env)  # already off: nothing to do


def test_start_at_login_takes_only_on_or_off(desk: Cli, tmp_path: Path) -> None:
    env = environment(desk, tmp_path)
    line = usage_error(desk.run("config", "start-at-login", "maybe", env=env))
    assert "start-at-login" in line and "'maybe' is not on or off" in line
    assert not (tmp_path / "config" / "autostart").exists()


def test_the_menu_entry_brings_its_icon_and_goes_with_it(desk: Cli, tmp_path: Path) -> None:
    env = environment(desk, tmp_path)
    desk.ok("config", "menu-entry", "on", env=env)

    entry = tmp_path / "data" / "applications" / "callgate.desktop"
    icon = tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "callgate.svg"
    keys = entry_keys(entry)
    assert exec_arguments(keys["Exec"])[-1] == str(desk.data_dir)
    assert keys["Icon"] == "callgate" and icon.read_bytes() == ICON.read_bytes()
    assert "Telephony" in keys["Categories"].split(";")

    desk.ok("config", "menu-entry", "off", env=env)
    assert not entry.exists() and not icon.exists()


def test_an_exec_line_keeps_each_argument_whole() -> None:
    """Spaces, quotes, $ and % in a path stay in their argument (Desktop Entry Specification:
    quoted, ", `, $ and \\ escaped, % doubled, backslashes escaped again as a string's)."""
    line = exec_line(["/opt/call gate/bin/callgate", "--data-dir", '/srv/a "b" $HOME 100%'])
    assert line == ('"/opt/call gate/bin/callgate" --data-dir '
                    '"/srv/a \\\\"b\\\\" \\\\$HOME 100%%"')
    assert exec_line(["C:\\callgate"]) == '"C:\\\\\\\\callgate"'


def test_autostart_and_menu_entry_on_their_own_folders(tmp_path: Path) -> None:
    autostart = Autostart(tmp_path / "autostart")
    autostart.add(["/usr/bin/callgate"])
    assert autostart.present() and entry_keys(autostart.path)["Exec"] == "/usr/bin/callgate"
    assert entry_keys(autostart.path)["X-GNOME-Autostart-enabled"] == "true"
    autostart.add(["/opt/callgate"])  # the command moved: written again
    assert entry_keys(autostart.path)["Exec"] == "/opt/callgate"
    autostart.remove()
    assert not autostart.present()
    menu = MenuEntry(tmp_path / "share")
    menu.remove()  # never added: nothing to do
    assert not menu.present()


def test_a_launch_agent_starts_callgate_at_login_on_macos(tmp_path: Path) -> None:
    agent = LaunchAgent(home=tmp_path)
    command = ["/Users/office/.local/bin/callgate", "--data-dir", "/Users/office/callgate data"]

    agent.add(command)

    path = tmp_path / "Library" / "LaunchAgents" / "callgate.console.plist"
    written = plistlib.loads(path.read_bytes())
    assert written["ProgramArguments"] == command and written["RunAtLoad"] is True
    assert agent.present()
    agent.remove()
    assert not path.exists() and not agent.present()


def test_the_command_is_the_installed_script_else_this_python_and_main_py(
    tmp_path: Path
) -> None:
    scripts = tmp_path / "bin"
    scripts.mkdir()
    assert launch.command(tmp_path / "office", [scripts]) == [
        sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path / "office")]
    (scripts / launch.script_name()).write_text("#!/bin/sh\n")
    assert launch.command(None, [tmp_path / "none", scripts]) == [
        str(scripts / launch.script_name())]
    assert launch.script_name("win32") == "callgate-console.exe"
