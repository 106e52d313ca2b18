"""What each public page shows, computed once for the templates.

Templates receive plain values (strings, links, ISO dates, labels) and
compute nothing. `SiteModel` holds the checked archive, the derived status
and timeline of every decision, and the site's address; its methods return
one view (a dict) per page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from babel.numbers import format_decimal

from ..domain import amendments, dates, deadlines, force, members, timeline, topics, vocab
from ..domain.authority import Authority
from ..domain import relations as relations_model
from ..domain.reads import Memos, ReadLog
from ..domain import urls
from ..source import bodies, markup
from ..domain.model import Decision, Meeting, Report
from ..source.pipeline import Checked
from ..domain.text import count, sort_key
from ..domain.voting import quorum, required_votes
from .tracked import Index, TrackedArchive

URL_SAFE = "/-_.~"
ANCHOR_TAG_RE = re.compile(r"</?a\b[^>]*>", re.I)
LEGAL_FORCE = {
    "in-force": "InForce", "amended": "InForce", "repealed": "NotInForce",
    "annulled": "NotInForce", "suspended": "NotInForce", "adopted": "NotInForce",
}
# A status said of a draft (proiect, neuter) rather than of a decision (hotărâre, feminine).
DRAFT_STATUS_LABELS = {"draft": "Proiect înregistrat", "rejected": "Respins", "withdrawn": "Retras"}
# Statuses reached on one day (an event: "respins la …"), not held since a day ("în vigoare din …").
STATUS_ON_A_DAY = {"draft", "rejected", "withdrawn", "annulled"}
# Timeline entries after the build day, said in the future (what has not happened is not stated as done).
FUTURE_LABELS = {
    "consultation-opened": "Consultarea publică se deschide",
    "consultation-closed": "Consultarea publică se încheie",
    "public-debate": "Dezbatere publică programată",
    "on-agenda": "Pe ordinea de zi",
    "signed": "Urmează să fie semnată",
    "sent-to-prefect": "Urmează să fie comunicată prefectului",
    "published": "Urmează să fie publicată în Monitorul Oficial Local",
    "communicated": "Urmează să fie comunicată persoanelor vizate",
    "in-force": "Intră în vigoare",
    "suspended": "Suspendată de la această dată",
    "suspension-lifted": "Suspendarea încetează",
    "amended-by": "Modificată de la această dată prin",
    "repealed-by": "Abrogată de la această dată prin",
}
# What the text below a banner is, for a decision whose text no longer applies as written.
BANNER_WARNINGS = {
    "repealed": "Textul de mai jos nu mai este în vigoare.",
    "annulled": "Textul de mai jos a fost anulat și nu mai produce efecte.",
    "suspended": "Textul de mai jos nu se aplică pe durata suspendării.",
    "amended": "Textul de mai jos nu cuprinde modificările aduse prin actele care o modifică.",
    "adopted": "Textul de mai jos nu produce încă efecte: o hotărâre normativă intră în vigoare când este "
               "adusă la cunoștință publică, una individuală când este comunicată persoanelor vizate.",
}

# A meeting page's agenda when it lists nothing: published empty, or not published.
AGENDA_EMPTY = "Ordinea de zi nu cuprinde niciun punct."
AGENDA_NOT_PUBLISHED = "Ordinea de zi nu a fost încă publicată."

# What an article-by-article change did, in the "Modificări" table (consolidation.Change.action).
CHANGE_ACTIONS = {"replace": "{unit}: modificat", "insert-after": "o prevedere nouă introdusă după {unit}",
                  "repeal": "{unit}: abrogat"}


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    note: str = ""
    date: dict | None = None  # `when(day)`: shown after the note, in a <time> (the contract's every date)


def script_json(data, indent: int | None = None) -> str:
    """JSON to stand inside a <script> element (JSON-LD): every `<` written `\\u003c`, the same
    JSON to a reader of it. Escaping `</` alone left `<!--`, which with a `<script` after it
    makes the HTML parser take the rest of the page as the script's text (a title of a document
    could blank its page)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent).replace("<", "\\u003c")


def when(day: dt.date | None) -> dict | None:
    """A date as templates show it: `<time datetime="{iso}">{text}</time>`."""
    if day is None:
        return None
    return {"iso": day.isoformat(), "text": dates.long_date(day), "short": dates.short_date(day)}


def when_time(moment: dt.datetime) -> dict:
    aware = dates.local(moment)
    return {"iso": aware.isoformat(), "text": f"{dates.weekday_date(moment.date())}, ora {moment:%H:%M}",
            "date": dates.long_date(moment.date()), "time": f"{moment:%H:%M}"}


