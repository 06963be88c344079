"""The call history: every call, newest first, searchable, exportable, quick at a million rows.

The model never holds the whole history. It asks storage for one page at a time
(`canFetchMore`/`fetchMore`) and lets SQLite do every filter and sort on an index (migration
0002), so opening the view or changing the search costs one small query, whatever the history's
size. Each query pins the newest row id it saw (`HistoryFilter.upto_id`), so calls that arrive
while someone scrolls do not shift the pages under them; `refresh()` takes them in. A text search
over a big history is counted a slice at a time between events, after its first page is shown.

Public API for the window: `HistoryView(db, parent)`, its `rule_requested(number, action)` signal
and its `refresh()` slot; `export_csv(path)` for scripts and tests. The export button writes an
Excel workbook or a CSV on a worker thread (gui/export.py) and can cancel it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time
from enum import IntEnum
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDir,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from gui import present
from gui.export import HistoryExport
from gui.steady import hold_rows_in_place, looking, put_back, sighted_row
from screening.messages import Message
from screening.policy import Decision, Reason
from screening.rules import Action
from storage.calls import CallHistory, HistoryFilter
from tables.cells import Cell, moment_cell
from tables.files import TableFormat, write_table

ModelIndex = QModelIndex | QPersistentModelIndex

#: commubo's call id (str).
CALL_ID_ROLE = Qt.ItemDataRole.UserRole

CHUNK = 200
SEARCH_DELAY_MS = 300
#: Calls a search counts per step between events (a few tens of milliseconds at most).
COUNT_SLICE = 25_000


class Column(IntEnum):
    RECEIVED = 0
    NUMBER = 1
    CUSTOMER = 2
    COMPANY = 3
    DECISION = 4
    REASON = 5
    LATENCY = 6


#: The stored column each table column sorts by (storage whitelists these).
SORT_KEYS = {
    Column.RECEIVED: "received_at",
    Column.NUMBER: "caller",
    Column.CUSTOMER: "customer_name",
    Column.COMPANY: "customer_org",
    Column.DECISION: "decision",
    Column.REASON: "reason",
    Column.LATENCY: "latency_ms",
}


class _Row(NamedTuple):
    """What the table keeps of one call: no raw body, so a long scroll stays light."""

    id: int
    call_id: str
    received_at: str
    phone_number: str
    caller: str | None
    customer_name: str
    customer_kana: str
    customer_org: str
    customer_org_kana: str
    operator_name: str
    decision: str
    reason: str
    detail: Message
    latency_ms: float | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> _Row:
        return cls(
            id=int(row["id"]),
            call_id=row["call_id"] or "",
            received_at=row["received_at"] or "",
            phone_number=row["phone_number"] or "",
            caller=row["caller"] or None,
            customer_name=row["customer_name"] or "",
            customer_kana=row["customer_kana"] or "",
            customer_org=row["customer_org"] or "",
            customer_org_kana=row["customer_org_kana"] or "",
            operator_name=row["operator_name"] or "",
            decision=row["decision"] or "",
            reason=row["reason"] or "",
            detail=row["detail"],
            latency_ms=row["latency_ms"],
        )


# --- How stored values read on screen ----------------------------------------------------------


def decision_label(decision: str) -> str:
    return present.decision_text(Decision(decision))


def reason_label(reason: str) -> str:
    return present.reason_text(Reason(reason))




def day_start_utc(day: QDate) -> datetime:
    """The office's midnight at the start of `day`, as an aware UTC datetime."""
    start = present.office_wall_time(date(day.year(), day.month(), day.day()), time())
    return start.astimezone(UTC)


def office_today() -> QDate:
    today = present.office_now().date()
    return QDate(today.year, today.month, today.day)


# Samples of the widest texts of the columns sized to fit them: a date with each weekday and
# month name (their widths differ), and numbers as they are shown.
_SAMPLE_MOMENTS = tuple(datetime(2026, month, day, 20, 58, 58, tzinfo=UTC)
                        for month in range(1, 13) for day in range(21, 28))
_SAMPLE_NUMBERS = ("+81330001234", "+819000000000", "+12025550100")


def pretty_payload(raw_body: str) -> str:
    """The body as commubo sent it, indented; text that is not JSON is shown as it is."""
    try:
        data = json.loads(raw_body)
    except ValueError:
        return raw_body
    return json.dumps(data, ensure_ascii=False, indent=2)


# --- The model -----------------------------------------------------------------------------------


