"""RSS 2.0 and Atom feeds of the public record (no Pelican here).

Every feed exists as `feeds/<name>.rss` and `feeds/<name>.atom` (permanent
addresses, relative to SITEURL):

    toate                  everything: decisions and drafts, reports, meetings, dispositions, documents
    hotarari               adopted decisions
    consultari             drafts that have a public-consultation block
    rapoarte               reports, approval memos and committee opinions
    sedinte                meetings and their agendas
    dispozitii             the president's dispositions (an individual one by its register entry)
    documente              the Monitorul Oficial Local's other documents (statute, regulations, budgets…)
    teme/<topic>           decisions on one topic (every topic in use)
    comisii/<slug>         decisions naming a committee, and its opinions
    consilieri/<slug>      one member's nominal votes (slug of the name)
    proiecte/<id>          one decision's timeline, from draft to repeal (the id as a slug)

Entry ids are tag URIs (RFC 4151) built from the site's host, the fixed date
`TAG_DATE` and a key made of document ids only, so that editing a title, a
body or a date never changes an id: `tag:<host>,2025:hotarari/<id>` (an
adopted decision), `…:proiecte/<id>` (a decision before adoption, or
rejected or withdrawn: on adoption the decision is announced as a new entry),
`…:rapoarte/<id>`, `…:sedinte/<id>`, `…:dispozitii/<id>`, `…:documente/<id>`, `…:voturi/<decision id>/<member slug>`
and `…:parcurs/<decision id>/<kind>[/<source id>][-<n>]` for a timeline
entry (n counts repeated events of one kind, in date order), and
`…:consolidat/<decision id>/<YYYY-MM-DD>` for a new version of a decision's
consolidated text (site/consolidated.py), on the day it takes effect, and
`…:istoric/<decision id>/<commit>` for a commit that changed an adopted
decision's text or record (site/history.py `feed_items`): in the decision's
own feed and in every feed that lists the decision, so that a reader of the
feed of everything, of decisions or of a topic is told of it as of news (an
RSS reader shows no entry again for a later `updated`).
A document renamed since is named by the id its file had first (site/history.py
`first_ids`, from the git history), so that a rename does not show every entry
again (RFC 4287, 4.2.6). A feed's own id is `tag:<host>,2025:feeds/<name>`; a
renamed decision's own feed, at its new address as at its old one
(site/history.py `renamed_feeds`), keeps the id its first name gave it (its
self link names the new address).

Dates are the entries' own (see feed_entries.py). A feed's `updated` (RSS
`lastBuildDate`) is its newest entry's, never the clock; an empty feed takes
the newest entry of the whole site. Entries are sorted newest first and each
feed keeps the newest `LIMIT`; a decision's own feed keeps its whole
timeline. Atom lists them by `updated` (a decision's own feed in its
timeline's order), RSS, which carries no date of update, by `pubDate`.
"""

from __future__ import annotations

import datetime as dt
import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from ..domain import urls
from ..site.feed_entries import Entries, Item, local_moment
from ..domain.text import slug, sort_key
from ..site.views import SiteModel

