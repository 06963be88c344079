"""The Statistics tab: the office's last 7, 30 or 90 days as the listener counts them, drawn
when the tab is shown, counted again for new calls while it stays in sight (at most every
REFRESH_MS) and when the rules change; a candidate for a rule is one click from the block list;
the whole tab can be saved as a PNG picture."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QDir, QLocale, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui import present
from gui.folders import start_folder
from gui.session import ConsoleSession
from gui.stats.chart import DayChart
from gui.stats.model import DEFAULT_DAYS, StatisticsModel
from gui.stats.picture import PictureWriter
from gui.stats.tables import CallerColumn, CallerTable, HeatModel, RuleTable, customer_text
from screening.messages import Message
from screening.rules import Action
from server.protocol.messages import CallerCount, ConfigChanged, StatisticsView

PERIODS = (7, 30, 90)
# New calls while the tab is in sight are counted again within this long (a running timer is
# not restarted, so calls that keep coming cannot postpone it).
REFRESH_MS = 10_000
ROW_HEIGHT = 20
LIST_ROWS = 10  # a top list whole (the listener counts ten), without a scroll bar
HEAT_ROW_HEIGHT = LIST_ROWS * ROW_HEIGHT // 7  # the grid as tall as the rule list beside it


def _table(model: CallerTable | RuleTable | HeatModel, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _fit_rows(table: QTableView, rows: int, height: int = ROW_HEIGHT) -> None:
    """Tall enough for `rows` rows and the header, no more."""
    table.verticalHeader().setDefaultSectionSize(height)
    header = table.horizontalHeader().sizeHint().height()
    table.setFixedHeight(header + rows * height + 2 * table.frameWidth())


def _box(title: Message, widget: QWidget, parent: QWidget) -> QGroupBox:
    box = QGroupBox(present.words(title), parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(widget)
    layout.addStretch(1)
    return box


class StatisticsTab(QWidget):
    """`rule_requested(number, action, note)` asks the window to put a number on a list;
    `shown()` once the figures asked for are on screen."""

    rule_requested = Signal(str, str, str)
    shown = Signal()

    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = StatisticsModel(session, self)
        self.writer = PictureWriter(self)
        self.period = QComboBox(self)
        for days in PERIODS:
            self.period.addItem(self.tr("Last %n day(s)", "", days), days)
        self.period.setCurrentIndex(PERIODS.index(DEFAULT_DAYS))
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.save_button = QPushButton(self.tr("Save as PNG…"), self)
        self.status = QLabel(self)
        self.content = QWidget()
        self.content.setObjectName("statistics")
        self.summary = QLabel(self.content)
        font = QFont(self.summary.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.summary.setFont(font)
        self.period_label = QLabel(self.content)
        self.chart = DayChart(self.content)
        self.chart.setMinimumHeight(270)
        self.heat_model = HeatModel(self)
        self.top_callers_model = CallerTable(self)
        self.top_rejected_model = CallerTable(self)
        self.candidates_model = CallerTable(self, actions=True)
        self.rules_model = RuleTable(self)
        self.heat = self._heat_table()
        self.top_callers = _table(self.top_callers_model, self.content)
        self.top_rejected = _table(self.top_rejected_model, self.content)
        self.candidates = _table(self.candidates_model, self.content)
        self.rules = _table(self.rules_model, self.content)
        self.dialog: QFileDialog | None = None
        self._folder: str | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._lay_out()
        self._connect(session)

    def _heat_table(self) -> QTableView:
        heat = _table(self.heat_model, self.content)
        heat.setShowGrid(False)
        heat.verticalHeader().setVisible(True)
        heat.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        heat.horizontalHeader().setMinimumSectionSize(18)
        heat.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        small = QFont(heat.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        heat.setFont(small)
        _fit_rows(heat, 7, HEAT_ROW_HEIGHT)
        return heat

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.period)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.save_button)
        for table, columns in ((self.top_callers, CallerColumn.CUSTOMER),
                               (self.top_rejected, CallerColumn.CUSTOMER),
                               (self.candidates, CallerColumn.CUSTOMER),
                               (self.rules, 1)):
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(columns, QHeaderView.ResizeMode.Stretch)
            _fit_rows(table, LIST_ROWS)
        grid = QGridLayout(self.content)
        grid.addWidget(self.summary, 0, 0, 1, 6)
        grid.addWidget(self.period_label, 1, 0, 1, 6)
        grid.addWidget(_box(Message("stats.per_day"), self.chart, self.content), 2, 0, 1, 6)
        grid.addWidget(_box(Message("stats.by_hour"), self.heat, self.content), 3, 0, 1, 4)
        grid.addWidget(_box(Message("stats.rules"), self.rules, self.content), 3, 4, 1, 2)
        grid.addWidget(_box(Message("stats.top_callers"), self.top_callers, self.content),
                       4, 0, 1, 2)
        grid.addWidget(_box(Message("stats.top_rejected"), self.top_rejected, self.content),
                       4, 2, 1, 2)
        grid.addWidget(_box(Message("stats.candidates"), self.candidates, self.content),
                       4, 4, 1, 2)
        for column in range(6):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)

    def _connect(self, session: ConsoleSession) -> None:
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.refresh_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.ask_where_to_save)
        self.model.changed.connect(self._show)
        self.model.trouble.connect(self.status.setText)
        self.candidates_model.modelReset.connect(self._block_buttons)
        self.writer.written.connect(self._written)
        self.writer.failed.connect(self._not_written)
        self._refresh_timer.timeout.connect(self.refresh)
        session.call_decided.connect(self._calls_came)
        session.storage_recovered.connect(self._calls_came)
        session.config_changed.connect(self._config_changed)
        session.attached.connect(lambda _: self.refresh() if self.isVisible() else None)

    # -- asking ---------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Count the chosen period again, now."""
        self._refresh_timer.stop()
        self.model.ask(int(self.period.currentData()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    @Slot()
    def _period_chosen(self) -> None:
        self.refresh()

    @Slot()
    def _calls_came(self) -> None:
        if self.isVisible() and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _config_changed(self, changed: ConfigChanged) -> None:
        """A rule added or removed changes the rule list and the candidates at once."""
        if changed.rules and self.isVisible():
            self.refresh()

    # -- showing --------------------------------------------------------------------------------

    def _show(self, figures: StatisticsView) -> None:
        locale = QLocale()
        share = locale.toString(100 * figures.rejected / figures.calls if figures.calls else 0.0,
                                "f", 1)
        self.summary.setText(present.words(Message("stats.totals", (
            figures.calls, locale.toString(figures.accepted),
            locale.toString(figures.rejected), f"{share}%"))))
        formats = present.moment_formats()
        first, last = (formats.locale.toString(QDate(day.year, day.month, day.day),
                                               formats.date)
                       for day in (figures.first_day, figures.last_day))
        self.period_label.setText(present.words(Message("stats.period", (
            first, last, figures.time_zone))))
        self.status.setText("")
        self.chart.show_days(figures.per_day)
        self.heat_model.show(figures.by_hour)
        self.top_callers_model.show(figures.top_callers)
        self.top_rejected_model.show(figures.top_rejected)
        self.candidates_model.show(figures.candidates)
        self.rules_model.show(figures.rules)
        self.shown.emit()

    @Slot()
    def _block_buttons(self) -> None:
        """One click puts a candidate on the block list (as "Block this caller" does)."""
        model = self.candidates_model
        for row in range(model.rowCount()):
            caller = model.caller_at(row)
            button = QPushButton(self.tr("Block"), self.candidates)
            button.setToolTip(present.fill(self.tr("Put %1 on the block list"),
                                           present.number_text(caller.caller, caller.caller)))
            button.clicked.connect(
                lambda _=False, found=caller, clicked=button: self._block(found, clicked))
            self.candidates.setIndexWidget(model.index(row, CallerColumn.ACTION), button)

    def block_button(self, row: int) -> QPushButton | None:
        widget = self.candidates.indexWidget(self.candidates_model.index(row,
                                                                         CallerColumn.ACTION))
        return widget if isinstance(widget, QPushButton) else None

    def _block(self, caller: CallerCount, button: QPushButton) -> None:
        button.setEnabled(False)  # until the figures come again, without it
        self.rule_requested.emit(caller.caller, Action.BLOCK.value, customer_text(caller))

    # -- the picture ----------------------------------------------------------------------------

    def folder(self) -> str:
        return start_folder(self._folder, QStandardPaths.StandardLocation.PicturesLocation)

    @Slot()
    def ask_where_to_save(self) -> None:
        name = f"callgate-statistics-{QDate.currentDate().toString('yyyyMMdd')}.png"
        dialog = QFileDialog(self, self.tr("Save the statistics as a picture"),
                             QDir(self.folder()).filePath(name), self.tr("PNG picture (*.png)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("png")
        dialog.fileSelected.connect(self.save_png)
        dialog.finished.connect(self._forget_dialog)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog = None

    @Slot(str)
    def save_png(self, path: str) -> None:
        """The whole tab as it shows now (the parts scrolled away too), written to `path`."""
        self._folder = str(Path(path).parent)
        self.status.setText(present.fill(self.tr("Saving %1…"), path))
        self.writer.write(self.content.grab().toImage(), path)

    @Slot(str)
    def _written(self, path: str) -> None:
        self.status.setText(present.fill(self.tr("Saved %1"), path))

    @Slot(str, str)
    def _not_written(self, path: str, why: str) -> None:
        self.status.setText(present.fill(self.tr("Could not save %1: %2"), path, why))

