"""The console speaks the language the `language` setting chooses: callgate's compiled catalogue
and Qt's own (Qt's buttons match), the default locale, and a Japanese typeface for Japanese,
chosen at start; `auto` follows the system's locale; a change in the settings or the setup is
saved and says that it applies when callgate restarts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Console, start_console
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from application import Office
from gui import language
from gui.settings_dialog import SettingsDialog
from screening.setting_values import Language

ROOT = Path(__file__).resolve().parents[1]
JAPANESE_LABEL = "表示言語（再起動後に反映）:"


@pytest.fixture
def speaking(qapp: QApplication) -> Iterator[None]:
    """Whatever a test makes the console speak, the next test starts in English again."""
    font, locale = QApplication.font(), QLocale()
    yield
    language.install(qapp, Language.ENGLISH)
    QApplication.setFont(font)
    QLocale.setDefault(locale)


@pytest.fixture
def japanese_console(qtbot: QtBot, db_path: Path, qapp: QApplication,
                     speaking: None) -> Iterator[Console]:
    """The console as it starts with `config language ja`."""
    language.install(qapp, Language.JAPANESE)
    running = start_console(qtbot, db_path)
    yield running
    running.window.quit_now()
    running.close()


def settings_dialog(qtbot: QtBot, console: Console) -> SettingsDialog:
    console.window.dialogs.open_settings()
    dialog = console.window.dialogs.settings
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def form_labels(dialog: SettingsDialog) -> list[str]:
    labels = []
    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(label := item.widget(), QLabel):
                labels.append(label.text())
    return labels


def test_japanese_loads_callgates_catalogue_and_qts_own_and_the_japanese_locale(
        qtbot: QtBot, japanese_console: Console) -> None:
    dialog = settings_dialog(qtbot, japanese_console)
    assert JAPANESE_LABEL in form_labels(dialog)  # callgate's compiled catalogue
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "").startswith("キャンセル")  # Qt's, beside callgate's
    assert QLocale().language() == QLocale.Language.Japanese
    dialog.reject()


def test_english_replaces_japanese_and_speaks_the_source_words(
        qtbot: QtBot, qapp: QApplication, speaking: None, db_path: Path) -> None:
    language.install(qapp, Language.JAPANESE)
    assert language.install(qapp, Language.ENGLISH) is Language.ENGLISH  # replaces, not adds
    running = start_console(qtbot, db_path)
    try:
        dialog = settings_dialog(qtbot, running)
        assert "Language (on restart):" in form_labels(dialog)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() \
            .replace("&", "") == "Cancel"
        assert QLocale().language() == QLocale.Language.English
        dialog.reject()
    finally:
        running.window.quit_now()
        running.close()


def test_auto_follows_the_systems_locale() -> None:
    japan = QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)
    germany = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert language.spoken(Language.AUTO, japan) is Language.JAPANESE
    assert language.spoken(Language.AUTO, germany) is Language.ENGLISH
    assert language.spoken(Language.ENGLISH, japan) is Language.ENGLISH  # the setting wins
    assert language.spoken(Language.JAPANESE, germany) is Language.JAPANESE


@pytest.mark.parametrize(("lang", "spoken"), [("ja_JP.UTF-8", "ja"), ("en_GB.UTF-8", "en")])
def test_auto_on_a_machine_set_to_a_language_speaks_it(lang: str, spoken: str) -> None:
    """The system's locale as a desktop session sets it (LANG), in a console process."""
    script = textwrap.dedent("""
        from PySide6.QtCore import QCoreApplication, QLocale
        from PySide6.QtWidgets import QApplication
        from gui import language, present
        from screening.messages import Message
        from screening.setting_values import Language
        app = QApplication([])
        print(language.install(app, Language.AUTO).value, QLocale().name(),
              QCoreApplication.translate("QPlatformTheme", "Cancel"))
    """)
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_")}
    env |= {"LANG": lang, "LANGUAGE": "", "QT_QPA_PLATFORM": "offscreen"}
    said = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, text=True,
                          capture_output=True, check=True, timeout=60).stdout.split()
    assert said[0] == spoken
    assert said[1] == ("ja_JP" if spoken == "ja" else "en_US")
    assert said[2] == ("キャンセル" if spoken == "ja" else "Cancel")


@pytest.mark.parametrize(("spoken", "counted"), [
    ("en", ["1 call", "4 calls", "Last 7 days", "Last 1 day",
            "1 call: 1 let through, 0 rejected (0.0%)",
            "1,234 calls: 1,000 let through, 234 rejected (19.0%)"]),
    ("ja", ["1件", "4件", "過去7日間", "過去1日間", "着信1件：通過1件、拒否0件（0.0%）",
            "着信1,234件：通過1,000件、拒否234件（19.0%）"]),
])
def test_a_count_reads_as_the_language_counts(spoken: str, counted: list[str]) -> None:
    """In a console process as it starts: English says `1 call` and `4 calls`, never the
    source's `call(s)`, in the console's own texts and in wording's (the statistics'
    totals); Japanese has one form."""
    script = textwrap.dedent(f"""
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication
        from gui import language, present
        from screening.messages import Message
        from screening.setting_values import Language
        app = QApplication([])
        language.install(app, Language("{spoken}"))
        for context, text, count in (("HistoryView", "%Ln call(s)", 1),
                                     ("HistoryView", "%Ln call(s)", 4),
                                     ("StatisticsTab", "Last %n day(s)", 7),
                                     ("StatisticsTab", "Last %n day(s)", 1)):
            print(QCoreApplication.translate(context, text, "", count))
        for totals in ((1, "1", "0", "0.0%"), (1234, "1,000", "234", "19.0%")):
            print(present.words(Message("stats.totals", totals)))
    """)
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    said = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, text=True,
                          capture_output=True, check=True, timeout=60).stdout.splitlines()
    assert said == counted


