"""The tray icon that keeps callgate visible (and taking calls) while its window is closed."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from desktop.assets import ICON
from screening.mode import Mode

MODE_COLOURS = {Mode.ACCEPT_ALL: "#198754", Mode.ASK: "#e0a800", Mode.REJECT_ALL: "#dc3545"}
# Where the artwork has its badge (desktop/artwork/callgate.svg, in its 256-unit square).
BADGE_CENTRE, BADGE_RADIUS, BADGE_RING = QPointF(190, 190), 44.0, 10.0
SIZES = (16, 24, 32, 48, 64, 128, 256)


@cache
def _artwork() -> bytes:
    """Read once, when the window is made."""
    return ICON.read_bytes()


def _badge_sign(mode: Mode) -> QPainterPath:
    """A check (let all through), a question's dot and bar (ask), a bar (reject all), so the
    mode shows without its colour too."""
    x, y = BADGE_CENTRE.x(), BADGE_CENTRE.y()
    path = QPainterPath()
    if mode is Mode.ACCEPT_ALL:
        path.moveTo(x - 21, y + 1)
        path.lineTo(x - 6, y + 16)
        path.lineTo(x + 21, y - 15)
    elif mode is Mode.ASK:
        path.moveTo(x - 12, y - 10)
        path.cubicTo(x - 12, y - 30, x + 14, y - 30, x + 14, y - 12)
        path.cubicTo(x + 14, y - 2, x, y - 2, x, y + 8)
        path.moveTo(x, y + 22)
        path.lineTo(x, y + 22.5)
    else:
        path.moveTo(x - 20, y)
        path.lineTo(x + 20, y)
    return path


def _drawn(mode: Mode, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(_artwork())).render(painter, QRectF(0, 0, size, size))
    painter.scale(size / 256, size / 256)
    painter.setPen(QPen(QColor("white"), BADGE_RING))
    painter.setBrush(QColor(MODE_COLOURS[mode]))
    painter.drawEllipse(BADGE_CENTRE, BADGE_RADIUS, BADGE_RADIUS)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor("white"), 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.drawPath(_badge_sign(mode))
    painter.end()
    return pixmap


def app_icon(mode: Mode = Mode.ACCEPT_ALL) -> QIcon:
    """callgate's artwork, its badge in the mode's colour and sign, drawn at the sizes a
    window, a taskbar and a tray ask for."""
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(_drawn(mode, size))
    return icon


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
