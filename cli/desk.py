"""The settings of this computer rather than the office (`config start-at-login on|off`,
`config menu-entry on|off`): what the desktop has of callgate (desktop/), not the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop import launch
from desktop.integration import Integration, menu_entry, start_at_login
from screening.messages import Message
from screening.setting_values import on_off

DESK: dict[str, Callable[[], Integration | None]] = {
    "start-at-login": start_at_login,
    "menu-entry": menu_entry,
}
HELP = {
    "start-at-login": Message("desktop.setting.start_at_login"),
    "menu-entry": Message("desktop.setting.menu_entry"),
}


def offered() -> dict[str, Integration]:
    """The desk settings this platform has."""
    found = {name: make() for name, make in DESK.items()}
    return {name: integration for name, integration in found.items() if integration is not None}


def value(integration: Integration) -> str:
    return "on" if integration.present() else "off"


def change(integration: Integration, text: str, data_dir: Path) -> str:
    """`on` registers the console of the office in `data_dir`; a Refusal for neither."""
    wanted = on_off(text.strip())
    if wanted == "on":
        integration.add(launch.command(data_dir))
    else:
        integration.remove()
    return wanted
