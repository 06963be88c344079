"""The strips across the console window for what staff must not miss, and the line in a form
that says why it was refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class Banner(QLabel):
    """Bold, full width, word-wrapped, hidden until shown; `selectable` where the text holds
    an error to copy into a support request."""

    def __init__(self, background: str, colour: str, parent: QWidget | None = None, *,
                 selectable: bool = False) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(
            f"background: {background}; color: {colour}; font-weight: bold; padding: 8px;")
        if selectable:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()


class ErrorLabel(QLabel):
    """Why a form was refused, in red, as plain text; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()

    def message(self) -> str:
        """The reason shown, or '' once it was cleared."""
        return self.text() if not self.isHidden() else ""
