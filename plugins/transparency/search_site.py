"""What the site makes searchable, and what the search page (/cautare/) shows.

`documents(site)` turns every published document into a
`search_index.SearchDocument`: the weighted fields (citation, title,
topics and committees, names from nominal votes, type and status, initiator
or author, summary, body with attachment titles; attachment contents are
not indexed), the filter values and the record a result shows.
`page(site, feeds)` is the search page's context: filter options, each with
the feed that follows the same selection where one exists.
"""

from __future__ import annotations

import html
import re

from . import dates, search_index, urls, vocab
from .text import slug
from .views import SiteModel

INDEX_FOLDER = "cautare/index/"
EXCERPT = 280  # characters of body text shown when a document has no summary
TAG_RE = re.compile(r"<[^>]+>")
SPACE_RE = re.compile(r"\s+")
KINDS = {  # `tip` filter value → label
    "hotarare": "Hotărâri adoptate",
    "proiect": "Proiecte de hotărâri",
    "raport": "Rapoarte și avize",
    "sedinta": "Ședințe",
    "pagina": "Pagini",
}
KIND_FEEDS = {"hotarare": "hotarari", "raport": "rapoarte", "sedinta": "sedinte"}
STATUS_FEEDS = {"in-consultation": "consultari"}


def topic_value(topic: str) -> str:
    """The `tema` filter value of a topic: its address slug (`Finanțe` → `finante`)."""
    return slug(topic) or topic


def plain(html_text: str) -> str:
    return SPACE_RE.sub(" ", html.unescape(TAG_RE.sub(" ", html_text))).strip()


def excerpt(summary: str, body: str) -> str:
    text = SPACE_RE.sub(" ", summary).strip() or body
    if len(text) <= EXCERPT:
        return text
    return text[:EXCERPT].rsplit(" ", 1)[0] + " …"


def documents(site: SiteModel) -> list[search_index.SearchDocument]:
    a = site.archive
    found = [decision(site, d) for d in a.decisions.values()]
    found += [report(site, r) for r in a.reports.values()]
    found += [meeting(site, m) for m in a.meetings.values()]
    found += [page_document(site, p) for p in a.pages.values()]
    return found


def _document(site, doc, *, url, title, type_label, day, text, facets, citation="", heading="", status=None):
    body = plain(site.body(doc))
    attachments = " ".join(x.title for x in doc.attachments)
    text = {"title": doc.title, "summary": doc.summary, **text,
            "body": " ".join(filter(None, (body, text.get("body", ""), attachments)))}
    text["type"] = " ".join(filter(None, (heading, type_label, status.label if status else "",
                                          dates.long_date(day) if day else "", text.get("type", ""))))
    if day:
        facets = {**facets, "an": (str(day.year),)}
    return search_index.SearchDocument(
        url=url, title=title, citation=citation, type_label=type_label, text=text, facets=facets,
        date=day.isoformat() if day else "", date_text=dates.long_date(day) if day else "",
        status=status.code if status else "", status_label=status.label if status else "",
        excerpt=excerpt(doc.summary, body))


def decision(site: SiteModel, d) -> search_index.SearchDocument:
    council = site.council
    names = [*d.votes.for_, *d.votes.against, *d.votes.abstain] if d.votes else []
    committees = [c.name if (c := council.committee(s)) else s for s in d.committees]
    kind = "hotarare" if d.citation else "proiect"
    return _document(
        site, d, url=site.href(urls.decision(d)), title=f"{site.heading(d)} {d.title}",
        type_label=vocab.DOCUMENT_TYPES["decision" if d.citation else "draft"],
        day=d.adopted or d.registered, citation=d.citation, heading=site.heading(d), status=site.status[d.id],
        text={"citation": f"{d.citation} {d.number}" if d.citation else "", "initiator": d.initiator,
              "names": " ".join(names), "topics": " ".join([*(t.replace("-", " ") for t in d.topics), *committees])},
        facets={"tip": (kind,), "stare": (site.status[d.id].code,),
                "tema": tuple(sorted({topic_value(t) for t in d.topics})), "comisie": tuple(sorted(d.committees))})


