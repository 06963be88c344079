"""The allow and block lists as stored, with when and how often each rule matched."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlite_utils import Database

from screening.rules import Action, Rule
from storage.database import utc_now


def _rule(row: dict[str, Any]) -> Rule:
    return Rule(id=row["id"], number=row["number"], action=Action(row["action"]), note=row["note"])


class NumberTaken(ValueError):
    """Another rule already names this number: a number is on one list at a time."""

    def __init__(self, number: str, rule_id: int) -> None:
        super().__init__(f"{number} already has a rule")
        self.number = number
        self.rule_id = rule_id


class RuleBook:
    def __init__(self, db: Database) -> None:
        self._db = db

    def put(self, number: str, action: Action, note: str = "") -> Rule:
        """Add or replace the rule for a canonical number: a number is on one list at a time."""
        self._db.execute(
            "INSERT INTO rules (number, action, note, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(number) DO UPDATE SET note = excluded.note, "
            # A number moved to the other list starts a new rule: its matches start from zero.
            "times_matched = iif(action = excluded.action, times_matched, 0), "
            "last_matched_at = iif(action = excluded.action, last_matched_at, NULL), "
            "created_at = iif(action = excluded.action, created_at, excluded.created_at), "
            "action = excluded.action",
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

    def get(self, rule_id: int) -> Rule | None:
        row = self.row(rule_id)
        return _rule(row) if row is not None else None

    def row(self, rule_id: int) -> dict[str, Any] | None:
        """One rule with its bookkeeping, or None if it is gone."""
        return next(self._db.query("SELECT * FROM rules WHERE id = ?", [rule_id]), None)

    def find(self, number: str) -> Rule | None:
        """The rule for a canonical number, if there is one."""
        row = next(self._db.query("SELECT * FROM rules WHERE number = ?", [number]), None)
        return _rule(row) if row is not None else None

    def update(self, rule_id: int, number: str, action: Action, note: str) -> Rule | None:
        """Change a rule in place; None if it no longer exists.

        Raises NumberTaken if another rule already names `number`. A rule that moves to another
        number starts counting matches afresh: the old counts were for somebody else.
        """
        try:
            changed = self._db.execute(
                "UPDATE rules SET action = ?, note = ?, "
                "times_matched = CASE WHEN number = ? THEN times_matched ELSE 0 END, "
                "last_matched_at = CASE WHEN number = ? THEN last_matched_at ELSE NULL END, "
                "number = ? WHERE id = ?",
                [action.value, note, number, number, number, rule_id],
            ).rowcount
        except sqlite3.IntegrityError:
            holder = self.find(number)
            if holder is None:
                raise
            raise NumberTaken(number, holder.id) from None
        return self.get(rule_id) if changed else None

    def remove_id(self, rule_id: int) -> bool:
        return self._db.execute("DELETE FROM rules WHERE id = ?", [rule_id]).rowcount > 0
