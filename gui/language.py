"""The language the console speaks, and what makes it speak it: callgate's compiled catalogue
and Qt's own (so that Qt's buttons match), the default locale (dates, numbers, calendars), and
a Japanese font, so that kanji never take Chinese glyph shapes.

The `language` setting chooses (`auto`: the system's locale); it applies when the console
starts, before the first window: Qt retranslates a live window only where every widget redoes
its texts on a LanguageChange event, which none of the console's widgets do, so a change in
the settings applies when callgate restarts (and says so).
"""

from __future__ import annotations

from importlib.resources import as_file, files

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication
from PySide6.QtWidgets import QComboBox, QWidget

import wording.catalogue
from screening.setting_values import Language

# The objectName of the translators installed here, so that a second install replaces them.
TRANSLATOR = "callgate-translation"
# Japanese typefaces, the first the system has wins: Linux (Noto, IPA, Takao, VL), Windows
# (Yu Gothic, Meiryo), macOS (Hiragino).
JAPANESE_FAMILIES = (
    "Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP", "Yu Gothic UI", "Yu Gothic",
    "Meiryo UI", "Meiryo", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "IPAexGothic",
    "IPAGothic", "TakaoPGothic", "VL PGothic",
)
LOCALES = {
    Language.JAPANESE: QLocale(QLocale.Language.Japanese, QLocale.Country.Japan),
    Language.ENGLISH: QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
}

CHOICES: dict[Language, str] = {
    Language.AUTO: str(QT_TRANSLATE_NOOP("Language", "Automatic (the system's language)")),
    # Each language by its own name, as people look for it.
    Language.JAPANESE: "日本語",
    Language.ENGLISH: "English",
}


def spoken(setting: Language, system: QLocale | None = None) -> Language:
    """The language to speak: the setting's, or for `auto` the system's locale, which is
    Japanese or else English."""
    if setting is not Language.AUTO:
        return setting
    system = system or QLocale.system()
    return Language.JAPANESE if system.language() == QLocale.Language.Japanese \
        else Language.ENGLISH


def install(app: QCoreApplication, setting: Language) -> Language:
    """Speak the language `setting` chooses from now on (before any window is built): its
    catalogue, Qt's, its locale and, on a screen, its font. Returns the language spoken."""
    language = spoken(setting)
    for old in app.findChildren(QTranslator, TRANSLATOR):
        app.removeTranslator(old)
        old.deleteLater()
    locale = LOCALES[language]
    QLocale.setDefault(locale)
    # The source strings are English: English needs only callgate's plural forms, not Qt's.
    qt_catalogue = None if language is Language.ENGLISH else _qt_catalogue(app, locale)
    for translator in (qt_catalogue, _callgate_catalogue(app, language)):
        if translator is not None:
            app.installTranslator(translator)
    if isinstance(app, QGuiApplication):
        use_japanese_font(app, primary=language is Language.JAPANESE)
    return language


def _qt_catalogue(app: QCoreApplication, locale: QLocale) -> QTranslator | None:
    """Qt's own words (Cancel, Yes, the calendar's), as PySide6 ships them."""
    translator = QTranslator(app)
    translator.setObjectName(TRANSLATOR)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(locale, "qtbase", "_", folder) else None


def _callgate_catalogue(app: QCoreApplication, language: Language) -> QTranslator | None:
    """callgate's words, compiled from wording/i18n by the project's setup (package data)."""
    translator = QTranslator(app)
    translator.setObjectName(TRANSLATOR)
    compiled = files(wording.catalogue.__package__).joinpath(
        wording.catalogue.FOLDER, wording.catalogue.catalogue_file(language, "qm"))
    if not compiled.is_file():
        return None
    with as_file(compiled) as path:  # Qt reads it whole: a temporary copy may go afterwards
        return translator if translator.load(str(path)) else None


def japanese_family(available: list[str]) -> str | None:
    """The first of JAPANESE_FAMILIES that is `available` (QFontDatabase.families())."""
    present = set(available)
    return next((family for family in JAPANESE_FAMILIES if family in present), None)


def use_japanese_font(app: QGuiApplication, *, primary: bool) -> str | None:
    """Japanese in a Japanese typeface, in every widget: with `primary` the whole console's
    font; else the family every character the first lacks comes from (customers' names are
    Japanese in an English console too), before the system's own fallback, which may draw
    kanji in a Chinese typeface. Returns the family, None when the system has none."""
    family = japanese_family(QFontDatabase.families())
    if family is None:
        return None
    font = QFont(app.font())
    resolved = QFontInfo(font).family()  # "Sans Serif" is no family the list could name
    font.setFamilies([family, resolved] if primary else [resolved, family])
    app.setFont(font)
    return family


def choice(parent: QWidget, current: str) -> QComboBox:
    """The language setting as a list to pick from (the settings and the setup)."""
    combo = QComboBox(parent)
    for language, label in CHOICES.items():
        shown = (QCoreApplication.translate("Language", label)
                 if language is Language.AUTO else label)
        combo.addItem(shown, language.value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def field_label() -> str:
    return QCoreApplication.translate("Language", "Language (on restart):")


def on_restart_note() -> str:
    return QCoreApplication.translate(
        "Language", "The new language applies when callgate restarts.")

