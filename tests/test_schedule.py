"""Schedules: business hours, holidays, closed days, time zones and the manual override.

Every instant is passed in; nothing sleeps and nothing reads the clock or the machine's zone.
"""

from __future__ import annotations

import os
import time as system_time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from refusing import refused

from screening.closed_days import ClosedDays, holiday_word, parse_closed_days, public_holiday
from screening.hours import (
    CLOSED_WEEK,
    TimeRange,
    format_hours,
    merge_ranges,
    parse_hours,
    parse_ranges,
)
from screening.instants import instant, parse_instant, zone
from screening.mode import Mode, ModeSource
from screening.mode_in_force import Override, OverrideEnd, mode_in_force
from screening.schedule import Schedule
from screening.setting_values import Language
from wording import known, render
from wording.catalogue import translator

TOKYO = ZoneInfo("Asia/Tokyo")
OFFICE = parse_hours("mon-fri 9:00-12:00, 13:00-18:00")


def at(day: int, hour: int, minute: int = 0, second: int = 0, month: int = 1) -> datetime:
    """An instant in Tokyo in 2025 (January 6 is a Monday, January 13 a public holiday)."""
    return datetime(2025, month, day, hour, minute, second, tzinfo=TOKYO)


def office(**changes: Any) -> Schedule:
    """Mon-Fri 9-12 and 13-18, accept all while open, ask while closed."""
    return replace(Schedule(OFFICE, Mode.ACCEPT_ALL, Mode.ASK), **changes)


def r(start: str, end: str) -> TimeRange:
    return TimeRange(time.fromisoformat(start), time.fromisoformat(end))


# ---------------------------------------------------------------------------------------------
# Typing business hours


@pytest.mark.parametrize(
    ("typed", "ranges"),
    [
        ("9:00-12:00, 13:00-18:00", (r("09:00", "12:00"), r("13:00", "18:00"))),
        ("9-12,13-18", (r("09:00", "12:00"), r("13:00", "18:00"))),
        ("13:00-18:00 9:00-12:00", (r("09:00", "12:00"), r("13:00", "18:00"))),
        ("９：００〜１２：００、１３：００〜１８：００",
         (r("09:00", "12:00"), r("13:00", "18:00"))),
        ("9時-12時30分", (r("09:00", "12:30"),)),
        ("9時5分〜17時", (r("09:05", "17:00"),)),
        ("9:00 - 12:00", (r("09:00", "12:00"),)),
        ("9:00~12:00", (r("09:00", "12:00"),)),
        ("9-12, 12-18", (r("09:00", "18:00"),)),  # touching ranges are one stretch
        ("9-13, 12-18", (r("09:00", "18:00"),)),  # and so are overlapping ones
        ("22:00-24:00", (r("22:00", "00:00"),)),
        ("0-24", (r("00:00", "00:00"),)),
        ("closed", ()),
        ("", ()),
        ("休み", ()),
    ],
)
def test_business_hours_read_as_people_type_them(typed: str, ranges: tuple[TimeRange, ...]) -> None:
    assert parse_ranges(typed) == ranges


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("18:00-9:00", "ends before it starts"),
        ("12-12", "ends before it starts"),
        ("9:00-25:00", "is not an end time"),
        ("24:00-24:00", "is not a start time"),
        ("9:60-12:00", "is not a start time"),
        ("9:00", "is not business hours"),
        ("nine to five", "is not business hours"),
        ("9-12 and 13-18", "is not business hours"),
    ],
)
def test_business_hours_that_make_no_sense_are_refused(typed: str, reason: str) -> None:
    with refused(reason):
        parse_ranges(typed)


def test_a_time_range_must_end_after_it_starts_and_has_no_zone() -> None:
    with pytest.raises(ValueError, match="end after they start"):
        r("12:00", "09:00")
    with pytest.raises(ValueError, match="without a time zone"):
        TimeRange(time(9, tzinfo=TOKYO), time(12))
    assert str(r("09:00", "00:00")) == "09:00-24:00"
    assert r("09:00", "12:00").covers(time(11, 59, 59))
    assert not r("09:00", "12:00").covers(time(12))


