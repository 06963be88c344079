"""The allow and block lists: one table over storage's RuleBook, with add, edit and remove.

The view stores through RuleBook on the GUI thread's own connection; the listener sees a change
at its next call (it rereads rules when another connection has committed). The view never
decides policy: it only edits the lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
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

from screening import phone
from screening.rules import Action, Rule
from storage.rules import NumberTaken, RuleBook

ModelIndex = QModelIndex | QPersistentModelIndex

# Raw values for sorting (canonical number, action, ISO time, count), and each row's rule id.
SORT_ROLE = Qt.ItemDataRole.UserRole
RULE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    NUMBER = 0
    LIST = 1
    NOTE = 2
    CREATED = 3
    LAST_MATCHED = 4
    TIMES_MATCHED = 5


def list_label(action: Action) -> str:
    """The list a rule puts its number on, as people read it."""
    if action is Action.BLOCK:
        return QCoreApplication.translate("RulesModel", "Block")
    return QCoreApplication.translate("RulesModel", "Always let through")


def local_time(
    stored: str | None, style: QLocale.FormatType = QLocale.FormatType.ShortFormat
) -> str:
    """A stored UTC ISO 8601 time in the user's time zone and locale; '' if there is none."""
    if not stored:
        return ""
    moment = QDateTime.fromString(stored, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        return stored
    return QLocale().toString(moment.toLocalTime(), style)


def _rule(row: dict[str, Any]) -> Rule:
    return Rule(id=row["id"], number=row["number"], action=Action(row["action"]), note=row["note"])


class RulesModel(QAbstractTableModel):
    """Every rule with its bookkeeping, in RuleBook's order (allow list first, then by number)."""

    def __init__(self, book: RuleBook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self._rows: list[dict[str, Any]] = []

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
        return _rule(self._rows[row])

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
        if role == RULE_ID_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.NUMBER:
                return row["number"]
            if column is Column.CREATED:
                return local_time(row["created_at"], QLocale.FormatType.LongFormat)
            if column is Column.LAST_MATCHED and row["last_matched_at"]:
                return local_time(row["last_matched_at"], QLocale.FormatType.LongFormat)
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
            return self._header(Column(section))
        return None

    def _header(self, column: Column) -> str:
        if column is Column.NUMBER:
            return self.tr("Number")
        if column is Column.LIST:
            return self.tr("List")
        if column is Column.NOTE:
            return self.tr("Label / note")
        if column is Column.CREATED:
            return self.tr("Created")
        if column is Column.LAST_MATCHED:
            return self.tr("Last matched")
        return self.tr("Times matched")

    def _display(self, row: dict[str, Any], column: Column) -> str:
        if column is Column.NUMBER:
            return phone.display(row["number"])
        if column is Column.LIST:
            return list_label(Action(row["action"]))
        if column is Column.NOTE:
            return str(row["note"] or "")
        if column is Column.CREATED:
            return local_time(row["created_at"])
        if column is Column.LAST_MATCHED:
            return local_time(row["last_matched_at"]) or self.tr("never")
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
        return int(row["times_matched"] or 0)


SaveRule = Callable[[str, Action, str], str | None]
"""Stores what the dialog holds: (number as typed, list, note) -> None, or why it was refused."""


class RuleDialog(QDialog):
    """Number, list and note of one rule. Save asks `save`; a refusal keeps the dialog open."""

    def __init__(
        self,
        title: str,
        save: SaveRule,
        parent: QWidget,
        number: str = "",
        action: Action = Action.BLOCK,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(title)

        self.number_edit = QLineEdit(number, self)
        self.number_edit.setPlaceholderText(self.tr("e.g. 03-3000-1234"))
        self.block_button = QRadioButton(list_label(Action.BLOCK), self)
        self.allow_button = QRadioButton(list_label(Action.ALLOW), self)
        self._list_group = QButtonGroup(self)
        self._list_group.addButton(self.block_button)
        self._list_group.addButton(self.allow_button)
        (self.block_button if action is Action.BLOCK else self.allow_button).setChecked(True)
        self.note_edit = QLineEdit(note, self)
        self.note_edit.setPlaceholderText(self.tr("Who is this? (optional)"))
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.number_edit.textEdited.connect(self._clear_error)

        lists = QHBoxLayout()
        lists.addWidget(self.block_button)
        lists.addWidget(self.allow_button)
        lists.addStretch()
        form = QFormLayout()
        form.addRow(self.tr("&Number:"), self.number_edit)
        form.addRow(self.tr("List:"), lists)
        form.addRow(self.tr("&Label / note:"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def action(self) -> Action:
        return Action.BLOCK if self.block_button.isChecked() else Action.ALLOW

    def error(self) -> str:
        """Why the last save was refused, or '' (also '' once the number is edited again)."""
        return self.error_label.text() if not self.error_label.isHidden() else ""

    @Slot()
    def accept(self) -> None:
        refusal = self._save(self.number_edit.text(), self.action(), self.note_edit.text().strip())
        if refusal is not None:
            self.error_label.setText(refusal)
            self.error_label.show()
            self.number_edit.setFocus()
            self.number_edit.selectAll()
            return
        super().accept()

    @Slot()
    def _clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()


class RulesView(QWidget):
    """The allow and block lists with Add…, Edit… and Remove.

    `rules_changed` is emitted after this view stored a change; `message` carries a short status
    text for the window's status bar. `refresh()` rereads the rules (call it when another
    process may have changed them).
    """

    rules_changed = Signal()
    message = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = RuleBook(db)
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
        self.remove_button = QPushButton(self.tr("&Remove"), self)
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self.refresh()

    # -- what the window uses -------------------------------------------------------------

    def add_rule(self, number: str, action: Action, note: str = "") -> Rule:
        """Put `number` on a list in one step, as "block this caller" / "always let through" do.

        `number` may be as typed or as sent (03-3000-1234, 0330001234, +81330001234); raises
        screening.phone.InvalidNumber with the reason otherwise (a withheld caller has no number
        to put on a list). A number is on one list at a time: an existing rule for it moves to
        this list, and keeps its note when `note` is empty.
        """
        canonical = phone.parse_rule_number(number)
        if not note:
            held = self._book.find(canonical)
            note = held.note if held is not None else ""
        rule = self._book.put(canonical, action, note)
        self._stored(rule.id, self._listed_message(rule))
        return rule

    def edit_rule(self, rule_id: int, number: str, action: Action, note: str) -> Rule | None:
        """Change a rule; None if it is gone (removed elsewhere).

        Raises InvalidNumber for a number that cannot be one, and storage.rules.NumberTaken if
        another rule already names the number.
        """
        canonical = phone.parse_rule_number(number)
        before = self._book.get(rule_id)
        rule = self._book.update(rule_id, canonical, action, note)
        if rule is None:
            self.refresh()
            return None
        if before is not None and before.action is rule.action:
            text = self.tr("Updated the rule for {number}").format(
                number=phone.display(rule.number)
            )
        else:
            text = self._listed_message(rule)
        self._stored(rule.id, text)
        return rule

    def remove_rule(self, rule_id: int) -> bool:
        """Remove a rule without asking; False if it was already gone."""
        rule = self._book.get(rule_id)
        removed = self._book.remove_id(rule_id)
        self.refresh()
        if removed and rule is not None:
            self.rules_changed.emit()
            self.message.emit(
                self.tr("Removed the rule for {number}").format(number=phone.display(rule.number))
            )
        return removed

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

        def save(number: str, action: Action, note: str) -> str | None:
            return self._save_edit(rule.id, number, action, note)

        return self._open_dialog(
            RuleDialog(self.tr("Edit rule"), save, self, phone.display(rule.number),
                       rule.action, rule.note)
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
                number=phone.display(rule.number), list=list_label(rule.action)
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(self.tr("Calls from this number will follow the mode again."))
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

    def _save_new(self, number: str, action: Action, note: str) -> str | None:
        try:
            self.add_rule(number, action, note)
        except phone.InvalidNumber as error:
            return str(error)
        return None

    def _save_edit(self, rule_id: int, number: str, action: Action, note: str) -> str | None:
        try:
            rule = self.edit_rule(rule_id, number, action, note)
        except phone.InvalidNumber as error:
            return str(error)
        except NumberTaken as error:
            held = self._book.get(error.rule_id)
            listed = list_label(held.action) if held is not None else ""
            return self.tr("{number} already has a rule ({list}): edit that one instead.").format(
                number=phone.display(error.number), list=listed
            )
        if rule is None:
            return self.tr("This rule was removed meanwhile; cancel and add it again.")
        return None

    def _listed_message(self, rule: Rule) -> str:
        number = phone.display(rule.number)
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
