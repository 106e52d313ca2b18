"""The meetings calendar in iCalendar (RFC 5545) format (no Pelican here).

`sedinte/calendar.ics` holds every meeting; `comisii/<slug>/calendar.ics`
the meetings whose agenda holds a decision assigned to that committee.
People subscribe to the address, so every value is derived from the
content and the same content gives the same bytes:

- UID `<base path>sedinte/<meeting id>@<host>`: the id the meeting's file had first (a
  renamed file keeps its events' UIDs: site/history.py `first_ids`).
- DTSTART is the meeting's local time with TZID=Europe/Bucharest and a
  VTIMEZONE built from the tz database, from the year of the first meeting
  to `ZONE_YEARS_AHEAD` years after the last;
  DTEND = DTSTART + `DURATION` of real time (meetings carry no end time): across a change of the
  clocks, 03:30 on the last Sunday of October ends at 05:30, not at 06:30 (`end`).
- DTSTAMP and LAST-MODIFIED: the last time the record was revised. With the content's git
  history, the time of the last commit that changed the meeting's file; without one (no
  repository, or a file not committed yet), as the content tells it: the end of the meeting once
  minutes or a video are published, otherwise the day the agenda was published (00:00 local), or
  else the start of the meeting. Never after the build day (00:00 local): a record is not revised
  in the future (RFC 5545, 3.8.7.2–3).
- SEQUENCE must rise when DTSTART, DTEND or STATUS change and never fall (RFC 5545, 3.8.7.4:
  clients ignore an update with a lower one). With the history it is the number of commits that
  changed the meeting's file after the first, plus the most facts any of its versions (or the
  working copy) held: every commit raises it, a change of time or place included, and no edit
  lowers it (the history only grows on the main line). The facts (one per agenda item, plus one
  each for the agenda's publication date, the minutes and the video) keep it from falling below
  the value published before the history counted. Without a history it is the facts of the
  current file alone, which fall when an agenda item is dropped: sites should be built from a
  repository.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..domain import dates, history, vocab
from ..domain.history import Version
from ..site import history_index
from ..domain import urls
from ..site.feed_entries import agenda_lines
from .feeds import authority
from ..domain.model import Meeting
from ..site.views import SiteModel

if TYPE_CHECKING:
    from icalendar import Event, Timezone

# icalendar is imported where a calendar is made, not above: importing it takes 50-100 ms (its
# time zone tables), paid by every rebuild, and most rebuilds make no calendar.

DURATION_HOURS = 3  # assumed length of a meeting (the content gives only its start)
DURATION = dt.timedelta(hours=DURATION_HOURS)
REFRESH = dt.timedelta(hours=12)  # how often subscribers should reload
PRODID = "-//transparenta-decizionala//Calendarul sedintelor//RO"
UTC = dt.timezone.utc
# The VTIMEZONE runs this many years past the last meeting: some readers keep the
# first definition they saw for a TZID and reuse it for later versions of the file.
ZONE_YEARS_AHEAD = 10
TZID = "Europe/Bucharest"


def transitions(first: dt.date, last: dt.date):
    """(instant in UTC, offset before, local time after) of every change of UTC offset."""
    zone = dates.TIMEZONE
    day = dt.datetime.combine(first, dt.time(), UTC)
    end = dt.datetime.combine(last, dt.time(), UTC)
    week = dt.timedelta(days=7)
    while day < end:
        before = day.astimezone(zone).utcoffset()
        # A week at a time while the offset is the same at both ends (the zone changes it twice a
        # year; a calendar spans some 30 years: 1,600 look-ups instead of 22,000).
        if day + week <= end and (day + week).astimezone(zone).utcoffset() == before:
            day += week
            continue
        if (day + dt.timedelta(days=1)).astimezone(zone).utcoffset() != before:
            moment = next(day + dt.timedelta(minutes=15 * k) for k in range(1, 97)
                          if (day + dt.timedelta(minutes=15 * k)).astimezone(zone).utcoffset() != before)
            yield moment, before, moment.astimezone(zone)
        day += dt.timedelta(days=1)


def vtimezone(first: dt.date, last: dt.date) -> Timezone:
    """Europe/Bucharest from `first` to `last`. Each onset is given, as RFC 5545
    requires, in the local time in force before it (TZOFFSETFROM)."""
    from icalendar import Timezone

    start = dt.datetime.combine(first, dt.time(), dates.TIMEZONE)
    tz = Timezone()
    tz.add("TZID", TZID)
    tz.add_component(observance(start.replace(tzinfo=None), start.utcoffset(), start))
    for moment, before, after in transitions(first, last):
        tz.add_component(observance((moment + before).replace(tzinfo=None), before, after))
    return tz


def observance(onset: dt.datetime, before: dt.timedelta, after: dt.datetime):
    """One STANDARD or DAYLIGHT part per change (no RDATE lists: some readers take only the first)."""
    from icalendar import TimezoneDaylight, TimezoneStandard

    part = TimezoneDaylight() if after.dst() else TimezoneStandard()
    part.add("TZNAME", after.tzname())
    part.add("TZOFFSETFROM", before)
    part.add("TZOFFSETTO", after.utcoffset())
    part.add("DTSTART", onset)
    return part


def end(m: Meeting) -> dt.datetime:
    """The assumed end of the meeting: `DURATION` of real time after its start, in Bucharest time (a
    wall clock moved an hour in between is not an hour of meeting)."""
    return (dates.local(m.start).astimezone(UTC) + DURATION).astimezone(dates.TIMEZONE)


def facts(m: Meeting) -> int:
    """The facts published about the meeting: one per agenda item, the agenda's date, minutes, video."""
    return len(m.items) + sum(1 for fact in (m.agenda_published, m.minutes, m.video) if fact)


