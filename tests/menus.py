"""What a person pressing Alt and a letter meets in the console's menus."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QMainWindow, QMenu

# One '&' before a letter marks it (a doubled '&&' is an ampersand shown as it is).
MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def menus(window: QMainWindow) -> list[QMenu]:
    """The menu bar's menus."""
    return [menu for action in window.menuBar().actions()
            if (menu := action.menu()) is not None and isinstance(menu, QMenu)]


def shared_mnemonics(menu: QMenu) -> dict[str, list[str]]:
    """The letters more than one of the menu's items are reached by, with those items: the
    letter then only moves between them, and opens neither."""
    items: dict[str, list[str]] = defaultdict(list)
    for action in menu.actions():
        if (found := MNEMONIC.search(action.text())) is not None:
            items[found.group(1).lower()].append(action.text())
    return {letter: texts for letter, texts in items.items() if len(texts) > 1}
