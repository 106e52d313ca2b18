"""Contract rules that need more than one file: numbering, votes, names, agendas.

Single-file rules live in schema.py, references in relations.py. Everything
here appends to the same Problems list; nothing raises.

Addresses: every name from content that becomes part of a path (see urls.py)
must give a slug, and two names may not give the same one (topics excepted:
„finanțe” and „Finanțe” are one topic by design); a committee's slug in
council.yml must be a slug already, since documents cite it as written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import partial

from babel.lists import format_list

from . import suggest, vocab, voting
from . import urls
from .model import Archive, Decision
from .problems import Problems
from .relations import Relations
from .text import comma_below, count, slug as make_slug, sort_key

SLUG_RULE = "doar litere latine fără diacritice, cifre și cratime"


def check(archive: Archive, relations: Relations, problems: Problems) -> None:
    council = archive.council
    committees = {c.slug for c in council.committees}
    members = {comma_below(m.name) for m in council.members}
    _check_numbering(archive, problems)
    for decision in sorted(archive.decisions.values(), key=lambda d: d.id):
        _check_vote(decision, council.seats, problems)
        _check_nominal(decision, members if council.readable else None, problems, council.cut_names)
        for slug in decision.committees:
            if council.readable and slug not in committees:
                _unknown_committee(decision, "committees", slug, committees, problems)
        _check_meeting(decision, archive, relations, problems)
    for report in archive.reports.values():
        if council.readable and report.committee and report.committee not in committees:
            _unknown_committee(report, "committee", report.committee, committees, problems)
    check_addresses(archive, problems)


def _check_numbering(archive: Archive, problems: Problems) -> None:
    """A number given twice in a year, reported once on each file that must change, never on one
    whose number stands.

    Numbers are given in the order decisions are adopted, so the decision adopted first keeps its
    number and each one adopted later with the same number is the one to correct: the error is its
    own, naming the first. When the first day holds two decisions or more with that number, nothing
    in their files tells which is wrong (registration order and file names are no evidence): one
    error, on the first of those files by path, names every one of them with its line and says
    where staff find the right number. Only the front matter counts (git history plays no part: a
    renamed file is judged by its dates like any other)."""
    holders: dict[str, list[Decision]] = {}
    for decision in archive.decisions.values():
        if decision.citation:
            holders.setdefault(decision.citation, []).append(decision)
    for citation, same in sorted(holders.items()):
        if len(same) < 2:
            continue
        day = min(d.adopted for d in same)
        first = sorted((d for d in same if d.adopted == day), key=lambda d: d.display)
        later = sorted((d for d in same if d.adopted != day), key=lambda d: (d.adopted, d.display))
        expected = f"un număr nefolosit în anul {day.year} (numerotarea reîncepe în fiecare an)"
        given = _listed(f"„{d.id}” ({_where(d)})" for d in first)
        given = f"hotărârii {given}, adoptată" if len(first) == 1 else f"hotărârilor {given}, adoptate"
        for decision in later:
            problems.error(decision.display, decision.line_of("number"), "number",
                           f"numărul {citation} a fost dat întâi {given} înaintea acesteia, la {day}", expected)
        if len(first) > 1:
            problems.error(first[0].display, first[0].line_of("number"), "number",
                           f"numărul {citation} este dat la {len(first)} hotărâri adoptate în aceeași zi, {day}: "
                           f"{_listed(f'„{d.id}” ({_where(d)})' for d in first)}; din fișiere nu se poate ști "
                           "care dintre ele are numărul greșit",
                           "căutați numărul fiecăreia în registrul hotărârilor (sau pe hotărârea semnată) și "
                           "scrieți-l pe cel din registru în fișierul care îl are greșit; fișierul care are deja "
                           "numărul din registru rămâne neschimbat")


def _where(decision: Decision) -> str:
    return f"{decision.display}:{decision.line_of('number')}"


def _listed(names) -> str:
    """„a”, „b” și „c”."""
    return format_list(list(names), locale="ro")


def _check_vote(decision: Decision, seats: int, problems: Problems) -> None:
    vote, line = decision.vote, decision.line_of("vote")
    if vote is None:
        return
    # council.yml's `seats` unreadable (reported there, taken as 0): nothing is measured against it here,
    # or every vote would be reported too, naming a number of seats nobody wrote.
    known = seats > 0
    if not voting.adds_up(vote, seats if known else vote.present):
        total = vote.for_ + vote.against + vote.abstain
        problems.error(decision.display, line, "vote",
                       f"voturile nu se adună: pentru {vote.for_} + împotrivă {vote.against} + abțineri "
                       f"{vote.abstain} = {total}, prezenți {vote.present}" + (f", locuri {seats}" if known else ""),
                       "pentru + împotrivă + abțineri ≤ prezenți ≤ numărul de locuri din council.yml")
        return
    below = known and vote.present < voting.quorum(seats)
    if below and decision.status in vocab.VOTED_STATUSES and not vote.below_quorum:
        problems.warning(decision.display, line, "vote",
                         f"prezenți {vote.present} din {count(seats, 'consilier', 'consilieri')} în funcție: "
                         f"consiliul nu se întrunește legal fără cel puțin {voting.quorum(seats)} (majoritatea "
                         "consilierilor în funcție, Codul administrativ, art. 137 alin. (1)), deci nu putea vota",
                         "numărul de consilieri prezenți din procesul-verbal al ședinței; dacă acesta este cel "
                         "scris, confirmați-l cu „below_quorum: true” în vot, iar pagina arată public lipsa cvorumului")
    if vote.below_quorum and known and not below:
        problems.warning(decision.display, line, "vote.below_quorum",
                         f"votul spune că a fost sub cvorum („below_quorum: true”), dar prezenți {vote.present} "
                         f"din {seats} înseamnă cvorum (cel puțin {voting.quorum(seats)})",
                         "ștergeți „below_quorum: true” sau scrieți numărul de prezenți din procesul-verbal")
    if not decision.majority or decision.status not in ("adopted", "rejected"):
        return
    if not known and decision.majority in voting.COUNTED_ON_SEATS:
        return
    needed = voting.required_votes(decision.majority, vote.present, seats)
    reached = vote.for_ >= needed
    if decision.status == "adopted" and not reached:
        problems.error(decision.display, line, "vote",
                       f"hotărârea nu a întrunit {vocab.MAJORITIES[decision.majority].split(' (')[0]}: "
                       f"{count(vote.for_, 'vot', 'voturi')} pentru, necesare {needed}",
                       "voturile corecte, majoritatea corectă sau „status: rejected”")
    if decision.status == "rejected" and reached:
        problems.error(decision.display, line, "vote",
                       f"proiectul a întrunit majoritatea ({count(vote.for_, 'vot', 'voturi')} pentru, "
                       f"necesare {needed}), deci nu poate fi respins", "voturile corecte sau „status: adopted”")


def _within(name: str, cut_names) -> bool:
    """Whether every word of `name` is one of a cut name's (`Teodor Man`, `Man, Teodor`): that member,
    whose council.yml line is reported already."""
    words = set(sort_key(comma_below(name)).split())
    return any(words <= set(sort_key(comma_below(cut)).replace(",", " ").split()) for cut in cut_names)


def _check_nominal(decision: Decision, members: set[str] | None, problems: Problems, cut_names=()) -> None:
    """`members`: None when council.yml could not be read (its names are not known); `cut_names`:
    names a comma cut short there (`Council.cut_names`), whose words a vote's name may hold."""
    nominal, vote = decision.votes, decision.vote
    if nominal is None:
        return
    seen: dict[str, str] = {}
    for key, names, total in (("for", nominal.for_, vote and vote.for_), ("against", nominal.against,
                              vote and vote.against), ("abstain", nominal.abstain, vote and vote.abstain)):
        line = nominal.line_of(key, decision.line_of("votes"))
        times = Counter(names)
        for name in times:  # each name once, in the order written
            if members is not None and comma_below(name) not in members and not _within(name, cut_names):
                problems.error(decision.display, line, f"votes.{key}",
                               f"„{name}” nu este membru al consiliului în council.yml",
                               f"{suggest.hint(suggest.name(name, members))}numele scris exact ca în content/data/council.yml")
            if times[name] > 1:  # one councillor, one vote: the list counts the name once
                problems.error(decision.display, line, f"votes.{key}",
                               f"„{name}” apare de {_times(times[name])} la votes.{key}",
                               "ștergeți unul dintre cele două: fiecare consilier o singură dată" if times[name] == 2
                               else "ștergeți numele în plus, până rămâne o dată: fiecare consilier o singură dată")
            if name in seen:
                problems.error(decision.display, line, f"votes.{key}",
                               f"„{name}” apare și la votes.{seen[name]}", "fiecare consilier o singură dată")
            seen[name] = key
        if names and total is not None and len(times) != total:  # a name written twice is one vote
            once = " (fiecare numărat o dată)" if len(times) < len(names) else ""
            problems.error(decision.display, line, f"votes.{key}",
                           f"lista are {count(len(times), 'nume', 'nume')}{once}, dar vote.{key} este {total}",
                           f"exact {count(total, 'nume', 'nume')}, câte unul pentru fiecare vot")
        if names and vote is None:
            problems.error(decision.display, line, f"votes.{key}", "votul nominal nu are totalurile „vote”",
                           "vote: {present: …, for: …, against: …, abstain: …}")


