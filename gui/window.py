"""The console's main window: the mode, the live calls, the rules, the history, and callgate's
health, all from its session with callgate (gui/session.py) and nothing else.

The window is laid out here and its menu opens the dialogs (gui/dialogs.py); what each part
shows is the job of its own module: the mode (gui/mode.py), the calls (gui/calls.py),
callgate's health (gui/health.py), the statistics (gui/stats/), the dialogs. It fills in when
the session attaches (the snapshot) and follows the events; a change a person makes goes out as
a command and shows once callgate reports it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui import present
from gui.banner import Banner
from gui.calls import Calls
from gui.changes import Changes
from gui.computer import ThisComputer
from gui.desk import DeskStatus
from gui.dialogs import Dialogs, to_front
from gui.health import Health
from gui.history import HistoryView
from gui.live import LiveView
from gui.mode import ModeBar, ModeControl, RejectAllBanner
from gui.preferences import Preferences
from gui.reach import ReachabilityLabel, UnreachableBanner
from gui.ring import Ringer
from gui.rules import RulesView
from gui.session import ConsoleSession
from gui.stats import StatisticsTab
from gui.status import ProblemLine, show_note
from gui.storage import StorageBanner
from gui.tray import ConsoleTray, app_icon
from gui.waiting import WaitingStrip
from screening.instants import DEFAULT_TIME_ZONE
from screening.mode import Mode
from screening.settings import Key
from server.protocol.messages import ConfigChanged, Snapshot


class ConsoleWindow(QMainWindow):
    """`data_dir` names the office on this desktop: the window's preferences are kept for it
    (and, until they are ported, the History and Rules tabs read its database)."""

    quit_confirmed = Signal()

    def __init__(self, session: ConsoleSession, data_dir: Path, *,
                 first_run_setup: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("callgate")
        self.setWindowIcon(app_icon())
        self.session = session
        self.preferences = Preferences(data_dir)
        self.computer = ThisComputer(data_dir, self)
        self.computer.failed.connect(self._computer_failed)
        self._first_run_setup = first_run_setup
        self._quitting = False

        self.tray: ConsoleTray | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = ConsoleTray(self)
            self.tray.show_requested.connect(self.bring_to_front)
            self.tray.quit_requested.connect(self.confirm_quit)
            self.tray.show()
        self.last_error = ProblemLine(self)
        self.changes = Changes(session, self, self.show_error)
        self.health = Health(session, self, lambda: self.tray, self.show_note, self.last_error)
        self.mode_bar = ModeBar(self)
        self.mode = ModeControl(session, self.mode_bar, self.changes)
        self.mode.shown.connect(self._show_mode)
        self.banner = RejectAllBanner(self)
        self.live = LiveView(self)
        self.calls = Calls(session, self.live, self.changes, lambda: self.tray, self.show_note)
        self.ringer = Ringer(self.live, self.preferences)
        self.dialogs = Dialogs(session, self.changes, self.health, self.preferences,
                               self.computer, self.ringer, self.show_note, self)
        self.rules = RulesView(session, self)
        self.history = HistoryView(session, self)
        self.statistics = StatisticsTab(session, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.live, self.tr("Live calls"))
        self.tabs.addTab(self.rules, self.tr("Allow and block lists"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.addTab(self.statistics, self.tr("Statistics"))
        self.waiting = WaitingStrip(self.live, self.tabs, self)
        central = QWidget(self)
        central.setObjectName("console")
        layout = QVBoxLayout(central)
        for widget in (self.mode_bar, self.banner, *self.health.banners, self.tabs):
            layout.addWidget(widget)
        self.setCentralWidget(central)
        self._central = central
        self.desk = DeskStatus(session, self)
        self.statusBar().addWidget(self.last_error, 1)
        self.statusBar().addPermanentWidget(self.desk.label)
        self.statusBar().addPermanentWidget(self.desk.away_button)
        self.statusBar().addPermanentWidget(self.health.listener_status)
        self.statusBar().addPermanentWidget(self.health.reachability)
        self._build_menu()
        self.desk.rights_changed.connect(self._rights)

        for asking in (self.live.rule_requested, self.history.rule_requested,
                       self.statistics.rule_requested):
            asking.connect(lambda number, action, caller: self.rules.add_rule(
                number, action, caller=caller))
        self.rules.message.connect(self.show_note)
        self.rules.test_requested.connect(self.dialogs.open_explain)
        session.attached.connect(self._attached)
        session.config_changed.connect(self._config_changed)
        self._restore_geometry()

    # -- what callgate says ---------------------------------------------------------------------

    @property
    def problem(self) -> Banner:
        """The banner that callgate is not receiving calls."""
        return self.health.not_listening

    @property
    def unreachable(self) -> UnreachableBanner:
        return self.health.unreachable

    @property
    def url_changed(self) -> Banner:
        return self.health.url_changed

    @property
    def storage_problem(self) -> StorageBanner:
        return self.health.storage

    @property
    def reachability(self) -> ReachabilityLabel:
        return self.health.reachability

    @property
    def listener_status(self) -> QLabel:
        return self.health.listener_status

    @property
    def storage_box(self) -> QMessageBox | None:
        """The last "Not saved" box."""
        return self.changes.box

    def _attached(self, snapshot: Snapshot) -> None:
        self._office_clock(snapshot.settings)
        self.mode.show(snapshot.mode)
        listening = snapshot.listener.listening
        self._setup_action.setEnabled(self.dialogs.admin)
        self._check_action.setEnabled(listening)
        # The setup comes by itself only beside the listener: a desk elsewhere attaches to a
        # service that was set up where it runs.
        if (self._first_run_setup and not self.preferences.setup_done
                and not self.session.remote and self.dialogs.admin):
            self._first_run_setup = False
            self.dialogs.open_setup()

    def _rights(self, admin: bool, why: str) -> None:
        """An operator's console: the admin's controls off, each saying why."""
        self.dialogs.admin = admin
        for action in (self._settings_action, self._setup_action):
            action.setEnabled(admin)
            action.setToolTip("" if admin else why)
        self.rules.set_editable(admin, why)
        self.live.card.set_rules_allowed(admin, why)

    def _config_changed(self, changed: ConfigChanged) -> None:
        if changed.settings is not None:
            self._office_clock(changed.settings)

    def _office_clock(self, settings: dict[str, str]) -> None:
        """Every view shows the office's clock (the `time-zone` setting)."""
        present.set_time_zone(settings.get(Key.TIME_ZONE, DEFAULT_TIME_ZONE))

    def _show_mode(self, mode: Mode) -> None:
        """The banner, frame and icons only when the mode changed (a style sheet restyles the
        window, an icon is drawn anew)."""
        rejecting = mode is Mode.REJECT_ALL
        self.banner.setVisible(rejecting)
        self._central.setStyleSheet(
            "QWidget#console { border: 4px solid #dc3545; }" if rejecting else "")
        if self.tray is not None:
            self.tray.show_mode(mode)
        self.setWindowIcon(app_icon(mode))

    def set_mode(self, mode: Mode) -> None:
        """As a click on the mode's button."""
        self.mode.set_mode(mode)

    def show_error(self, message: str) -> None:
        """A problem that happened once, in the status bar's red line for a while."""
        self.last_error.show_problem(message)

    def _computer_failed(self, why: str) -> None:
        self.show_error(self.tr("How callgate starts on this computer was not changed: %1")
                        .replace("%1", why))

    def show_note(self, text: str) -> None:
        """What just happened, in the status bar for a few seconds."""
        show_note(self.statusBar(), text)

    # -- the menu ---------------------------------------------------------------------------------

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&callgate"))
        menu.setToolTipsVisible(True)  # why an operator's desk cannot open some
        settings = self._settings_action = QAction(self.tr("&Settings…"), self)
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(self.dialogs.open_settings)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.confirm_quit)
        self._setup_action = QAction(self.tr("Set up &reachability…"), self)
        self._setup_action.triggered.connect(self.dialogs.open_setup)
        self._check_action = QAction(self.tr("&Check reachability now"), self)
        self._check_action.triggered.connect(self.health.check_now)
        schedule = QAction(self.tr("Sc&hedule…"), self)
        schedule.triggered.connect(self.dialogs.open_schedule)
        test = QAction(self.tr("&Test a number…"), self)
        test.triggered.connect(self.dialogs.open_explain)
        for action in (self._setup_action, self._check_action):
            action.setEnabled(False)  # until callgate says where it listens
        for action in (settings, schedule, test, self._setup_action, self._check_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.desk.away_action)
        menu.addSeparator()
        menu.addAction(quit_action)

    # -- the window itself ----------------------------------------------------------------------

    def bring_to_front(self) -> None:
        """Out of the tray or the taskbar, keeping the window's size (maximised stays so)."""
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        to_front(self)

    def _restore_geometry(self) -> None:
        saved = self.preferences.geometry
        if saved is None or not self.restoreGeometry(saved):
            self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.preferences.geometry = self.saveGeometry()
        if self._quitting:
            event.accept()
            return
        event.ignore()
        if self.tray is None:
            self.confirm_quit()
            return
        self.hide()
        if not self.preferences.tray_notice_shown:
            self.tray.showMessage("callgate", self.tr(
                "callgate keeps taking calls in the background. Quit from this icon's menu."))
            self.preferences.tray_notice_shown = True

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

    def stop(self) -> None:
        """Before callgate's listener stops: this window hears nothing more, and what it
        keeps of itself is written."""
        self.session.close()
        self.history.export.cancel()
        self.preferences.keep()

    def quit_now(self) -> None:
        self._quitting = True
        self.close()
        self.quit_confirmed.emit()
