"""RSS 2.0 and Atom feeds of the public record (no Pelican here).

Every feed exists as `feeds/<name>.rss` and `feeds/<name>.atom` (permanent
addresses, relative to SITEURL):

    toate                  everything: decisions and drafts, reports, meetings
    hotarari               adopted decisions
    consultari             drafts that have a public-consultation block
    rapoarte               reports, approval memos and committee opinions
    sedinte                meetings and their agendas
    teme/<topic>           decisions on one topic (every topic in use)
    comisii/<slug>         decisions naming a committee, and its opinions
    consilieri/<slug>      one member's nominal votes (slug of the name)
    proiecte/<id>          one decision's timeline, from draft to repeal

Entry ids are tag URIs (RFC 4151) built from the site's host, the fixed date
`TAG_DATE` and a key made of document ids only, so that editing a title, a
body or a date never changes an id: `tag:<host>,2025:hotarari/<id>` (an
adopted decision), `…:proiecte/<id>` (a decision before adoption, or
rejected or withdrawn: on adoption the decision is announced as a new entry),
`…:rapoarte/<id>`, `…:sedinte/<id>`, `…:voturi/<decision id>/<member slug>`
and `…:parcurs/<decision id>/<kind>[/<source id>][-<n>]` for a timeline
entry (n counts repeated events of one kind, in date order).

Dates come from the content, in Europe/Bucharest with the offset of that day
(+02:00 in winter, +03:00 in summer); a date without a time is 00:00 local
time, except a vote, which takes the start time of its meeting. `published`
is the first public fact of an entry (registration of a draft, adoption of a
decision, the date of a report, the agenda's publication or else the start
of a meeting); `updated` is the latest fact of the entry that is not after
the build day. A feed's `updated` (RSS `lastBuildDate`) is its newest
entry's; an empty feed takes the newest entry of the whole site. Entries are
sorted newest first and each feed keeps the newest `LIMIT`; a decision's own
feed keeps its whole timeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Callable
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from . import dates, urls, vocab
from .model import Decision, Meeting, Report
from .text import slug, sort_key
from .timeline import Entry
from .views import SiteModel

TAG_DATE = "2025"  # part of every id: fixed once, never to change
LIMIT = 100  # entries per feed (a decision's own feed keeps all)
GENERATOR = "transparenta-decizionala"
FORMATS = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
VOTE_CHOICES = (("for_", "a votat pentru"), ("against", "a votat împotrivă"), ("abstain", "s-a abținut"))
# Feeds announced by listing pages; every other page announces the general feed.
LISTING_FEEDS = {
    "": ("toate", "hotarari", "consultari", "sedinte", "rapoarte"),
    "hotarari/": ("hotarari", "toate"),
    "proiecte/": ("toate", "consultari"),
    "consultari/": ("consultari", "toate"),
    "rapoarte/": ("rapoarte", "toate"),
    "sedinte/": ("sedinte", "toate"),
}
DEFAULT_FEEDS = ("toate",)


@dataclass(frozen=True)
class Category:
    term: str
    scheme: str = ""


@dataclass(frozen=True)
class Item:
    key: str  # the id without its tag prefix; built from document ids only
    title: str
    summary: str
    url: str  # absolute
    published: dt.datetime  # aware, Europe/Bucharest
    updated: dt.datetime
    categories: tuple[Category, ...] = ()


@dataclass(frozen=True)
class Feed:
    name: str  # under feeds/, without extension: "toate", "teme/buget"
    title: str  # short Romanian title, as listed on /abonare/
    description: str
    page: str  # address of the HTML page that the feed follows
    select: Callable[[], list[Item]] = field(compare=False, repr=False)  # entries, in feed order

    def path(self, fmt: str) -> str:
        """The feed's address relative to the site root, also the file written (like urls.py)."""
        return f"feeds/{self.name}.{fmt}"


def local_moment(day: dt.date, time: dt.time | None = None) -> dt.datetime:
    """A wall-clock date and time in Bucharest, with that day's UTC offset."""
    return dates.local(dt.datetime.combine(day, time or dt.time.min))


def agenda_lines(site: SiteModel, meeting: Meeting) -> list[str]:
    """The agenda of a meeting, one line per item, in order: `1. Hotărârea nr. …`."""
    lines = []
    for position, decision_id, title in site.relations.agenda.get(meeting.id, ()):
        if decision_id:
            d = site.archive.decisions[decision_id]
            title = f"{site.heading(d)} {title or d.title}"
        lines.append(f"{position}. {title}")
    return lines


