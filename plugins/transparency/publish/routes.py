"""Every HTML page of the public site: address, template, and what it shows.

One function per section; `all_routes` is the site map. The Pelican adapter
renders each route with its template; nothing else decides what exists.

A route's context is computed only when asked for, while the site model
records what it reads (domain/reads.py): a rebuild computes the pages that
read what changed and none of the others. The site map itself is made
without recording (a page's address and existence are checked by the build
directly); whatever a page shows, its title included, comes from `make`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from . import calendar_ics, feeds, opendata
from ..search import search_site
from ..domain import urls
from ..site import adopted_text, consolidated, history, law, listings, mol
from ..site.views import SiteModel, file_size, script_json


# Not frozen, though never changed once made: a build makes two per page (68,000 at 10,000
# documents with their history), and a frozen dataclass sets each field through
# object.__setattr__ (1.7 µs a route against 0.5). Routes are not hashed.
@dataclass
class Route:
    path: str  # public address relative to the site root (ends in "/" for pages)
    template: str
    title: str
    make: Callable[[], dict] = field(default=dict, repr=False, hash=False, compare=False)
    document: object = field(default=None, repr=False, hash=False, compare=False)  # the document a page is of
    # `make` returns the page's context; a page whose title comes from a document gives it there
    # too, as "page_title" (read while recording), and `title` is only the site map's label.

    @cached_property
    def context(self) -> dict:
        """The context, kept once asked for (the build calls `make` instead, keeping nothing)."""
        return self.make()


def all_routes(site: SiteModel, catalog: feeds.FeedCatalog | None = None) -> list[Route]:
    """The site map; pass the build's feed catalogue to share it with the feed writer."""
    routes = [
        Route("", "index.html", "Acasă", lambda: {
            "latest": [site.decision_row(d) for d in site.adopted[:10]],
            "consultations": site.open_consultations(),
            "next_meeting": site.next_meeting(),
        }),
    ]
    for doc in site.archive.documents():
        routes += own_routes(site, doc)
    routes += history.change_routes(site, Route)  # one page per change of a document (site/history.py)
    routes += consolidated.routes(site, Route)  # amended decisions' consolidated texts (site/consolidated.py)
    routes += listing_routes(site)
    routes += mol.listing_routes(site, Route)  # dispositions, documents, the Monitorul Oficial Local (site/mol.py)
    routes += law.routes(site, Route)  # the deadlines kept and the annual report, by year (site/law.py)
    routes.append(Route("404.html", "404.html", "Pagina nu a fost găsită"))
    routes.append(Route("date/", "opendata.html", "Date deschise: fișiere", lambda: datasets_view(site)))
    catalog = catalog or feeds.FeedCatalog(site)
    routes.append(subscribe_route(site, catalog))
    routes.append(search_route(site, catalog))
    taken = {r.path for r in routes}  # a renamed document's old address, unless another page stands there
    routes += [r for r in history.renamed_routes(site, Route) if r.path not in taken]
    taken = {r.path for r in routes}  # a renumbered decision's old number's address, unless a page stands there
    routes += [r for r in history.renumbered_routes(site, Route) if r.path not in taken and not taken.add(r.path)]
    taken = {r.path for r in routes}  # a removed document's addresses, unless a page stands there now
    routes += [r for r in history.removed_routes(site, Route) if r.path not in taken and not taken.add(r.path)]
    titles = {r.path: r.title for r in routes}
    return sorted((with_feeds(r, catalog, site, titles) for r in routes), key=lambda r: r.path)


def datasets_view(site: SiteModel) -> dict:
    sizes = opendata.sizes(site)
    return {"datasets": [{"url": site.href(d.path), "title": d.title, "description": d.description,
                          "size": file_size(sizes[d.path]), "bytes": sizes[d.path]} for d in opendata.DATASETS],
            "columns": [{"name": name, "in_json": opendata.json_place(name), "meaning": meaning}
                        for name, meaning in opendata.COLUMN_MEANINGS.items()],
            # the annual report's files (site/law.py), each year's beside the link to its page
            "annual": [{"year": y["year"], "url": site.href(y["page"]),
                        "files": [{"url": site.href(f["path"]), "format": f["format"], "bytes": f["bytes"],
                                   "size": file_size(f["bytes"])} for f in y["files"]]}
                       for y in law.data_files(site)]}