def lowercase_first(text: str) -> str:
    """`Ședința ordinară din …` → `ședința ordinară din …`, to stand inside a sentence."""
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{format_decimal(size / 1024, format='#,##0', locale='ro')} kB"
    return f"{format_decimal(size / 1024 / 1024, format='#,##0.0', locale='ro')} MB"


def _by_year(adopted) -> dict[int, list]:
    """Adopted decisions by the year of their adoption, each year's in the order given."""
    years: dict[int, list] = {}
    for d in adopted:
        years.setdefault(d.adopted.year, []).append(d)
    return years


def topic_labels(archive) -> dict[str, str]:
    """Topic address → how it is shown: council.yml's label, or derived (domain/topics.py)."""
    return topics.labels((t for d in archive.decisions.values() for t in d.topics), archive.council.topics)


class PerDecision(Mapping):
    """Decision id → a value derived from the decision, computed on first use and kept with its reads
    (a family of memos: `NAME/ID`), and kept between builds while nothing it read changed: a
    listing of every decision by status, or every year's activity, made again after one decision
    was added, then reads the others' kept values instead of computing them all again."""

    def __init__(self, site: "SiteModel", name: str, derive):
        self._site, self._name = site, name
        site.memos.define(name, lambda decision_id: derive(site.archive.decisions[decision_id]))

    def __getitem__(self, decision_id: str):
        return self._site.memos.of(self._name, decision_id, keep=True)

    def __iter__(self):
        return iter(self._site.archive.decisions)

    def __len__(self) -> int:
        return len(self._site.archive.decisions)


class Relations:
    """The relations between documents as the views read them: each one an `Index`, so that a page
    records the entries it reads (domain/relations.py says what each holds)."""

    def __init__(self, relations: relations_model.Relations, log: ReadLog):
        for name in (f.name for f in dataclasses.fields(relations)):
            setattr(self, name, Index(name, log, lambda name=name: getattr(relations, name), reads_text=False))