def _times(n: int) -> str:
    """„două ori”, „trei ori”, „5 ori”, „20 de ori” (after „apare de”)."""
    return {2: "două ori", 3: "trei ori", 4: "patru ori"}.get(n) or count(n, "dată", "ori")


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


@dataclass(frozen=True)
class Named:
    """A name from content that becomes part of an address, and where it is written."""

    path: str
    line: int
    field: str
    name: str


def check_addresses(archive: Archive, problems: Problems) -> None:
    """Each name that becomes a path segment gives a slug of its own (see urls.py)."""
    council = archive.council
    for number, committee in enumerate(council.committees, start=1):
        if make_slug(committee.slug) != committee.slug:
            problems.error(council.source, committee.line, f"committees[{number}].slug",
                           f"„{committee.slug}” nu poate fi o adresă: {SLUG_RULE}",
                           f"de exemplu „{make_slug(committee.slug) or 'buget'}”")
    addresses = Addresses(problems)
    for number, m in enumerate(council.members, start=1):
        addresses.claim(Named(council.source, m.line, f"members[{number}].name", m.name), partial(urls.member, m.name))
    for d in sorted(archive.decisions.values(), key=lambda d: d.source):
        for number, topic in enumerate(d.topics, start=1):  # „finanțe” and „Finanțe” are one topic: no claim
            addresses.address(Named(d.display, d.line_of("topics"), f"topics[{number}]", topic),
                              partial(urls.topic, topic))
    # A disposition numbered as one before it would share that one's address: the number is what is
    # wrong, and dispositions.resolve says so (the same order: by id); its address is not claimed.
    numbered: dict[str, str] = {}
    for d in sorted(archive.dispositions.values(), key=lambda d: d.id):
        if d.citation:
            numbered.setdefault(d.citation, d.id)
    for doc in sorted(archive.documents(), key=lambda doc: doc.source):
        if doc.type == "page" and make_slug(doc.id) in vocab.RESERVED_PAGE_IDS:
            _reserved(doc, problems)
        elif doc.type == "disposition" and doc.citation and numbered[doc.citation] != doc.id:
            continue
        else:
            addresses.claim(Named(doc.display, 1, "id", doc.id), partial(ADDRESSES[doc.type], doc))
    for doc in sorted(archive.documents(), key=lambda doc: doc.source):
        for field_name, attachment in _attachments(doc):
            if attachment.source not in archive.attachments:
                continue  # missing or refused: schema.py said so
            addresses.claim(Named(doc.display, attachment.line, field_name, attachment.file),
                            partial(urls.attachment, attachment.source), key=attachment.source)


