"""The console's main window: mode, live calls, rules, history, and the listener's health."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, TypeVar

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from application import Office
from gui import present
from gui.banner import Banner
from gui.bridge import ListenerBridge
from gui.explain import ExplainDialog
from gui.history import HistoryView
from gui.live import LiveCallsModel, LiveView
from gui.mode import ModeBar, RejectAllBanner
from gui.reach import (
    REACHABLE,
    UNKNOWN,
    UNREACHABLE,
    ReachabilityLabel,
    ReachabilityMonitor,
    UnreachableBanner,
    public_base,
)
from gui.rules import RulesView
from gui.schedule import ScheduleDialog
from gui.settings_dialog import SettingsDialog
from gui.setup import ListeningPort, SetupWizard, local_webhook_url
from gui.status import ProblemLine, show_note
from gui.storage import StorageBanner
from gui.today import TodaysCalls
from gui.tray import ConsoleTray, app_icon
from gui.waiting import WaitingStrip
from screening.policy import Decision, Mode, Reason
from screening.rules import Action
from screening.settings import Key
from screening.urls import WEBHOOK_PREFIX
from server.events import CallDecided, CallWaiting
from server.selftest import Reachability
from storage.settings import SettingsTable

log = logging.getLogger(__name__)

POLL_MS = 1000
HISTORY_REFRESH_MS = 500


Dialog = TypeVar("Dialog", bound=QDialog)


def _to_front(widget: QWidget) -> None:
    widget.raise_()
    widget.activateWindow()


def _open_deleting(dialog: Dialog, closed: Callable[[], None]) -> Dialog:
    """Open a one-at-a-time dialog (with open()); it is deleted when it closes, after `closed`
    forgot it."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(closed)
    dialog.open()
    return dialog


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
        *,
        db_path: Path | None = None,
        local_port: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("callgate")
        self.setWindowIcon(app_icon())
        self._db = db
        self._office = Office.over(db)
        self._ui = SettingsTable(db)  # the console's own state, beside the settings
        self._control = control
        self._local_base = webhook_url.split(WEBHOOK_PREFIX)[0]
        self._quitting = False
        self._shown_mode: Mode | None = None
        self._tray_notice_shown = self._ui.recall("tray-notice-shown") == "yes"
        self._reachability_known = False  # no check has finished yet
        self.schedule_dialog: ScheduleDialog | None = None
        self.explain_dialog: ExplainDialog | None = None

        self.mode_bar = ModeBar(self)
        self.banner = RejectAllBanner(self)
        self.problem = Banner("#ffc107", "black", self)
        self.problem.setVisible(listener_problem is not None)
        if listener_problem is not None:
            self.problem.setText(self.tr("callgate is NOT receiving calls: %1")
                                 .replace("%1", listener_problem))
        self.unreachable = UnreachableBanner(self)
        # Until the setup is opened, where the new webhook URL is copied: till it is in
        # commubo's dashboard, commubo posts to the old address.
        self.url_changed = Banner("#ffc107", "black", self, selectable=True)
        self.storage_problem = StorageBanner(self)
        self.live = LiveView(self)
        self.today: TodaysCalls | None = None
        if db_path is not None:
            self.today = TodaysCalls(db_path, LiveCallsModel.MAX_CALLS, self)
            self.today.loaded.connect(self.live.add_earlier)
        # Read before the rules view reads the rules: the first poll rereads them only if
        # another program changed something since.
        self._data_version = self._read_data_version()
        self.rules = RulesView(db, self)
        self.history = HistoryView(db, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.live, self.tr("Live calls"))
        self.tabs.addTab(self.rules, self.tr("Allow and block lists"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.waiting = WaitingStrip(self.live, self.tabs, self)
        central = QWidget(self)
        central.setObjectName("console")
        layout = QVBoxLayout(central)
        layout.addWidget(self.mode_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.problem)
        layout.addWidget(self.unreachable)
        layout.addWidget(self.url_changed)
        layout.addWidget(self.storage_problem)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self._central = central

        self.listener_status = QLabel(self)
        self.last_error = ProblemLine(self)
        self.statusBar().addWidget(self.last_error, 1)
        self.statusBar().addPermanentWidget(self.listener_status)
        self.listener_status.setText(
            self.tr("Not listening") if control is None else
            self.tr("Listening: %1").replace("%1", self._local_base))
        self.reachability = ReachabilityLabel(self)
        self.statusBar().addPermanentWidget(self.reachability)
        self._db_path = db_path
        self._local_port = local_port
        # Read once at start: a later change of the setting applies only on restart.
        self._listening = (ListeningPort(local_port, self._office.settings.value(Key.PORT))
                           if control is not None and local_port is not None else None)
        self.setup: SetupWizard | None = None
        self.reach: ReachabilityMonitor | None = None
        if control is not None and db_path is not None and local_port is not None:
            self.reach = ReachabilityMonitor(db_path, local_port, self._office, self)
            self.reach.changed.connect(self.show_reachability)
            self.reach.public_url_changed.connect(self._public_url_changed)
        elif listener_problem is not None:
            self.reachability.show_state(UNREACHABLE, listener_problem)
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
        bridge.storage_failing.connect(self.storage_problem.show_failing)
        bridge.storage_recovered.connect(self._storage_recovered)
        self.live.decision_made.connect(self._resolve)
        self.live.rule_requested.connect(self._add_rule)
        self.history.rule_requested.connect(self._add_rule)
        self.rules.message.connect(self.show_note)
        self.rules.test_requested.connect(self.open_explain)
        self.mode_bar.mode_chosen.connect(self.set_mode)
        self.mode_bar.schedule_resumed.connect(self.resume_schedule)

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
        if self.today is not None:
            self.today.start()
        if self.reach is not None:
            self.reach.start()

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&callgate"))
        settings = QAction(self.tr("&Settings…"), self)
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(self.open_settings)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.confirm_quit)
        setup = QAction(self.tr("Set up &reachability…"), self)
        setup.triggered.connect(self.open_setup)
        setup.setEnabled(self._db_path is not None and self._local_port is not None)
        check = QAction(self.tr("&Check reachability now"), self)
        check.triggered.connect(self.check_reachability_now)
        check.setEnabled(self.reach is not None)
        schedule = QAction(self.tr("S&chedule…"), self)
        schedule.triggered.connect(self.open_schedule)
        test = QAction(self.tr("&Test a number…"), self)
        test.triggered.connect(self.open_explain)
        menu.addAction(settings)
        menu.addAction(schedule)
        menu.addAction(test)
        menu.addAction(setup)
        menu.addAction(check)
        menu.addSeparator()
        menu.addAction(quit_action)

    def set_mode(self, mode: str) -> None:
        """A click on a mode button: with a schedule on, an override until its next change."""
        try:
            self._office.mode.set(mode, until_off=self.mode_bar.keep.isChecked())
        except sqlite3.Error as error:
            self.storage_refused(error)
        self.show_mode_in_force()

    def resume_schedule(self) -> None:
        """End a manual override: the schedule decides the mode again."""
        try:
            self._office.mode.resume_schedule()
        except sqlite3.Error as error:
            self.storage_refused(error)
        self.show_mode_in_force()

    def show_mode_in_force(self) -> None:
        """The mode that decides calls now (setting, schedule or override) and until when."""
        settings = self._office.settings.screening()
        present.set_time_zone(settings.time_zone)  # every view shows the office's clock
        in_force = settings.mode_at(datetime.now(UTC))
        self.show_mode(in_force.mode)
        self.mode_bar.show_source(in_force.source, in_force.until)

    def show_mode(self, mode: Mode) -> None:
        """Runs every second: the buttons always (a refused click must not stay checked), the
        banner, frame and icons only when the mode changed (a style sheet restyles the window,
        an icon is drawn anew)."""
        self.mode_bar.show_mode(mode)
        if mode is self._shown_mode:
            return
        self._shown_mode = mode
        rejecting = mode is Mode.REJECT_ALL
        self.banner.setVisible(rejecting)
        self._central.setStyleSheet(
            "QWidget#console { border: 4px solid #dc3545; }" if rejecting else "")
        if self.tray is not None:
            self.tray.show_mode(mode)
        self.setWindowIcon(app_icon(mode))

    def reload_if_changed(self) -> None:
        """Pick up changes made by the command line or another console within a second, and
        the schedule's turns, which change the mode in force with no change in the database."""
        self.show_mode_in_force()
        self.rules.refresh_if_expired()
        version = self._read_data_version()
        if version == self._data_version:
            return
        self._data_version = version
        self.rules.refresh()

    def _read_data_version(self) -> int:
        """Changes when another connection commits (never for this window's own writes)."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def storage_refused(self, error: sqlite3.Error) -> None:
        """A change a person made could not be saved: say so plainly, never let the window
        show a mode or rule that is not the one deciding calls."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not saved"), self.tr(
            "Your change was NOT saved: the database does not take writes (%1). Calls are "
            "still decided as before. Try again in a moment; if this goes on, close the other "
            "program that uses callgate's database.").replace("%1", str(error)),
            QMessageBox.StandardButton.Ok, self)
        box.open()
        self.storage_box = box
        self.show_error(self.tr("Not saved: %1").replace("%1", str(error)))

    def show_error(self, message: str) -> None:
        """A problem that happened once, in the status bar's red line for a while."""
        self.last_error.show_problem(message)

    def show_note(self, text: str) -> None:
        """What just happened, in the status bar for a few seconds."""
        show_note(self.statusBar(), text)

    def open_settings(self) -> None:
        last = self.reach.last if self.reach is not None else None
        dialog = SettingsDialog(self._office, self.local_webhook_url(), self,
                                public_base=public_base(last.public_webhook_url if last else None),
                                listening=self._listening)
        dialog.finished.connect(lambda _: self.reload_if_changed())
        dialog.finished.connect(lambda _: self.check_reachability_now())
        dialog.open()

    def open_schedule(self) -> ScheduleDialog:
        """The schedule dialog (one at a time), opened with open()."""
        if self.schedule_dialog is None:
            self.schedule_dialog = _open_deleting(ScheduleDialog(self._office, self),
                                                  self._schedule_closed)
        else:
            _to_front(self.schedule_dialog)
        return self.schedule_dialog

    def _schedule_closed(self) -> None:
        self.schedule_dialog = None
        self.reload_if_changed()

    def open_explain(self) -> ExplainDialog:
        """The "test a number" box (one at a time), opened with open()."""
        if self.explain_dialog is None:
            self.explain_dialog = _open_deleting(ExplainDialog(self._db, self),
                                                 self._explain_closed)
        else:
            _to_front(self.explain_dialog)
        return self.explain_dialog

    def _explain_closed(self) -> None:
        self.explain_dialog = None

    def local_webhook_url(self) -> str:
        """The local webhook URL with the current token (a rotation changes it)."""
        return local_webhook_url(self._local_base, self._office.webhook.token())

    def check_reachability_now(self) -> None:
        if self.reach is not None:
            self.reach.check_now()

    def show_reachability(self, reach: Reachability) -> None:
        """Status bar always; on losing reachability a banner that stays and a notification.

        Not the start-up check's notification while the window shows: the banner says it,
        and a balloon would sit over the card's buttons just when the first call may come.
        """
        before = self.reachability.state
        start_up = not self._reachability_known
        self._reachability_known = True
        self.reachability.show_state(reach.state, reach.summary())
        why = reach.detail or reach.summary()
        if reach.state == REACHABLE:
            self.unreachable.hide()
        elif reach.state == UNREACHABLE:
            self.unreachable.show_reason(why)
            away = self.isHidden() or self.isMinimized()
            if before in (REACHABLE, UNKNOWN) and self.tray is not None and (away or not start_up):
                self.tray.showMessage(self.tr("commubo cannot reach callgate"), why,
                                      QSystemTrayIcon.MessageIcon.Critical)

    def _public_url_changed(self, old: str, new: str) -> None:
        """A restarted tunnel may get a new address; commubo still posts to the old one."""
        text = self.tr("The public URL changed from %1 to %2: copy the new webhook URL "
                       "(menu callgate → Set up reachability…) into commubo's dashboard.")
        text = text.replace("%1", old).replace("%2", new)
        self.url_changed.setText(text)
        self.url_changed.show()
        if self.tray is not None:
            self.tray.showMessage(self.tr("callgate's public URL changed"), text,
                                  QSystemTrayIcon.MessageIcon.Warning)

    def open_setup(self) -> None:
        """The reachability setup; the first time the console opens and from the menu."""
        if self._db_path is None or self._local_port is None:
            return
        if self.setup is not None:
            _to_front(self.setup)
            return
        self.setup = SetupWizard(self._office, self._db_path, self._local_port,
                                 self._local_base, self, monitor=self.reach,
                                 listening=self._listening)
        self.setup.finished.connect(self._setup_closed)
        self.setup.open()

    def open_setup_if_first_run(self) -> None:
        if self._ui.recall("setup-done") is None:
            self.open_setup()

    def _setup_closed(self) -> None:
        """Finished or skipped, the setup does not come back by itself; it showed the
        webhook URL to copy, so a changed public URL was seen."""
        self._ui.remember("setup-done", "yes")
        self.url_changed.hide()
        if self.setup is not None:
            self.setup.stop()
            self.setup.deleteLater()
            self.setup = None
        self.check_reachability_now()

    def bring_to_front(self) -> None:
        """Out of the tray or the taskbar, keeping the window's size (maximised stays so)."""
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        _to_front(self)

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
        self._refresh_history_soon()
        if event.verdict.reason is Reason.FAILSAFE:
            self.show_error(self.tr("Fail-safe decision for a call: %1")
                            .replace("%1", present.detail_text(event.verdict.detail)))

    def _storage_recovered(self, written: int) -> None:
        self.storage_problem.hide()
        self.last_error.clear()
        self.show_note(
            self.tr("The database takes writes again: %n delayed call record(s) saved", "",
                    written))
        self._refresh_history_soon()

    def _refresh_history_soon(self) -> None:
        """Take new calls into the history within HISTORY_REFRESH_MS, one query for all that
        came meanwhile. A timer already running is not restarted: calls coming faster than
        that must not postpone the history's update until they pause."""
        if not self._poll.isActive():  # after stop_watching: the database may be closed
            return
        if not self._history_refresh.isActive():
            self._history_refresh.start()

    def _resolve(self, call_id: str, decision: Decision) -> None:
        if self._control is not None:
            self._control.resolve(call_id, decision)

    def _add_rule(self, number: str, action: str, caller: str) -> None:
        """A rule from a live card or a history row, noted with who called."""
        self.rules.add_rule(number, Action(action), caller=caller)

    def _restore_geometry(self) -> None:
        saved = self._ui.recall("geometry")
        if saved is None or not self.restoreGeometry(QByteArray.fromBase64(saved.encode())):
            self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            self._ui.remember("geometry",
                                    bytes(self.saveGeometry().toBase64().data()).decode())
        except sqlite3.Error as error:  # a nicety; never a reason a window cannot close
            log.warning("could not remember the window geometry: %s", error)
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
            self._ui.remember("tray-notice-shown", "yes")

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
        self.history.export.cancel()
        if self.today is not None:
            self.today.stop()
        if self.reach is not None:
            self.reach.stop()
        if self.setup is not None:
            self.setup.stop()

    def quit_now(self) -> None:
        self._quitting = True
        self.close()
        self.quit_confirmed.emit()
