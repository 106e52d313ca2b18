"""The year's pages of the law: how the council kept its legal deadlines (/transparenta/termene/YEAR/)
and the annual report of Legea nr. 52/2003, art. 13 (/transparenta/raport/YEAR/, with its JSON and CSV
under /date/), and the page that lists the years (/transparenta/).

Counted by domain/annual.py from the content alone; every number on the deadlines page links to the
documents behind it.
"""

from __future__ import annotations

import csv
import io
import json

from ..domain import annual, deadlines, urls
from .views import SiteModel

INDEX = "transparenta/"


def deadlines_path(year: int) -> str:
    return f"transparenta/termene/{year}/"


def report_path(year: int) -> str:
    return f"transparenta/raport/{year}/"


def data_paths(year: int) -> tuple[str, str]:
    return f"date/raport-legea-52-{year}.json", f"date/raport-legea-52-{year}.csv"


def define_memos(site: SiteModel) -> None:
    """Every deadline judged is one value; each year's pages read their year's part of it
    (domain.reads.Memos.define), so an edit makes again the years whose part came out different."""
    define = site.memos.define
    define("law-years", lambda _: sorted((y for y in annual.years(site.archive) if y <= site.today.year),
                                         reverse=True))
    # Which documents have a deadline in which year, from each decision's kept deadlines; each
    # year's list compared apart, so that an edit judges again the years it changed.
    define("law-index", lambda _: _documents_by_deadline_year(site), digest=False)
    define("law-documents", lambda year: site.memos.of("law-index").get(int(year), []))
    define("law-counts", lambda _: annual.counts_by_year(site.archive, site.today), digest=False)
    define("law-counts-in", lambda year: site.memos.of("law-counts").get(int(year)))
    define("law-deadlines", lambda year: annual.by_year(_judged_in(site, int(year))).get(int(year))
           or annual.empty_table())
    define("law-report", lambda year: annual.report(site.memos.of("law-counts-in", year),
                                                    site.memos.of("law-deadlines", year), int(year)))


def _judged(site: SiteModel, document) -> list[annual.Judged]:
    if document.type == "meeting":
        found = deadlines.meeting_deadlines(document, site.today)
    else:
        found = site.deadlines_of[document.id]
    return [annual.Judged(document, deadline) for deadline in found]


def _documents(site: SiteModel) -> list:
    """The decisions, then the meetings, each in id order (the order of the tables' lists)."""
    return [document for documents in (site.archive.decisions, site.archive.meetings)
            for _, document in sorted(documents.items())]


def _documents_by_deadline_year(site: SiteModel) -> dict[int, list[tuple[str, str]]]:
    """Year → (type, id) of the documents with a deadline that counts in it (`annual.deadline_year`)."""
    by_year: dict[int, dict[tuple[str, str], None]] = {}
    for document in _documents(site):
        for item in _judged(site, document):
            by_year.setdefault(annual.deadline_year(item), {})[(document.type, document.id)] = None
    return {year: list(found) for year, found in by_year.items()}


def _judged_in(site: SiteModel, year: int) -> list[annual.Judged]:
    """The deadlines that count in `year`, of the documents that have one there."""
    by_type = {"decision": site.archive.decisions, "meeting": site.archive.meetings}
    return [item for kind, document_id in site.memos.of("law-documents", str(year))
            for item in _judged(site, by_type[kind][document_id]) if annual.deadline_year(item) == year]


def years(site: SiteModel) -> list[int]:
    """The years with content up to the build day's, newest first (part of the site map: kept between builds)."""
    return site.memos.of("law-years", keep=True)


def report(site: SiteModel, year: int) -> dict:
    return site.memos.of("law-report", str(year))


def _link(site: SiteModel, document) -> dict:
    if document.type == "meeting":
        return {"url": site.href(urls.meeting(document.id)), "text": document.title}
    return {"url": site.href(urls.decision(document)), "text": f"{site.heading(document)} {document.title}"}


