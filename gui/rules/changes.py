"""Every change of the allow and block lists is a command to the listener, which saves it or
refuses it with the command line's reason: this sends them and says how each ended, in words.
A change without an answer within 300 ms says that it is saving (another program holds the
database's lock, say); nothing waits for the answer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from gui import present
from gui.replies import for_widget
from gui.rules.dialog import Asked, RuleDialog
from gui.rules.model import target_label
from gui.session import ConsoleSession
from screening.rule_draft import RuleDraft
from screening.rules import Action
from server.protocol.messages import (
    AddRule,
    Command,
    Done,
    EditRule,
    Failed,
    PutRule,
    Refused,
    Removed,
    RemoveRule,
    Result,
    RuleView,
)

Said = Callable[[RuleView], str]
Refusing = Callable[[str, str | None], None]  # (why, the field it names)

GONE = "refusal.rule.gone"


class RuleChanges(QObject):
    """`saved(rule_id or None, words)` once the listener saved a change (the list is then read
    anew, and shows it); `said(words)` for what the status bar tells meanwhile or instead;
    `gone()` when the rule asked for was removed meanwhile."""

    saved = Signal(object, str)
    said = Signal(str)
    gone = Signal()

    def __init__(self, session: ConsoleSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session

    def put(self, shown: str, draft: RuleDraft, *, keep_note: bool = False) -> None:
        """A target onto a list in one step (a rule it has moves to that list; with
        `keep_note`, with the note it has)."""
        self._ask(PutRule(draft=draft, keep_note=keep_note), self.listed,
                  lambda: self.said.emit(self.tr(
                      "Saving the rule for %1… (the database is busy)").replace("%1", shown)),
                  lambda why, _: self.said.emit(why))

    def add(self, dialog: RuleDialog, asked: Asked) -> None:
        self._from_dialog(dialog, AddRule(draft=asked.draft), self.listed)

    def edit(self, dialog: RuleDialog, rule: RuleView, asked: Asked) -> None:
        """A rule changed in its dialog; its end and one-shot flag stay as stored unless the
        dialog touched them."""
        def said(edited: RuleView) -> str:
            if edited.action is rule.action:
                return self.tr("Updated the rule for %1").replace("%1", target_label(edited))
            return self.listed(edited)

        self._from_dialog(dialog, EditRule(rule_id=rule.id, draft=asked.draft,
                                           keep_expiry=not asked.expiry_touched), said)

    def remove(self, rule: RuleView) -> None:
        shown = target_label(rule)

        def removed(result: Result) -> None:
            match result:
                case Done(value=Removed(removed=done)):
                    self.saved.emit(None, self.tr("Removed the rule for %1").replace("%1", shown)
                                    if done else "")
                case Refused() | Failed():
                    self.said.emit(present.not_done(result))

        self._session.request(RemoveRule(rule_id=rule.id), for_widget(self, removed),
                              slow=for_widget(self, lambda: self.said.emit(self.tr(
                                  "Removing the rule for %1… (the database is busy)")
                                  .replace("%1", shown))))

    def listed(self, rule: RuleView) -> str:
        number = target_label(rule)
        if rule.action is Action.BLOCK:
            return self.tr("Blocked %1").replace("%1", number)
        return self.tr("Always letting through %1").replace("%1", number)

    def _from_dialog(self, dialog: RuleDialog, command: Command, said: Said) -> None:
        """The dialog closes once saved, else shows why; if it was closed meanwhile, the
        status bar says it."""
        closed: list[int] = []
        dialog.finished.connect(closed.append)  # a closed dialog is deleted soon after

        def open_still() -> bool:
            return not closed

        def refused(why: str, field: str | None) -> None:
            if open_still():
                dialog.refused(why, field)
            else:
                self.said.emit(why)

        def saving() -> None:
            if open_still():
                dialog.saving()

        def saved(rule: RuleView) -> str:
            if open_still():
                dialog.saved()
            return said(rule)

        self._ask(command, saved, saving, refused)

    def _ask(self, command: Command, said: Said, slow: Callable[[], None],
             refused: Refusing) -> None:
        def answered(result: Result) -> None:
            match result:
                case Done(value=RuleView() as rule):
                    self.saved.emit(rule.id, said(rule))
                case Refused(field=field):
                    refused(present.not_done(result), field)
                    if result.reason.code == GONE:
                        self.gone.emit()
                case Failed():
                    refused(present.not_done(result), None)

        self._session.request(command, for_widget(self, answered), slow=for_widget(self, slow))
