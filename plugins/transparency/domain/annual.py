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


def deadline_year(item: Judged) -> int | None:
    day = _anchor(item.document, item.deadline)
    return day.year if day else None


def by_year(items: list[Judged]) -> dict[int, dict[str, dict[str, list[Judged]]]]:
    """Year → key → state → the documents behind the number, for every rule and state (empty lists
    kept), of every year with a deadline, in one pass."""
    tables: dict[int, dict[str, dict[str, list[Judged]]]] = {}
    for item in items:
        year = deadline_year(item)
        table = tables.get(year)
        if table is None:
            table = tables[year] = empty_table()
        table[item.deadline.key][item.deadline.state].append(item)
    return tables


def empty_table() -> dict[str, dict[str, list[Judged]]]:
    """A year's table (`by_year`) without any deadline."""
    return {key: {state: [] for state in deadlines.STATES} for key in deadlines.RULES}


def years(archive: Archive) -> list[int]:
    """Every year with content (a decision's registration, consultation, adoption or event, a
    meeting, a report, a disposition or its event, another document of the Monitorul Oficial
    Local), oldest first: the contract's "every year with content", whatever its kind."""
    found: set[int] = set()
    for d in archive.decisions.values():
        found.update(day.year for day in (d.registered, d.adopted, d.consultation and d.consultation.opened) if day)
        found.update(e.date.year for e in d.events)
    found.update(m.start.year for m in archive.meetings.values() if m.start)
    for dated in (archive.reports, archive.dispositions, archive.publications):
        found.update(doc.date.year for doc in dated.values() if doc.date)
    for disposition in archive.dispositions.values():
        found.update(e.date.year for e in disposition.events)
    return sorted(found)


def counts_by_year(archive: Archive, today: dt.date) -> dict[int, dict[str, int]]:
    """The report's integer keys (Legea nr. 52/2003, art. 13) of every year with some of them, in
    one pass over the archive. A fact dated after the build day `today` (a meeting convened, an
    announcement or a debate scheduled) has not happened yet: it is not counted."""
    announced: dict[int, list] = {}
    held: dict[int, list] = {}
    events: dict[int, list] = {}
    for d in archive.decisions.values():
        if d.consultation and d.consultation.opened and d.consultation.opened <= today:
            announced.setdefault(d.consultation.opened.year, []).append(d)
    for act in (*archive.decisions.values(), *archive.dispositions.values()):  # a disposition may be contested too
        for e in act.events:
            if e.date <= today:
                events.setdefault(e.date.year, []).append(e)
    for m in archive.meetings.values():
        if m.start and m.start.date() <= today:
            held.setdefault(m.start.year, []).append(m)
    return {year: _counts(announced.get(year, []), held.get(year, []), events.get(year, []))
            for year in sorted(announced.keys() | held.keys() | events.keys())}


def _counts(announced: list, held: list, events: list) -> dict[str, int]:
    return {
        "drafts_announced": len(announced),
        "recommendations_received": sum(d.consultation.comments or 0 for d in announced),
        "recommendations_accepted": sum(d.consultation.accepted or 0 for d in announced),
        "public_debates": sum(1 for e in events if e.event == "public-debate"),
        "meetings_public": sum(1 for m in held if m.public),
        "meetings_closed": sum(1 for m in held if not m.public),
        "lawsuits": sum(1 for e in events if e.event == "contested"),
    }


def report(counted: dict[str, int] | None, table: dict[str, dict[str, list[Judged]]], year: int) -> dict:
    """`/date/raport-legea-52-YEAR.json`: the contract's keys, the deadlines' counts by key and state;
    `counted`: the year's counts (`counts_by_year`), None if it has none; `table`: the year's
    deadlines (`by_year`)."""
    return {"year": year, **(counted or _counts([], [], [])),
            "deadlines": {key: {state: len(items) for state, items in states.items()}
                          for key, states in table.items()}}
