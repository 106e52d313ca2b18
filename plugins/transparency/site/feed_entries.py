"""What each feed entry says and when it happened (no Pelican here).

Entries are built from the checked archive: one per decision (adopted, or
not yet), report and meeting, one per step of a decision's timeline, one per
nominal vote of a member. Their keys are made of document ids only (see
feeds.py for the ids); their dates come from the content, in
Europe/Bucharest with that day's UTC offset. A date without a time is 00:00
local time; a vote, and a later decision that amends or repeals, take the
start time of their meeting. `published` is the first public fact of an
entry (registration of a draft, adoption of a decision, the date of a
report, the agenda's publication or else the start of a meeting); `updated`
is its latest fact that is not after the build day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urljoin

from ..domain import dates, vocab
from ..domain import urls
from ..domain.model import Decision, Meeting
from ..domain.text import count, slug
from ..domain.timeline import Entry
from . import mol
from . import consolidated
from . import history
from .views import SiteModel

VOTE_CHOICES = (("for_", "a votat pentru"), ("against", "a votat împotrivă"), ("abstain", "s-a abținut"))


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


class Entries:
    """Every entry of one site, each computed once (and kept with what it read: views.SiteModel.memos)."""

    def __init__(self, site: SiteModel):
        self.site = site
        self.votes_by_member = site.index("member-votes", self._votes_by_member, reads_text=False)

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

    def known_moment(self, e: Entry) -> dt.datetime | None:
        """When a timeline entry became a public fact, None while it has not (dated after the build
        day). A place on a meeting's agenda is public once the meeting is convened or its agenda
        published, before the meeting itself."""
        if e.date <= self.site.today:
            return self.entry_moment(e)
        if e.kind == "on-agenda":
            announced = self.announced(self.site.archive.meetings[e.source_id])
            return min(announced) if announced else None
        return None

    def announced(self, m: Meeting) -> list[dt.datetime]:
        """The meeting's convocation and its agenda's publication, those not after the build day."""
        return [local_moment(day) for day in (m.convened, m.agenda_published) if day and day <= self.site.today]

    def latest(self, published: dt.datetime, facts) -> dt.datetime:
        """The newest of `published` and the facts not after the build day."""
        return max([published, *(f for f in facts if f.date() <= self.site.today)])

    # --- entries ------------------------------------------------------------

    def topic_categories(self, topics) -> tuple[Category, ...]:
        return tuple(Category(t, self.topics_page) for t in topics)

    @cached_property
    def topics_page(self) -> str:
        return self.site.absolute("teme/")

    def decision_item(self, decision_id: str) -> Item:
        return self.site.memos.get(f"feed-item/decision/{decision_id}",
                                   lambda: self._decision_item(self.site.archive.decisions[decision_id]), keep=True)

    def _decision_item(self, d: Decision) -> Item:
        site = self.site
        adopted = bool(d.citation)
        published = (self.vote_moment(d) if adopted else None) or local_moment(d.registered or site.today)
        status = site.status[d.id]
        parts = [f"Stare: {status.label}.", d.summary]
        if not adopted and d.consultation and d.consultation.closes and status.code == "in-consultation":
            parts.append(f"Recomandări până la {dates.long_date(d.consultation.closes)}.")
        if d.initiator:
            parts.append(f"Inițiator: {d.initiator}.")
        changed = site.memos.of("adoption-changed", d.id)  # after adoption, newest first (site/history.py)
        if changed:
            last = changed[0]
            times = f" de {count(len(changed), 'dată', 'ori')}, ultima dată" if len(changed) > 1 else ""
            when = ("cel mai devreme " if last.earliest else "") + f"la {dates.long_date(last.moment.date())}"
            parts.append(f"Modificată după adoptare{times} {when} ({'rectificare: ' if last.corrected else ''}"
                         f"{last.what}); modificările sunt în istoricul paginii.")
        return Item(
            key=f"{'hotarari' if adopted else 'proiecte'}/{site.stable_id(d)}",
            title=f"{site.heading(d)} {d.title}",
            summary=" ".join(p for p in parts if p),
            url=site.absolute(urls.decision(d)),
            published=published,
            updated=self.latest(published, [*(self.entry_moment(e) for e in site.timelines[d.id]),
                                            *(change.moment for change in changed)]),
            categories=(Category(vocab.DOCUMENT_TYPES["decision" if adopted else "draft"]),
                        *self.topic_categories(d.topics)),
        )

    def change_items(self, decision_id: str) -> tuple[Item, ...]:
        """One entry per change of the decision's adopted text up to the build day, oldest first
        (site/history.py `feed_items`): in the decision's own feed and in every feed that lists
        the decision, under the same id (an RSS reader sees a change as a new item; the decision's
        own entry, updated, is news only to an Atom reader)."""
        return self.site.memos.get(f"feed-item/changes/{decision_id}", lambda: tuple(history.feed_items(
            self.site, self.site.archive.decisions[decision_id], Item, Category)), keep=True)

    def change_item(self, key: str) -> Item:
        """The entry "DECISION_ID/N": the decision's Nth change entry (`change_items`)."""
        decision_id, _, position = key.rpartition("/")
        return self.change_items(decision_id)[int(position)]

    def report_item(self, report_id: str) -> Item:
        return self.site.memos.get(f"feed-item/report/{report_id}",
                                   lambda: self._report_item(self.site.archive.reports[report_id]), keep=True)

    def _report_item(self, r) -> Item:
        site = self.site
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
        return Item(
            key=f"rapoarte/{site.stable_id(r)}", title=r.title, summary=" ".join(p for p in about if p),
            url=site.absolute(urls.report(r.id)), published=moment, updated=moment,
            categories=(Category(vocab.DOCUMENT_TYPES["report"]), Category(kind),
                        *self.topic_categories(topics)),
        )

    def meeting_item(self, meeting_id: str) -> Item:
        return self.site.memos.get(f"feed-item/meeting/{meeting_id}",
                                   lambda: self._meeting_item(self.site.archive.meetings[meeting_id]), keep=True)

    def _meeting_item(self, m: Meeting) -> Item:
        site = self.site
        start = dates.local(m.start) if m.start else local_moment(site.today)
        # The first public fact: the convocation or the agenda's publication, else the meeting itself (a
        # fact dated after the build day is still to come; a meeting none of whose facts has come yet
        # is in no feed: FeedCatalog._newest).
        published = min(self.announced(m) + [start])
        parts = [f"Ședință {vocab.MEETING_KINDS.get(m.kind, '')}, {dates.weekday_date(start.date())}, "
                 f"ora {start:%H:%M}" + (f", {m.place}" if m.place else "") + ".", m.summary]
        agenda = agenda_lines(site, m)
        if agenda:
            parts.append("Ordinea de zi: " + "; ".join(agenda) + ".")
        return Item(
            key=f"sedinte/{site.stable_id(m)}", title=m.title, summary=" ".join(p for p in parts if p),
            url=site.absolute(urls.meeting(m.id)), published=published,
            updated=self.latest(published, [start]),
            categories=(Category(vocab.DOCUMENT_TYPES["meeting"]),),
        )

    def disposition_item(self, disposition_id: str) -> Item:
        return self.site.memos.get(f"feed-item/disposition/{disposition_id}", lambda: self._disposition_item(
            self.site.archive.dispositions[disposition_id]), keep=True)

    def _disposition_item(self, d) -> Item:
        """A disposition by its register entry; its summary only when its text may be published."""
        site = self.site
        day = d.date or site.today
        status = mol.status_view(site, d)
        parts = [f"Emisă la {dates.long_date(day)}" + (f" de {d.issuer}" if d.issuer else "") + ".",
                 f"Stare: {status['list_label']}.",  # the sentence before says the day it was issued
                 d.summary if d.text_public else ""]
        moment = local_moment(day)
        return Item(
            key=f"dispozitii/{site.stable_id(d)}", title=f"{mol.heading(d)} {d.title}", summary=" ".join(p for p in parts if p),
            url=site.absolute(urls.disposition(d)), published=moment,
            updated=self.latest(moment, (local_moment(e.date) for e in mol.timeline(site, d))),
            categories=(Category(vocab.DOCUMENT_TYPES["disposition"]),
                        Category(vocab.CHARACTERS.get(d.character, ""))),
        )

    def publication_item(self, publication_id: str) -> Item:
        return self.site.memos.get(f"feed-item/publication/{publication_id}", lambda: self._publication_item(
            self.site.archive.publications[publication_id]), keep=True)

    def _publication_item(self, p) -> Item:
        site = self.site
        kind = vocab.PUBLICATION_KINDS.get(p.kind, "")
        moment = local_moment(p.date or site.today)
        decision_id = site.relations.publication_decision.get(p.id)
        approved = f"Aprobat prin {site.heading(site.archive.decisions[decision_id])}." if decision_id else ""
        return Item(
            key=f"documente/{site.stable_id(p)}", title=p.title, summary=" ".join(x for x in (f"{kind}.", approved, p.summary) if x),
            url=site.absolute(urls.publication(p.id)), published=moment, updated=moment,
            categories=(Category(vocab.DOCUMENT_TYPES["publication"]), Category(kind)),
        )

    def timeline_items(self, d: Decision) -> list[Item]:
        """A decision's timeline as entries, newest first (ties keep timeline order)."""
        site = self.site
        heading = f"{site.heading(d)} {d.title}"
        items, seen = [], {}
        for e in site.timelines[d.id]:
            moment = self.known_moment(e)
            if moment is None:  # a fact still to come is not told as done (it is on the page, marked so)
                continue
            if items and items[-1].published.date() == moment.date():
                # A fact of the day recorded without an hour (a debate postponed, a draft withdrawn)
                # follows that morning's meeting in the timeline: dated at its hour, not at midnight
                # before it, so that a reader ordering by date keeps the timeline's order.
                moment = max(moment, items[-1].published)
            base = f"parcurs/{site.stable_id(d)}/{e.kind}" + (f"/{e.source_id}" if e.source_id else "")
            seen[base] = seen.get(base, 0) + 1
            view = site.timeline_entry(e)
            source = view["url"]  # the report, meeting or later decision, if any
            url = urljoin(site.siteurl + "/", source) if source else site.absolute(urls.decision(d))
            what = view["label"] if view["upcoming"] else e.label  # a meeting still to come: said so
            if e.source_type == "decision":  # amended or repealed by a later decision
                what += f" Hotărârea nr. {site.archive.decisions[e.source_id].citation}"
            items.append(Item(
                key=base + (f"-{seen[base]}" if seen[base] > 1 else ""),
                title=f"{what}: {heading}",
                summary=f"{dates.long_date(e.date)}: {e.label}"
                        + ((f" {e.note}" if e.source_type == "decision" else f" — {e.note}") if e.note else "") + ".",
                url=url, published=moment, updated=moment, categories=(Category(e.label),),
            ))
        for version in self.version_items(d):  # after the timeline entries up to its day
            at = max((i + 1 for i, item in enumerate(items) if item.published <= version.published), default=0)
            items.insert(at, version)
        for change in self.change_items(d.id):  # its adopted text changed (site/history.py)
            at = max((i + 1 for i, item in enumerate(items) if item.published <= change.published), default=0)
            items.insert(at, change)
        return items[::-1]

    def version_items(self, d: Decision) -> list[Item]:
        """One entry per new version of the decision's consolidated text, once it has taken effect."""
        site = self.site
        items = []
        for day, citations in consolidated.changes_by_day(site, d).items():
            if day > site.today:
                continue
            moment = local_moment(day)
            acts = ", ".join(f"Hotărârea nr. {c}" for c in sorted(citations))
            items.append(Item(
                key=f"consolidat/{site.stable_id(d)}/{day.isoformat()}",
                title=f"Text consolidat, versiunea din {dates.long_date(day)}: {site.heading(d)} {d.title}",
                summary=f"{dates.long_date(day)}: intră în vigoare modificările aduse prin {acts}; "
                        "textul consolidat arată hotărârea cu modificările marcate.",
                url=site.absolute(consolidated.path(d, day)), published=moment, updated=moment,
                categories=(Category("Text consolidat"),)))
        return items

    def _votes_by_member(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Member page → (moment of the vote, decision id) of each decision with a nominal vote of
        that member, newest first (names written with ş/ș alike share one page): an index, so that
        a member's feed reads only the decisions it lists."""
        found: dict[str, set[tuple[str, str]]] = {}
        pages: dict[str, str] = {}  # name → page: a few dozen names, written 100,000 times
        for d in self.site.archive.decisions.values():
            moment = self.vote_moment(d) if d.votes and d.vote else None
            if moment is not None:
                vote = (moment.isoformat(), d.id)
                for attr, _ in VOTE_CHOICES:
                    for name in getattr(d.votes, attr):
                        page = pages.get(name)
                        if page is None:
                            page = pages[name] = urls.member(slug(name))
                        found.setdefault(page, set()).add(vote)
        return {page: tuple(sorted(votes, reverse=True)) for page, votes in sorted(found.items())}

    def member_vote_items(self, page: str, limit: int | None = None) -> list[Item]:
        """The nominal votes of the member whose page this is, one item per vote: with `limit`, those
        of the `limit` newest votes (and of every vote as new as the last of them), whatever the
        order of equal moments."""
        votes = self.votes_by_member.get(page, ())
        if limit is not None and len(votes) > limit:
            last = votes[limit - 1][0]
            votes = [vote for vote in votes if vote[0] >= last]
        return [item for _, decision_id in votes
                for item in self.vote_items(decision_id) if urls.member(item.key.rsplit("/", 1)[1]) == page]

    def vote_items(self, decision_id: str) -> tuple[Item, ...]:
        """An item per nominal vote on the decision (every member who voted)."""
        return self.site.memos.get(f"feed-item/votes/{decision_id}",
                                   lambda: self._vote_items(self.site.archive.decisions[decision_id]))

    def _vote_items(self, d: Decision) -> tuple[Item, ...]:
        site = self.site
        moment = self.vote_moment(d)
        v = d.vote
        result = (f"Rezultatul votului: {v.for_} pentru, {v.against} împotrivă, "
                  f"{count(v.abstain, 'abținere', 'abțineri')}, "
                  f"{count(v.present, 'consilier prezent', 'consilieri prezenți')}. "
                  f"Stare: {site.status[d.id].label}.")
        categories = (Category("Vot nominal"), *self.topic_categories(d.topics))
        return tuple(Item(
            key=f"voturi/{site.stable_id(d)}/{slug(name)}",
            title=f"{name} {verb}: {site.heading(d)} {d.title}",
            summary=f"Vot nominal din {dates.long_date(moment.date())}: {name} {verb}. {result}",
            url=site.absolute(urls.decision(d)), published=moment, updated=moment,
            categories=categories,
        ) for attr, verb in VOTE_CHOICES for name in getattr(d.votes, attr))
