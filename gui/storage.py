"""What the console shows while the database does not take writes, and when it does again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from server.events import StorageFailing

STORAGE_STYLE = "background: #fd7e14; color: black; font-weight: bold; padding: 8px;"


class StorageBanner(QLabel):
    """Across the window while calls are answered but their records wait for the database:
    staff must know that the history is behind, and that quitting now would lose records."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(STORAGE_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_failing(self, event: StorageFailing) -> None:
        self.setText(self.tr(
            "Calls are still answered, but the history is NOT being saved: the database does "
            "not take writes (%1). Their records are kept and saved as soon as it does; "
            "please do not quit callgate until then.").replace("%1", event.why))
        self.show()
