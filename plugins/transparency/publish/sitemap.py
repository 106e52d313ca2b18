"""sitemap.xml (the sitemaps.org protocol, 0.9) and robots.txt: every public page for search engines.

Every page of the site map (routes.all_routes) but the 404 page and the old draft addresses of
adopted decisions (they lead to the decision's own address). A document's page carries `lastmod`,
the day of its latest fact not after the build day, read from the content (never the clock), so
the same content and the same day give the same bytes; a version of a consolidated text, the day
it took effect (today's, that of the version in force). Listings carry none: they change with
every document they list.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from ..domain import urls
from ..site import consolidated
from ..site.views import SiteModel
from . import feeds, routes

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
LEFT_OUT = {"404.html", "moved.html"}  # templates of pages that are not content of their own


def last_facts(site: SiteModel) -> dict[str, dt.date]:
    """Address → the day of the latest fact about the document shown there, up to the build day."""
    today, rel = site.today, site.relations
    days: dict[str, dt.date] = {}

    def note(path: str, *found) -> None:
        known = [day for day in found if day and day <= today]
        if known:
            days[path] = max(known)

    for d in site.archive.decisions.values():
        c = d.consultation
        changers = [site.archive.decisions[i].adopted for i in (*rel.amended_by.get(d.id, ()),
                                                                 *rel.repealed_by.get(d.id, ()))]
        note(urls.decision(d), d.registered, d.adopted, *(e.date for e in d.events),
             *((c.opened, c.closes) if c else ()), *changers)
    for r in site.archive.reports.values():
        note(urls.report(r.id), r.date)
    for m in site.archive.meetings.values():
        note(urls.meeting(m.id), m.agenda_published, m.start.date() if m.start else None)
    for d in site.archive.dispositions.values():
        changers = [site.archive.dispositions[i].date for i in (*rel.disposition_amended_by.get(d.id, ()),
                                                                 *rel.disposition_repealed_by.get(d.id, ()))]
        note(urls.disposition(d), d.date, *(e.date for e in d.events), *changers)
    for p in site.archive.publications.values():
        note(urls.publication(p.id), p.date)
    for d in site.archive.decisions.values():  # a consolidated version: the day it took effect
        versions = consolidated.version_days(site, d)
        note(consolidated.path(d), *versions)
        for day in versions:
            note(consolidated.path(d, day), day)
    return days


def sitemap(site: SiteModel, catalog: feeds.FeedCatalog) -> bytes:
    days = last_facts(site)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NAMESPACE}">']
    for route in routes.all_routes(site, catalog):
        if route.template in LEFT_OUT:
            continue
        day = days.get(route.path)
        lastmod = f"<lastmod>{day.isoformat()}</lastmod>" if day else ""
        lines.append(f"<url><loc>{escape(site.absolute(route.path))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(site: SiteModel) -> bytes:
    """Everything may be crawled but the search index's shards; the site map is named."""
    return (f"User-agent: *\nDisallow: {site.root}cautare/index/\n\n"
            f"Sitemap: {site.absolute(SITEMAP)}\n").encode("utf-8")
