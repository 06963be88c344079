"""Dialogs that can be taller than the screen (a 768-pixel office laptop's): their fields
scroll, the buttons below them stay in sight, and the whole dialog comes up on the screen."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QDialog, QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget


def scrolling(parent: QWidget, *parts: QLayout | QWidget) -> QScrollArea:
    """`parts`, one below another, in an area that scrolls only up and down: as wide as they
    need beside a scroll bar."""
    fields = QWidget(parent)
    inside = QVBoxLayout(fields)
    inside.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QLayout):
            inside.addLayout(part)
        else:
            inside.addWidget(part)
    area = QScrollArea(parent)
    area.setWidget(fields)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(fields.minimumSizeHint().width()
                         + area.verticalScrollBar().sizeHint().width())
    return area


def whole_size(hint: QSize, area: QScrollArea) -> QSize:
    """A dialog's size hint `hint` with all of the area's fields in it, not the few lines a
    scroll area asks for."""
    fields = area.widget()
    assert fields is not None  # set in scrolling()
    return (hint - area.sizeHint() + fields.sizeHint()
            + QSize(area.verticalScrollBar().sizeHint().width(), 0))


def fit_on_screen(dialog: QDialog) -> None:
    """The dialog as big as its size hint, as far as the screen allows, and all of it on the
    screen: Qt places a dialog before it grows, which left its buttons off the bottom. Before
    the window manager framed it, its frame is taken to be its window's (as Qt takes it)."""
    screen = dialog.screen().availableGeometry()
    frame = dialog.frameSize() - dialog.size()
    owner = dialog.parentWidget()
    if frame.isNull() and owner is not None:
        window = owner.window()
        frame = window.frameSize() - window.size()
    dialog.resize(dialog.size().expandedTo(dialog.sizeHint()).boundedTo(screen.size() - frame))
    whole, corner = dialog.size() + frame, dialog.frameGeometry().topLeft()
    dialog.move(max(screen.left(), min(corner.x(), screen.right() + 1 - whole.width())),
                max(screen.top(), min(corner.y(), screen.bottom() + 1 - whole.height())))


# How often, and how far apart in milliseconds, a dialog looks whether it is framed yet.
FRAME_LOOKS, FRAME_LOOK_MS = 20, 50


def keep_frame_on_screen(dialog: QDialog, looks: int = FRAME_LOOKS) -> None:
    """Once the window manager framed the dialog, its frame wholly on the screen: before, Qt
    cannot know the frame, and placed a dialog as tall as the screen with its title bar above
    the top (icewm), where nobody can take hold of it to move it."""
    frame = dialog.frameGeometry()
    if frame == dialog.geometry():  # not framed yet: look again soon (the GUI never waits)
        if looks > 1 and dialog.isVisible():
            QTimer.singleShot(FRAME_LOOK_MS, dialog,
                              lambda: keep_frame_on_screen(dialog, looks - 1))
        return
    screen = dialog.screen().availableGeometry()
    left = max(screen.left(), min(frame.left(), screen.right() + 1 - frame.width()))
    top = max(screen.top(), min(frame.top(), screen.bottom() + 1 - frame.height()))
    if (left, top) != (frame.left(), frame.top()):
        dialog.move(left, top)
