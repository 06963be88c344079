"""Messages in the console's words: wording's templates through Qt's translation, so a refusal
reads in the console as on the command line, in the reader's language once it has a
catalogue."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

import wording
from screening.messages import Message, Refusal


def translate(context: str, text: str, count: int) -> str:
    return QCoreApplication.translate(context, text, None, count)


def say(message: Message | str) -> str:
    """A message in words (a text that is words already stays as it is)."""
    return wording.render(message, translate) if isinstance(message, Message) else message


def reason(error: Exception) -> str:
    """Why an input was refused: a Refusal's message, else the error's own text."""
    return say(error.message) if isinstance(error, Refusal) else str(error)
