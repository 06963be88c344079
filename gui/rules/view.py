"""The allow and block lists tab: the table, Add…, Edit…, Remove and "Test a number…"; the
popups they open are gui/rules/popups.py's.

Everything goes through the console's session: the list comes from ListRules, read again
whenever a change made anywhere (here, the command line, another console) shows as
ConfigChanged, and soon after a call that a rule decided (its match count); every change is a
command (gui/rules/changes.py). Nothing waits on the GUI thread.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui import present
from gui.replies import for_widget
from gui.rules.changes import RuleChanges
from gui.rules.dialog import RuleDialog
from gui.rules.model import SORT_ROLE, Column, RulesModel
from gui.rules.popups import RulePopups
from gui.session import ConsoleSession
from screening.messages import Refusal
from screening.policy import Reason
from screening.rule_draft import RuleDraft, target_of
from screening.rules import Action, shown_target
from server.protocol.messages import (
    CallDecided,
    ConfigChanged,
    Done,
    Failed,
    ListRules,
    Refused,
    Result,
    RuleList,
    RuleView,
)

# Look again at least this often for rules whose end has come (a wall clock can jump).
EXPIRY_LOOK_MS = 60_000
# Calls decided by a rule within this long are one reading of the match counts.
MATCHES_MS = 500


def _table(model: QSortFilterProxyModel, parent: QWidget) -> QTableView:
    """Rows chosen whole, one at a time, sorted by a click on a column's title."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(Column.NOTE, QHeaderView.ResizeMode.Stretch)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    return table


