"""Settings a person may change: the ask timeout and defaults, where the listener binds, how
commubo reaches it, and the webhook token. Read from the session, saved all at once through
it; a value refused comes back with its reason and the dialog stays open. This computer's own
(the ring, starting at login, the menu entry; gui/computer_settings.py) are kept on this desk once
the office's are saved."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui import language, present
from gui.address import (
    ListeningPort,
    local_webhook_url,
    offered_tunnel_kinds,
    tunnel_kind_label,
    url_field,
)
from gui.changes import Changes, ask, saving_text
from gui.computer import ThisComputer
from gui.computer_settings import ComputerSection
from gui.ring import Ringer
from gui.session import ConsoleSession
from gui.tall_dialog import fit_on_screen, keep_frame_on_screen, scrolling, whole_size
from screening.policy import (
    ASK_TIMEOUT_RANGE,
    REPEAT_MINUTES_RANGE,
    CallerPreset,
    Decision,
    PayphoneHandling,
    WithheldHandling,
)
from screening.setting_values import TunnelKind
from screening.settings import Key, OfficeSettings
from screening.urls import public_webhook_url
from server.protocol.messages import (
    Done,
    Failed,
    GetToken,
    ListenerState,
    Result,
    RotateToken,
    SaveSettings,
    TokenView,
)

CUSTOM_PRESET = "custom"  # customers and unknown callers set otherwise (command line)


class SettingsDialog(QDialog):
    """Opened with open(); Save sends every field at once and stays open, with the reason, on
    a value refused.

    A token rotation takes effect at once (it needs no Save) and `token_rotated` says so.
    `public_base` is the public URL a tunnel reported, when there is one; `listener` where
    callgate listens (its port beside the port setting).
    """

    token_rotated = Signal(str)
    language_changed = Signal()  # saved; it applies when callgate restarts

    def __init__(self, session: ConsoleSession, changes: Changes, listener: ListenerState,
                 computer: ThisComputer, ringer: Ringer, parent: QWidget | None = None, *,
                 public_base: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("callgate settings"))
        self._session = session
        self._changes = changes
        self._local_base = listener.local_base
        self._public_base = public_base
        values = dict(session.settings)
        listening = ListeningPort.of(listener)
        low, high = ASK_TIMEOUT_RANGE
        self.ask_timeout = QSpinBox(self)
        self.ask_timeout.setRange(int(low), int(high))
        self.ask_timeout.setSuffix(self.tr(" s"))
        self.ask_timeout.setValue(round(float(values[Key.ASK_TIMEOUT])))
        decisions: dict[str, str] = {
            Decision.ACCEPT: self.tr("Let through"),
            Decision.REJECT: self.tr("Reject"),
        }
        self.ask_default = self._combo(decisions, values[Key.ASK_DEFAULT])
        self.failsafe = self._combo(decisions, values[Key.FAILSAFE])
        self.withheld = self._combo({
            WithheldHandling.MODE: self.tr("Follow the mode"),
            WithheldHandling.ACCEPT: self.tr("Let through"),
            WithheldHandling.REJECT: self.tr("Reject"),
            WithheldHandling.ASK: self.tr("Ask me"),
        }, values[Key.WITHHELD])
        self.payphone = self._combo({
            PayphoneHandling.AS_WITHHELD: self.tr("As withheld callers"),
            PayphoneHandling.MODE: self.tr("Follow the mode"),
            PayphoneHandling.ACCEPT: self.tr("Let through"),
            PayphoneHandling.REJECT: self.tr("Reject"),
            PayphoneHandling.ASK: self.tr("Ask me"),
        }, values[Key.PAYPHONE])
        presets: dict[str, str] = {
            CallerPreset.FOLLOW_MODE: self.tr("Customers and unknown callers follow the mode"),
            CallerPreset.CUSTOMERS_RING: self.tr("Registered customers always ring through"),
            CallerPreset.ASK_UNKNOWN: self.tr("Ask for unknown callers, let customers through"),
        }
        screening = OfficeSettings.of(values).screening()
        current = CallerPreset.of(screening)
        if current is None:
            presets[CUSTOM_PRESET] = present.fill(
                self.tr("Custom: customers %1, unknown callers %2"),
                present.words(screening.customers.message),
                present.words(screening.unknown.message))
        self.caller_preset = self._combo(presets, current or CUSTOM_PRESET)
        self.repeat_caller = QCheckBox(
            self.tr("Let a number through that calls again soon after a reject "
                    "(for emergencies; off by default)"), self)
        self.repeat_caller.setChecked(values[Key.REPEAT_CALLER] == "on")
        low_minutes, high_minutes = REPEAT_MINUTES_RANGE
        self.repeat_minutes = QSpinBox(self)
        self.repeat_minutes.setRange(int(low_minutes), int(high_minutes))
        self.repeat_minutes.setSuffix(self.tr(" min"))
        self.repeat_minutes.setValue(round(float(values[Key.REPEAT_MINUTES])))
        self.repeat_minutes.setEnabled(self.repeat_caller.isChecked())
        self.repeat_caller.toggled.connect(self.repeat_minutes.setEnabled)
        self.host = QLineEdit(values[Key.HOST], self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(int(values[Key.PORT]))
        self.listening = QLabel(listening.text(values[Key.PORT]) if listening else "", self)
        self.listening.setWordWrap(True)
        self.listening.setVisible(listening is not None)
        self.language = language.choice(self, values[Key.LANGUAGE])
        self.url, _, url_row = url_field(self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #dc3545;")
        self.error.setWordWrap(True)
        reachability = self._reachability_section(values, listener.cloudflared)
        self.computer = ComputerSection(computer, ringer, self)

        form = QFormLayout()
        form.addRow(self.tr("Time to decide when asked:"), self.ask_timeout)
        form.addRow(self.tr("When nobody decides in time:"), self.ask_default)
        form.addRow(self.tr("Withheld callers (非通知):"), self.withheld)
        form.addRow(self.tr("Payphones (公衆電話):"), self.payphone)
        form.addRow(self.tr("Customers and unknown callers:"), self.caller_preset)
        form.addRow(self.tr("Repeat caller:"), self.repeat_caller)
        form.addRow(self.tr("Called again within:"), self.repeat_minutes)
        form.addRow(self.tr("If callgate fails (fail-safe):"), self.failsafe)
        form.addRow(language.field_label(), self.language)
        form.addRow(self.tr("Listen on address (on restart):"), self.host)
        form.addRow(self.tr("Listen on port (on restart):"), self.port)
        form.addRow("", self.listening)
        form.addRow(self.tr("Webhook URL for commubo:"), url_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.body = scrolling(self, form, reachability, self.computer)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.buttons = buttons
        ask(session, self, GetToken(), self._token_read)

    def _token_read(self, result: Result) -> None:
        if isinstance(result, Done) and isinstance(result.value, TokenView):
            self.show_tokens(result.value)
        elif isinstance(result, Failed):
            self.error.setText(present.words(result.message))

    def _reachability_section(self, values: dict[str, str], cloudflared: bool) -> QGroupBox:
        group = QGroupBox(self.tr("Reachability"), self)
        kinds = offered_tunnel_kinds(values[Key.TUNNEL], cloudflared)
        self.tunnel = self._combo({kind: tunnel_kind_label(kind) for kind in kinds},
                                  values[Key.TUNNEL])
        self.ngrok_api = QLineEdit(values[Key.NGROK_API], group)
        self.cloudflared_metrics = QLineEdit(values[Key.CLOUDFLARED_METRICS], group)
        self.public_url = QLineEdit(values[Key.PUBLIC_URL], group)
        self.public_url.setPlaceholderText("https://callgate.example.com")
        self.rotate_button = QPushButton(self.tr("Rotate webhook token…"), group)
        self.rotate_button.clicked.connect(self.confirm_rotation)
        self.tokens = QLabel(group)  # not wrapped: tokens and URLs do not break
        self.tokens.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = self._reach_form = QFormLayout(group)
        form.addRow(self.tr("How commubo reaches callgate:"), self.tunnel)
        form.addRow(self.tr("ngrok agent API address:"), self.ngrok_api)
        form.addRow(self.tr("cloudflared metrics address:"), self.cloudflared_metrics)
        form.addRow(self.tr("Public URL (typed or named tunnel):"), self.public_url)
        rotate = QHBoxLayout()  # a button of its own size, under the fields it goes with
        rotate.addWidget(self.rotate_button)
        rotate.addStretch(1)
        form.addRow("", rotate)
        form.addRow(self.tokens)
        form.setRowVisible(self.tokens, False)  # until there is something to say of them
        self.tunnel.currentIndexChanged.connect(self._show_tunnel_fields)
        self._show_tunnel_fields()
        return group

    def _show_tunnel_fields(self) -> None:
        """Only the fields the chosen way of reaching callgate uses, as the setup shows them."""
        kind = self.tunnel.currentData()
        self._reach_form.setRowVisible(self.ngrok_api, kind == TunnelKind.NGROK)
        self._reach_form.setRowVisible(self.cloudflared_metrics, kind == TunnelKind.CLOUDFLARED)
        self._reach_form.setRowVisible(self.public_url,
                                       kind in (TunnelKind.URL, TunnelKind.CLOUDFLARED))

    def _webhook_urls(self, token: str) -> str:
        base = self._public_base or self._session.settings.get(Key.PUBLIC_URL, "")
        local = local_webhook_url(self._local_base, token)
        return f"{public_webhook_url(base, token)}\n{local}" if base else local

    def show_tokens(self, view: TokenView) -> None:
        """The current token's URL and, during its grace period, the previous token with its
        end."""
        self.url.setText(local_webhook_url(self._local_base, view.token))
        if view.previous is None or view.previous_until is None:
            self._say_tokens("")
            return
        self._say_tokens(
            self.tr("Current token: %1\nWebhook URL for commubo:\n%2\n\nPrevious token: %3\n"
                    "It keeps working until %4; paste the new URL into commubo's dashboard "
                    "before then.")
            .replace("%1", view.token).replace("%2", self._webhook_urls(view.token))
            .replace("%3", view.previous)
            .replace("%4", present.moment_text(view.previous_until)))

    def _say_tokens(self, text: str) -> None:
        """The note on the tokens; its row takes room only while it says something."""
        self.tokens.setText(text)
        self._reach_form.setRowVisible(self.tokens, bool(text))

    def confirm_rotation(self) -> None:
        hours = self._session.settings.get(Key.TOKEN_GRACE_HOURS, "")
        # The count only chooses the English form: 1 hour, 0.5 hours, 24 hours.
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Rotate the webhook token?"),
                          self.tr("callgate makes a new secret token for its webhook URL. The "
                                  "old URL keeps working for %1 hour(s): paste the new one "
                                  "into commubo's dashboard before then.", "",
                                  1 if hours == "1" else 2).replace("%1", hours),
                          QMessageBox.StandardButton.Cancel, self)
        rotate = box.addButton(self.tr("Rotate token"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self.rotate_token() if button is rotate else None)
        box.open()
        self.rotation_box = box

    def rotate_token(self) -> None:
        """A new token at once; `token_rotated` carries it once callgate made it."""
        self._changes.send(self, RotateToken(), saved=self._rotated,
                           refused=lambda words, _: self.error.setText(words),
                           saving=lambda: self.error.setText(saving_text()))

    def _rotated(self, view: TokenView) -> None:
        self.error.clear()
        self.show_tokens(view)
        if not self.tokens.text():
            self._say_tokens(
                self.tr("New token: %1\nWebhook URL for commubo:\n%2\n\nThe old token "
                        "stopped working at once (token-grace-hours is 0).")
                .replace("%1", view.token).replace("%2", self._webhook_urls(view.token)))
        QTimer.singleShot(0, self, self._fit_contents)  # once the layout took in the tokens
        self.token_rotated.emit(view.token)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_contents()
        keep_frame_on_screen(self)

    def _fit_contents(self) -> None:
        """Its whole height, every line of wrapped text included, as far as the screen allows
        (past that, the fields scroll): Qt opens a window taller than two thirds of the screen
        at its least height, where the note on where callgate listens loses its last line."""
        fit_on_screen(self)

    def sizeHint(self) -> QSize:
        return whole_size(super().sizeHint(), self.body)

    def _combo(self, choices: dict[str, str], current: str) -> QComboBox:
        combo = QComboBox(self)
        for value, label in choices.items():
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def save(self) -> None:
        """Send every field; on a value refused show why and keep the dialog open."""
        values = {
            Key.ASK_TIMEOUT: str(self.ask_timeout.value()),
            Key.ASK_DEFAULT: self.ask_default.currentData(),
            Key.WITHHELD: self.withheld.currentData(),
            Key.PAYPHONE: self.payphone.currentData(),
            Key.REPEAT_CALLER: "on" if self.repeat_caller.isChecked() else "off",
            Key.REPEAT_MINUTES: str(self.repeat_minutes.value()),
            Key.FAILSAFE: self.failsafe.currentData(),
            Key.HOST: self.host.text(),
            Key.PORT: str(self.port.value()),
            Key.TUNNEL: self.tunnel.currentData(),
            Key.NGROK_API: self.ngrok_api.text(),
            Key.CLOUDFLARED_METRICS: self.cloudflared_metrics.text(),
            Key.PUBLIC_URL: self.public_url.text(),
            Key.LANGUAGE: self.language.currentData(),
        }
        preset = self.caller_preset.currentData()
        if preset != CUSTOM_PRESET:
            customers, unknown = CallerPreset(preset).handling
            values |= {Key.CUSTOMERS: customers.value, Key.UNKNOWN: unknown.value}
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(False)

        def ended(words: str = "") -> None:
            save.setEnabled(True)
            self.error.setText(words)

        new_language = values[Key.LANGUAGE] != self._session.settings.get(Key.LANGUAGE)

        def saved(_: object) -> None:
            ended()
            self.computer.keep()
            if new_language:
                self.language_changed.emit()
            self.accept()

        self._changes.send(self, SaveSettings(changes={str(k): v for k, v in values.items()}),
                           saved=saved, refused=lambda words, _: ended(words), failed=ended,
                           saving=lambda: self.error.setText(saving_text()))
