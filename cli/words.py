"""What the command line says, in words: every refusal and message goes through here, so the
command line words a code as the console does (wording/), in the reader's language (`--lang`,
else the `language` setting, else the system's)."""

from __future__ import annotations

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


def reason(error: ValueError) -> str:
    """Why an input was refused: a Refusal's message, else the error's own text."""
    return wording.refused(error, _translate)