def authority(site: SiteModel) -> tuple[str, str]:
    """(host, path prefix) of the site: `("example.ro", "")`, `("example.ro", "cj/")`."""
    parts = urlsplit(site.siteurl)
    base = parts.path.strip("/")
    return parts.hostname or "localhost", f"{base}/" if base else ""


def count(n: int, one: str, many: str) -> str:
    """Romanian counting: `1 abținere`, `3 abțineri`, `20 de abțineri`, `101 abțineri`."""
    if n == 1:
        return f"1 {one}"
    return f"{n} de {many}" if n and (n % 100 == 0 or n % 100 >= 20) else f"{n} {many}"


def newest_first(items, limit: int | None = LIMIT) -> list[Item]:
    ordered = sorted(items, key=lambda i: (i.updated, i.published, i.key), reverse=True)
    return ordered[:limit] if limit else ordered


class FeedCatalog:
    """Every feed of one site, its entries, its files and the pages announcing it."""

    def __init__(self, site: SiteModel):
        self.site = site
        host, base = authority(site)
        self.tag_prefix = f"tag:{host},{TAG_DATE}:{base}"

    def tag(self, key: str) -> str:
        return self.tag_prefix + key

    # --- moments -----------------------------------------------------------

    def meeting_time(self, meeting_id: str, day: dt.date) -> dt.time | None:
        meeting = self.site.archive.meetings.get(meeting_id)
        return meeting.start.time() if meeting and meeting.start and meeting.start.date() == day else None

    def vote_moment(self, d: Decision) -> dt.datetime | None:
        meeting_id = self.site.relations.meeting_of.get(d.id, "")
        meeting = self.site.archive.meetings.get(meeting_id)
        day = d.adopted or (meeting.start.date() if meeting and meeting.start else None)
        return local_moment(day, self.meeting_time(meeting_id, day)) if day else None

    def entry_moment(self, e: Entry) -> dt.datetime:
        """When a timeline entry happened: its own time, or its meeting's (a vote, a later decision)."""
        if e.time:
            return local_moment(e.date, e.time)
        if e.source_type == "meeting":
            return local_moment(e.date, self.meeting_time(e.source_id, e.date))
        if e.source_type == "decision":
            moment = self.vote_moment(self.site.archive.decisions[e.source_id])
            if moment and moment.date() == e.date:
                return moment
        return local_moment(e.date)

    def latest(self, published: dt.datetime, facts) -> dt.datetime:
        """The newest of `published` and the facts not after the build day."""
        return max([published, *(f for f in facts if f.date() <= self.site.today)])

    # --- entries ------------------------------------------------------------

    def topic_categories(self, topics) -> tuple[Category, ...]:
        return tuple(Category(t, self.site.absolute("teme/")) for t in topics)

    @cached_property
    def decision_items(self) -> dict[str, Item]:
        site = self.site
        items = {}
        for d in site.archive.decisions.values():
            adopted = bool(d.citation)
            published = (self.vote_moment(d) if adopted else None) or local_moment(d.registered or site.today)
            status = site.status[d.id]
            parts = [f"Stare: {status.label}.", d.summary]
            if not adopted and d.consultation and d.consultation.closes and status.code == "in-consultation":
                parts.append(f"Recomandări până la {dates.long_date(d.consultation.closes)}.")
            if d.initiator:
                parts.append(f"Inițiator: {d.initiator}.")
            items[d.id] = Item(
                key=f"{'hotarari' if adopted else 'proiecte'}/{d.id}",
                title=f"{site.heading(d)} {d.title}",
                summary=" ".join(p for p in parts if p),
                url=site.absolute(urls.decision(d)),
                published=published,
                updated=self.latest(published, (self.entry_moment(e) for e in site.timelines[d.id])),
                categories=(Category(vocab.DOCUMENT_TYPES["decision" if adopted else "draft"]),
                            *self.topic_categories(d.topics)),
            )
        return items

    @cached_property
    def report_items(self) -> dict[str, Item]:
        site = self.site
        items = {}
        for r in site.archive.reports.values():
            kind = vocab.REPORT_KINDS.get(r.kind, "")
            day = r.date or site.today
            about = [kind + (f" nr. {r.number}" if r.number else "") + f" din {dates.long_date(day)}"
                     + (f", {r.author}" if r.author else "") + "."]
            if r.committee:
                committee = site.council.committee(r.committee)
                name = committee.name if committee else r.committee
                opinion = vocab.OPINIONS.get(r.opinion, "")
                about.append(f"{name}: aviz {opinion}." if opinion else f"{name}.")
            decision_id = site.relations.decision_of_report.get(r.id)
            topics = ()
            if decision_id:
                d = site.archive.decisions[decision_id]
                about.append(f"Privește: {site.heading(d)} {d.title}.")
                topics = d.topics
            about.append(r.summary)
            moment = local_moment(day)
            items[r.id] = Item(
                key=f"rapoarte/{r.id}", title=r.title, summary=" ".join(p for p in about if p),
                url=site.absolute(urls.report(r.id)), published=moment, updated=moment,
                categories=(Category(vocab.DOCUMENT_TYPES["report"]), Category(kind),
                            *self.topic_categories(topics)),
            )
        return items

    @cached_property
    def meeting_items(self) -> dict[str, Item]:
        site = self.site
        items = {}
        for m in site.archive.meetings.values():
            start = dates.local(m.start) if m.start else local_moment(site.today)
            published = min(local_moment(m.agenda_published), start) if m.agenda_published else start
            parts = [f"Ședință {vocab.MEETING_KINDS.get(m.kind, '')}, {dates.weekday_date(start.date())}, "
                     f"ora {start:%H:%M}" + (f", {m.place}" if m.place else "") + ".", m.summary]
            agenda = agenda_lines(site, m)
            if agenda:
                parts.append("Ordinea de zi: " + "; ".join(agenda) + ".")
            items[m.id] = Item(
                key=f"sedinte/{m.id}", title=m.title, summary=" ".join(p for p in parts if p),
                url=site.absolute(urls.meeting(m.id)), published=published,
                updated=self.latest(published, [start]),
                categories=(Category(vocab.DOCUMENT_TYPES["meeting"]),),
            )
        return items

    def timeline_items(self, d: Decision) -> list[Item]:
        """A decision's timeline as entries, newest first (ties keep timeline order)."""
        site = self.site
        heading = f"{site.heading(d)} {d.title}"
        items, seen = [], {}
        for e in site.timelines[d.id]:
            base = f"parcurs/{d.id}/{e.kind}" + (f"/{e.source_id}" if e.source_id else "")
            seen[base] = seen.get(base, 0) + 1
            url = site.absolute(urls.decision(d))
            if e.source_type == "report":
                url = site.absolute(urls.report(e.source_id))
            elif e.source_type == "meeting":
                url = site.absolute(urls.meeting(e.source_id))
            elif e.source_type == "decision":
                url = site.absolute(urls.decision(site.archive.decisions[e.source_id]))
            moment = self.entry_moment(e)
            what = e.label
            if e.source_type == "decision":  # amended or repealed by a later decision
                what += f" Hotărârea nr. {site.archive.decisions[e.source_id].citation}"
            items.append(Item(
                key=base + (f"-{seen[base]}" if seen[base] > 1 else ""),
                title=f"{what}: {heading}",
                summary=f"{dates.long_date(e.date)}: {e.label}"
                        + ((f" {e.note}" if e.source_type == "decision" else f" — {e.note}") if e.note else "") + ".",
                url=url, published=moment, updated=moment, categories=(Category(e.label),),
            ))
        return items[::-1]

    @cached_property
    def votes_by_member(self) -> dict[str, list[Item]]:
        """Nominal votes keyed by the member's page (names written with ş/ș alike share one)."""
        site = self.site
        found: dict[str, list[Item]] = {}
        for d in sorted(site.archive.decisions.values(), key=lambda d: d.id):
            moment = self.vote_moment(d)
            if not d.votes or not d.vote or moment is None:
                continue
            v = d.vote
            result = (f"Rezultatul votului: {v.for_} pentru, {v.against} împotrivă, "
                      f"{count(v.abstain, 'abținere', 'abțineri')}, "
                      f"{count(v.present, 'consilier prezent', 'consilieri prezenți')}. "
                      f"Stare: {site.status[d.id].label}.")
            for attr, verb in VOTE_CHOICES:
                for name in getattr(d.votes, attr):
                    found.setdefault(urls.member(slug(name)), []).append(Item(
                        key=f"voturi/{d.id}/{slug(name)}",
                        title=f"{name} {verb}: {site.heading(d)} {d.title}",
                        summary=f"Vot nominal din {dates.long_date(moment.date())}: {name} {verb}. {result}",
                        url=site.absolute(urls.decision(d)), published=moment, updated=moment,
                        categories=(Category("Vot nominal"), *self.topic_categories(d.topics)),
                    ))
        return found

    # --- feeds --------------------------------------------------------------

    def documents(self, decisions=(), reports=()) -> list[Item]:
        return newest_first([*(self.decision_items[i] for i in decisions), *(self.report_items[i] for i in reports)])

    def everything(self) -> list[Item]:
        return newest_first([*self.decision_items.values(), *self.report_items.values(),
                             *self.meeting_items.values()])

    def member_votes(self, page: str) -> list[Item]:
        return newest_first(self.votes_by_member.get(page, ()))

    @cached_property
    def groups(self) -> list[tuple[str, list[Feed]]]:
        """The feeds listed on /abonare/, grouped (decision feeds are not listed one by one)."""
        return [("Toate noutățile", self.general_feeds()[:1]), ("După tipul documentului", self.general_feeds()[1:]),
                ("După temă", self.topic_feeds()), ("După comisie", self.committee_feeds()),
                ("Voturile nominale ale fiecărui consilier", self.member_feeds())]

    def general_feeds(self) -> list[Feed]:
        a, council = self.site.archive, self.site.council.name
        decisions = sorted(a.decisions)
        return [
            Feed("toate", "Toate documentele",
                 f"Hotărârile, proiectele de hotărâri, rapoartele și ședințele publicate de {council}.",
                 "", self.everything),
            Feed("hotarari", "Hotărâri adoptate", f"Hotărârile adoptate de {council}.", "hotarari/",
                 partial(self.documents, [i for i in decisions if a.decisions[i].citation])),
            Feed("consultari", "Proiecte în consultare publică",
                 f"Proiecte de hotărâri supuse consultării publice (Legea nr. 52/2003) de {council}.",
                 "consultari/", partial(self.documents, [i for i in decisions if a.decisions[i].status == "draft"
                                                         and a.decisions[i].consultation])),
            Feed("rapoarte", "Rapoarte și avize",
                 "Rapoarte de specialitate, referate de aprobare și avize ale comisiilor de specialitate.",
                 "rapoarte/", partial(self.documents, (), sorted(a.reports))),
            Feed("sedinte", "Ședințe și ordini de zi", f"{council}: ședințele, cu data, locul și ordinea de zi.",
                 "sedinte/", lambda: newest_first(self.meeting_items.values())),
        ]

    def topic_feeds(self) -> list[Feed]:
        """One feed per topic address: topics written with or without diacritics share it."""
        decisions = sorted(self.site.archive.decisions.values(), key=lambda d: d.id)
        feeds = []
        for t in self.site.topics():
            page = urls.topic(t)
            chosen = [d.id for d in decisions if any(urls.topic(other) == page for other in d.topics)]
            name = t.replace("-", " ")
            feeds.append(Feed(page.rstrip("/"), f"Tema „{name}”", f"Hotărâri și proiecte de hotărâri pe tema „{name}”.",
                              page, partial(self.documents, chosen)))
        return feeds

    def committee_feeds(self) -> list[Feed]:
        a = self.site.archive
        return [
            Feed(urls.committee(c.slug).rstrip("/"), c.name,
                 f"Proiectele de hotărâri repartizate comisiei și avizele ei: {c.name}.", urls.committee(c.slug),
                 partial(self.documents, sorted(i for i, d in a.decisions.items() if c.slug in d.committees),
                         sorted(i for i, r in a.reports.items()
                                if r.kind == "committee-opinion" and r.committee == c.slug)))
            for c in self.site.council.committees
        ]

    def member_feeds(self) -> list[Feed]:
        feeds = {}
        for m in sorted(self.site.council.members, key=lambda m: sort_key(m.name)):
            page = urls.member(slug(m.name))
            feeds.setdefault(page, Feed(page.rstrip("/"), f"Voturi nominale: {m.name}", f"Cum a votat {m.name}: voturile nominale consemnate în hotărâri.",
                                        page, partial(self.member_votes, page)))
        return list(feeds.values())

    @cached_property
    def decision_feeds(self) -> dict[str, Feed]:
        site = self.site
        return {
            d.id: Feed(f"proiecte/{d.id}", f"Parcursul: {site.heading(d)} {d.title}",
                       f"Fiecare etapă a documentului, de la înregistrarea proiectului la adoptare, "
                       f"modificare sau abrogare: {site.heading(d)} {d.title}.",
                       urls.decision(d), partial(self.timeline_items, d))
            for d in sorted(site.archive.decisions.values(), key=lambda d: d.id)
        }

    @cached_property
    def by_name(self) -> dict[str, Feed]:
        named = {f.name: f for _, feeds in self.groups for f in feeds}
        named.update({f.name: f for f in self.decision_feeds.values()})
        return named

    # --- pages that announce feeds -------------------------------------------

    @cached_property
    def page_feeds(self) -> dict[str, tuple[str, ...]]:
        site = self.site
        pages = dict(LISTING_FEEDS)
        pages.update({urls.year(y): LISTING_FEEDS["hotarari/"] for y in site.years()})
        for d in site.archive.decisions.values():
            pages[urls.decision(d)] = pages[urls.draft(d)] = (f"proiecte/{d.id}",)
        for r in site.archive.reports.values():
            decision_id = site.relations.decision_of_report.get(r.id)
            pages[urls.report(r.id)] = ((f"proiecte/{decision_id}",) if decision_id else ()) + ("rapoarte",)
        pages.update({urls.meeting(m): ("sedinte",) for m in site.archive.meetings})
        for _, feeds in self.groups[2:]:
            pages.update({f.page: (f.name,) for f in feeds})
        return pages

    def link(self, feed: Feed) -> dict:
        return {"title": feed.title, "rss": self.site.href(feed.path("rss")), "atom": self.site.href(feed.path("atom"))}

    def links(self, path: str) -> list[dict]:
        """The feeds a page announces with `<link rel="alternate">`: {title, rss, atom}."""
        return [self.link(self.by_name[name]) for name in self.page_feeds.get(path, DEFAULT_FEEDS)]

    def subscribe_view(self) -> list[dict]:
        """The groups of feeds as /abonare/ lists them, with absolute addresses to copy."""
        site = self.site
        return [{"title": title, "feeds": [
            {**self.link(f), "description": f.description, "page": site.href(f.page),
             "rss_url": site.absolute(f.path("rss")), "atom_url": site.absolute(f.path("atom"))} for f in feeds]}
            for title, feeds in self.groups]

    def decision_example(self) -> dict | None:
        """The newest decision's own feed, to show on /abonare/ what such a feed is."""
        newest = self.site.decisions_newest_first[:1]
        if not newest:
            return None
        d = newest[0]
        return {**self.link(self.decision_feeds[d.id]), "page": self.site.href(urls.decision(d)),
                "heading": f"{self.site.heading(d)} {d.title}"}

    # --- files ----------------------------------------------------------------

    @cached_property
    def site_updated(self) -> dt.datetime:
        return max((i.updated for i in self.everything()[:1]), default=local_moment(self.site.today))

    def render(self, feed: Feed) -> dict[str, bytes]:
        """The feed's RSS 2.0 and Atom documents."""
        site = self.site
        items = feed.select()
        fg = FeedGenerator()
        fg.id(self.tag(f"feeds/{feed.name}"))
        fg.title(f"{feed.title} · {site.council.name}")
        fg.subtitle(feed.description)
        author = {"name": site.council.name}
        if site.council.contact.email:
            author["email"] = site.council.contact.email
        fg.author(author)
        fg.language("ro")
        fg.generator(GENERATOR)
        fg.updated(max((i.updated for i in items), default=self.site_updated))
        for item in items:
            entry = fg.add_entry(order="append")
            entry.id(self.tag(item.key))
            entry.title(item.title)
            entry.link(href=item.url, rel="alternate", type="text/html")
            entry.summary(item.summary or item.title)
            entry.published(item.published)
            entry.updated(item.updated)
            for c in item.categories:
                entry.category({"term": c.term, "scheme": c.scheme} if c.scheme else {"term": c.term})
        out = {}
        for fmt, media_type in FORMATS.items():
            # RSS takes the last link as the channel's <link>: the page comes last.
            fg.link([{"href": site.absolute(feed.path(fmt)), "rel": "self", "type": media_type},
                     {"href": site.absolute(feed.page), "rel": "alternate", "type": "text/html"}], replace=True)
            out[fmt] = fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)
        return out

    def files(self):
        """(file relative to the output folder, bytes) for every feed, in a fixed order."""
        for name in sorted(self.by_name):
            feed = self.by_name[name]
            for fmt, data in self.render(feed).items():
                yield feed.path(fmt), data
