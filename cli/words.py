"""What the command line says, in words: every refusal and message goes through here, so the
command line words a code as the console does (wording/) and the reader's language can come
in at one place."""

from __future__ import annotations

import wording
from screening.messages import Message


def say(message: Message | str) -> str:
    """A message in words (a text that is words already stays as it is)."""
    return wording.render(message) if isinstance(message, Message) else message


def reason(error: ValueError) -> str:
    """Why an input was refused: a Refusal's message, else the error's own text."""
    return wording.refused(error)
