"""The dialog for one rule: its target (a number, a prefix `0120*` or a name), list, note, end
and one-shot flag; and the question before one is removed. It checks nothing itself: Save hands
the rule as typed to the view, which asks the listener, whose one validation (the command
line's) saves it or says why not; the dialog stays open with the reason, and says "saving…"
while the database makes it wait."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, Qt, QTimeZone, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui import present
from gui.banner import ErrorLabel
from gui.rules.model import list_label, target_label
from screening.rule_draft import ExpiryKind, RuleDraft
from screening.rules import Action
from server.protocol.messages import RuleView


class ExpiryChoice(IntEnum):
    NEVER = 0
    FOR = 1
    UNTIL = 2


_KINDS = {ExpiryChoice.NEVER: ExpiryKind.NEVER, ExpiryChoice.FOR: ExpiryKind.FOR,
          ExpiryChoice.UNTIL: ExpiryKind.UNTIL}


@dataclass(frozen=True)
class Asked:
    """What Save asks for: the rule as typed, and whether the dialog touched its end and
    one-shot flag (an edit that did not keeps them as stored)."""

    draft: RuleDraft
    expiry_touched: bool = True


def default_until(now: datetime) -> datetime:
    """The end a new temporary rule proposes: this time tomorrow, on the office's next full
    hour."""
    ahead = present.office_time(now + timedelta(days=1))
    on_the_hour = ahead.replace(minute=0, second=0, microsecond=0)
    return on_the_hour + timedelta(hours=1) if on_the_hour < ahead else on_the_hour


class RuleDialog(QDialog):
    """`save_requested(Asked)` on Save; then the view calls saving(), refused() or saved()."""

    save_requested = Signal(object)

    def __init__(
        self,
        title: str,
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
        self.setWindowTitle(title)

        self.number_edit = QLineEdit(number, self)
        self.number_edit.setPlaceholderText(self.tr("e.g. 03-3000-1234 or 0120*"))
        self.name_box = QCheckBox(self.tr("A registered customer's &company or name"), self)
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
        # One place for what the expiry choice asks, as wide as the widest: the dialog keeps
        # its width whichever is chosen, and "never" shows nothing to fill in.
        self._expiry_value = QStackedWidget(self)
        for page in (QWidget(self), self.expiry_edit, self.until_edit):  # as ExpiryChoice
            self._expiry_value.addWidget(page)
        self.once_box = QCheckBox(self.tr("Next call only (the rule is used up by it)"), self)
        self.once_box.setChecked(once)
        self._initial = (int(expiry), expiry_text, self.until_edit.dateTime(), once)
        self.error_label = ErrorLabel(self)
        self.saving_label = QLabel(self)
        self.saving_label.hide()
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
        self._lay_out()
        self._kind_changed()
        self._update_fields()

    def _lay_out(self) -> None:
        lists = QHBoxLayout()
        lists.addWidget(self.block_button)
        lists.addWidget(self.allow_button)
        lists.addStretch()
        expiry_row = QHBoxLayout()
        expiry_row.addWidget(self.expiry_combo)
        expiry_row.addWidget(self._expiry_value, 1)
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
        layout.addWidget(self.saving_label)
        layout.addWidget(self.buttons)

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

    def asked(self) -> Asked:
        """The rule as the dialog holds it, as the command line and the protocol hand it over."""
        expiry = ExpiryChoice(self.expiry_combo.currentData())
        text = self.expiry_edit.text().strip() if expiry is ExpiryChoice.FOR else ""
        shown = self.until_edit.dateTime()
        once = self.once_box.isChecked() and self.action() is Action.ALLOW
        draft = RuleDraft(
            target=self.number_edit.text(), action=self.action(),
            note=self.note_edit.text().strip(), is_name=self.name_box.isChecked(),
            expiry=_KINDS[expiry], expiry_text=text,
            until=present.from_wall_clock(shown) if expiry is ExpiryChoice.UNTIL else None,
            once=once)
        touched = (int(expiry), self.expiry_edit.text().strip(), shown, once) != self._initial
        return Asked(draft, touched)

    def error(self) -> str:
        """Why the last save was refused, or '' (also '' once the number is edited again)."""
        return self.error_label.message()

    # -- what the view tells it ----------------------------------------------------------

    def saving(self) -> None:
        """The listener has not answered yet: the database is busy (another program)."""
        self.saving_label.setText(self.tr("Saving… (the database is busy)"))
        self.saving_label.show()

    def refused(self, why: str, field: str | None = None) -> None:
        """Not saved: the reason, and the field it names gets the focus."""
        self._waiting(False)
        self.error_label.show_error(why)
        until = ExpiryChoice(self.expiry_combo.currentData()) is ExpiryChoice.UNTIL
        edit = {"expiry": self.until_edit if until else self.expiry_edit,
                "once": self.once_box}.get(field or "", self.number_edit)
        edit.setFocus()
        if isinstance(edit, QLineEdit):
            edit.selectAll()

    def saved(self) -> None:
        self._waiting(False)
        super().accept()

    @Slot()
    def accept(self) -> None:
        """Save: ask the view; the dialog closes once the rule is saved."""
        if not self.save_button.isEnabled():
            return  # asked already; waiting for the answer
        self.error_label.clear_error()
        self._waiting(True)
        self.save_requested.emit(self.asked())

    def _waiting(self, waiting: bool) -> None:
        self.save_button.setEnabled(not waiting)
        if not waiting:
            self.saving_label.hide()

    @Slot()
    def _kind_changed(self) -> None:
        self.number_edit.setPlaceholderText(
            self.tr("e.g. エーアイ化粧品") if self.name_box.isChecked()
            else self.tr("e.g. 03-3000-1234 or 0120*"))

    @Slot()
    def _update_fields(self) -> None:
        self._expiry_value.setCurrentIndex(ExpiryChoice(self.expiry_combo.currentData()))
        self.once_box.setEnabled(self.action() is Action.ALLOW)


def removal_box(parent: QWidget, rule: RuleView) -> QMessageBox:
    """The question before a rule is removed (Cancel is the default); it deletes itself once
    answered."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("RulesView", "Remove rule"),
        QCoreApplication.translate("RulesView", "Remove the rule for %1 (%2)?")
        .replace("%1", target_label(rule)).replace("%2", list_label(rule.action)),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText(QCoreApplication.translate(
        "RulesView", "Calls it names will follow the mode again."))
    box.addButton(QCoreApplication.translate("RulesView", "Remove"),
                  QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
