"""The day of the build, and dates as the Romanian public reads them.

The build day is today in Europe/Bucharest, or the day given by
SOURCE_DATE_EPOCH when it is set (reproducible builds): the same content and
the same day give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from babel.dates import get_day_names, get_month_names

TIMEZONE = ZoneInfo("Europe/Bucharest")
# Romanian month and weekday names, read from babel once: formatting a date
# is then a string join (babel parses its pattern on every call, and a large
# archive shows half a million dates). tests/unit/test_dates.py checks every
# day of two centuries against babel's own `format_date`.
MONTHS = tuple(get_month_names("wide", "format", locale="ro")[m] for m in range(1, 13))
WEEKDAYS = tuple(get_day_names("wide", "format", locale="ro")[d] for d in range(7))  # Monday first


def build_moment(environ=None) -> dt.datetime:
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), TIMEZONE)
    return dt.datetime.now(TIMEZONE)


def build_day(environ=None) -> dt.date:
    return build_moment(environ).date()


def local(moment: dt.datetime) -> dt.datetime:
    """A naive Europe/Bucharest wall time made aware (with the right offset)."""
    return moment.replace(tzinfo=TIMEZONE)


def long_date(day: dt.date) -> str:
    """27 martie 2025"""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """27.03.2025"""
    return day.strftime("%d.%m.%Y")


def weekday_date(day: dt.date) -> str:
    """joi, 27 martie 2025"""
    return f"{WEEKDAYS[day.weekday()]}, {long_date(day)}"
