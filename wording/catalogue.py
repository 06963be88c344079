"""The reader's language, and the words of it for the command line.

There is one catalogue per language (wording/i18n/callgate_<language>.ts, Qt's format, in the
repository): the console loads it compiled (.qm) through Qt; the command line reads the same
file here, without Qt, so the two cannot word a decision two ways. English, the source
language, has a catalogue of plural forms only, for the texts with a count (`%n call(s)` reads
`1 call`, `4 calls`); elsewhere both speak its English as written.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Mapping
from functools import cache, partial
from importlib.resources import files

from screening.setting_values import Language
from wording import Translate, english

#: Where the catalogues are, inside this package (the compiled ones are built beside them).
FOLDER = "i18n"
NAME = "callgate"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_UNUSABLE = frozenset({"unfinished", "obsolete", "vanished"})


def spoken(setting: Language, environ: Mapping[str, str] = os.environ) -> Language:
    """The language to speak: the setting's, or for `auto` the system's (its locale), which
    is Japanese or else English."""
    if setting is not Language.AUTO:
        return setting
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:
            return Language.JAPANESE if value.lower().startswith("ja") else Language.ENGLISH
    return Language.ENGLISH


def catalogue_file(language: Language, suffix: str = "ts") -> str:
    return f"{NAME}_{language.value}.{suffix}"


@cache
def _entries(language: Language) -> Mapping[tuple[str, str], tuple[str, ...]]:
    """(context, English) -> the translation's forms, for the finished translations."""
    source = files(__package__).joinpath(FOLDER, catalogue_file(language))
    if not source.is_file():
        return {}
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for context in ElementTree.fromstring(source.read_bytes()).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in _UNUSABLE:
                continue
            forms = tuple(form.text or "" for form in translation.iter("numerusform"))
            words = forms or (translation.text or "",)
            if all(words):
                found[(name, message.findtext("source") or "")] = words
    return found


# Which of a translation's plural forms a count takes, by Qt's rules for each language.
_PLURAL_FORM: dict[Language, Callable[[int], int]] = {
    Language.ENGLISH: lambda count: 0 if count == 1 else 1,
    Language.JAPANESE: lambda count: 0,
}


def in_language(language: Language, context: str, text: str, count: int) -> str:
    """A template in `language`: its translation, in the form `count` takes (-1: no count),
    or the template as written where the catalogue has none."""
    forms = _entries(language).get((context, text))
    if not forms:
        return text
    return forms[min(_PLURAL_FORM[language](max(count, 0)), len(forms) - 1)]


def translator(language: Language) -> Translate:
    """Words in `language` for the command line."""
    if language is Language.ENGLISH:
        return english
    return partial(in_language, language)
