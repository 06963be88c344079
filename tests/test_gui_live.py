"""The live list and call card, fed the listener's own event values."""

from __future__ import annotations

import pytest
from conftest import sample
from live_events import arrived, decision
from live_events import waiting as waiting_for
from PySide6.QtGui import QColor, QPalette
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gui import present
from gui.live import LiveView
from gui.live_calls import REJECTED_COLOUR, WAITING_COLOUR, CallState
from screening.call import Call
from screening.messages import Message
from screening.policy import Decision, Reason, Verdict
from server.protocol.messages import CallWaiting
from storage.leftovers import STOPPED_DETAIL

RECEIVED = "2026-11-25T01:00:00.000+00:00"


def known_call(call_id: str = "1") -> Call:
    return Call.from_payload(sample("seed_incoming_call.json") | {"callId": call_id}, "x")


def waiting(call: Call, seconds: float = 10.0) -> CallWaiting:
    return waiting_for(call, RECEIVED, seconds)


@pytest.fixture
def view(qtbot: QtBot) -> LiveView:
    """The live list and card, closed with the test."""
    live = LiveView()
    qtbot.addWidget(live)
    return live


def test_card_shows_the_customer_as_commubo_sent_it(view: LiveView) -> None:
    view.on_arrived(arrived(known_call(), RECEIVED))
    card = view.card
    assert card.number.text() == "03-3000-1234"
    assert "鈴木" in card.name.text() and "一郎" in card.name.text()
    assert "スズキ" in card.kana.text()
    assert "エーアイ化粧品" in card.company.text() and "経企" in card.company.text()
    assert card.note.text() == "あいうえお"
    assert "AIオペレータのコミュボ" in card.operator.text()
    assert "FFFFEEEE-DDDD-CCCC-BBBB-AAAA000099998888" in card.operator.text()


def test_unknown_and_withheld_callers_say_so(view: LiveView) -> None:
    unknown = Call.from_payload(sample("unknown_caller_no_customer.json"), "x")
    view.on_arrived(arrived(unknown, RECEIVED))
    assert view.card.name.text() == "Unknown caller"
    assert view.card.number.text() == "0120-123-456"
    withheld = Call(call_id="w", phone_number="")
    view.on_arrived(arrived(withheld, RECEIVED))
    view.select("w")
    assert "非通知" in view.card.number.text()
    assert view.card.block_button.isHidden(), "no rule can be made without a number"


def test_waiting_call_counts_down_and_takes_a_click(qtbot: QtBot, view: LiveView) -> None:
    view.show()
    call = known_call("42")
    view.on_arrived(arrived(call, RECEIVED))
    view.on_waiting(waiting(call, 5))
    card = view.card
    assert card.accept_button.isVisible() and card.reject_button.isVisible()
    first = card.countdown.value()
    qtbot.waitUntil(lambda: card.countdown.value() < first, timeout=2000)
    with qtbot.waitSignal(view.decision_made) as decided:
        card.reject_button.click()
    assert decided.args == ["42", Decision.REJECT]
    assert not card.reject_button.isEnabled(), "a second click must not send a second answer"
    view.on_decided(decision(call, Verdict(Decision.REJECT, Reason.PERSON), RECEIVED, 3.0))
    assert not card.reject_button.isVisible()
    assert "Rejected" in card.status.text() and "by a person" in card.status.text()


def test_several_waiting_calls_each_keep_their_own_countdown(qtbot: QtBot, view: LiveView) -> None:
    first, second = known_call("a"), known_call("b")
    for call, seconds in ((first, 30.0), (second, 5.0)):
        view.on_arrived(arrived(call, RECEIVED))
        view.on_waiting(waiting(call, seconds))
    model = view.model
    assert [model.entry(row).state for row in model.waiting_rows()] == [CallState.WAITING] * 2
    texts = [model.data(model.index(row, 0)) for row in range(2)]
    assert any("30 s" in text or "29 s" in text for text in texts)
    assert any("5 s" in text or "4 s" in text for text in texts)
    assert view.card.call_id == "a", "the card stays on the call a person is looking at"
    with qtbot.waitSignal(view.decision_made):
        view.card.accept_button.click()
    assert view.card.call_id == "b", "the next waiting call comes to the card"


def test_live_model_passes_qt_model_checks(qtmodeltester: ModelTester) -> None:
    view = LiveView()
    for n in range(3):
        call = known_call(str(n))
        view.on_arrived(arrived(call, RECEIVED))
    accepted = Verdict(Decision.ACCEPT, Reason.MODE)
    view.on_decided(decision(known_call("0"), accepted, RECEIVED))
    qtmodeltester.check(view.model)  # type: ignore[no-untyped-call]


def test_live_list_keeps_only_recent_calls(view: LiveView) -> None:
    most = view.model.MAX_CALLS + 30
    accepted = Verdict(Decision.ACCEPT, Reason.MODE)
    for n in range(most + 1):
        call = known_call(str(n))
        view.on_arrived(arrived(call, RECEIVED))
        view.on_decided(decision(call, accepted, RECEIVED))
        assert view.model.rowCount() == min(n + 1, view.model.MAX_CALLS)
    listed = [view.model.entry(row).call.call_id for row in range(view.model.rowCount())]
    assert view.card.call_id == "0", "the first call came to the empty card"
    assert listed == [str(n) for n in range(most, most - view.model.MAX_CALLS + 1, -1)] + ["0"],\
        "the newest calls, and the one on the card"


