"""What a person reads in a widget, and which of it is still English.

Every text a widget shows or offers is read: labels, buttons, group boxes, check boxes, radio
buttons, combo box items, placeholders, suffixes, tooltips, tab titles, table and list headers
and cells, menus and actions, window titles, wizard pages and buttons, message boxes, file
dialog filters. A text is untranslated when a run of Latin letters is left in it once the
names and notations that Japanese writes in Latin letters too are taken out (ALLOWED_WORDS,
NOTATIONS), and what the test itself typed or sent (its data).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFileSystemModel,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QWidget,
    QWizard,
)

from screening.settings import Key

#: Words a Japanese office writes in Latin letters, as Japanese text does:
ALLOWED_WORDS = frozenset({
    # names of programs and services: the products callgate works with, and callgate itself
    "callgate", "commubo", "ngrok", "cloudflared", "Cloudflare", "Tailscale", "Funnel",
    # terms Japanese software writes this way, with no katakana in use for them
    "URL", "Webhook", "AI", "ID", "API", "DNS", "TLS", "HTTP", "HTTPS", "IP", "JSON", "CSV",
    "Excel", "UTF", "OK", "PNG",
    # a language named in its own words, where the language setting offers it
    "English",
    # a time zone's abbreviation, as the time zone database gives it after a moment
    "JST",
})

#: Notations that are not words: what people type or copy, as it must be typed.
NOTATIONS = (
    re.compile(r"`[^`]*`"),  # a command or a setting as typed, in backquotes (a URL in it too)
    re.compile(r"\b(?:https?|file)://\S+"),  # a URL (also a webhook URL with its token)
    re.compile(r"(?<![\w-])--?[a-z][a-z-]*"),  # a command-line option: --port, --metrics
    re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"),  # an environment variable: CALLGATE_PORT
    # a setting's key of several words, as `config` takes it: token-grace-hours, ngrok-api
    re.compile("|".join(rf"\b{re.escape(key)}\b" for key in
                        sorted((key for key in Key if "-" in key), key=len, reverse=True))),
    re.compile(r"(?:\*|\b[\w-]+)\.(?:xlsx|csv|db)\b"),  # a file (pattern) with its suffix
    re.compile(r"\b(?:Alt|Ctrl)\+[A-Z]\b"),  # a key
    re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?\b"),  # a moment as typed: 2025-01-06T09:30
    re.compile(r"\b(?:\d+[mhdw])+\b"),  # a duration as typed: 30m, 24h, 7d, 1h30m
    re.compile(r"\bUTF-8\b"),
    re.compile(r"\b[A-Z][a-z]+(?:/[A-Z][A-Za-z_]+)+\b"),  # a time zone's name: Asia/Tokyo
    re.compile(r"(?<![\w.])/[\w./+-]+"),  # a path on this computer
)

MNEMONIC = re.compile(r"\(&[^&\s]\)|&(?=[^&])")
LATIN_WORD = re.compile(r"[A-Za-z]+")


def english_left(text: str, data: Iterable[str] = ()) -> list[str]:
    """The runs of Latin letters left in `text` that are no allowed word or notation."""
    text = MNEMONIC.sub("", text)
    for value in sorted(data, key=len, reverse=True):
        if value:
            text = text.replace(value, " ")
    for notation in NOTATIONS:
        text = notation.sub(" ", text)
    return [word for word in LATIN_WORD.findall(text) if word not in ALLOWED_WORDS]


def _model_texts(model: QAbstractItemModel, cells: bool, rows: int = 100) -> Iterator[str]:
    # A list model hides its column count; it has one column.
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    for section in range(columns):
        title = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(title, str):
            yield title
    if not cells:
        return
    for row in range(min(model.rowCount(QModelIndex()), rows)):
        for column in range(columns):
            index = model.index(row, column, QModelIndex())
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value


def _action_texts(actions: Iterable[QAction]) -> Iterator[str]:
    for action in actions:
        yield action.text()
        if action.toolTip() != _stripped(action.text()):
            yield action.toolTip()  # one of its own, not the text Qt makes it of
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield menu.title()
            yield from _action_texts(menu.actions())


def _stripped(text: str) -> str:
    """The tooltip Qt gives an action that has none of its own: its text without the
    ellipsis and the mnemonic's `&` (so `設定(&S)…` gives `設定(S)`, which no one is shown)."""
    return text.replace("...", "").replace("…", "").replace("&", "").strip()


