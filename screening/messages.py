"""Codes with arguments instead of sentences: what callgate tells people, before it is worded.

The screening core, storage and the listener say *what* happened (`detail.timeout` with the
default decision as its argument); the console and the command line make the words, in the
reader's language (wording/). So a history row written today reads in Japanese tomorrow, and
the console and the command line cannot word one refusal two ways.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

Arg = str | int | float
TEXT = "text"  # a message that is already words (kept from before codes, or from outside)


@dataclass(frozen=True)
class Message:
    """One thing to tell people: a code (`refusal.number.letters`) and its arguments, shown
    as %1, %2, ... in the code's template (a count for a plural form as %n). An argument may
    be a Message itself, worded first (a decision inside a detail)."""

    code: str
    args: tuple[str | int | float | Message, ...] = ()

    @classmethod
    def text(cls, words: str) -> Message:
        """Words that have no code (an old history row, another program's error)."""
        return cls(TEXT, (words,))

    def __bool__(self) -> bool:
        """False for no words at all (a verdict whose reason says everything), like ''."""
        return not (self.code == TEXT and self.args in ((), ("",)))

    def __str__(self) -> str:
        """The code and its arguments, for logs and tracebacks; people get wording.render."""
        return " ".join([self.code, *(str(arg) for arg in self.args)])

    def to_json(self) -> str:
        """The compact form the history keeps."""
        return json.dumps(self.plain(), ensure_ascii=False, separators=(",", ":"))

    def plain(self) -> dict[str, Any]:
        """The message as JSON-ready data: {"code": ..., "args": [...]}, nested alike."""
        return {"code": self.code,
                "args": [arg.plain() if isinstance(arg, Message) else arg for arg in self.args]}

    @classmethod
    def from_json(cls, stored: str | None) -> Message:
        """The message a history row keeps; words from before codes come back as text."""
        if not stored:
            return cls.text("")
        try:
            data: Any = json.loads(stored)
        except ValueError:
            return cls.text(stored)
        return cls._of(data) or cls.text(stored)

    @classmethod
    def _of(cls, data: Any) -> Message | None:
        if not isinstance(data, dict) or not isinstance(data.get("code"), str):
            return None
        args = data.get("args")
        kept: list[str | int | float | Message] = []
        for arg in args if isinstance(args, list) else ():
            if isinstance(arg, (str, int, float)) and not isinstance(arg, bool):
                kept.append(arg)
            elif (inner := cls._of(arg)) is not None:
                kept.append(inner)
        return cls(data["code"], tuple(kept))


NOTHING = Message.text("")
"""No detail: the reason says it all (a person decided, a withheld caller)."""


def quoted(text: str) -> Message:
    """What a person typed (or commubo sent) quoted as the reader's language quotes it ('12',
    「12」), with its invisible characters written out (a newline as \\n), as repr shows them:
    repr's own quotes read as code, and a Japanese office does not quote that way."""
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return Message("words.quoted", (shown,))


class Refusal(ValueError):
    """Input that cannot be taken (a number, a rule, a setting), with the reason as a Message.

    `field` names what was refused, when a form has several (a setting's key). Its str() is
    the code and arguments, for logs: what people read is `wording.render(refusal.message)`."""

    def __init__(self, code: str, *args: Arg | Message, field: str | None = None) -> None:
        self.message = Message(code, args)
        self.field = field
        super().__init__(code, *args)

    def __str__(self) -> str:
        return str(self.message)

    @classmethod
    def of(cls, message: Message, *, field: str | None = None) -> Refusal:
        return cls(message.code, *message.args, field=field)


@contextmanager
def naming(field: str) -> Iterator[None]:
    """Refusals raised inside name `field` (the part of a form that was refused); a ValueError
    that has no code yet becomes a refusal in its words."""
    try:
        yield
    except Refusal as refusal:
        raise Refusal.of(refusal.message, field=field) from None
    except ValueError as error:
        raise Refusal(TEXT, str(error), field=field) from None
