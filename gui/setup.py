"""The first-run setup: from the local webhook to a public URL that commubo's dashboard can use.

Every page can be skipped and nothing here is needed to take calls on this computer; the setup
only helps an office make callgate reachable from the internet and prove that it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from application import Office
from gui import present
from gui.reach import BackgroundTask, ReachabilityMonitor
from screening.settings import Key
from screening.urls import WEBHOOK_PREFIX, public_webhook_url
from server.selftest import Reachability, SelfTestResult, check_reachability
from server.tunnels import QUICK_TUNNEL_WARNING, QuickTunnel, TunnelStatus, tunnel_from_settings

DETECT_TIMEOUT = 5.0
QUICK_RETRY_MS = 2000
QUICK_RETRIES = 15
ERROR_STYLE = "color: #dc3545;"
SUCCESS_STYLE = "color: #198754; font-weight: bold;"

TUNNEL_KINDS = {
    "ngrok": QT_TRANSLATE_NOOP("Tunnels", "ngrok (the ngrok agent runs on this computer)"),
    "quick": QT_TRANSLATE_NOOP("Tunnels", "Cloudflare quick tunnel, started by callgate "
                                          "(for trying things out)"),
    "cloudflared": QT_TRANSLATE_NOOP("Tunnels", "Cloudflare Tunnel (cloudflared runs on this "
                                                "computer with a metrics address)"),
    "url": QT_TRANSLATE_NOOP("Tunnels", "A named tunnel or another public URL I type "
                                        "(Tailscale Funnel, a reverse proxy…)"),
    "none": QT_TRANSLATE_NOOP("Tunnels", "Only this computer (commubo cannot reach it)"),
}
DASHBOARD_PATH = "AIオペレータ管理 → 会話シナリオ → 着信応答コールの通知"


@dataclass(frozen=True)
class ListeningPort:
    """The port the listener took, beside the port setting when callgate started: they differ
    for a run started with --port or CALLGATE_PORT, which the setting does not show."""

    port: int
    setting_at_start: str

    def text(self, setting: str) -> str:
        """The port callgate listens on now and, when it is not `setting` (the port setting as
        stored now), why."""
        port = str(self.port)
        if port == setting:
            return QCoreApplication.translate("Setup", "callgate listens on port %1 now."
                                              ).replace("%1", port)
        if port != self.setting_at_start:
            return QCoreApplication.translate(
                "Setup", "callgate listens on port %1 now: set by --port or CALLGATE_PORT for "
                "this run. The port setting (%2) applies when callgate starts without them."
            ).replace("%1", port).replace("%2", setting)
        return QCoreApplication.translate(
            "Setup", "callgate listens on port %1 until it restarts, then on port %2."
        ).replace("%1", port).replace("%2", setting)


def tunnel_kind_label(kind: str) -> str:
    return QCoreApplication.translate("Tunnels", str(TUNNEL_KINDS[kind]))


def offered_tunnel_kinds(current: str) -> list[str]:
    """Every kind, but the quick tunnel only when cloudflared is on the PATH (or already set)."""
    return [kind for kind in TUNNEL_KINDS
            if kind != "quick" or kind == current or QuickTunnel.available()]


def local_webhook_url(local_base: str, token: str) -> str:
    return f"{local_base}{WEBHOOK_PREFIX}{token}"


def copy_button(parent: QWidget, text: Callable[[], str]) -> QPushButton:
    button = QPushButton(QCoreApplication.translate("Setup", "Copy"), parent)
    button.clicked.connect(lambda: QGuiApplication.clipboard().setText(text()))
    return button


def url_field(parent: QWidget) -> tuple[QLineEdit, QPushButton, QHBoxLayout]:
    """A read-only URL with a Copy button beside it, and the row that holds them."""
    url = QLineEdit(parent)
    url.setReadOnly(True)
    copy = copy_button(parent, url.text)
    row = QHBoxLayout()
    row.addWidget(url)
    row.addWidget(copy)
    return url, copy, row


def selectable_label(parent: QWidget, text: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SetupWizard(QWizard):
    """Opened with open(); Cancel is "Skip setup" and skips the rest at any page."""

    def __init__(self, office: Office, db_path: Path, local_port: int,
                 local_base: str, parent: QWidget | None = None, *,
                 monitor: ReachabilityMonitor | None = None,
                 listening: ListeningPort | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up reachability"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Skip setup"))
        self.office = office
        self.db_path = db_path
        self.local_port = local_port
        self.local_base = local_base
        self.listening = listening
        self.monitor = monitor
        self.last_test: Reachability | None = None
        self.port_page = PortPage(self)
        self.local_page = LocalUrlPage(self)
        self.exposure_page = ExposurePage(self)
        self.public_page = PublicUrlPage(self)
        self.test_page = SelfTestPage(self)
        self.commubo_page = CommuboPage(self)
        for page in (self.port_page, self.local_page, self.exposure_page, self.public_page,
                     self.test_page, self.commubo_page):
            self.addPage(page)

    def values(self) -> dict[str, str]:
        return self.office.settings.values()

    def check_values(self) -> dict[str, str]:
        """The settings a check reads (the monitor runs a chosen quick tunnel)."""
        return self.monitor.check_settings() if self.monitor is not None else self.values()

    def token(self) -> str:
        return self.office.webhook.token()

    def store(self, values: Mapping[Key, str]) -> str | None:
        """Save settings; the reason for people when one is not valid (then nothing is saved)."""
        try:
            self.office.settings.save(values)
        except ValueError as error:
            return present.refused(error)
        return None

    def quick_problem(self) -> str:
        problem = self.monitor.quick_problem if self.monitor is not None else None
        return f" ({problem})" if problem else ""

    def public_webhook(self) -> str | None:
        """The URL to paste into commubo: the self-test's, else from the stored public URL."""
        if self.last_test is not None and self.last_test.public_webhook_url:
            return self.last_test.public_webhook_url
        base = self.values().get(Key.PUBLIC_URL, "")
        return public_webhook_url(base, self.token()) if base else None

    def stop(self) -> None:
        """Stop any detection or self-test in flight (the window is closing)."""
        for task in self.findChildren(BackgroundTask):
            task.stop()


class PortPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Where callgate listens"))
        text = selectable_label(self, self.tr(
            "callgate takes commubo's calls on this computer, on port %1. Keep it unless "
            "another program needs that port; a new port applies when callgate restarts. "
            "You can skip this setup at any page: calls on this computer work without it.")
            .replace("%1", str(wizard.local_port)))
        setting = wizard.values()[Key.PORT]
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(int(setting))
        listening = wizard.listening
        self.listening = selectable_label(self, listening.text(setting) if listening else "")
        self.listening.setVisible(listening is not None)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("Port (on restart):"), self.port)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.listening)
        layout.addWidget(self.error)

    def validatePage(self) -> bool:
        if str(self.port.value()) == self._wizard.values()[Key.PORT]:
            return True
        problem = self._wizard.store({Key.PORT: str(self.port.value())})
        self.error.setText(problem or "")
        return problem is None


class LocalUrlPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("The local webhook URL"))
        text = selectable_label(self, self.tr(
            "This is where callgate takes calls. It works on this computer only: commubo "
            "calls from the internet, so it needs a public address that forwards here (a "
            "tunnel). The next pages set that up."))
        self.url, _, row = url_field(self)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)

    def initializePage(self) -> None:
        self.url.setText(local_webhook_url(self._wizard.local_base, self._wizard.token()))


