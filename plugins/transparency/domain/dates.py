"""The day of the build, and dates as the Romanian public reads them.

The build day is today in Europe/Bucharest, or the day given by
SOURCE_DATE_EPOCH when it is set (reproducible builds): the same content and
the same day give the same bytes. A SOURCE_DATE_EPOCH that is not a whole
number of seconds in range stops the build with one message.

Dates in content must lie in a plausible window, from 1 January 1990 (the
first councils after 1989) to 31 December of the fifth year after the build
year (meetings and consultations are planned ahead, never decades ahead). A
date outside it is a typing mistake (9999, 1800, 2205 for 2025), and the
tz database gives dates before 1891 Bucharest's local mean time, offsets
such as +01:44:24 that feeds and calendars cannot carry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import get_day_names, get_month_names

TIMEZONE = ZoneInfo("Europe/Bucharest")
# Romanian month and weekday names, read from babel once: formatting a date
# is then a string join (babel parses its pattern on every call, and a large
# archive shows half a million dates). tests/unit/test_dates.py checks every
# day of two centuries against babel's own `format_date`.
MONTHS = tuple(get_month_names("wide", "format", locale="ro")[m] for m in range(1, 13))
WEEKDAYS = tuple(get_day_names("wide", "format", locale="ro")[d] for d in range(7))  # Monday first
EARLIEST = dt.date(1990, 1, 1)
YEARS_AHEAD = 5
# SOURCE_DATE_EPOCH: from 1970 to the start of year 9000, so that the window of dates
# (build year + YEARS_AHEAD) and every date computed from the build day stay valid.
LAST_EPOCH = int(dt.datetime(9000, 1, 1, tzinfo=dt.timezone.utc).timestamp())


class EpochError(ValueError):
    """SOURCE_DATE_EPOCH is set to something that is not a usable moment."""


@dataclass(frozen=True)
class Window:
    """The dates a document may hold, both ends included."""

    first: dt.date
    last: dt.date

    def __contains__(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


def plausible(today: dt.date) -> Window:
    return Window(EARLIEST, dt.date(today.year + YEARS_AHEAD, 12, 31))


def build_moment(environ: Mapping[str, str]) -> dt.datetime:
    """Now, or the moment SOURCE_DATE_EPOCH gives in `environ` (the process environment, passed in
    by the adapters: the domain reads no global state)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(parse_epoch(epoch), TIMEZONE)
    return dt.datetime.now(TIMEZONE)


def parse_epoch(text: str) -> int:
    """Seconds since 1970 as SOURCE_DATE_EPOCH gives them (https://reproducible-builds.org/specs/source-date-epoch/)."""
    if text.isascii() and text.isdigit() and len(text) <= len(str(LAST_EPOCH)) and int(text) <= LAST_EPOCH:
        return int(text)
    raise EpochError(f"SOURCE_DATE_EPOCH={text!r} nu este un moment valid (așteptat: un număr întreg de secunde "
                     f"de la 1970-01-01 UTC, între 0 și {LAST_EPOCH}, de exemplu 1764064800, "
                     "ori variabila nesetată pentru ziua de azi)")


def build_day(environ: Mapping[str, str]) -> dt.date:
    return build_moment(environ).date()


def local(moment: dt.datetime) -> dt.datetime:
    """A naive Europe/Bucharest wall time made aware (with the right offset)."""
    return moment.replace(tzinfo=TIMEZONE)


def exists_locally(moment: dt.datetime) -> bool:
    """Whether the naive wall time `moment` happens in Bucharest: not in the hour the clocks skip
    when summer time begins (03:00 → 04:00 on the last Sunday of March)."""
    aware = local(moment)
    return aware.astimezone(dt.timezone.utc).astimezone(TIMEZONE).replace(tzinfo=None) == moment


def long_date(day: dt.date) -> str:
    """27 martie 2025"""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def long_moment(moment: dt.datetime) -> str:
    """27 martie 2025, ora 10:00 (the moment's wall-clock time, as given)"""
    return f"{long_date(moment.date())}, ora {moment:%H:%M}"


def short_date(day: dt.date) -> str:
    """27.03.2025"""
    return day.strftime("%d.%m.%Y")


def weekday_date(day: dt.date) -> str:
    """joi, 27 martie 2025"""
    return f"{WEEKDAYS[day.weekday()]}, {long_date(day)}"