def own_routes(site: SiteModel, doc) -> list[Route]:
    """The pages that show the document's body."""
    if doc.type == "decision":
        routes = [Route(urls.decision(doc), "decision.html", doc.title, lambda: {
            "d": site.decision_page(doc), "page_title": f"{site.heading(doc)} {doc.title}",
            "crumb": site.heading(doc), "consolidated": consolidated.link(site, doc)}, doc)]
        if doc.citation:  # the draft address keeps working and leads to the decision
            routes.append(Route(urls.draft(doc), "moved.html", doc.title, lambda: {
                "target": site.decision_row(doc), "page_title": site.heading(doc),
                "canonical": site.absolute(urls.decision(doc))}, doc))
        return routes
    if doc.type == "report":
        return [Route(urls.report(doc.id), "report.html", doc.title,
                      lambda: {"r": site.report_page(doc), "page_title": doc.title}, doc)]
    if doc.type == "meeting":
        return [Route(urls.meeting(doc.id), "meeting.html", doc.title,
                      lambda: {"m": site.meeting_page(doc), "page_title": doc.title}, doc)]
    if doc.type in ("disposition", "publication"):
        return mol.own_routes(site, doc, Route)
    return [Route(urls.page(doc.id), "page.html", doc.title, lambda: {
        "p": {"title": doc.title, "summary": doc.summary, "body": site.body(doc)}, "page_title": doc.title}, doc)]


AFTER_ADOPTION_SAID = frozenset({"decision.html", "consolidated.html"})


def with_feeds(route: Route, catalog: feeds.FeedCatalog, site: SiteModel, titles: dict[str, str]) -> Route:
    """The route with the feeds its page announces (`feeds` in its context) and its breadcrumbs."""
    def links() -> list[dict]:
        if route.document is not None:  # made from the document alone (no index of the whole site)
            return [catalog.link(feed) for feed in catalog.document_feeds(route.document)]
        return catalog.links(route.path)

    def make():
        context = {"feeds": links(), **route.make()}
        if route.template in history.DOCUMENT_TEMPLATES:  # the page's `data-history` section
            context["history"] = history.section(site, route.document)
        if route.template in AFTER_ADOPTION_SAID and route.document.type == "decision":
            # the file's text or vote changed once adopted: said beside them (and of a consolidated
            # text's base: its versions are made from the file's text of today)
            context["after_adoption"] = history.changed_after_adoption(site, route.document)
        if route.template == "decision.html":  # and, below its text, the text and record first published adopted
            context["adopted"] = adopted_text.adopted_view(site, route.document)
        current = context.get("crumb") or context.get("page_title", route.title)
        return {**context, **breadcrumbs(site, route.path, titles, current, context.get("crumb_date"))}
    return Route(route.path, route.template, route.title, make, route.document)


def breadcrumbs(site: SiteModel, path: str, titles: dict[str, str], current: str, day: dict | None = None) -> dict:
    """The pages above this one, from the home page (each parent address that is a page, with its
    title; a year by its number), as links and as schema.org BreadcrumbList JSON-LD. None on the
    home page and the 404 page."""
    if not path or not path.endswith("/"):
        return {}
    parts = path.strip("/").split("/")
    parents = [p for p in ("/".join(parts[:i]) + "/" for i in range(1, len(parts))) if p in titles]
    trail = [("", "Acasă")] + [(p, p.strip("/").rsplit("/", 1)[-1] if re.search(r"/\d{4}/$", p) else titles[p])
                               for p in parents]
    # `day` (views.when): a date said after `current`'s words, shown in a <time>
    links = [{"url": site.href(p), "text": text} for p, text in trail] + [{"url": None, "text": current, "date": day}]
    named = f"{current} {day['text']}" if day else current
    items = [{"@type": "ListItem", "position": i, "name": text, "item": site.absolute(p)}
             for i, (p, text) in enumerate([*trail, (path, named)], start=1)]
    data = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    return {"breadcrumbs": links,
            "breadcrumbs_jsonld": script_json(data)}


def search_route(site: SiteModel, catalog: feeds.FeedCatalog) -> Route:
    """/cautare/: the search form; its filters link to the feeds that follow the same selection."""
    def make():
        atom = {name: catalog.address(name, "atom") for name in catalog.by_name}
        return search_site.page(site, atom)
    return Route("cautare/", "search.html", "Căutare", make)


def subscribe_route(site: SiteModel, catalog: feeds.FeedCatalog) -> Route:
    return Route("abonare/", "subscribe.html", "Abonare", lambda: {
        "groups": catalog.subscribe_view(), "example": catalog.decision_example(),
        "calendar": calendar_ics.links(site)[0], "committee_calendars": calendar_ics.links(site)[1:],
        "meeting_hours": calendar_ics.DURATION_HOURS,
    })


