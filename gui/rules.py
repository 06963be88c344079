"""The allow and block lists: one table over storage's RuleBook, with add, edit and remove.

The view stores through RuleBook on the GUI thread's own connection; the listener sees a change
at its next call (it rereads rules when another connection has committed). The view never
decides policy: it only edits the lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimeZone,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from application import Office
from gui import present
from gui.banner import ErrorLabel
from screening import phone, rule_draft
from screening.rule_draft import ExpiryKind, target_of
from screening.rules import Action, Rule, RuleKind
from storage.rules import RuleBook, rule_of

ModelIndex = QModelIndex | QPersistentModelIndex

# Raw values for sorting (canonical number, action, ISO time, count).
SORT_ROLE = Qt.ItemDataRole.UserRole


class Column(IntEnum):
    NUMBER = 0
    LIST = 1
    NOTE = 2
    CREATED = 3
    LAST_MATCHED = 4
    TIMES_MATCHED = 5
    EXPIRES = 6


def list_label(action: Action) -> str:
    """The list a rule puts its number on, as people read it."""
    if action is Action.BLOCK:
        return QCoreApplication.translate("RulesModel", "Block")
    return QCoreApplication.translate("RulesModel", "Always let through")


def _target_text(kind: RuleKind, pattern: str, number: str) -> str:
    if kind is RuleKind.PREFIX:
        return phone.display_prefix(pattern)
    if kind is RuleKind.NAME:
        return pattern
    return phone.display(number)


def target_label(rule: Rule) -> str:
    """What a rule names as people type it: `03-3000-1234`, `0120*`, or the name."""
    return _target_text(rule.kind, rule.pattern, rule.number)


def _row_label(row: dict[str, Any]) -> str:
    """target_label of a stored row, without making its Rule (the table asks on every paint)."""
    return _target_text(RuleKind(row.get("kind") or RuleKind.NUMBER),
                        str(row.get("pattern") or row["number"]), row["number"])


class ExpiryChoice(IntEnum):
    NEVER = 0
    FOR = 1
    UNTIL = 2


@dataclass(frozen=True)
class RuleDraft:
    """What the add/edit dialog holds, as typed; checked by the one validation of every rule
    (screening.rule_draft.validate), which says why it refuses."""

    target: str
    action: Action
    note: str = ""
    is_name: bool = False
    expiry: ExpiryChoice = ExpiryChoice.NEVER
    expiry_text: str = ""  # the duration, for ExpiryChoice.FOR
    expiry_until: datetime | None = None  # the end, for ExpiryChoice.UNTIL
    once: bool = False
    expiry_touched: bool = True  # False: an edit leaves the expiry and one-shot flag as stored

    def asked(self) -> rule_draft.RuleDraft:
        """The rule as the command line and the protocol hand it over, for the one check."""
        return rule_draft.RuleDraft(
            self.target, self.action, self.note, self.is_name,
            {ExpiryChoice.NEVER: ExpiryKind.NEVER, ExpiryChoice.FOR: ExpiryKind.FOR,
             ExpiryChoice.UNTIL: ExpiryKind.UNTIL}[self.expiry],
            self.expiry_text, self.expiry_until, self.once)


def default_until(now: datetime) -> datetime:
    """The end a new temporary rule proposes: this time tomorrow, on the office's next full
    hour."""
    ahead = present.office_time(now + timedelta(days=1))
    on_the_hour = ahead.replace(minute=0, second=0, microsecond=0)
    return on_the_hour + timedelta(hours=1) if on_the_hour < ahead else on_the_hour


class RulesModel(QAbstractTableModel):
    """Every rule with its bookkeeping, in RuleBook's order (allow list first, then by number)."""

    def __init__(self, book: RuleBook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self._rows: list[dict[str, Any]] = []
        self._headers = {
            Column.NUMBER: self.tr("Number, prefix or name"),
            Column.LIST: self.tr("List"),
            Column.NOTE: self.tr("Label / note"),
            Column.CREATED: self.tr("Created"),
            Column.LAST_MATCHED: self.tr("Last matched"),
            Column.TIMES_MATCHED: self.tr("Times matched"),
            Column.EXPIRES: self.tr("Expires"),
        }

    def reload(self) -> bool:
        """Read the rules again; True if anything changed."""
        return self.set_rows(self._book.rows())

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> bool:
        """Show these rows, disturbing views as little as possible; True if anything changed.

        Same rules in the same order (the usual case: a match count went up) only repaints the
        rows that changed, so selection and scrolling stay where they are.
        """
        new = list(rows)
        if new == self._rows:
            return False
        if [row["id"] for row in new] == [row["id"] for row in self._rows]:
            last = len(Column) - 1
            changed = [i for i, (old, row) in enumerate(zip(self._rows, new, strict=True))
                       if old != row]
            self._rows = new
            for i in changed:
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))
            return True
        self.beginResetModel()
        self._rows = new
        self.endResetModel()
        return True

    def rule_at(self, row: int) -> Rule:
        return rule_of(self._rows[row])

    def row_of(self, rule_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row["id"] == rule_id:
                return i
        return None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and row.get("expired"):
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.NUMBER:
                return row["number"]
            if column is Column.CREATED:
                return present.local_time(row["created_at"], present.Style.LONG)
            if column is Column.LAST_MATCHED and row["last_matched_at"]:
                return present.local_time(row["last_matched_at"], present.Style.LONG)
            if column is Column.EXPIRES and row.get("expires_at"):
                return present.local_time(row["expires_at"], present.Style.LONG)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.TIMES_MATCHED:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return self._headers[Column(section)]
        return None

    def _display(self, row: dict[str, Any], column: Column) -> str:
        if column is Column.NUMBER:
            return _row_label(row)
        if column is Column.EXPIRES:
            return self._expiry_text(row)
        if column is Column.LIST:
            return list_label(Action(row["action"]))
        if column is Column.NOTE:
            return str(row["note"] or "")
        if column is Column.CREATED:
            return present.local_time(row["created_at"])
        if column is Column.LAST_MATCHED:
            return present.local_time(row["last_matched_at"]) or self.tr("never")
        return QLocale().toString(int(row["times_matched"] or 0))

    @staticmethod
    def _sort_key(row: dict[str, Any], column: Column) -> Any:
        if column is Column.NUMBER:
            return row["number"]
        if column is Column.LIST:
            return row["action"]
        if column is Column.NOTE:
            return str(row["note"] or "").casefold()
        if column is Column.CREATED:
            return row["created_at"]
        if column is Column.LAST_MATCHED:
            return row["last_matched_at"] or ""
        if column is Column.EXPIRES:
            return "~" if row.get("expired") else (row.get("expires_at") or "")
        return int(row["times_matched"] or 0)

    def _expiry_text(self, row: dict[str, Any]) -> str:
        if row.get("expired"):
            return self.tr("expired")
        until = present.local_time(row.get("expires_at"))
        if row.get("once"):
            if until:
                return self.tr("next call only, until %1").replace("%1", until)
            return self.tr("next call only")
        return until

    def next_expiry(self) -> datetime | None:
        """The earliest moment a shown rule that is still in force expires, if any."""
        moments = [datetime.fromisoformat(row["expires_at"]) for row in self._rows
                   if row.get("expires_at") and not row.get("expired")]
        return min(moments, default=None)


SaveRule = Callable[[RuleDraft], str | None]
"""Stores what the dialog holds -> None, or why it was refused (the dialog then stays open)."""


class RuleDialog(QDialog):
    """Target (number, prefix `0120*` or a name), list, note, expiry and the one-shot flag of one
    rule. Save asks `save`; a refusal keeps the dialog open with the reason."""

    def __init__(
        self,
        title: str,
        save: SaveRule,
        parent: QWidget,
        number: str = "",
        action: Action = Action.BLOCK,
        note: str = "",
        *,
        is_name: bool = False,
        expiry: ExpiryChoice = ExpiryChoice.NEVER,
        expiry_text: str = "",
        expires_at: datetime | None = None,
        once: bool = False,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(title)

        self.number_edit = QLineEdit(number, self)
        self.number_edit.setPlaceholderText(self.tr("e.g. 03-3000-1234 or 0120*"))
        self.name_box = QCheckBox(self.tr("A registered customer's company or &name"), self)
        self.name_box.setChecked(is_name)
        self.name_box.toggled.connect(self._kind_changed)
        self.block_button = QRadioButton(list_label(Action.BLOCK), self)
        self.allow_button = QRadioButton(list_label(Action.ALLOW), self)
        self._list_group = QButtonGroup(self)
        self._list_group.addButton(self.block_button)
        self._list_group.addButton(self.allow_button)
        (self.block_button if action is Action.BLOCK else self.allow_button).setChecked(True)
        self.note_edit = QLineEdit(note, self)
        self.note_edit.setPlaceholderText(self.tr("Who is this? (optional)"))
        self.expiry_combo = QComboBox(self)
        self.expiry_combo.addItem(self.tr("Never expires"), ExpiryChoice.NEVER)
        self.expiry_combo.addItem(self.tr("For (like 30m, 24h, 7d)"), ExpiryChoice.FOR)
        self.expiry_combo.addItem(self.tr("Until a date and time"), ExpiryChoice.UNTIL)
        self.expiry_combo.setCurrentIndex(int(expiry))
        self.expiry_edit = QLineEdit(expiry_text, self)
        self.expiry_edit.setPlaceholderText(self.tr("24h"))
        self.until_edit = self._until_edit(expires_at or default_until(datetime.now(UTC)))
        self.once_box = QCheckBox(self.tr("Next call only (the rule is used up by it)"), self)
        self.once_box.setChecked(once)
        self._initial = (int(expiry), expiry_text, self.until_edit.dateTime(), once)
        self.error_label = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.number_edit.textEdited.connect(self.error_label.clear_error)
        self.expiry_edit.textEdited.connect(self.error_label.clear_error)
        self.until_edit.dateTimeChanged.connect(self.error_label.clear_error)
        self.expiry_combo.currentIndexChanged.connect(self._update_fields)
        self._list_group.buttonToggled.connect(self._update_fields)

        lists = QHBoxLayout()
        lists.addWidget(self.block_button)
        lists.addWidget(self.allow_button)
        lists.addStretch()
        expiry_row = QHBoxLayout()
        expiry_row.addWidget(self.expiry_combo)
        expiry_row.addWidget(self.expiry_edit, 1)
        expiry_row.addWidget(self.until_edit, 1)
        # A mnemonic works on a label with a buddy; for a row of several fields, the first.
        expires = QLabel(self.tr("E&xpires:"), self)
        expires.setBuddy(self.expiry_combo)
        form = QFormLayout()
        form.addRow(self.tr("&Number, prefix or name:"), self.number_edit)
        form.addRow("", self.name_box)
        form.addRow(self.tr("List:"), lists)
        form.addRow(self.tr("&Label / note:"), self.note_edit)
        form.addRow(expires, expiry_row)
        form.addRow("", self.once_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._kind_changed()
        self._update_fields()

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def action(self) -> Action:
        return Action.BLOCK if self.block_button.isChecked() else Action.ALLOW

    def _until_edit(self, until: datetime) -> QDateTimeEdit:
        """A date picker on the office's clock, whatever the machine's zone and locale."""
        formats = present.moment_formats()
        edit = QDateTimeEdit(self)
        edit.setCalendarPopup(True)
        edit.setTimeZone(QTimeZone.utc())  # holds the office's wall time: see present.wall_clock
        edit.setLocale(formats.locale)
        edit.setDisplayFormat(formats.minutes)
        edit.setDateTime(present.wall_clock(until))
        return edit

    def draft(self) -> RuleDraft:
        expiry = ExpiryChoice(self.expiry_combo.currentData())
        text = self.expiry_edit.text().strip() if expiry is ExpiryChoice.FOR else ""
        shown = self.until_edit.dateTime()
        once = self.once_box.isChecked() and self.action() is Action.ALLOW
        return RuleDraft(
            target=self.number_edit.text(),
            action=self.action(),
            note=self.note_edit.text().strip(),
            is_name=self.name_box.isChecked(),
            expiry=expiry,
            expiry_text=text,
            expiry_until=(present.from_wall_clock(shown) if expiry is ExpiryChoice.UNTIL
                          else None),
            once=once,
            expiry_touched=(int(expiry), self.expiry_edit.text().strip(), shown, once)
            != self._initial,
        )

    def error(self) -> str:
        """Why the last save was refused, or '' (also '' once the number is edited again)."""
        return self.error_label.message()

    @Slot()
    def accept(self) -> None:
        refusal = self._save(self.draft())
        if refusal is not None:
            self.error_label.show_error(refusal)
            self.number_edit.setFocus()
            self.number_edit.selectAll()
            return
        super().accept()

    @Slot()
    def _kind_changed(self) -> None:
        self.number_edit.setPlaceholderText(
            self.tr("e.g. エーアイ化粧品") if self.name_box.isChecked()
            else self.tr("e.g. 03-3000-1234 or 0120*"))

    @Slot()
    def _update_fields(self) -> None:
        expiry = ExpiryChoice(self.expiry_combo.currentData())
        self.expiry_edit.setEnabled(expiry is ExpiryChoice.FOR)
        self.expiry_edit.setVisible(expiry is not ExpiryChoice.UNTIL)
        self.until_edit.setVisible(expiry is ExpiryChoice.UNTIL)
        self.once_box.setEnabled(self.action() is Action.ALLOW)


class RulesView(QWidget):
    """The allow and block lists with Add…, Edit… and Remove.

    `rules_changed` is emitted after this view stored a change; `message` carries a short status
    text for the window's status bar. `refresh()` rereads the rules (call it when another
    process may have changed them).
    """

    rules_changed = Signal()
    message = Signal(str)
    test_requested = Signal()  # "Test a number…": the window opens the explain box

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = RuleBook(db)
        self._office = Office.over(db)
        self._next_expiry: datetime | None = None
        self._dialog: RuleDialog | None = None
        self._confirmation: QMessageBox | None = None

        self.model = RulesModel(self._book, self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setSortRole(SORT_ROLE)

        self.hint = QLabel(self.tr("No rules yet: every call follows the mode."), self)
        self.table = QTableView(self)
        self.table.setModel(self._proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NOTE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        # No mnemonic: Alt+R rejects a waiting call on every tab (gui/waiting.py); Delete removes.
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.test_button = QPushButton(self.tr("&Test a number…"), self)
        self.test_button.clicked.connect(self.test_requested)
        self.add_button.clicked.connect(self._add_clicked)
        self.edit_button.clicked.connect(self._edit_clicked)
        self.remove_button.clicked.connect(self._remove_clicked)
        self.table.doubleClicked.connect(self._edit_clicked)
        remove_action = QAction(self.tr("Remove"), self.table)
        remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove_action.triggered.connect(self._remove_clicked)
        self.table.addAction(remove_action)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        buttons.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self.refresh()

    # -- what the window uses -------------------------------------------------------------

    def add_rule(
        self,
        number: str,
        action: Action,
        note: str = "",
        *,
        name: bool = False,
        expires_at: datetime | None = None,
        once: bool = False,
        caller: str = "",
    ) -> Rule:
        """Put a number, a prefix (`0120*`) or, with `name`, a customer's name on a list in one
        step, as "block this caller" / "always let through" do.

        `number` may be as typed or as sent (03-3000-1234, 0330001234, +81330001234); raises a
        Refusal with the reason otherwise (a withheld caller has no number to put on a list).
        A target is on one list at a time: an existing rule for it moves to this list, and keeps
        its note when `note` is empty.
        `caller` (who called, for a rule made from a call) is the note when there is no other.
        """
        kind, canonical = self._canonical(number, name)
        if not note:
            held = self._book.find(canonical, kind)
            note = held.note if held is not None and held.note else caller
        rule = self._book.put(canonical, action, note, kind=kind, expires_at=expires_at,
                              once=once and action is Action.ALLOW)
        self._stored(rule.id, self._listed_message(rule))
        return rule

    def remove_rule(self, rule_id: int) -> bool:
        """Remove a rule without asking; False if it was already gone."""
        rule = self._book.get(rule_id)
        removed = self._book.remove_id(rule_id)
        self.refresh()
        if removed and rule is not None:
            self.rules_changed.emit()
            self.message.emit(
                self.tr("Removed the rule for {number}").format(number=target_label(rule))
            )
        return removed

    def refresh_if_expired(self, now: datetime | None = None) -> None:
        """Reread the rules when a shown rule has expired since (so it shows as expired)."""
        if self._next_expiry is not None and self._next_expiry <= (now or datetime.now(UTC)):
            self.refresh()

    def selected_rule(self) -> Rule | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rule_at(self._proxy.mapToSource(rows[0]).row())

    def select_rule(self, rule_id: int) -> bool:
        """Select and show a rule's row; False if it is not in the table."""
        row = self.model.row_of(rule_id)
        if row is None:
            return False
        index = self._proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    @property
    def dialog(self) -> RuleDialog | None:
        """The add/edit dialog while it is open."""
        return self._dialog

    @property
    def confirmation(self) -> QMessageBox | None:
        """The remove confirmation while it is open."""
        return self._confirmation

    @Slot()
    def refresh(self) -> None:
        """Reread the rules from the database, keeping the selected rule selected."""
        selected = self.selected_rule()
        if self.model.reload() and selected is not None and not self.selected_rule():
            self.select_rule(selected.id)
        self._next_expiry = self.model.next_expiry()
        self.hint.setVisible(self.model.rowCount() == 0)
        self._update_buttons()

    def open_add_dialog(
        self, number: str = "", action: Action = Action.BLOCK, note: str = ""
    ) -> RuleDialog:
        """The add dialog, opened window-modal with open() (never exec); prefilled if given."""
        return self._open_dialog(
            RuleDialog(self.tr("Add a rule"), self._save_new, self, number, action, note)
        )

    def open_edit_dialog(self) -> RuleDialog | None:
        """The edit dialog for the selected rule; None if nothing is selected."""
        rule = self.selected_rule()
        if rule is None:
            return None

        def save(draft: RuleDraft) -> str | None:
            return self._save_edit(rule.id, draft)

        row = self._book.row(rule.id) or {}
        stored = row.get("expires_at")  # as set, not when a one-shot rule was used
        return self._open_dialog(
            RuleDialog(self.tr("Edit rule"), save, self, target_label(rule), rule.action,
                       rule.note, is_name=rule.kind is RuleKind.NAME,
                       expiry=ExpiryChoice.UNTIL if stored else ExpiryChoice.NEVER,
                       expires_at=datetime.fromisoformat(stored) if stored else None,
                       once=bool(row.get("once")))
        )

    def confirm_remove(self) -> QMessageBox | None:
        """Ask before removing the selected rule (opened with open()); None if none selected."""
        rule = self.selected_rule()
        if rule is None:
            return None
        self._close_popups()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove rule"),
            self.tr("Remove the rule for {number} ({list})?").format(
                number=target_label(rule), list=list_label(rule.action)
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(self.tr("Calls it names will follow the mode again."))
        box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: QAbstractButton) -> None:
            if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole:
                self.remove_rule(rule.id)

        box.buttonClicked.connect(answered)
        box.finished.connect(self._confirmation_closed)
        self._confirmation = box
        box.open()
        return box

    # -- internals ------------------------------------------------------------------------

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

    def _canonical(self, text: str, name: bool) -> tuple[RuleKind, str]:
        return target_of(text, is_name=name)

    def _save_new(self, draft: RuleDraft) -> str | None:
        try:
            entry = self._office.rules.check(draft.asked())  # as `block` and import check it
            self.add_rule(draft.target, draft.action, draft.note, name=draft.is_name,
                          expires_at=entry.expires_at, once=entry.once)
        except ValueError as error:
            return present.refused(error)
        return None

    def _save_edit(self, rule_id: int, draft: RuleDraft) -> str | None:
        """Change a rule; its expiry and one-shot flag stay as stored unless the dialog touched
        them. The reason for people when it is refused, or gone (removed elsewhere)."""
        before = self._book.get(rule_id)
        try:
            view = self._office.rules.edit(rule_id, draft.asked(),
                                           keep_expiry=not draft.expiry_touched)
        except ValueError as error:
            return present.refused(error)
        if view is None:
            self.refresh()
            return self.tr("This rule was removed meanwhile; cancel and add it again.")
        rule = view.rule
        if before is not None and before.action is rule.action:
            text = self.tr("Updated the rule for {number}").format(number=target_label(rule))
        else:
            text = self._listed_message(rule)
        self._stored(rule.id, text)
        return None

    def _listed_message(self, rule: Rule) -> str:
        number = target_label(rule)
        if rule.action is Action.BLOCK:
            return self.tr("Blocked {number}").format(number=number)
        return self.tr("Always letting through {number}").format(number=number)

    def _stored(self, rule_id: int, text: str) -> None:
        self.refresh()
        self.select_rule(rule_id)
        self.rules_changed.emit()
        self.message.emit(text)

    @Slot()
    def _add_clicked(self) -> None:
        self.open_add_dialog()

    @Slot()
    def _edit_clicked(self) -> None:
        self.open_edit_dialog()

    @Slot()
    def _remove_clicked(self) -> None:
        self.confirm_remove()

    @Slot()
    def _dialog_closed(self) -> None:
        self._dialog = None

    @Slot()
    def _confirmation_closed(self) -> None:
        self._confirmation = None

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.selected_rule() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
