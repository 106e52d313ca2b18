"""The day of the build, and dates as the Romanian public reads them.

The build day is today in Europe/Bucharest, or the day given by
SOURCE_DATE_EPOCH when it is set (reproducible builds): the same content and
the same day give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from babel.dates import format_date

TIMEZONE = ZoneInfo("Europe/Bucharest")


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
    return format_date(day, "d MMMM y", locale="ro")


def short_date(day: dt.date) -> str:
    """27.03.2025"""
    return day.strftime("%d.%m.%Y")


def weekday_date(day: dt.date) -> str:
    """joi, 27 martie 2025"""
    return format_date(day, "EEEE, d MMMM y", locale="ro")
