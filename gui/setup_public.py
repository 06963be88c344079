"""The setup's public side: the pages whose fields are settings, the public URL (typed, or
asked of the tunnel through callgate) and the self-test that posts a test call through it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWizardPage

from gui import present
from gui.address import selectable_label
from gui.changes import ask, saving_text
from screening.settings import Key
from screening.urls import public_webhook_url
from server.protocol.messages import (
    DetectPublicUrl,
    Done,
    Failed,
    PublicUrl,
    Refused,
    Result,
    RunSelfTest,
    SelfTestView,
)

if TYPE_CHECKING:
    from gui.setup import SetupWizard

QUICK_RETRY_MS = 2000
QUICK_RETRIES = 15
ERROR_STYLE = "color: #dc3545;"
# The kinds of self-test failure (server/selftest.py KINDS), in English as the command line
# names them.
FAILURE_KINDS = {
    "no-public-url": QT_TRANSLATE_NOOP("SelfTestPage", "no-public-url"),
    "dns": QT_TRANSLATE_NOOP("SelfTestPage", "dns"),
    "tls": QT_TRANSLATE_NOOP("SelfTestPage", "tls"),
    "timeout": QT_TRANSLATE_NOOP("SelfTestPage", "timeout"),
    "refused": QT_TRANSLATE_NOOP("SelfTestPage", "refused"),
    "wrong-token": QT_TRANSLATE_NOOP("SelfTestPage", "wrong-token"),
    "rejected": QT_TRANSLATE_NOOP("SelfTestPage", "rejected"),
    "http-error": QT_TRANSLATE_NOOP("SelfTestPage", "http-error"),
    "other-listener": QT_TRANSLATE_NOOP("SelfTestPage", "other-listener"),
    "error": QT_TRANSLATE_NOOP("SelfTestPage", "error"),
}
SUCCESS_STYLE = "color: #198754; font-weight: bold;"


def not_answered(result: Result) -> str | None:
    """Why a question got no answer, in words; None for an answer."""
    if isinstance(result, Refused):
        return present.words(result.reason)
    if isinstance(result, Failed):
        return present.words(result.message)
    return None


class SavingPage(QWizardPage):
    """A page whose fields are settings: Next saves what changed, then moves on once callgate
    took it; a value refused stays on the page with its reason."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._saved = False
        self._saving = False
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)

    def changes(self) -> dict[Key, str]:
        """The page's settings as filled in."""
        return {}

    def validatePage(self) -> bool:
        if self._saved:
            self._saved = False
            return True
        values = self._wizard.values()
        changed = {key: text for key, text in self.changes().items() if values.get(key) != text}
        if not changed:
            return True
        if not self._saving:
            self._saving = True
            self._wizard.store(changed, self._stored, self._refused,
                               lambda: self.error.setText(saving_text()))
        return False

    def _stored(self) -> None:
        self._saving = False
        self.error.clear()
        if self._wizard.currentPage() is self:  # not when the person went back meanwhile
            self._saved = True
            self._wizard.next()

    def _refused(self, words: str) -> None:
        self._saving = False
        self.error.setText(words)




