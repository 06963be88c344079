"""Codes with arguments instead of sentences: what callgate tells people, before it is worded.

The screening core, storage and the listener say *what* happened (`detail.timeout` with the
default decision as its argument); the console and the command line make the words, in the
reader's language (wording/). So a history row written today reads in Japanese tomorrow, and
the console and the command line cannot word one refusal two ways.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

Arg = str | int | float
TEXT = "text"  # a message that is already words (kept from before codes, or from outside)


@dataclass(frozen=True)
class Message:
    """One thing to tell people: a code (`refusal.number.letters`) and its arguments, shown
    as %1, %2, ... in the code's template (a count for a plural form as %n)."""

    code: str
    args: tuple[Arg, ...] = ()

    @classmethod
    def text(cls, words: str) -> Message:
        """Words that have no code (an old history row, another program's error)."""
        return cls(TEXT, (words,))

    def to_json(self) -> str:
        """The compact form the history keeps."""
        return json.dumps({"code": self.code, "args": list(self.args)}, ensure_ascii=False,
                          separators=(",", ":"))

    @classmethod
    def from_json(cls, stored: str | None) -> Message:
        """The message a history row keeps; words from before codes come back as text."""
        if not stored:
            return cls.text("")
        try:
            data: Any = json.loads(stored)
        except ValueError:
            return cls.text(stored)
        if not isinstance(data, dict) or not isinstance(data.get("code"), str):
            return cls.text(stored)
        args = data.get("args")
        kept = tuple(arg for arg in args if isinstance(arg, (str, int, float))) \
            if isinstance(args, list) else ()
        return cls(data["code"], kept)


class Refusal(ValueError):
    """Input that cannot be taken (a number, a rule, a setting), with the reason as a Message.

    `field` names what was refused, when a form has several (a setting's key)."""

    def __init__(self, code: str, *args: Arg, field: str | None = None) -> None:
        self.message = Message(code, args)
        self.field = field
        super().__init__(code, *args)

    @classmethod
    def of(cls, message: Message, *, field: str | None = None) -> Refusal:
        return cls(message.code, *message.args, field=field)
