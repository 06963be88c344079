"""How callgate's messages read: every code's English template, turned into words at the edge.

The core, storage and the listener say what happened with a code and arguments
(screening.messages.Message); the command line and the console make the words here, through
a `translate` function: Qt's in the console (gui/), English (or a catalogue reader) on the
command line. Templates use Qt's placeholders: %1, %2, ... for arguments; %n (%Ln with the
thousands separated) for the count, the first whole number among them, which chooses the
plural form (`1 call`, `4 calls`) and stands in that argument's place. An argument that is
itself a Message is worded first, so a detail can say "default %1" and let %1 be the decision
in the reader's words.

Each module of this package registers the templates of one part of callgate, marked with
QT_TRANSLATE_NOOP so that Qt's lupdate finds them for the catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from screening.messages import TEXT, Message, Refusal
from screening.setting_values import Language

Translate = Callable[[str, str, int], str]
"""(context, English template, count for %n or -1) -> the template in the reader's language."""

_PLACEHOLDER = re.compile(r"%(\d|L?n)")
_TEMPLATES: dict[str, tuple[str, str]] = {}


def QT_TRANSLATE_NOOP(
    context: str, text: str, disambiguation: str = "", counted: int = 0,
) -> tuple[str, str]:
    """Marks an English template for lupdate, under `context`. A template with a count is
    marked `QT_TRANSLATE_NOOP(context, text, "", 1)`: lupdate gives it plural forms only
    when a number (a literal) follows the text, as in `tr(text, "", n)`."""
    return context, text


def register(templates: Mapping[str, tuple[str, str]]) -> None:
    """Add the templates of one part of callgate (each code once)."""
    for code, template in templates.items():
        if code in _TEMPLATES and _TEMPLATES[code] != template:
            raise ValueError(f"the message code {code} has two templates")
        _TEMPLATES[code] = template


def english(context: str, text: str, count: int) -> str:
    """The English template as written; one with a count in the form the count takes (`1
    call`, `4 calls`), from the English catalogue of plural forms."""
    if count < 0:
        return text
    from wording.catalogue import in_language  # it reads its catalogues through this package

    return in_language(Language.ENGLISH, context, text, count)


def known(code: str) -> bool:
    _load()
    return code == TEXT or code in _TEMPLATES


def template(code: str) -> str:
    """The English template of a code (KeyError for a code without one)."""
    _load()
    return _TEMPLATES[code][1]


def render(message: Message, translate: Translate = english) -> str:
    """The message in words; a code without a template reads as its code and arguments, so a
    missing template shows as such instead of hiding what happened (a test keeps them all)."""
    _load()
    words = [render(arg, translate) if isinstance(arg, Message) else _plain(arg)
             for arg in message.args]
    if message.code == TEXT:
        return words[0] if words else ""
    template = _TEMPLATES.get(message.code)
    if template is None:
        return " ".join([message.code, *words])
    context, source = template
    count = next((int(arg) for arg in message.args if isinstance(arg, int)), -1)
    text = translate(context, source, count if ("%n" in source or "%Ln" in source) else -1)

    def fill(found: re.Match[str]) -> str:
        key = found[1]
        if key == "n":
            return str(count)
        if key == "Ln":
            return f"{count:,}"
        index = int(key) - 1
        return words[index] if 0 <= index < len(words) else found[0]

    return _PLACEHOLDER.sub(fill, text)


def refused(error: ValueError, translate: Translate = english) -> str:
    """Why some input was refused, in words: a Refusal's message, else the error's own text
    (a check that has no code yet)."""
    if isinstance(error, Refusal):
        return render(error.message, translate)
    return str(error)


def _plain(arg: str | int | float) -> str:
    return f"{arg:g}" if isinstance(arg, float) else str(arg)


def _load() -> None:
    """The template modules register themselves when imported; import them once."""
    if _loaded:
        return
    _loaded.append(True)
    from importlib import import_module
    from pkgutil import iter_modules

    for module in iter_modules(__path__):
        import_module(f"{__name__}.{module.name}")


_loaded: list[bool] = []