class PublicUrlPage(SavingPage):
    """Type the public URL, or ask the chosen tunnel for it."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("The public URL"))
        self.text = selectable_label(self)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://callgate.example.com")
        self.detect_button = QPushButton(self.tr("Detect"), self)
        self.detect_button.clicked.connect(lambda: self.detect())
        row = QHBoxLayout()
        row.addWidget(self.url)
        row.addWidget(self.detect_button)
        self.status = selectable_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch()
        self._retries_left = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(QUICK_RETRY_MS)
        self._retry.timeout.connect(lambda: self.detect(retries_left=self._retries_left))

    def initializePage(self) -> None:
        values = self._wizard.values()
        kind = values[Key.TUNNEL]
        self.url.setText(values[Key.PUBLIC_URL])
        self.status.clear()
        self.error.clear()
        self.detect_button.setVisible(kind in ("ngrok", "cloudflared", "quick"))
        self.url.setEnabled(kind != "none")
        self.text.setText({
            "ngrok": self.tr("Click Detect to ask the ngrok agent for its public URL."),
            "cloudflared": self.tr("Click Detect to ask cloudflared for a quick tunnel's "
                                   "hostname; for a named tunnel, type its public URL."),
            "quick": self.tr("Click Detect to start the quick tunnel and read its URL."),
            "url": self.tr("Type the public URL (https://…) that forwards to this computer."),
            "none": self.tr("Nothing to do here: without a tunnel commubo cannot reach "
                            "callgate. Click Next."),
        }.get(kind, ""))

    def detect(self, retries_left: int = QUICK_RETRIES) -> None:
        """Ask the chosen tunnel for its public URL; a starting quick tunnel is asked again."""
        wizard = self._wizard
        values = wizard.values()
        kind = values[Key.TUNNEL]
        if kind == "quick" and not wizard.listener.listening:
            self._show_error(self.tr("A quick tunnel runs only while callgate listens."))
            return
        if kind == "cloudflared":
            values[Key.PUBLIC_URL] = self.url.text().strip()
        self._retries_left = retries_left if kind == "quick" else 0
        self.detect_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Asking the tunnel…"))
        ask(wizard.session, self, DetectPublicUrl(settings=values), self._detected)

    def _show_error(self, text: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(text)

    def _detected(self, result: Result) -> None:
        self.detect_button.setEnabled(True)
        why = not_answered(result)
        if why is not None or not isinstance(result, Done):
            self._show_error(why or "")
            return
        found = result.value
        assert isinstance(found, PublicUrl)
        reason = present.words(found.why) if found.why is not None else ""
        if found.no_tunnel:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("There is nothing to detect for this choice."))
        elif not found.public_base and self._retries_left > 0 and self.isVisible():
            self._retries_left -= 1
            self.status.setText(self.tr("Waiting for the quick tunnel: %1").replace("%1", reason))
            self._retry.start()
        elif found.public_base:
            self.url.setText(found.public_base)
            self.status.setStyleSheet(SUCCESS_STYLE if found.healthy else ERROR_STYLE)
            self.status.setText(
                self.tr("Found %1").replace("%1", found.public_base) if found.healthy
                else self.tr("Found %1, but the tunnel is not healthy: %2")
                .replace("%1", found.public_base).replace("%2", reason))
        else:
            self._show_error(self.tr("No public URL found: %1").replace("%1", reason))

    def changes(self) -> dict[Key, str]:
        return {Key.PUBLIC_URL: self.url.text().strip()}


class SelfTestPage(QWizardPage):
    """A test call through the public URL, received by this very listener."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Test it from the internet side"))
        text = selectable_label(self, self.tr(
            "callgate sends a test call to its public webhook URL and checks that it arrives "
            "here. Test calls never appear in the history."))
        self.url = QLineEdit(self)
        self.url.setReadOnly(True)
        self.run_button = QPushButton(self.tr("Run the self-test"), self)
        self.run_button.clicked.connect(self.run_self_test)
        self.result = selectable_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.url)
        layout.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addStretch()

    def initializePage(self) -> None:
        self.url.setText(self._wizard.public_webhook() or self.tr("(no public URL yet)"))
        self.result.clear()

    def run_self_test(self) -> None:
        self.run_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Sending a test call…"))
        ask(self._wizard.session, self, RunSelfTest(settings=self._wizard.values()),
            self._tested)

    def _tested(self, result: Result) -> None:
        self.run_button.setEnabled(True)
        why = not_answered(result)
        if why is not None or not isinstance(result, Done):
            self.result.setStyleSheet(ERROR_STYLE)
            self.result.setText(self.tr("The self-test could not run: %1").replace("%1", why or ""))
            return
        tested = result.value
        assert isinstance(tested, SelfTestView)
        self._wizard.last_test = tested
        if tested.reach.public_base and self._wizard.token:
            self.url.setText(public_webhook_url(tested.reach.public_base, self._wizard.token))
        self.result.setText(self.describe(tested))
        self.result.setStyleSheet(SUCCESS_STYLE if tested.ok else ERROR_STYLE)

    def describe(self, test: SelfTestView) -> str:
        if test.ok:
            return (self.tr("Success: commubo can reach callgate (round trip %1 ms).")
                    .replace("%1", f"{test.round_trip_ms:.0f}" if test.round_trip_ms is not None
                             else "?"))
        kind = FAILURE_KINDS.get(test.kind)
        named = QCoreApplication.translate("SelfTestPage", str(kind)) if kind else test.kind
        return present.fill(self.tr("Failed (%1): %2"), named, present.words(test.message))