def committed_facts(version: Version) -> int:
    """`facts` as a committed version's front matter (history.plain pairs) states them."""
    front = dict(version.front)
    items = front.get("items")
    return (len(items) if isinstance(items, tuple) else 0) + sum(
        1 for key in ("agenda_published", "minutes", "video") if front.get(key))


def sequence(m: Meeting, versions: tuple[Version, ...] | None = None) -> int:
    """SEQUENCE: see the module's docstring. `versions`: the meeting file's history, oldest first."""
    if not versions:
        return facts(m)
    changes = history.distinct_places(versions)  # the first version, then each change after it
    return max(facts(m), *(committed_facts(versions[after]) for _, after in changes)) + len(changes) - 1


def revised(m: Meeting, today: dt.date, versions: tuple[Version, ...] | None = None) -> dt.datetime:
    """The last revision of the meeting's record, in UTC (DTSTAMP, LAST-MODIFIED), by the build day `today`."""
    start = dates.local(m.start)
    if versions:
        _, last = history.distinct_places(versions)[-1]
        moment = dt.datetime.fromtimestamp(versions[last].time, UTC)
    elif m.minutes or m.video:
        moment = end(m)
    elif m.agenda_published:
        moment = min(dates.local(dt.datetime.combine(m.agenda_published, dt.time())), start)
    else:
        moment = start
    return min(moment, dates.local(dt.datetime.combine(today, dt.time()))).astimezone(UTC)


def versions_of(site: SiteModel, m: Meeting) -> tuple[Version, ...] | None:
    """The meeting file's committed versions, oldest first (None without a history). Read through
    the history index, so that the calendars are made again after a commit that changed it."""
    index = site.indexes.get(history_index.NAME)
    return index.versions_of(f"meeting/{m.id}") if index is not None else None


def event_spec(site: SiteModel, m: Meeting) -> tuple:
    """Everything the meeting's VEVENT is made of, as plain values (see `event`)."""
    host, base = authority(site)
    url = site.absolute(urls.meeting(m.id))
    lines = [f"{site.council.name}: ședință {vocab.MEETING_KINDS.get(m.kind, '')}."]
    if not m.public:  # the public may not attend: the calendar says so, as the meeting's page does
        lines.append(f"Ședință nepublică: {m.closed_reason}" if m.closed_reason else "Ședință nepublică.")
    if m.convened_by:
        lines.append(f"Convocată prin {m.convened_by}.")
    agenda = agenda_lines(site, m)
    if agenda:
        lines += ["", "Ordinea de zi:", *agenda]
    lines += ["", f"Detalii, documente și rezultatul votului: {url}"]
    versions = versions_of(site, m)
    return (f"{base}sedinte/{site.stable_id(m)}@{host}", revised(m, site.today, versions), sequence(m, versions),
            dates.local(m.start),
            end(m), m.title, m.place, "\n".join(lines), url)


CALENDAR_END = b"END:VCALENDAR\r\n"