TAG_DATE = "2025"  # part of every id: fixed once, never to change
LIMIT = 100  # entries per feed (a decision's own feed keeps all)
GENERATOR = "transparenta-decizionala"
FORMATS = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
# Feeds announced by listing pages; every other page announces the general feed.
LISTING_FEEDS = {
    "": ("toate", "hotarari", "consultari", "sedinte", "rapoarte"),
    "hotarari/": ("hotarari", "toate"),
    "proiecte/": ("toate", "consultari"),
    "consultari/": ("consultari", "toate"),
    "rapoarte/": ("rapoarte", "toate"),
    "sedinte/": ("sedinte", "toate"),
    "dispozitii/": ("dispozitii",),
    "registre/dispozitii/": ("dispozitii",),
    "documente/": ("documente",),
    "monitorul-oficial-local/": ("dispozitii", "documente", "hotarari"),
}
DEFAULT_FEEDS = ("toate",)
# The general feeds: name → (title, description, the page it follows); {council} is the council's name,
# {dispositions} and {dispositions_of} its words for its dispositions (domain/authority.py).
GENERAL_FEEDS = {
    "toate": ("Toate documentele",
              "Hotărârile, proiectele de hotărâri, rapoartele, ședințele, dispozițiile și celelalte documente "
              "publicate de {council}.", ""),
    "hotarari": ("Hotărâri adoptate", "Hotărârile adoptate de {council}.", "hotarari/"),
    "consultari": ("Proiecte în consultare publică",
                   "Proiecte de hotărâri supuse consultării publice (Legea nr. 52/2003) de {council}.",
                   "consultari/"),
    "rapoarte": ("Rapoarte și avize",
                 "Rapoarte de specialitate, referate de aprobare și avize ale comisiilor de specialitate.",
                 "rapoarte/"),
    "sedinte": ("Ședințe și ordini de zi", "{council}: ședințele, cu data, locul și ordinea de zi.", "sedinte/"),
    "dispozitii": ("{dispositions}", "{dispositions_of}, publicate în Monitorul Oficial Local ({council}).",
                   "dispozitii/"),
    "documente": ("Documente din Monitorul Oficial Local",
                  "Statutul, regulamentele, bugetele și situațiile financiare publicate de {council}.", "documente/"),
}


@dataclass(frozen=True)
class Selection:
    """What a feed lists, as plain data (a build compares it with the last build's)."""

    decisions: tuple[str, ...] = ()  # these decisions' entries
    reports: tuple[str, ...] = ()  # these reports' entries
    meetings: bool = False  # every meeting's entry
    everything: bool = False  # every decision, report, meeting, disposition and document
    member: str = ""  # the nominal votes of the member whose page this is
    timeline: str = ""  # the timeline of this decision (its id)
    dispositions: tuple[str, ...] = ()  # these dispositions' entries (Monitorul Oficial Local)
    publications: tuple[str, ...] = ()  # these documents' entries (content/documente/)


@dataclass(frozen=True)
class Feed:
    name: str  # under feeds/, without extension: "toate", "teme/buget"
    title: str  # short Romanian title, as listed on /abonare/
    description: str
    page: str  # address of the HTML page that the feed follows
    selection: Selection = Selection()

    def path(self, fmt: str) -> str:
        return feed_path(self.name, fmt)


def feed_path(name: str, fmt: str) -> str:
    """A feed's address relative to the site root, also the file written (like urls.py)."""
    return f"feeds/{name}.{fmt}"


def authority(site: SiteModel) -> tuple[str, str]:
    """(host, path prefix) of the site: `("example.ro", "")`, `("example.ro", "cj/")`."""
    parts = urlsplit(site.siteurl)
    base = parts.path.strip("/")
    return parts.hostname or "localhost", f"{base}/" if base else ""


def newest_first(items, limit: int | None = LIMIT) -> list[Item]:
    ordered = sorted(items, key=lambda i: (i.updated, i.published, i.key), reverse=True)
    return ordered[:limit] if limit else ordered


def decision_feed_name(d) -> str:
    return decision_feed_name_of(d.id)


def decision_feed_name_of(decision_id: str) -> str:
    return urls.draft_of(decision_id).rstrip("/")


SITE_UPDATED = "feeds-updated"  # the memo of the newest entry's date (`FeedCatalog.site_updated`)
# The memos of each entry's place in time, by "KIND/ID": (updated, published, key, changes), `changes`
# the number of a decision's changes after adoption (each an entry "change/ID/N" of every feed
# that lists the decision), 0 for any other entry.
ENTRY_WHEN = "feed-when"


class FeedsByName(Mapping):
    """Every feed by name, in the order /abonare/ lists them and then each decision's own: the
    listed feeds an index (`listed`), the decisions' feeds an index of their names (`decisions`,
    name → decision id), each feed made from its decision when asked for (it reads the decision's
    title where it is shown, not every decision's title wherever a feed is)."""

    def __init__(self, catalog: FeedCatalog):
        self.catalog = catalog
        self.listed = catalog.site.index("feeds", catalog._listed_feeds, reads_text=False)
        self.decisions = catalog.site.index("decision-feeds", catalog._decision_feed_names, reads_text=False)

    def __getitem__(self, name: str) -> Feed:
        decision_id = self.decisions.get(name)
        if decision_id is not None:
            return self.catalog.decision_feed(self.catalog.site.archive.decisions[decision_id])
        return self.listed[name]

    def __iter__(self) -> Iterator[str]:
        yield from self.listed
        yield from self.decisions

    def __len__(self) -> int:
        return len(self.listed) + len(self.decisions)


