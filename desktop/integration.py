"""One way callgate is part of the desktop (its start at login, its menu entry): there, or
not, added with the command that starts callgate, removed. Each platform's mechanism is a
module of its own (xdg.py, windows.py, macos.py); `start_at_login()` picks this platform's."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Protocol


class Integration(Protocol):
    def present(self) -> bool: ...

    def add(self, command: Sequence[str]) -> None:
        """Registered, starting `command`; written again when there (the command may have
        moved). OSError when it cannot be written."""

    def remove(self) -> None:
        """Gone; nothing to do when it was not there."""


def start_at_login(platform: str = sys.platform) -> Integration:
    """The platform's own mechanism: XDG autostart, the Run key of Windows, a LaunchAgent."""
    if platform == "win32":
        from desktop.windows import RunKey

        return RunKey()
    if platform == "darwin":
        from desktop.macos import LaunchAgent

        return LaunchAgent()
    from desktop.xdg import Autostart

    return Autostart()


def menu_entry(platform: str = sys.platform) -> Integration | None:
    """callgate in the applications menu, with its icon; None where callgate does not make
    one (Windows and macOS list what an installer made; pip makes none)."""
    if platform in ("win32", "darwin"):
        return None
    from desktop.xdg import MenuEntry

    return MenuEntry()
