"""A decision's derived life: its timeline and its public status.

Pure functions of the archive, the resolved relations and the day of the
build. Nothing here is written by staff; everything is derived from the
decision file, the reports and meetings that name it, and the later
decisions that amend or repeal it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from . import force, vocab
from .model import Archive, Decision
from .dates import long_date
from .relations import Relations
from .text import count

KIND_ORDER = {kind: index for index, kind in enumerate(vocab.TIMELINE_KINDS)}
# A change by another decision: adopted but not yet in force; undone by a court's annulment.
ADOPTED_CHANGE = {"amended-by": "amendment-adopted", "repealed-by": "repeal-adopted"}
ANNULLED_CHANGE = {"amended-by": "amendment-annulled", "repealed-by": "repeal-annulled"}


NOTES_JOINED = "; "  # an event's note and the note of the fact it records, in one entry
# The facts a decision has once: an event that records one of them adds its note to it.
ONCE = frozenset({"registered", "consultation-opened", "consultation-closed", *vocab.VOTED_STATUSES})


@dataclass(frozen=True)
class Entry:
    date: dt.date
    kind: str  # a key of vocab.TIMELINE_KINDS
    note: str = ""
    source_type: str = ""  # "decision" | "report" | "meeting" | "" (the decision itself)
    source_id: str = ""
    time: dt.time | None = None
    until: dt.date | None = None  # the date the note ends with (`note` says it in words: pages show it in a <time>)

    @property
    def label(self) -> str:
        return vocab.TIMELINE_KINDS[self.kind]


@dataclass(frozen=True)
class PublicStatus:
    code: str  # a key of vocab.PUBLIC_STATUSES; the `data-status` hook
    since: dt.date | None = None
    until: dt.date | None = None  # end of an open consultation; entry into force of an act not yet in force
    by: tuple[str, ...] = ()  # decisions that amended or repealed it
    note: str = ""

    @property
    def label(self) -> str:
        return vocab.PUBLIC_STATUSES[self.code]


def closing_day(decision: Decision, today: dt.date | None = None) -> dt.date | None:
    """The day the decision's consultation ends: the day announced (`consultation.closes`), or
    the day of a `consultation-closed` event before it (closed early; the staff guide offers the
    event for that). With `today`, an early close dated after it is not a fact yet (the legal
    deadlines judge facts only; the page still says until when the consultation runs)."""
    c = decision.consultation
    early = [e.date for e in decision.events if e.event == "consultation-closed" and c and c.opened
             and c.opened <= e.date and (c.closes is None or e.date < c.closes)
             and (today is None or e.date <= today)]
    return min(early) if early else c.closes if c else None


def consultation_open(decision: Decision, today: dt.date) -> bool:
    c, closes = decision.consultation, closing_day(decision)
    return bool(c and c.opened and c.opened <= today and (closes is None or today <= closes))


def public_status(decision: Decision, relations: Relations, archive: Archive, today: dt.date) -> PublicStatus:
    """The first that applies of: annulled, repealed, suspended (unless lifted
    later), amended, in force, adopted (not yet in force: its entry into force,
    force.entry_into_force, is not recorded or is after `today`) — for adopted decisions; the written status
    (with consultation) otherwise."""
    if decision.status == "withdrawn":
        return PublicStatus("withdrawn", since=_last_event(decision, "withdrawn", today))
    if decision.status == "rejected":
        return PublicStatus("rejected", since=decision.adopted or _meeting_day(decision, relations, archive))
    if decision.status == "draft":
        if consultation_open(decision, today):
            return PublicStatus("in-consultation", since=decision.consultation.opened,
                                until=closing_day(decision))
        return PublicStatus("draft", since=decision.registered)
    annulled = _last_event(decision, "annulled", today)
    if annulled:
        return PublicStatus("annulled", since=annulled, note=_event_note(decision, "annulled", annulled))
    repealers = effective(relations.repealed_by.get(decision.id, ()), archive, today)
    if repealers:
        return PublicStatus("repealed", since=min(repealers.values()), by=tuple(repealers))
    suspended = _last_event(decision, "suspended", today)
    lifted = _last_event(decision, "suspension-lifted", today)
    if suspended and (lifted is None or lifted < suspended):
        return PublicStatus("suspended", since=suspended, note=_event_note(decision, "suspended", suspended))
    amenders = effective(relations.amended_by.get(decision.id, ()), archive, today)
    if amenders:
        return PublicStatus("amended", since=max(amenders.values()), by=tuple(amenders))
    start = force.entry_into_force(decision)
    if start is not None and start <= today:
        return PublicStatus("in-force", since=start)
    return PublicStatus("adopted", since=decision.adopted, until=start)


def effective(changers, archive: Archive, today: dt.date) -> dict[str, dt.date]:
    """The amending or repealing decisions among `changers` that have changed the decision by
    `today`, with the day each did: a decision changes another from its own entry into force
    (an act adopted but not yet published repeals nothing yet), and not at all once a court
    has annulled it."""
    return {other_id: start for other_id in changers
            if (start := force.in_effect_since(archive.decisions[other_id], today)) is not None}


UNTIL = "recomandări până la"  # a consultation's opening: until when recommendations are taken


def timeline(decision: Decision, relations: Relations, archive: Archive) -> tuple[Entry, ...]:
    """Every dated fact about the decision, in date order."""
    entries: set[Entry] = set()
    if decision.registered:
        entries.add(Entry(decision.registered, "registered", decision.initiator))
    c = decision.consultation
    if c and c.opened:
        entries.add(Entry(c.opened, "consultation-opened", f"{UNTIL} {long_date(c.closes)}" if c.closes else "",
                          until=c.closes))
    closes = closing_day(decision)
    if closes:
        note = f"{count(c.comments, 'recomandare primită', 'recomandări primite')}" if c.comments is not None else ""
        entries.add(Entry(closes, "consultation-closed", note))
    for report_id in relations.reports_of.get(decision.id, ()):
        report = archive.reports[report_id]
        if report.date:
            kind = "committee-opinion" if report.kind == "committee-opinion" else "report"
            entries.add(Entry(report.date, kind, report.title, "report", report.id))
    for meeting_id, position in relations.on_agendas.get(decision.id, ()):
        meeting = archive.meetings[meeting_id]
        if meeting.start:
            entries.add(Entry(meeting.start.date(), "on-agenda", f"{meeting.title}, punctul {position}",
                              "meeting", meeting.id, meeting.start.time()))
    if decision.status in vocab.VOTED_STATUSES and decision.vote:
        day = decision.adopted or _meeting_day(decision, relations, archive)
        if day:
            v = decision.vote
            note = (f"{count(v.for_, 'vot', 'voturi')} pentru, {v.against} împotrivă, "
                    f"{count(v.abstain, 'abținere', 'abțineri')}, {count(v.present, 'consilier prezent', 'consilieri prezenți')}")
            meeting_id = relations.meeting_of.get(decision.id, "")
            entries.add(Entry(day, decision.status, note, "meeting" if meeting_id else "", meeting_id))
    # An event that records, without a note of its own, a fact the fields above already give (the
    # consultation's opening written both as `consultation` and as an event, a committee's opinion as
    # an event and as its report) is that fact: shown once. One with a note is another fact (a second
    # opinion that day), unless the fact happens once (an early closing and why): then its note joins.
    derived = {(e.date, e.kind): e for e in entries}
    for event in decision.events:
        same = derived.get((event.date, event.event))
        if same is None or event.note and event.event not in ONCE:
            entries.add(Entry(event.date, event.event, event.note))
        elif event.note and event.note not in same.note:
            note = NOTES_JOINED.join(filter(None, (event.note, same.note)))
            entries.discard(same)
            derived[event.date, event.event] = same = replace(same, note=note)
            entries.add(same)
    for kind, reverse in (("amended-by", relations.amended_by), ("repealed-by", relations.repealed_by)):
        for other_id in reverse.get(decision.id, ()):
            entries.update(_changed_by(kind, archive.decisions[other_id]))
    return tuple(sorted(entries, key=_order))


def _changed_by(kind: str, other: Decision) -> list[Entry]:
    """The entries of a change made by the decision `other`: dated by the day it takes effect, or,
    while that is not recorded, by its adoption as a change still to come; and its annulment by a
    court, which undoes the change."""
    note = f"Hotărârea nr. {other.citation} {other.title}"
    start = force.entry_into_force(other)
    found = [Entry(start, kind, note, "decision", other.id) if start else
             Entry(other.adopted, ADOPTED_CHANGE[kind], note, "decision", other.id)]
    annulled = [e.date for e in other.events if e.event == "annulled"]
    if annulled:
        found.append(Entry(min(annulled), ANNULLED_CHANGE[kind], note, "decision", other.id))
    return found


def _order(entry: Entry):
    return (entry.date, KIND_ORDER[entry.kind], entry.time or dt.time.min, entry.source_id, entry.note)


def _last_event(decision: Decision, kind: str, today: dt.date) -> dt.date | None:
    days = [e.date for e in decision.events if e.event == kind and e.date <= today]
    return max(days) if days else None


def _event_note(decision: Decision, kind: str, day: dt.date) -> str:
    return next((e.note for e in decision.events if e.event == kind and e.date == day), "")


def _meeting_day(decision: Decision, relations: Relations, archive: Archive) -> dt.date | None:
    meeting_id = relations.meeting_of.get(decision.id)
    meeting = archive.meetings.get(meeting_id) if meeting_id else None
    return meeting.start.date() if meeting and meeting.start else None
