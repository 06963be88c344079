"""The tray icon that keeps callgate visible (and taking calls) while its window is closed."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from screening.mode import Mode

MODE_COLOURS = {Mode.ACCEPT_ALL: "#198754", Mode.ASK: "#e0a800", Mode.REJECT_ALL: "#dc3545"}


def app_icon(mode: Mode = Mode.ACCEPT_ALL) -> QIcon:
    """A round badge in the mode's colour, drawn so no image file has to ship."""
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(MODE_COLOURS[mode]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(2, 2, 60, 60)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPixelSize(28)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, 64, 64), Qt.AlignmentFlag.AlignCenter, "CG")
    painter.end()
    return QIcon(pixmap)


class ConsoleTray(QSystemTrayIcon):
    show_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(app_icon(), parent)
        self.setToolTip("callgate")
        menu = QMenu(parent)
        show = QAction(self.tr("Show callgate"), menu)
        show.triggered.connect(self.show_requested)
        quit_action = QAction(self.tr("Quit (calls will fail)…"), menu)
        quit_action.triggered.connect(self.quit_requested)
        menu.addAction(show)
        menu.addSeparator()
        menu.addAction(quit_action)
        self.setContextMenu(menu)
        self.activated.connect(self._activated)

    def show_mode(self, mode: Mode) -> None:
        self.setIcon(app_icon(mode))

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.show_requested.emit()
