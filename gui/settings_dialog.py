"""Settings a person may change: the ask timeout and defaults, and where the listener binds."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from screening.policy import ASK_TIMEOUT_RANGE, Decision, WithheldHandling
from storage.settings import SettingsStore


class SettingsDialog(QDialog):
    """Opened with open(); Save validates through storage and stays open on a bad value."""

    def __init__(self, settings: SettingsStore, webhook_url: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("callgate settings"))
        self._settings = settings
        values = settings.all()
        low, high = ASK_TIMEOUT_RANGE
        self.ask_timeout = QSpinBox(self)
        self.ask_timeout.setRange(int(low), int(high))
        self.ask_timeout.setSuffix(self.tr(" s"))
        self.ask_timeout.setValue(round(float(values["ask-timeout"])))
        decisions: dict[str, str] = {
            Decision.ACCEPT: self.tr("Let through"),
            Decision.REJECT: self.tr("Reject"),
        }
        self.ask_default = self._combo(decisions, values["ask-default"])
        self.failsafe = self._combo(decisions, values["failsafe"])
        self.withheld = self._combo({
            WithheldHandling.MODE: self.tr("Follow the mode"),
            WithheldHandling.ACCEPT: self.tr("Let through"),
            WithheldHandling.REJECT: self.tr("Reject"),
            WithheldHandling.ASK: self.tr("Ask me"),
        }, values["withheld"])
        self.host = QLineEdit(values["host"], self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(int(values["port"]))
        self.url = QLineEdit(webhook_url, self)
        self.url.setReadOnly(True)
        copy = QPushButton(self.tr("Copy"), self)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.url.text()))
        url_row = QHBoxLayout()
        url_row.addWidget(self.url)
        url_row.addWidget(copy)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #dc3545;")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Time to decide when asked:"), self.ask_timeout)
        form.addRow(self.tr("When nobody decides in time:"), self.ask_default)
        form.addRow(self.tr("Withheld callers (非通知):"), self.withheld)
        form.addRow(self.tr("If callgate fails (fail-safe):"), self.failsafe)
        form.addRow(self.tr("Listen on address (on restart):"), self.host)
        form.addRow(self.tr("Listen on port (on restart):"), self.port)
        form.addRow(self.tr("Webhook URL for commubo:"), url_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _combo(self, choices: dict[str, str], current: str) -> QComboBox:
        combo = QComboBox(self)
        for value, label in choices.items():
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def save(self) -> None:
        """Store every field; on a bad value show why and keep the dialog open."""
        values = {
            "ask-timeout": str(self.ask_timeout.value()),
            "ask-default": self.ask_default.currentData(),
            "withheld": self.withheld.currentData(),
            "failsafe": self.failsafe.currentData(),
            "host": self.host.text(),
            "port": str(self.port.value()),
        }
        try:
            self._settings.set_many(values)
        except ValueError as error:
            self.error.setText(str(error))
            return
        self.accept()
