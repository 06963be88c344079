"""One office: its database file, opened once per thread, and the services over it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from application.history import HistoryService
from application.mode import ModeService
from application.rules import RuleService
from application.settings import SettingsService
from application.webhook import WebhookService
from screening.call import Customer
from storage.database import DB_FILENAME, open_database

if TYPE_CHECKING:
    from application.desks import DeskService
    from application.statistics import StatisticsService
    from screening.decision_order import Explanation

Connect = Callable[[], Database]
"""The calling thread's connection to the office's database."""


class Office:
    """Everything callgate does with one data directory.

    Each thread that uses it gets a connection of its own, opened on first use (SQLite
    connections stay on the thread that opened them), so one Office serves the command line,
    the listener's threads and the console's workers alike.
    """

    def __init__(self, db_path: Path, *, connect: Connect | None = None) -> None:
        self.db_path = db_path
        self._local = threading.local()
        self.db: Connect = connect or self._connection
        self.settings = SettingsService(self.db)
        self.mode = ModeService(self.db, self.settings)
        self.rules = RuleService(self.db, self.settings)
        self.history = HistoryService(self.db, self.settings)
        self.webhook = WebhookService(self.db, self.settings)

    # The services the listener needs no module of before its first call are made, and their
    # modules imported, when first used: `serve` listens sooner.

    @cached_property
    def statistics(self) -> StatisticsService:
        from application.statistics import StatisticsService

        return StatisticsService(self.db, self.settings, self.rules)

    @cached_property
    def desks(self) -> DeskService:
        from application.desks import DeskService

        return DeskService(self.db, self.settings, self.db_path.parent)

    @classmethod
    def of_directory(cls, data_dir: Path) -> Office:
        """The office whose database lives in `data_dir` (made on first use)."""
        return cls(data_dir / DB_FILENAME)

    @classmethod
    def over(cls, db: Database) -> Office:
        """The office of a connection already open, for code that holds one on its thread."""
        path = next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"),
                    "")
        return cls(Path(path), connect=lambda: db)

    def _connection(self) -> Database:
        db: Database | None = getattr(self._local, "db", None)
        if db is None:
            db = open_database(self.db_path)
            self._local.db = db
        return db

    def close(self) -> None:
        """Close the calling thread's connection (the next use opens another)."""
        db: Database | None = getattr(self._local, "db", None)
        if db is not None:
            self._local.db = None
            db.close()

    def explain(self, number: str, *, customer: Customer | None = None,
                at: datetime | None = None) -> Explanation:
        """Why a call from `number` at `at` (now if None) would be decided as it would."""
        from application.explain import explain_call

        return explain_call(self.db(), self.settings.screening(), number, customer=customer,
                            at=at)
