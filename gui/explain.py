""""Test a number": the decision a call would get now (or at a given time), and every step that
led there, from the rules and settings as stored, as callgate explains it. It records nothing:
no history row, no match count, no one-shot rule used up."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import present
from gui.banner import ErrorLabel
from gui.changes import ask
from gui.session import ConsoleSession
from screening.instants import DEFAULT_TIME_ZONE, parse_instant
from screening.settings import Key
from server.protocol.messages import (
    CustomerView,
    Done,
    Explain,
    ExplanationView,
    Failed,
    Refused,
    Result,
)

DECISION_STYLES = {
    "accept": "color: #198754; font-weight: bold;",
    "reject": "color: #dc3545; font-weight: bold;",
    "ask": "color: #b8860b; font-weight: bold;",
}


def _tomorrow_morning() -> str:
    """An example of a time to type, as the console's language writes one (either way is
    taken): tomorrow at 09:30 on the office's clock."""
    day = present.office_now().date() + timedelta(days=1)
    form = "%Y/%m/%d 09:30" if present.moment_formats() is present.JAPANESE else "%Y-%m-%dT09:30"
    return day.strftime(form)


class ExplainDialog(QDialog):
    """Number, optional registered customer (company, name), optional time; Test shows the
    decision and its steps. Opened with open(); it stays open for another number."""

    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Test a number"))
        self.number_edit = QLineEdit(self)
        self.number_edit.setPlaceholderText(self.tr("e.g. 03-3000-1234 (empty: withheld)"))
        self.customer_box = QCheckBox(self.tr("A &registered customer"), self)
        self.company_edit = QLineEdit(self)
        self.company_edit.setPlaceholderText(self.tr("Company (optional)"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("Name (optional)"))
        self.at_edit = QLineEdit(self)
        self.at_edit.setPlaceholderText(self.tr("Now; or like %1 (office time)")
                                        .replace("%1", _tomorrow_morning()))
        self.test_button = QPushButton(self.tr("&Test"), self)
        self.test_button.setDefault(True)
        self.test_button.clicked.connect(self.run)
        self.decision_label = QLabel(self)
        self.decision_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = ErrorLabel(self)
        self.steps = QListWidget(self)
        self.steps.setWordWrap(True)
        note = QLabel(self.tr("Nothing is recorded: no history, no match counts."), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.customer_box.toggled.connect(self._update_fields)
        for edit in (self.number_edit, self.company_edit, self.name_edit, self.at_edit):
            edit.returnPressed.connect(self.run)

        form = QFormLayout()
        form.addRow(self.tr("&Number:"), self.number_edit)
        form.addRow("", self.customer_box)
        form.addRow(self.tr("&Company:"), self.company_edit)
        form.addRow(self.tr("Na&me:"), self.name_edit)
        form.addRow(self.tr("&At:"), self.at_edit)
        form.addRow("", self.test_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.decision_label)
        layout.addWidget(self.steps, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._update_fields()
        self.resize(560, 420)

    def decision(self) -> str:
        """`accept`, `reject` or `ask` from the last test; '' before one or after a refusal."""
        return str(self.decision_label.property("decision") or "")

    def step_texts(self) -> list[str]:
        return [self.steps.item(i).text() for i in range(self.steps.count())]

    @Slot()
    def run(self) -> None:
        """Explain the call as filled in; on a bad time show why and explain nothing."""
        self.error_label.hide()
        self.steps.clear()
        self.decision_label.clear()
        self.decision_label.setProperty("decision", "")
        customer = None
        if self.customer_box.isChecked():
            customer = CustomerView(org=self.company_edit.text().strip(),
                                    name=self.name_edit.text().strip())
        at = None
        if self.at_edit.text().strip():
            zone = self._session.settings.get(Key.TIME_ZONE, DEFAULT_TIME_ZONE)
            try:
                at = parse_instant(self.at_edit.text(), zone)
            except ValueError as error:
                self.error_label.show_error(present.refused(error))
                return
        self.test_button.setEnabled(False)
        ask(self._session, self, Explain(number=self.number_edit.text(), customer=customer,
                                         at=at), self._explained)

    def _explained(self, result: Result) -> None:
        self.test_button.setEnabled(True)
        if isinstance(result, Refused):
            self.error_label.show_error(present.words(result.reason))
            return
        if isinstance(result, Failed):
            self.error_label.show_error(present.words(result.message))
            return
        assert isinstance(result, Done) and isinstance(result.value, ExplanationView)
        found = result.value
        words = {"accept": self.tr("accept: the call rings through"),
                 "reject": self.tr("reject: commubo hangs up"),
                 "ask": self.tr("ask: a person decides")}
        self.decision_label.setText(self.tr("Decision: %1").replace("%1", words[found.decision]))
        self.decision_label.setStyleSheet(DECISION_STYLES[found.decision])
        self.decision_label.setProperty("decision", found.decision)
        self.steps.addItems([present.words(step) for step in found.steps])

    @Slot()
    def _update_fields(self) -> None:
        on = self.customer_box.isChecked()
        self.company_edit.setEnabled(on)
        self.name_edit.setEnabled(on)
