"""A setting as a person types it: kept in its one spelling, or refused with a reason that
names the setting, in words a person reads, and nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

import wording
from application import Office
from screening.messages import Refusal


def assert_stored(db_path: Path, key: str, typed: str, stored: str) -> None:
    """`typed` is kept as `stored`, and read so here and by another connection (the
    listener's)."""
    writer = Office(db_path)
    assert writer.settings.set(key, typed) == stored
    assert writer.settings.value(key) == stored
    reader = Office(db_path)
    assert reader.settings.value(key) == stored, (
        "another connection (the listener) sees the new value")


def refusal_words(office: Office, key: str, typed: str) -> str:
    """The words of the refusal of `typed` for `key`; it names the setting and changes
    nothing."""
    before = office.settings.values()
    with pytest.raises(Refusal) as caught:
        office.settings.set(key, typed)
    assert caught.value.field == key, "the refusal names the setting, which is known"
    words = wording.render(caught.value.message)
    assert "Traceback" not in words and "\n" not in words
    assert office.settings.values() == before
    return words
