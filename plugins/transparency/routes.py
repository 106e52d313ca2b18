"""Every HTML page of the public site: address, template, and what it shows.

One function per section; `all_routes` is the site map. The Pelican adapter
renders each route with its template; nothing else decides what exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import calendar_ics, feeds, listings, opendata, search_site, urls
from .views import SiteModel


@dataclass(frozen=True)
class Route:
    path: str  # public address relative to the site root (ends in "/" for pages)
    template: str
    title: str
    context: dict = field(default_factory=dict, hash=False, compare=False)


def all_routes(site: SiteModel, catalog: feeds.FeedCatalog | None = None) -> list[Route]:
    """The site map; pass the build's feed catalogue to share it with the feed writer."""
    routes = [
        Route("", "index.html", "Acasă", {
            "latest": [site.decision_row(d) for d in site.adopted[:10]],
            "consultations": site.open_consultations(),
            "next_meeting": site.next_meeting(),
        }),
    ]
    routes += decision_routes(site)
    routes += [Route(urls.report(r.id), "report.html", r.title, {"r": site.report_page(r)})
               for r in site.archive.reports.values()]
    routes += [Route(urls.meeting(m.id), "meeting.html", m.title, {"m": site.meeting_page(m)})
               for m in site.archive.meetings.values()]
    routes += [Route(urls.page(p.id), "page.html", p.title, {"p": {"title": p.title, "summary": p.summary,
                                                                    "body": site.body(p)}})
               for p in site.archive.pages.values()]
    routes += listing_routes(site)
    routes.append(Route("404.html", "404.html", "Pagina nu a fost găsită", {}))
    routes.append(Route("date/", "opendata.html", "Date deschise: fișiere", {
        "datasets": [{"url": site.href(path), "title": title, "description": description}
                     for path, title, description in opendata.DATASETS]}))
    catalog = catalog or feeds.FeedCatalog(site)
    routes.append(subscribe_route(site, catalog))
    routes.append(search_route(site, catalog))
    return sorted((with_feeds(r, catalog) for r in routes), key=lambda r: r.path)


def with_feeds(route: Route, catalog: feeds.FeedCatalog) -> Route:
    """The route with the feeds its page announces (`feeds` in its context)."""
    return Route(route.path, route.template, route.title, {"feeds": catalog.links(route.path), **route.context})


def search_route(site: SiteModel, catalog: feeds.FeedCatalog) -> Route:
    """/cautare/: the search form; its filters link to the feeds that follow the same selection."""
    atom = {name: catalog.link(feed)["atom"] for name, feed in catalog.by_name.items()}
    return Route("cautare/", "search.html", "Căutare", search_site.page(site, atom))


def subscribe_route(site: SiteModel, catalog: feeds.FeedCatalog) -> Route:
    return Route("abonare/", "subscribe.html", "Abonare", {
        "groups": catalog.subscribe_view(), "example": catalog.decision_example(),
        "calendar": calendar_ics.links(site)[0], "committee_calendars": calendar_ics.links(site)[1:],
        "meeting_hours": calendar_ics.DURATION_HOURS,
    })


def decision_routes(site: SiteModel) -> list[Route]:
    routes = []
    for d in site.archive.decisions.values():
        view = site.decision_page(d)
        routes.append(Route(urls.decision(d), "decision.html", f"{view['heading']} {d.title}", {"d": view}))
        if d.citation:  # the draft address keeps working and leads to the decision
            routes.append(Route(urls.draft(d), "moved.html", view["heading"], {"target": view}))
    return routes


def listing_routes(site: SiteModel) -> list[Route]:
    years = site.years()
    routes = [Route("hotarari/", "decisions.html", "Hotărâri", {
        "years": [{"year": y, "url": site.href(urls.year(y)),
                   "count": sum(1 for d in site.adopted if d.adopted.year == y)} for y in years],
        "decisions": [site.decision_row(d) for d in site.adopted],
    })]
    for y in years:
        routes.append(Route(urls.year(y), "decisions.html", f"Hotărâri adoptate în {y}", {
            "year": y, "decisions": [site.decision_row(d) for d in site.adopted if d.adopted.year == y],
        }))
    routes.append(Route("proiecte/", "drafts.html", "Proiecte de hotărâri", {
        "decisions": [site.decision_row(d) for d in site.decisions_newest_first],
    }))
    routes.append(Route("sedinte/", "meetings.html", "Ședințe", {"years": site.meetings_by_year()}))
    routes.append(Route("rapoarte/", "reports.html", "Rapoarte, referate și avize", {
        "reports": [site.report_link(r.id) for r in site.reports_newest_first],
    }))
    routes.append(Route("consultari/", "consultations.html", "Consultări publice", {
        "decisions": site.open_consultations(), "contact": site.council.contact,
    }))
    return routes + group_routes(site) + register_routes(site)


def group_routes(site: SiteModel) -> list[Route]:
    """Decisions grouped by topic, committee, member (nominal votes) and status."""
    topics, committees = listings.topic_pages(site), listings.committee_pages(site)
    members, statuses = listings.member_pages(site), listings.status_pages(site)
    routes = [Route("teme/", "groups.html", "Hotărâri pe teme", {"groups": topics}),
              Route("comisii/", "groups.html", "Comisiile de specialitate", {"groups": committees}),
              Route("consilieri/", "members.html", "Consilierii și voturile lor", {"members": members}),
              Route("hotarari/stare/", "groups.html", "Hotărâri și proiecte după stare", {"groups": statuses})]
    routes += [Route(t["path"], "group.html", f"Tema: {t['name']}", {"group": t}) for t in topics]
    routes += [Route(c["path"], "group.html", c["name"], {"group": c}) for c in committees]
    routes += [Route(m["path"], "member.html", m["name"], {"member": m}) for m in members]
    routes += [Route(s["path"], "group.html", s["label"], {"group": s}) for s in statuses]
    return routes


def register_routes(site: SiteModel) -> list[Route]:
    years = listings.activity_years(site)
    routes = [
        Route("registre/", "registers.html", "Registre", {}),
        Route("registre/proiecte/", "register_drafts.html", "Registrul proiectelor de hotărâri",
              {"rows": listings.drafts_register(site)}),
        Route("registre/hotarari/", "register_decisions.html", "Registrul hotărârilor",
              {"rows": listings.decisions_register(site)}),
        Route("activitate/", "activity.html", "Activitate recentă",
              {"entries": listings.activity(site), "years": years, "recent": listings.ACTIVITY_RECENT}),
    ]
    routes += [Route(f"activitate/{y}/", "activity.html", f"Activitate în {y}",
                     {"entries": listings.activity(site, y), "years": years, "year": y}) for y in years]
    return routes
