"""The names of Japan's public holidays (screening.closed_days.holiday_word), as the `holidays`
package writes them in English: a closed day's reason in the steps of an explanation."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    "holiday.new-year-s-day": QT_TRANSLATE_NOOP("holidays", "New Year's Day"),
    "holiday.coming-of-age-day": QT_TRANSLATE_NOOP("holidays", "Coming of Age Day"),
    "holiday.foundation-day": QT_TRANSLATE_NOOP("holidays", "Foundation Day"),
    "holiday.emperor-s-birthday": QT_TRANSLATE_NOOP("holidays", "Emperor's Birthday"),
    "holiday.vernal-equinox-day": QT_TRANSLATE_NOOP("holidays", "Vernal Equinox Day"),
    "holiday.showa-day": QT_TRANSLATE_NOOP("holidays", "Showa Day"),
    "holiday.constitution-day": QT_TRANSLATE_NOOP("holidays", "Constitution Day"),
    "holiday.greenery-day": QT_TRANSLATE_NOOP("holidays", "Greenery Day"),
    "holiday.children-s-day": QT_TRANSLATE_NOOP("holidays", "Children's Day"),
    "holiday.marine-day": QT_TRANSLATE_NOOP("holidays", "Marine Day"),
    "holiday.mountain-day": QT_TRANSLATE_NOOP("holidays", "Mountain Day"),
    "holiday.respect-for-the-aged-day": QT_TRANSLATE_NOOP("holidays", "Respect for the Aged Day"),
    "holiday.autumnal-equinox-day": QT_TRANSLATE_NOOP("holidays", "Autumnal Equinox Day"),
    "holiday.sports-day": QT_TRANSLATE_NOOP("holidays", "Sports Day"),
    "holiday.physical-education-day": QT_TRANSLATE_NOOP("holidays", "Physical Education Day"),
    "holiday.culture-day": QT_TRANSLATE_NOOP("holidays", "Culture Day"),
    "holiday.labor-thanksgiving-day": QT_TRANSLATE_NOOP("holidays", "Labor Thanksgiving Day"),
    "holiday.substitute-holiday": QT_TRANSLATE_NOOP("holidays", "Substitute Holiday"),
    "holiday.national-holiday": QT_TRANSLATE_NOOP("holidays", "National Holiday"),
    # Days made holidays once, for the imperial family's ceremonies
    "holiday.the-crown-prince-marriage-ceremony": QT_TRANSLATE_NOOP(
        "holidays", "The Crown Prince Marriage Ceremony"),
    "holiday.emperor-showa-funeral-ceremony": QT_TRANSLATE_NOOP(
        "holidays", "Emperor Shōwa Funeral Ceremony"),
    "holiday.enthronement-ceremony": QT_TRANSLATE_NOOP("holidays", "Enthronement Ceremony"),
    "holiday.emperor-s-enthronement-day": QT_TRANSLATE_NOOP(
        "holidays", "Emperor's Enthronement Day"),
})
