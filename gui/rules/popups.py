"""The rules tab's popups, one at a time: the add and edit dialog and the remove confirmation.

Each opens window-modal with open() (never exec), is forgotten once it closes, and closes the
other one as it opens; what a dialog asks for goes to the listener as a command
(gui/rules/changes.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from gui.rules.changes import RuleChanges
from gui.rules.dialog import ExpiryChoice, RuleDialog, removal_box
from gui.rules.model import target_label
from screening.rules import Action, RuleKind
from server.protocol.messages import RuleView


class RulePopups(QObject):
    """Opens the popups over `tab`; a confirmed removal calls `remove(rule_id)`."""

    def __init__(self, tab: QWidget, changes: RuleChanges,
                 remove: Callable[[int], None]) -> None:
        super().__init__(tab)
        self._tab = tab
        self._changes = changes
        self._remove = remove
        self._dialog: RuleDialog | None = None
        self._confirmation: QMessageBox | None = None

    @property
    def dialog(self) -> RuleDialog | None:
        """The add/edit dialog while it is open."""
        return self._dialog

    @property
    def confirmation(self) -> QMessageBox | None:
        """The remove confirmation while it is open."""
        return self._confirmation

    def add(self, number: str = "", action: Action = Action.BLOCK, note: str = "") -> RuleDialog:
        """The add dialog, prefilled if given."""
        title = QCoreApplication.translate("RulesView", "Add a rule")  # the tab's words
        dialog = RuleDialog(title, self._tab, number, action, note)
        dialog.save_requested.connect(lambda asked: self._changes.add(dialog, asked))
        return self._open_dialog(dialog)

    def edit(self, rule: RuleView) -> RuleDialog:
        """The edit dialog for a rule."""
        title = QCoreApplication.translate("RulesView", "Edit rule")
        dialog = RuleDialog(title, self._tab, target_label(rule), rule.action,
                            rule.note, is_name=rule.kind is RuleKind.NAME,
                            expiry=ExpiryChoice.UNTIL if rule.expires_at else ExpiryChoice.NEVER,
                            expires_at=rule.expires_at, once=rule.once)
        dialog.save_requested.connect(lambda asked: self._changes.edit(dialog, rule, asked))
        return self._open_dialog(dialog)

    def confirm_remove(self, rule: RuleView) -> QMessageBox:
        """Ask before removing a rule."""
        self._close_popups()
        box = removal_box(self._tab, rule)

        def answered(button: QAbstractButton) -> None:
            if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole:
                self._remove(rule.id)

        box.buttonClicked.connect(answered)
        box.finished.connect(self._confirmation_closed)
        self._confirmation = box
        box.open()
        return box

    def _open_dialog(self, dialog: RuleDialog) -> RuleDialog:
        self._close_popups()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _close_popups(self) -> None:
        for popup in (self._dialog, self._confirmation):
            if popup is not None:
                popup.reject()

    @Slot()
    def _dialog_closed(self) -> None:
        self._dialog = None

    @Slot()
    def _confirmation_closed(self) -> None:
        self._confirmation = None
