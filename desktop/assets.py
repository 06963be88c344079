"""callgate's one artwork, made by the project (CC0, as the README says): the icon of the
window, the tray and the menu entry. The ring's sound is beside it."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "artwork"
ICON = FOLDER / "callgate.svg"
RING = FOLDER / "ring.wav"
ICON_NAME = "callgate"  # in icon themes and desktop entries
