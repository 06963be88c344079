"""The history's detail pane: everything about the call chosen, and the body commubo sent.

The fields come from the row the list already has, at once; the body (which rows do not
carry: it can be large) is asked for (HistoryDetail) and shown when it comes, if the same call
is still chosen. "Block this caller" and "Always let through" ask the window for a rule on
the caller's number, noted with who called.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import present
from gui.history.columns import pretty_payload
from gui.replies import for_widget
from gui.session import ConsoleSession
from screening.rules import Action
from server.protocol.messages import (
    Done,
    Failed,
    HistoryDetail,
    HistoryRecord,
    HistoryRow,
    Refused,
    Result,
)


class DetailPane(QWidget):
    """`rule_requested(number, action, note)`: a rule for the shown caller's canonical number
    (action "block" or "allow"), noted with who called."""

    rule_requested = Signal(str, str, str)

    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._row: HistoryRow | None = None
        self.fields: dict[str, QLabel] = {}
        self.payload_view = QPlainTextEdit(self)
        self.payload_view.setReadOnly(True)
        # JSON as sent, one line a line: wrapping cut values (a URL, a note) in two.
        self.payload_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.payload_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.payload_view.setPlaceholderText(self.tr("Select a call to see what commubo sent"))
        self.block_button = QPushButton(self.tr("Block this caller"), self)
        self.allow_button = QPushButton(self.tr("Always let through"), self)
        self.block_button.clicked.connect(lambda: self._request_rule(Action.BLOCK))
        self.allow_button.clicked.connect(lambda: self._request_rule(Action.ALLOW))

        form = QFormLayout()
        for key, title in (
            ("received", self.tr("Received")),
            ("number", self.tr("Number")),
            ("customer", self.tr("Customer")),
            ("company", self.tr("Company")),
            ("operator", self.tr("Operator")),
            ("decision", self.tr("Decision")),
            ("reason", self.tr("Reason")),
            ("latency", self.tr("Latency")),
            ("call_id", self.tr("Call ID")),
        ):
            label = QLabel(self)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.fields[key] = label
            form.addRow(title, label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.block_button)
        buttons.addWidget(self.allow_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Payload"), self))
        layout.addWidget(self.payload_view, 1)
        self.show_call(None)

    def show_call(self, row: HistoryRow | None) -> None:
        """The chosen call (None: nothing chosen)."""
        if row is not None and self._row is not None and row.id == self._row.id:
            return
        self._row = row
        self.block_button.setEnabled(row is not None and bool(row.caller))
        self.allow_button.setEnabled(row is not None and bool(row.caller))
        self.payload_view.clear()
        values = self._values(row) if row is not None else {}
        for key, label in self.fields.items():
            label.setText(values.get(key, ""))
        if row is not None:
            self._session.request(HistoryDetail(row_id=row.id), for_widget(
                self, lambda result: self._detail(row.id, result)))

    def _detail(self, row_id: int, result: Result) -> None:
        if self._row is None or self._row.id != row_id:
            return  # another call is chosen now
        match result:
            case Done(value=HistoryRecord(raw_body=body)):
                self.payload_view.setPlainText(pretty_payload(body))
            case Refused() | Failed():
                self.payload_view.setPlainText(present.not_done(result))

    def _values(self, row: HistoryRow) -> dict[str, str]:
        number = present.number_text(row.caller, row.phone_number)
        if row.phone_number and number != row.phone_number:
            number = present.fill(self.tr("%1 (sent as %2)"), number, row.phone_number)
        name = row.customer_name or self.tr("Unknown caller")
        if row.customer_kana:
            name = present.fill(self.tr("%1 (%2)"), name, row.customer_kana)
        company = row.customer_org
        if company and row.customer_org_kana:
            company = present.fill(self.tr("%1 (%2)"), company, row.customer_org_kana)
        reason = present.reason_text(row.reason, row.decided_by)
        if row.detail:
            reason = present.fill(self.tr("%1: %2"), reason, present.detail_text(row.detail))
        call_id = row.call_id
        if row.repeats:
            call_id = present.fill(self.tr("%1  (posted %n more time(s))", "", row.repeats),
                                   call_id)
        return {
            "received": present.moment_text(row.received_at, present.Style.LONG),
            "number": number,
            "customer": name,
            "company": company,
            "operator": row.operator_name,
            "decision": present.decision_text(row.decision),
            "reason": reason,
            "latency": "" if row.latency_ms is None else self.tr("%1 ms").replace(
                "%1", QLocale().toString(float(row.latency_ms), "f", 1)),
            "call_id": call_id,
        }

    def _request_rule(self, action: Action) -> None:
        row = self._row
        if row is not None and row.caller:
            self.rule_requested.emit(row.caller, action.value,
                                     present.rule_note(row.customer_name, row.customer_org))
