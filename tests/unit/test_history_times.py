"""The history shows each date or moment a changed field holds in a <time> (site/history.timed): the
contract's „every date shown on a page”, a meeting's hour included. Read back with Beautiful Soup."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from transparency.site.history import timed


@pytest.mark.parametrize("value, moments, text", [
    ("data: 2027-01-01, eveniment: data intrării în vigoare", ["2027-01-01"],
     "data: 1 ianuarie 2027, eveniment: data intrării în vigoare"),
    ("2026-12-18 11:00", ["2026-12-18 11:00"], "18 decembrie 2026, ora 11:00"),  # a meeting's `date`, as staff write it
    ("2025-06-26T10:00:00+03:00", ["2025-06-26T10:00:00+03:00"], "26 iunie 2025, ora 10:00"),
    ("Anexa 2025-02-30 <b>", [], "Anexa 2025-02-30 <b>"),  # no such day: left as text, and escaped
])
def test_every_date_and_moment_in_a_value_is_a_time_element_read_as_the_site_writes_dates(value, moments, text):
    soup = BeautifulSoup(str(timed(value)), "html.parser")
    times = soup.find_all("time")
    assert [t["datetime"] for t in times] == moments
    for t in times:  # a datetime attribute HTML accepts: a date, or a date and a time with T or a space
        (dt.date if len(t["datetime"]) == 10 else dt.datetime).fromisoformat(t["datetime"])
    assert soup.get_text() == text
