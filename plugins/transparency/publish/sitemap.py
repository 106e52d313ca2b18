"""sitemap.xml (the sitemaps.org protocol, 0.9) and robots.txt: every public page for search engines.

Every page of the site map (routes.all_routes) but the 404 page and the old draft addresses of
adopted decisions (they lead to the decision's own address). A document's page carries `lastmod`,
the day of its latest fact not after the build day, read from the content (never the clock), so
the same content and the same day give the same bytes; with the content's git history, the day of
the last commit up to the build day that changed the document's file when it is later (a text corrected without a new
fact is a changed page, which search engines should read again; a day in Europe/Bucharest). A
version of a consolidated text, the day it took effect (today's, that of the version in force).
Listings carry none: they change with every document they list.

The pages are listed in parts, `sitemap-PART.xml` (a section and year, `hotarari-2025`; a section,
`rapoarte`; the other pages, `pagini`), named by `sitemap.xml`, a sitemap index: the protocol
allows 50,000 addresses a file, which a large council's history pages pass, and a new page then
rewrites its part alone. A part reads the list of its pages (`Part.ROUTES`, compared by value
from one build to the next) and what its documents' latest facts are read from, nothing else.
A part that would pass the limit is split by a hash of its documents' addresses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from xml.sax.saxutils import escape

from ..domain import history, urls
from ..domain.force import entry_into_force
from ..domain.reads import Part, Read
from ..site import consolidated, history_index
from ..site import history as site_history
from ..site.tracked import ALL, value_digest
from ..site.views import SiteModel

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
LEFT_OUT = {"404.html", "moved.html", "renamed.html", "removed.html"}  # templates of pages that are not content of their own


def last_facts(site: SiteModel, documents) -> dict[str, dt.date]:
    """Address → the day of the latest fact about each of `documents` shown there, or of the last commit
    that changed its file (its own page), up to the build day."""
    today, rel = site.today, site.relations
    days: dict[str, dt.date] = {}

    def note(path: str, *found) -> None:
        known = [day for day in (*found, days.get(path)) if day and day <= today]
        if known:
            days[path] = max(known)

    index = site.indexes.get(history_index.NAME)
    for doc in documents:
        revised = index.revised(f"{doc.type}/{doc.id}") if index is not None else ()
        if revised:  # each commit that changed the file, the latest up to the build day
            note(site_history.page_path(site, doc), *(history.local_time(time).date() for time in revised))
        if doc.type == "decision":
            c = doc.consultation
            # a change shows on the page when it is adopted, and its status when it takes effect
            changers = [day for i in (*rel.amended_by.get(doc.id, ()), *rel.repealed_by.get(doc.id, ()))
                        for day in (site.archive.decisions[i].adopted, entry_into_force(site.archive.decisions[i]))]
            note(urls.decision(doc), doc.registered, doc.adopted, *(e.date for e in doc.events),
                 *((c.opened, c.closes) if c else ()), *changers)
            versions = consolidated.version_days(site, doc)  # a consolidated version: the day it took effect
            note(consolidated.path(doc), *versions)
            for day in versions:
                note(consolidated.path(doc, day), day)
        elif doc.type == "report":
            note(urls.report(doc.id), doc.date)
        elif doc.type == "meeting":
            note(urls.meeting(doc.id), doc.agenda_published, doc.start.date() if doc.start else None)
        elif doc.type == "disposition":
            changers = [day for i in (*rel.disposition_amended_by.get(doc.id, ()),
                                      *rel.disposition_repealed_by.get(doc.id, ()))
                        for day in (site.archive.dispositions[i].date, entry_into_force(site.archive.dispositions[i]))]
            note(urls.disposition(doc), doc.date, *(e.date for e in doc.events), *changers)
        elif doc.type == "publication":
            note(urls.publication(doc.id), doc.date)
    return days


LIMIT = 50_000  # addresses in one file (sitemaps.org)
SHARE = 0.8  # of the limit, what a split part aims at: a hash does not split evenly
OTHER = "pagini"
YEAR = re.compile(r"\d{4}")


def part_of(path: str) -> str:
    """The part of the site map listing the page at `path`."""
    segments = path.strip("/").split("/")
    if len(segments) > 1 and YEAR.fullmatch(segments[1]):
        return f"{segments[0]}-{segments[1]}"
    return segments[0] if len(segments) > 1 else OTHER


def parts(routes: list, limit: int = LIMIT) -> dict[str, list]:
    """Part name → its pages (routes), every part within `limit` addresses."""
    found: dict[str, list] = {}
    for route in routes:
        if route.template not in LEFT_OUT:
            found.setdefault(part_of(route.path), []).append(route)
    for name, listed in list(found.items()):
        if len(listed) > limit:
            del found[name]
            count = 1 << math.ceil(math.log2(len(listed) / (limit * SHARE)))
            for route in listed:  # by the document's address: its history pages stay beside it
                key = "/".join(route.path.split("/")[:2]).encode("utf-8")
                bucket = int.from_bytes(hashlib.blake2b(key, digest_size=4).digest(), "big") % count
                found.setdefault(f"{name}-{bucket + 1}", []).append(route)
    too_large = sorted(name for name, listed in found.items() if len(listed) > limit)
    if too_large:
        raise ValueError(f"sitemap parts over {limit} addresses: {too_large}")
    return dict(sorted(found.items()))


def file_of(name: str) -> str:
    return f"sitemap-{name}.xml"


def fingerprints(found: dict[str, list]) -> dict[Read, str]:
    """What each part lists (its pages' addresses) and which parts there are, as digests."""
    digests = {Read(Part.ROUTES, name): value_digest(tuple(route.path for route in listed))
               for name, listed in found.items()}
    digests[Read(Part.ROUTES, ALL)] = value_digest(tuple(found))
    return digests


def index(site: SiteModel, names) -> bytes:
    """sitemap.xml: the sitemap index naming every part."""
    site.log.read(Read(Part.ROUTES, ALL))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NAMESPACE}">']
    lines += [f"<sitemap><loc>{escape(site.absolute(file_of(name)))}</loc></sitemap>" for name in names]
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap(site: SiteModel, name: str, routes: list) -> bytes:
    """One part: its pages, each with the day of its document's latest fact when it has one."""
    site.log.read(Read(Part.ROUTES, name))
    documents = {id(route.document): route.document for route in routes if route.document is not None}
    days = last_facts(site, documents.values())
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NAMESPACE}">']
    for route in routes:
        day = days.get(route.path)
        lastmod = f"<lastmod>{day.isoformat()}</lastmod>" if day else ""
        lines.append(f"<url><loc>{escape(site.absolute(route.path))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(site: SiteModel) -> bytes:
    """Everything may be crawled but the search index's shards; the site map is named."""
    return (f"User-agent: *\nDisallow: {site.root}cautare/index/\n\n"
            f"Sitemap: {site.absolute(SITEMAP)}\n").encode("utf-8")
