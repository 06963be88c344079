"""Numbers keep their leading 0 on screen: an unusual number (0901112222, one digit short) shows
with its 0 on the card, the live list, the history and the rules tab (issue 10, point 14)."""

from __future__ import annotations

import pytest
from conftest import Console, history_tab, post, sample, url_of
from pytestqt.qtbot import QtBot
from test_gui_rules import view

from gui.history import Column as HistoryColumn
from gui.rules import Column as RulesColumn
from gui.rules import RulesView
from screening.rules import Action

__all__ = ["view"]  # fixtures, used by name

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

UNUSUAL = ["0901112222", "0501234567"]


@pytest.mark.parametrize("number", UNUSUAL)
def test_a_call_from_an_unusual_number_shows_its_0(
    qtbot: QtBot, console: Console, number: str
) -> None:
    body = sample("seed_incoming_call.json") | {"callId": f"odd-{number}", "phoneNumber": number}
    assert post(url_of(console), body).status == 200
    window = console.window
    card = window.live.card
    qtbot.waitUntil(lambda: card.call_id == f"odd-{number}", timeout=3000)
    assert card.number.text() == number

    live = window.live.model
    row = live.row_of(f"odd-{number}")
    assert row is not None
    assert live.data(live.index(row, 0)).startswith(f"{number}  ")

    history = history_tab(window).model
    qtbot.waitUntil(lambda: history.rowCount() == 1, timeout=5000)
    assert history.data(history.index(0, HistoryColumn.NUMBER)) == number


@pytest.mark.parametrize("number", UNUSUAL)
def test_a_rule_on_an_unusual_number_shows_its_0(
    qtbot: QtBot, view: RulesView, number: str
) -> None:
    with qtbot.waitSignal(view.rules_changed, timeout=5000):
        view.add_rule(number, Action.BLOCK, "")
    model = view.table.model()
    assert model.data(model.index(0, RulesColumn.NUMBER)) == number
