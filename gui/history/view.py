"""The history tab: every call, newest first, searchable, sortable, exportable, quick at a
million calls, over the console's session (the listener does every query).

New calls come in soon after they are decided (CallDecided, or delayed records written once
storage recovers), a refresh for all that came within REFRESH_MS (while the tab is hidden, one
when it shows): while nobody looks at the rows they show at the top; while a person looks at a
row (gui/steady.py) it stays where it is and new calls come in above it. Rows far below what
anyone looks at are let go, so the list holds a few pages however long the console runs.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.history.columns import Column, fit_columns
from gui.history.detail import DetailPane
from gui.history.exporter import Exporter
from gui.history.filters import FilterBar
from gui.history.model import CHUNK, HistoryModel
from gui.session import ConsoleSession
from gui.steady import Sighted, hold_rows_in_place, looking, put_back, sighted_row

# New calls within this long are one refresh (a running timer is not restarted, so calls
# that come faster cannot postpone it).
REFRESH_MS = 500


class HistoryView(QWidget):
    """`rule_requested(number, action, note)` asks the window to put a caller's canonical
    number on a list (action "block" or "allow"), noted with who called."""

    rule_requested = Signal(str, str, str)

    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selected_id: int | None = None
        self._held: tuple[int, int] | None = None  # (row id, top) kept in place while calls come
        self._calls_came_hidden = False  # new calls to take in once the tab shows
        self.model = HistoryModel(session, self)
        self.filters = FilterBar(self)
        self.search_field = self.filters.search_field
        self.decision_combo = self.filters.decision_combo
        self.reason_combo = self.filters.reason_combo
        self.from_check, self.from_date = self.filters.from_check, self.filters.from_date
        self.to_check, self.to_date = self.filters.to_check, self.filters.to_date
        self.table = self._table()
        self.detail = DetailPane(session, self)
        self.detail_fields = self.detail.fields
        self.payload_view = self.detail.payload_view
        self.block_button, self.allow_button = self.detail.block_button, self.detail.allow_button
        self.count_label = QLabel(self)
        self.status_label = QLabel(self)
        self.exporter = Exporter(session, self.model.shown_query, self.status_label, self)
        self.export, self.export_button = self.exporter.worker, self.exporter.button
        self.export_to = self.exporter.export_to
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._lay_out()
        self._connect(session)
        self._show_count()

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hold_rows_in_place(table)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSortIndicator(Column.RECEIVED, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)
        fit_columns(table)
        return table

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.filters, 1)
        filters.addWidget(self.export_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 2)
        status = QHBoxLayout()
        status.addWidget(self.count_label)
        status.addStretch(1)
        status.addWidget(self.status_label)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(status)

    def _connect(self, session: ConsoleSession) -> None:
        self.filters.changed.connect(self.apply_filter)
        self.detail.rule_requested.connect(self.rule_requested)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.model.count_changed.connect(self._show_count)
        self.model.rowsInserted.connect(self._show_count)
        self.model.new_rows_coming.connect(self._hold)
        self.model.new_rows_in.connect(self._put_back)
        self.model.trouble.connect(self.status_label.setText)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._refresh_timer.timeout.connect(self.refresh)
        session.call_decided.connect(self.refresh_soon)
        session.storage_recovered.connect(self.refresh_soon)

    # -- what the window uses -------------------------------------------------------------------

    @Slot()
    def apply_filter(self) -> None:
        """Ask with what the filter widgets say now."""
        self.model.set_filter(self.filters.query())

    @Slot()
    def refresh(self) -> None:
        """Take in the calls recorded since, now."""
        self._refresh_timer.stop()
        self.model.refresh()

    @Slot()
    def refresh_soon(self) -> None:
        """Take in new calls within REFRESH_MS, one refresh for all that come meanwhile; while
        the tab is hidden, once it shows (a busy day must not cost the window a refresh every
        REFRESH_MS for rows nobody sees)."""
        if not self.isVisible():
            self._calls_came_hidden = True
        elif not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._calls_came_hidden:
            self._calls_came_hidden = False
            self.refresh()

    @property
    def export_dialog(self) -> QFileDialog | None:
        """Export…'s file dialog while it is open."""
        return self.exporter.dialog

    def selected_id(self) -> int | None:
        """The history row id of the selected call, if one is selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    # -- new calls while a person looks ---------------------------------------------------------

    def _looking(self) -> Sighted | None:
        """The row a person looks at (the chosen one if in sight), while the tab shows."""
        selected = self.table.selectionModel().selectedRows()
        if not self.isVisible() or not looking(self.table, bool(selected)):
            return None
        return sighted_row(self.table, selected[0] if selected else None)

    @Slot()
    def _hold(self) -> None:
        sighted = self._looking()
        self._held = (self.model.row_id(sighted.row), sighted.top) if sighted else None

    @Slot()
    def _put_back(self) -> None:
        held, self._held = self._held, None
        row = self.model.row_of(held[0]) if held is not None else None
        if held is None or row is None:
            self.table.scrollToTop()
        else:
            put_back(self.table, row, held[1])
        self._let_go(row)

    def _let_go(self, held: int | None) -> None:
        """Rows more than a page below the last one a person asked for, looks at or holds go
        (scrolling brings them again): new calls must not pile up in memory all day."""
        last = -1 if held is None else held
        if self._looking() is not None:
            bottom = self.table.indexAt(self.table.viewport().rect().bottomLeft())
            last = max(last, bottom.row() if bottom.isValid() else self.model.rowCount() - 1)
        keep = max(self.model.wanted, last + 1)
        if self.model.rowCount() > keep + CHUNK:
            self.model.trim(keep)

    # -- selection and detail ---------------------------------------------------------------

    @Slot()
    def _remember_selection(self) -> None:
        self._selected_id = self.selected_id()

    @Slot()
    def _after_reset(self) -> None:
        self._show_count()
        wanted = self._selected_id
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is None:
            self.detail.show_call(None)
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    @Slot()
    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.detail.show_call(self.model.call_at(rows[0].row()) if rows else None)

    @Slot()
    def _show_count(self) -> None:
        count, final = self.model.count_progress()
        if final:
            self.count_label.setText(self.tr("%Ln call(s)", "", count))
        else:
            self.count_label.setText(self.tr("%Ln call(s) so far, counting…", "", count))
