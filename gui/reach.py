"""Whether commubo can reach this callgate, as the console shows it: a word in the status bar
and a banner while it cannot. The checks themselves run in the listener's service
(server/console/reach.py); the console hears what they find."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from gui.banner import Banner

REACHABLE = "reachable"
UNREACHABLE = "unreachable"
UNKNOWN = "unknown"

STATE_TEXTS = {
    REACHABLE: QT_TRANSLATE_NOOP("Reachability", "Reachable from commubo"),
    UNREACHABLE: QT_TRANSLATE_NOOP("Reachability", "NOT reachable from commubo"),
    UNKNOWN: QT_TRANSLATE_NOOP("Reachability", "Reachability unknown"),
}
STATE_STYLES = {
    REACHABLE: "color: #198754;",
    UNREACHABLE: "color: #dc3545; font-weight: bold;",
    UNKNOWN: "color: #6c757d;",
}


def state_text(state: str) -> str:
    return QCoreApplication.translate("Reachability", str(STATE_TEXTS.get(state,
                                                                          STATE_TEXTS[UNKNOWN])))


class ReachabilityLabel(QLabel):
    """The status bar's word on reachability; the tooltip says why."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = UNKNOWN
        self.show_state(UNKNOWN, self.tr("No check has finished yet."))

    def show_state(self, state: str, why: str) -> None:
        self.state = state
        self.setText(state_text(state))
        self.setStyleSheet(STATE_STYLES.get(state, STATE_STYLES[UNKNOWN]))
        self.setToolTip(why)


class UnreachableBanner(Banner):
    """Across the window from the moment reachability is lost until it is back."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("#dc3545", "white", parent, selectable=True)

    def show_reason(self, why: str) -> None:
        self.setText(self.tr(
            "commubo cannot reach callgate and rejects every call until this is fixed: %1 "
            "(menu callgate → Set up reachability…)").replace("%1", why))
        self.show()
