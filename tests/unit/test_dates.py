"""Dates as the Romanian public reads them, and the day of the build."""

import datetime as dt

from babel.dates import format_date

from transparency import dates


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
