"""How the live list paints its calls' rows: each drawn once as a picture, then only copied;
a row that changed repainted alone.

A new call comes in at the top and moves every row in sight, so each call repaints them all.
Qt's own delegate asks the model for a dozen roles of every row it paints and lays its text
out again each time; even its laid-out glyphs cost a blend each to draw. Here a row is one trip
into Python and one copy of a picture of it (its background, by the style, and its two lines,
each cut with … to the row's width), drawn again only when what it shows changes: its text,
background, size, selection, or the list's font and colours. And QListView repaints the whole
list when one row's data changes (a call decided, a countdown ticking); its rows here are all
of one size, so only that row is.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QWidget,
)

from gui.live_calls import PAINTED_ROLE

# Pictures kept: the rows in sight of a tall list, and those that just changed.
PICTURES = 64
_SHOWN_STATES = (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_Enabled
                 | QStyle.StateFlag.State_Active).value
_FOCUS = QStyle.StateFlag.State_HasFocus.value
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate.value
_Key = tuple[str, int, int, int, int, int]


class CallList(QListView):
    """A list of rows of one size (the model's size hint), painted by CallRows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self.setItemDelegate(CallRows(self))

    def dataChanged(self, top_left: QModelIndex | QPersistentModelIndex,
                    bottom_right: QModelIndex | QPersistentModelIndex,
                    roles: Sequence[int] = ()) -> None:
        """The changed rows repaint (QAbstractItemView's own), not the whole list (QListView's
        adds that, for items whose size may have changed: never here)."""
        QAbstractItemView.dataChanged(self, top_left, bottom_right, roles)


class CallRows(QStyledItemDelegate):
    """The rows of `view`, each two lines of text on its background (PAINTED_ROLE)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._pictures: OrderedDict[_Key, QPixmap] = OrderedDict()  # the least used first
        self._look: tuple[QFont, int, float] | None = None  # the font, colours, pixel ratio
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Before each paint: pictures drawn in another font, colours or pixel ratio go."""
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            look = (watched.font(), watched.palette().cacheKey(), watched.devicePixelRatioF())
            if look != self._look:
                self._pictures.clear()
                self._look = look
        return False

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        text, colour = index.data(PAINTED_ROLE) or ("", 0)
        rect, state = option.rect, option.state.value
        key = (text, rect.width(), rect.height(), state & _SHOWN_STATES,
               option.features.value & _ALTERNATE, colour)
        picture = self._pictures.get(key)
        if picture is None:
            ratio = self._look[2] if self._look else painter.device().devicePixelRatioF()
            picture = self._pictures[key] = _picture(option, text, colour, ratio)
            if len(self._pictures) > PICTURES:
                self._pictures.popitem(last=False)
        else:
            self._pictures.move_to_end(key)
        painter.drawPixmap(rect.topLeft(), picture)
        if state & _FOCUS:
            _focus_frame(painter, option)


def _style(option: QStyleOptionViewItem) -> tuple[QStyle, QWidget | None]:
    widget = option.widget
    return (widget.style() if widget is not None else QApplication.style()), widget


def _group(option: QStyleOptionViewItem) -> QPalette.ColorGroup:
    state = option.state
    if not state & QStyle.StateFlag.State_Enabled:
        return QPalette.ColorGroup.Disabled
    if state & QStyle.StateFlag.State_Active:
        return QPalette.ColorGroup.Active
    return QPalette.ColorGroup.Inactive


def _picture(option: QStyleOptionViewItem, text: str, colour: int, ratio: float) -> QPixmap:
    """The row as the style draws an item's background, with its two lines on it."""
    style, widget = _style(option)
    size = option.rect.size()
    picture = QPixmap(size * ratio)
    picture.setDevicePixelRatio(ratio)
    group = _group(option)
    picture.fill(option.palette.color(group, QPalette.ColorRole.Base))
    shown = QStyleOptionViewItem(option)
    shown.rect = QRect(0, 0, size.width(), size.height())
    if colour:
        shown.backgroundBrush = QBrush(QColor.fromRgba(colour))
    painter = QPainter(picture)
    try:
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, shown, painter, widget)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, shown, painter,
                            widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(option.palette.color(group, QPalette.ColorRole.HighlightedText
                                            if selected else QPalette.ColorRole.Text))
        painter.setFont(option.font)
        metrics = QFontMetrics(option.font)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        width = size.width() - 2 * margin
        spacing = metrics.lineSpacing()
        baseline = (size.height() - 2 * spacing) // 2 + metrics.ascent()
        for n, line in enumerate(text.split("\n", 1)[:2]):
            painter.drawText(margin, baseline + n * spacing,
                             metrics.elidedText(line, Qt.TextElideMode.ElideRight, width))
    finally:
        painter.end()
    return picture


def _focus_frame(painter: QPainter, option: QStyleOptionViewItem) -> None:
    style, widget = _style(option)
    focus = QStyleOptionFocusRect()
    focus.rect = option.rect
    focus.state = option.state | QStyle.StateFlag.State_Item
    focus.palette = option.palette
    selected = option.state & QStyle.StateFlag.State_Selected
    focus.backgroundColor = option.palette.color(
        _group(option), QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
    style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)
