"""Views of the listing pages: topics, committees, members, statuses,
registers (Codul administrativ, Anexa 1) and recent activity.

Each function takes the SiteModel and returns plain values for a template.
"""

from __future__ import annotations

import datetime as dt

from ..domain import dates, force, vocab
from ..domain import urls
from ..domain.model import Decision
from ..domain.text import count, sort_key
from . import history, mol
from .views import SiteModel, when

ACTIVITY_RECENT = 150  # entries on /activitate/; each year and each month has its page
ACTIVITY_MONTH_PREVIEW = 20  # entries of each month on a year's page; the rest on the month's page
# The title of each status's list: what is listed, in the plural (drafts and decisions apart).
STATUS_TITLES = {
    "draft": "Proiecte înregistrate, nevotate încă", "in-consultation": "Proiecte în consultare publică",
    "in-force": "Hotărâri în vigoare", "adopted": "Hotărâri adoptate, încă neintrate în vigoare", "amended": "Hotărâri modificate", "repealed": "Hotărâri abrogate",
    "suspended": "Hotărâri suspendate", "annulled": "Hotărâri anulate", "rejected": "Proiecte respinse",
    "withdrawn": "Proiecte retrase",
}


def topic_addresses(site: SiteModel) -> list[tuple[str, str]]:
    """(address, title) of each topic page, without computing its view (which gives the title shown)."""
    return [(urls.topic(t), topic_title(site.topic_label(t))) for t in site.topics()]


def topic_title(label: str) -> str:
    return f"Hotărâri pe tema „{label}”"


def committee_addresses(site: SiteModel) -> list[tuple[str, str]]:
    return [(urls.committee(c.slug), c.name) for c in site.council.committees]


def member_addresses(site: SiteModel) -> list[tuple[str, str]]:
    return [(urls.member(m.name), m.name) for m in sorted(site.council.members, key=lambda m: sort_key(m.name))]


def status_addresses() -> list[tuple[str, str]]:
    return [(status_path(code), STATUS_TITLES[code]) for code in vocab.PUBLIC_STATUSES]


def status_path(code: str) -> str:
    return f"hotarari/stare/{code}/"


def topic_pages(site: SiteModel) -> list[dict]:
    by_address: dict[str, list[Decision]] = {}  # one pass over the decisions, newest first
    for d in site.decisions_newest_first:
        for address in dict.fromkeys(urls.topic(t) for t in d.topics):
            by_address.setdefault(address, []).append(d)
    pages = []
    for topic in site.topics():
        rows = by_address.get(urls.topic(topic), [])
        label = site.topic_label(topic)
        pages.append({"slug": topic, "name": label, "title": topic_title(label), "url": site.href(urls.topic(topic)),
                      "path": urls.topic(topic), "decisions": rows, "count": len(rows),
                      "count_text": documents(len(rows))})
    return pages


def committee_pages(site: SiteModel) -> list[dict]:
    decisions: dict[str, list[Decision]] = {}  # one pass over decisions and reports, newest first
    for d in site.decisions_newest_first:
        for slug_ in dict.fromkeys(d.committees):
            decisions.setdefault(slug_, []).append(d)
    opinions: dict[str, list[str]] = {}
    for r in sorted(site.archive.reports.values(), key=lambda r: (r.date or dt.date.min, r.id), reverse=True):
        if r.kind == "committee-opinion":
            opinions.setdefault(r.committee, []).append(r.id)
    pages = []
    for committee in site.council.committees:
        rows = decisions.get(committee.slug, [])
        opinions_here = [site.report_link(report_id) for report_id in opinions.get(committee.slug, ())]
        pages.append({"slug": committee.slug, "name": committee.name, "url": site.href(urls.committee(committee.slug)),
                      "path": urls.committee(committee.slug), "decisions": rows, "opinions": opinions_here,
                      "count": len(rows), "count_text": documents(len(rows))})
    return pages


