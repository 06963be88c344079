"""The allow and block lists as stored, with when and how often each rule matched.

Every rule has a kind (`number`, `prefix`, `name`) and a canonical target kept in `number`:
the E.164 number, the prefix (`+81120*`, also in `pattern`) or the name (also in `pattern`).
A target is on one list at a time. `expires_at` (UTC ISO 8601 or NULL) ends a temporary rule;
a one-shot rule (`once`) is used up by the call it decides (`used_at`), which expires it then.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from sqlite_utils import Database

from screening.rule_draft import RuleEntry
from screening.rules import Action, Rule, RuleKind
from storage.database import utc_now, writing


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  # RuleBook.update: leave this field as it is


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _stamp(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.utcoffset() is None:
        raise ValueError("a rule's expiry must be an aware datetime (with a time zone)")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def rule_of(row: dict[str, Any]) -> Rule:
    """The Rule a stored row holds (a used one-shot rule expires when it was used)."""
    kind = RuleKind(row.get("kind") or RuleKind.NUMBER)
    rule = Rule(
        id=row["id"],
        number=row["number"],
        action=Action(row["action"]),
        note=row["note"] or "",
        kind=kind,
        pattern=row.get("pattern") or (row["number"] if kind is not RuleKind.NUMBER else ""),
        expires_at=_instant(row.get("expires_at")),
        once=bool(row.get("once")),
    )
    used_at = _instant(row.get("used_at"))
    return rule if used_at is None else rule.used(used_at)


class NumberTaken(ValueError):
    """Another rule already names this number: a number is on one list at a time."""

    def __init__(self, number: str, rule_id: int) -> None:
        super().__init__(number, rule_id)
        self.number = number
        self.rule_id = rule_id


class RuleBook:
    def __init__(self, db: Database) -> None:
        self._db = db

    def put(
        self,
        number: str,
        action: Action,
        note: str = "",
        *,
        kind: RuleKind = RuleKind.NUMBER,
        expires_at: datetime | None = None,
        once: bool = False,
    ) -> Rule:
        """Add or replace the rule for a canonical target (number, prefix `+81120*` or name) of
        any kind: a target is on one list at a time. Replacing sets the expiry and one-shot flag
        anew (a used one-shot rule put again is unused)."""
        pattern = "" if kind is RuleKind.NUMBER else number
        with writing(self._db):  # the row read back is the row written
            self._db.execute(
                "INSERT INTO rules (number, action, note, created_at, kind, pattern, expires_at,"
                " once) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(kind, number) DO UPDATE SET note = excluded.note, "
                # A target moved to the other list starts a new rule: matches start from zero.
                "times_matched = iif(action = excluded.action, times_matched, 0), "
                "last_matched_at = iif(action = excluded.action, last_matched_at, NULL), "
                "created_at = iif(action = excluded.action, created_at, excluded.created_at), "
                "pattern = excluded.pattern, expires_at = excluded.expires_at, "
                "once = excluded.once, used_at = NULL, action = excluded.action",
                [number, action.value, note, utc_now(), kind.value, pattern, _stamp(expires_at),
                 int(once)],
            )
            found = self.find(number, kind)
        assert found is not None
        return found

    def add(
        self,
        number: str,
        action: Action,
        note: str = "",
        *,
        kind: RuleKind = RuleKind.NUMBER,
        expires_at: datetime | None = None,
        once: bool = False,
    ) -> Rule:
        """Add a new rule; raises NumberTaken if the target already has one."""
        with writing(self._db):
            holder = self.find(number, kind)
            if holder is not None:
                raise NumberTaken(number, holder.id)
            return self.put(number, action, note, kind=kind, expires_at=expires_at, once=once)

    def put_many(self, entries: Iterable[RuleEntry]) -> list[Rule]:
        """Put every entry, in one transaction: all of them or, on an error, none."""
        with writing(self._db):
            return [
                self.put(entry.target, entry.action, entry.note, kind=entry.kind,
                         expires_at=entry.expires_at, once=entry.once)
                for entry in entries
            ]

    def remove(self, number: str, kind: RuleKind = RuleKind.NUMBER) -> bool:
        return self._db.execute(
            "DELETE FROM rules WHERE kind = ? AND number = ?", [kind.value, number]
        ).rowcount > 0

    def rules(self) -> list[Rule]:
        return [rule_of(row) for row in self.rows()]

    def rows(self, now: datetime | None = None) -> list[dict[str, Any]]:
        """Every rule with its bookkeeping, allow list first; each row also has `expired`
        (True once its expiry has passed or a one-shot rule was used, as of `now`)."""
        moment = now or datetime.now(UTC)
        rows = list(self._db.query("SELECT * FROM rules ORDER BY action, kind, number"))
        for row in rows:
            row["expired"] = rule_of(row).expired(moment)
        return rows

    def note_match(self, rule_id: int, when: str) -> None:
        self._db.execute(
            "UPDATE rules SET times_matched = times_matched + 1, last_matched_at = ? WHERE id = ?",
            [when, rule_id],
        )

    def use(self, rule_id: int, when: str) -> bool:
        """A one-shot rule let a call through at `when` (UTC ISO): it is used up (expired)
        from then on. False if it is no one-shot rule or already used."""
        return self._db.execute(
            "UPDATE rules SET used_at = ? WHERE id = ? AND once = 1 AND used_at IS NULL",
            [when, rule_id],
        ).rowcount > 0

    def get(self, rule_id: int) -> Rule | None:
        row = self.row(rule_id)
        return rule_of(row) if row is not None else None

    def row(self, rule_id: int) -> dict[str, Any] | None:
        """One rule with its bookkeeping, or None if it is gone."""
        return next(self._db.query("SELECT * FROM rules WHERE id = ?", [rule_id]), None)

    def find(self, number: str, kind: RuleKind = RuleKind.NUMBER) -> Rule | None:
        """The rule for a canonical target of a kind, if there is one."""
        row = next(self._db.query(
            "SELECT * FROM rules WHERE kind = ? AND number = ?", [kind.value, number]), None)
        return rule_of(row) if row is not None else None

    def update(
        self,
        rule_id: int,
        number: str,
        action: Action,
        note: str,
        *,
        kind: RuleKind | _Keep = KEEP,
        expires_at: datetime | _Keep | None = KEEP,
        once: bool | _Keep = KEEP,
    ) -> Rule | None:
        """Change a rule in place; None if it no longer exists. `kind`, `expires_at` and `once`
        stay as they are unless given (expires_at=None makes the rule permanent).

        Raises NumberTaken if another rule of the kind already names `number`. A rule that moves
        to another target starts counting matches afresh: the old counts were for somebody else.
        A new expiry or one-shot flag makes a used one-shot rule unused again.
        """
        with writing(self._db):  # it reads the rule, then writes it
            current = self.row(rule_id)
            if current is None:
                return None
            new_kind = RuleKind(current["kind"]) if isinstance(kind, _Keep) else kind
            same = number == current["number"] and new_kind.value == current["kind"]
            sets = ["action = ?", "note = ?", "number = ?", "kind = ?", "pattern = ?"]
            values: list[Any] = [action.value, note, number, new_kind.value,
                                 "" if new_kind is RuleKind.NUMBER else number]
            if not same:
                sets += ["times_matched = 0", "last_matched_at = NULL"]
            if not isinstance(expires_at, _Keep):
                sets += ["expires_at = ?", "used_at = NULL"]
                values.append(_stamp(expires_at))
            if not isinstance(once, _Keep):
                sets += ["once = ?", "used_at = NULL"]
                values.append(int(once))
            try:
                changed = self._db.execute(
                    f"UPDATE rules SET {', '.join(dict.fromkeys(sets))} WHERE id = ?",
                    [*values, rule_id],
                ).rowcount
            except sqlite3.IntegrityError:
                holder = self.find(number, new_kind)
                if holder is None:
                    raise
                raise NumberTaken(number, holder.id) from None
            return self.get(rule_id) if changed else None

    def remove_id(self, rule_id: int) -> bool:
        return self._db.execute("DELETE FROM rules WHERE id = ?", [rule_id]).rowcount > 0
