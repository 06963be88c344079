"""The words of the application layer (application/): why the database cannot be used."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    "storage.locked": QT_TRANSLATE_NOOP(
        "Storage", "the database %1 is locked by another program (still after %2 s): nothing "
                   "was changed; try again once it is free"),
    "storage.directory_is_file": QT_TRANSLATE_NOOP(
        "Storage", "cannot use the data directory %1: it is a file, not a directory"),
    "storage.path_has_file": QT_TRANSLATE_NOOP(
        "Storage", "cannot use the data directory %1: a part of its path is a file, "
                   "not a directory"),
    "storage.directory_unusable": QT_TRANSLATE_NOOP(
        "Storage", "cannot use the data directory %1: %2"),
    "storage.unusable": QT_TRANSLATE_NOOP("Storage", "cannot use the database %1: %2"),
})
