"""Each item of the console's menus has a letter of its own, in English and in Japanese."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import start_console
from menus import menus, shared_mnemonics
from pytestqt.qtbot import QtBot

from gui.window import ConsoleWindow


@pytest.fixture(params=["English", "Japanese"])
def window(request: pytest.FixtureRequest, qtbot: QtBot, db_path: Path
           ) -> Iterator[ConsoleWindow]:
    if request.param == "Japanese":
        request.getfixturevalue("japanese")
    running = start_console(qtbot, db_path)
    yield running.window
    running.window.quit_now()
    running.close()


def test_no_two_items_of_a_menu_share_a_letter(window: ConsoleWindow) -> None:
    """'&Check reachability now' and 'S&chedule…' (今すぐ接続を確認(&C), スケジュール(&C)…)
    were both Alt+C: the letter only moved between them, and opened neither."""
    found = menus(window)
    assert found
    for menu in found:
        assert not shared_mnemonics(menu), menu.title()
