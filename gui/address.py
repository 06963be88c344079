"""Where callgate takes calls, as the settings and the setup show it: the port it listens on,
the webhook URL with a button that copies it, and the ways commubo can reach this computer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from screening.urls import WEBHOOK_PREFIX
from server.protocol.messages import ListenerState

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
QUICK_TUNNEL_WARNING = QT_TRANSLATE_NOOP(
    "Tunnels",
    "A quick tunnel is for trying callgate out: its address changes every time it starts, so "
    "after every restart of callgate or of the computer the callback URL in commubo's dashboard "
    "must be replaced, and until it is, commubo rejects every call.")


@dataclass(frozen=True)
class ListeningPort:
    """The port the listener took, beside the port setting when callgate started: they differ
    for a run started with --port or CALLGATE_PORT, which the setting does not show."""

    port: int
    setting_at_start: str

    @classmethod
    def of(cls, listener: ListenerState) -> ListeningPort | None:
        """None while callgate does not listen."""
        return cls(listener.port, str(listener.port_setting)) if listener.listening else None

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


def quick_tunnel_warning() -> str:
    return QCoreApplication.translate("Tunnels", str(QUICK_TUNNEL_WARNING))


def offered_tunnel_kinds(current: str, cloudflared: bool) -> list[str]:
    """Every kind, but the quick tunnel only when `cloudflared` is on the listener's PATH (or
    the quick tunnel is already the setting)."""
    return [kind for kind in TUNNEL_KINDS if kind != "quick" or kind == current or cloudflared]


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
