"""What the site makes searchable, and what the search page (/cautare/) shows.

Every published document becomes a `search_index.SearchDocument`: the
weighted fields (citation, title, topics and committees, names from nominal
votes, type and status, initiator or author, summary, body with attachment
titles), the filter values and the
record a result shows. The text of attached PDFs (annexes, minutes; read at
check time, `Checked.attachment_texts`) makes a document of its own, whose
result points to the file and names the document it belongs to.
`index_files(site, cache, clean)` writes the
index, analysing again only the documents whose search inputs changed (the
rest comes from `cache`, kept between builds; the dependency map says which
changed: each document's record without its body is a memo, `search-doc/TYPE/ID`). `page(site, feeds)` is the
search page's context: filter options, each with the feed that follows the
same selection where one exists.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from typing import NamedTuple

from ..build import workers as cores
from ..domain import dates, vocab
from ..domain.reads import Part, Read
from . import search_files, search_index
from .body_text import plain
from ..domain import urls
from ..domain.text import slug
from ..site import mol
from ..site import consolidated
from ..site.views import SiteModel

INDEX_FOLDER = "cautare/index/"
CACHE_FORMAT = 3  # of the `cache` dict of `index_files`
MEMO = "search-doc"  # the family of memos of each document's SearchDocument without its body
KINDS = {  # `tip` filter value → label
    "hotarare": "Hotărâri adoptate",
    "proiect": "Proiecte de hotărâri",
    "raport": "Rapoarte și avize",
    "sedinta": "Ședințe",
    "pagina": "Pagini",
    "dispozitie": "Dispoziții",
    "document": "Documente (Monitorul Oficial Local)",
    "anexa": "Anexe (text din PDF)",
}
KIND_FEEDS = {"hotarare": "hotarari", "raport": "rapoarte", "sedinta": "sedinte", "dispozitie": "dispozitii",
              "document": "documente"}
STATUS_FEEDS = {"in-consultation": "consultari"}


def topic_value(topic: str) -> str:
    """The `tema` filter value of a topic: its address slug (`Finanțe` → `finante`)."""
    return slug(topic) or topic


def define_memos(site: SiteModel) -> None:
    """Each document's SearchDocument without its body, a memo (`search-doc/TYPE/ID`) that can be
    computed again from its key: after an edit the dependency map says which came out different.
    The build defines them with the site's other memos (before it compares them); once per site."""
    if site.memos.defined(MEMO):
        return
    makers = {"decision": (decision, "decisions"), "report": (report, "reports"), "meeting": (meeting, "meetings"),
              "page": (page_document, "pages"), "disposition": (disposition, "dispositions"),
              "publication": (publication, "publications")}

    def make(key: str) -> search_index.SearchDocument:
        kind, _, doc_id = key.partition("/")
        maker, collection = makers[kind]
        return maker(site, getattr(site.archive, collection)[doc_id])

    site.memos.define(MEMO, make)


def skeletons(site: SiteModel):
    """(cache key, document, its SearchDocument without the body) of every published document."""
    define_memos(site)
    a = site.archive
    for documents in (a.decisions, a.reports, a.meetings, a.pages, a.dispositions, a.publications):
        for doc in documents.values():
            key = f"{doc.type}/{doc.id}"
            yield key, doc, lambda key=key: site.memos.of(MEMO, key)


def documents(site: SiteModel) -> list[search_index.SearchDocument]:
    """Every published document, whole (its body read), then the attached PDFs with text."""
    return [*(dataclasses.replace(make(), body=plain(site.body_text_html(doc))) for _, doc, make in skeletons(site)),
            *(attached.make() for attached in attachment_documents(site))]


ATTACHMENT_LABELS = {"minutes": "Proces-verbal (PDF)", "attachment": "Anexă (PDF)"}


@dataclasses.dataclass(frozen=True)
class Attached:
    """An attached PDF with text, as the search index holds it."""

    key: str  # its cache key: file/SOURCE
    parent: str  # the memo of the SearchDocument of the document it belongs to (MEMO/TYPE/ID)
    own: str  # the digest of what it is made of besides that memo: its role, title, file and text
    make: Callable[[], search_index.SearchDocument]  # its whole SearchDocument (its text as body)


def attachment_documents(site: SiteModel):
    """Every attached PDF with text (`Attached`): its SearchDocument has its text as body and its
    title, date and filters from the document it belongs to (made from that one's memo)."""
    texts = getattr(site.checked, "attachment_texts", None) or {}
    if not texts:
        return
    define_memos(site)
    a = site.archive
    for documents in (a.decisions, a.reports, a.meetings, a.pages, a.dispositions, a.publications):
        for doc in documents.values():
            minutes = getattr(doc, "minutes", None)
            for role, attachment in [*(("attachment", x) for x in doc.attachments),
                                     *((("minutes", minutes),) if minutes else ())]:
                if attachment.source in texts:
                    parent, text = f"{doc.type}/{doc.id}", texts[attachment.source]
                    own = hashlib.blake2b("\0".join((role, attachment.title, attachment.source, text)).encode(
                        "utf-8"), digest_size=16).hexdigest()
                    yield Attached(f"file/{attachment.source}", f"{MEMO}/{parent}", own,
                                   lambda parent=parent, role=role, attachment=attachment, text=text:
                                   attachment_document(site, site.memos.of(MEMO, parent), role, attachment, text))