class ExposurePage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("How commubo reaches this computer"))
        values = wizard.values()
        self.choices = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(selectable_label(self, self.tr(
            "callgate does not install tunnel programs; it works with the one your office "
            "runs. Choose it:")))
        for kind in offered_tunnel_kinds(values[Key.TUNNEL]):
            button = QRadioButton(tunnel_kind_label(kind), self)
            self.choices.addButton(button)
            self.buttons[kind] = button
            layout.addWidget(button)
        self.buttons.get(values[Key.TUNNEL], self.buttons["none"]).setChecked(True)
        self.ngrok_api = QLineEdit(values[Key.NGROK_API], self)
        self.cloudflared_metrics = QLineEdit(values[Key.CLOUDFLARED_METRICS], self)
        self.cloudflared_metrics.setPlaceholderText("127.0.0.1:20241")
        self.form = QFormLayout()
        self.form.addRow(self.tr("ngrok agent API address:"), self.ngrok_api)
        self.form.addRow(self.tr("cloudflared metrics address:"), self.cloudflared_metrics)
        layout.addLayout(self.form)
        self.how = selectable_label(self)
        layout.addWidget(self.how)
        self.warning = selectable_label(
            self, QCoreApplication.translate("Tunnels", QUICK_TUNNEL_WARNING))
        self.warning.setStyleSheet("background: #ffc107; color: black; padding: 6px;")
        layout.addWidget(self.warning)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addStretch()
        self.choices.buttonToggled.connect(lambda *_: self._show_choice())
        self._show_choice()

    def kind(self) -> str:
        for kind, button in self.buttons.items():
            if button.isChecked():
                return kind
        return "none"

    def choose(self, kind: str) -> None:
        self.buttons[kind].setChecked(True)

    def _show_choice(self) -> None:
        kind = self.kind()
        self.form.setRowVisible(self.ngrok_api, kind == "ngrok")
        self.form.setRowVisible(self.cloudflared_metrics, kind == "cloudflared")
        self.warning.setVisible(kind == "quick")
        port = str(self._wizard.local_port)
        how = {
            "ngrok": self.tr("Run on this computer: ngrok http %1").replace("%1", port),
            "cloudflared": self.tr(
                "Run cloudflared with --metrics at the address above; for a named tunnel, "
                "type its public hostname on the next page."),
            "quick": self.tr("callgate starts cloudflared for you while it runs."),
            "url": self.tr("Type the public URL on the next page; it must forward to port %1 "
                           "of this computer.").replace("%1", port),
            "none": self.tr("callgate takes calls only from this computer (for trying it "
                            "out with `python main.py simulate`)."),
        }[kind]
        self.how.setText(how)

    def validatePage(self) -> bool:
        kind = self.kind()
        values = {Key.TUNNEL: kind}
        if kind == "ngrok":
            values[Key.NGROK_API] = self.ngrok_api.text()
        if kind == "cloudflared":
            values[Key.CLOUDFLARED_METRICS] = self.cloudflared_metrics.text()
        problem = self._wizard.store(values)
        self.error.setText(problem or "")
        return problem is None


