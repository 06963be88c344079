"""The history's Export… button: where to save and as what (a workbook is offered first), then
the export on its worker (gui/history/export.py) with its progress in the status line, the
button cancelling it meanwhile, and how it ended."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Slot
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QWidget

from gui import present
from gui.folders import start_folder
from gui.history.export import HistoryExport
from gui.session import ConsoleSession
from server.protocol.messages import HistoryQuery
from tables.files import TableFormat


class Exporter(QObject):
    """`shown()` is what the history shows (its filter, order and snapshot)."""

    def __init__(self, session: ConsoleSession, shown: Callable[[], HistoryQuery],
                 status: QLabel, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._shown = shown
        self._status = status
        self.worker = HistoryExport(session, self)
        self.button = QPushButton(self.tr("Export…"), parent)
        self.button.setToolTip(
            self.tr("Save every call that matches the search and filters, in the shown order"))
        self.dialog: QFileDialog | None = None
        self._folder: str | None = None
        self._format = TableFormat.XLSX
        self.button.clicked.connect(self._clicked)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)

    def folder(self) -> str:
        """Where the export dialog opens (documents, unless used elsewhere this session)."""
        return start_folder(self._folder, QStandardPaths.StandardLocation.DocumentsLocation)

    @Slot()
    def _clicked(self) -> None:
        if self.worker.busy:
            self.worker.cancel()
        else:
            self.ask()

    @Slot()
    def ask(self) -> None:
        """Ask where to save and as what (without blocking the event loop), then export there.

        An Excel workbook is offered first: it keeps numbers as sent (0330001234) and call ids
        whole, which a spreadsheet reading a CSV does not."""
        formats = {
            self.tr("Excel workbook (*.xlsx)"): TableFormat.XLSX,
            self.tr("CSV, UTF-8 (*.csv)"): TableFormat.CSV,
        }
        name = f"callgate-history-{present.office_now():%Y%m%d}"  # the office's day
        dialog = QFileDialog(self._parent, self.tr("Export history"),
                             str(Path(self.folder()) / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        # Qt's own Japanese lacks these two labels of its file dialog (a native one has its own).
        dialog.setLabelText(QFileDialog.DialogLabel.LookIn, self.tr("&Look in:"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileType, self.tr("Files of &type:"))
        dialog.setNameFilters(list(formats))
        dialog.selectNameFilter(next(
            label for label, table_format in formats.items()
            if table_format is self._format))
        dialog.setDefaultSuffix(self._format.value)
        # The file type is the one chosen in the dialog, or the suffix typed if it names one.
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix(formats[chosen].value))
        dialog.fileSelected.connect(
            lambda path: self.export_to(
                path, formats.get(dialog.selectedNameFilter(), self._format)))
        dialog.finished.connect(self._forget_dialog)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog = None

    def export_to(self, path: str, table_format: TableFormat = TableFormat.CSV) -> None:
        """Write what is shown (filter, sort, every matching call up to the snapshot shown,
        not only the rows fetched) to `path` on the worker, as its suffix says (else as
        `table_format`); the button cancels it meanwhile. The next export starts in the same
        folder, in the same format."""
        target = Path(path)
        chosen = TableFormat.of(target, table_format)
        self._folder, self._format = str(target.parent), chosen
        if self.worker.start(self._shown(), target, chosen):
            self.button.setText(self.tr("Cancel export"))
            self._status.setText(self.tr("Exporting to %1…").replace("%1", path))

    @Slot(int)
    def _progress(self, written: int) -> None:
        self._status.setText(self.tr("Exporting: %Ln call(s) written…", "", written))

    @Slot(int, str)
    def _finished(self, written: int, path: str) -> None:
        self.button.setText(self.tr("Export…"))
        self._status.setText(self.tr("Exported %Ln call(s) to %1", "", written).replace(
            "%1", path))

    @Slot(str)
    def _cancelled(self, path: str) -> None:
        self.button.setText(self.tr("Export…"))
        self._status.setText(self.tr("Export cancelled; %1 was not kept").replace(
            "%1", path))

    @Slot(str, str)
    def _failed(self, path: str, why: str) -> None:
        self.button.setText(self.tr("Export…"))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export failed"),
                          self.tr("Could not write %1: %2").replace("%1", path).replace(
                              "%2", why), QMessageBox.StandardButton.Ok, self._parent)
        box.finished.connect(box.deleteLater)
        box.open()
