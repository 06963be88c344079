"""Work beside the window (gui/beside.py): its reports run on the GUI thread, in order, and a
report for an object deleted meanwhile (a window closed mid-export) goes nowhere: the worker
never reaches the deleted object from its thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from shiboken6 import delete

from gui.beside import Report, run_beside
from gui.stats.picture import PictureWriter


@pytest.fixture
def thread_errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException | None]:
    """What the worker threads raised."""
    raised: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda info: raised.append(info.exc_value))
    return raised


def test_reports_run_on_the_gui_thread_in_order(qtbot: QtBot) -> None:
    owner = QObject()
    heard: list[tuple[int, threading.Thread]] = []

    def work(report: Report) -> None:
        for n in range(100):
            report(lambda n=n: heard.append((n, threading.current_thread())))  # type: ignore[misc]

    run_beside(owner, work, "test-worker")
    qtbot.waitUntil(lambda: len(heard) == 100, timeout=5000)
    assert heard == [(n, threading.main_thread()) for n in range(100)]


def test_a_report_for_an_object_deleted_meanwhile_goes_nowhere(
        qtbot: QtBot, thread_errors: list[BaseException | None]) -> None:
    owner = QObject()
    go, done = threading.Event(), threading.Event()
    heard: list[str] = []

    def work(report: Report) -> None:
        go.wait(5)
        report(lambda: heard.append("report"))
        done.set()

    run_beside(owner, work, "test-worker")
    delete(owner)
    go.set()
    assert done.wait(5)
    qtbot.wait(100)
    assert heard == [] and thread_errors == []


def test_a_picture_written_after_its_tab_closed_reaches_nothing(
        qtbot: QtBot, tmp_path: Path, thread_errors: list[BaseException | None]) -> None:
    image = QImage(2000, 2000, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    path = tmp_path / "statistics.png"
    writer = PictureWriter()
    writer.write(image, str(path))
    delete(writer)  # the tab closed while the file is written
    qtbot.waitUntil(path.exists, timeout=5000)
    qtbot.wait(300)
    assert thread_errors == []