class PublicUrlPage(QWizardPage):
    """Type the public URL, or ask the chosen tunnel for it."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
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
        layout.addStretch()
        self._task = BackgroundTask(self)
        self._task.finished.connect(self._detected)
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
        kind = wizard.values()[Key.TUNNEL]
        if kind == "quick" and wizard.monitor is None:
            self._show_error(self.tr("A quick tunnel runs only while callgate listens."))
            return
        values = wizard.check_values()
        if kind == "cloudflared":
            values[Key.PUBLIC_URL] = self.url.text().strip()
        self._retries_left = retries_left if kind == "quick" else 0
        try:
            tunnel = tunnel_from_settings(values, wizard.local_port)
        except ValueError as error:
            self._show_error(present.refused(error))
            return
        if tunnel is None:
            self.status.setText(self.tr("There is nothing to detect for this choice."))
            return

        async def ask() -> TunnelStatus:
            timeout = aiohttp.ClientTimeout(total=DETECT_TIMEOUT)
            async with aiohttp.ClientSession(timeout=timeout) as session:
                return await tunnel.status(session)

        if self._task.start(ask):
            self.detect_button.setEnabled(False)
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Asking the tunnel…"))

    def _show_error(self, text: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(text)

    @Slot(object)
    def _detected(self, outcome: object) -> None:
        self.detect_button.setEnabled(True)
        if (isinstance(outcome, TunnelStatus) and not outcome.public_url
                and self._retries_left > 0 and self.isVisible()):
            self._retries_left -= 1
            self.status.setText(self.tr("Waiting for the quick tunnel: %1")
                                .replace("%1", outcome.why))
            self._retry.start()
            return
        if isinstance(outcome, TunnelStatus) and outcome.public_url:
            self.url.setText(outcome.public_url)
            self.status.setStyleSheet(SUCCESS_STYLE if outcome.healthy else ERROR_STYLE)
            self.status.setText(
                self.tr("Found %1").replace("%1", outcome.public_url) if outcome.healthy
                else self.tr("Found %1, but the tunnel is not healthy: %2")
                .replace("%1", outcome.public_url).replace("%2", outcome.why))
            return
        why = outcome.why if isinstance(outcome, TunnelStatus) else str(outcome)
        self._show_error(self.tr("No public URL found: %1").replace("%1", why)
                         + self._wizard.quick_problem())

    def validatePage(self) -> bool:
        problem = self._wizard.store({Key.PUBLIC_URL: self.url.text().strip()})
        self.status.setStyleSheet(ERROR_STYLE)
        if problem is not None:
            self.status.setText(problem)
        return problem is None


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
        self._task = BackgroundTask(self)
        self._task.finished.connect(self._tested)

    def initializePage(self) -> None:
        self.url.setText(self._wizard.public_webhook() or self.tr("(no public URL yet)"))
        self.result.clear()

    def run_self_test(self) -> None:
        wizard = self._wizard
        values, token = wizard.check_values(), wizard.token()
        db_path, port = wizard.db_path, wizard.local_port

        async def test() -> Reachability:
            return await check_reachability(db_path, values, port, token, run_self_test=True)

        if self._task.start(test):
            self.run_button.setEnabled(False)
            self.result.setStyleSheet("")
            self.result.setText(self.tr("Sending a test call…"))

    @Slot(object)
    def _tested(self, outcome: object) -> None:
        self.run_button.setEnabled(True)
        if not isinstance(outcome, Reachability):
            self.result.setStyleSheet(ERROR_STYLE)
            self.result.setText(self.tr("The self-test could not run: %1")
                                .replace("%1", str(outcome)))
            return
        self._wizard.last_test = outcome
        if outcome.public_webhook_url:
            self.url.setText(outcome.public_webhook_url)
        self.result.setText(self.describe(outcome.self_test, outcome))
        ok = outcome.self_test is not None and outcome.self_test.ok
        self.result.setStyleSheet(SUCCESS_STYLE if ok else ERROR_STYLE)

    def describe(self, test: SelfTestResult | None, reach: Reachability) -> str:
        if test is None:
            return self.tr("Not tested: %1").replace("%1", reach.summary())
        if test.ok:
            return (self.tr("Success: commubo can reach callgate (round trip %1 ms).")
                    .replace("%1", f"{test.round_trip_ms:.0f}" if test.round_trip_ms is not None
                             else "?"))
        return self.tr("Failed (%1): %2").replace("%1", test.kind).replace("%2", test.message)


class CommuboPage(QWizardPage):
    """The public webhook URL, one click to copy, and where it goes in commubo's dashboard."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Tell commubo"))
        self.url, self.copy, row = url_field(self)
        self.note = selectable_label(self)
        where = selectable_label(self, self.tr(
            "In commubo's dashboard open %1, choose the scenario that answers your calls, "
            "paste this URL as the callback URL, and save.").replace("%1", DASHBOARD_PATH))
        warning = selectable_label(self, self.tr(
            "While callgate or the tunnel is down, commubo rejects every call. Before planned "
            "downtime, remove the callback URL in the dashboard."))
        warning.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(where)
        layout.addWidget(warning)
        layout.addStretch()

    def initializePage(self) -> None:
        public = self._wizard.public_webhook()
        if public is not None:
            self.url.setText(public)
            self.note.setText("")
            return
        self.url.setText(local_webhook_url(self._wizard.local_base, self._wizard.token()))
        self.note.setText(self.tr(
            "There is no public URL yet: this local URL only works on this computer. Run "
            "this setup again (menu callgate → Set up reachability…) once a tunnel runs."))
