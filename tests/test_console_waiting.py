"""A call waiting for a person cannot be missed from any tab: the sign beside the tabs, the tab's
and the window's title, and Alt+L / Alt+R wherever the keyboard focus is."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from conftest import Answer, Console, click_mode, sample
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from test_console import call_from, send

from screening.policy import Mode
from screening.rules import Action

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=4) as executor:
        yield executor


def waiting_call(qtbot: QtBot, console: Console, pool: ThreadPoolExecutor,
                 call_id: str) -> Future[Answer]:
    """A call in *ask me* mode, once the console shows it waiting."""
    click_mode(qtbot, console, Mode.ASK)
    answer = send(pool, console, call_from("0330001234", call_id))
    live = console.window.live
    qtbot.waitUntil(lambda: live.waiting_count() == 1, timeout=3000)
    return answer


def show_tab(console: Console, page: QWidget) -> None:
    tabs = console.window.tabs
    tabs.setCurrentWidget(page)
    assert tabs.currentWidget() is page


def test_alt_l_in_the_history_search_box_lets_the_call_through_and_types_nothing(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    history = console.window.history
    show_tab(console, history)
    history.search_field.setFocus()
    answer = waiting_call(qtbot, console, pool, "from-history")

    qtbot.keyClick(history.search_field, Qt.Key.Key_L, ALT)  # type: ignore[no-untyped-call]

    result = answer.result(timeout=5)
    assert (result.status, result.body["reason"]) == (200, "person")
    assert history.search_field.text() == ""
    assert console.window.tabs.currentWidget() is history, "the person stays where they were"


def test_alt_r_on_the_rules_tab_rejects_the_call_and_removes_no_rule(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    rules = console.window.rules
    with qtbot.waitSignal(rules.rules_changed, timeout=5000):
        rules.add_rule("0120123456", Action.ALLOW)
    show_tab(console, rules)
    rules.table.selectRow(0)
    rules.table.setFocus()
    answer = waiting_call(qtbot, console, pool, "from-rules")

    qtbot.keyClick(rules.table, Qt.Key.Key_R, ALT)  # type: ignore[no-untyped-call]

    result = answer.result(timeout=5)
    assert (result.status, result.body["decision"], result.body["reason"]) == (
        403, "reject", "person")
    asking = [box for box in console.window.findChildren(QMessageBox) if box.isVisible()]
    assert asking == [], "Alt+R is the call's, not the rule list's Remove"
    assert rules.model.rowCount() == 1


def test_every_tab_shows_the_waiting_call_with_its_countdown_and_buttons(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    window = console.window
    show_tab(console, window.history)
    page = window.history
    before = page.mapTo(window, QPoint(0, 0))
    strip = window.waiting
    assert not strip.isVisible()
    assert window.tabs.tabText(window.tabs.indexOf(window.live)) == "Live calls"

    answer = waiting_call(qtbot, console, pool, "seen-everywhere")

    qtbot.waitUntil(strip.isVisible, timeout=2000)
    assert "1 waiting" in strip.text.text()
    assert "03-3000-1234" in strip.text.text() and "s left" in strip.text.text()
    assert window.tabs.tabText(window.tabs.indexOf(window.live)) == "Live calls (1 waiting)"
    assert window.windowTitle() == "callgate (1 waiting)"
    assert page.mapTo(window, QPoint(0, 0)) == before, "nothing moves under the mouse"
    assert strip.accept_button.text() == "Let through (Alt+L)"

    strip.reject_button.click()

    result = answer.result(timeout=5)
    assert (result.status, result.body["reason"]) == (403, "person")
    qtbot.waitUntil(lambda: not strip.isVisible(), timeout=2000)
    assert window.tabs.tabText(window.tabs.indexOf(window.live)) == "Live calls"
    assert window.windowTitle() == "callgate"


def test_the_keys_decide_the_call_closest_to_its_deadline_after_another_was_chosen(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    """A person looking at an old call on the card still decides the call that waits."""
    window, live = console.window, console.window.live
    assert send(pool, console, call_from("0330001234", "earlier")).result(timeout=5).status \
        == 200
    qtbot.waitUntil(lambda: live.model.row_of("earlier") is not None, timeout=2000)
    answer = waiting_call(qtbot, console, pool, "now")
    live.select("earlier")
    assert live.card.call_id == "earlier"

    qtbot.keyClick(window, Qt.Key.Key_L, ALT)  # type: ignore[no-untyped-call]

    assert answer.result(timeout=5).body["reason"] == "person"


def test_with_no_call_waiting_the_keys_do_nothing(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    body = sample("seed_incoming_call.json") | {"callId": "decided"}
    assert send(pool, console, body).result(timeout=5).status == 200
    live = console.window.live
    qtbot.waitUntil(lambda: live.card.call_id == "decided", timeout=2000)
    qtbot.keyClick(console.window, Qt.Key.Key_R, ALT)  # type: ignore[no-untyped-call]
    assert live.waiting_count() == 0 and not console.window.waiting.isVisible()