def attachment_document(site: SiteModel, parent: search_index.SearchDocument, role: str, attachment,
                        text: str) -> search_index.SearchDocument:
    heading = parent.title if len(parent.title) <= 90 else parent.title[:90].rsplit(" ", 1)[0] + " …"
    label = ATTACHMENT_LABELS[role]
    return dataclasses.replace(
        parent, url=site.href(urls.attachment(attachment.source)), title=f"{attachment.title} · {heading}",
        type_label=label, citation="", status="", status_label="", excerpt="", body=text,
        text={"title": attachment.title, "type": f"{label} {parent.text.get('type', '')}",
              "topics": parent.text.get("topics", "")},
        facets={**parent.facets, "tip": ("anexa",)}, parent_url=parent.url, parent_title=parent.title)


def _document(site, doc, *, url, title, type_label, day, text, facets, citation="", heading="", status=None):
    """A document without its body (`body` is filled from `site.body_text_html` when it is analysed)."""
    attachments = " ".join(x.title for x in doc.attachments)
    text = {"title": doc.title, "summary": doc.summary, **text,
            "body": " ".join(filter(None, (text.get("body", ""), attachments)))}
    text["type"] = " ".join(filter(None, (heading, type_label, status.label if status else "",
                                          dates.long_date(day) if day else "", text.get("type", ""))))
    if day:
        facets = {**facets, "an": (str(day.year),)}
    return search_index.SearchDocument(
        url=url, title=title, citation=citation, type_label=type_label, text=text, facets=facets,
        date=day.isoformat() if day else "", date_text=dates.long_date(day) if day else "",
        status=status.code if status else "", status_label=status.label if status else "")


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
              "names": " ".join(names), "topics": " ".join([*(t.replace("-", " ") for t in d.topics), *committees]),
              "body": consolidated.search_text(site, d)},  # the text in force today, where later acts changed it
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


def disposition(site: SiteModel, d) -> search_index.SearchDocument:
    """A disposition: an individual one without `publish_text` by its register entry alone (its body is
    left out by `site.body_text_html`, its summary here)."""
    status = mol.status(site, d)
    label = vocab.DISPOSITION_STATUSES[status.code]
    return _document(
        site, d, url=site.href(urls.disposition(d)), title=f"{mol.heading(d)} {d.title}",
        type_label=vocab.DOCUMENT_TYPES["disposition"], day=d.date, citation=d.citation, heading=mol.heading(d),
        text={"citation": f"{d.citation} {d.number}" if d.citation else "", "initiator": d.issuer,
              "type": f"{label} {vocab.CHARACTERS.get(d.character, '')}",
              **({} if d.text_public else {"summary": ""})},
        facets={"tip": ("dispozitie",), "stare": (status.code,)})  # its public status, a decision's code


def publication(site: SiteModel, p) -> search_index.SearchDocument:
    return _document(
        site, p, url=site.href(urls.publication(p.id)), title=p.title,
        type_label=vocab.PUBLICATION_KINDS.get(p.kind, vocab.DOCUMENT_TYPES["publication"]), day=p.date,
        text={"type": "Monitorul Oficial Local"}, facets={"tip": ("document",)})


def index_files(site: SiteModel, cache: dict | None = None, clean: Callable[[str], bool] | None = None, *,
                workers: int = 1) -> dict[str, bytes]:
    """Every search index file, by path relative to the site root (`records`, then `assembled`)."""
    cache = {} if cache is None else cache
    return assembled(cache, records(site, cache, clean, workers=workers))


class Records(NamedTuple):
    """What the index is made of, found by `records`: each document's analysis by key, and the
    council's synonyms (word → [alternatives]) for the query."""

    docs: dict[str, search_index.Analysed]
    synonyms: dict | None


def assembled(cache: dict, found: Records) -> dict[str, bytes]:
    """The index files of `found`, by path relative to the site root; `cache` (that `records` was
    given) keeps the index for the next build's patch. Reads nothing of the site: the build runs it
    in another process while the pages are made (adapters/generator.py `start_search`)."""
    files = search_files.update(cache.setdefault("index", {}), found.docs, synonyms=found.synonyms)
    return {INDEX_FOLDER + path: data for path, data in files.items()}


