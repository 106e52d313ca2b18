"""Build domain objects directly (no files) for unit tests of derived facts."""

from __future__ import annotations

import datetime as dt

from transparency.domain.model import AgendaItem, Archive, Committee, Consultation, Council, Decision, Event, Meeting, Member, Report, Vote
from transparency.domain.problems import Problems
from transparency.domain.relations import build

D = dt.date


def council(seats=7) -> Council:
    return Council(name="Consiliul Test", seats=seats,
                   members=tuple(Member(f"Membru {i}") for i in range(1, seats + 1)),
                   committees=(Committee("buget", "Comisia de buget"),))


def adopted(doc_id, number, day, **extra) -> Decision:
    values = dict(id=doc_id, source=f"hotarari/{doc_id}.md", title=f"privind {doc_id}", status="adopted",
                  registered=day - dt.timedelta(days=30), number=number, adopted=day, majority="simple",
                  vote=Vote(7, 5, 1, 1))
    values.update(extra)
    return Decision(**values)


def draft(doc_id, registered, **extra) -> Decision:
    return Decision(id=doc_id, source=f"hotarari/{doc_id}.md", title=f"privind {doc_id}", status="draft",
                    registered=registered, **extra)


def event(day, kind, note="") -> Event:
    return Event(date=day, event=kind, note=note)


def archive(*documents, seats=7) -> Archive:
    a = Archive(council=council(seats))
    for doc in documents:
        collection = {"decision": a.decisions, "report": a.reports, "meeting": a.meetings}[doc.type]
        collection[doc.id] = doc
    return a


def related(a: Archive):
    problems = Problems()
    rel = build(a, problems)
    assert problems.items == [], problems.report()
    return rel


__all__ = ["AgendaItem", "Consultation", "D", "Meeting", "Report", "adopted", "archive", "draft", "event",
           "related"]
