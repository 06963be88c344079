"""What every command needs: the office (its data directory) and the listener's address,
resolved once; and the two ways a command fails."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import platformdirs

from application import Office
from application.trouble import OPEN_ERRORS, problem
from cli.words import reason, say
from screening.messages import Refusal
from screening.settings import Key, canonical

PROG = "callgate"


class UsageError(Exception):
    """Bad input on the command line: one line on stderr, exit status 2."""


class StorageError(Exception):
    """The database cannot be used (locked, unreadable, in no usable place): one line on
    stderr, exit status 1."""


class Context:
    def __init__(self, args: argparse.Namespace) -> None:
        data_dir = getattr(args, "data_dir", None) or os.environ.get("CALLGATE_DATA_DIR")
        self._data_dir_given = data_dir is not None
        self.office = Office.of_directory(Path(data_dir or platformdirs.user_data_dir(PROG)))
        self.db_path = self.office.db_path
        self._host = getattr(args, "host", None) or os.environ.get("CALLGATE_HOST")
        self._port = getattr(args, "port", None) or os.environ.get("CALLGATE_PORT")
        try:
            self.office.db()  # opened now, so an unusable data directory is one clear line
        except OPEN_ERRORS as error:
            raise self.storage_error(error) from None

    def storage_error(self, error: Exception) -> StorageError:
        return StorageError(say(problem(self.db_path, error)))

    def address(self) -> tuple[str, int]:
        """Command line over environment over the stored setting."""
        settings = self.office.settings.get()
        try:
            host = canonical(Key.HOST, self._host) if self._host else settings.host
            port = int(canonical(Key.PORT, self._port)) if self._port else settings.port
        except Refusal as refusal:
            raise UsageError(reason(refusal)) from None
        return host, port

    def log_dir(self, given: Path | None) -> Path:
        """Where `serve` writes its log: --log-dir, CALLGATE_LOG_DIR, else `logs` in a data
        directory that was given (another office's log is its own), else the platform's log
        directory."""
        chosen = given or os.environ.get("CALLGATE_LOG_DIR")
        if chosen:
            return Path(chosen)
        if self._data_dir_given:
            return self.db_path.parent / "logs"
        return Path(platformdirs.user_log_dir(PROG))

    def local_url(self) -> str:
        host, port = self.address()
        return self.office.webhook.local_url(host, port)
