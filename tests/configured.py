"""Settings saved into a database file as another program (the command line) saves them,
before or while a listener or a console uses it."""

from __future__ import annotations

from pathlib import Path

from application import Office
from storage.database import open_database


def configure(db_path: Path, values: dict[str, str]) -> None:
    """Save `values` (setting name -> text) in one change, on a connection of its own."""
    db = open_database(db_path)
    try:
        Office.over(db).settings.save(values)
    finally:
        db.close()
