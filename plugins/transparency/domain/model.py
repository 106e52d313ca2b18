"""The council's documents as plain Python objects (no Pelican here).

Objects hold what staff wrote, already typed and checked field by field.
Relations between documents are resolved later, once everything is read
(see relations.py); derived facts (timeline, public status) live in
timeline.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attachment:
    file: str  # as written, relative to the document's folder
    title: str
    source: str  # path relative to the content root, posix
    size: int  # bytes; 0 when the file is missing (already reported)
    line: int = 1
    # Staff looked at the file by hand and found no personal data to hide (`scan_reviewed: true`, a
    # meeting's `minutes_scan_reviewed: true`): a scanned PDF, whose text the CNP guard cannot read.
    scan_reviewed: bool = False
    reviewed_at: tuple[str, int] = ("", 0)  # where they said so: the field as messages name it, its line

    @property
    def extension(self) -> str:
        return self.source.rsplit(".", 1)[-1].upper() if "." in self.source else ""


@dataclass(frozen=True)
class Event:
    date: dt.date
    event: str
    note: str = ""
    line: int = 1


@dataclass(frozen=True)
class Consultation:
    opened: dt.date | None
    closes: dt.date | None
    comments: int | None = None
    accepted: int | None = None  # recommendations taken into the text (Legea 52/2003, art. 13)


@dataclass(frozen=True)
class Vote:
    present: int
    for_: int
    against: int
    abstain: int
    below_quorum: bool = False  # staff confirmed that so few were present (`vote.below_quorum: true`)


@dataclass(frozen=True)
class NominalVote:
    for_: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    abstain: tuple[str, ...] = ()
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)  # key (for, against, abstain) → its line

    def line_of(self, key: str, default: int) -> int:
        return dict(self.lines).get(key, default)


@dataclass(frozen=True)
class AgendaItem:
    position: int
    decision: str = ""  # reference as written (id or N/YYYY)
    title: str = ""
    line: int = 1


# The fields of every document that are text shown as it is (no decision depends on them): the build
# records their reads apart from the rest of the front matter (domain/reads.py, Part.TEXT).
TEXT_FIELDS = ("title", "summary")


@dataclass
class Document:
    id: str
    source: str  # path relative to the content root, posix
    title: str
    display: str = ""  # the path shown in messages (content/…)
    summary: str = ""
    body_digest: str = ""  # of the Markdown body (text.digest); the text stays in the file (bodies.read_body)
    body_line: int = 1
    attachments: tuple[Attachment, ...] = ()
    allow_cnp: tuple[str, ...] = ()
    lines: dict = field(default_factory=dict, repr=False)  # field -> line

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)


@dataclass
class Decision(Document):
    type = "decision"
    status: str = "draft"
    registered: dt.date | None = None
    initiator: str = ""
    topics: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    consultation: Consultation | None = None
    meeting: str = ""
    number: int | None = None
    adopted: dt.date | None = None
    majority: str = ""
    vote: Vote | None = None
    votes: NominalVote | None = None
    amends: tuple[str, ...] = ()
    repeals: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    character: str = "normative"  # normative | individual (domain/force.py)
    changes: tuple = ()  # consolidation.Change: what this act changes in the decisions it amends
    annexes: tuple[str, ...] = ()  # the headings of the annexes written in its body (articles.annex_headings)

    @property
    def citation(self) -> str:
        """`NUMBER/YEAR` once adopted, else empty."""
        if self.status == "adopted" and self.number is not None and self.adopted:
            return f"{self.number}/{self.adopted.year}"
        return ""


@dataclass
class Report(Document):
    type = "report"
    kind: str = ""
    decision: str = ""  # reference as written
    number: str = ""
    date: dt.date | None = None
    author: str = ""
    committee: str = ""
    opinion: str = ""


@dataclass
class Meeting(Document):
    type = "meeting"
    kind: str = ""
    start: dt.datetime | None = None  # naive, Europe/Bucharest wall time
    place: str = ""
    convened_by: str = ""
    agenda_published: dt.date | None = None
    items: tuple[AgendaItem, ...] = ()
    minutes: Attachment | None = None
    video: str = ""
    convened: dt.date | None = None  # the day the convocation was issued (Codul administrativ, art. 134)
    public: bool = True  # false: held behind closed doors, `closed_reason` says why
    closed_reason: str = ""


@dataclass
class Page(Document):
    type = "page"


@dataclass
class Disposition(Document):
    """A disposition of the council's president (or mayor): content/dispozitii/."""

    type = "disposition"
    number: int | None = None
    date: dt.date | None = None  # signed
    issuer: str = ""
    character: str = "normative"  # normative | individual
    publish_text: bool = False  # an individual disposition's text is published only when true
    amends: tuple[str, ...] = ()  # other dispositions, NUMBER/YEAR or id
    repeals: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()

    @property
    def citation(self) -> str:
        return f"{self.number}/{self.date.year}" if self.number is not None and self.date else ""

    @property
    def text_public(self) -> bool:
        """Whether the text (body, summary, attachments) may be published: an individual
        disposition names people, so only its register entry is public unless staff say so."""
        return self.character != "individual" or self.publish_text