def test_a_week_reads_from_one_line() -> None:
    week = parse_hours("mon-fri 9:00-12:00, 13:00-18:00; sat 9-12")
    assert week[0] == week[4] == (r("09:00", "12:00"), r("13:00", "18:00"))
    assert week[5] == (r("09:00", "12:00"),)
    assert week[6] == ()
    assert parse_hours("月-金 9-18\n土 closed") == parse_hours("weekdays 9-18")
    assert parse_hours("daily 0-24") == ((r("00:00", "00:00"),),) * 7
    assert parse_hours("mon,wed,fri 9-12")[1] == ()
    assert parse_hours("monday 9-12; Tuesday 9-12")[:2] == ((r("09:00", "12:00"),),) * 2
    assert parse_hours("") == CLOSED_WEEK


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("mon 9-12; mon 13-18", "mon is given twice"), ("fri-mon 9-12", "runs backwards"),
     ("funday 9-12", "not a day of the week"), ("mo 9-12", "not a day of the week"),
     ("mon 9", "not business hours")],
)
def test_a_week_that_makes_no_sense_is_refused(typed: str, reason: str) -> None:
    with refused(reason):
        parse_hours(typed)


def test_a_week_is_written_back_grouping_days_alike() -> None:
    assert format_hours(OFFICE) == "mon-fri 09:00-12:00, 13:00-18:00"
    week = parse_hours("mon-wed 9-18; thu 9-12; fri 9-18; sun 10-14")
    assert format_hours(week) == (
        "mon-wed 09:00-18:00; thu 09:00-12:00; fri 09:00-18:00; sun 10:00-14:00"
    )
    assert format_hours(CLOSED_WEEK) == ""


RANGES = st.lists(
    st.tuples(st.integers(0, 47), st.integers(1, 48)).filter(lambda p: p[0] < p[1]), max_size=4
).map(lambda pairs: merge_ranges(
    TimeRange(time(a // 2, a % 2 * 30), time(b // 2 % 24, b % 2 * 30)) for a, b in pairs
))


@hypothesis_settings(max_examples=200, deadline=None)
@given(week=st.tuples(*[RANGES] * 7))
def test_writing_a_week_and_reading_it_back_gives_the_same_week(
    week: tuple[tuple[TimeRange, ...], ...]
) -> None:
    assert parse_hours(format_hours(week)) == week


# ---------------------------------------------------------------------------------------------
# Holidays and closed days


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2025, 1, 1), "New Year's Day"),
        (date(2025, 1, 13), "Coming of Age Day"),
        (date(2025, 5, 6), "Substitute Holiday"),  # Greenery Day fell on a Sunday
        (date(2026, 9, 22), "National Holiday"),  # 国民の休日 between two holidays
        (date(2025, 11, 3), "Culture Day"),
    ],
)
def test_japanese_public_holidays_come_from_the_holiday_package(day: date, name: str) -> None:
    assert public_holiday(day) == name


def test_every_holiday_reads_as_its_own_name_in_english_and_in_japanese() -> None:
    """The steps of an explanation name the holiday in the reader's language: the Japanese is
    the holiday's official name, as the package gives it (成人の日), for every holiday from
    now on; every holiday it knows, the ones held once included, has words."""
    from holidays.countries.japan import Japan

    japanese = translator(Language.JAPANESE)
    for year in range(1949, 2100):
        english, official = Japan(years=year, language="en_US"), Japan(years=year, language="ja")
        for day, name in english.items():
            word = holiday_word(name)
            assert known(word.code), f"no words for {name} ({word.code})"
            assert render(word) == name
            # 2019's two enthronement days share one English name.
            if year >= 2020:
                assert render(word, japanese) == official[day], name


@pytest.mark.parametrize("day", [date(2025, 1, 6), date(2025, 12, 29), date(2025, 1, 4)])
def test_ordinary_days_are_no_holiday(day: date) -> None:
    assert public_holiday(day) is None


