"""What the command line says, in words: every refusal and message goes through here, so the
command line words a code as the console does (wording/), in the reader's language (`--lang`,
else the `language` setting, else the system's)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import wording
from screening.messages import Message
from screening.setting_values import Language
from wording.catalogue import translator

_translate: wording.Translate = wording.english


def speak(language: Language) -> None:
    """From now on, words in `language` (the command's, chosen once at its start)."""
    global _translate
    _translate = translator(language)


def say(message: Message | str) -> str:
    """A message in words (a text that is words already stays as it is)."""
    return wording.render(message, _translate) if isinstance(message, Message) else message


def say_again(message: Message) -> str:
    """say(), remembered (per language): for words said again and again, such as the
    decision, reason and detail on serve's line for each call."""
    return _remembered(message, _translate)


@lru_cache(maxsize=1024)
def _remembered(message: Message, translate: wording.Translate) -> str:
    return wording.render(message, translate)


def words(code: str, *args: str | int | float | Message) -> str:
    """The words of one of the command line's own codes (wording/commands.py)."""
    return say(Message(code, args))


def width(text: str) -> int:
    """The columns `text` takes in a terminal, where a wide character (kanji, kana) takes two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def padded(text: str, columns: int) -> str:
    """`text` filled with spaces to `columns` columns of a terminal, so that Japanese columns
    line up as English ones do."""
    return text + " " * max(0, columns - width(text))


def print_rows(rows: list[tuple[str, str]]) -> None:
    """Rows of a label and its value, the values lined up one column after the widest label."""
    labels = max((width(label) for label, _ in rows), default=0) + 1
    for label, value in rows:
        print(f"{padded(label, labels)} {value}")


def reason(error: ValueError) -> str:
    """Why an input was refused: a Refusal's message, else the error's own text."""
    return wording.refused(error, _translate)
