"""Messages become words at the edge: placeholders, nested messages, plural counts."""

from __future__ import annotations

import pytest

import wording
from screening.messages import Message, Refusal

wording.register({
    "test.default": wording.QT_TRANSLATE_NOOP("Test", "default %1"),
    "test.decision.accept": wording.QT_TRANSLATE_NOOP("Test", "let through"),
    "test.calls": wording.QT_TRANSLATE_NOOP("Test", "%n call(s) waiting at %1"),
    "test.two": wording.QT_TRANSLATE_NOOP("Test", "%2 before %1"),
})


def test_arguments_fill_their_placeholders_in_any_order() -> None:
    assert wording.render(Message("test.two", ("a", "b"))) == "b before a"
    assert wording.render(Message("test.two", (1.5, 2))) == "2 before 1.5"


def test_an_argument_that_is_a_message_is_worded_first() -> None:
    detail = Message("test.default", (Message("test.decision.accept"),))
    assert wording.render(detail) == "default let through"


def test_the_count_chooses_the_plural_and_reaches_the_translation() -> None:
    seen: list[tuple[str, str, int]] = []

    def translate(context: str, text: str, count: int) -> str:
        seen.append((context, text, count))
        return "%1 に %n 件" if count >= 0 else text

    assert wording.render(Message("test.calls", (3, "16:16")), translate) == "3 に 3 件"
    assert seen == [("Test", "%n call(s) waiting at %1", 3)]


def test_words_without_a_code_read_as_they_are() -> None:
    assert wording.render(Message.text("mode accept-all")) == "mode accept-all"


def test_a_code_without_a_template_still_says_what_happened() -> None:
    assert wording.render(Message("nowhere.code", ("x", 2))) == "nowhere.code x 2"
    assert not wording.known("nowhere.code")


def test_one_code_cannot_have_two_templates() -> None:
    with pytest.raises(ValueError, match="two templates"):
        wording.register({"test.two": wording.QT_TRANSLATE_NOOP("Test", "other")})


def test_a_message_survives_the_history_and_older_words_come_back_as_text() -> None:
    nested = Message("test.default", (Message("test.decision.accept"), 3, 1.25, "x"))
    assert Message.from_json(nested.to_json()) == nested
    assert Message.from_json("nobody answered in time") == Message.text(
        "nobody answered in time")
    assert Message.from_json('{"args": []}') == Message.text('{"args": []}')
    assert Message.from_json(None) == Message.text("")


def test_a_refusal_carries_its_message_and_field() -> None:
    refusal = Refusal("test.two", "a", "b", field="port")
    assert refusal.message == Message("test.two", ("a", "b")) and refusal.field == "port"