@pytest.mark.parametrize(
    ("typed", "closed"),
    [
        ("2025-08-13..2025-08-16 お盆休み",
         ClosedDays(date(2025, 8, 13), date(2025, 8, 16), "お盆休み")),
        ("2025/08/15", ClosedDays(date(2025, 8, 15), date(2025, 8, 15))),
        ("2025-12-29〜2026-01-03 年末年始",
         ClosedDays(date(2025, 12, 29), date(2026, 1, 3), "年末年始")),
        ("12-29..01-03 年末年始",
         ClosedDays(date(2000, 12, 29), date(2000, 1, 3), "年末年始", True)),
        ("08-15", ClosedDays(date(2000, 8, 15), date(2000, 8, 15), yearly=True)),
        ("２０２５－０８－１５", ClosedDays(date(2025, 8, 15), date(2025, 8, 15))),
    ],
)
def test_closed_days_read_as_people_type_them(typed: str, closed: ClosedDays) -> None:
    assert parse_closed_days(typed) == closed
    assert parse_closed_days(str(closed)) == closed, "written back, it reads the same"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("2025-08-16..2025-08-13", "end on or after"), ("2025-02-30", "not a date"),
     ("12-29..2026-01-03", "year on both dates or on neither"), ("summer", "not closed days"),
     ("2025-01-01..2026-06-01", "longer than a year"), ("2025-08-13x", "not closed days")],
)
def test_closed_days_that_make_no_sense_are_refused(typed: str, reason: str) -> None:
    with refused(reason):
        parse_closed_days(typed)


@pytest.mark.parametrize(
    ("day", "covered"),
    [(date(2025, 12, 28), False), (date(2025, 12, 29), True), (date(2025, 12, 31), True),
     (date(2026, 1, 1), True), (date(2026, 1, 3), True), (date(2026, 1, 4), False),
     (date(2030, 1, 2), True)],
)
def test_a_yearly_closing_wraps_the_year_end(day: date, covered: bool) -> None:
    assert parse_closed_days("12-29..01-03").covers(day) is covered


def test_the_office_is_closed_all_day_on_a_public_holiday() -> None:
    schedule = office()
    state = schedule.state_at(at(13, 10))  # Coming of Age Day, a Monday
    assert not state.open and state.mode is Mode.ASK
    assert render(state.why) == "closed all day: public holiday (Coming of Age Day)"
    assert state.until == at(14, 9), "the next change is Tuesday's opening"


def test_holidays_can_be_worked_through() -> None:
    state = office(public_holidays=False).state_at(at(13, 10))
    assert state.open and state.mode is Mode.ACCEPT_ALL


def test_the_office_is_closed_on_its_own_closed_days() -> None:
    schedule = office(closed_days=(parse_closed_days("12-29..01-03 年末年始"),
                                   parse_closed_days("2025-01-07 棚卸")))
    state = schedule.state_at(at(6, 10, month=1) - timedelta(days=4))  # Thu, January 2
    assert not state.open
    assert render(state.why) == "closed all day: closed day (12-29..01-03 年末年始)"
    assert state.until == at(6, 9), "Saturday and Sunday have no hours either"
    assert schedule.state_at(at(6, 10)).open
    assert schedule.state_at(at(6, 10)).until == at(6, 12)
    assert schedule.state_at(at(6, 18)).until == at(8, 9), "the stocktaking day is skipped"


# ---------------------------------------------------------------------------------------------
# Range edges


@pytest.mark.parametrize(
    ("moment", "is_open", "until"),
    [
        (at(6, 0, 0), False, at(6, 9)),
        (at(6, 8, 59, 59), False, at(6, 9)),
        (at(6, 9, 0), True, at(6, 12)),
        (at(6, 11, 59, 59), True, at(6, 12)),
        (at(6, 12, 0), False, at(6, 13)),
        (at(6, 12, 59, 59), False, at(6, 13)),
        (at(6, 13, 0), True, at(6, 18)),
        (at(6, 17, 59, 59), True, at(6, 18)),
        (at(6, 18, 0), False, at(7, 9)),
        (at(6, 23, 59, 59), False, at(7, 9)),
        (at(10, 18, 0), False, at(14, 9)),  # Friday evening: the weekend and Monday's holiday
        (at(11, 12, 0), False, at(14, 9)),
    ],
)
def test_the_office_opens_at_the_start_and_closes_at_the_end_of_each_range(
    moment: datetime, is_open: bool, until: datetime
) -> None:
    state = office().state_at(moment)
    assert state.open is is_open
    assert state.mode is (Mode.ACCEPT_ALL if is_open else Mode.ASK)
    assert state.until == until
    assert state.until is not None and state.until.utcoffset() == timedelta(0), "in UTC"
    assert office().next_change(moment) == until


