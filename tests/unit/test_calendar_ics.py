"""The meetings calendar: RFC 5545 read back by icalendar and vobject, time zones, stable values."""

import datetime as dt

import pytest
import icalendar
import vobject

from support import trees
from transparency.domain.history import Version
from transparency.publish import calendar_ics
from transparency.source import pipeline
from transparency.site.views import SiteModel

UTC = dt.timezone.utc
BUILD_DAY = dt.date(2025, 11, 25)


def meeting(day: str, kind="ordinary", extra="") -> str:
    return (f"---\ntitle: Ședința din {day}\nkind: {kind}\ndate: {day} 10:00\nplace: Sala mare, etajul 1\n"
            f"items:\n  - {{title: Informări}}\n{extra}---\n")


# Meetings in three years, summer and winter: every summer one is UTC+3, every winter one UTC+2.
SEASONS = {
    "sedinte/s-2024-07-11.md": meeting("2024-07-11"),
    "sedinte/s-2026-01-15.md": meeting("2026-01-15", "extraordinary"),
    "sedinte/s-2026-07-16.md": meeting("2026-07-16"),
}


def site_of(checked, siteurl="https://example.test") -> SiteModel:
    assert not checked.problems.errors, checked.problems.report()
    return SiteModel(checked, BUILD_DAY, siteurl)


def minimal_site() -> SiteModel:
    return site_of(pipeline.check(trees.FIXTURES / "minimal"))


def read_with_vobject(data: bytes):
    """Parse as a fresh client would: vobject keeps the first VTIMEZONE it saw for
    a TZID for the whole process, so forget it and read this file's own."""
    getattr(vobject.icalendar, "__tzidMap").pop(calendar_ics.TZID, None)
    return vobject.readOne(data.decode("utf-8"))


def council_calendar(site) -> bytes:
    return dict(calendar_ics.files(site))["sedinte/calendar.ics"]


def test_icalendar_reads_every_meeting_back():
    cal = icalendar.Calendar.from_ical(council_calendar(minimal_site()))
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["sedinte/sedinta-2025-03-27@example.test",
                                               "sedinte/sedinta-2025-06-26@example.test"]
    first = events[0]
    assert first.start == dt.datetime(2025, 3, 27, 10, 0, tzinfo=first.start.tzinfo)
    assert first["DTSTART"].params["TZID"] == "Europe/Bucharest"
    assert first.end - first.start == dt.timedelta(hours=calendar_ics.DURATION_HOURS) and first.end > first.start
    assert str(first["SUMMARY"]) == "Ședința ordinară din 27 martie 2025"
    assert str(first["LOCATION"]) == "Sala mare"
    assert str(first["URL"]) == "https://example.test/sedinte/sedinta-2025-03-27/"
    description = str(first["DESCRIPTION"])
    assert "Convocată prin Dispoziția nr. 12/2025." in description
    assert "Ordinea de zi:\n1. Hotărârea nr. 5/2025 privind aprobarea bugetului județului pe anul 2025\n" \
           "2. Întrebări și interpelări\n" in description
    assert cal.get_missing_tzids() == set()
    assert str(cal["X-WR-CALNAME"]) == "Ședințe · Consiliul Județean Exemplu"


def test_vobject_validates_every_calendar():
    site = minimal_site()
    for path, data in calendar_ics.files(site):
        parsed = read_with_vobject(data)
        assert parsed.validate(), path
        for event in parsed.contents.get("vevent", []):
            assert event.dtend.value > event.dtstart.value


def test_times_are_right_across_daylight_saving(tmp_path):
    site = site_of(trees.check_with(tmp_path, SEASONS))
    data = council_calendar(site)
    in_utc = {}
    for event in read_with_vobject(data).vevent_list:  # vobject uses our VTIMEZONE
        in_utc[event.uid.value.split("/")[1].split("@")[0]] = event.dtstart.value.astimezone(UTC)
    assert in_utc["s-2024-07-11"] == dt.datetime(2024, 7, 11, 7, 0, tzinfo=UTC)  # summer: +03:00
    assert in_utc["s-2026-01-15"] == dt.datetime(2026, 1, 15, 8, 0, tzinfo=UTC)  # winter: +02:00
    assert in_utc["s-2026-07-16"] == dt.datetime(2026, 7, 16, 7, 0, tzinfo=UTC)  # third year: still right
    assert in_utc["sedinta-2025-03-27"] == dt.datetime(2025, 3, 27, 8, 0, tzinfo=UTC)
    assert in_utc["sedinta-2025-06-26"] == dt.datetime(2025, 6, 26, 7, 0, tzinfo=UTC)
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        assert event.start.astimezone(UTC) == in_utc[str(event["UID"]).split("/")[1].split("@")[0]]


