"""The allow and block lists as stored, with when and how often each rule matched."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from screening.rules import Action, Rule
from storage.database import utc_now


def _rule(row: dict[str, Any]) -> Rule:
    return Rule(id=row["id"], number=row["number"], action=Action(row["action"]), note=row["note"])


class RuleBook:
    def __init__(self, db: Database) -> None:
        self._db = db

    def put(self, number: str, action: Action, note: str = "") -> Rule:
        """Add or replace the rule for a canonical number: a number is on one list at a time."""
        self._db.execute(
            "INSERT INTO rules (number, action, note, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(number) DO UPDATE SET action = excluded.action, note = excluded.note",
            [number, action.value, note, utc_now()],
        )
        row = next(self._db.query("SELECT * FROM rules WHERE number = ?", [number]))
        return _rule(row)

    def remove(self, number: str) -> bool:
        return self._db.execute("DELETE FROM rules WHERE number = ?", [number]).rowcount > 0

    def rules(self) -> list[Rule]:
        return [_rule(row) for row in self.rows()]

    def rows(self) -> list[dict[str, Any]]:
        """Every rule with its bookkeeping, allow list first."""
        return list(self._db.query("SELECT * FROM rules ORDER BY action, number"))

    def note_match(self, rule_id: int, when: str) -> None:
        self._db.execute(
            "UPDATE rules SET times_matched = times_matched + 1, last_matched_at = ? WHERE id = ?",
            [when, rule_id],
        )
