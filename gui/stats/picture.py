"""The Statistics tab saved as a PNG picture: drawn on the GUI thread (Qt draws widgets only
there), written to the file by a thread of its own, so a slow disk or a network folder never
holds up the window."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, Signal
from PySide6.QtGui import QImage, QImageWriter

from gui.beside import Report, run_beside


class PictureWriter(QObject):
    """`written(path)` once the file is there; `failed(path, why)` if it could not be."""

    written = Signal(str)
    failed = Signal(str, str)

    def write(self, image: QImage, path: str) -> None:
        run_beside(self, lambda report: self._write(image, path, report), "callgate-picture")

    def _write(self, image: QImage, path: str, report: Report) -> None:
        # QImage (unlike QPixmap) may be used on any thread.
        writer = QImageWriter(path, QByteArray(b"PNG"))
        if writer.write(image):
            report(lambda: self.written.emit(path))
        else:
            why = writer.errorString()
            report(lambda: self.failed.emit(path, why))
