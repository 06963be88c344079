"""The console and the command line stay whole in Japanese: every translatable string of the
code as it stands has a Japanese translation in the catalogue, with the same placeholders and a
Japanese-style mnemonic, one word for one thing; and the compiled catalogue is what the setup
built from it."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from menus import MNEMONIC

PROJECT = Path(__file__).resolve().parent.parent
CATALOGUE = PROJECT / "wording" / "i18n" / "callgate_ja.ts"
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"
_PLACEHOLDER = re.compile(r"%(?:\d|L?n)")
_COUNT = re.compile(r"%L?n")
# One word for one thing, in the office's words: for each word the catalogue once mixed in,
# the one the console uses.
GLOSSARY = {"このコンピュータ": "このパソコン", "呼び出し音": "着信音", "一致回数": "適用回数"}


def messages(path: Path) -> dict[tuple[str, str], ElementTree.Element]:
    """(context, source) -> its <translation>."""
    found: dict[tuple[str, str], ElementTree.Element] = {}
    for context in ElementTree.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = translation
    return found


def words_of(translation: ElementTree.Element) -> list[str]:
    forms = [form.text or "" for form in translation.iter("numerusform")]
    return forms or [translation.text or ""]


def sources() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "gui/*.py", "wording/*.py"], cwd=PROJECT,
                            capture_output=True, text=True, check=True).stdout.split()
    return [str(PROJECT / name) for name in listed]


@pytest.fixture(scope="module")
def in_the_code(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], bool]:
    """Every translatable string of the code as it stands, as Qt's lupdate finds them, and
    whether lupdate gave it plural forms."""
    fresh = tmp_path_factory.mktemp("catalogue") / "fresh.ts"
    subprocess.run([str(LUPDATE), "-silent", "-locations", "none", *sources(), "-ts",
                    str(fresh)], check=True, capture_output=True)
    return {(context.findtext("name") or "", message.findtext("source") or ""):
            message.get("numerus") == "yes"
            for context in ElementTree.parse(fresh).getroot().iter("context")
            for message in context.iter("message")}


@pytest.fixture(scope="module")
def catalogue() -> dict[tuple[str, str], ElementTree.Element]:
    return messages(CATALOGUE)


def test_every_string_of_the_code_has_a_japanese_translation(
        in_the_code: dict[tuple[str, str], bool],
        catalogue: dict[tuple[str, str], ElementTree.Element]) -> None:
    missing = [f"[{context}] {source}" for context, source in in_the_code
               if (context, source) not in catalogue
               or catalogue[(context, source)].get("type") in ("unfinished", "obsolete")
               or not all(words_of(catalogue[(context, source)]))]
    assert not missing, (f"{len(missing)} strings have no Japanese translation "
                         "(run `make translations`, then translate them in "
                         f"{CATALOGUE.relative_to(PROJECT)}):\n" + "\n".join(missing))


def test_every_count_of_the_code_reads_in_english_plurals(
        in_the_code: dict[tuple[str, str], bool]) -> None:
    """The English console and command line say `1 call` and `4 calls`, never the source's
    `call(s)`: every text with a count has plural forms (a template of wording/ is marked
    with its count for lupdate, wording.QT_TRANSLATE_NOOP says how), and its singular and its
    plural in the English catalogue, each with the source's placeholders."""
    english = messages(CATALOGUE.with_name("callgate_en.ts"))
    unmarked = [f"[{context}] {source}" for (context, source), plural in in_the_code.items()
                if _COUNT.search(source) and not plural]
    assert not unmarked, "texts with a count but no plural forms:\n" + "\n".join(unmarked)
    counted = [key for key, plural in in_the_code.items() if plural]
    assert counted
    wrong = []
    for context, source in counted:
        translation = english.get((context, source))
        forms = [] if translation is None else words_of(translation)
        if (translation is None or translation.get("type") in ("unfinished", "obsolete")
                or len(forms) != 2 or any(sorted(_PLACEHOLDER.findall(form))
                                          != sorted(_PLACEHOLDER.findall(source))
                                          for form in forms)):
            wrong.append(f"[{context}] {source}: {forms}")
    assert not wrong, ("run `make translations`, then write the singular and the plural in "
                       "wording/i18n/callgate_en.ts:\n" + "\n".join(wrong))


def test_a_translation_keeps_every_placeholder_and_its_mnemonic(
        catalogue: dict[tuple[str, str], ElementTree.Element]) -> None:
    wrong: list[str] = []
    for (context, source), translation in catalogue.items():
        if translation.get("type") in ("unfinished", "obsolete", "vanished"):
            continue
        wanted = sorted(_PLACEHOLDER.findall(source))
        for words in words_of(translation):
            if sorted(set(_PLACEHOLDER.findall(words))) != sorted(set(wanted)):
                wrong.append(f"[{context}] {source!r} -> {words!r}: placeholders")
            key = MNEMONIC.search(source)
            if key is not None and f"(&{key[1].upper()})" not in words:
                wrong.append(f"[{context}] {source!r} -> {words!r}: write the mnemonic "
                             f"Japanese style, (&{key[1].upper()}) at the end")
    assert not wrong, "\n".join(wrong)


def test_the_catalogue_keeps_no_string_the_code_no_longer_has(
        in_the_code: dict[tuple[str, str], bool],
        catalogue: dict[tuple[str, str], ElementTree.Element]) -> None:
    stale = [f"[{context}] {source}" for context, source in catalogue
             if (context, source) not in in_the_code]
    assert not stale, "run `make translations` to drop:\n" + "\n".join(stale)


def test_the_japanese_calls_one_thing_by_one_word(
        catalogue: dict[tuple[str, str], ElementTree.Element]) -> None:
    """このコンピュータ and このパソコン were both on one page of the setup."""
    mixed = [f"[{context}] {words!r}: {avoided} -> {used}"
             for (context, _), translation in catalogue.items()
             for words in words_of(translation)
             for avoided, used in GLOSSARY.items() if avoided in words]
    assert not mixed, "\n".join(mixed)
