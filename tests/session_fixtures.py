"""For tests of the views that run on a console's session (the `listener` and `session`
fixtures of conftest.py): the webhook URL of that listener."""

from __future__ import annotations

from pathlib import Path

from application import Office
from server.listener import Listener


def webhook_url(listener: Listener, db_path: Path) -> str:
    """Where commubo posts to this listener, with the office's token."""
    return listener.url(Office(db_path).webhook.token())
