"""References between documents, resolved once after everything is read.

A decision is referenced by its citation `NUMBER/YEAR` or by its id; every
other document by its id. A reference that resolves to nothing is an error.
Relations are paired both ways: amends / amended by, repeals / repealed by,
report → decision / decision → reports, meeting agenda → decision /
decision → agendas it appears on, decision → the meeting it names / meeting
→ the decisions that name it. Amendments and repeals that go round in a
circle (A amends B, B amends A; or longer) are errors at every link.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter

from . import dispositions, force
from .model import Archive, Decision
from .problems import Problems

_MIN = dt.date.min
_MIN_DT = dt.datetime.min
# „Hotărârea nr.” alone, as a body's mentions are written: never with another issuer („Hotărârea
# Guvernului nr. 45/2025” is no decision of this council).
CITATION_RE = re.compile(r"^(?:(?:HCJ|HCL|hot[aă]r[aâî]rea|nr\.?)\s*)*(\d{1,5})\s*/\s*(\d{4})$", re.IGNORECASE)


def citation_key(reference: str) -> str | None:
    """`45/2024` (also `HCJ nr. 45/2024`, `Hotărârea nr. 45/2024`, `045/2024`) → `45/2024`; None if not
    a citation."""
    match = CITATION_RE.match(reference.strip())
    if not match:
        return None
    return f"{int(match.group(1))}/{match.group(2)}"


@dataclass(frozen=True)
class Relations:
    by_citation: dict[str, str] = field(default_factory=dict)
    meeting_of: dict[str, str] = field(default_factory=dict)  # decision → meeting (as written)
    decisions_of_meeting: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # meeting → the decisions whose `meeting` names it (meeting_of reversed), on its agenda or not (an
    # agenda may be supplemented at the start of the meeting): the numbered first, by number, then by id
    amends: dict[str, tuple[str, ...]] = field(default_factory=dict)
    repeals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    amended_by: dict[str, tuple[str, ...]] = field(default_factory=dict)  # adopted amenders only
    repealed_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reports_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    decision_of_report: dict[str, str] = field(default_factory=dict)
    agenda: dict[str, tuple[tuple[int, str, str], ...]] = field(default_factory=dict)
    # meeting → ((position, decision id or "", title), …)
    on_agendas: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # decision → ((meeting id, position), …)
    # Dispositions and the Monitorul Oficial Local's documents (dispositions.resolve fills these):
    disposition_by_citation: dict[str, str] = field(default_factory=dict)
    disposition_amends: dict[str, tuple[str, ...]] = field(default_factory=dict)
    disposition_repeals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    disposition_amended_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    disposition_repealed_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    convening_disposition: dict[str, str] = field(default_factory=dict)  # meeting → disposition
    convenes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # disposition → meetings
    publication_decision: dict[str, str] = field(default_factory=dict)  # document → approving decision
    publications_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # decision → documents


class Resolver:
    def __init__(self, archive: Archive):
        self.archive = archive
        self.by_citation = {
            d.citation: d.id for d in archive.decisions.values() if d.citation
        }

    def decision(self, reference: str) -> str | None:
        key = citation_key(reference)
        if key is not None:
            return self.by_citation.get(key)
        return reference if reference in self.archive.decisions else None


def build(archive: Archive, problems: Problems, unreadable: dict[str, str] | None = None) -> Relations:
    """`unreadable`: documents that exist but could not be read (their id or a decision's
    `number/year` → type); a reference to one is not reported, its own file's error is enough."""
    resolver = Resolver(archive)
    rel = Relations(by_citation=dict(sorted(resolver.by_citation.items())))
    unreadable = unreadable or {}

    def missing(doc, field_name, line, reference):
        key = citation_key(reference)
        if unreadable.get(key or reference.strip()) == "decision":
            return
        what = f"nu există nicio hotărâre adoptată cu numărul {key}" if key else \
            f"nu există nicio hotărâre (proiect) cu id-ul „{reference}”"
        problems.error(doc.display, line, field_name, what,
                       "NUMĂR/AN al unei hotărâri adoptate (de ex. 45/2024) sau numele fișierului fără .md")

    amended_by: dict[str, list[str]] = {}
    repealed_by: dict[str, list[str]] = {}
    for decision in sorted(archive.decisions.values(), key=_adoption_order):
        for field_name, reverse, store in (("amends", amended_by, rel.amends), ("repeals", repealed_by, rel.repeals)):
            targets = []
            for reference in getattr(decision, field_name):
                target = resolver.decision(reference)
                if target is None:
                    missing(decision, field_name, decision.line_of(field_name), reference)
                    continue
                if target == decision.id:
                    problems.error(decision.display, decision.line_of(field_name), field_name,
                                   "hotărârea se referă la ea însăși", "o altă hotărâre")
                    continue
                if archive.decisions[target].status != "adopted":
                    problems.error(decision.display, decision.line_of(field_name), field_name,
                                   f"„{reference}” nu este o hotărâre adoptată; doar acestea pot fi modificate sau abrogate",
                                   "NUMĂR/AN al unei hotărâri adoptate")
                    continue
                ended = _repealed_before(decision, repealed_by.get(target, ()), archive)
                if ended:
                    problems.error(decision.display, decision.line_of(field_name), field_name,
                                   f"„{reference}” fusese deja abrogată, prin Hotărârea nr. "
                                   f"{archive.decisions[ended].citation}, înainte de adoptarea acesteia; "
                                   "o hotărâre abrogată nu mai poate fi modificată sau abrogată",
                                   "hotărârea în vigoare care a înlocuit-o, sau ștergeți referința")
                    continue
                annulled = _annulled_before(decision, archive.decisions[target])
                if annulled:
                    problems.error(decision.display, decision.line_of(field_name), field_name,
                                   f"„{reference}” fusese anulată de instanță la {annulled.isoformat()}, înainte de "
                                   "adoptarea acesteia; o hotărâre anulată nu mai produce efecte, deci nu mai poate "
                                   "fi modificată sau abrogată", "ștergeți referința")
                    continue
                later = archive.decisions[target].adopted
                if decision.adopted and later and later > decision.adopted:
                    problems.error(decision.display, decision.line_of(field_name), field_name,
                                   f"„{reference}” a fost adoptată la {later.isoformat()}, după această hotărâre "
                                   f"(adoptată la {decision.adopted.isoformat()}); o hotărâre modifică sau abrogă "
                                   "doar hotărâri adoptate înaintea ei", "numărul corect al hotărârii, sau ștergeți "
                                   "referința")  # still a link: a circle it closes is named too
                targets.append(target)
                if decision.status == "adopted":
                    reverse.setdefault(target, []).append(decision.id)
            if targets:
                store[decision.id] = tuple(targets)
        if decision.meeting:
            if decision.meeting in archive.meetings:
                rel.meeting_of[decision.id] = decision.meeting
            elif unreadable.get(decision.meeting) != "meeting":
                problems.error(decision.display, decision.line_of("meeting"), "meeting",
                               f"nu există ședința „{decision.meeting}”",
                               "id-ul unei ședințe din content/sedinte/ (numele fișierului fără .md)")
    decisions_of_meeting: dict[str, list[str]] = {}
    for decision_id, meeting_id in rel.meeting_of.items():
        decisions_of_meeting.setdefault(meeting_id, []).append(decision_id)
    numbered = {i: archive.decisions[i].number for i in rel.meeting_of}
    rel.decisions_of_meeting.update(
        (meeting_id, tuple(sorted(found, key=lambda i: (numbered[i] is None, numbered[i] or 0, i))))
        for meeting_id, found in sorted(decisions_of_meeting.items()))
    rel.amended_by.update((k, tuple(v)) for k, v in amended_by.items())
    rel.repealed_by.update((k, tuple(v)) for k, v in repealed_by.items())
    report_cycles(archive, rel, problems)

    reports_of: dict[str, list[str]] = {}
    for report in sorted(archive.reports.values(), key=lambda r: (r.date or _MIN, r.id)):
        if not report.decision:
            continue
        target = resolver.decision(report.decision)
        if target is None:
            missing(report, "decision", report.line_of("decision"), report.decision)
            continue
        rel.decision_of_report[report.id] = target
        reports_of.setdefault(target, []).append(report.id)
    rel.reports_of.update((k, tuple(v)) for k, v in reports_of.items())

    on_agendas: dict[str, list[tuple[str, int]]] = {}
    for meeting in sorted(archive.meetings.values(), key=lambda m: (m.start or _MIN_DT, m.id)):
        entries, placed = [], {}
        for item in meeting.items:
            target = ""
            if item.decision:
                target = resolver.decision(item.decision) or ""
                if target and target in placed:  # the meeting page would list it twice
                    problems.error(meeting.display, item.line, f"items[{item.position}].decision",
                                   f"„{item.decision}” este deja pe ordinea de zi, la punctul {placed[target]}",
                                   "fiecare proiect o singură dată; ștergeți punctul în plus")
                    continue
                if target:
                    placed[target] = item.position
                if not target and unreadable.get(citation_key(item.decision) or item.decision) != "decision":
                    problems.error(meeting.display, item.line, f"items[{item.position}].decision",
                                   f"nu există hotărârea sau proiectul „{item.decision}”",
                                   "id-ul unui proiect (numele fișierului fără .md) sau NUMĂR/AN")
                else:
                    on_agendas.setdefault(target, []).append((meeting.id, item.position))
            entries.append((item.position, target, item.title))
        rel.agenda[meeting.id] = tuple(entries)
    rel.on_agendas.update((k, tuple(v)) for k, v in on_agendas.items())
    dispositions.resolve(archive, rel, problems)
    return rel


