"""The first-run setup: from the local webhook to a public URL that commubo's dashboard can use.

Every page can be skipped and nothing here is needed to take calls on this computer; the setup
only helps an office make callgate reachable from the internet and prove that it is. Its
questions go to callgate through the session (the tunnel's address, the self-test): the
listener's side asks the tunnel, from the listener's machine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from gui import language
from gui.address import (
    ListeningPort,
    local_webhook_url,
    offered_tunnel_kinds,
    quick_tunnel_warning,
    selectable_label,
    tunnel_kind_label,
    url_field,
)
from gui.changes import Changes, ask
from gui.computer import ThisComputer
from gui.session import ConsoleSession
from gui.setup_public import PublicUrlPage, SavingPage, SelfTestPage
from screening.settings import Key
from screening.urls import public_webhook_url
from server.protocol.messages import (
    ConfigChanged,
    Done,
    GetToken,
    ListenerState,
    Result,
    SaveSettings,
    SelfTestView,
    SettingsValues,
    TokenView,
)

DASHBOARD_PATH = "AIオペレータ管理 → 会話シナリオ → 着信応答コールの通知"


class SetupWizard(QWizard):
    """Opened with open(); Cancel is "Skip setup" and skips the rest at any page."""

    def __init__(self, session: ConsoleSession, changes: Changes, listener: ListenerState,
                 computer: ThisComputer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.computer = computer
        self.setWindowTitle(self.tr("Set up reachability"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Skip setup"))
        self.session = session
        self._changes = changes
        self.listener = listener
        self.local_base = listener.local_base
        self.listening = ListeningPort.of(listener)
        self._values = dict(session.settings)
        self.token = ""
        self.last_test: SelfTestView | None = None
        session.config_changed.connect(self._config_changed)
        self.port_page = PortPage(self)
        self.local_page = LocalUrlPage(self)
        self.exposure_page = ExposurePage(self)
        self.public_page = PublicUrlPage(self)
        self.test_page = SelfTestPage(self)
        self.commubo_page = CommuboPage(self)
        for page in (self.port_page, self.local_page, self.exposure_page, self.public_page,
                     self.test_page, self.commubo_page):
            self.addPage(page)
        ask(session, self, GetToken(), self._token_read)

    def values(self) -> dict[str, str]:
        """The settings as callgate last said."""
        return dict(self._values)

    def _config_changed(self, changed: ConfigChanged) -> None:
        if changed.settings is not None:
            self._values = dict(changed.settings)

    def _token_read(self, result: Result) -> None:
        if isinstance(result, Done) and isinstance(result.value, TokenView):
            self.token = result.value.token
            page = self.currentPage()
            if isinstance(page, (LocalUrlPage, CommuboPage)):
                page.initializePage()

    def store(self, changes: Mapping[Key, str], saved: Callable[[], None],
              refused: Callable[[str], None], saving: Callable[[], None]) -> None:
        """Save settings; `refused` gets the reason for people (nothing is saved then), or ''
        when the database did not take them (the "Not saved" box says why)."""
        def stored(values: SettingsValues) -> None:
            self._values = dict(values.values)
            saved()

        self._changes.send(self, SaveSettings(changes={str(k): v for k, v in changes.items()}),
                           saved=stored, refused=lambda words, _: refused(words),
                           failed=lambda: refused(""), saving=saving)

    def public_webhook(self) -> str | None:
        """The URL to paste into commubo: the self-test's, else from the stored public URL."""
        if not self.token:
            return None
        base = self.last_test.reach.public_base if self.last_test is not None else None
        base = base or self._values.get(Key.PUBLIC_URL, "")
        return public_webhook_url(base, self.token) if base else None


class PortPage(SavingPage):
    """Where callgate listens, its language, and how it starts on this computer: at login
    (ticked, since commubo rejects calls while callgate is not running) and from the
    applications menu, both done when the person goes on to the next page."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Where callgate listens"))
        text = selectable_label(self, self.tr(
            "callgate takes commubo's calls on this computer, on port %1. Keep it unless "
            "another program needs that port; a new port applies when callgate restarts. "
            "You can skip this setup at any page: calls on this computer work without it.")
            .replace("%1", str(wizard.listener.port)))
        setting = wizard.values()[Key.PORT]
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(int(setting))
        listening = wizard.listening
        self.listening = selectable_label(self, listening.text(setting) if listening else "")
        self.listening.setVisible(listening is not None)
        self.language = language.choice(self, wizard.values()[Key.LANGUAGE])
        self.start_at_login = QCheckBox(self.tr(
            "Start callgate when I log in to this computer (while callgate is not running, "
            "commubo rejects every call)"), self)
        self.start_at_login.setChecked(True)
        self.menu_entry = QCheckBox(self.tr("Add callgate to the applications menu"), self)
        self.menu_entry.setChecked(True)
        self.menu_entry.setVisible(wizard.computer.has_menu_entry)
        form = QFormLayout()
        form.addRow(self.tr("Port (on restart):"), self.port)
        form.addRow(language.field_label(), self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.listening)
        layout.addWidget(self.start_at_login)
        layout.addWidget(self.menu_entry)
        layout.addWidget(self.error)

    def changes(self) -> dict[Key, str]:
        return {Key.PORT: str(self.port.value()), Key.LANGUAGE: self.language.currentData()}

    def validatePage(self) -> bool:
        moving_on = super().validatePage()
        if moving_on:
            computer = self._wizard.computer
            computer.change(start=self.start_at_login.isChecked(),
                            menu=self.menu_entry.isChecked() if computer.has_menu_entry else None)
        return moving_on


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
        token = self._wizard.token
        self.url.setText(local_webhook_url(self._wizard.local_base, token) if token else "")


class ExposurePage(SavingPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("How commubo reaches this computer"))
        values = wizard.values()
        self.choices = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(selectable_label(self, self.tr(
            "callgate does not install tunnel programs; it works with the one your office "
            "runs. Choose it:")))
        for kind in offered_tunnel_kinds(values[Key.TUNNEL], wizard.listener.cloudflared):
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
        self.warning = selectable_label(self, quick_tunnel_warning())
        self.warning.setStyleSheet("background: #ffc107; color: black; padding: 6px;")
        layout.addWidget(self.warning)
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
        port = str(self._wizard.listener.port)
        how = {
            "ngrok": self.tr("Run on this computer: ngrok http %1").replace("%1", port),
            "cloudflared": self.tr(
                "Run cloudflared with --metrics at the address above; for a named tunnel, "
                "type its public hostname on the next page."),
            "quick": self.tr("callgate starts cloudflared for you while it runs."),
            "url": self.tr("Type the public URL on the next page; it must forward to port %1 "
                           "of this computer.").replace("%1", port),
            "none": self.tr("callgate takes calls only from this computer (for trying it "
                            "out)."),
        }[kind]
        self.how.setText(how)

    def changes(self) -> dict[Key, str]:
        kind = self.kind()
        values = {Key.TUNNEL: kind}
        if kind == "ngrok":
            values[Key.NGROK_API] = self.ngrok_api.text()
        if kind == "cloudflared":
            values[Key.CLOUDFLARED_METRICS] = self.cloudflared_metrics.text()
        return values


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
        token = self._wizard.token
        self.url.setText(local_webhook_url(self._wizard.local_base, token) if token else "")
        self.note.setText(self.tr(
            "There is no public URL yet: this local URL only works on this computer. Run "
            "this setup again (menu callgate → Set up reachability…) once a tunnel runs."))