def _in_file_dialog(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QFileDialog):
            return True
        parent = parent.parentWidget()
    return False


def own_texts(widget: QWidget) -> Iterator[str]:
    """The texts of one widget (its children are read on their own)."""
    if widget.isWindow():
        yield widget.windowTitle()
    yield widget.toolTip()
    yield from _action_texts(widget.actions())
    if isinstance(widget, QLabel):
        yield widget.text()
    if isinstance(widget, QAbstractButton):
        yield widget.text()
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QComboBox) and widget.objectName() != "lookInCombo":  # folders
        yield from (widget.itemText(index) for index in range(widget.count()))
        yield widget.placeholderText()
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        yield widget.placeholderText()
    if isinstance(widget, QSpinBox):
        yield from (widget.prefix(), widget.suffix())
    if isinstance(widget, QAbstractSpinBox):
        yield widget.specialValueText()
    if isinstance(widget, QDateTimeEdit):
        yield widget.text()
    if isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield from (widget.tabText(index), widget.tabToolTip(index))
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        # A file dialog's lists are the files and folders on this computer: data.
        files = isinstance(model, QFileSystemModel) or _in_file_dialog(widget)
        yield from _model_texts(model, cells=not files)
    if isinstance(widget, QStatusBar):
        yield widget.currentMessage()
    if isinstance(widget, QMessageBox):
        yield from (widget.text(), widget.informativeText(), widget.detailedText())
    if isinstance(widget, QFileDialog):
        yield from widget.nameFilters()
    if isinstance(widget, QWizard):
        for page_id in widget.pageIds():
            page = widget.page(page_id)
            yield from (page.title(), page.subTitle())
        for button in QWizard.WizardButton:
            if button.value <= QWizard.WizardButton.HelpButton.value:
                yield widget.buttonText(button)


def texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(which widget, text) for every text of `root` and of every widget in it."""
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        for text in own_texts(widget):
            if text:
                yield where, text


_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic_clashes(root: QWidget) -> list[str]:
    """The Alt keys that two visible buttons or labels of `root` both claim: pressing one
    then only moves between them instead of doing what it says."""
    claimed: dict[str, list[str]] = {}
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QAbstractButton | QLabel) and widget.isVisible():
            found = _MNEMONIC.search(widget.text())
            if found:
                claimed.setdefault(found[1].casefold(), []).append(widget.text())
    return [f"Alt+{key.upper()}: {' / '.join(map(repr, texts))}"
            for key, texts in claimed.items() if len(texts) > 1]


class Reader:
    """Reads windows as a person would, and keeps what is still English and Alt keys that
    two of a window's controls claim."""

    def __init__(self) -> None:
        self.data: set[str] = set()
        self.found: dict[str, str] = {}  # text -> where it was seen first
        self.clashes: dict[str, str] = {}  # clash -> where it was seen first
        self.read_count = 0

    def ignore(self, *values: str) -> None:
        """What the test typed or sent: data shown as it was given, not words."""
        self.data.update(value for value in values if value)

    def read(self, root: QWidget, where: str) -> None:
        for clash in mnemonic_clashes(root):
            self.clashes.setdefault(clash, where)
        for widget, text in texts(root):
            self.read_count += 1
            if english_left(text, self.data):
                self.found.setdefault(text, f"{where}: {widget}")

    def read_text(self, text: str, where: str) -> None:
        """A text shown outside a widget (a notification)."""
        self.read_count += 1
        if english_left(text, self.data):
            self.found.setdefault(text, where)

    def report(self) -> str:
        return "\n".join(f"{where}: {text!r} -> {english_left(text, self.data)}"
                         for text, where in self.found.items())
