"""What the window says of callgate itself: whether it receives calls, whether commubo can reach
it, whether the history is being saved, and whether this console still hears the listener.

All of it comes from the session: the snapshot at attaching, then events. What lasts until it
ends is a banner (gui/status.py); a word in the status bar says where callgate listens and
whether it is reachable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMainWindow, QSystemTrayIcon

from gui import present
from gui.banner import Banner
from gui.reach import REACHABLE, UNKNOWN, UNREACHABLE, ReachabilityLabel, UnreachableBanner
from gui.session import ConsoleSession
from gui.status import ProblemLine
from gui.storage import StorageBanner
from server.protocol.link import LinkState
from server.protocol.messages import (
    CheckReachability,
    ListenerProblem,
    ListenerState,
    ReachabilityChanged,
    ReachState,
    Snapshot,
    StorageFailing,
    StorageRecovered,
)

Tray = Callable[[], QSystemTrayIcon | None]


class Health(QObject):
    """Owns the window's banners and status-bar words about callgate; the window lays them
    out. `note` and `problems` are the status bar's passing note and red problem line."""

    def __init__(self, session: ConsoleSession, window: QMainWindow, tray: Tray,
                 note: Callable[[str], None], problems: ProblemLine) -> None:
        super().__init__(window)
        self._session = session
        self._window = window
        self._tray = tray
        self._note = note
        self._problems = problems
        self._session = session
        self._reach_known = False  # no check has finished yet
        self._lost_since_attached = False
        self.listener: ListenerState | None = None
        self.reach: ReachState | None = None
        self.not_listening = Banner("#ffc107", "black", window)
        self.unreachable = UnreachableBanner(window)
        # Until the setup is opened, where the new webhook URL is copied: till it is in
        # commubo's dashboard, commubo posts to the old address.
        self.url_changed = Banner("#ffc107", "black", window, selectable=True)
        self.storage = StorageBanner(window)
        self.lost = Banner("#6c757d", "white", window)
        self.refused = Banner("#dc3545", "white", window, selectable=True)
        self.listener_status = QLabel(window)
        self.reachability = ReachabilityLabel(window)
        session.attached.connect(self.attached)
        session.link_state.connect(self.link_state)
        session.storage_failing.connect(self.storage_failing)
        session.storage_recovered.connect(self.storage_recovered)
        session.reachability_changed.connect(self.reachability_changed)
        session.listener_problem.connect(self.listener_problem)

    @property
    def banners(self) -> tuple[Banner, ...]:
        return (self.not_listening, self.unreachable, self.url_changed, self.storage, self.lost,
                self.refused)

    def attached(self, snapshot: Snapshot) -> None:
        self.lost.hide()
        self.refused.hide()
        self.show_listener(snapshot.listener)
        if snapshot.storage.problem is not None:
            self.storage.show_failing(snapshot.storage.problem)
        else:
            self.storage.hide()
        if snapshot.reachability is not None:
            self.show_reachability(snapshot.reachability)

    def check_now(self) -> None:
        """Ask callgate to check whether commubo can reach it, when it takes calls."""
        snapshot = self._session.snapshot
        if snapshot is not None and snapshot.listener.listening:
            self._session.request(CheckReachability(), lambda _: None)

    def show_listener(self, state: ListenerState) -> None:
        """Where callgate takes calls, or loudly that it does not."""
        self.listener = state
        if state.listening:
            self.not_listening.hide()
            self.listener_status.setText(self.tr("Listening: %1").replace("%1", state.local_base))
            return
        why = present.words(state.problem) if state.problem is not None else ""
        self.not_listening.setText(self.tr("callgate is NOT receiving calls: %1")
                                   .replace("%1", why))
        self.not_listening.show()
        self.listener_status.setText(self.tr("Not listening"))
        self.reachability.show_state(UNREACHABLE, why)

    def link_state(self, state: LinkState) -> None:
        """Said at once when the console stops hearing callgate: a desk attached over the
        network says where, why, and that it connects again by itself; a refused desk says
        why (a removed desk, a wrong secret or certificate: a new connection string helps)."""
        if state is LinkState.ATTACHED:
            if self._lost_since_attached and self._session.remote:
                self._note(self.tr("Connected to the callgate service at %1 again")
                           .replace("%1", self._session.remote))
            self._lost_since_attached = False
            return
        if state not in (LinkState.LOST, LinkState.REFUSED):
            return
        self._lost_since_attached = True
        problem = self._session.problem
        why = present.words(problem) if problem is not None else ""
        remote = self._session.remote
        if state is LinkState.REFUSED:
            text = self.tr("%1\nThis desk does not try again to attach to the callgate "
                           "service at %2.").replace("%1", why).replace("%2", remote)
        elif remote:
            text = self.tr(
                "This desk lost its connection to the callgate service: it shows no new calls "
                "and cannot decide any until it is back. The service, if it runs, still "
                "answers every call (a call that waits for a person gets another desk's "
                "decision or its default). This desk connects again by itself.\n%1"
            ).replace("%1", why)
        else:
            text = self.tr(
                "This console lost its connection to callgate's listener: it shows no new "
                "calls and decides none. callgate may still answer calls without it (a call "
                "that waits for a person gets its default). Quit and start callgate again.")
        banner, other = (self.refused, self.lost) if state is LinkState.REFUSED else (
            self.lost, self.refused)
        other.hide()
        banner.setText(text)
        banner.show()
        self.listener_status.setText(self.tr("Not connected"))
        tray = self._tray()
        if tray is not None and (self._window.isHidden() or self._window.isMinimized()):
            tray.showMessage(self.tr("This desk cannot decide calls now"), text,
                             QSystemTrayIcon.MessageIcon.Warning)

    def storage_failing(self, event: StorageFailing) -> None:
        self.storage.show_failing(event.why)

    def storage_recovered(self, event: StorageRecovered) -> None:
        self.storage.hide()
        self._problems.clear()
        self._note(self.tr("The database takes writes again: %n delayed call record(s) saved",
                           "", event.written))

    def listener_problem(self, event: ListenerProblem) -> None:
        self._problems.show_problem(present.words(event.message))

    def reachability_changed(self, event: ReachabilityChanged) -> None:
        self.show_reachability(event.reach)
        if event.moved_from is not None and event.reach.public_base is not None:
            self.public_url_moved(event.moved_from, event.reach.public_base)

    def show_reachability(self, reach: ReachState) -> None:
        """Status bar always; on losing reachability a banner that stays and a notification.

        Not the start-up check's notification while the window shows: the banner says it,
        and a balloon would sit over the card's buttons just when the first call may come.
        """
        before = self.reachability.state
        start_up = not self._reach_known
        self._reach_known = True
        self.reach = reach
        summary = present.words(reach.summary)
        self.reachability.show_state(reach.state, summary)
        why = present.words(reach.detail) if reach.detail else summary
        if reach.state == REACHABLE:
            self.unreachable.hide()
        elif reach.state == UNREACHABLE:
            self.unreachable.show_reason(why)
            tray = self._tray()
            away = self._window.isHidden() or self._window.isMinimized()
            if before in (REACHABLE, UNKNOWN) and tray is not None and (away or not start_up):
                tray.showMessage(self.tr("commubo cannot reach callgate"), why,
                                 QSystemTrayIcon.MessageIcon.Critical)

    def public_url_moved(self, old: str, new: str) -> None:
        """A restarted tunnel may get a new address; commubo still posts to the old one."""
        text = self.tr("The public URL changed from %1 to %2: copy the new webhook URL "
                       "(menu callgate → Set up reachability…) into commubo's dashboard.")
        text = text.replace("%1", old).replace("%2", new)
        self.url_changed.setText(text)
        self.url_changed.show()
        tray = self._tray()
        if tray is not None:
            tray.showMessage(self.tr("callgate's public URL changed"), text,
                             QSystemTrayIcon.MessageIcon.Warning)
