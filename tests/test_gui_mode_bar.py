"""The mode bar's buttons: the mode in force is drawn bold, and still whole."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from gui.mode import ModeBar
from screening.mode import Mode


@pytest.mark.parametrize("mode", list(Mode))
def test_the_mode_in_force_is_shown_whole_though_its_button_turns_bold(
        qtbot: QtBot, mode: Mode) -> None:
    """"Let all through" in bold was cut to "et all throug" in a button sized for plain text."""
    bar = ModeBar()
    qtbot.addWidget(bar)
    bar.show_mode(mode)
    bar.show()
    qtbot.waitExposed(bar)
    button = bar.buttons[mode]
    text = button.text()
    bold = QFont(button.font())
    bold.setBold(True)
    padding = button.sizeHint().width() - button.fontMetrics().horizontalAdvance(text)
    assert button.width() >= QFontMetrics(bold).horizontalAdvance(text) + padding, text
