"""Asserting a refusal by what people read: its message worded in English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

import wording
from screening.messages import Refusal


@contextmanager
def refused(match: str, kind: type[Refusal] = Refusal) -> Iterator[None]:
    """Like pytest.raises(kind, match=...), on the words of the refusal's message."""
    with pytest.raises(kind) as caught:
        yield
    words = wording.render(caught.value.message)
    assert re.search(match, words), f"{match!r} not in {words!r}"
