"""Work on a thread beside the window that reports back to the GUI thread: a file written, the
desktop's start-at-login entry read.

The object that started the work can be deleted while it runs (its window closed mid-export,
a test torn down). A worker that emitted that object's signals itself could then reach a
deleted object from its own thread, and crash the program. Here the worker only hands each
report to an object of the application's, which runs it on the GUI thread, where objects are
deleted, and only while the one that started the work is still there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from gui.replies import for_widget

# What a worker calls, from its thread, with what to do on the GUI thread.
Report = Callable[[Callable[[], None]], None]


class _Reports(QObject):
    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())  # never the owner's: it may go first
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, call: Callable[[], None]) -> None:
        call()


def run_beside(owner: QObject, work: Callable[[Report], None], name: str) -> None:
    """`work(report)` on a thread of its own; each `report(call)` it makes runs `call()` on the
    GUI thread, in order, unless `owner` has been deleted by then."""
    reports = _Reports()

    def run() -> None:
        try:
            work(lambda call: reports.posted.emit(for_widget(owner, call)))
        finally:
            reports.deleteLater()  # on the GUI thread, after the reports posted before it

    threading.Thread(target=run, name=name, daemon=True).start()