def member_pages(site: SiteModel) -> list[dict]:
    """Each member's votes, absences and decisions initiated, newest first, from each decision's
    share (a memo: a decision edited so that its share is the same makes no member's page again)."""
    council = site.council.members
    votes: dict[str, list[tuple]] = {m.name: [] for m in council}
    absences: dict[str, list] = {m.name: [] for m in council}
    initiated: dict[str, list] = {m.name: [] for m in council}
    complete = 0
    for d in site.decisions_newest_first:
        share = site.member_share[d.id]
        for name, label, code in share.votes:
            votes[name].append((d, label, code))
        complete += share.complete
        for name in share.absent:
            absences[name].append(d)
        for name in share.initiated:
            initiated[name].append(d)
    pages = []
    for member in sorted(council, key=lambda m: sort_key(m.name)):
        path = urls.member(member.name)
        away = absences[member.name]
        pages.append({"name": member.name, "group": member.group, "role": member.role, "path": path,
                      "url": site.href(path), "votes": votes[member.name],
                      "committees": [site.committee_link(c) for c in member.committees],
                      "absences": away, "complete_votes": complete,
                      "absences_text": f"{count(len(away), 'absență', 'absențe')} la {count(complete, 'vot nominal complet', 'voturi nominale complete')}",
                      "initiated": initiated[member.name]})
    return pages


def status_pages(site: SiteModel) -> list[dict]:
    by_code: dict[str, list] = {}  # each status's decisions, newest first, in one pass over them
    for d in site.decisions_newest_first:
        by_code.setdefault(site.status[d.id].code, []).append(d)
    pages = []
    for code in vocab.PUBLIC_STATUSES:
        label = STATUS_TITLES[code]
        rows = by_code.get(code, [])
        path = status_path(code)
        pages.append({"code": code, "label": label, "path": path, "url": site.href(path), "decisions": rows,
                      "count": len(rows), "count_text": documents(len(rows))})
    return pages


def drafts_register(site: SiteModel) -> list[str]:
    """Registrul pentru evidența proiectelor de hotărâri: numbered in registration order, shown newest
    first (as every other list): each row's key (`register_row`), "ID|POSITION"."""
    ordered = sorted(site.archive.decisions.values(), key=lambda d: (d.registered or dt.date.min, d.id))
    return [f"{d.id}|{index}" for index, d in enumerate(ordered, start=1)][::-1]


def decisions_register(site: SiteModel) -> list[str]:
    """Registrul pentru evidența hotărârilor autorității deliberative, by year and number, newest
    first: each row's key (`register_row`), the decision's id."""
    return [d.id for d in sorted(site.adopted, key=lambda d: (d.adopted.year, d.number), reverse=True)]


def register_row(site: SiteModel, register: str, key: str) -> dict:
    """One row of a register ("drafts" or "decisions"), by its key in the register's list: each row is made and
    kept apart (adapters/generator.py `register_row`), so that a register of thousands of rows is
    made again, after one changed, from the kept HTML of the others."""
    decision_id, _, position = key.partition("|")
    d = site.archive.decisions[decision_id]
    if register == "drafts":
        return {"position": int(position), **site.decision_row(d), "initiator": d.initiator,
                "outcome": _outcome(site, d)}
    return {**site.decision_row(d), "sent_to_prefect": when(_first_event(d, "sent-to-prefect")),
            "published": when(_first_event(d, force.TAKES_EFFECT_ON[force.character_of(d)])),
            "in_force": when(force.entry_into_force(d)) if force.in_force_on(d, site.today) else None}


def activity(site: SiteModel, year: int | None = None, month: int | None = None) -> list[dict]:
    """The recent activity (no year), a year's or a month's (`month` with `year`), newest first."""
    if month is not None:
        entries = site.memos.of("activity-month", f"{year}-{month:02d}", keep=True)
    elif year is None:
        entries = site.memos.of("activity-recent", keep=True)
    else:
        entries = _activity_entries(site, year)
    return [{**_entry_view(site, entry, source, ready), "decision": _activity_row(site, row), "month": f"{entry.date:%Y-%m}",
             "month_text": f"{dates.MONTHS[entry.date.month - 1]} {entry.date.year}"}
            for entry, row, source, ready in entries]