class RulesView(QWidget):
    """`rules_changed` once a change made here shows in the list; `message` a short status
    text for the window's status bar; `listed` whenever the list is read anew."""

    rules_changed = Signal()
    message = Signal(str)
    listed = Signal()
    test_requested = Signal()  # "Test a number…": the window opens the explain box

    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._listing = False
        self._list_again = False
        self._changed: list[tuple[int | None, str]] = []  # shown once the next list is in
        self._editable = True
        self.changes = RuleChanges(session, self)
        self.changes.saved.connect(self._saved)
        self.changes.said.connect(self.message)
        self.changes.gone.connect(self.refresh)
        self.popups = RulePopups(self, self.changes, self.remove_rule)
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.refresh_if_expired)
        self._matched = QTimer(self)  # a call a rule decided: its match count went up
        self._matched.setSingleShot(True)
        self._matched.setInterval(MATCHES_MS)
        self._matched.timeout.connect(self.refresh)

        self.model = RulesModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setSortRole(SORT_ROLE)

        self.hint = QLabel(self.tr("No rules yet: every call follows the mode."), self)
        self.hint.hide()
        self.read_only = QLabel(self)  # why this desk may not change the lists
        self.read_only.setWordWrap(True)
        self.read_only.hide()
        self.table = _table(self._proxy, self)

        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        # No mnemonic: Alt+R rejects a waiting call on every tab (gui/waiting.py); Delete removes.
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.test_button = QPushButton(self.tr("&Test a number…"), self)
        self._connect()
        self._lay_out()
        self._update_buttons()

        session.config_changed.connect(self._config_changed)
        session.call_decided.connect(self._call_decided)
        session.attached.connect(self.refresh)  # after a lost link: changes may have been missed
        if session.snapshot is not None:
            self.refresh()

    def _connect(self) -> None:
        self.test_button.clicked.connect(self.test_requested)
        self.add_button.clicked.connect(lambda: self.popups.add())
        self.edit_button.clicked.connect(self.open_edit_dialog)
        self.remove_button.clicked.connect(self.confirm_remove)
        self.table.doubleClicked.connect(self.open_edit_dialog)
        remove_action = QAction(self.tr("Remove"), self.table)
        remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove_action.triggered.connect(self.confirm_remove)
        self.table.addAction(remove_action)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        buttons.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_only)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    # -- what the window uses -------------------------------------------------------------

    def add_rule(self, number: str, action: Action | str, note: str = "", *,
                 caller: str = "") -> None:
        """Put a number or a prefix (`0120*`) on a list in one step, as "Block this caller" and
        "Always let through" do: a target is on one list at a time, so a rule it has moves to
        this list. With no `note` it keeps the note it has, else gets `caller` (who called,
        for a rule made from a call: the application decides). The answer comes as `message`:
        what was listed, or why not (a refusal has the command line's reason)."""
        self.changes.put(self._shown(number), RuleDraft(number, Action(action), note or caller),
                         keep_note=not note)

    def set_editable(self, editable: bool, why: str = "") -> None:
        """Whether this desk may change the lists (an operator's may not: `why`)."""
        self._editable = editable
        self.read_only.setText(self.tr(
            "This desk is an operator: these lists are changed at an admin desk."))
        self.read_only.setVisible(not editable)
        self.add_button.setEnabled(editable)
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setToolTip("" if editable else why)
        self._update_buttons()

    def remove_rule(self, rule_id: int) -> None:
        """Remove a rule without asking (the confirmation asked already)."""
        row = self.model.row_of(rule_id)
        if row is not None:
            self.changes.remove(self.model.rule_at(row))

    def refresh_if_expired(self, now: datetime | None = None) -> None:
        """Mark the rules whose end has come as expired (greyed); time alone changes them."""
        self.model.expire(now or datetime.now(UTC))
        self._watch_expiry()

    def selected_rule(self) -> RuleView | None:
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

    @Slot()
    def refresh(self) -> None:
        """Ask for the rules again (once more after the answer, if asked meanwhile); the
        selected rule stays selected."""
        if self._listing:
            self._list_again = True
            return
        self._listing = True
        changed, self._changed = self._changed, []
        self._session.request(ListRules(), for_widget(
            self, lambda result: self._listed(result, changed)))

    def open_edit_dialog(self) -> RuleDialog | None:
        """The edit dialog for the selected rule; None if nothing is selected (or this desk
        may not change rules)."""
        rule = self.selected_rule()
        if rule is None or not self._editable:
            return None
        return self.popups.edit(rule)

    def confirm_remove(self) -> QMessageBox | None:
        """Ask before removing the selected rule; None if none is selected (or this desk may
        not change rules)."""
        rule = self.selected_rule()
        if rule is None or not self._editable:
            return None
        return self.popups.confirm_remove(rule)

    # -- the listener's answers --------------------------------------------------------------

    @Slot(object, str)
    def _saved(self, rule_id: int | None, text: str) -> None:
        """A change is saved: the list read anew shows it, then the window hears it."""
        self._changed.append((rule_id, text))
        self.refresh()

    def _listed(self, result: Result, changed: list[tuple[int | None, str]]) -> None:
        self._listing = False
        match result:
            case Done(value=RuleList(rules=rules)):
                self._show(rules)
            case Refused() | Failed():
                self.message.emit(present.not_done(result))
        for rule_id, text in changed:
            if rule_id is not None:
                self.select_rule(rule_id)
            self.rules_changed.emit()
            if text:
                self.message.emit(text)
        self.listed.emit()
        if self._list_again:
            self._list_again = False
            self.refresh()

    def _show(self, rules: list[RuleView]) -> None:
        selected = self.selected_rule()
        if self.model.set_rules(rules) and selected is not None and not self.selected_rule():
            self.select_rule(selected.id)
        self.refresh_if_expired()
        self.hint.setVisible(self.model.rowCount() == 0)
        self._update_buttons()

    def _watch_expiry(self) -> None:
        due = self.model.next_expiry()
        if due is None:
            self._expiry.stop()
            return
        left = (due - datetime.now(UTC)) / timedelta(milliseconds=1)
        self._expiry.start(int(min(max(left, 0) + 50, EXPIRY_LOOK_MS)))

    @staticmethod
    def _shown(number: str) -> str:
        """A number or prefix as typed, as people read it."""
        try:
            return shown_target(*target_of(number))
        except Refusal:
            return number  # the listener says why

    @Slot(object)
    def _config_changed(self, change: ConfigChanged) -> None:
        if change.rules:
            self.refresh()

    @Slot(object)
    def _call_decided(self, decided: CallDecided) -> None:
        """Times matched and last matched: read again soon, once for calls that come fast (a
        running timer is not restarted, so a stream of calls cannot postpone it)."""
        if decided.reason is Reason.RULE and not self._matched.isActive():
            self._matched.start()

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.selected_rule() is not None and self._editable
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