def listing_routes(site: SiteModel) -> list[Route]:
    years = site.years()

    def year_links(current: int | None = None) -> list[dict]:
        """Read while the page is made (a page lists the years as they are now)."""
        return [{"year": y, "url": site.href(urls.year(y)), "current": y == current,
                 "count": len(site.adopted_in(y))} for y in site.years()]

    routes = [Route("hotarari/", "decisions.html", "Hotărâri", lambda: {
        "years": year_links(), "decisions": site.listed(site.adopted),
    })]
    for y in years:
        routes.append(Route(urls.year(y), "decisions.html", f"Hotărâri adoptate în {y}", lambda y=y: {
            "year": y, "years": year_links(y),
            "decisions": site.listed(site.adopted_in(y)),
        }))
    routes.append(Route("proiecte/", "drafts.html", "Proiecte de hotărâri", lambda: {
        "decisions": site.listed(site.decisions_newest_first),
    }))
    routes.append(Route("sedinte/", "meetings.html", "Ședințe", lambda: {"years": site.meetings_by_year()}))
    routes.append(Route("rapoarte/", "reports.html", "Rapoarte, referate și avize", lambda: {
        "reports": [site.report_link(r.id) for r in site.reports_newest_first],
    }))
    routes.append(Route("consultari/", "consultations.html", "Consultări publice", lambda: {
        "decisions": site.open_consultations(), "contact": site.council.contact,
    }))
    return routes + group_routes(site) + register_routes(site)


def group_routes(site: SiteModel) -> list[Route]:
    """Decisions grouped by topic, committee, member (nominal votes) and status. Each family's
    views are computed once, when the first of its pages is rendered (kept with what they read)."""
    # An index page lists the addresses while it is made: it reads them (a new topic is on it).
    routes = [Route("teme/", "groups.html", "Hotărâri pe teme", lambda: {
                  "groups": listings.listing_index(site, "topic_pages", listings.topic_addresses(site))}),
              Route("comisii/", "groups.html", "Comisiile de specialitate", lambda: {
                  "groups": listings.listing_index(site, "committee_pages", listings.committee_addresses(site))}),
              Route("consilieri/", "members.html", "Consilierii și voturile lor", lambda: {
                  "members": listings.listing_index(site, "member_pages", listings.member_addresses(site))}),
              Route("hotarari/stare/", "groups.html", "Hotărâri și proiecte după stare", lambda: {
                  "groups": listings.listing_index(site, "status_pages", listings.status_addresses())})]
    for family, template, key, addresses in (
            ("topic_pages", "group.html", "group", listings.topic_addresses(site)),
            ("committee_pages", "group.html", "group", listings.committee_addresses(site)),
            ("member_pages", "member.html", "member", listings.member_addresses(site)),
            ("status_pages", "group.html", "group", listings.status_addresses())):
        # each page reads its own view: an edit makes again the pages whose view came out different
        routes += [Route(path, template, title, lambda family=family, key=key, path=path: shown(
            key, listings.listing_page(site, family, path))) for path, title in addresses]
    return routes


def shown(key: str, view: dict) -> dict:
    """A listing page's context; its title when the view gives one (read while recording)."""
    return {key: view, **({"page_title": view["title"]} if "title" in view else {})}


def register_routes(site: SiteModel) -> list[Route]:
    years = listings.activity_years(site)
    routes = [
        Route("registre/", "registers.html", "Registre"),
        Route("registre/proiecte/", "register_drafts.html", "Registrul proiectelor de hotărâri",
              lambda: {"rows": listings.drafts_register(site)}),
        Route("registre/hotarari/", "register_decisions.html", "Registrul hotărârilor",
              lambda: {"rows": listings.decisions_register(site)}),
        Route("activitate/", "activity.html", "Activitate recentă",
              lambda: {"entries": listings.activity(site), "years": listings.activity_years(site),
                       "recent": listings.ACTIVITY_RECENT}),
    ]
    # each page reads the years it links to while it is made (a new year is on every page)
    routes += [Route(f"activitate/{y}/", "activity.html", f"Activitate în {y}",
                     lambda y=y: {"entries": listings.activity(site, y), "years": listings.activity_years(site),
                                  "year": y, "preview": listings.ACTIVITY_MONTH_PREVIEW}) for y in years]
    routes += [Route(f"activitate/{y}/{m:02d}/", "activity.html", f"Activitate în {listings.month_name(y, m)}",
                     lambda y=y, m=m: {"entries": listings.activity(site, y, m), "years": listings.activity_years(site),
                                       "year": y, "page_month": m, "crumb": listings.month_name(y, m)})
               for y, m in listings.activity_months(site)]  # one page per month (listings.activity_months)
    return routes
