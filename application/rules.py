"""The allow and block lists: listed, changed and imported through one check of what a person
asks for (screening.rule_draft.validate), so the command line and the console refuse the same
input for the same reason."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TextIO

from sqlite_utils import Database

from application.settings import SettingsService
from screening.messages import Message, Refusal
from screening.rule_draft import ExpiryKind, RuleDraft, RuleEntry, target_of, validate
from screening.rules import Action, Rule, RuleKind, shown_target
from storage.database import writing
from storage.rules import NumberTaken, RuleBook, rule_of
from tables.cells import Cell, restored

#: The columns of `rules --csv`, which import-rules reads back.
RULE_CSV_FIELDS = ("number", "action", "note", "expires", "once", "kind")
REQUIRED_COLUMNS = ("number", "action")


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass(frozen=True)
class RuleView:
    """A rule with its bookkeeping, as lists show it. `expires_at` is the end as set (a used
    one-shot rule has `used_at` too); `expired` is as of when it was read."""

    id: int
    kind: RuleKind
    target: str  # canonical: +81330001234, +81120*, or the name
    action: Action
    note: str = ""
    expires_at: datetime | None = None
    once: bool = False
    used_at: datetime | None = None
    created_at: datetime | None = None
    times_matched: int = 0
    last_matched_at: datetime | None = None
    expired: bool = False

    @classmethod
    def of(cls, row: dict[str, Any], now: datetime) -> RuleView:
        rule = rule_of(row)
        return cls(id=rule.id, kind=rule.kind, target=rule.target, action=rule.action,
                   note=rule.note, expires_at=_instant(row.get("expires_at")), once=rule.once,
                   used_at=_instant(row.get("used_at")),
                   created_at=_instant(row.get("created_at")),
                   times_matched=int(row.get("times_matched") or 0),
                   last_matched_at=_instant(row.get("last_matched_at")),
                   expired=rule.expired(now))

    @property
    def rule(self) -> Rule:
        """The rule as screening matches it (a used one-shot rule expires when it was used)."""
        rule = Rule(self.id, self.target, self.action, self.note, self.kind,
                    "" if self.kind is RuleKind.NUMBER else self.target, self.expires_at,
                    self.once)
        return rule if self.used_at is None else rule.used(self.used_at)

    @property
    def shown_target(self) -> str:
        return shown_target(self.kind, self.target)


def _taken(holder: Rule) -> Refusal:
    """A target is on one list at a time: the refusal names the rule that holds it."""
    listed = Message("rule.list.block" if holder.action is Action.BLOCK else "rule.list.allow")
    return Refusal("refusal.rule.taken", shown_target(holder.kind, holder.target), listed,
                   field="target")


@dataclass(frozen=True)
class ImportReport:
    """What import-rules did: with any refused row, nothing (all or nothing)."""

    rows: int  # rows that were not empty
    added: int = 0
    replaced: int = 0
    refused: tuple[tuple[int, Message], ...] = ()  # (line, why), in the file's order

    @property
    def imported(self) -> int:
        return self.added + self.replaced


_YES = {"yes": True, "y": True, "true": True, "1": True, "on": True, "once": True,
        "no": False, "n": False, "false": False, "0": False, "off": False, "": False}


def _draft_of_row(row: dict[str, str | None]) -> tuple[RuleDraft, RuleKind | None]:
    """One CSV row as a draft (and the kind its `kind` cell names); a Refusal for a cell that
    no draft can hold."""
    def cell(key: str) -> str:
        # `rules --csv` wrote `'+1 202-555-0100` so that no spreadsheet runs it as a formula.
        return restored((row.get(key) or "").strip()).strip()

    action = cell("action").lower()
    if action not in tuple(Action):
        raise Refusal("refusal.import.action", cell("action"), field="action")
    kind = cell("kind").lower()
    if kind and kind not in tuple(RuleKind):
        raise Refusal("refusal.import.kind", cell("kind"), field="kind")
    once = _YES.get(cell("once").lower())
    if once is None:
        raise Refusal("refusal.import.once", cell("once"), field="once")
    expires = cell("expires")
    draft = RuleDraft(cell("number"), Action(action), cell("note"), is_name=kind == RuleKind.NAME,
                      expiry=ExpiryKind.UNTIL if expires else ExpiryKind.NEVER,
                      expiry_text=expires, once=once)
    return draft, RuleKind(kind) if kind else None


class RuleService:
    def __init__(self, db: Callable[[], Database], settings: SettingsService) -> None:
        self._db = db
        self._settings = settings

    def _book(self) -> RuleBook:
        return RuleBook(self._db())

    def check(self, draft: RuleDraft, now: datetime | None = None) -> RuleEntry:
        """The rule a draft asks for, or the Refusal that every way in gives for it."""
        return validate(draft, now or datetime.now(UTC), self._settings.get().time_zone)

    def all(self, now: datetime | None = None) -> list[RuleView]:
        """Every rule, allow list first, then by kind and target."""
        moment = now or datetime.now(UTC)
        return [RuleView.of(row, moment) for row in self._book().rows(moment)]

    def get(self, rule_id: int, now: datetime | None = None) -> RuleView | None:
        row = self._book().row(rule_id)
        return RuleView.of(row, now or datetime.now(UTC)) if row is not None else None

    def find(self, target: str, *, is_name: bool = False,
             now: datetime | None = None) -> RuleView | None:
        """The rule for a target as typed, if it has one; a Refusal for no possible target."""
        kind, canonical = target_of(target, is_name=is_name)
        found = self._book().find(canonical, kind)
        return self.get(found.id, now) if found is not None else None

    def add(self, draft: RuleDraft, now: datetime | None = None) -> RuleView:
        """A new rule; refused when its target has one already."""
        entry = self.check(draft, now)
        db = self._db()
        with writing(db):
            held = RuleBook(db).find(entry.target, entry.kind)
            if held is not None:
                raise _taken(held)
            return self._put(db, entry, now)

    def put(self, draft: RuleDraft, now: datetime | None = None, *,
            keep_note: bool = False) -> RuleView:
        """Add the rule, or replace the one its target has (a target is on one list at a time:
        `block` for an allowed number moves it to the block list). With `keep_note` the note
        of the rule replaced stays, if it has one: a rule made from a call notes who called,
        but a note someone wrote says more."""
        entry = self.check(draft, now)
        db = self._db()
        with writing(db):
            held = RuleBook(db).find(entry.target, entry.kind) if keep_note else None
            if held is not None and held.note:
                entry = replace(entry, note=held.note)
            return self._put(db, entry, now)

    def _put(self, db: Database, entry: RuleEntry, now: datetime | None) -> RuleView:
        rule = RuleBook(db).put(entry.target, entry.action, entry.note, kind=entry.kind,
                                expires_at=entry.expires_at, once=entry.once)
        view = self.get(rule.id, now)
        assert view is not None
        return view

    def edit(self, rule_id: int, draft: RuleDraft, *, keep_expiry: bool = False,
             now: datetime | None = None) -> RuleView | None:
        """Change a rule; None if it is gone (removed elsewhere). With `keep_expiry` its end and
        one-shot flag stay as stored (the dialog did not touch them). Refused when another
        rule already names the new target."""
        entry = self.check(RuleDraft(draft.target, draft.action, draft.note, draft.is_name)
                           if keep_expiry else draft, now)
        book = self._book()
        try:
            if keep_expiry:
                rule = book.update(rule_id, entry.target, entry.action, entry.note,
                                   kind=entry.kind)
            else:
                rule = book.update(rule_id, entry.target, entry.action, entry.note,
                                   kind=entry.kind, expires_at=entry.expires_at,
                                   once=entry.once)
        except NumberTaken as taken:
            holder = book.get(taken.rule_id)
            if holder is None:
                raise Refusal("refusal.rule.taken_gone", taken.number, field="target") from None
            raise _taken(holder) from None
        return self.get(rule.id, now) if rule is not None else None

    def remove(self, rule_id: int) -> bool:
        """False if it was gone already."""
        return self._book().remove_id(rule_id)

    def remove_target(self, target: str, *, is_name: bool = False) -> RuleView | None:
        """Remove the rule for a target as typed; the rule removed, or None if it had none."""
        db = self._db()
        with writing(db):
            found = self.find(target, is_name=is_name)
            if found is None or not RuleBook(db).remove_id(found.id):
                return None
        return found

    # -- CSV: `rules --csv` and `import-rules` --------------------------------------------

    def csv_rows(self) -> Iterator[list[Cell]]:
        """Every rule as a row of RULE_CSV_FIELDS, in the form import_csv reads back."""
        for view in self.all():
            rule = view.rule  # a used one-shot rule ends when it was used
            yield [view.shown_target, rule.action.value, rule.note,
                   rule.expires_at.astimezone(UTC).isoformat(timespec="seconds")
                   if rule.expires_at else "",
                   "yes" if rule.once else "", rule.kind.value]

    def write_csv(self, out: TextIO) -> None:
        from tables.files import write_csv  # with the first export, not every start

        write_csv(out, list(RULE_CSV_FIELDS), self.csv_rows())

    def import_csv(self, text: str, now: datetime | None = None) -> ImportReport:
        """Add or replace the rules of a CSV (a header row naming at least REQUIRED_COLUMNS),
        all or nothing: the report lists every refused row with its line and reason, and then
        nothing was imported. A Refusal when the header lacks a column."""
        moment = now or datetime.now(UTC)
        reader = csv.DictReader(text.splitlines(keepends=True))
        header = [name.strip().lower() for name in reader.fieldnames or ()]
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            raise Refusal("refusal.import.header", ", ".join(RULE_CSV_FIELDS),
                          ", ".join(missing))
        reader.fieldnames = header
        time_zone = self._settings.get().time_zone
        entries: list[RuleEntry] = []
        refused: list[tuple[int, Message]] = []
        seen: dict[tuple[RuleKind, str], int] = {}
        rows = 0
        for row in reader:
            line = reader.line_num
            if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
                continue
            rows += 1
            try:
                draft, kind = _draft_of_row(row)
                entry = validate(draft, moment, time_zone)
                if kind is not None and kind is not entry.kind:
                    raise Refusal("refusal.import.kind_mismatch", draft.target, entry.kind,
                                  kind, field="kind")
            except Refusal as refusal:
                refused.append((line, refusal.message))
                continue
            first = seen.setdefault((entry.kind, entry.target), line)
            if first != line:
                refused.append((line, Message("refusal.import.duplicate", (entry.kind, first))))
                continue
            entries.append(entry)
        if refused:
            return ImportReport(rows, refused=tuple(refused))
        db = self._db()
        book = RuleBook(db)
        with writing(db):  # the count of replaced rules is of the rules replaced
            replaced = sum(book.find(entry.target, entry.kind) is not None for entry in entries)
            book.put_many(entries)
        return ImportReport(rows, len(entries) - replaced, replaced)
