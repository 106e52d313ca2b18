"""Contract rules that need more than one file: numbering, votes, names, agendas.

Single-file rules live in schema.py, references in relations.py. Everything
here appends to the same Problems list; nothing raises.
"""

from __future__ import annotations

from . import vocab, voting
from .model import Archive, Decision
from .problems import Problems
from .relations import Relations
from .text import comma_below


def check(archive: Archive, relations: Relations, problems: Problems) -> None:
    council = archive.council
    committees = {c.slug for c in council.committees}
    members = {comma_below(m.name) for m in council.members}
    numbers: dict[str, str] = {}
    for decision in sorted(archive.decisions.values(), key=lambda d: d.id):
        _check_numbering(decision, numbers, problems)
        _check_vote(decision, council.seats, problems)
        _check_nominal(decision, members, problems)
        for slug in decision.committees:
            if slug not in committees:
                _unknown_committee(decision, "committees", slug, committees, problems)
        _check_meeting(decision, archive, relations, problems)
    for report in archive.reports.values():
        if report.committee and report.committee not in committees:
            _unknown_committee(report, "committee", report.committee, committees, problems)


def _check_numbering(decision: Decision, numbers: dict[str, str], problems: Problems) -> None:
    citation = decision.citation
    if not citation:
        return
    if citation in numbers:
        problems.error(decision.display, decision.line_of("number"), "number",
                       f"numărul {citation} este dat deja hotărârii „{numbers[citation]}”",
                       f"un număr nefolosit în anul {decision.adopted.year} (numerotarea reîncepe în fiecare an)")
    else:
        numbers[citation] = decision.id


def _check_vote(decision: Decision, seats: int, problems: Problems) -> None:
    vote, line = decision.vote, decision.line_of("vote")
    if vote is None:
        return
    if not voting.adds_up(vote, seats):
        total = vote.for_ + vote.against + vote.abstain
        problems.error(decision.display, line, "vote",
                       f"voturile nu se adună: pentru {vote.for_} + împotrivă {vote.against} + abțineri "
                       f"{vote.abstain} = {total}, prezenți {vote.present}, locuri {seats}",
                       "pentru + împotrivă + abțineri ≤ prezenți ≤ numărul de locuri din council.yml")
        return
    if not decision.majority or decision.status not in ("adopted", "rejected"):
        return
    needed = voting.required_votes(decision.majority, vote.present, seats)
    reached = vote.for_ >= needed
    if decision.status == "adopted" and not reached:
        problems.error(decision.display, line, "vote",
                       f"hotărârea nu a întrunit {vocab.MAJORITIES[decision.majority].split(' (')[0]}: "
                       f"{vote.for_} voturi pentru, necesare {needed}",
                       "voturile corecte, majoritatea corectă sau „status: rejected”")
    if decision.status == "rejected" and reached:
        problems.error(decision.display, line, "vote",
                       f"proiectul a întrunit majoritatea ({vote.for_} voturi pentru, necesare {needed}), "
                       "deci nu poate fi respins", "voturile corecte sau „status: adopted”")


def _check_nominal(decision: Decision, members: set[str], problems: Problems) -> None:
    nominal, vote = decision.votes, decision.vote
    if nominal is None:
        return
    line = decision.line_of("votes")
    seen: dict[str, str] = {}
    for key, names, count in (("for", nominal.for_, vote and vote.for_), ("against", nominal.against,
                              vote and vote.against), ("abstain", nominal.abstain, vote and vote.abstain)):
        for name in names:
            if comma_below(name) not in members:
                problems.error(decision.display, line, f"votes.{key}",
                               f"„{name}” nu este membru al consiliului în council.yml",
                               "numele scris exact ca în content/data/council.yml")
            if name in seen:
                problems.error(decision.display, line, f"votes.{key}",
                               f"„{name}” apare și la votes.{seen[name]}", "fiecare consilier o singură dată")
            seen[name] = key
        if names and count is not None and len(names) != count:
            problems.error(decision.display, line, f"votes.{key}",
                           f"lista are {len(names)} nume, dar vote.{key} este {count}",
                           f"exact {count} nume, câte unul pentru fiecare vot")
        if names and vote is None:
            problems.error(decision.display, line, f"votes.{key}", "votul nominal nu are totalurile „vote”",
                           "vote: {present: …, for: …, against: …, abstain: …}")


def _check_meeting(decision: Decision, archive: Archive, relations: Relations, problems: Problems) -> None:
    meeting_id = relations.meeting_of.get(decision.id)
    if not meeting_id:
        return
    meeting = archive.meetings[meeting_id]
    if decision.id not in {target for _, target, _ in relations.agenda.get(meeting_id, ())}:
        problems.warning(decision.display, decision.line_of("meeting"), "meeting",
                         f"hotărârea nu apare pe ordinea de zi a ședinței „{meeting_id}”",
                         f"„- decision: {decision.id}” sub items în {meeting.display}")
    if decision.adopted and meeting.start and decision.adopted < meeting.start.date():
        problems.error(decision.display, decision.line_of("adopted"), "adopted",
                       f"data adoptării {decision.adopted} este înaintea ședinței din {meeting.start.date()}",
                       "data ședinței în care s-a votat")


def _unknown_committee(document, field_name: str, slug: str, committees: set[str], problems: Problems) -> None:
    problems.error(document.display, document.line_of(field_name), field_name,
                   f"comisia „{slug}” nu există în council.yml",
                   f"unul dintre: {', '.join(sorted(committees)) or '(nicio comisie definită)'}")