@dataclass
class Publication(Document):
    """Another document of the Monitorul Oficial Local (statute, regulation, budget…): content/documente/."""

    type = "publication"
    kind: str = ""
    date: dt.date | None = None
    decision: str = ""  # the approving decision, as written (id or N/YYYY)


@dataclass(frozen=True)
class Member:
    name: str
    group: str = ""
    role: str = ""
    line: int = field(default=1, compare=False)  # in council.yml
    committees: tuple[str, ...] = ()  # slugs of the committees the member sits on


@dataclass(frozen=True)
class Committee:
    slug: str
    name: str
    line: int = field(default=1, compare=False)  # in council.yml


@dataclass(frozen=True)
class Topic:
    """A topic's label as staff want it shown (with diacritics): `slug` as written in `topics`."""
    slug: str
    label: str
    line: int = field(default=1, compare=False)  # in council.yml


@dataclass(frozen=True)
class Contact:
    address: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Licence:
    """The licence of the open data; CC BY 4.0 unless council.yml says otherwise (Legea nr. 179/2022)."""

    name: str = "Creative Commons Atribuire 4.0 Internațional (CC BY 4.0)"
    url: str = "https://creativecommons.org/licenses/by/4.0/deed.ro"


@dataclass(frozen=True)
class Council:
    name: str
    seats: int
    contact: Contact = Contact()
    members: tuple[Member, ...] = ()
    committees: tuple[Committee, ...] = ()
    source: str = "data/council.yml"
    topics: tuple[Topic, ...] = ()  # declared labels; a topic not declared has its label derived
    licence: Licence = Licence()
    # False when council.yml could not be read at all (missing, not YAML): said once there, and
    # nothing is checked against its members and committees (each would be an error of its own)
    readable: bool = True
    # Members' names a comma cut short between braces (`{name: Man, Teodor}`: the member „Man”), as
    # written: said once in council.yml, not again at every vote that names the member
    cut_names: tuple[str, ...] = ()

    def committee(self, slug: str) -> Committee | None:
        return next((c for c in self.committees if c.slug == slug), None)

    def member(self, name: str) -> Member | None:
        return next((m for m in self.members if m.name == name), None)


@dataclass
class Archive:
    """Everything read from one content folder."""

    council: Council
    decisions: dict[str, Decision] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    dispositions: dict[str, Disposition] = field(default_factory=dict)
    publications: dict[str, Publication] = field(default_factory=dict)
    attachments: set[str] = field(default_factory=set)  # content-relative paths

    def documents(self):
        yield from self.decisions.values()
        yield from self.reports.values()
        yield from self.meetings.values()
        yield from self.pages.values()
        yield from self.dispositions.values()
        yield from self.publications.values()
