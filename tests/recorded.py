"""What a running callgate keeps and reports, read as the tests read it: rows on a connection
of our own (the history's with their details in words, as people read them), and /healthz."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from screening.messages import Message
from storage.database import open_database
from wording import render


def selected(db_path: Path, sql: str) -> list[dict[str, Any]]:
    """What `sql` selects, read through a connection of our own."""
    db = open_database(db_path)
    try:
        return list(db.query(sql))
    finally:
        db.close()


def history(db_path: Path) -> list[dict[str, Any]]:
    """Every history row, oldest first."""
    return selected(db_path, "SELECT * FROM calls ORDER BY id")


def history_in_words(db_path: Path) -> list[dict[str, Any]]:
    """Every history row, oldest first, its detail in words as the command line and the
    console show it."""
    return [row | {"detail": render(Message.from_json(row["detail"]))}
            for row in history(db_path)]


def health(base: str) -> dict[str, Any]:
    """What the listener at `base` (http://host:port) says of itself at /healthz."""
    with urllib.request.urlopen(f"{base}/healthz", timeout=10) as response:
        assert response.status == 200
        status: dict[str, Any] = json.loads(response.read())
    return status
