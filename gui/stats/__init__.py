"""The Statistics tab, over the console's session (the listener counts): model.py (the figures
asked for a period), chart.py (calls per day stacked by outcome, QtCharts), tables.py (callers,
rules and the weekday-by-hour grid as Qt models), picture.py (the tab written as a PNG off the
GUI thread), view.py (the tab)."""

from gui.stats.view import StatisticsTab

__all__ = ["StatisticsTab"]