def records(site: SiteModel, cache: dict, clean: Callable[[str], bool] | None = None, *,
            workers: int = 1) -> Records:
    """Every document's record in the index, each read as the site shows it now.

    `cache` is a plain dict kept between builds (picklable; updated in place): each
    document's analysis, the digests it was made from and the last index's shards.
    `clean(memo key)` says whether a document's record without its body read nothing
    changed since the build that made the cache (the dependency map's say; None: not
    known of any): such a document whose body digest did not change is taken from the
    cache as it is, without reading its body or making its SearchDocument. Every other
    document is made again without its body: one whose digests are both unchanged is
    taken from the cache, one whose body alone is unchanged is analysed again from the
    cached analysis of its body, still without reading it. Bodies to read are spread
    over `workers` processes. An attached PDF clean as its document is, and whose own inputs
    (role, title, file, text) did not change, is taken from the cache too. The files are the
    same whatever the cache holds; `cache`'s digests are this build's when it returns."""
    if cache.get("format") != CACHE_FORMAT:
        cache.clear()
    # digests: key → "<digest of the SearchDocument without body> <body digest>"
    known, state = cache.get("digests", {}), cache.setdefault("index", {})
    before = state.get("docs", {})
    analyser = search_index.Analyser()
    docs, digests, pending = {}, {}, []
    for key, doc, make in skeletons(site):
        body, old, previous = site.body_digest(doc), known.get(key), before.get(key)
        memo = f"{MEMO}/{key}"
        if clean is not None and previous and old and old.endswith(f" {body}") and clean(memo):
            site.log.read(Read(Part.MEMO, memo))  # what it is made of, as if it were made
            docs[key], digests[key] = previous, old
            continue
        skeleton = make()
        digests[key] = f"{hashlib.blake2b(repr(skeleton).encode('utf-8'), digest_size=16).hexdigest()} {body}"
        if previous and old == digests[key]:
            docs[key] = previous
        elif previous and old and old.endswith(f" {body}"):
            docs[key] = search_index.analyse(skeleton, analyser, previous)
        else:
            pending.append((key, doc, skeleton))
    docs.update(_with_bodies(site, pending, workers))
    for attached in attachment_documents(site):  # as a document: its own inputs and its parent's memo
        key, own = attached.key, attached.own
        old, previous = known.get(key), before.get(key)
        if clean is not None and previous and old and old.endswith(f" {own}") and clean(attached.parent):
            site.log.read(Read(Part.MEMO, attached.parent))  # what it is made of, as if it were made
            docs[key], digests[key] = previous, old
            continue
        document = attached.make()
        digests[key] = f"{hashlib.blake2b(repr(document).encode('utf-8'), digest_size=16).hexdigest()} {own}"
        docs[key] = previous if previous and old == digests[key] else search_index.analyse(document, analyser)
    cache.update(format=CACHE_FORMAT, digests=digests)
    return Records(docs, getattr(site.checked, "synonyms", None))


def fingerprint(cache: dict) -> tuple:
    """What an `index_files` cache holds, in brief: when this did not change, the cache need
    not be saved again (every document's inputs are the same)."""
    return tuple(cache.get("digests", {}).items())


def _with_bodies(site: SiteModel, pending: list, workers: int) -> list:
    """[(key, Analysed)] of documents whose body has to be read, on `workers` processes."""

    def analyse(part: list) -> list:
        analyser = search_index.Analyser()
        return [(key, search_index.analyse(dataclasses.replace(skeleton, body=plain(site.body_text_html(doc))), analyser))
                for key, doc, skeleton in part]

    # The first in this process: whatever the site computes on a first body, workers inherit.
    return analyse(pending[:1]) + cores.map_slices(analyse, pending[1:], workers)


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
                   | {m.start.year for m in site.archive.meetings.values() if m.start}
                   | {d.date.year for d in site.archive.dispositions.values() if d.date}
                   | {p.date.year for p in site.archive.publications.values() if p.date}, reverse=True)
    filters = [
        {"name": "tip", "label": "Tipul documentului", "all": "Toate tipurile",
         "options": [option(v, label, KIND_FEEDS.get(v, "")) for v, label in KINDS.items()]},
        {"name": "an", "label": "Anul", "all": "Toți anii", "options": [option(str(y), str(y)) for y in years]},
        {"name": "stare", "label": "Starea actului", "all": "Toate stările",  # a decision's or a disposition's
         "options": [option(code, label, STATUS_FEEDS.get(code, "")) for code, label in vocab.PUBLIC_STATUSES.items()]},
        {"name": "tema", "label": "Tema", "all": "Toate temele",
         # each topic named as its page names it (council.yml's label, diacritics and all), not by its address
         "options": [option(topic_value(t), site.topic_label(t), f"teme/{topic_value(t)}") for t in site.topics()]},
        {"name": "comisie", "label": "Comisia de specialitate", "all": "Toate comisiile",
         "options": [option(c.slug, c.name, f"comisii/{c.slug}") for c in site.council.committees]},
    ]
    return {
        "index_url": site.href(INDEX_FOLDER),
        "filters": filters,
        "listings": [{"url": site.href(path), "text": text} for path, text in (
            ("hotarari/", "Hotărâri adoptate"), ("proiecte/", "Proiecte de hotărâri"),
            ("consultari/", "Consultări publice"), ("sedinte/", "Ședințe"), ("rapoarte/", "Rapoarte"),
            ("dispozitii/", "Dispoziții"), ("monitorul-oficial-local/", "Monitorul Oficial Local"))],
    }
