"""The president's dispositions and the other documents of the Monitorul Oficial Local:
their references resolved, their cross-file rules, their timeline and public status.

A disposition is cited `NUMBER/YEAR` (also „Dispoziția nr. 120/2025”, with either form of ț)
or by its id; numbering restarts each year. It may amend or repeal earlier dispositions only
(an act changes only what exists before it, so no circle can form). A meeting's `convened_by`
that cites a disposition present in the content is linked to it, both ways; one that cites a
disposition not published is left as text. A document of content/documente/ may name the
decision that approved it.

Entry into force is `force.entry_into_force` (normative from publication, individual from
communication, an `in-force` event first), as for decisions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import force
from .model import Archive, Disposition
from .problems import Problems
from .text import fold

if TYPE_CHECKING:
    from .deadlines import WorkingDays  # deadlines imports relations, which imports this module

# „Dispoziția nr. 120/2025”, „Dispoziţia Președintelui nr. 120/2025”, „DP nr. 120/2025”, „120/2025”
CITATION_RE = re.compile(r"^(?:dispozitia\b[^0-9]*?|dp\.?\s*)?(?:nr\.?\s*)?(\d{1,5})\s*/\s*(\d{4})\s*$")
EXPECTED = "NUMĂR/AN al unei dispoziții din content/dispozitii/ (de ex. 120/2025) sau numele fișierului fără .md"

# Timeline entry kinds of a disposition, in the order that breaks ties within a day.
TIMELINE_KINDS = {
    "issued": "Emisă",
    "signed": "Semnată",
    "convenes": "Convoacă",
    "sent-to-prefect": "Comunicată prefectului",
    "communicated": "Comunicată persoanelor vizate",
    "published": "Publicată în Monitorul Oficial Local",
    "in-force": "Intrată în vigoare",
    "corrected": "Rectificată",
    "contested": "Atacată în contencios administrativ",
    "suspended": "Suspendată",
    "suspension-lifted": "Suspendare încetată",
    "annulled": "Anulată",
    "amendment-issued": "Emisă dispoziția care o modifică, încă neintrată în vigoare:",
    "repeal-issued": "Emisă dispoziția care o abrogă, încă neintrată în vigoare:",
    "amended-by": "Modificată prin",
    "repealed-by": "Abrogată prin",
}
ISSUED_CHANGE = {"amended-by": "amendment-issued", "repealed-by": "repeal-issued"}
KIND_ORDER = {kind: index for index, kind in enumerate(TIMELINE_KINDS)}


def citation_key(reference: str) -> str | None:
    """`120/2025`, `Dispoziția nr. 120/2025`, `Dispoziţia nr. 0120/2025` → `120/2025`; None otherwise."""
    match = CITATION_RE.match(fold(reference.strip()).lower())
    return f"{int(match.group(1))}/{match.group(2)}" if match else None


def heading(d: Disposition) -> str:
    return f"Dispoziția nr. {d.citation}" if d.citation else "Dispoziție"


def resolve(archive: Archive, rel, problems: Problems) -> None:
    """Fill the dispositions' and documents' entries of `rel` (relations.Relations), reporting
    every reference that resolves to nothing and every rule broken."""
    by_citation: dict[str, str] = {}
    for d in sorted(archive.dispositions.values(), key=lambda d: d.id):
        if not d.citation:
            continue
        if d.citation in by_citation:
            problems.error(d.display, d.line_of("number"), "number",
                           f"numărul {d.citation} este dat deja dispoziției „{by_citation[d.citation]}”",
                           f"un număr nefolosit în anul {d.date.year} (numerotarea reîncepe în fiecare an)")
        else:
            by_citation[d.citation] = d.id
    rel.disposition_by_citation.update(sorted(by_citation.items()))

    def find(reference: str) -> str | None:
        key = citation_key(reference)
        if key is not None:
            return by_citation.get(key)
        return reference if reference in archive.dispositions else None

    reverse: dict[str, dict[str, list[str]]] = {"amends": {}, "repeals": {}}
    for d in sorted(archive.dispositions.values(), key=_order):
        for field_name, store in (("amends", rel.disposition_amends), ("repeals", rel.disposition_repeals)):
            targets = []
            for reference in getattr(d, field_name):
                target = find(reference)
                line = d.line_of(field_name)
                if target is None:
                    key = citation_key(reference)
                    problems.error(d.display, line, field_name,
                                   f"nu există nicio dispoziție cu numărul {key}" if key else
                                   f"nu există nicio dispoziție cu id-ul „{reference}”", EXPECTED)
                elif target == d.id:
                    problems.error(d.display, line, field_name, "dispoziția se referă la ea însăși",
                                   "o altă dispoziție, emisă înaintea ei")
                elif not _before(archive.dispositions[target], d):
                    other = archive.dispositions[target]
                    problems.error(d.display, line, field_name,
                                   f"„{reference}” ({heading(other)}, din {other.date}) nu este emisă înaintea "
                                   f"acestei dispoziții ({d.date})",
                                   "o dispoziție poate modifica sau abroga doar dispoziții emise înaintea ei")
                else:
                    targets.append(target)
                    reverse[field_name].setdefault(target, []).append(d.id)
            if targets:
                store[d.id] = tuple(targets)
    rel.disposition_amended_by.update((k, tuple(v)) for k, v in sorted(reverse["amends"].items()))
    rel.disposition_repealed_by.update((k, tuple(v)) for k, v in sorted(reverse["repeals"].items()))

    convenes: dict[str, list[str]] = {}
    for m in sorted(archive.meetings.values(), key=lambda m: (m.start or dt.datetime.min, m.id)):
        target = find(m.convened_by) if m.convened_by and citation_key(m.convened_by) else None
        if target is None:
            continue  # a disposition not (yet) published here: its citation stays text
        d = archive.dispositions[target]
        if m.start and d.date and d.date > m.start.date():
            problems.error(m.display, m.line_of("convened_by"), "convened_by",
                           f"{heading(d)} este din {d.date}, după ședința din {m.start.date()} pe care o convoacă",
                           "dispoziția de convocare, emisă înaintea ședinței")
            continue
        convened = getattr(m, "convened", None)  # the day of the convocation, when the meeting says it
        if convened and d.date and convened != d.date:
            problems.warning(m.display, m.line_of("convened"), "convened",
                             f"ședința spune că a fost convocată la {convened}, dar {heading(d)} ({d.display}) "
                             f"este din {d.date}", f"aceeași dată în ambele fișiere: {d.date}")
        rel.convening_disposition[m.id] = target
        convenes.setdefault(target, []).append(m.id)
    rel.convenes.update((k, tuple(v)) for k, v in sorted(convenes.items()))

    publications: dict[str, list[str]] = {}
    for p in sorted(archive.publications.values(), key=lambda p: (p.date or dt.date.min, p.id)):
        if not p.decision:
            continue
        target = _decision(archive, rel, p.decision)
        if target is None:
            problems.error(p.display, p.line_of("decision"), "decision",
                           f"nu există nicio hotărâre adoptată „{p.decision}”",
                           "NUMĂR/AN al hotărârii care a aprobat documentul (de ex. 45/2024) sau id-ul ei")
            continue
        rel.publication_decision[p.id] = target
        publications.setdefault(target, []).append(p.id)
    rel.publications_of.update((k, tuple(v)) for k, v in sorted(publications.items()))


def _decision(archive: Archive, rel, reference: str) -> str | None:
    from .relations import citation_key as decision_key  # relations imports this module

    key = decision_key(reference)
    if key is not None:
        return rel.by_citation.get(key)
    found = archive.decisions.get(reference)
    return found.id if found is not None and found.citation else None


def _order(d: Disposition):
    return (d.date or dt.date.min, d.number or 0, d.id)


def _before(first: Disposition, second: Disposition) -> bool:
    return bool(first.date and second.date) and _order(first)[:2] < _order(second)[:2]


# --- status and timeline ----------------------------------------------------------------------

@dataclass(frozen=True)
class Status:
    code: str  # a key of vocab.DISPOSITION_STATUSES; the `data-status` hook
    since: dt.date | None = None
    by: tuple[str, ...] = ()  # dispositions that amended or repealed it
    note: str = ""
    until: dt.date | None = None  # issued, not yet in force: its entry into force when recorded (a later day)


@dataclass(frozen=True)
class Entry:
    date: dt.date
    kind: str  # a key of TIMELINE_KINDS
    note: str = ""
    source_type: str = ""  # "disposition" | "meeting" | ""
    source_id: str = ""

    @property
    def label(self) -> str:
        return TIMELINE_KINDS[self.kind]


def public_status(d: Disposition, rel, archive: Archive, today: dt.date) -> Status:
    """The first that applies of: annulled, repealed, suspended (unless lifted later), amended,
    in force (its entry into force recorded and reached), issued but not yet in force. A
    repeal or an amendment counts from the day the disposition that makes it takes effect, and
    not once a court has annulled that disposition."""
    annulled = _last(d, "annulled", today)
    if annulled:
        return Status("annulled", annulled, note=_note(d, "annulled", annulled))
    # An amending or repealing disposition changes this one from its own entry into force, until annulled.
    effective = {i: day for i in (*rel.disposition_repealed_by.get(d.id, ()), *rel.disposition_amended_by.get(d.id, ()))
                 if (day := force.in_effect_since(archive.dispositions[i], today)) is not None}
    repealers = [i for i in rel.disposition_repealed_by.get(d.id, ()) if i in effective]
    if repealers:
        return Status("repealed", min(effective[i] for i in repealers), tuple(repealers))
    suspended, lifted = _last(d, "suspended", today), _last(d, "suspension-lifted", today)
    if suspended and (lifted is None or lifted < suspended):
        return Status("suspended", suspended, note=_note(d, "suspended", suspended))
    amenders = [i for i in rel.disposition_amended_by.get(d.id, ()) if i in effective]
    if amenders:
        return Status("amended", max(effective[i] for i in amenders), tuple(amenders))
    start = force.entry_into_force(d)
    if start is not None and start <= today:
        return Status("in-force", start)
    return Status("adopted", d.date, until=start)


def timeline(d: Disposition, rel, archive: Archive) -> tuple[Entry, ...]:
    entries: set[Entry] = set()
    if d.date:
        entries.add(Entry(d.date, "issued", d.issuer))
    for meeting_id in rel.convenes.get(d.id, ()):
        m = archive.meetings[meeting_id]
        entries.add(Entry(d.date, "convenes", m.title, "meeting", m.id))
    for event in d.events:
        if event.event in TIMELINE_KINDS:
            entries.add(Entry(event.date, event.event, event.note if d.text_public else ""))
    for kind, reverse in (("amended-by", rel.disposition_amended_by), ("repealed-by", rel.disposition_repealed_by)):
        for other_id in reverse.get(d.id, ()):
            # dated by the day the other disposition takes effect; while that is not recorded, by its issue
            other = archive.dispositions[other_id]
            start = force.entry_into_force(other)
            entries.add(Entry(start, kind, other.title, "disposition", other.id) if start else
                        Entry(other.date, ISSUED_CHANGE[kind], other.title, "disposition", other.id))
    return tuple(sorted(entries, key=lambda e: (e.date, KIND_ORDER[e.kind], e.source_id, e.note)))


def _last(d: Disposition, kind: str, today: dt.date) -> dt.date | None:
    days = [e.date for e in d.events if e.event == kind and e.date <= today]
    return max(days) if days else None


def _note(d: Disposition, kind: str, day: dt.date) -> str:
    return next((e.note for e in d.events if e.event == kind and e.date == day), "")


# --- legal deadlines (shown, never blocking) ----------------------------------------------------

# The prefect's deadline of a disposition counts from its issue (the decisions' rule says adoption).
TERMS = {"prefect": "în cel mult 10 zile lucrătoare de la emitere"}


def legal_deadlines(d: Disposition, today: dt.date, days: WorkingDays) -> tuple:
    """The deadlines of Codul administrativ that apply to a disposition, as deadlines.Deadline: sent to
    the prefect within 10 working days of its issue (art. 197 alin. (1)), then published (normative)
    or communicated (individual) within 5 days of that (art. 198 alin. (2), art. 199 alin. (1))."""
    from . import deadlines  # deadlines imports relations, which imports this module

    if not d.date:
        return ()
    sent, sent_line = _first_event(d, "sent-to-prefect", today)
    prefect = deadlines.judge("prefect", days.after(d.date, 10), sent, today,
                              line=sent_line if sent else d.line_of("date"))
    made, made_line = _first_event(d, force.TAKES_EFFECT_ON[force.character_of(d)], today)
    line = made_line if made else prefect.source_line
    if sent is not None:
        publication = deadlines.judge("publication", days.days_after(sent, 5), made, today, line=line)
    else:
        state = "pending" if prefect.state == "pending" and made is None else "unknown"
        publication = deadlines.Deadline("publication", state, None, made, line)
    return (prefect, publication)


def _first_event(d: Disposition, kind: str, today: dt.date) -> tuple[dt.date | None, int]:
    """The first `kind` event of `d` by the build day `today` (one dated after it has not happened)."""
    found = sorted((e.date, e.line) for e in d.events if e.event == kind and e.date <= today)
    return found[0] if found else (None, 1)


def check_dates(archive: Archive, today: dt.date, problems: Problems, days: WorkingDays) -> None:
    """Facts about dispositions that need the build day: a disposition dated after it cannot have been
    issued (an error), and each missed legal deadline, a notice for staff (never blocking: the page
    shows it)."""
    for d in sorted(archive.dispositions.values(), key=lambda d: d.id):
        if d.date and d.date > today:
            problems.error(d.display, d.line_of("date"), "date",
                           f"dispoziția este datată {d.date}, după ziua de azi, {today}",
                           "data la care dispoziția a fost emisă; se publică după emitere")
        for deadline in legal_deadlines(d, today, days):
            if deadline.state == "missed":
                rule = deadline.rule
                term = TERMS.get(deadline.key, rule.term)
                problems.notice(d.display, deadline.source_line, deadline.key,
                                f"termen legal depășit: {rule.what.lower()} la {deadline.fact}, termenul era "
                                f"{deadline.due} ({term}; {rule.article}); pagina o arată public")