def report(site: SiteModel, r) -> search_index.SearchDocument:
    council = site.council
    decision_id = site.relations.decision_of_report.get(r.id)
    d = site.archive.decisions[decision_id] if decision_id else None
    topics = d.topics if d else ()
    committees = sorted({*(d.committees if d else ()), *((r.committee,) if r.committee else ())})
    committee_names = [c.name if (c := council.committee(s)) else s for s in committees]
    label = vocab.REPORT_KINDS.get(r.kind, vocab.DOCUMENT_TYPES["report"])
    return _document(
        site, r, url=site.href(urls.report(r.id)), title=r.title, type_label=label, day=r.date,
        citation=f"nr. {r.number}" if r.number else "",
        text={"citation": str(r.number or ""), "initiator": r.author,
              "topics": " ".join([*(t.replace("-", " ") for t in topics), *committee_names]),
              "type": vocab.OPINIONS.get(r.opinion, "")},
        facets={"tip": ("raport",), "tema": tuple(sorted({topic_value(t) for t in topics})),
                "comisie": tuple(committees)})


def meeting(site: SiteModel, m) -> search_index.SearchDocument:
    agenda = [title or (site.archive.decisions[i].title if i else "")
              for _, i, title in site.relations.agenda.get(m.id, ())]
    kind = vocab.MEETING_KINDS.get(m.kind, "")
    return _document(
        site, m, url=site.href(urls.meeting(m.id)), title=m.title,
        type_label=f"{vocab.DOCUMENT_TYPES['meeting']} {kind}".strip(), day=m.start.date() if m.start else None,
        text={"body": " ".join([m.place, m.convened_by, *agenda])}, facets={"tip": ("sedinta",)})


def page_document(site: SiteModel, p) -> search_index.SearchDocument:
    return _document(site, p, url=site.href(urls.page(p.id)), title=p.title,
                     type_label=vocab.DOCUMENT_TYPES["page"], day=None, text={}, facets={"tip": ("pagina",)})


def index_files(site: SiteModel) -> dict[str, bytes]:
    """Every search index file, by path relative to the site root."""
    return {INDEX_FOLDER + path: data for path, data in search_index.build(documents(site)).items()}


def page(site: SiteModel, feeds: dict[str, str] | None = None) -> dict:
    """The search page: where the index is, the filters (each option with its
    feed's Atom address when a feed follows it) and the listings to use without
    JavaScript. `feeds` maps feed names (`hotarari`, `teme/buget`…) to addresses."""
    feeds = feeds or {}

    def option(value: str, label: str, feed_name: str = "") -> dict:
        return {"value": value, "label": label, "feed": feeds.get(feed_name, "")}

    years = sorted({d.adopted.year if d.adopted else d.registered.year for d in site.archive.decisions.values()
                    if d.adopted or d.registered}
                   | {r.date.year for r in site.archive.reports.values() if r.date}
                   | {m.start.year for m in site.archive.meetings.values() if m.start}, reverse=True)
    filters = [
        {"name": "tip", "label": "Tipul documentului", "all": "Toate tipurile",
         "options": [option(v, label, KIND_FEEDS.get(v, "")) for v, label in KINDS.items()]},
        {"name": "an", "label": "Anul", "all": "Toți anii", "options": [option(str(y), str(y)) for y in years]},
        {"name": "stare", "label": "Starea hotărârii", "all": "Toate stările",
         "options": [option(code, label, STATUS_FEEDS.get(code, "")) for code, label in vocab.PUBLIC_STATUSES.items()]},
        {"name": "tema", "label": "Tema", "all": "Toate temele",
         "options": [option(topic_value(t), t.replace("-", " "), f"teme/{topic_value(t)}") for t in site.topics()]},
        {"name": "comisie", "label": "Comisia de specialitate", "all": "Toate comisiile",
         "options": [option(c.slug, c.name, f"comisii/{c.slug}") for c in site.council.committees]},
    ]
    return {
        "index_url": site.href(INDEX_FOLDER),
        "filters": filters,
        "listings": [{"url": site.href(path), "text": text} for path, text in (
            ("hotarari/", "Hotărâri adoptate"), ("proiecte/", "Proiecte de hotărâri"),
            ("consultari/", "Consultări publice"), ("sedinte/", "Ședințe"), ("rapoarte/", "Rapoarte"))],
    }
