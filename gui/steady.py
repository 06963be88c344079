"""Rows that stay where a person looks while new calls come in above them.

A list of calls grows at the top. While nobody looks at it, new calls push the others down, as a
live list should. While a person looks at a row (they chose one, scrolled down, or have the mouse
over the list), a row that moved under the mouse would take their next click to another call:
then the row they look at keeps its place in the viewport and new calls come in above it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView


@dataclass(frozen=True)
class Sighted:
    """A row in sight and where its top is in the viewport."""

    row: int
    top: int


def hold_rows_in_place(view: QAbstractItemView) -> None:
    """Scroll by pixels, so a row can be put back exactly where it was."""
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)


def looking(view: QAbstractItemView, chosen: bool) -> bool:
    """Whether a person looks at the rows: they `chosen` one, scrolled down, or point at them,
    in a view on screen (a hidden tab's rows are nobody's to keep in place, and asking where
    they are would lay out the whole list for every call)."""
    if not view.isVisible():
        return False
    bar = view.verticalScrollBar()
    return chosen or bar.value() > bar.minimum() or view.viewport().underMouse()


def sighted_row(view: QAbstractItemView, chosen: QModelIndex | None) -> Sighted | None:
    """The row to keep in place: the `chosen` one when it is in sight, else the topmost row in
    sight; None for an empty view."""
    area = view.viewport().rect()
    if chosen is not None and chosen.isValid():
        rect = view.visualRect(chosen)
        if rect.isValid() and rect.intersects(area):
            return Sighted(chosen.row(), rect.top())
    top = view.indexAt(area.topLeft())
    if not top.isValid():
        return None
    return Sighted(top.row(), view.visualRect(top).top())


def put_back(view: QAbstractItemView, row: int, top: int) -> None:
    """Scroll so that `row` (its number now) has its top at `top` in the viewport again."""
    model = view.model()
    if not 0 <= row < model.rowCount():
        return
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + view.visualRect(model.index(row, 0)).top() - top)
