"""Dates as the Romanian public reads them, and the day of the build."""

import datetime as dt

import pytest
from babel.dates import format_date

from transparency.domain import dates


def test_long_and_weekday_dates_match_babel_on_every_day_of_two_centuries():
    day, last = dt.date(1900, 1, 1), dt.date(2100, 1, 1)
    while day < last:
        assert dates.long_date(day) == format_date(day, "d MMMM y", locale="ro")
        assert dates.weekday_date(day) == format_date(day, "EEEE, d MMMM y", locale="ro")
        day += dt.timedelta(days=1)


def test_examples():
    assert dates.long_date(dt.date(2025, 3, 27)) == "27 martie 2025"
    assert dates.weekday_date(dt.date(2025, 3, 27)) == "joi, 27 martie 2025"
    assert dates.short_date(dt.date(2025, 3, 7)) == "07.03.2025"


def test_build_day_follows_source_date_epoch_in_bucharest():
    # 2025-11-25 22:30 UTC is already 26 November in Bucharest (UTC+2).
    assert dates.build_day({"SOURCE_DATE_EPOCH": "1764109800"}) == dt.date(2025, 11, 26)


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "1e9", "١٢٣", "0x10", "99999999999999999999", "9" * 5000,
                                   str(dates.LAST_EPOCH + 1)])
def test_a_source_date_epoch_that_is_not_whole_seconds_in_range_is_one_clear_error(value):
    with pytest.raises(dates.EpochError) as raised:
        dates.build_day({"SOURCE_DATE_EPOCH": value})
    assert "SOURCE_DATE_EPOCH" in str(raised.value) and "un număr întreg de secunde" in str(raised.value)


def test_the_ends_of_the_source_date_epoch_range_are_accepted():
    assert dates.build_day({"SOURCE_DATE_EPOCH": " 0 "}) == dt.date(1970, 1, 1)
    assert dates.build_day({"SOURCE_DATE_EPOCH": str(dates.LAST_EPOCH)}) == dt.date(9000, 1, 1)
    assert dates.plausible(dates.build_day({"SOURCE_DATE_EPOCH": str(dates.LAST_EPOCH)})).last == dt.date(9005, 12, 31)


def test_plausible_dates_run_from_1990_to_the_end_of_the_fifth_year_ahead():
    window = dates.plausible(dt.date(2025, 11, 25))
    assert dt.date(1990, 1, 1) in window and dt.date(2030, 12, 31) in window
    assert dt.date(1989, 12, 31) not in window and dt.date(2031, 1, 1) not in window


def test_the_hour_skipped_when_summer_time_begins_does_not_exist():
    # The clocks go from 03:00 to 04:00 on 29 March 2026 (the last Sunday of March) and back on 25 October.
    spring, autumn = dt.date(2026, 3, 29), dt.date(2026, 10, 25)
    gap = [dt.datetime.combine(spring, dt.time(hour, minute)) for hour in range(24) for minute in (0, 30)
           if not dates.exists_locally(dt.datetime.combine(spring, dt.time(hour, minute)))]
    assert gap == [dt.datetime(2026, 3, 29, 3, 0), dt.datetime(2026, 3, 29, 3, 30)]
    assert all(dates.exists_locally(dt.datetime.combine(autumn, dt.time(hour, 30))) for hour in range(24))


def test_a_meeting_at_a_time_that_does_not_exist_is_an_error_with_its_line(tmp_path):
    from support.trees import check_with, found
    meeting = "---\ntitle: Ședința ordinară\nkind: ordinary\ndate: {}\n---\n"
    checked = check_with(tmp_path, {"sedinte/sedinta-a.md": meeting.format("2026-03-29 03:30"),
                                    "sedinte/sedinta-b.md": meeting.format("2026-10-25 03:30")})
    [(path, line, severity, message)] = found(checked, "date")
    assert (path, line, severity) == ("sedinte/sedinta-a.md", 4, "error")
    assert "03:30" in message and "ora de vară" in message