def _activity_row(site: SiteModel, row: dict) -> dict:
    """The document an activity entry links to, as the entry shows it. A decision's is a memo of
    its own: the year's entries do not read the decisions' titles (a title edit does not make
    every year's activity again, only the pages that show that decision)."""
    return site.memos.of("activity-row", row["decision"]) if "decision" in row else row


def _entry_view(site: SiteModel, entry, source: str, ready: dict | None) -> dict:
    """An activity entry's view: made with the entry when its source had it ready (history)."""
    if ready is not None:
        return ready
    return mol.entry_view(site, entry) if source == "disposition" else site.timeline_entry(entry)


def define_memos(site: SiteModel) -> None:
    """The listings' values shared by many pages, as families of memos (domain.reads.Memos.define):
    each page reads its own part (one topic's view, one month's activity), so that an edit makes
    again the pages whose part came out different."""
    define = site.memos.define

    def one_page(key: str) -> dict:  # key: "FAMILY|ADDRESS"; the documents by id: a value kept between builds
        family, _, path = key.partition("|")
        view = dict(site.memos.of("listing", family)[path])
        for name in DOCUMENT_LISTS & view.keys():
            view[name] = [d.id for d in view[name]]
        if "votes" in view:
            view["votes"] = [(d.id, vote, code) for d, vote, code in view["votes"]]
        return view

    define("listing", lambda family: {v["path"]: v for v in GROUPS[family](site)}, digest=False)
    define("listing-page", one_page)
    # Which decisions have activity in which year, in one pass over the kept timelines; each year's
    # list compared apart, so that an edit makes again the entries of the years it changed.
    define("activity-index", lambda _: _decisions_by_activity_year(site), digest=False)
    define("activity-decisions", lambda year: site.memos.of("activity-index").get(int(year), []))
    define("activity-row", lambda decision_id: _decision_link_row(site, site.archive.decisions[decision_id]))
    # The dispositions' entries and the adopted texts changed, by year, in one pass (a change's view
    # is made once, not once for the years and again for its year); each year's compared apart, and
    # kept, with the years that have some: a year's activity or the years' list made again for a
    # decision's edit takes them as they were instead of computing the pass again (0.5 s).
    define("activity-other", lambda _: _other_by_year(site), digest=False)
    define("activity-other-in", lambda year: site.memos.of("activity-other").get(int(year), []))
    define("activity-other-years", lambda _: sorted(site.memos.of("activity-other").keys()))
    define("activity-entries", lambda year: _year_activity(site, int(year)))
    define("activity-month", lambda key: [found for found in _activity_entries(site, int(key[:4]))
                                          if found[0].date.month == int(key[5:])])
    define("activity-recent", lambda _: _recent_activity(site))
    # the site map's years and months, each year's months kept apart (activity_months)
    define("activity-years", lambda _: sorted(
        site.memos.of("activity-index").keys() | set(site.memos.of("activity-other-years", keep=True)),
        reverse=True))
    define("activity-months-in", lambda year: sorted(
        {found[0].date.month for found in _activity_entries(site, int(year))}, reverse=True))
    define("activity-months", lambda _: [(y, m) for y in activity_years(site)
                                         for m in site.memos.of("activity-months-in", str(y), keep=True)])


def listing_page(site: SiteModel, family: str, path: str) -> dict:
    """The view of one page of a family of listings (a key of GROUPS): its own part of the family
    (which documents, in which order), kept small so that it is cheap to compare from one build to
    the next; each decision shown by its id, its item made (and kept) from its row by the template."""
    view = dict(site.memos.of("listing-page", f"{family}|{path}", keep=True))
    for key in DOCUMENT_LISTS & view.keys():  # each decision's item is kept HTML: decision_item, vote_row
        view[key] = [{"id": decision_id} for decision_id in view[key]]
    if "votes" in view:
        view["votes"] = [{"id": decision_id, "vote": vote, "code": code}  # rows kept as HTML (vote_row)
                         for decision_id, vote, code in view["votes"]]
    return view


def listing_index(site: SiteModel, family: str, addresses: list[tuple[str, str]]) -> list[dict]:
    """The pages of a family of listings as their index page shows them (names and counts)."""
    return [site.memos.of("listing-page", f"{family}|{path}", keep=True) for path, _ in addresses]