def test_the_console_takes_the_setting_and_lang_for_this_run(db_path: Path) -> None:
    """What `python main.py` hands the console: `--lang`, else the stored setting."""
    from cli.console import language_of

    office = Office(db_path)
    office.settings.set("language", "ja")
    assert language_of(office, None) is Language.JAPANESE
    assert language_of(office, "en") is Language.ENGLISH
    office.settings.set("language", "auto")
    assert language_of(office, None) is Language.AUTO
    office.close()


def test_the_settings_save_the_language_and_say_it_applies_on_restart(
        qtbot: QtBot, console: Console) -> None:
    dialog = settings_dialog(qtbot, console)
    assert dialog.language.currentData() == "auto"
    assert [dialog.language.itemText(row) for row in range(dialog.language.count())] == [
        "Automatic (the system's language)", "日本語", "English"]
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    with qtbot.waitSignal(dialog.language_changed, timeout=10_000):
        dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert Office(console.db_path).settings.get().language is Language.JAPANESE
    assert console.window.statusBar().currentMessage() == \
        "The new language applies when callgate restarts."


def test_the_first_run_setup_asks_for_the_language_on_its_first_page(
        qtbot: QtBot, console: Console) -> None:
    console.window.dialogs.open_setup()
    wizard = console.window.dialogs.setup
    assert wizard is not None
    page = wizard.port_page
    assert wizard.currentPage() is page
    page.language.setCurrentIndex(page.language.findData("en"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.local_page, timeout=10_000)
    assert Office(console.db_path).settings.get().language is Language.ENGLISH
    wizard.reject()


# --- A Japanese typeface -------------------------------------------------------------------


@pytest.fixture
def noto_cjk(qapp: QApplication) -> None:
    """Debian's fonts-noto-cjk, through fontconfig (the machine's tools have them)."""
    families = QFontDatabase.families()
    if not shutil.which("fc-list") or not {"Noto Sans CJK JP", "Noto Sans CJK SC"} <= set(
            families):
        pytest.skip("needs fontconfig and Debian's fonts-noto-cjk")


def test_the_first_japanese_typeface_the_system_has_is_chosen() -> None:
    assert language.japanese_family(["DejaVu Sans", "Meiryo", "Yu Gothic"]) == "Yu Gothic"
    assert language.japanese_family(["Hiragino Sans", "Noto Sans CJK SC"]) == "Hiragino Sans"
    assert language.japanese_family(["DejaVu Sans", "Noto Sans CJK SC"]) is None


def test_a_japanese_console_is_in_a_japanese_typeface(qapp: QApplication, speaking: None,
                                                      noto_cjk: None) -> None:
    language.install(qapp, Language.JAPANESE)
    assert QFontInfo(QApplication.font()).family() == "Noto Sans CJK JP"
    label = QLabel("着信応答")
    assert QFontInfo(label.font()).family() == "Noto Sans CJK JP"


GLYPHS = """
import sys
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication
from gui import language
from screening.setting_values import Language
app = QApplication([])
if sys.argv[1] != "none":
    language.install(app, Language(sys.argv[1]))
layout = QTextLayout("Tanaka 直樹 さん", app.font())
layout.beginLayout()
layout.createLine()
layout.endLayout()
print(";".join(run.rawFont().familyName() for run in layout.glyphRuns()))
"""

# A desktop whose fontconfig draws kanji in a Chinese typeface unless told otherwise.
CHINESE_FIRST = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test name="family"><string>sans-serif</string></test>
    <edit name="family" mode="prepend" binding="strong">
      <string>DejaVu Sans</string><string>Noto Sans CJK SC</string>
    </edit>
  </match>
</fontconfig>
"""


@pytest.mark.parametrize("spoken", ["ja", "en"])
def test_kanji_never_take_chinese_glyph_shapes(tmp_path: Path, spoken: str,
                                               noto_cjk: None) -> None:
    """Customers' names are Japanese whatever the console speaks: on a desktop whose fonts put
    Chinese first, the console draws them in the Japanese typeface."""
    config = tmp_path / "fonts.conf"
    config.write_text(CHINESE_FIRST, encoding="utf-8")
    env = os.environ | {"FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}

    def families(argument: str) -> list[str]:
        return subprocess.run([sys.executable, "-c", GLYPHS, argument], cwd=ROOT, env=env,
                              text=True, capture_output=True, check=True,
                              timeout=60).stdout.strip().split(";")

    assert "Noto Sans CJK SC" in families("none")  # the desktop as it is
    drawn = families(spoken)
    assert "Noto Sans CJK SC" not in drawn
    assert "Noto Sans CJK JP" in drawn


def test_qt_translates_through_the_installed_catalogue(qapp: QApplication,
                                                       speaking: None) -> None:
    """The compiled catalogue is package data: loaded from the wording package's files."""
    language.install(qapp, Language.JAPANESE)
    assert language.field_label() == JAPANESE_LABEL
    assert QCoreApplication.translate("Language", "Automatic (the system's language)") \
        == "自動（システムの言語に合わせる）"