def test_timezone_onsets_are_local_time_before_the_change():
    tz = calendar_ics.vtimezone(dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    parts = [(p.name, p["DTSTART"].dt, p["TZOFFSETFROM"].td, p["TZOFFSETTO"].td) for p in tz.subcomponents]
    hours = dt.timedelta(hours=1)
    assert parts == [("STANDARD", dt.datetime(2025, 1, 1), 2 * hours, 2 * hours),
                     ("DAYLIGHT", dt.datetime(2025, 3, 30, 3, 0), 2 * hours, 3 * hours),
                     ("STANDARD", dt.datetime(2025, 10, 26, 4, 0), 3 * hours, 2 * hours)]
    # each onset, read in the offset before it, is the instant the tz database changes (01:00 UTC)
    for name, onset, before, after in parts[1:]:
        instant = (onset - before).replace(tzinfo=UTC)
        zone = calendar_ics.dates.TIMEZONE
        assert (instant - dt.timedelta(seconds=1)).astimezone(zone).utcoffset() == before
        assert instant.astimezone(zone).utcoffset() == after and instant.hour == 1


def test_transitions_over_decades_are_the_eu_summer_time_rule():
    """The oracle is Directive 2000/84/EC, not the tz database: summer time starts on the last Sunday
    of March and ends on the last Sunday of October, both at 01:00 UTC; every one in 40 years."""
    def last_sunday(year: int, month: int) -> dt.datetime:
        day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
        return dt.datetime.combine(day - dt.timedelta(days=(day.weekday() - 6) % 7), dt.time(1), UTC)

    expected = [last_sunday(year, month) for year in range(2000, 2040) for month in (3, 10)]
    found = list(calendar_ics.transitions(dt.date(2000, 1, 1), dt.date(2040, 1, 1)))
    assert [moment for moment, _, _ in found] == expected
    hours = dt.timedelta(hours=1)
    assert [(before, after.utcoffset()) for _, before, after in found] == [(2 * hours, 3 * hours),
                                                                           (3 * hours, 2 * hours)] * 40


def test_stamps_and_sequence_come_from_the_content(tmp_path):
    site = minimal_site()
    m = site.archive.meetings["sedinta-2025-03-27"]
    # agenda published on 21 March (00:00 Bucharest, UTC+2); 2 agenda items + the publication date
    assert calendar_ics.revised(m, BUILD_DAY) == dt.datetime(2025, 3, 20, 22, 0, tzinfo=UTC)
    assert calendar_ics.sequence(m) == 3
    assert council_calendar(site) == council_calendar(minimal_site())  # the clock plays no part
    text = (trees.FIXTURES / "minimal/sedinte/sedinta-2025-03-27.md").read_text(encoding="utf-8")
    later = text.replace("  - {title: Întrebări și interpelări}\n",
                         "  - {title: Întrebări și interpelări}\n  - {title: Informare suplimentară}\n"
                         ).replace("agenda_published: 2025-03-21\n",
                                   "agenda_published: 2025-03-21\nvideo: https://video.example.test/27-martie\n")
    after = site_of(trees.check_with(tmp_path, {"sedinte/sedinta-2025-03-27.md": later}))
    m2 = after.archive.meetings["sedinta-2025-03-27"]
    assert calendar_ics.sequence(m2) == 5
    assert calendar_ics.revised(m2, BUILD_DAY) == dt.datetime(2025, 3, 27, 11, 0, tzinfo=UTC)  # end of the meeting
    # built on 1 March: revised no later than that day began (00:00 Bucharest, UTC+2), not in the future
    assert calendar_ics.revised(m2, dt.date(2025, 3, 1)) == dt.datetime(2025, 2, 28, 22, 0, tzinfo=UTC)
    event = icalendar.Calendar.from_ical(council_calendar(after)).walk("VEVENT")[0]
    assert event["SEQUENCE"] == 5 and event["DTSTAMP"].dt == dt.datetime(2025, 3, 27, 11, 0, tzinfo=UTC)
    assert event["UID"] == "sedinte/sedinta-2025-03-27@example.test"


def test_committee_calendar_holds_the_meetings_of_its_decisions():
    site = minimal_site()
    files = dict(calendar_ics.files(site))
    budget = icalendar.Calendar.from_ical(files["comisii/buget/calendar.ics"])
    assert [str(e["UID"]) for e in budget.walk("VEVENT")] == ["sedinte/sedinta-2025-03-27@example.test"]
    assert icalendar.Calendar.from_ical(files["comisii/urbanism/calendar.ics"]).walk("VEVENT") == []
    assert [link["url"] for link in calendar_ics.links(site)] == [
        "/sedinte/calendar.ics", "/comisii/buget/calendar.ics", "/comisii/urbanism/calendar.ics"]
    assert calendar_ics.links(site)[0]["webcal"] == "webcal://example.test/sedinte/calendar.ics"


def test_uid_keeps_a_sub_path_site_apart():
    site = site_of(pipeline.check(trees.FIXTURES / "minimal"), "https://primaria.example.test/transparenta")
    event = icalendar.Calendar.from_ical(council_calendar(site)).walk("VEVENT")[0]
    assert event["UID"] == "transparenta/sedinte/sedinta-2025-03-27@primaria.example.test"
    assert event["URL"] == "https://primaria.example.test/transparenta/sedinte/sedinta-2025-03-27/"


def test_events_kept_as_text_make_the_calendar_icalendar_makes():
    """The calendar is spliced from each event's text; icalendar, adding the events to the calendar
    as components (the way it was made before), must write the same bytes."""
    site = site_of(pipeline.check(trees.ROOT / "content"))
    for slug in calendar_ics.calendar_slugs(site):
        name, description, address, years, events = calendar_ics.spec_of(site, slug)
        whole = icalendar.Calendar.from_ical(calendar_ics.render((name, description, address, years, ())))
        meetings = calendar_ics.committee_meetings(site, slug) if slug else site.archive.meetings.values()
        for m in sorted((m for m in meetings if m.start), key=lambda m: (m.start, m.id)):
            whole.add_component(calendar_ics.event(calendar_ics.event_spec(site, m)))
        assert calendar_ics.render((name, description, address, years, events)) == whole.to_ical(), slug
        assert len(whole.walk("VEVENT")) == len(events)


def test_a_closed_meeting_says_so_in_the_calendar(tmp_path):
    """`public: false` with its `closed_reason`: a reader of the calendar learns, as on the meeting's
    page, that the public may not attend (read back with icalendar)."""
    closed = meeting("2025-10-09", extra="public: false\nclosed_reason: Se discută date cu caracter personal.\n")
    site = site_of(trees.check_with(tmp_path, {"sedinte/s-2025-10-09.md": closed}))
    described = {str(e["UID"]).split("/")[1].split("@")[0]: str(e["DESCRIPTION"])
                 for e in icalendar.Calendar.from_ical(council_calendar(site)).walk("VEVENT")}
    assert "Ședință nepublică: Se discută date cu caracter personal." in described["s-2025-10-09"]
    assert "nepublică" not in described["sedinta-2025-03-27"]


def version(commit: str, blob: str, time: int, items: int) -> Version:
    front = (("agenda_published", "2025-03-21"), ("items", tuple((("title", f"Punct {n}"),) for n in range(items))))
    return Version(commit, time, "", "", "sedinte/sedinta-2025-03-27.md", blob, front, blob)


def test_with_a_history_every_commit_raises_the_sequence_and_none_lowers_it():
    """Created with 2 items and the agenda's date (3 facts), then one item dropped (2 facts): the
    most facts (3) plus the one change after the first; a commit that left the file as it was adds
    nothing. Stamped with the last change's commit time, not after the build day (00:00, UTC+2)."""
    m = minimal_site().archive.meetings["sedinta-2025-03-27"]
    created = version("a" * 40, "b1", 1742990400, 2)  # 2025-03-26 12:00 UTC
    dropped = version("c" * 40, "b2", 1763629200, 1)  # 2025-11-20 09:00 UTC
    same = version("d" * 40, "b2", 1763715600, 1)  # 2025-11-21 09:00 UTC, the same blob
    assert calendar_ics.sequence(m, (created,)) == 3
    assert calendar_ics.sequence(m, (created, dropped, same)) == 4
    assert calendar_ics.revised(m, BUILD_DAY, (created, dropped, same)) == dt.datetime(2025, 11, 20, 9, 0, tzinfo=UTC)
    assert calendar_ics.revised(m, dt.date(2025, 11, 1), (created, dropped)) == dt.datetime(2025, 10, 31, 22, 0,
                                                                                            tzinfo=UTC)


@pytest.mark.parametrize(("start", "end_utc"), [
    ("2026-10-25 03:30", dt.datetime(2026, 10, 25, 3, 30, tzinfo=dt.timezone.utc)),  # 00:30 UTC + 3 h
    ("2026-03-29 01:00", dt.datetime(2026, 3, 29, 2, 0, tzinfo=dt.timezone.utc)),    # 23:00 UTC + 3 h
])
def test_a_meeting_across_a_change_of_the_clocks_lasts_three_real_hours(tmp_path, start, end_utc):
    """An outside review: 03:30 on the night the clocks go back ended at 06:30 (four real hours), and
    01:00 on the night they go forward at 04:00 (two). Read back by vobject, compared in UTC."""
    meeting = (f"---\ntitle: Ședința de îndată\nkind: extraordinary\ndate: {start}\nplace: Sala mică\n"
               "convened_by: Dispoziția nr. 30/2026\n---\n")
    site = site_of(trees.check_with(tmp_path, {"sedinte/sedinta-de-indata.md": meeting}))
    events = {e.uid.value: e for e in read_with_vobject(council_calendar(site)).vevent_list}
    event = events["sedinte/sedinta-de-indata@example.test"]
    utc = dt.timezone.utc  # (two times of one zone subtract as wall clocks: both in UTC first)
    assert event.dtend.value.astimezone(utc) - event.dtstart.value.astimezone(utc) == dt.timedelta(hours=3)
    assert event.dtend.value.astimezone(utc) == end_utc