def _activity_entries(site: SiteModel, year: int) -> list[tuple]:
    """(timeline entry, its document's row (a decision's by id: `_activity_row`), its source, its
    view when made already) of `year`, kept between builds (so is each month's, and the recent
    entries: a page remade for a title edit need not compute every year's activity again),
    newest first, up to the build day (each of the year's month pages reads the year's)."""
    return site.memos.of("activity-entries", str(year), keep=True)


def _recent_activity(site: SiteModel) -> list[tuple]:
    """The newest entries of every year (a year's entries are all older than the next year's)."""
    recent: list[tuple] = []
    for year in activity_years(site):
        recent += _activity_entries(site, year)[:ACTIVITY_RECENT - len(recent)]
        if len(recent) == ACTIVITY_RECENT:
            break
    return recent


def _decisions_by_activity_year(site: SiteModel) -> dict[int, list[str]]:
    """Year → the decisions with a timeline entry in it up to the build day, in the archive's order."""
    by_year: dict[int, dict[str, None]] = {}
    for d in site.archive.decisions.values():
        for entry in site.timelines[d.id]:
            if entry.date <= site.today:
                by_year.setdefault(entry.date.year, {})[d.id] = None
    return {year: list(ids) for year, ids in by_year.items()}


def _year_activity(site: SiteModel, year: int) -> list[tuple]:
    """`year`'s activity entries, newest first: its decisions' timeline entries, then the dispositions'
    (Monitorul Oficial Local) and the adopted texts changed after adoption (site/history.py)."""
    found = []
    for decision_id in site.memos.of("activity-decisions", str(year)):
        row = {"url": site.href(urls.decision(site.archive.decisions[decision_id])), "decision": decision_id}
        found += [(entry, row, "decision", None) for entry in site.timelines[decision_id]
                  if entry.date <= site.today and entry.date.year == year]  # shown: activity_row
    found += site.memos.of("activity-other-in", str(year), keep=True)  # its family is computed whole
    found.sort(key=lambda entry: (entry[0].date, entry[1]["url"], entry[0].kind), reverse=True)
    return found


def _other_by_year(site: SiteModel) -> dict[int, list[tuple]]:
    """Year → its activity entries besides the decisions' timelines: the dispositions' (Monitorul
    Oficial Local), then the adopted texts changed after adoption (site/history.py)."""
    by_year: dict[int, list[tuple]] = {}
    for found in [*mol.activity(site), *history.activity(site)]:
        by_year.setdefault(found[0].date.year, []).append(found)
    return by_year


def _decision_link_row(site: SiteModel, d: Decision) -> dict:
    return {"url": site.href(urls.decision(d)), "heading": site.heading(d), "title": d.title}


def activity_years(site: SiteModel) -> list[int]:
    """The years with some activity, newest first (part of the site map: kept between builds)."""
    return site.memos.of("activity-years", keep=True)


def activity_months(site: SiteModel) -> list[tuple[int, int]]:
    """(year, month) of each month with some activity, newest first: each has its page,
    /activitate/YYYY/MM/, whose address never changes (part of the site map: kept between builds;
    each year's months kept apart, so that an edit computes again the months of its years only)."""
    return site.memos.of("activity-months", keep=True)


def month_name(year: int, month: int) -> str:
    return f"{dates.MONTHS[month - 1]} {year}"


def documents(n: int) -> str:
    return count(n, "document", "documente")


def _first_event(d: Decision, kind: str) -> dt.date | None:
    days = [e.date for e in d.events if e.event == kind]
    return min(days) if days else None


def _outcome(site: SiteModel, d: Decision) -> str:
    if d.citation:
        return f"Adoptat: Hotărârea nr. {d.citation}"
    return site.status_view(d)["label"]  # said of a draft (Respins, Retras)


DOCUMENT_LISTS = frozenset({"decisions", "absences", "initiated"})  # a listing page's lists of decisions
GROUPS = {"topic_pages": topic_pages, "committee_pages": committee_pages, "member_pages": member_pages,
          "status_pages": status_pages}  # the families of listings (define_memos: "listing/FAMILY")
