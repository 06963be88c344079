"""The schedule: business hours per weekday, the mode inside and outside them, Japanese public
holidays, the office's closed days and its time zone. Saved through the session all at once;
an invalid field is refused with the reason and nothing is stored."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui import present
from gui.banner import ErrorLabel
from gui.changes import Changes, saving_text
from gui.desk import refusal
from gui.session import ConsoleSession
from screening.hours import WEEKDAYS, parse_ranges
from screening.mode import Mode
from screening.settings import Key, OfficeSettings
from server.protocol.messages import SetSchedule

DAY_LABELS = (
    QT_TRANSLATE_NOOP("ScheduleDialog", "Monday (月)"),
    QT_TRANSLATE_NOOP("ScheduleDialog", "Tuesday (火)"),
    QT_TRANSLATE_NOOP("ScheduleDialog", "Wednesday (水)"),
    QT_TRANSLATE_NOOP("ScheduleDialog", "Thursday (木)"),
    QT_TRANSLATE_NOOP("ScheduleDialog", "Friday (金)"),
    QT_TRANSLATE_NOOP("ScheduleDialog", "Saturday (土)"),
    QT_TRANSLATE_NOOP("ScheduleDialog", "Sunday (日)"),
)


def day_label(day: int) -> str:
    return QCoreApplication.translate("ScheduleDialog", str(DAY_LABELS[day]))


class ScheduleDialog(QDialog):
    """Opened with open(); Save validates every field and stays open with the reason on a bad
    one, storing nothing. Turning the schedule on or off ends a manual override."""

    def __init__(self, session: ConsoleSession, changes: Changes,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Schedule"))
        self._changes = changes
        settings = OfficeSettings.of(session.settings)
        self._schedule_on = settings.schedule_on
        week = settings.hours

        self.enabled = QCheckBox(self.tr("&Business hours choose the mode"), self)
        self.enabled.setChecked(settings.schedule_on)
        hours = QGroupBox(self.tr("Business hours (office time; several ranges a day, like "
                                  "9:00-12:00, 13:00-18:00; empty: closed)"), self)
        hours_form = QFormLayout(hours)
        self.error = ErrorLabel(self)
        self.days: list[QLineEdit] = []
        for day in range(7):
            edit = QLineEdit(", ".join(str(part) for part in week[day]), hours)
            edit.setPlaceholderText(self.tr("closed"))
            edit.textEdited.connect(self.error.clear_error)
            hours_form.addRow(self.tr("%1:").replace("%1", day_label(day)), edit)
            self.days.append(edit)
        self.open_mode = self._mode_combo(settings.open_mode)
        self.closed_mode = self._mode_combo(settings.closed_mode)
        self.holidays = QCheckBox(self.tr("Closed on Japanese public &holidays"), self)
        self.holidays.setChecked(settings.public_holidays)
        self.closed_days = QPlainTextEdit(
            "\n".join(present.words(days.words()) for days in settings.closed_days), self)
        self.closed_days.setPlaceholderText(
            self.tr("One per line, like:\n%1-08-13..%1-08-16 お盆\n12-29..01-03 年末年始")
            .replace("%1", str(present.office_now().year)))
        self.closed_days.setTabChangesFocus(True)
        self.time_zone = QLineEdit(settings.time_zone, self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Mode inside business hours:"), self.open_mode)
        form.addRow(self.tr("Mode outside business hours:"), self.closed_mode)
        form.addRow("", self.holidays)
        form.addRow(self.tr("The office's &closed days:"), self.closed_days)
        form.addRow(self.tr("&Time zone:"), self.time_zone)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addWidget(hours)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        why = refusal(session, SetSchedule(changes={}))
        if why is not None:  # an operator's console shows the schedule, and why it stays
            self.save_button.setEnabled(False)
            self.error.show_error(why)

    def _mode_combo(self, current: str) -> QComboBox:
        combo = QComboBox(self)
        for mode in Mode:
            combo.addItem(present.mode_text(mode), mode.value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    @property
    def save_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def error_text(self) -> str:
        """Why the last save was refused, or ''."""
        return self.error.message()

    def hours_text(self) -> str:
        """The week as the `schedule-hours` setting reads it; ValueError naming the day."""
        entries: list[str] = []
        for day, edit in enumerate(self.days):
            text = edit.text().strip()
            try:
                ranges = parse_ranges(text)
            except ValueError as error:
                raise ValueError(self.tr("%1: %2").replace("%1", day_label(day))
                                 .replace("%2", present.refused(error))) from None
            if ranges:
                entries.append(f"{WEEKDAYS[day]} {', '.join(str(part) for part in ranges)}")
        return "; ".join(entries)

    @Slot()
    def save(self) -> None:
        """Send every field, or none with the reason shown; the dialog closes once stored."""
        try:
            values = {
                Key.SCHEDULE_HOURS: self.hours_text(),
                Key.OPEN_MODE: str(self.open_mode.currentData()),
                Key.CLOSED_MODE: str(self.closed_mode.currentData()),
                Key.PUBLIC_HOLIDAYS: "on" if self.holidays.isChecked() else "off",
                Key.CLOSED_DAYS: "; ".join(line.strip() for line in
                                           self.closed_days.toPlainText().splitlines()
                                           if line.strip()),
                Key.TIME_ZONE: self.time_zone.text().strip(),
            }
        except ValueError as error:
            self.error.show_error(present.refused(error))
            return
        on = self.enabled.isChecked()
        self.save_button.setEnabled(False)

        def ended(words: str = "") -> None:
            self.save_button.setEnabled(True)
            if words:
                self.error.show_error(words)
            else:
                self.error.clear_error()

        def saved(_: object) -> None:
            ended()
            self.accept()

        command = SetSchedule(changes={str(key): text for key, text in values.items()},
                              on=on if on != self._schedule_on else None)
        self._changes.send(self, command, saved=saved, refused=lambda words, _: ended(words),
                           failed=ended, saving=lambda: self.error.show_error(saving_text()))
