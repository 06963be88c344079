"""The freedesktop.org way (Linux and the other free desktops): a desktop entry in
$XDG_CONFIG_HOME/autostart starts callgate when its person logs in; one in
$XDG_DATA_HOME/applications, with the icon in the hicolor theme there, puts it in the
applications menu."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from desktop.assets import ICON, ICON_NAME

FILE_NAME = "callgate.desktop"
#: Characters that make an Exec argument need quotes (the Desktop Entry Specification).
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
#: What a desktop shows beside the name, in the languages callgate speaks.
COMMENTS = {"": "Screens commubo's incoming calls", "ja": "commubo の着信を選別します"}


def _home(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else Path.home() / fallback


def config_home() -> Path:
    return _home("XDG_CONFIG_HOME", ".config")


def data_home() -> Path:
    return _home("XDG_DATA_HOME", ".local/share")


def exec_argument(argument: str) -> str:
    """One argument as an Exec key's value holds it: quoted when it has a reserved character
    (and then ", `, $ and \\ escaped), % doubled, and a backslash escaped once more as a
    string value's."""
    if any(character in _RESERVED for character in argument) or not argument:
        inner = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        argument = f'"{inner}"'
    return argument.replace("%", "%%").replace("\\", "\\\\")


def exec_line(command: Sequence[str]) -> str:
    return " ".join(exec_argument(argument) for argument in command)


def desktop_entry(command: Sequence[str], extra: Mapping[str, str] | None = None) -> str:
    lines = ["[Desktop Entry]", "Type=Application", "Name=callgate"]
    lines += [f"Comment[{lang}]={text}" if lang else f"Comment={text}"
              for lang, text in COMMENTS.items()]
    lines += [f"Exec={exec_line(command)}", f"Icon={ICON_NAME}", "Terminal=false"]
    lines += [f"{key}={value}" for key, value in (extra or {}).items()]
    return "\n".join(lines) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """A desktop reading the folder meanwhile sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


class Autostart:
    """Starts callgate at login (the XDG Autostart Specification)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or config_home() / "autostart") / FILE_NAME

    def present(self) -> bool:
        return self.path.is_file()

    def add(self, command: Sequence[str]) -> None:
        write_atomically(self.path, desktop_entry(command, {"X-GNOME-Autostart-enabled": "true"}))

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


class MenuEntry:
    """callgate in the applications menu, with its icon."""

    def __init__(self, folder: Path | None = None) -> None:
        base = folder or data_home()
        self.path = base / "applications" / FILE_NAME
        self.icon = base / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"

    def present(self) -> bool:
        return self.path.is_file()

    def add(self, command: Sequence[str]) -> None:
        self.icon.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ICON, self.icon)
        write_atomically(self.path, desktop_entry(command, {
            "Categories": "Office;Telephony;", "Keywords": "phone;call;commubo;電話;着信;",
            "StartupNotify": "true"}))

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
        self.icon.unlink(missing_ok=True)
