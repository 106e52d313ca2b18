"""Every HTML page of the public site: address, template, and what it shows.

One function per section; `all_routes` is the site map. The Pelican adapter
renders each route with its template; nothing else decides what exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import urls
from .views import SiteModel


@dataclass(frozen=True)
class Route:
    path: str  # public address relative to the site root (ends in "/" for pages)
    template: str
    title: str
    context: dict = field(default_factory=dict, hash=False, compare=False)


def all_routes(site: SiteModel) -> list[Route]:
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
    return sorted(routes, key=lambda r: r.path)


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
    routes.append(Route("sedinte/", "meetings.html", "Ședințe", {
        "meetings": [site.meeting_row(m) for m in site.meetings_newest_first],
    }))
    routes.append(Route("consultari/", "consultations.html", "Consultări publice", {
        "decisions": site.open_consultations(), "contact": site.council.contact,
    }))
    return routes
