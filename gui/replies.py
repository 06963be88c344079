"""Answers for a widget that may be gone by the time they come: the listener answers later, on
its own time, and a tab or a dialog can be closed (and deleted) meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

from PySide6.QtCore import QObject
from shiboken6 import isValid

Args = ParamSpec("Args")


def for_widget(owner: QObject, call: Callable[Args, None]) -> Callable[Args, None]:
    """`call`, unless `owner` was deleted before it came to be called."""
    def answered(*args: Args.args, **kwargs: Args.kwargs) -> None:
        if isValid(owner):
            call(*args, **kwargs)

    return answered