def report_cycles(archive: Archive, rel: Relations, problems: Problems) -> None:
    """Every circle of amendments and repeals, as an error at each of its links (the file and line
    of the `amends` or `repeals` that makes the link). A decision can only amend or repeal one
    adopted before it, so a circle always holds a wrong reference; each circle found is taken
    out by one link and the search goes on, so that every circle is named."""
    changes = {source: set(rel.amends.get(source, ())) | set(rel.repeals.get(source, ()))
               for source in sorted({*rel.amends, *rel.repeals})}
    while True:
        try:
            # A decision's targets are its predecessors: a circle is a cycle of the graph.
            TopologicalSorter(changes).prepare()
            return
        except CycleError as exc:
            circle = exc.args[1][::-1]  # graphlib lists predecessors first: reversed, each entry changes the next
        links = list(zip(circle, circle[1:]))
        told = ", ".join(f"{_named(archive, a)} {_verb(rel, a, b)} {_named(archive, b)}" for a, b in links)
        for source, target in links:
            decision = archive.decisions[source]
            field_name = "amends" if target in rel.amends.get(source, ()) else "repeals"
            problems.error(decision.display, decision.line_of(field_name), field_name,
                           f"modificările și abrogările se închid în cerc: {told}",
                           "o hotărâre modifică sau abrogă doar hotărâri adoptate înaintea ei: "
                           "ștergeți trimiterea greșită")
        changes[circle[0]].discard(circle[1])


