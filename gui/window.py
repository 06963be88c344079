"""The console's main window: mode, live calls, rules, history, and the listener's health."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QByteArray, QDateTime, QLocale, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from gui import present
from gui.bridge import ListenerBridge
from gui.history import HistoryView
from gui.live import LiveView
from gui.mode import ModeBar, RejectAllBanner
from gui.rules import RulesView
from gui.settings_dialog import SettingsDialog
from gui.tray import ConsoleTray, app_icon
from screening.policy import Decision, Mode, Reason
from screening.rules import Action
from server.events import CallDecided, CallWaiting
from storage.settings import SettingsStore

POLL_MS = 1000
HISTORY_REFRESH_MS = 500
PROBLEM_STYLE = "background: #ffc107; color: black; font-weight: bold; padding: 8px;"


class CallControl(Protocol):
    """The one command the console sends to the listener."""

    def resolve(self, call_id: str, decision: Decision) -> None: ...


class ConsoleWindow(QMainWindow):
    quit_confirmed = Signal()

    def __init__(
        self,
        db: Database,
        bridge: ListenerBridge,
        control: CallControl | None,
        webhook_url: str,
        listener_problem: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("callgate")
        self.setWindowIcon(app_icon())
        self._db = db
        self._settings = SettingsStore(db)
        self._control = control
        self._webhook_url = webhook_url
        self._data_version: int | None = None
        self._quitting = False
        self._tray_notice_shown = self._settings.recall("tray-notice-shown") == "yes"

        self.mode_bar = ModeBar(self)
        self.banner = RejectAllBanner(self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setVisible(listener_problem is not None)
        if listener_problem is not None:
            self.problem.setText(self.tr("callgate is NOT receiving calls: %1")
                                 .replace("%1", listener_problem))
        self.live = LiveView(self)
        self.rules = RulesView(db, self)
        self.history = HistoryView(db, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.live, self.tr("Live calls"))
        self.tabs.addTab(self.rules, self.tr("Allow and block lists"))
        self.tabs.addTab(self.history, self.tr("History"))
        central = QWidget(self)
        central.setObjectName("console")
        layout = QVBoxLayout(central)
        layout.addWidget(self.mode_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.problem)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self._central = central

        self.listener_status = QLabel(self)
        self.last_error = QLabel(self)
        self.last_error.setStyleSheet("color: #dc3545;")
        self.statusBar().addWidget(self.last_error, 1)
        self.statusBar().addPermanentWidget(self.listener_status)
        self.listener_status.setText(
            self.tr("Not listening") if control is None else
            self.tr("Listening: %1").replace("%1", webhook_url.split("/hooks/")[0]))
        self._build_menu()

        self.tray: ConsoleTray | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = ConsoleTray(self)
            self.tray.show_requested.connect(self.bring_to_front)
            self.tray.quit_requested.connect(self.confirm_quit)
            self.tray.show()

        bridge.call_arrived.connect(self.live.on_arrived)
        bridge.call_waiting.connect(self._on_waiting)
        bridge.call_decided.connect(self._on_decided)
        bridge.listener_failed.connect(self.show_error)
        self.live.decision_made.connect(self._resolve)
        self.live.rule_requested.connect(self._add_rule)
        self.history.rule_requested.connect(self._add_rule)
        self.rules.message.connect(self.statusBar().showMessage)
        self.mode_bar.mode_chosen.connect(self.set_mode)

        self._history_refresh = QTimer(self)
        self._history_refresh.setSingleShot(True)
        self._history_refresh.setInterval(HISTORY_REFRESH_MS)
        self._history_refresh.timeout.connect(self.history.refresh)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.reload_if_changed)
        self._poll.start()
        self.reload_if_changed()
        self._restore_geometry()

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&callgate"))
        settings = QAction(self.tr("&Settings…"), self)
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(self.open_settings)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.confirm_quit)
        menu.addAction(settings)
        menu.addSeparator()
        menu.addAction(quit_action)

    def set_mode(self, mode: str) -> None:
        self._settings.set("mode", mode)
        self.show_mode(Mode(mode))

    def show_mode(self, mode: Mode) -> None:
        self.mode_bar.show_mode(mode)
        rejecting = mode is Mode.REJECT_ALL
        self.banner.setVisible(rejecting)
        self._central.setStyleSheet(
            "QWidget#console { border: 4px solid #dc3545; }" if rejecting else "")
        if self.tray is not None:
            self.tray.show_mode(mode)
        self.setWindowIcon(app_icon(mode))

    def reload_if_changed(self) -> None:
        """Pick up changes made by the command line or another console within a second."""
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if version == self._data_version:
            return
        self._data_version = version
        self.show_mode(Mode(self._settings.get("mode")))
        self.rules.refresh()

    def show_error(self, message: str) -> None:
        when = QLocale().toString(QDateTime.currentDateTime(), QLocale.FormatType.ShortFormat)
        self.last_error.setText(f"{when}  {message}")

    def open_settings(self) -> None:
        dialog = SettingsDialog(self._settings, self._webhook_url, self)
        dialog.finished.connect(lambda _: self.reload_if_changed())
        dialog.open()

    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _on_waiting(self, event: CallWaiting) -> None:
        self.live.on_waiting(event)
        title = self.tr("Call waiting for you")
        text = f"{present.caller_number(event.call)}  {present.caller_name(event.call)}"
        QApplication.beep()
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information,
                                  int(event.ask.timeout * 1000))

    def _on_decided(self, event: CallDecided) -> None:
        self.live.on_decided(event)
        self._history_refresh.start()
        if event.verdict.reason is Reason.FAILSAFE:
            self.show_error(self.tr("Fail-safe decision for a call: %1")
                            .replace("%1", event.verdict.detail))

    def _resolve(self, call_id: str, decision: Decision) -> None:
        if self._control is not None:
            self._control.resolve(call_id, decision)

    def _add_rule(self, number: str, action: str) -> None:
        self.rules.add_rule(number, Action(action))

    def _restore_geometry(self) -> None:
        saved = self._settings.recall("geometry")
        if saved is None or not self.restoreGeometry(QByteArray.fromBase64(saved.encode())):
            self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.remember("geometry", bytes(self.saveGeometry().toBase64().data()).decode())
        if self._quitting:
            event.accept()
            return
        event.ignore()
        if self.tray is None:
            self.confirm_quit()
            return
        self.hide()
        if not self._tray_notice_shown:
            self.tray.showMessage("callgate", self.tr(
                "callgate keeps taking calls in the background. Quit from this icon's menu."))
            self._tray_notice_shown = True
            self._settings.remember("tray-notice-shown", "yes")

    def confirm_quit(self) -> None:
        """Quitting makes commubo reject every call, so a person must confirm it."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Quit callgate?"), self.tr(
            "While callgate is not running, commubo rejects every incoming call."),
            QMessageBox.StandardButton.Cancel, self)
        quit_button = box.addButton(self.tr("Quit and stop taking calls"),
                                    QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self.quit_now() if button is quit_button else None)
        box.open()
        self.quit_box = box

    def stop_watching(self) -> None:
        """Stop every timer that reads the database, before its connection closes."""
        self._poll.stop()
        self._history_refresh.stop()

    def quit_now(self) -> None:
        self._quitting = True
        self.close()
        self.quit_confirmed.emit()