# The address every document has (a decision keeps its /proiecte/ address once adopted).
ADDRESSES = {"decision": urls.draft, "report": lambda r: urls.report(r.id),
             "meeting": lambda m: urls.meeting(m.id), "page": lambda p: urls.page(p.id),
             "disposition": urls.disposition, "publication": lambda p: urls.publication(p.id)}


def _reserved(page, problems: Problems) -> None:
    """A page whose address is one of the site's own (schema.py reports an id that is one already)."""
    if page.id not in vocab.RESERVED_PAGE_IDS:
        problems.error(page.display, 1, "id", f"numele de fișier „{page.id}” dă adresa /{make_slug(page.id)}/, "
                       "rezervată de site", f"alt nume decât: {', '.join(sorted(vocab.RESERVED_PAGE_IDS))}")


def _attachments(doc):
    """(field, Attachment) of every file a document attaches."""
    found = [(f"attachments[{n}].file", one) for n, one in enumerate(getattr(doc, "attachments", ()), start=1)]
    minutes = getattr(doc, "minutes", None)
    return found + [("minutes", minutes)] if minutes else found


class Addresses:
    """The addresses given so far, each with the name (and key) that took it first."""

    def __init__(self, problems: Problems):
        self.problems = problems
        self.taken: dict[str, tuple[Named, str]] = {}

    def address(self, named: Named, address_of) -> str | None:
        """`address_of()`, or None when a name in it gives no slug (reported)."""
        try:
            return address_of()
        except urls.AddressError as exc:
            if exc.slug:
                self.problems.error(named.path, named.line, named.field,
                                    f"„{exc.name}” dă o adresă prea lungă, de {len(exc.slug)} de caractere",
                                    f"un nume mai scurt (cel mult {urls.MAX_SEGMENT} de caractere în adresă)")
            else:
                part = f"„{named.name}”: partea „{exc.name}”" if exc.name != named.name else f"„{exc.name}”"
                self.problems.error(named.path, named.line, named.field,
                                    f"{part} nu poate da o adresă: nu are nicio literă latină sau cifră",
                                    "un nume cu litere latine sau cifre, de exemplu transcris în alfabetul latin")
            return None

    def claim(self, named: Named, address_of, key: str = "") -> None:
        """Take the address of `named`; a different name (another key) that took it first is reported."""
        address = self.address(named, address_of)
        if address is None:
            return
        first, first_key = self.taken.setdefault(address, (named, key or named.name))
        if first_key != (key or named.name):
            self.problems.error(named.path, named.line, named.field,
                                f"„{named.name}” ar avea aceeași adresă, /{address}, ca „{first.name}” din "
                                f"{first.path}:{first.line}",
                                "nume care diferă și după ce se scot diacriticele, majusculele și semnele: "
                                f"adresa păstrează {SLUG_RULE}")