def test_ranges_that_touch_make_no_change_between_them() -> None:
    schedule = Schedule(parse_hours("mon-fri 9-12, 12-18"))
    assert schedule.state_at(at(6, 11)).until == at(6, 18)


def test_a_stretch_across_midnight_is_one_stretch() -> None:
    schedule = Schedule(parse_hours("mon 22:00-24:00; tue 00:00-06:00, 9-12"))
    assert schedule.state_at(at(6, 23)).until == at(7, 6)
    assert schedule.state_at(at(7, 1)).open
    assert schedule.state_at(at(7, 1)).until == at(7, 6)
    assert not schedule.state_at(at(7, 6)).open
    assert schedule.state_at(at(6, 21, 59)).until == at(6, 22)


def test_an_office_open_around_the_clock_changes_only_on_holidays() -> None:
    schedule = Schedule(parse_hours("daily 0-24"))
    state = schedule.state_at(at(6, 3))
    assert state.open and state.until == at(13, 0), "Coming of Age Day"
    assert schedule.state_at(at(13, 12)).until == at(14, 0)


def test_a_schedule_without_hours_is_always_closed_with_no_change_ahead() -> None:
    state = Schedule().state_at(at(6, 10))
    assert not state.open and state.until is None
    assert state.mode is Mode.REJECT_ALL, "the default mode when closed"
    assert render(state.why) == "closed: no business hours on Monday"


def test_a_schedule_needs_seven_days_and_a_real_time_zone() -> None:
    with pytest.raises(ValueError, match="7 days"):
        Schedule(week=((),) * 5)
    with refused("not a time zone"):
        Schedule(time_zone="Mars/Olympus_Mons")
    with refused("not a time zone"):
        zone("../etc/passwd")


def test_a_schedule_merges_the_ranges_it_is_given() -> None:
    schedule = Schedule(week=((r("13:00", "18:00"), r("09:00", "12:00"), r("11:00", "13:00")),
                              (), (), (), (), (), ()))
    assert schedule.week[0] == (r("09:00", "18:00"),)


def test_the_state_at_the_same_instant_is_the_same_however_it_is_written() -> None:
    moment = at(6, 12, 30)
    schedule = office()
    assert schedule.state_at(moment) == schedule.state_at(moment.astimezone(UTC))
    assert schedule.state_at(moment) == schedule.state_at(
        moment.astimezone(ZoneInfo("America/Los_Angeles"))
    )


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        office().state_at(datetime(2025, 1, 6, 10))
    with pytest.raises(ValueError, match="aware"):
        Override(Mode.ASK, datetime(2025, 1, 6, 10))


# ---------------------------------------------------------------------------------------------
# Time zones


