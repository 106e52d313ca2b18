"""The year's record of transparency: the annual report of Legea nr. 52/2003, art. 13, and how
the council kept its legal deadlines, counted from the content alone.

Which year a fact belongs to:
- a draft announced: the year of `consultation.opened`; its recommendations (received,
  accepted) count in that year too;
- a public debate, a lawsuit: the year of the `public-debate` or `contested` event;
- a meeting (public or not): the year it was held;
- a deadline: the year of the step it counts from: the announcement and the consultation
  window in the year the draft was announced, the prefect and the publication in the year of
  adoption, the meeting's deadlines in the year of the meeting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import deadlines
from .model import Archive, Decision, Meeting
from .relations import Relations

# The report's integer keys, in the order of the article's letters (the contract's names).
COUNTS = ("drafts_announced", "recommendations_received", "recommendations_accepted", "public_debates",
          "meetings_public", "meetings_closed", "lawsuits")


@dataclass(frozen=True)
class Judged:
    """One deadline of one document."""

    document: Decision | Meeting
    deadline: deadlines.Deadline


def _anchor(document, deadline: deadlines.Deadline) -> dt.date | None:
    if document.type == "meeting":
        return document.start.date() if document.start else None
    if deadline.key in ("consultation-window", "announcement"):
        return document.consultation.opened if document.consultation else None
    return document.adopted


def judged(archive: Archive, relations: Relations, today: dt.date) -> list[Judged]:
    """Every deadline of every decision and meeting, in id order."""
    found = [Judged(d, x) for _, d in sorted(archive.decisions.items())
             for x in deadlines.of_decision(d, relations, archive, today)]
    found += [Judged(m, x) for _, m in sorted(archive.meetings.items()) for x in deadlines.meeting_deadlines(m, today)]
    return found


def deadline_year(item: Judged) -> int | None:
    day = _anchor(item.document, item.deadline)
    return day.year if day else None


def by_key_and_state(items: list[Judged], year: int) -> dict[str, dict[str, list[Judged]]]:
    """key → state → the documents behind the number, for every rule and state (empty lists kept)."""
    table = {key: {state: [] for state in deadlines.STATES} for key in deadlines.RULES}
    for item in items:
        if deadline_year(item) == year:
            table[item.deadline.key][item.deadline.state].append(item)
    return table


def years(archive: Archive) -> list[int]:
    """Every year with content (a registration, a consultation, an adoption, an event, a meeting), oldest first."""
    found: set[int] = set()
    for d in archive.decisions.values():
        found.update(day.year for day in (d.registered, d.adopted, d.consultation and d.consultation.opened) if day)
        found.update(e.date.year for e in d.events)
    found.update(m.start.year for m in archive.meetings.values() if m.start)
    return sorted(found)


def counts(archive: Archive, year: int) -> dict[str, int]:
    """The report's integer keys for the year (Legea nr. 52/2003, art. 13)."""
    announced = [d for d in archive.decisions.values()
                 if d.consultation and d.consultation.opened and d.consultation.opened.year == year]
    held = [m for m in archive.meetings.values() if m.start and m.start.year == year]
    events = [e for d in archive.decisions.values() for e in d.events if e.date.year == year]
    return {
        "drafts_announced": len(announced),
        "recommendations_received": sum(d.consultation.comments or 0 for d in announced),
        "recommendations_accepted": sum(d.consultation.accepted or 0 for d in announced),
        "public_debates": sum(1 for e in events if e.event == "public-debate"),
        "meetings_public": sum(1 for m in held if m.public),
        "meetings_closed": sum(1 for m in held if not m.public),
        "lawsuits": sum(1 for e in events if e.event == "contested"),
    }


def report(archive: Archive, items: list[Judged], year: int) -> dict:
    """`/date/raport-legea-52-YEAR.json`: the contract's keys, the deadlines' counts by key and state;
    `items`: every deadline judged (`judged`)."""
    table = by_key_and_state(items, year)
    return {"year": year, **counts(archive, year),
            "deadlines": {key: {state: len(items) for state, items in states.items()}
                          for key, states in table.items()}}