def test_the_list_follows_new_calls_after_the_call_on_the_card_left_it(
        qtbot: QtBot, view: LiveView) -> None:
    """The first call of the day goes to the card; when it grows too old for the list and
    leaves, nobody chose anything: the list still shows each new call at its top."""
    view.resize(900, 600)
    view.show()
    accepted = Verdict(Decision.ACCEPT, Reason.MODE)
    for n in range(2 * view.model.MAX_CALLS):
        call = known_call(f"c{n}")
        view.take([arrived(call, RECEIVED), decision(call, accepted, RECEIVED)])
        qtbot.wait(0)
    top = view.list.indexAt(view.list.viewport().rect().topLeft())
    assert top.row() == 0, "the newest call is in sight"
    assert view.list.verticalScrollBar().value() == view.list.verticalScrollBar().minimum()


def test_rows_show_their_state_in_their_colour_and_their_two_lines(
        qtbot: QtBot, view: LiveView) -> None:
    """Each row is painted from a picture of it: a waiting call on yellow, a rejected one on
    pink, the chosen one in the selection's colour, each with its text; a decided call's
    row changes colour as it changes state."""
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    rejected, asking, chosen = known_call("rejected"), known_call("asking"), known_call("chosen")
    view.take([arrived(rejected, RECEIVED),
               decision(rejected, Verdict(Decision.REJECT, Reason.MODE), RECEIVED),
               arrived(chosen, RECEIVED), arrived(asking, RECEIVED), waiting(asking, 60)])
    view.select("chosen")
    qtbot.wait(50)

    def colours(call_id: str) -> tuple[QColor, int]:
        row = view.model.row_of(call_id)
        assert row is not None
        rect = view.list.visualRect(view.model.index(row, 0))
        image = view.list.viewport().grab().toImage()
        background = image.pixelColor(rect.right() - 4, rect.center().y())
        inked = sum(image.pixelColor(x, y) != background
                    for x in range(rect.left(), rect.left() + 200)
                    for y in range(rect.top(), rect.bottom()))
        return background, inked

    waiting_colour, waiting_ink = colours("asking")
    assert waiting_colour == WAITING_COLOUR and waiting_ink > 100, "text on yellow"
    rejected_colour, rejected_ink = colours("rejected")
    assert rejected_colour == REJECTED_COLOUR and rejected_ink > 100, "text on pink"
    chosen_colour, chosen_ink = colours("chosen")
    assert chosen_colour == view.list.palette().color(QPalette.ColorRole.Highlight)
    assert chosen_ink > 100
    view.on_decided(decision(asking, Verdict(Decision.REJECT, Reason.PERSON), RECEIVED))
    qtbot.waitUntil(lambda: colours("asking")[0] == REJECTED_COLOUR, timeout=2000)


def test_a_waiting_call_stays_listed_however_many_calls_come_after_it(view: LiveView) -> None:
    """The list keeps a bounded number of calls, but never drops one that waits for a person
    (nor one still being decided): a busy minute must not take its buttons away."""
    view.show()
    asking = known_call("asking")
    view.on_arrived(arrived(asking, RECEIVED))
    view.on_waiting(waiting(asking, 60))
    deciding = known_call("deciding")
    view.on_arrived(arrived(deciding, RECEIVED))
    accepted = Verdict(Decision.ACCEPT, Reason.MODE)
    for n in range(3 * view.model.MAX_CALLS):
        call = known_call(f"later-{n}")
        view.take([arrived(call, RECEIVED), decision(call, accepted, RECEIVED)])
    model = view.model
    assert model.rowCount() == model.MAX_CALLS
    assert model.entry(0).call.call_id == f"later-{3 * model.MAX_CALLS - 1}", "newest first"
    assert [e.call.call_id for e in view.waiting_calls()] == ["asking"]
    assert view.card.call_id == "asking", "the waiting call is still on the card"
    row = model.row_of("deciding")
    assert row is not None and model.entry(row).state is CallState.ARRIVED
    view.on_decided(decision(deciding, accepted, RECEIVED))
    assert model.row_of("deciding") is not None
    assert sum(e.call.call_id == "deciding" for e in map(model.entry, range(model.rowCount())))\
        == 1, "its decision updates its row, not a new one at the top"


def test_a_call_callgate_stopped_before_answering_reads_so(view: LiveView) -> None:
    """Such a call is in today's list after a restart (issue 10's journal writes it)."""
    call = known_call("cut-off")
    view.on_arrived(arrived(call, RECEIVED))
    view.on_decided(decision(call, Verdict(Decision.REJECT, Reason.STOPPED, STOPPED_DETAIL),
                             RECEIVED, 0.0))
    assert view.card.status.text() == (
        "Rejected: callgate stopped before answering (commubo got no answer and aborted the "
        "call; recorded at the next start)")


def test_every_reason_reads_as_words_with_and_without_a_detail(qtbot: QtBot) -> None:
    detail = Message("detail.failsafe.not_json")
    for reason in Reason:
        for verdict in (Verdict(Decision.ACCEPT, reason), Verdict(Decision.ACCEPT, reason, detail)):
            words = present.verdict_text(verdict.decision, verdict.reason, verdict.detail)
            assert words.startswith("Let through"), reason