class SiteModel:
    def __init__(self, checked: Checked, today: dt.date, siteurl: str, *, body_store: bodies.BodyStore | None = None):
        # Rendered bodies (kept between builds in the build cache when the store has a folder).
        self.bodies = body_store or bodies.BodyStore(checked.root)
        # What the output being made reads (the dependency map, docs/build-cache.md): the views
        # see the archive and its relations only through these tracked views of them.
        self.log = ReadLog()
        self.memos = Memos(self.log)
        self.checked = checked  # for the build itself (what to copy, what to check); views use `archive`
        self.archive = TrackedArchive(checked.archive, self.log)
        self.relations = Relations(checked.relations, self.log)
        self.indexes: dict[str, Index] = {i.name: i for i in vars(self.relations).values()}
        self.council = checked.archive.council
        self.authority = Authority.of(self.council.name)  # county or local: its pages' words, whose mentions link
        self.today = today
        self.working_days = checked.working_days  # the legal deadlines' calendar
        self.siteurl = siteurl.rstrip("/")
        self.root = (urlsplit(self.siteurl).path.rstrip("/") or "") + "/"
        # Computed for each decision when first needed (a rebuild after one edit needs few).
        self.status = PerDecision(self, "status",
                                  lambda d: timeline.public_status(d, self.relations, self.archive, today))
        self.timelines = PerDecision(self, "timeline", lambda d: timeline.timeline(d, self.relations, self.archive))
        self.member_share = PerDecision(self, "member-share", lambda d: members.share(d, self.council.members))
        self.deadlines_of = PerDecision(self, "deadlines-of", lambda d: deadlines.of_decision(
            d, self.relations, self.archive, today, self.working_days))
        self._quoted: dict[str, str] = {}
        self.topic_labels = self.index("topic-labels", lambda: topic_labels(checked.archive), reads_text=False)
        self._define_memos()
        from . import history, law, listings  # imported here: they import this module
        listings.define_memos(self)
        law.define_memos(self)
        history.define_memos(self)

    def _define_memos(self) -> None:
        """The values many outputs share, each a family of memos that can be computed again from its
        key (domain.reads.Memos.define): after an edit, one whose value came out the same does not
        make its readers stale."""
        define, decisions = self.memos.define, self.archive.decisions
        define("status-view", lambda decision_id: self._status_view(decisions[decision_id]))
        define("row", lambda decision_id: self._decision_row(decisions[decision_id]))
        define("decisions-newest-first", lambda _: sorted(
            decisions.values(), key=lambda d: (d.adopted or d.registered or dt.date.min, d.number or 0, d.id),
            reverse=True))
        define("adopted", lambda _: [d for d in self.decisions_newest_first if d.citation])
        # Grouped in one pass (a page lists every year with its count: a pass per year read each
        # decision twenty times); a year's list is a memo of its own, compared after an edit.
        define("adopted-by-year", lambda _: _by_year(self.adopted), digest=False)
        define("adopted-in", lambda year: self.memos.of("adopted-by-year").get(int(year), []))
        define("meetings-newest-first", lambda _: sorted(
            self.archive.meetings.values(), key=lambda m: (m.start or dt.datetime.min, m.id), reverse=True))
        define("reports-newest-first", lambda _: sorted(
            self.archive.reports.values(), key=lambda r: (r.date or dt.date.min, r.id), reverse=True))
        define("years", lambda _: sorted({d.adopted.year for d in self.adopted}, reverse=True))
        define("topics", lambda _: self._topics())

    def index(self, name: str, compute, *, reads_text: bool = True) -> Index:
        """A derived index of the whole archive (see tracked.Index), registered so that the build
        compares its entries with the last build's. Made while the site is set up, before the build
        compares inputs, not by a view; a second request for the same name gets the same index."""
        found = self.indexes.get(name)
        if found is None:
            found = self.indexes[name] = Index(name, self.log, compute, reads_text=reads_text)
        return found

    # --- addresses -------------------------------------------------------

    def href(self, path: str) -> str:
        return self.root + self.quoted(path)

    def absolute(self, path: str) -> str:
        return f"{self.siteurl}/{self.quoted(path)}"

    def quoted(self, path: str) -> str:
        """The path percent-encoded, once per build (the same addresses appear on many pages)."""
        encoded = self._quoted.get(path)
        if encoded is None:
            encoded = self._quoted[path] = quote(path, safe=URL_SAFE)
        return encoded

    def decision_link(self, decision_id: str) -> Link:
        d = self.archive.decisions[decision_id]
        return Link(self.href(urls.decision(d)), self.heading(d), d.title)

    def changer_link(self, decision_id: str) -> Link:
        """A link to a decision that amends or repeals another, saying so when its change has not
        taken effect on the build day (as a disposition's does: mol.changed_link): the page lists it
        under „Modificată prin”, and must not let that be read as a fact of today."""
        found, state = self.decision_link(decision_id), self.changer_state(decision_id)
        return Link(found.url, found.text, f"{found.note} ({state})") if state else found

    def changer_state(self, decision_id: str) -> str:
        """„adoptată, încă neintrată în vigoare” (or „anulată de instanță”) for an act whose change has
        not taken effect on the build day; "" once it has."""
        changer = self.archive.decisions[decision_id]
        if force.in_effect_since(changer, self.today) is not None:
            return ""
        annulled = any(e.event == "annulled" and e.date <= self.today for e in changer.events)
        return "anulată de instanță" if annulled else "adoptată, încă neintrată în vigoare"

    def citation_url(self, citation: str) -> str | None:
        decision_id = self.relations.by_citation.get(citation)
        return self.href(urls.decision(self.archive.decisions[decision_id])) if decision_id else None

    def stable_id(self, doc) -> str:
        """The id that names a document's feed entries and calendar events: the one its file had
        first, when it was renamed since (site/history.py `first_ids`), else its id."""
        first_ids = self.indexes.get("first-ids")
        return (first_ids.get(f"{doc.type}/{doc.id}") if first_ids is not None else None) or doc.id

    @staticmethod
    def heading(d: Decision) -> str:
        return f"Hotărârea nr. {d.citation}" if d.citation else "Proiect de hotărâre"

    # --- sorted collections ---------------------------------------------

    @property
    def decisions_newest_first(self) -> list[Decision]:
        return self.memos.of("decisions-newest-first")

    @property
    def adopted(self) -> list[Decision]:
        return self.memos.of("adopted")

    def adopted_in(self, year: int) -> list[Decision]:
        """The decisions adopted in `year`, newest first (a page of a year reads only its own)."""
        return self.memos.of("adopted-in", str(year))

    @property
    def meetings_newest_first(self) -> list[Meeting]:
        return self.memos.of("meetings-newest-first")

    @property
    def reports_newest_first(self) -> list[Report]:
        return self.memos.of("reports-newest-first")

    def meetings_by_year(self) -> list[dict]:
        years: dict[int, list[dict]] = {}
        for m in self.meetings_newest_first:
            if m.start:
                years.setdefault(m.start.year, []).append(self.meeting_row(m))
        return [{"year": year, "meetings": rows} for year, rows in years.items()]

    def body(self, doc) -> str:
        """The document's body HTML, with mentions of existing decisions linked (nothing for a text
        that may not be published: an individual disposition without `publish_text`)."""
        if not getattr(doc, "text_public", True):
            return ""
        return bodies.linked(self.bodies.get(doc), self.citation_url, self.authority)

    def body_text_html(self, doc) -> str:
        """The body HTML before mentions are linked: the same text, for the search index."""
        if not getattr(doc, "text_public", True):
            return ""
        return self.bodies.get(doc)[1]

    def body_digest(self, doc) -> str:
        """Changes exactly when the document's Markdown body changes (what `body` is rendered from), or
        when a text starts or stops being withheld (an individual disposition's `publish_text`)."""
        return doc.body_digest if getattr(doc, "text_public", True) else "withheld"

    # --- small views shared by many pages --------------------------------

    def status_view(self, d: Decision) -> dict:
        """Shared by every page that shows the decision (read-only: callers copy before adding)."""
        return self.memos.of("status-view", d.id)

    def _status_view(self, d: Decision) -> dict:
        s = self.status[d.id]
        label = s.label if d.citation else DRAFT_STATUS_LABELS.get(s.code, s.label)
        # The day the status line says (partials/status.html): none when it says the day a consultation
        # ends, an adopted act's entry into force or the acts that changed it. A list then shows the
        # decision's day on a line of its own unless the status line said that day.
        said = s.since if s.since and not s.by and s.code != "adopted" \
            and not (s.code == "in-consultation" and s.until) else None
        return {"code": s.code, "label": label, "since": when(s.since), "until": when(s.until),
                "said_day": when(said), "since_word": "la" if s.code in STATUS_ON_A_DAY else "din",
                "by": [self.decision_link(i) for i in s.by], "note": s.note}

    def decision_row(self, d: Decision) -> dict:
        """Shared by every listing that shows the decision (read-only: callers copy before adding)."""
        return self.row(d.id)

    @staticmethod
    def listed(decisions) -> list[dict]:
        """What a list of decisions (partials/decision_list.html) is given: their ids. Each item is
        HTML kept between builds and made from the decision's row (adapters/generator.py
        `decision_item`), so a page of thousands reads no row it does not make again."""
        return [{"id": d.id} for d in decisions]

    def row(self, decision_id: str) -> dict:
        """`decision_row` by the decision's id: kept between builds (a list of thousands of decisions
        made again after one changed reads the others' rows as the last build made them)."""
        return self.memos.of("row", decision_id, keep=True)

    def _decision_row(self, d: Decision) -> dict:
        return {"id": d.id, "url": self.href(urls.decision(d)), "heading": self.heading(d), "title": d.title,
                "summary": d.summary, "status": self.status_view(d), "registered": when(d.registered),
                "adopted": when(d.adopted), "citation": d.citation, "number": d.number,
                "topics": [self.topic_link(t) for t in d.topics]}

    def topic_link(self, topic: str) -> Link:
        return Link(self.href(urls.topic(topic)), self.topic_label(topic))

    def topic_label(self, topic: str) -> str:
        return self.topic_labels.get(urls.topic(topic)) or topic.replace("-", " ")

    def committee_link(self, committee_slug: str) -> Link:
        committee = self.council.committee(committee_slug)
        return Link(self.href(urls.committee(committee_slug)), committee.name if committee else committee_slug)

    def attachment_views(self, attachments) -> list[dict]:
        return [{"title": a.title, "url": self.href(urls.attachment(a.source)), "type": a.extension,
                 "size": file_size(a.size)} for a in attachments]

    def meeting_row(self, m: Meeting) -> dict:
        return {"id": m.id, "url": self.href(urls.meeting(m.id)), "title": m.title,
                "kind": vocab.MEETING_KINDS.get(m.kind, ""), "start": when_time(m.start) if m.start else None,
                "upcoming": self.upcoming(m), "place": m.place}

    def upcoming(self, m: Meeting) -> bool:
        """Whether the meeting is still to be held: dated after the build day, or on it (a day, not an
        hour) with nothing recorded of it yet (its minutes, its video, a draft voted there, on its
        agenda or not): a meeting held this morning and published this afternoon is not „urmează”."""
        if not m.start or m.start.date() != self.today:
            return bool(m.start and m.start.date() > self.today)
        if m.minutes or m.video:
            return False
        return not any(self.archive.decisions[decision_id].status in vocab.VOTED_STATUSES
                       for decision_id in self.relations.decisions_of_meeting.get(m.id, ()))

    # --- decision page ---------------------------------------------------

    def decision_page(self, d: Decision) -> dict:
        rel, council = self.relations, self.council
        view = dict(self.decision_row(d))
        meeting_id = rel.meeting_of.get(d.id)
        vote = None
        if d.vote:
            needed = None
            if d.majority and council.seats:
                needed = required_votes(d.majority, d.vote.present, council.seats)
            vote = {
                "present": d.vote.present, "for": d.vote.for_, "against": d.vote.against,
                "abstain": d.vote.abstain, "seats": council.seats,
                "majority": vocab.MAJORITIES.get(d.majority, ""), "needed": needed,
                "reached": needed is not None and d.vote.for_ >= needed,
                "absent": council.seats - d.vote.present if council.seats else None,
                # a vote taken without quorum is a public fact (validate.py warns until staff confirm it)
                "quorum": quorum(council.seats) if council.seats else None,
                "below_quorum": bool(council.seats) and d.vote.present < quorum(council.seats),
            }
        nominal = None
        if d.votes:
            nominal = [
                {"label": label, "names": [Link(self.href(urls.member(n)), n) for n in names]}
                for label, names in (("Pentru", d.votes.for_), ("Împotrivă", d.votes.against),
                                     ("Abținere", d.votes.abstain)) if names
            ]
        view.update({
            "initiator": d.initiator,
            "body": self.body(d),
            "attachments": self.attachment_views(d.attachments),
            "committees": [self.committee_link(c) for c in d.committees],
            "consultation": self.consultation_view(d),
            "meeting": Link(self.href(urls.meeting(meeting_id)), self.archive.meetings[meeting_id].title)
            if meeting_id else None,
            "vote": vote,
            "nominal": nominal,
            "amends": [self.decision_link(i) for i in rel.amends.get(d.id, ())],
            "repeals": [self.decision_link(i) for i in rel.repeals.get(d.id, ())],
            "amended_by": [self.changer_link(i) for i in rel.amended_by.get(d.id, ())],
            "repealed_by": [self.changer_link(i) for i in rel.repealed_by.get(d.id, ())],
            "modifications": self.modifications(d),
            "reports": [self.report_link(r) for r in rel.reports_of.get(d.id, ())],
            "timeline": [self.timeline_entry(e) for e in self.timelines[d.id]],
            "draft_url": self.href(urls.draft(d)),
            "jsonld": self.jsonld(d),
            "banner": self.banner(d),
            "vote_summary": self.vote_summary(d),
            "documents_summary": self.documents_summary(d),
            "publications": [Link(self.href(urls.publication(p)), self.archive.publications[p].title,
                                  vocab.PUBLICATION_KINDS.get(self.archive.publications[p].kind, ""))
                             for p in rel.publications_of.get(d.id, ())],  # documents it approved (MOL)
        })
        view["deadlines"] = self.deadline_views(self.deadlines_of[d.id])
        if view["meeting"]:  # said inside a sentence ("votul în ședința ordinară din …")
            view["meeting_in_sentence"] = lowercase_first(view["meeting"].text)
        return view

    def modifications(self, d: Decision) -> list[dict]:
        """The "Modificări" table: every act in the chain of changes (domain/amendments.py), oldest
        first; what each changes, article by article when recorded; indirect ones marked."""
        rows = []
        for m in amendments.chain(d.id, self.archive, self.relations):
            act = self.archive.decisions[m.act]
            what = [CHANGE_ACTIONS[c.action].format(unit=c.describe()) for c in m.changes]
            if m.direct and not what:
                what = ["modifică și abrogă hotărârea" if len(m.verbs) > 1 else
                        "modifică hotărârea" if m.verbs == ("amends",) else "abrogă hotărârea"]
            rows.append({"date": when(act.adopted), "act": self.decision_link(m.act), "direct": m.direct,
                         "what": what, "state": self.changer_state(m.act),  # its change not in effect yet
                         "via": [{"verb": "modifică" if verb == "amends" else "abrogă",
                                  "link": self.decision_link(target)} for verb, target in m.via]})
        return rows

    def banner(self, d: Decision) -> dict | None:
        """What a reader must know before the text: a decision not simply in force (repealed, amended,
        suspended, annulled) or not adopted (draft, in consultation, rejected, withdrawn)."""
        s, view = self.status[d.id], self.status_view(d)
        if s.code == "in-force":
            return None
        acts = sorted((self.archive.decisions[i] for i in s.by), key=lambda a: (a.adopted, a.number or 0, a.id))
        banner = {**view, "acts": [{"url": self.href(urls.decision(a)), "text": self.heading(a),
                                    "date": when(a.adopted)} for a in acts],
                  "warning": BANNER_WARNINGS.get(s.code, "")}
        if s.code == "adopted":  # the fact it waits for to take effect (domain/force.py)
            awaited = force.TAKES_EFFECT_ON.get(d.character, force.TAKES_EFFECT_ON["normative"])
            banner["awaits"] = {"published": "publicarea", "communicated": "comunicarea"}[awaited]
        if s.code == "amended":
            banner["times"] = f"de {count(len(acts), 'dată', 'ori')}, ultima dată" if len(acts) > 1 else ""
        if s.code == "in-consultation":
            contact = self.council.contact
            days = (s.until - self.today).days if s.until else None
            banner["days_left"] = (None if days is None else "astăzi este ultima zi" if days == 0
                                   else "mai este o zi" if days == 1 else f"mai sunt {count(days, 'zi', 'zile')}")
            banner["contact"] = contact
            if contact.email:
                subject = quote(f"Recomandări privind proiectul de hotărâre {d.title}", safe="")
                banner["mailto"] = f"mailto:{contact.email}?subject={subject}"
        return banner

    @staticmethod
    def vote_summary(d: Decision) -> str:
        if not d.vote:
            return ""
        v = d.vote
        return (f"{v.for_} pentru, {v.against} împotrivă, {count(v.abstain, 'abținere', 'abțineri')} "
                f"({count(v.present, 'consilier prezent', 'consilieri prezenți')})")

    def documents_summary(self, d: Decision) -> list[Link]:
        """Links to the page's documents, for the first screen (the sections sit below the text)."""
        links = []
        if d.attachments:
            links.append(Link("#anexe", count(len(d.attachments), "anexă", "anexe")))
        reports = self.relations.reports_of.get(d.id, ())
        if reports:
            links.append(Link("#rapoarte", count(len(reports), "raport sau aviz", "rapoarte și avize")))
        return links

    def consultation_view(self, d: Decision) -> dict | None:
        c = d.consultation
        if not c:
            return None
        return {"opened": when(c.opened), "closes": when(c.closes), "comments": c.comments,
                "open": timeline.consultation_open(d, self.today), "contact": self.council.contact}

    def report_link(self, report_id: str) -> Link:
        r = self.archive.reports[report_id]
        kind = vocab.REPORT_KINDS.get(r.kind, "")
        return Link(self.href(urls.report(r.id)), r.title, kind, when(r.date))

    def timeline_entry(self, e: timeline.Entry) -> dict:
        """One entry: what happened (`label`), the document it links to, named by what it is
        (`link_text`), and the rest of its note. An entry after the build day is said in the future."""
        link = link_text = None
        label, note, prefix = e.label, e.note, ""
        if e.source_type == "report":
            r = self.archive.reports[e.source_id]
            link, link_text, note = self.href(urls.report(r.id)), r.title, ""
            if e.kind == "report":  # a specialist report or an approval memo, by its kind
                label = vocab.REPORT_KINDS.get(r.kind, label)
            if sort_key(r.title).startswith(sort_key(label)):  # "Referat de aprobare privind …" says it
                label = ""
        elif e.source_type == "meeting":
            m = self.archive.meetings[e.source_id]
            link, link_text, prefix = self.href(urls.meeting(m.id)), lowercase_first(m.title), "în"
            note = note.removeprefix(f"{m.title}, ")
            note = f"({note})" if note else ""
        elif e.source_type == "decision":
            other = self.archive.decisions[e.source_id]
            link, link_text, note = self.href(urls.decision(other)), self.heading(other), other.title
        upcoming = e.date > self.today
        if upcoming:
            label = FUTURE_LABELS.get(e.kind, label)
            if e.kind == "consultation-closed":  # recommendations are counted once it has closed
                note = ""
        date = when(e.date)
        if e.time:
            date["iso"] = dates.local(dt.datetime.combine(e.date, e.time)).isoformat()
        until = None
        if e.until is not None and note:  # the note's date in a <time>: said as `note`, then the date
            note, until = timeline.UNTIL, when(e.until)
        return {"date": date, "kind": e.kind, "label": label, "note": note, "until": until, "url": link,
                "link_text": link_text, "link_prefix": prefix, "upcoming": upcoming}

    def jsonld(self, d: Decision) -> str:
        s = self.status[d.id]
        data = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "@id": self.absolute(urls.decision(d)),
            "url": self.absolute(urls.decision(d)),
            "name": f"{self.heading(d)} {d.title}",
            "inLanguage": "ro",
            "legislationType": "Hotărâre" if d.citation else "Proiect de hotărâre",
            "legislationPassedBy": {"@type": "GovernmentOrganization", "name": self.council.name},
        }
        if d.summary:
            data["abstract"] = d.summary
        if d.citation:
            data["legislationIdentifier"] = d.citation
            data["identifier"] = d.citation
            data["legislationDate"] = d.adopted.isoformat()
            published = [e.date for e in d.events if e.event == "published" and e.date <= self.today]  # facts only
            if published:
                data["datePublished"] = min(published).isoformat()
            in_force = LEGAL_FORCE[s.code] == "InForce" and force.in_force_on(d, self.today)
            data["legislationLegalForce"] = f"https://schema.org/{'InForce' if in_force else 'NotInForce'}"
            start = force.entry_into_force(d)
            if start:
                data["legislationDateOfApplicability"] = start.isoformat()
        else:
            data["legislationLegalForce"] = "https://schema.org/NotInForce"
        changes = [*self.relations.amends.get(d.id, ()), *self.relations.repeals.get(d.id, ())]
        if changes:
            data["legislationChanges"] = [{"@id": self.absolute(urls.decision(self.archive.decisions[i]))}
                                          for i in changes]
        changed_by = [*self.relations.amended_by.get(d.id, ()), *self.relations.repealed_by.get(d.id, ())]
        if changed_by:
            chain = amendments.chain(d.id, self.archive, self.relations)
            data["@reverse"] = {"legislationChanges": [self._changer_node(i, chain, ()) for i in changed_by]}
            # the day the newest change in effect took effect, as the consolidated text's versions are dated
            since = [force.in_effect_since(self.archive.decisions[i], self.today) for i in changed_by]
            if any(since):
                data["legislationDateVersion"] = max(day for day in since if day).isoformat()
        return script_json(data, indent=1)

    def _changer_node(self, act_id: str, chain, path: tuple) -> dict:
        """A changing act in JSON-LD, with the acts of the chain that change it in turn (indirect
        changes: C changes B, which changes this decision)."""
        node = {"@id": self.absolute(urls.decision(self.archive.decisions[act_id]))}
        changers = [m.act for m in chain if any(target == act_id for _, target in m.via) and m.act not in path]
        if changers:
            node["@reverse"] = {"legislationChanges": [self._changer_node(c, chain, (*path, act_id))
                                                       for c in changers]}
        return node

    # --- other documents --------------------------------------------------

    def report_page(self, r: Report) -> dict:
        decision_id = self.relations.decision_of_report.get(r.id)
        return {
            "id": r.id, "title": r.title, "kind": vocab.REPORT_KINDS.get(r.kind, ""), "number": r.number,
            "date": when(r.date), "author": r.author, "summary": r.summary,
            "committee": self.committee_link(r.committee) if r.committee else None,
            "opinion": vocab.OPINIONS.get(r.opinion, ""), "opinion_code": r.opinion,
            "decision": self.decision_link(decision_id) if decision_id else None,
            "decision_status": self.status_view(self.archive.decisions[decision_id]) if decision_id else None,
            "body": self.body(r), "attachments": self.attachment_views(r.attachments),
        }

    def meeting_page(self, m: Meeting) -> dict:
        view = self.meeting_row(m)
        agenda = self.relations.agenda.get(m.id, ())
        items = []
        for position, decision_id, title in agenda:
            item = {"position": position, "title": title, "decision": None, "outcome": None}
            if decision_id:
                item.update(self.voted_item(self.archive.decisions[decision_id], m, title))
            items.append(item)
        published = bool(agenda) or m.agenda_published is not None
        view.update({
            "convened_by": self.convened_by(m), "agenda_published": when(m.agenda_published),
            "agenda": items, "agenda_note": "" if agenda else
            AGENDA_EMPTY if published else AGENDA_NOT_PUBLISHED,
            "off_agenda": self.off_agenda(m, {decision_id for _, decision_id, _ in agenda}, published),
            "minutes": self.attachment_views([m.minutes])[0] if m.minutes else None,
            "video": m.video, "body": self.body(m), "summary": m.summary,
            "attachments": self.attachment_views(m.attachments),
        })
        view["deadlines"] = self.deadline_views(deadlines.meeting_deadlines(m, self.today))
        view["convened"] = when(m.convened)
        view["closed_reason"] = "" if m.public else m.closed_reason
        return view

    def voted_item(self, d: Decision, m: Meeting, title: str = "") -> dict:
        """A draft as a meeting page lists it: linked, with what the meeting decided."""
        return {"decision": self.decision_row(d), "title": title or f"Proiect de hotărâre {d.title}",
                "outcome": self.agenda_outcome(d, m)}

    def off_agenda(self, m: Meeting, on_agenda: set[str], published: bool) -> dict | None:
        """The drafts voted at the meeting (their `meeting` names it) that its agenda does not list: an
        agenda may be supplemented at the start of the meeting (content-format.md), and the page says
        what was adopted there all the same, and that it was not on the agenda published."""
        voted = [d for d in (self.archive.decisions[i] for i in self.relations.decisions_of_meeting.get(m.id, ())
                             if i not in on_agenda) if d.status in vocab.VOTED_STATUSES]
        if not voted:
            return None
        done = "adoptat" if all(d.status == "adopted" for d in voted) else "votat"
        heading = f"Proiecte {done}e " + ("în afara ordinii de zi publicate" if published else "în această ședință")
        said = f"Proiectul de mai jos a fost {done}" if len(voted) == 1 else f"Proiectele de mai jos au fost {done}e"
        note = f"{said} în această ședință fără să fi fost pe ordinea de zi publicată." if published else ""
        return {"heading": heading, "note": note, "drafts": [self.voted_item(d, m) for d in voted]}

    def deadline_views(self, found) -> list[dict]:
        """The `data-deadlines` list: each legal deadline with its state, due day, fact and article (the
        one for this kind of council)."""
        kind = self.authority.kind
        return [{"key": x.key, "met": x.met_hook, "state": x.state, "state_label": deadlines.STATES[x.state],
                 "what": x.rule.what, "term": x.rule.term, "article": x.rule.cited(kind), "done": x.rule.done,
                 "earliest": x.rule.earliest, "due": when(x.due), "fact": when(x.fact),
                 "late_for": when(x.late_for), "first_allowed": when(x.first_allowed), "planned": x.planned}
                for x in found]

    def convened_by(self, m: Meeting) -> str:
        """`convened_by` as HTML: linked to the disposition when it is published here."""
        disposition_id = self.relations.convening_disposition.get(m.id)
        if not disposition_id:
            return self.link_citations(m.convened_by)
        url = self.href(urls.disposition(self.archive.dispositions[disposition_id]))
        text = ANCHOR_TAG_RE.sub("", markup.clean(m.convened_by))  # a link inside a link is not HTML
        return f'<a href="{url}">{text}</a>'

    def link_citations(self, text: str) -> str:
        return markup.link_mentions(markup.clean(text), self.citation_url, self.authority) if text else ""

    def agenda_outcome(self, d: Decision, m: Meeting) -> dict:
        voted_here = self.relations.meeting_of.get(d.id) == m.id
        if voted_here and d.citation:
            return {"code": "adopted", "text": f"Adoptat: Hotărârea nr. {d.citation}"}
        if voted_here and d.status == "rejected":
            return {"code": "rejected", "text": "Respins"}
        if d.status == "withdrawn":
            return {"code": "withdrawn", "text": "Retras de pe ordinea de zi"}
        if self.upcoming(m):
            return {"code": "upcoming", "text": "Urmează să fie dezbătut"}
        return {"code": "not-debated", "text": "Nedezbătut în această ședință"}

    # --- listings ----------------------------------------------------------

    def years(self) -> list[int]:
        """The years with adopted decisions, newest first (part of the site map: kept between builds)."""
        return self.memos.of("years", keep=True)

    def topics(self) -> list[str]:
        """One name per topic address (topics differing only in case or diacritics are one topic;
        part of the site map: kept between builds)."""
        return self.memos.of("topics", keep=True)

    def _topics(self) -> list[str]:
        by_path: dict[str, str] = {}
        for d in sorted(self.archive.decisions.values(), key=lambda d: d.id):
            for t in d.topics:
                by_path.setdefault(urls.topic(t), t)
        return sorted(by_path.values(), key=sort_key)

    def has_topic(self, d: Decision, topic: str) -> bool:
        return any(urls.topic(t) == urls.topic(topic) for t in d.topics)

    def open_consultations(self) -> list[dict]:
        found = [d for d in self.archive.decisions.values() if self.status[d.id].code == "in-consultation"]
        found.sort(key=lambda d: (d.consultation.closes or dt.date.max, d.id))
        return [self.decision_row(d) for d in found]

    def page_links(self) -> list[Link]:
        return [Link(self.href(urls.page(p.id)), p.title)
                for p in sorted(self.archive.pages.values(), key=lambda p: sort_key(p.title))]

    def next_meeting(self) -> dict | None:
        upcoming = [m for m in self.meetings_newest_first if self.upcoming(m)]
        return self.meeting_row(upcoming[-1]) if upcoming else None