class FeedCatalog:
    """Every feed of one site, its entries, its files and the pages announcing it.

    The feeds themselves (`by_name`), the groups /abonare/ lists and the feeds each page announces
    are indexes of the site (tracked.Index): a feed or page reads only the entries it uses. None
    of them is made of a text field: a decision's own feed, titled with the decision, is made
    from it when asked for (`FeedsByName`), so a title edit computes no index again."""

    def __init__(self, site: SiteModel):
        self.site = site
        host, base = authority(site)
        self.tag_prefix = f"tag:{host},{TAG_DATE}:{base}"
        self.entries = Entries(site)
        self.by_name = FeedsByName(self)
        self.groups = site.index("feed-groups", self._group_names, reads_text=False)
        self.page_feeds = site.index("page-feeds", self._page_feeds, reads_text=False)
        if not site.memos.defined(SITE_UPDATED):  # one family per site, whichever catalogue asks first
            site.memos.define(SITE_UPDATED, lambda _: self._newest_entry())
            site.memos.define(ENTRY_WHEN, self._entry_when)

    def tag(self, key: str) -> str:
        return self.tag_prefix + key

    # --- entries ------------------------------------------------------------

    def items(self, feed: Feed) -> list[Item]:
        """The feed's entries, in feed order."""
        chosen, e = feed.selection, self.entries
        if chosen.timeline:
            return e.timeline_items(self.site.archive.decisions[chosen.timeline])
        if chosen.member:
            return newest_first(e.member_vote_items(chosen.member, LIMIT))
        if chosen.everything:
            return self._newest(self._every_entry())
        if chosen.meetings:
            return self._newest([f"meeting/{i}" for i in self.site.archive.meetings])
        return self._newest([*(f"decision/{i}" for i in chosen.decisions), *(f"report/{i}" for i in chosen.reports),
                             *(f"disposition/{i}" for i in chosen.dispositions),
                             *(f"publication/{i}" for i in chosen.publications)])

    def _newest(self, keys: list[str]) -> list[Item]:
        """The entries of `keys` ("KIND/ID") that a feed shows, `newest_first`: chosen by their places
        in time (kept, small: `ENTRY_WHEN`), and only those made whole. A feed of thousands of
        decisions reads the others' dates alone, so a title edit of an older one does not make it again.
        A decision's changes after adoption are entries of their own: a feed that lists it lists them."""
        memos = self.site.memos
        when = {key: memos.of(ENTRY_WHEN, key, keep=True) for key in keys}
        changes = [f"change/{key.partition('/')[2]}/{n}" for key, found in when.items() for n in range(found[3])]
        when.update((key, memos.of(ENTRY_WHEN, key, keep=True)) for key in changes)
        today = self.site.today  # an entry first made public after the build day is not told yet
        when = {key: found for key, found in when.items() if found[1].date() <= today}
        return [self._entry(key) for key in sorted(when, key=when.__getitem__, reverse=True)[:LIMIT]]

    # --- feeds --------------------------------------------------------------

    @cached_property
    def _groups(self) -> list[tuple[str, list[Feed]]]:
        """The feeds listed on /abonare/, grouped (decision feeds are not listed one by one): made
        once for the two indexes it gives (made, as indexes are, from the whole archive)."""
        general = self.general_feeds()
        return [("Toate noutățile", general[:1]), ("După tipul documentului", general[1:]),
                ("După temă", self.topic_feeds()), ("După comisie", self.committee_feeds()),
                ("Voturile nominale ale fiecărui consilier", self.member_feeds())]

    def _group_names(self) -> dict[str, tuple[str, ...]]:
        return {title: tuple(f.name for f in feeds) for title, feeds in self._groups}

    def _listed_feeds(self) -> dict[str, Feed]:
        return {f.name: f for _, feeds in self._groups for f in feeds}

    def _decision_feed_names(self) -> dict[str, str]:
        """Each decision's own feed: its name → the decision's id."""
        return {decision_feed_name(d): d.id for d in sorted(self.site.archive.decisions.values(), key=lambda d: d.id)}

    def general_feeds(self) -> list[Feed]:
        a = self.site.archive
        decisions = sorted(a.decisions)
        chosen = {
            "toate": Selection(everything=True),
            "hotarari": Selection(decisions=tuple(i for i in decisions if a.decisions[i].citation)),
            "consultari": Selection(decisions=tuple(i for i in decisions if a.decisions[i].status == "draft"
                                                    and a.decisions[i].consultation)),
            "rapoarte": Selection(reports=tuple(sorted(a.reports))),
            "sedinte": Selection(meetings=True),
            "dispozitii": Selection(dispositions=tuple(sorted(a.dispositions))),
            "documente": Selection(publications=tuple(sorted(a.publications))),
        }
        return [dataclasses.replace(self.general_feed(name), selection=chosen[name]) for name in GENERAL_FEEDS]

    def general_feed(self, name: str) -> Feed:
        """A general feed without its selection: what a link to it needs, read from no document."""
        title, description, page = GENERAL_FEEDS[name]
        words = {"council": self.site.council.name, "dispositions": self.site.authority.dispositions,
                 "dispositions_of": self.site.authority.dispositions_of}
        return Feed(name, title.format(**words), description.format(**words), page)

    def topic_feeds(self) -> list[Feed]:
        """One feed per topic address: topics written with or without diacritics share it."""
        by_page: dict[str, list[str]] = {}
        for d in sorted(self.site.archive.decisions.values(), key=lambda d: d.id):
            for page in dict.fromkeys(urls.topic(t) for t in d.topics):
                by_page.setdefault(page, []).append(d.id)
        feeds = []
        for t in self.site.topics():
            page = urls.topic(t)
            name = self.site.topic_label(t)  # as the topic's page heads it (domain/topics.py)
            feeds.append(Feed(page.rstrip("/"), f"Tema „{name}”",
                              f"Hotărâri și proiecte de hotărâri pe tema „{name}”.", page,
                              Selection(decisions=tuple(by_page.get(page, ())))))
        return feeds

    def committee_feeds(self) -> list[Feed]:
        a = self.site.archive
        decisions: dict[str, list[str]] = {}  # committee → its decisions, in one pass over them
        for i, d in sorted(a.decisions.items()):
            for committee in dict.fromkeys(d.committees):  # a committee written twice: listed once
                decisions.setdefault(committee, []).append(i)
        opinions: dict[str, list[str]] = {}
        for i, r in sorted(a.reports.items()):
            if r.kind == "committee-opinion":
                opinions.setdefault(r.committee, []).append(i)
        return [
            Feed(urls.committee(c.slug).rstrip("/"), c.name,
                 f"Proiectele de hotărâri repartizate comisiei și avizele ei: {c.name}.", urls.committee(c.slug),
                 Selection(decisions=tuple(decisions.get(c.slug, ())),
                           reports=tuple(opinions.get(c.slug, ()))))
            for c in self.site.council.committees
        ]

    def member_feeds(self) -> list[Feed]:
        feeds = {}
        for m in sorted(self.site.council.members, key=lambda m: sort_key(m.name)):
            page = urls.member(slug(m.name))
            feeds.setdefault(page, Feed(page.rstrip("/"), f"Voturi nominale: {m.name}",
                                        f"Cum a votat {m.name}: voturile nominale consemnate în hotărâri.",
                                        page, Selection(member=page)))
        return list(feeds.values())

    def decision_feeds(self) -> list[Feed]:
        return [self.decision_feed(d) for d in sorted(self.site.archive.decisions.values(), key=lambda d: d.id)]

    def decision_feed(self, d) -> Feed:
        heading = f"{self.site.heading(d)} {d.title}"
        return Feed(decision_feed_name(d), f"Parcursul: {heading}",
                    f"Fiecare etapă a documentului, de la înregistrarea proiectului la adoptare, "
                    f"modificare sau abrogare: {heading}.", urls.decision(d), Selection(timeline=d.id))

    def document_feeds(self, doc) -> list[Feed]:
        """The feeds a document's own page announces, made from the document alone (no index: a
        page made again after a body edit computes nothing of the rest of the site)."""
        site = self.site
        if doc.type == "decision":
            return [self.decision_feed(doc)]
        if doc.type == "report":
            decision = site.archive.decisions.get(site.relations.decision_of_report.get(doc.id))
            return [*([self.decision_feed(decision)] if decision else []), self.general_feed("rapoarte")]
        if doc.type == "meeting":
            return [self.general_feed("sedinte")]
        if doc.type == "disposition":
            return [self.general_feed("dispozitii")]
        if doc.type == "publication":
            return [self.general_feed("documente")]
        return [self.general_feed(name) for name in DEFAULT_FEEDS]

    # --- pages that announce feeds -------------------------------------------

    def _page_feeds(self) -> dict[str, tuple[str, ...]]:
        site = self.site
        pages = dict(LISTING_FEEDS)
        pages.update({urls.year(y): LISTING_FEEDS["hotarari/"] for y in site.years()})
        for _, names in list(self.groups.entries.items())[2:]:
            pages.update({self.by_name.listed.entries[name].page: (name,) for name in names})
        return pages

    def link(self, feed: Feed) -> dict:
        return {"title": feed.title, "rss": self.address(feed.name, "rss"), "atom": self.address(feed.name, "atom")}

    def address(self, name: str, fmt: str) -> str:
        """A feed's file, as a page links to it: from its name alone (no title read)."""
        return self.site.href(feed_path(name, fmt))

    def links(self, path: str) -> list[dict]:
        """The feeds a listing page announces with `<link rel="alternate">`: {title, rss, atom}
        (a document's page: `document_feeds`)."""
        return [self.link(self.by_name[name]) for name in self.page_feeds.get(path, DEFAULT_FEEDS)]

    def subscribe_view(self) -> list[dict]:
        """The groups of feeds as /abonare/ lists them, with absolute addresses to copy."""
        site = self.site
        return [{"title": title, "feeds": [
            {**self.link(f), "description": f.description, "page": site.href(f.page),
             "rss_url": site.absolute(f.path("rss")), "atom_url": site.absolute(f.path("atom"))}
            for f in (self.by_name[name] for name in names)]}
            for title, names in self.groups.items()]

    def decision_example(self) -> dict | None:
        """The newest decision's own feed, to show on /abonare/ what such a feed is."""
        newest = self.site.decisions_newest_first[:1]
        if not newest:
            return None
        d = newest[0]
        return {**self.link(self.decision_feed(d)), "page": self.site.href(urls.decision(d)),
                "heading": f"{self.site.heading(d)} {d.title}"}

    # --- files ----------------------------------------------------------------

    def site_updated(self) -> dt.datetime:
        """The newest entry's date: that of a feed with no entries. A memo of its own (it reads
        every document's entry), kept between builds: an edit that leaves the newest date as it
        was does not make such a feed again."""
        return self.site.memos.of(SITE_UPDATED, keep=True)

    def _newest_entry(self) -> dt.datetime:
        """The date of the entry the feed of everything lists first (`newest_first`), from each
        entry's place in time: a memo of its own, so that an edit that changes an entry but not its
        dates (a title) leaves this one as it was without computing it again (early cutoff). The
        entries of changes after adoption are not read: a decision's own entry is updated by each."""
        keys = self._every_entry()
        return max(self.site.memos.of(ENTRY_WHEN, key, keep=True) for key in keys)[0] if keys else \
            local_moment(self.site.today)

    def _every_entry(self) -> list[str]:
        """The documents' entries of the feed of everything, as "KIND/ID" (`_newest` adds the changes
        after adoption)."""
        a = self.site.archive
        return [f"{kind}/{doc_id}" for kind, documents in (("decision", a.decisions), ("report", a.reports),
                                                           ("meeting", a.meetings), ("disposition", a.dispositions),
                                                           ("publication", a.publications)) for doc_id in documents]

    def _entry(self, key: str) -> Item:
        kind, _, doc_id = key.partition("/")
        return getattr(self.entries, f"{kind}_item")(doc_id)

    def _entry_when(self, key: str) -> tuple[dt.datetime, dt.datetime, str, int]:
        item = self._entry(key)
        kind, _, doc_id = key.partition("/")
        changes = len(self.entries.change_items(doc_id)) if kind == "decision" else 0
        return item.updated, item.published, item.key, changes

    def spec(self, feed: Feed) -> FeedSpec:
        """Everything the feed's files are made of (a build skips a feed whose spec did not change)."""
        site, council = self.site, self.site.council
        items = tuple(self.items(feed))
        named = feed.name
        if feed.selection.timeline:  # a decision's own feed, at its new address and its old ones alike
            named = decision_feed_name_of(site.stable_id(site.archive.decisions[feed.selection.timeline]))
        return FeedSpec(
            tag_prefix=self.tag_prefix, name=feed.name, id_name=named, title=f"{feed.title} · {council.name}",
            description=feed.description, author=council.name, email=council.contact.email,
            updated=max(i.updated for i in items) if items else self.site_updated(), items=items,
            links={fmt: (feed.path(fmt), site.absolute(feed.path(fmt)), site.absolute(feed.page)) for fmt in FORMATS})

    def render(self, feed: Feed) -> dict[str, bytes]:
        """The feed's RSS 2.0 and Atom documents."""
        return render(self.spec(feed))

    def files(self, names=None):
        """(file relative to the output folder, bytes) for every feed (or those named), in a fixed order."""
        for name in sorted(self.by_name) if names is None else names:
            spec = self.spec(self.by_name[name])
            for fmt, data in render(spec).items():
                yield spec.links[fmt][0], data