def year_links(site: SiteModel, path_of, current: int) -> list[dict]:
    return [{"year": y, "url": site.href(path_of(y)), "current": y == current} for y in years(site)]


def deadlines_page(site: SiteModel, year: int) -> dict:
    table = site.memos.of("law-deadlines", str(year))
    rows = []
    for key, states in table.items():
        rule = deadlines.RULES[key]
        rows.append({"key": key, "what": rule.what, "term": rule.term, "article": rule.cited(site.authority.kind),
                     "total": sum(len(items) for items in states.values()),
                     "states": [{"state": state, "label": deadlines.STATES[state], "count": len(items),
                                 "documents": [_link(site, item.document) for item in items]}
                                for state, items in states.items()]})
    return {"year": year, "rows": rows, "years": year_links(site, deadlines_path, year),
            "report_url": site.href(report_path(year)), "page_title": f"Termenele legale în {year}"}


def report_page(site: SiteModel, year: int) -> dict:
    data = report(site, year)
    json_path, csv_path = data_paths(year)
    closed = sorted((m for m in site.archive.meetings.values() if m.start and m.start.year == year and not m.public),
                    key=lambda m: (m.start, m.id))
    return {"year": year, "r": data, "years": year_links(site, report_path, year),
            "closed": [{**_link(site, m), "reason": m.closed_reason} for m in closed],
            "deadlines": [{"key": key, "what": deadlines.RULES[key].what,
                           "article": deadlines.RULES[key].cited(site.authority.kind),
                           **counts} for key, counts in data["deadlines"].items()],
            "deadlines_url": site.href(deadlines_path(year)),
            "json_url": site.href(json_path), "csv_url": site.href(csv_path), "council_name": site.council.name,
            "page_title": f"Raportul anual privind transparența decizională pe anul {year}"}


def report_files(site: SiteModel, year: int) -> dict[str, bytes]:
    """The report as JSON (the contract's keys) and as CSV (key, value; a deadline as `deadlines.KEY.STATE`)."""
    data = report(site, year)
    json_path, csv_path = data_paths(year)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(("indicator", "valoare"))
    for key, value in data.items():
        if key == "deadlines":
            for rule, counts in value.items():
                writer.writerows((f"deadlines.{rule}.{state}", n) for state, n in counts.items())
        else:
            writer.writerow((key, value))
    return {json_path: json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
            csv_path: buffer.getvalue().encode("utf-8-sig")}


def data_files(site: SiteModel) -> list[dict]:
    """Each year's report files for /date/, newest year first: the year's page, and each file's
    address and size in bytes. The sizes of a year's files are kept between builds while nothing they
    were made from changed (as opendata.sizes): /date/ is made again after most edits, and making
    every year's files again to measure them took 0.17 s of each such rebuild at 10,000 documents."""
    found = []
    for year in years(site):
        sizes = site.memos.get(f"law-report-sizes/{year}", lambda year=year: {
            path: len(data) for path, data in report_files(site, year).items()}, keep=True)
        found.append({"year": year, "page": report_path(year),
                      "files": [{"path": path, "format": path.rsplit(".", 1)[1].upper(), "bytes": sizes[path]}
                                for path in data_paths(year)]})
    return found


def routes(site: SiteModel, route) -> list:
    """The pages: /transparenta/, and for every year its deadlines and its annual report."""
    found = [route(INDEX, "law_index.html", "Transparența decizională: termene și rapoarte anuale", lambda: {
        "years": [{"year": y, "deadlines_url": site.href(deadlines_path(y)), "report_url": site.href(report_path(y))}
                  for y in years(site)]})]
    for y in years(site):
        found.append(route(deadlines_path(y), "law_deadlines.html", f"Termenele legale în {y}",
                           lambda y=y: deadlines_page(site, y)))
        found.append(route(report_path(y), "law_report.html", f"Raportul anual pe {y}",
                           lambda y=y: report_page(site, y)))
    return found
