"""The console beside other consoles of the same callgate, and without its listener: a person's
decision that comes too late says who decided first, and a console that lost its listener says
so instead of showing calls it no longer hears."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import Console, click_mode, post, sample, url_of
from console_desk import Desk
from pytestqt.qtbot import QtBot

from screening.policy import Decision, Mode
from server.protocol import messages as protocol
from server.protocol.link import LinkState


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=2) as executor:
        yield executor


def test_a_decision_another_desk_made_first_is_told_with_its_name(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    click_mode(qtbot, console, Mode.ASK)
    manager = Desk(console.listener.link(desk="manager", wire=True))
    manager.attached()
    answer = pool.submit(post, url_of(console),
                         sample("seed_incoming_call.json") | {"callId": "both-desks"})
    card = console.window.live.card
    qtbot.waitUntil(lambda: card.call_id == "both-desks" and card.accept_button.isEnabled(),
                    timeout=5000)
    first = manager.done(protocol.ResolveCall(call_id="both-desks", decision=Decision.REJECT))
    assert first.outcome == "decided"

    card.accept_button.click()  # before this window heard of the other desk's decision

    line = console.window.last_error
    qtbot.waitUntil(lambda: "already decided by manager" in line.text(), timeout=5000)
    qtbot.waitUntil(answer.done, timeout=5000)
    result = answer.result()
    assert (result.status, result.body["reason"]) == (403, "person")
    qtbot.waitUntil(lambda: "Rejected by a person" in card.status.text(), timeout=5000)
    manager.close()


def test_a_console_that_lost_its_listener_says_so(qtbot: QtBot, console: Console) -> None:
    window = console.window
    assert not window.health.lost.isVisible()
    window.session.link_state.emit(LinkState.LOST)  # as a link reports it
    assert window.health.lost.isVisible()
    assert "lost its connection to callgate's listener" in window.health.lost.text()
    assert window.listener_status.text() == "Not connected"
