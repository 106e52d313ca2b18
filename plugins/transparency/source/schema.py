"""Front matter → model objects, one reader per document type.

Each reader lists the keys its type allows (anything else is an error), reads
every field through `Fields` so that each problem names its line, and
enforces the rules that concern one file alone. Rules that need other files
(references, numbering, agendas) live in validate.py.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path

from ..domain import articles, vocab
from . import changes, content_tree
from ..domain.dates import Window
from .fields import Fields
from .frontmatter import LineDict, SourceText
from ..domain.model import AgendaItem, Attachment, Committee, Consultation, Contact, Council, Decision, Event, Licence, Meeting, Member, NominalVote, Page, Report, Topic, Vote
from ..domain.problems import Problems
from ..domain.text import count, digest

COMMON = ("title", "summary", "attachments", "allow_cnp")
DECISION_KEYS = COMMON + (
    "status", "registered", "initiator", "topics", "committees", "consultation",
    "meeting", "number", "adopted", "majority", "vote", "votes", "amends",
    "repeals", "events", "character", "changes",
)
REPORT_KEYS = COMMON + ("kind", "decision", "number", "date", "author", "committee", "opinion")
MEETING_KEYS = COMMON + (
    "kind", "date", "place", "convened_by", "agenda_published", "items", "minutes", "video",
    "convened", "public", "closed_reason", "minutes_scan_reviewed",
)
PAGE_KEYS = ("title", "summary", "allow_cnp")
ATTACHMENT_KEYS = ("file", "title", "scan_reviewed")
EVENT_KEYS = ("date", "event", "note")
VOTE_NUMBERS = ("present", "for", "against", "abstain")
VOTE_KEYS = (*VOTE_NUMBERS, "below_quorum")  # below_quorum: staff confirm a vote taken without quorum
NOMINAL_KEYS = ("for", "against", "abstain")
CONSULTATION_KEYS = ("opened", "closes", "comments", "accepted")
AGENDA_KEYS = ("decision", "title")
GROUPS = {"consultation": CONSULTATION_KEYS, "vote": VOTE_KEYS}  # a front matter's groups of plain fields

REQUIRED_BY_STATUS = {
    "adopted": ("number", "adopted", "meeting", "vote", "majority"),
    "rejected": ("meeting", "vote", "majority"),
}


class Context:
    """What a reader needs to know about where the file sits."""

    def __init__(self, content_root: Path, source: str, problems: Problems, window: Window):
        self.content_root = content_root
        self.source = source  # posix path relative to the content root
        self.display = f"content/{source}" if content_root.name == "content" else str(content_root / source)
        self.problems = problems
        self.window = window  # the plausible dates
        self.used_files: set[str] = set()

    def fields(self, meta: LineDict, allowed) -> Fields:
        fields = Fields(meta, self.display, self.problems, allowed, window=self.window)
        fields.reject_unknown(GROUPS)
        return fields

    def resolve_file(self, fields: Fields, key: str, written: str, title: str, reviewed_key: str) -> Attachment:
        """An attached file, relative to the document's folder; `reviewed_key`: the yes/no field of
        `fields` that says staff checked it by hand (a scan: source/attachment_text.py)."""
        folder = posixpath.dirname(self.source)
        relative = posixpath.normpath(posixpath.join(folder, written.strip()))
        size = 0
        if written.startswith(("/", "http://", "https://")) or relative.startswith("../") or relative in ("..", "."):
            fields.error(key, f"fișierul „{written}” nu se află în dosarul content/",
                         "o cale relativă la dosarul documentului, de exemplu anexe/anexa-1.pdf")
        else:
            # Through plain folders to a plain file only: a symbolic link is never published.
            size, why_not = content_tree.regular_file(self.content_root, relative)
            if size >= 0:
                self.used_files.add(relative)
            else:
                size = 0
                variant = content_tree.case_variant(self.content_root, relative)
                fields.error(key, f"fișierul atașat „{written}” {why_not} (căutat în content/{relative})",
                             f"„{posixpath.relpath(variant, folder or '.')}”, cu literele mari și mici ale "
                             "numelui fișierului" if variant and variant != relative else
                             "calea unui fișier obișnuit din content/, relativă la dosarul documentului")
        return Attachment(file=written, title=title or posixpath.basename(written), source=relative,
                          size=size, line=fields.line(key), scan_reviewed=bool(fields.flag(reviewed_key)),
                          reviewed_at=(fields.name(reviewed_key), fields.line(reviewed_key)))


def _common(document_class, doc_id: str, ctx: Context, text: SourceText, fields: Fields, **values):
    attachments, first = [], {}  # the line each file is first attached at
    for item in fields.mapping_list("attachments", ATTACHMENT_KEYS) if "attachments" in fields.allowed else []:
        written = item.text("file", required=True)
        if written:
            attachment = ctx.resolve_file(item, "file", written, item.text("title"), "scan_reviewed")
            if attachment.source in first:  # the page would list it twice
                ctx.problems.warning(ctx.display, attachment.line, item.name("file"),
                                     f"fișierul „{written}” este deja atașat, la rândul {first[attachment.source]}",
                                     "fiecare fișier o singură dată: ștergeți intrarea în plus, sau corectați calea "
                                     "dacă ați vrut alt fișier")
            first.setdefault(attachment.source, attachment.line)
            attachments.append(attachment)
    return document_class(
        id=doc_id,
        source=ctx.source,
        display=ctx.display,
        title=fields.text("title", required=True),
        summary=fields.text("summary"),
        body_digest=digest(text.body),
        body_line=text.body_line,
        attachments=tuple(attachments),
        allow_cnp=fields.text_list("allow_cnp"),
        lines=dict(text.meta.key_lines),
        **values,
    )


def read_decision(doc_id: str, ctx: Context, text: SourceText) -> Decision:
    f = ctx.fields(text.meta, DECISION_KEYS)
    status = f.choice("status", vocab.DECISION_STATUSES, required=True)
    for key in REQUIRED_BY_STATUS.get(status, ()):
        f.require(key, f" (obligatoriu pentru „status: {status}”)", line=f.line("status"))
    decision = _common(
        Decision, doc_id, ctx, text, f,
        status=status or "draft",
        registered=f.date("registered", required=True),
        initiator=f.text("initiator"),
        topics=f.text_list("topics"),
        committees=f.text_list("committees"),
        consultation=_consultation(f),
        meeting=f.text("meeting"),
        number=f.integer("number", minimum=1),
        adopted=f.date("adopted"),
        majority=f.choice("majority", vocab.MAJORITIES),
        vote=_vote(f),
        votes=_nominal(f),
        amends=f.text_list("amends"),
        repeals=f.text_list("repeals"),
        events=_events(f),
        character=f.choice("character", vocab.CHARACTERS) or "normative",
        changes=changes.read(f),
        annexes=articles.annex_headings(text.body),
    )
    if status != "adopted":
        for key in ("number", "adopted"):
            if f.has(key):
                ctx.problems.warning(ctx.display, f.line(key), key,
                                     f"„{key}” se completează doar când hotărârea este adoptată; este ignorat",
                                     "„status: adopted” sau ștergeți câmpul")
    if status == "withdrawn" and not any(e.event == "withdrawn" for e in decision.events):
        ctx.problems.warning(ctx.display, f.line("status"), "events",
                             "proiectul retras nu are evenimentul „withdrawn”",
                             "- {date: AAAA-LL-ZZ, event: withdrawn}")
    if decision.adopted and decision.registered and decision.adopted < decision.registered:
        f.error("adopted", f"data adoptării {decision.adopted} este înaintea înregistrării {decision.registered}",
                "o dată după „registered”")
    return decision


def _consultation(f: Fields) -> Consultation | None:
    sub = f.mapping("consultation", CONSULTATION_KEYS)
    if sub is None:
        return None
    opened, closes = sub.date("opened", required=True), sub.date("closes")
    if opened and not sub.has("closes"):  # Legea 52/2003, art. 7 alin. (4): the announcement states the term
        sub.problems.warning(sub.path, sub.line("opened"), sub.name("closes"),
                             "consultarea nu are ultima zi pentru recomandări: proiectul apare în consultare "
                             "fără sfârșit", "„closes: AAAA-LL-ZZ”, termenul anunțat (cel puțin 10 zile)")
    if opened and closes and closes < opened:
        sub.error("closes", f"consultarea se închide ({closes}) înainte să se deschidă ({opened})",
                  "o dată de închidere după „opened”")
    comments, accepted = sub.integer("comments"), sub.integer("accepted")
    if accepted is not None and comments is not None and accepted > comments:
        sub.error("accepted", f"{accepted} recomandări acceptate din {comments} primite",
                  "cel mult numărul din „comments”")
    elif accepted and comments is None:  # the annual report would count more accepted than received
        sub.error("accepted", f"{accepted} recomandări acceptate, dar numărul celor primite lipsește",
                  "„comments: N”, numărul recomandărilor primite (cel puțin cât „accepted”)")
    return Consultation(opened=opened, closes=closes, comments=comments, accepted=accepted)


def _vote(f: Fields) -> Vote | None:
    sub = f.mapping("vote", VOTE_KEYS)
    if sub is None:
        return None
    numbers = {key: sub.integer(key, required=True) for key in VOTE_NUMBERS}
    below_quorum = bool(sub.flag("below_quorum"))
    if any(value is None for value in numbers.values()):
        return None
    return Vote(present=numbers["present"], for_=numbers["for"], against=numbers["against"],
                abstain=numbers["abstain"], below_quorum=below_quorum)


def _nominal(f: Fields) -> NominalVote | None:
    sub = f.mapping("votes", NOMINAL_KEYS)
    if sub is None:
        return None
    return NominalVote(for_=sub.text_list("for"), against=sub.text_list("against"),
                       abstain=sub.text_list("abstain"), lines=tuple((key, sub.line(key)) for key in NOMINAL_KEYS))


def _events(f: Fields) -> tuple[Event, ...]:
    events = []
    for item in f.mapping_list("events", EVENT_KEYS):
        day = item.date("date", required=True)
        kind = item.choice("event", vocab.EVENTS, required=True)
        if day and kind:
            events.append(Event(date=day, event=kind, note=item.text("note"), line=item.data.line))
    _lifted_unsuspended(f, events)
    return tuple(events)


def _lifted_unsuspended(f: Fields, events: list[Event]) -> None:
    """A `suspension-lifted` lifts the suspension in force on its day: with none (never suspended
    before it, or that suspension already lifted) it lifts nothing, and the page would say a
    suspension ended that it never showed (a decision's or a disposition's events). Events in date
    order, a day's suspension before that day's lifting (as the status reads them)."""
    suspended_on: dt.date | None = None  # the suspension in force, while there is one
    lifted: tuple[dt.date, dt.date] | None = None  # the last suspension lifted, and the day it was
    for event in sorted(events, key=lambda e: (e.date, e.event != "suspended")):
        if event.event == "suspended":
            suspended_on = event.date
        elif event.event == "suspension-lifted":
            if suspended_on is not None:
                suspended_on, lifted = None, (suspended_on, event.date)
                continue
            later = min((e.date for e in events if e.event == "suspended"), default=None)
            before = (f"dar suspendarea („suspended”) din {lifted[0]} a încetat deja la {lifted[1]}" if lifted else
                      f"înainte de suspendarea („suspended”) din {later}" if later else
                      "dar nu este înregistrată nicio suspendare („suspended”) înainte")
            f.problems.error(f.path, event.line, f.name("events"),
                             f"suspendarea încetează („suspension-lifted”) la {event.date}, {before}",
                             "întâi evenimentul suspendării, „- {date: AAAA-LL-ZZ, event: suspended}”, cu o dată "
                             f"cel târziu {event.date}, sau ștergeți încetarea suspendării")


def read_report(doc_id: str, ctx: Context, text: SourceText) -> Report:
    f = ctx.fields(text.meta, REPORT_KEYS)
    kind = f.choice("kind", vocab.REPORT_KINDS, required=True)
    report = _common(
        Report, doc_id, ctx, text, f,
        kind=kind,
        decision=f.text("decision", required=True,
                        example="id-ul proiectului sau al hotărârii (numele fișierului fără .md) sau NUMĂR/AN"),
        number=f.text("number"),
        date=f.date("date", required=True),
        author=f.text("author"),
        committee=f.text("committee"),
        opinion=f.choice("opinion", vocab.OPINIONS),
    )
    if kind == "committee-opinion":
        f.require("committee", " (obligatoriu pentru un aviz de comisie)", line=f.line("kind"))
        f.require("opinion", " (obligatoriu pentru un aviz de comisie)", line=f.line("kind"))
    elif kind:
        for key in ("committee", "opinion"):
            if f.has(key):
                f.error(key, f"„{key}” se folosește doar la „kind: committee-opinion”",
                        "ștergeți câmpul sau schimbați „kind”")
    return report


def read_meeting(doc_id: str, ctx: Context, text: SourceText) -> Meeting:
    f = ctx.fields(text.meta, MEETING_KEYS)
    items = []
    for position, item in enumerate(f.mapping_list("items", AGENDA_KEYS), start=1):
        decision, title = item.text("decision"), item.text("title")
        if not decision and not title:
            item.error("decision", "punct al ordinii de zi fără hotărâre și fără titlu",
                       "„- decision: ID” sau „- {title: …}”")
        items.append(AgendaItem(position=position, decision=decision, title=title, line=item.data.line))
    minutes = None
    written = f.text("minutes")
    if written:
        minutes = ctx.resolve_file(f, "minutes", written, "Procesul-verbal al ședinței", "minutes_scan_reviewed")
    elif f.flag("minutes_scan_reviewed"):
        ctx.problems.warning(ctx.display, f.line("minutes_scan_reviewed"), "minutes_scan_reviewed",
                             "„minutes_scan_reviewed” privește procesul-verbal, dar ședința nu are „minutes”",
                             "„minutes: …” cu procesul-verbal, sau ștergeți „minutes_scan_reviewed”")
    video = f.text("video")
    if video and not video.startswith(("https://", "http://")):
        f.error("video", f"adresa „{video}” nu este o adresă web", "o adresă care începe cu https://")
    return _common(
        Meeting, doc_id, ctx, text, f,
        kind=f.choice("kind", vocab.MEETING_KINDS, required=True),
        start=f.datetime("date", required=True),
        place=f.text("place"),
        convened_by=f.text("convened_by"),
        agenda_published=f.date("agenda_published"),
        items=tuple(items),
        minutes=minutes,
        video=video,
        convened=f.date("convened"),
        public=_public(f),
        closed_reason=f.text("closed_reason"),
    )


def _public(f: Fields) -> bool:
    """`public: false` (a meeting behind closed doors) needs `closed_reason`; absent means public."""
    value = f.flag("public")
    if value is None:  # not written (public), or no yes/no (reported)
        return True
    if not value and not f.text("closed_reason"):
        f.error("public", "ședința nu este publică, dar lipsește „closed_reason”",
                "closed_reason: motivul pentru care ședința nu a fost publică")
    if value and f.has("closed_reason"):
        f.error("closed_reason", "„closed_reason” se completează doar la „public: false”",
                "ștergeți câmpul sau scrieți „public: false”")
    return value


def read_page(doc_id: str, ctx: Context, text: SourceText) -> Page:
    f = ctx.fields(text.meta, PAGE_KEYS)
    if doc_id in vocab.RESERVED_PAGE_IDS:
        ctx.problems.error(ctx.display, 1, "id", f"numele de fișier „{doc_id}” este rezervat de site",
                           f"alt nume decât: {', '.join(sorted(vocab.RESERVED_PAGE_IDS))}")
    return _common(Page, doc_id, ctx, text, f)


COUNCIL_KEYS = ("name", "seats", "contact", "members", "committees", "topics", "licence")
LICENCE_KEYS = ("name", "url")
CONTACT_KEYS = ("address", "email", "phone")
MEMBER_KEYS = ("name", "group", "role", "committees")
COMMITTEE_KEYS = ("slug", "name")
TOPIC_KEYS = ("slug", "label")


def read_council(data, display: str, problems: Problems) -> Council:
    f = Fields(data, display, problems, COUNCIL_KEYS)
    f.reject_unknown()
    contact = f.mapping("contact", CONTACT_KEYS)
    members, member_items, cut_names = [], [], []
    for item in f.mapping_list("members", MEMBER_KEYS):
        name = item.text("name", required=True)
        if rest := item.cut_from("name"):  # `{name: Man, Teodor}`: reported; the name as written kept
            cut_names.append(", ".join([name, *rest]))
        if name:
            members.append(Member(name=name, group=item.text("group"), role=item.text("role"), line=item.line("name"),
                                  committees=item.text_list("committees")))
            member_items.append(item)
    committees = []
    for item in f.mapping_list("committees", COMMITTEE_KEYS):
        slug, name = item.text("slug", required=True), item.text("name", required=True)
        if slug:
            committees.append(Committee(slug=slug, name=name or slug, line=item.line("slug")))
    _member_committees(members, member_items, {c.slug for c in committees})
    topics = []
    for item in f.mapping_list("topics", TOPIC_KEYS):
        slug, label = item.text("slug", required=True), item.text("label", required=True)
        if slug and label:
            topics.append(Topic(slug=slug, label=label, line=item.line("slug")))
    _unique(f, "topics", [t.slug for t in topics], "tema")
    seats = f.integer("seats", required=True, minimum=1) or 0
    _unique(f, "members", [m.name for m in members], "membru")
    _unique(f, "committees", [c.slug for c in committees], "comisie")
    if seats and len(members) > seats:
        f.error("members", f"sunt {count(len(members), 'membru', 'membri')}, dar consiliul are "
                f"{count(seats, 'loc', 'locuri')}",
                "cel mult „seats” membri în funcție")
    return Council(
        name=f.text("name", required=True),
        seats=seats,
        contact=Contact(*(contact.text(k) for k in CONTACT_KEYS)) if contact else Contact(),
        members=tuple(members),
        committees=tuple(committees),
        source=display,
        topics=tuple(topics),
        licence=_licence(f.mapping("licence", LICENCE_KEYS)),
        cut_names=tuple(cut_names),
    )


def _licence(f: Fields | None) -> Licence:
    """The open data's licence: both keys when given, the address a public https one."""
    if not f:
        return Licence()
    name, url = f.text("name", required=True), f.text("url", required=True)
    if url and not url.startswith("https://"):
        f.error("url", f"adresa licenței „{url}” nu începe cu https://",
                "adresa publică a textului licenței, de ex. https://creativecommons.org/licenses/by/4.0/deed.ro")
        return Licence()
    return Licence(name=name, url=url) if name and url else Licence()


def _member_committees(members: list[Member], items: list[Fields], known: set[str]) -> None:
    """A member's `committees` name committees declared under `committees`, each once."""
    for member, item in zip(members, items):
        for slug in member.committees:
            if slug not in known:
                item.error("committees", f"comisia „{slug}” nu este declarată în „committees”",
                           f"unul dintre: {', '.join(sorted(known)) or 'nicio comisie declarată'}")
        _unique(item, "committees", list(member.committees), "comisia")


def _unique(f: Fields, key: str, values: list[str], what: str) -> None:
    seen = set()
    for value in values:
        if value in seen:
            f.error(key, f"{what} „{value}” apare de două ori", "fiecare o singură dată")
        seen.add(value)
