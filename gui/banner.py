"""The strips across the console window for what staff must not miss."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class Banner(QLabel):
    """Bold, full width, word-wrapped, hidden until shown; `selectable` where the text holds
    an error to copy into a support request."""

    def __init__(self, style: str, parent: QWidget | None = None, *,
                 selectable: bool = False) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(style)
        if selectable:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