@pytest.fixture
def machine_in_utc() -> Iterator[None]:
    """The process's local time zone set to UTC, as on a server or in a container."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    system_time.tzset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        system_time.tzset()


@pytest.mark.usefixtures("machine_in_utc")
def test_hours_are_the_offices_not_the_machines() -> None:
    assert system_time.localtime(0).tm_hour == 0, "the machine really is on UTC"
    # 00:30 UTC is 09:30 in Tokyo: open, although the machine's clock says half past midnight.
    assert office().state_at(datetime(2025, 1, 6, 0, 30, tzinfo=UTC)).open
    # 09:30 UTC is 18:30 in Tokyo: closed.
    state = office().state_at(datetime(2025, 1, 6, 9, 30, tzinfo=UTC))
    assert not state.open and state.until == datetime(2025, 1, 7, 0, 0, tzinfo=UTC)
    # Sunday 15:00 UTC is Monday 00:00 in Tokyo, and Monday's hours are what count.
    assert render(office().state_at(datetime(2025, 1, 5, 15, 0, tzinfo=UTC)).why).endswith(
        "(Monday 09:00-12:00, 13:00-18:00)"
    )
    assert render(instant(datetime(2025, 1, 6, 0, 0, tzinfo=UTC))) == "2025-01-06 (Mon) 09:00 JST"
    assert parse_instant("2025-01-06T09:30") == at(6, 9, 30)


def test_a_holiday_is_a_day_in_the_offices_zone() -> None:
    # January 12, 15:00 UTC is January 13, 00:00 in Tokyo: the holiday has begun there.
    state = office().state_at(datetime(2025, 1, 12, 15, 0, tzinfo=UTC))
    assert render(state.why).startswith("closed all day: public holiday")


def test_an_office_in_another_zone_keeps_its_wall_clock_across_daylight_saving() -> None:
    new_york = ZoneInfo("America/New_York")
    schedule = Schedule(parse_hours("daily 9-17"), public_holidays=False,
                        time_zone="America/New_York")
    # 2025-03-09 is the day clocks move forward: 09:00 EDT is 13:00 UTC, the day before 14:00.
    assert schedule.state_at(datetime(2025, 3, 8, 13, 30, tzinfo=UTC)).until == datetime(
        2025, 3, 8, 14, 0, tzinfo=UTC
    )
    assert schedule.state_at(datetime(2025, 3, 9, 12, 30, tzinfo=UTC)).until == datetime(
        2025, 3, 9, 13, 0, tzinfo=UTC
    )
    assert schedule.state_at(datetime(2025, 3, 9, 9, 0, tzinfo=new_york)).open
    assert render(instant(datetime(2025, 3, 9, 13, 0, tzinfo=UTC), "America/New_York")) == (
        "2025-03-09 (Sun) 09:00 EDT"
    )


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2025-01-06T09:30", at(6, 9, 30)),
        ("2025-01-06 09:30", at(6, 9, 30)),
        ("2025-01-06T00:30+00:00", at(6, 9, 30)),
        ("2025-01-06T00:30Z", at(6, 9, 30)),
        ("２０２５－０１－０６Ｔ０９：３０", at(6, 9, 30)),
        # As the console and the command line write a moment in Japanese, and as typed so
        ("2025/01/06(月) 09:30", at(6, 9, 30)),
        ("2025/1/6 9:30", at(6, 9, 30)),
        ("２０２５／０１／０６（月）　０９：３０", at(6, 9, 30)),
    ],
)
def test_a_typed_time_is_the_offices_wall_time_unless_it_says_otherwise(
    typed: str, meant: datetime
) -> None:
    assert parse_instant(typed) == meant


def test_a_typed_time_that_is_no_time_is_refused() -> None:
    with refused("not a time"):
        parse_instant("tomorrow morning")


# ---------------------------------------------------------------------------------------------
# The manual override and the mode in force


def test_an_override_set_at_night_ends_when_the_office_opens() -> None:
    schedule = office(closed_mode=Mode.ACCEPT_ALL)
    night = Override(Mode.REJECT_ALL, at(6, 22))
    assert night.until(schedule) == at(7, 9)
    assert night.active(schedule, at(7, 8, 59, 59))
    assert not night.active(schedule, at(7, 9))
    before = mode_in_force(Mode.ACCEPT_ALL, schedule, night, at(7, 8, 59, 59))
    assert (before.mode, before.source, before.until) == (
        Mode.REJECT_ALL, ModeSource.OVERRIDE, at(7, 9))
    after = mode_in_force(Mode.ACCEPT_ALL, schedule, night, at(7, 9))
    assert (after.mode, after.source, after.until) == (
        Mode.ACCEPT_ALL, ModeSource.SCHEDULE, at(7, 12))
    assert any("has expired" in render(step) for step in after.steps)


def test_an_override_set_in_office_hours_ends_at_the_next_close() -> None:
    lunch = Override(Mode.ASK, at(6, 10))
    assert lunch.until(office()) == at(6, 12)
    assert mode_in_force(Mode.ACCEPT_ALL, office(), lunch, at(6, 12)).mode is Mode.ASK
    assert mode_in_force(Mode.ACCEPT_ALL, office(), lunch, at(6, 11, 59)).mode is Mode.ASK
    assert mode_in_force(Mode.ACCEPT_ALL, office(), lunch, at(6, 13)).mode is Mode.ACCEPT_ALL


def test_an_override_set_on_a_change_lasts_until_the_following_one() -> None:
    assert Override(Mode.ASK, at(6, 9)).until(office()) == at(6, 12)


def test_an_override_until_turned_off_outlasts_every_change() -> None:
    held = Override(Mode.REJECT_ALL, at(6, 22), OverrideEnd.TURNED_OFF)
    assert held.until(office()) is None
    later = mode_in_force(Mode.ACCEPT_ALL, office(), held, at(20, 10))
    assert (later.mode, later.source, later.until) == (Mode.REJECT_ALL, ModeSource.OVERRIDE, None)
    assert "until turned off" in render(later.steps[-1])


def test_an_override_without_a_schedule_lasts_until_turned_off() -> None:
    held = Override(Mode.ASK, at(6, 22))
    assert held.until(None) is None
    assert mode_in_force(Mode.ACCEPT_ALL, None, held, at(30, 10)).mode is Mode.ASK


def test_an_override_set_after_the_instant_asked_about_does_not_apply() -> None:
    later = Override(Mode.REJECT_ALL, at(6, 22))
    state = mode_in_force(Mode.ACCEPT_ALL, office(), later, at(6, 10))
    assert (state.mode, state.source) == (Mode.ACCEPT_ALL, ModeSource.SCHEDULE)
    assert "does not apply yet" in render(state.steps[-1])


def test_without_a_schedule_the_mode_setting_is_in_force_and_needs_no_time() -> None:
    state = mode_in_force(Mode.ASK)
    assert (state.mode, state.source, state.until, render(state.detail)) == (
        Mode.ASK, ModeSource.SETTING, None, "mode ask")
    with pytest.raises(ValueError, match="needs the time"):
        mode_in_force(Mode.ASK, office())


def test_the_mode_in_force_says_where_it_comes_from_and_until_when() -> None:
    state = mode_in_force(Mode.REJECT_ALL, office(), None, at(6, 10))
    assert (state.mode, state.source, state.until) == (
        Mode.ACCEPT_ALL, ModeSource.SCHEDULE, at(6, 12))
    assert render(state.detail) == "mode accept-all (schedule, office open)"
    assert tuple(map(render, state.steps)) == (
        "Schedule (Asia/Tokyo) at 2025-01-06 (Mon) 10:00 JST: open: inside business hours "
        "(Monday 09:00-12:00, 13:00-18:00); the scheduled mode is accept-all until "
        "2025-01-06 (Mon) 12:00 JST.",
    )
    quiet = mode_in_force(Mode.REJECT_ALL, office(), None, at(6, 10), explain=False)
    assert quiet.steps == () and quiet.mode is state.mode and quiet.until == state.until
    override = mode_in_force(Mode.REJECT_ALL, office(), Override(Mode.ASK, at(6, 9, 30)), at(6, 10))
    assert render(override.detail) == "mode ask (manual override)"


@hypothesis_settings(max_examples=200, deadline=None)
@given(minutes=st.integers(0, 60 * 24 * 21))
def test_the_state_holds_until_the_change_it_names(minutes: int) -> None:
    """Just before `until` the state is the same; at `until` it has flipped."""
    schedule = office(closed_days=(parse_closed_days("2025-01-20..2025-01-21"),))
    moment = at(1, 0) + timedelta(minutes=minutes)
    state = schedule.state_at(moment)
    assert state.until is not None and state.until > moment
    assert schedule.state_at(state.until - timedelta(seconds=1)).open is state.open
    assert schedule.state_at(state.until).open is not state.open
