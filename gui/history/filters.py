"""The history's search and filters: the text (asked once typing pauses), the decision, the
reason, and the days (the office's days, from its midnight, whatever the machine's zone)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QTimer, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QWidget

from gui import present
from gui.history.columns import day_start_utc, office_today
from screening.policy import Decision, Reason
from server.protocol.messages import HistoryQuery

SEARCH_DELAY_MS = 300


class FilterBar(QWidget):
    """`changed` when what the filters ask for may have changed: at once for a choice, after
    a pause in typing (or Enter) for the search text."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(self.tr("Search number, name, kana or company"))
        self.search_field.setClearButtonEnabled(True)
        self.decision_combo = QComboBox(self)
        self.decision_combo.addItem(self.tr("Any decision"), None)
        for decision in Decision:
            self.decision_combo.addItem(present.decision_text(decision), decision.value)
        self.reason_combo = QComboBox(self)
        self.reason_combo.addItem(self.tr("Any reason"), None)
        for reason in Reason:
            self.reason_combo.addItem(present.reason_text(reason), reason.value)
        today = office_today()
        self.from_check = QCheckBox(self.tr("From"), self)
        self.from_date = self._date_edit(today.addDays(-7))
        self.to_check = QCheckBox(self.tr("To"), self)
        self.to_date = self._date_edit(today)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_field, 3)
        for widget in (self.decision_combo, self.reason_combo, self.from_check, self.from_date,
                       self.to_check, self.to_date):
            layout.addWidget(widget)

        self.search_field.textChanged.connect(self._search_timer.start)
        self.search_field.returnPressed.connect(self.now)
        self._search_timer.timeout.connect(self.now)
        self.decision_combo.currentIndexChanged.connect(self.now)
        self.reason_combo.currentIndexChanged.connect(self.now)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self.now)
            edit.dateChanged.connect(self._date_changed)

    def _date_edit(self, day: QDate) -> QDateEdit:
        edit = QDateEdit(day, self)
        formats = present.moment_formats()
        edit.setLocale(formats.locale)
        edit.setDisplayFormat(formats.date)
        edit.setCalendarPopup(True)
        edit.setEnabled(False)
        return edit

    def query(self) -> HistoryQuery:
        """The calls the search field, combos and dates describe."""
        decision, reason = self.decision_combo.currentData(), self.reason_combo.currentData()
        return HistoryQuery(
            text=self.search_field.text(),
            decision=Decision(decision) if decision else None,
            reason=Reason(reason) if reason else None,
            received_from=day_start_utc(self.from_date.date())
            if self.from_check.isChecked() else None,
            received_to=day_start_utc(self.to_date.date().addDays(1))
            if self.to_check.isChecked() else None,
        )

    @Slot()
    def now(self) -> None:
        """Ask with what the filters say now (a pending pause in typing is over)."""
        self._search_timer.stop()
        self.changed.emit()

    @Slot()
    def _date_changed(self) -> None:
        if self.from_check.isChecked() or self.to_check.isChecked():
            self.now()
