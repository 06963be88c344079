"""A call waiting for a person, whatever tab is open: a strip beside the tabs with the call and
its countdown, the count in the Live calls tab's title and in the window's, and Alt+L / Alt+R
deciding it wherever the keyboard focus is."""

from __future__ import annotations

import time
from functools import partial

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTabWidget,
)

from gui import present
from gui.card import CANNOT_DECIDE
from gui.live import LiveView
from screening.policy import Decision

KEYS = {Decision.ACCEPT: Qt.Key.Key_L, Decision.REJECT: Qt.Key.Key_R}
COLOURS = {Decision.ACCEPT: "#198754", Decision.REJECT: "#dc3545"}
WAITING_TAB_COLOUR = QColor("#b35c00")


class WaitingStrip(QFrame):
    """Sits in the tab bar's corner, so it shows on every tab and moves nothing under the mouse
    when it comes and goes. Alt+L / Alt+R are window shortcuts: an Alt key is no text, so a
    focused line edit lets them pass (the History search box gets no "l"), and no button of
    the window may use them as its mnemonic."""

    def __init__(self, live: LiveView, tabs: QTabWidget, window: QMainWindow) -> None:
        super().__init__(tabs)
        self._live = live
        self._tabs = tabs
        self._window = window
        self._window_title = window.windowTitle()
        self._live_title = tabs.tabText(tabs.indexOf(live))
        self._count = 0
        self.setObjectName("waiting")
        self.setStyleSheet("QFrame#waiting { background: #fff3cd; }")
        self.text = QLabel(self)
        font = QFont(self.text.font())
        font.setBold(True)
        self.text.setFont(font)
        self.accept_button = QPushButton(self.tr("Let through (Alt+L)"), self)
        self.reject_button = QPushButton(self.tr("Reject (Alt+R)"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 2, 0)
        layout.addWidget(self.text)
        for decision, button in ((Decision.ACCEPT, self.accept_button),
                                 (Decision.REJECT, self.reject_button)):
            button.setStyleSheet(f"QPushButton {{ background: {COLOURS[decision]}; "
                                 "color: white; font-weight: bold; padding: 1px 8px; }"
                                 + CANNOT_DECIDE)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click leaves the focus be
            button.clicked.connect(partial(live.decide_waiting, decision))
            layout.addWidget(button)
            key = QKeySequence(QKeyCombination(Qt.KeyboardModifier.AltModifier, KEYS[decision]))
            shortcut = QShortcut(key, window)
            shortcut.activated.connect(partial(live.decide_waiting, decision))
        self.setMaximumHeight(tabs.tabBar().sizeHint().height())
        tabs.setCornerWidget(self, Qt.Corner.TopRightCorner)
        live.waiting_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """The call that the keys decide, with its seconds left (every countdown tick); the
        titles only when the count changed. Hidden when no call waits."""
        count = self._live.waiting_count()
        if count != self._count:
            self._count = count
            self._show_count(count)
        entry = self._live.next_waiting()
        if entry is None:
            self.hide()
            return
        for button in (self.accept_button, self.reject_button):
            button.setEnabled(self._live.can_decide)
        left = f"{entry.seconds_left(time.monotonic()):.0f}"
        self.text.setText(self.tr("%1 waiting · %2 %3 · %4 s left")
                          .replace("%1", str(count))
                          .replace("%2", present.caller_number(entry.call))
                          .replace("%3", present.caller_name(entry.call))
                          .replace("%4", left))
        self.show()

    def _show_count(self, count: int) -> None:
        index = self._tabs.indexOf(self._live)
        bar = self._tabs.tabBar()
        if count == 0:
            self._tabs.setTabText(index, self._live_title)
            bar.setTabTextColor(index, QColor())  # the style's own colour again
            self._window.setWindowTitle(self._window_title)
            return
        waiting = str(count)
        self._tabs.setTabText(index, self.tr("Live calls (%1 waiting)").replace("%1", waiting))
        bar.setTabTextColor(index, WAITING_TAB_COLOUR)
        self._window.setWindowTitle(self.tr("callgate (%1 waiting)").replace("%1", waiting))
