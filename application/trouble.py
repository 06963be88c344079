"""When the database cannot be used (locked past the busy timeout, unreadable, in no usable
place): the errors that say so, and what to tell people, as a Message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from screening.messages import Message
from storage.database import BUSY_TIMEOUT_MS

#: What a read or a write raises when the database cannot do it.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)
#: What opening it raises, too: a data directory that cannot be made.
OPEN_ERRORS: tuple[type[Exception], ...] = (OSError, sqlite3.Error)


def problem(db_path: Path, error: Exception) -> Message:
    """What is wrong with the database, and where it is."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if isinstance(error, sqlite3.Error) and code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return Message("storage.locked", (str(db_path), BUSY_TIMEOUT_MS / 1000))
    if isinstance(error, FileExistsError):
        return Message("storage.directory_is_file", (str(db_path.parent),))
    if isinstance(error, NotADirectoryError):
        return Message("storage.path_has_file", (str(db_path.parent),))
    if isinstance(error, OSError):
        return Message("storage.directory_unusable",
                       (str(db_path.parent), error.strerror or str(error)))
    return Message("storage.unusable", (str(db_path), str(error)))
