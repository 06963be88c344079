"""This computer's side of callgate, for the console: whether it starts when its person logs
in and is in the applications menu (desktop/). Read and changed on a worker thread, one task
after the other, so the GUI thread never touches those files (or Windows's registry); what
came of it arrives as a signal (gui/beside.py)."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop import launch
from desktop.integration import Integration, menu_entry, start_at_login
from gui.beside import Report, run_beside


@dataclass(frozen=True)
class ComputerState:
    start_at_login: bool
    menu_entry: bool | None  # None: callgate makes no menu entry on this platform


class ThisComputer(QObject):
    """`known(ComputerState)` after read() and after each change; `failed(why)` when a change
    could not be made (the state that is true then follows)."""

    known = Signal(object)
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._start: Integration = start_at_login()
        self._menu: Integration | None = menu_entry()
        self._tasks: deque[Callable[[Report], None]] = deque()
        self._lock = threading.Lock()
        self._working = False
        self.state: ComputerState | None = None
        self.known.connect(self._keep)

    @property
    def has_menu_entry(self) -> bool:
        return self._menu is not None

    def read(self) -> None:
        self._submit(self._report)

    def change(self, *, start: bool | None = None, menu: bool | None = None) -> None:
        """Start at login and the menu entry as asked (None: as they are)."""
        def apply(report: Report) -> None:
            command = launch.command(self._data_dir)
            try:
                for wanted, integration in ((start, self._start), (menu, self._menu)):
                    if integration is None or wanted is None:
                        continue
                    if wanted:
                        integration.add(command)
                    else:
                        integration.remove()
            except OSError as error:
                why = str(error)
                report(lambda: self.failed.emit(why))
            self._report(report)

        self._submit(apply)

    def _report(self, report: Report) -> None:
        menu = self._menu.present() if self._menu is not None else None
        state = ComputerState(self._start.present(), menu)
        report(lambda: self.known.emit(state))

    def _keep(self, state: ComputerState) -> None:
        self.state = state

    def _submit(self, task: Callable[[Report], None]) -> None:
        with self._lock:
            self._tasks.append(task)
            if self._working:
                return
            self._working = True
        run_beside(self, self._work, "callgate-desk")

    def _work(self, report: Report) -> None:
        """Until no task is left; the next task starts a worker again."""
        while True:
            with self._lock:
                if not self._tasks:
                    self._working = False
                    return
                task = self._tasks.popleft()
            task(report)