def event(spec: tuple) -> Event:
    from icalendar import Event

    uid, stamp, seq, start, end, summary, place, description, url = spec
    e = Event()
    e.add("UID", uid)
    e.add("DTSTAMP", stamp)
    e.add("LAST-MODIFIED", stamp)
    e.add("SEQUENCE", seq)
    e.add("DTSTART", start)
    e.add("DTEND", end)
    e.add("SUMMARY", summary)
    if place:
        e.add("LOCATION", place)
    e.add("DESCRIPTION", description)
    e.add("URL", url)
    e.add("CLASS", "PUBLIC")
    e.add("TRANSP", "OPAQUE")
    return e


def spec(site: SiteModel, meetings, name: str, page: str) -> tuple:
    """Everything a calendar file is made of: its name, description, address, years of time zone
    rules and events (each VEVENT already in iCalendar form: the same meeting is in several
    calendars, and its text is kept between builds while what it read is unchanged)."""
    meetings = sorted((m for m in meetings if m.start), key=lambda m: (m.start, m.id))
    years = (meetings[0].start.year, max(end(m) for m in meetings).year) if meetings else None
    return (name, f"{site.council.name}: ședințele, cu data, locul și ordinea de zi.", site.absolute(page), years,
            tuple(site.memos.get(f"calendar-event/{m.id}", lambda m=m: event(event_spec(site, m)).to_ical(),
                                 keep=True) for m in meetings))


def render(calendar_spec: tuple) -> bytes:
    """The iCalendar file of a calendar's spec: the calendar with its time zone, then each event's
    lines, as icalendar writes a calendar's components (tests/unit/test_calendar_ics.py compares)."""
    from icalendar import Calendar, vDuration

    name, description, address, years, events = calendar_spec
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("NAME", name)
    cal.add("X-WR-CALNAME", name)
    cal.add("DESCRIPTION", description)
    cal.add("X-WR-CALDESC", description)
    cal.add("X-WR-TIMEZONE", TZID)
    cal.add("URL", address)
    cal.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH).to_ical().decode())
    if years:
        first, last = years
        cal.add_component(vtimezone(dt.date(first, 1, 1), dt.date(last + 1 + ZONE_YEARS_AHEAD, 1, 1)))
    text = cal.to_ical()
    if not text.endswith(CALENDAR_END):
        raise ValueError(f"icalendar ended a calendar with {text[-40:]!r}, not {CALENDAR_END!r}")
    return text[:-len(CALENDAR_END)] + b"".join(events) + CALENDAR_END


def committee_meetings(site: SiteModel, slug: str) -> list[Meeting]:
    """Meetings whose agenda holds a decision assigned to the committee."""
    found = []
    for m in site.archive.meetings.values():
        decisions = [site.archive.decisions[i] for _, i, _ in site.relations.agenda.get(m.id, ()) if i]
        if any(slug in d.committees for d in decisions):
            found.append(m)
    return found


def calendar_path(slug: str | None = None) -> str:
    """The calendar's address relative to the site root (the whole council's when no committee)."""
    return urls.committee(slug) + "calendar.ics" if slug else "sedinte/calendar.ics"


def files(site: SiteModel, slugs=None):
    """(file relative to the output folder, bytes) of every calendar (or of those of `calendar_slugs`)."""
    for slug in calendar_slugs(site) if slugs is None else slugs:
        yield calendar_path(slug), render(spec_of(site, slug))


def spec_of(site: SiteModel, slug: str | None) -> tuple:
    """The spec of the council's calendar (None) or of a committee's."""
    council = site.council
    if slug is None:
        return spec(site, site.archive.meetings.values(), f"Ședințe · {council.name}", "sedinte/")
    return spec(site, committee_meetings(site, slug), f"Ședințe · {council.committee(slug).name} · {council.name}",
                urls.committee(slug))


def calendar_slugs(site: SiteModel) -> list[str | None]:
    """One calendar per committee, and the council's (None)."""
    return [None, *(c.slug for c in site.council.committees)]


def links(site: SiteModel) -> list[dict]:
    """The calendars as /abonare/ lists them: the council's, then one per committee."""
    council = site.council
    found = [(f"Toate ședințele · {council.name}", calendar_path())]
    found += [(c.name, calendar_path(c.slug)) for c in council.committees]
    return [{"title": title, "url": site.href(path), "absolute": site.absolute(path),
             "webcal": "webcal://" + site.absolute(path).split("://", 1)[-1]} for title, path in found]