@dataclass(frozen=True)
class FeedSpec:
    tag_prefix: str
    name: str
    id_name: str  # the name the feed's id is made of: a renamed decision's own feed keeps its first id's
    title: str
    description: str
    author: str
    email: str
    updated: dt.datetime
    items: tuple[Item, ...]
    links: dict  # format → (file, its absolute address, the page's absolute address)


def render(spec: FeedSpec) -> dict[str, bytes]:
    """The RSS 2.0 and Atom documents of a feed, made from its spec alone. Atom lists the entries as
    the spec orders them (by `updated`, which Atom carries); RSS has no date of update, only
    `pubDate`, so it lists them by that: a reader that keeps the document's order showed a decision
    of 2024 updated last week above one adopted yesterday (an outside review)."""
    by_published = tuple(sorted(spec.items, key=lambda i: (i.published, i.updated), reverse=True))  # ties: as given
    entries = {item.key: _entry(spec, item) for item in spec.items}  # made once, listed by both documents
    atom = _generator(spec, [entries[item.key] for item in spec.items])
    rss = atom if by_published == spec.items else _generator(spec, [entries[item.key] for item in by_published])
    out = {}
    for fmt, media_type in FORMATS.items():
        _, address, page = spec.links[fmt]
        fg = rss if fmt == "rss" else atom
        # RSS takes the last link as the channel's <link>: the page comes last.
        fg.link([{"href": address, "rel": "self", "type": media_type},
                 {"href": page, "rel": "alternate", "type": "text/html"}], replace=True)
        out[fmt] = fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)
    return out


def _generator(spec: FeedSpec, entries: list[FeedEntry]) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(f"{spec.tag_prefix}feeds/{spec.id_name}")
    fg.title(spec.title)
    fg.subtitle(spec.description)
    fg.author({"name": spec.author, "email": spec.email} if spec.email else {"name": spec.author})
    fg.language("ro")
    fg.generator(GENERATOR)
    fg.updated(spec.updated)
    for entry in entries:
        fg.add_entry(entry, order="append")
    return fg


def _entry(spec: FeedSpec, item: Item) -> FeedEntry:
    entry = FeedEntry()
    entry.id(spec.tag_prefix + item.key)
    entry.title(item.title)
    entry.link(href=item.url, rel="alternate", type="text/html")
    entry.summary(item.summary or item.title)
    entry.published(item.published)
    entry.updated(item.updated)
    for c in item.categories:
        entry.category({"term": c.term, "scheme": c.scheme} if c.scheme else {"term": c.term})
    return entry
