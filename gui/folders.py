"""Where a save dialog opens: the folder used last in this session, else the user's own folder
for that kind of file (pictures, documents), else the home folder, on a desktop that has none."""

from __future__ import annotations

from PySide6.QtCore import QDir, QStandardPaths


def start_folder(used: str | None, kind: QStandardPaths.StandardLocation) -> str:
    if used is not None:
        return used
    folder = QStandardPaths.writableLocation(kind)
    return folder if folder and QDir(folder).exists() else QDir.homePath()
