"""What the console shows while the database does not take writes, and when it does again."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.banner import Banner


class StorageBanner(Banner):
    """Across the window while calls are answered but their records wait for the database:
    staff must know that the history is behind, and that quitting now would lose records."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("#fd7e14", "black", parent, selectable=True)

    def show_failing(self, why: str) -> None:
        self.setText(self.tr(
            "Calls are still answered, but the history is NOT being saved: the database does "
            "not take writes (%1). Their records are kept and saved as soon as it does; "
            "please do not quit callgate until then.").replace("%1", why))
        self.show()
