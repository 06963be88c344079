"""The real console for a benchmark, offscreen: opened beside its embedded listener and
stopped afterwards, and a blocking client run on a thread while Qt's event loop turns on this
one, as it does on a console's GUI thread (bench/gui.py, bench/stall.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Signal
from PySide6.QtWidgets import QApplication

from cli.console import embedded
from gui.app import open_window
from gui.window import ConsoleWindow
from server.listener import Listener
from storage.database import DB_FILENAME

Result = TypeVar("Result")


class Finished(QObject):
    """Carries 'the client thread is done' to the Qt thread, queued."""

    done = Signal()


def with_event_loop(work: Callable[[], Result]) -> Result:
    """Runs `work` on a client thread while Qt's event loop runs on this one, as in the console."""
    loop = QEventLoop()
    finished = Finished()
    finished.done.connect(loop.quit)
    outcome: list[Result] = []
    failure: list[BaseException] = []

    def client() -> None:
        try:
            outcome.append(work())
        except BaseException as error:
            failure.append(error)
        finally:
            finished.done.emit()

    thread = threading.Thread(target=client, name="bench-client")
    thread.start()
    loop.exec()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


@contextmanager
def real_console(app: QApplication, data_dir: Path) -> Iterator[tuple[ConsoleWindow, Listener]]:
    """The real console (as `make run` opens it, offscreen) over the database in `data_dir`,
    beside its listener; both stopped afterwards."""
    listener = embedded(data_dir / DB_FILENAME, "127.0.0.1", 0)
    assert listener.problem is None, listener.problem
    window = open_window(listener.link(), data_dir)
    try:
        yield window, listener
    finally:
        window.quit_now()
        window.stop()
        listener.stop()
        window.deleteLater()
        app.processEvents()