def _named(archive: Archive, decision_id: str) -> str:
    decision = archive.decisions[decision_id]
    return f"hotărârea nr. {decision.citation}" if decision.citation else f"„{decision_id}”"


def _verb(rel: Relations, source: str, target: str) -> str:
    return "modifică" if target in rel.amends.get(source, ()) else "abrogă"


def _repealed_before(decision: Decision, repealers, archive: Archive) -> str | None:
    """The first of `repealers` (adopted before `decision`) that had taken effect before `decision`
    was adopted, and that no court annulled; None when there is none (or `decision` is a draft)."""
    if decision.status != "adopted" or not decision.adopted:
        return None
    for repealer_id in repealers:
        repealer = archive.decisions[repealer_id]
        start = force.entry_into_force(repealer)
        if start is not None and start < decision.adopted and \
                not any(e.event == "annulled" for e in repealer.events):
            return repealer_id
    return None


def _annulled_before(decision: Decision, target: Decision):
    """The day a court annulled `target` before `decision` was adopted (None if it did not, or
    `decision` is a draft)."""
    if decision.status != "adopted" or not decision.adopted:
        return None
    return min((e.date for e in target.events if e.event == "annulled" and e.date < decision.adopted), default=None)


def _adoption_order(decision: Decision):
    return (decision.adopted or decision.registered or _MIN, decision.id)

