"""The history tab, over the console's session: columns.py (what each column shows and how it
sorts), model.py (pages asked of the listener, new calls put in place), count.py (how many
match), filters.py, detail.py (the chosen call and its body), export.py (a file written on this
machine by a worker), exporter.py (the Export… button), view.py (the tab)."""

from gui.history.columns import Column
from gui.history.model import CALL_ID_ROLE, CHUNK, HistoryModel
from gui.history.view import HistoryView

__all__ = ["CALL_ID_ROLE", "CHUNK", "Column", "HistoryModel", "HistoryView"]