class HistoryModel(QAbstractTableModel):
    """Calls as storage pages them in: filtered and sorted by SQLite, fetched CHUNK rows at a time.

    `sort()` and `set_filter()` re-query; `refresh()` re-queries keeping as many rows as were
    loaded, taking in calls recorded since. The row count grows through `fetchMore`.

    The number of matching calls comes from an index range when there is no search text; a
    text search over a big history is counted a slice at a time between events, so the first
    page shows at once and `count_changed` reports progress (see `count_progress()`).
    """

    count_changed = Signal()

    def __init__(
        self, history: CallHistory, parent: QObject | None = None, *, chunk: int = CHUNK
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._chunk = max(chunk, 1)
        self._filter = HistoryFilter()
        self._shown = self._filter
        self._sort = (Column.RECEIVED, Qt.SortOrder.DescendingOrder)
        self._rows: list[_Row] = []
        self._more = False
        self._count: int | None = None
        self._counted = 0
        self._count_from: tuple[str, int] | None = None
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self._count_step)
        self._locale = QLocale()
        self._headers = {
            Column.RECEIVED: self.tr("Received"),
            Column.NUMBER: self.tr("Number"),
            Column.CUSTOMER: self.tr("Customer"),
            Column.COMPANY: self.tr("Company"),
            Column.DECISION: self.tr("Decision"),
            Column.REASON: self.tr("Reason"),
            Column.LATENCY: self.tr("Latency (ms)"),
        }
        self._reload(self._chunk)

    # Queries

    def history_filter(self) -> HistoryFilter:
        """The filter as set (without the snapshot bound)."""
        return self._filter

    def shown_filter(self) -> HistoryFilter:
        """The filter of what is shown, with the snapshot bound of the last query."""
        return self._shown

    def order(self) -> tuple[str, bool]:
        """The stored column and direction (descending?) of the current sort."""
        column, order = self._sort
        return SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder

    def set_filter(self, history_filter: HistoryFilter) -> None:
        if history_filter == self._filter:
            return
        self._filter = history_filter
        self._reload(self._chunk)

    @Slot()
    def refresh(self) -> None:
        """Query again (same filter and sort), taking in calls recorded since the last query.

        As many rows as were fetched are fetched again (all of them, if all were fetched).
        """
        loaded = len(self._rows) + (0 if self._more else self._chunk)
        self._reload(max(loaded, self._chunk), refreshing=True)

    def matching_count(self) -> int:
        """How many calls match what is shown (all, not only those fetched); counts now if a
        count in steps is still under way."""
        count = self._count
        if count is None:
            count = self._history.count_matching(self._shown)
            self._set_count(count)
        return count

    def count_progress(self) -> tuple[int, bool]:
        """The number of matching calls and whether it is final (else: at least that many)."""
        if self._count is not None:
            return self._count, True
        return max(self._counted, len(self._rows)), False

    def _reload(self, rows: int, *, refreshing: bool = False) -> None:
        newest = self._history.last_id()
        if self._filter.upto_id is not None:
            newest = min(newest, self._filter.upto_id)
        before = self._shown
        known = self._count if refreshing else None
        shown = replace(self._filter, upto_id=newest)
        order_column, descending = self.order()
        page = self._history.page(shown, order_column, descending, 0, rows + 1)
        self.beginResetModel()
        self._shown = shown
        self._more = len(page) > rows
        self._rows = [_Row.of(row) for row in page[:rows]]
        self._count = None
        self.endResetModel()
        if known is not None and before.upto_id is not None:
            # Only the calls recorded since the last query can add to a known count.
            new = replace(shown, after_id=before.upto_id)
            self._set_count(known + self._history.count_matching(new))
        else:
            self._start_count()

    def _start_count(self) -> None:
        self._count_timer.stop()
        self._counted = 0
        self._count_from = None
        if not self._more:
            self._set_count(len(self._rows))
        elif not self._shown.scans:
            self._set_count(self._history.count_matching(self._shown))
        else:
            self._count_timer.start()
            self.count_changed.emit()

    @Slot()
    def _count_step(self) -> None:
        matches, self._count_from = self._history.count_slice(
            self._shown, self._count_from, COUNT_SLICE)
        self._counted += matches
        if self._count_from is None:
            self._set_count(self._counted)
            return
        self._count_timer.start()
        self.count_changed.emit()

    def _set_count(self, count: int) -> None:
        self._count_timer.stop()
        self._count = count
        self.count_changed.emit()

    # Rows by id

    def row_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, row_id: int) -> int | None:
        """The row showing this call, if it is loaded."""
        for n, row in enumerate(self._rows):
            if row.id == row_id:
                return n
        return None

    def call_at(self, row: int) -> _Row:
        return self._rows[row]

    # Qt's table model

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        order_column, descending = self.order()
        start = len(self._rows)
        page = self._history.page(
            self._shown, order_column, descending, start, self._chunk + 1)
        self._more = len(page) > self._chunk
        page = page[:self._chunk]
        if not self._more and self._count is None:
            self._set_count(start + len(page))  # everything is here: no need to count further
        if not page:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(_Row.of(row) for row in page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        wanted = (Column(column), order)
        if wanted == self._sort:
            return
        self._sort = wanted
        self._reload(self._chunk)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return self._headers[Column(section)]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == CALL_ID_ROLE:
            return row.call_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.LATENCY:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def display(self, row: _Row, column: Column) -> str:
        if column is Column.RECEIVED:
            return present.local_time(row.received_at, present.Style.SECONDS)
        if column is Column.NUMBER:
            return present.number_text(row.caller, row.phone_number)
        if column is Column.CUSTOMER:
            return row.customer_name
        if column is Column.COMPANY:
            return row.customer_org
        if column is Column.DECISION:
            return decision_label(row.decision)
        if column is Column.REASON:
            return reason_label(row.reason)
        if row.latency_ms is None:
            return ""
        return self.display_latency(row.latency_ms)

    def display_latency(self, latency_ms: float) -> str:
        return self._locale.toString(float(latency_ms), "f", 1)

    def _tooltip(self, row: _Row, column: Column) -> str | None:
        if column is Column.RECEIVED:
            return present.local_time(row.received_at, present.Style.LONG) or None
        if column is Column.NUMBER:
            return self.tr("Sent as: %1").replace("%1", row.phone_number or "—")
        if column is Column.CUSTOMER:
            return row.customer_kana or (None if row.customer_name else self.tr("Unknown caller"))
        if column is Column.COMPANY:
            return row.customer_org_kana or None
        if column is Column.REASON:
            return present.detail_text(row.detail) or None
        return None

    # Export

    def export_header(self) -> list[str]:
        """The shown columns, then what a spreadsheet needs to tell calls apart."""
        return [
            *(self._headers[column] for column in Column),
            self.tr("Kana"),
            self.tr("Detail"),
            self.tr("Operator"),
            self.tr("Number as sent"),
            self.tr("Call ID"),
            self.tr("Received (UTC)"),
        ]

    def export_rows(self, rows: Iterable[dict[str, Any]], office: ZoneInfo
                    ) -> Iterator[list[Cell]]:
        """The cells of export_header() for each stored row: numbers and ids as text, the
        latency a number, the time received in the office's time zone."""
        decisions: dict[str, str] = {}
        reasons: dict[str, str] = {}
        for stored in rows:
            row = _Row.of(stored)
            decision = decisions.get(row.decision)
            if decision is None:
                decision = decisions[row.decision] = decision_label(row.decision)
            reason = reasons.get(row.reason)
            if reason is None:
                reason = reasons[row.reason] = reason_label(row.reason)
            yield [
                moment_cell(row.received_at, office, offset=False),
                present.number_text(row.caller, row.phone_number),
                row.customer_name,
                row.customer_org,
                decision,
                reason,
                None if row.latency_ms is None else round(float(row.latency_ms), 1),
                row.customer_kana,
                present.detail_text(row.detail),
                row.operator_name,
                row.phone_number,
                row.call_id,
                row.received_at,
            ]


# --- The view ------------------------------------------------------------------------------------


class HistoryView(QWidget):
    """Search, filter, sort and export the call history; a detail pane for the selected call.

    `rule_requested(number, action, caller)` asks the window to put a caller's canonical number
    on a list (action "block" or "allow"), noted with who called; `refresh()` takes in calls
    recorded since the last query, keeping the rows a person looks at in place.
    """

    rule_requested = Signal(str, str, str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._history = CallHistory(db)
        self._db_path = Path(db.execute("PRAGMA database_list").fetchone()[2])
        self._selected_id: int | None = None
        self.model = HistoryModel(self._history, self)
        self.export = HistoryExport(self)

        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(self.tr("Search number, name, kana or company"))
        self.search_field.setClearButtonEnabled(True)
        self.decision_combo = QComboBox(self)
        self.decision_combo.addItem(self.tr("Any decision"), None)
        for decision in Decision:
            self.decision_combo.addItem(decision_label(decision), decision.value)
        self.reason_combo = QComboBox(self)
        self.reason_combo.addItem(self.tr("Any reason"), None)
        for reason in Reason:
            self.reason_combo.addItem(reason_label(reason), reason.value)
        today = office_today()
        self.from_check = QCheckBox(self.tr("From"), self)
        self.from_date = self._date_edit(today.addDays(-7))
        self.to_check = QCheckBox(self.tr("To"), self)
        self.to_date = self._date_edit(today)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setToolTip(
            self.tr("Save every call that matches the search and filters, in the shown order"))

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hold_rows_in_place(self.table)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSortIndicator(Column.RECEIVED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self._fit_columns()

        self.count_label = QLabel(self)
        self.status_label = QLabel(self)

        self.detail_fields: dict[str, QLabel] = {}
        self.payload_view = QPlainTextEdit(self)
        self.payload_view.setReadOnly(True)
        self.payload_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.payload_view.setPlaceholderText(self.tr("Select a call to see what commubo sent"))
        self.block_button = QPushButton(self.tr("Block this caller"), self)
        self.allow_button = QPushButton(self.tr("Always let through"), self)

        self.export_dialog: QFileDialog | None = None
        self._export_folder: str | None = None
        self._export_format = TableFormat.XLSX
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        self._lay_out()
        self._connect()
        self._show_detail(None)
        self._show_count()

    def _fit_columns(self) -> None:
        """Dates, numbers, decisions, reasons and latencies whole, sized from the font and the
        widest text each can show (not from the rows loaded so far); names and companies take
        the rest."""
        samples: dict[Column, list[str]] = {
            Column.RECEIVED: [present.moment_text(moment, present.Style.SECONDS)
                              for moment in _SAMPLE_MOMENTS],
            Column.NUMBER: [present.number_text(number, "") for number in _SAMPLE_NUMBERS]
            + [present.number_text(None, ""), present.number_text(None, "公衆電話")],
            Column.DECISION: [decision_label(decision) for decision in Decision],
            Column.REASON: [reason_label(reason) for reason in Reason],
            Column.LATENCY: [self.model.display_latency(99999.9)],
        }
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        margin = 2 * (self.table.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1)
        # Digits differ in width in many fonts: measure each sample with the widest.
        digit = max("0123456789", key=metrics.horizontalAdvance)
        widest_digits = str.maketrans("0123456789", digit * 10)
        for column, texts in samples.items():
            widest = max(metrics.horizontalAdvance(text.translate(widest_digits))
                         for text in texts) + margin
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = header.sectionSizeFromContents(column).width()
            header.resizeSection(column, max(widest, title))
        for column in (Column.CUSTOMER, Column.COMPANY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _date_edit(self, day: QDate) -> QDateEdit:
        edit = QDateEdit(day, self)
        formats = present.moment_formats()
        edit.setLocale(formats.locale)
        edit.setDisplayFormat(formats.date)
        edit.setCalendarPopup(True)
        edit.setEnabled(False)
        return edit

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search_field, 3)
        filters.addWidget(self.decision_combo)
        filters.addWidget(self.reason_combo)
        filters.addWidget(self.from_check)
        filters.addWidget(self.from_date)
        filters.addWidget(self.to_check)
        filters.addWidget(self.to_date)
        filters.addWidget(self.export_button)

        detail = QWidget(self)
        form = QFormLayout()
        for key, title in (
            ("received", self.tr("Received")),
            ("number", self.tr("Number")),
            ("customer", self.tr("Customer")),
            ("company", self.tr("Company")),
            ("operator", self.tr("Operator")),
            ("decision", self.tr("Decision")),
            ("reason", self.tr("Reason")),
            ("latency", self.tr("Latency")),
            ("call_id", self.tr("Call ID")),
        ):
            label = QLabel(detail)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.detail_fields[key] = label
            form.addRow(title, label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.block_button)
        buttons.addWidget(self.allow_button)
        buttons.addStretch(1)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(form)
        detail_layout.addLayout(buttons)
        detail_layout.addWidget(QLabel(self.tr("Payload"), detail))
        detail_layout.addWidget(self.payload_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        status = QHBoxLayout()
        status.addWidget(self.count_label)
        status.addStretch(1)
        status.addWidget(self.status_label)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(status)

    def _connect(self) -> None:
        self.search_field.textChanged.connect(self._search_timer.start)
        self.search_field.returnPressed.connect(self.apply_filter)
        self._search_timer.timeout.connect(self.apply_filter)
        self.decision_combo.currentIndexChanged.connect(self.apply_filter)
        self.reason_combo.currentIndexChanged.connect(self.apply_filter)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self.apply_filter)
            edit.dateChanged.connect(self._on_date_changed)
        self.export_button.clicked.connect(self._export_clicked)
        self.export.progress.connect(self._export_progress)
        self.export.finished.connect(self._export_finished)
        self.export.failed.connect(self._export_failed)
        self.export.cancelled.connect(self._export_cancelled)
        self.block_button.clicked.connect(lambda: self._request_rule(Action.BLOCK))
        self.allow_button.clicked.connect(lambda: self._request_rule(Action.ALLOW))
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.model.count_changed.connect(self._show_count)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    # Filtering

    def current_filter(self) -> HistoryFilter:
        """The filter the search field, combos and dates describe."""
        received_from = received_to = None
        if self.from_check.isChecked():
            received_from = day_start_utc(self.from_date.date())
        if self.to_check.isChecked():
            received_to = day_start_utc(self.to_date.date().addDays(1))
        return HistoryFilter(
            text=self.search_field.text(),
            decision=self.decision_combo.currentData(),
            reason=self.reason_combo.currentData(),
            received_from=received_from,
            received_to=received_to,
        )

    @Slot()
    def apply_filter(self) -> None:
        """Query with what the filter widgets say now (the search field waits for a pause)."""
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())

    @Slot()
    def refresh(self) -> None:
        """Query again, taking in new calls; keeps the selection, and while a person looks at
        the rows (see gui/steady.py) the row they look at stays where it is."""
        selected = self.table.selectionModel().selectedRows()
        held = None
        if looking(self.table, bool(selected)):
            held = sighted_row(self.table, selected[0] if selected else None)
        held_id = self.model.row_id(held.row) if held is not None else None
        self.model.refresh()
        row = self.model.row_of(held_id) if held_id is not None else None
        if held is None or row is None:
            self.table.scrollToTop()
            return
        put_back(self.table, row, held.top)

    @Slot()
    def _on_date_changed(self) -> None:
        if self.from_check.isChecked() or self.to_check.isChecked():
            self.apply_filter()

    # Selection and detail

    @Slot()
    def _remember_selection(self) -> None:
        self._selected_id = self.selected_id()

    @Slot()
    def _after_reset(self) -> None:
        self._show_count()
        wanted = self._selected_id
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is None:
            self._show_detail(None)
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._show_detail(self.selected_id())

    def selected_id(self) -> int | None:
        """The database id of the selected call, if one is selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _show_detail(self, row_id: int | None) -> None:
        stored = self._history.get(row_id) if row_id is not None else None
        caller = stored["caller"] if stored else None
        self.block_button.setEnabled(bool(caller))
        self.allow_button.setEnabled(bool(caller))
        if stored is None:
            for label in self.detail_fields.values():
                label.clear()
            self.payload_view.clear()
            return
        locale = QLocale()
        number = present.number_text(caller, stored["phone_number"] or "")
        if stored["phone_number"] and number != stored["phone_number"]:
            number = self.tr("%1 (sent as %2)").replace("%1", number).replace(
                "%2", stored["phone_number"])
        name = stored["customer_name"] or self.tr("Unknown caller")
        if stored["customer_kana"]:
            name = f"{name} ({stored['customer_kana']})"
        company = stored["customer_org"] or ""
        if company and stored["customer_org_kana"]:
            company = f"{company} ({stored['customer_org_kana']})"
        reason = reason_label(stored["reason"])
        if stored["detail"]:
            detail = present.detail_text(stored["detail"])
            reason = f"{reason}: {detail}"
        latency = stored["latency_ms"]
        values = {
            "received": present.local_time(stored["received_at"], present.Style.LONG),
            "number": number,
            "customer": name,
            "company": company,
            "operator": stored["operator_name"] or "",
            "decision": decision_label(stored["decision"]),
            "reason": reason,
            "latency": "" if latency is None else self.tr("%1 ms").replace(
                "%1", locale.toString(float(latency), "f", 1)),
            "call_id": stored["call_id"],
        }
        if stored.get("repeats"):
            values["call_id"] += "  " + self.tr("(posted %n more time(s))", "", stored["repeats"])
        for key, label in self.detail_fields.items():
            label.setText(values[key])
        self.payload_view.setPlainText(pretty_payload(stored["raw_body"] or ""))

    def _request_rule(self, action: Action) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.call_at(rows[0].row()) if rows else None
        if row is not None and row.caller:
            self.rule_requested.emit(row.caller, action.value,
                                     present.rule_note(row.customer_name, row.customer_org))

    @Slot()
    def _show_count(self) -> None:
        count, final = self.model.count_progress()
        if final:
            self.count_label.setText(self.tr("%Ln call(s)", "", count))
        else:
            self.count_label.setText(self.tr("%Ln call(s) so far, counting…", "", count))

    # Export

    def export_csv(self, path: Path) -> int:
        """Write what is shown (filter, sort, every matching row, not only the fetched ones) as
        CSV, here and now; returns the rows. The button uses the worker instead."""
        order_column, descending = self.model.order()
        rows = self._history.matching(self.model.shown_filter(), order_column, descending)
        office = present.time_zone()
        return write_table(path, TableFormat.CSV, self.model.export_header(),
                           self.model.export_rows(rows, office))

    def export_folder(self) -> str:
        """Where the export dialog opens: the folder used last in this session, else the
        user's documents folder (else the home folder, on a desktop that has none)."""
        if self._export_folder is not None:
            return self._export_folder
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return documents if documents and QDir(documents).exists() else QDir.homePath()

    @Slot()
    def _export_clicked(self) -> None:
        if self.export.busy:
            self.export.cancel()
        else:
            self.ask_export()

    @Slot()
    def ask_export(self) -> None:
        """Ask where to save and as what (without blocking the event loop), then export there.

        An Excel workbook is offered first: it keeps numbers as sent (0330001234) and call ids
        whole, which a spreadsheet reading a CSV does not."""
        formats = {
            self.tr("Excel workbook (*.xlsx)"): TableFormat.XLSX,
            self.tr("CSV, UTF-8 (*.csv)"): TableFormat.CSV,
        }
        name = f"callgate-history-{QDate.currentDate().toString('yyyyMMdd')}"
        dialog = QFileDialog(self, self.tr("Export history"),
                             str(Path(self.export_folder()) / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(list(formats))
        dialog.selectNameFilter(next(
            label for label, table_format in formats.items()
            if table_format is self._export_format))
        dialog.setDefaultSuffix(self._export_format.value)
        # The file type is the one chosen in the dialog, or the suffix typed if it names one.
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix(formats[chosen].value))
        dialog.fileSelected.connect(
            lambda path: self._export_to(
                path, formats.get(dialog.selectedNameFilter(), self._export_format)))
        dialog.finished.connect(self._forget_export_dialog)
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    @Slot()
    def _forget_export_dialog(self) -> None:
        self.export_dialog = None

    def _export_to(self, path: str, table_format: TableFormat = TableFormat.CSV) -> None:
        """Write what is shown to `path` on the worker, as its suffix says (else as
        `table_format`); the button cancels it meanwhile. The next export starts in the same
        folder, in the same format."""
        target = Path(path)
        chosen = TableFormat.of(target, table_format)
        self._export_folder, self._export_format = str(target.parent), chosen
        started = self.export.start(self._db_path, self.model.shown_filter(), self.model.order(),
                                    self.model.export_header(), self.model.export_rows, target,
                                    chosen)
        if started:
            self.export_button.setText(self.tr("Cancel export"))
            self.status_label.setText(self.tr("Exporting to %1…").replace("%1", path))

    @Slot(int)
    def _export_progress(self, written: int) -> None:
        self.status_label.setText(self.tr("Exporting: %1 calls written…").replace(
            "%1", QLocale().toString(written)))

    @Slot(int, str)
    def _export_finished(self, written: int, path: str) -> None:
        self.export_button.setText(self.tr("Export…"))
        self.status_label.setText(self.tr("Exported %1 calls to %2").replace(
            "%1", QLocale().toString(written)).replace("%2", path))

    @Slot(str)
    def _export_cancelled(self, path: str) -> None:
        self.export_button.setText(self.tr("Export…"))
        self.status_label.setText(self.tr("Export cancelled; %1 was not kept").replace(
            "%1", path))

    @Slot(str, str)
    def _export_failed(self, path: str, why: str) -> None:
        self.export_button.setText(self.tr("Export…"))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export failed"),
                          self.tr("Could not write %1: %2").replace("%1", path).replace(
                              "%2", why), QMessageBox.StandardButton.Ok, self)
        box.finished.connect(box.deleteLater)
        box.open()
