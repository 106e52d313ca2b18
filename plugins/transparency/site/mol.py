"""Views of the Monitorul Oficial Local: the president's dispositions (their pages, list and
register), the other documents it carries, and its structure (Codul administrativ, Anexa 1).

An individual disposition without `publish_text: true` names people: its views carry the
register entry only (number, date, title as staff wrote it, issuer, status), never its text,
summary or files (`Disposition.text_public`).
"""

from __future__ import annotations

import datetime as dt

from ..domain import dispositions, force, urls, vocab
from ..domain.model import Disposition, Publication
from ..domain.text import count, fold
from . import consolidated
from .views import LEGAL_FORCE, Link, SiteModel, script_json, when

MOL = "monitorul-oficial-local/"
# The sections of Codul administrativ, Anexa 1 (Monitorul Oficial Local): address → (title, what it holds).
# A description's {fields} are the council's words (domain/authority.py: a county council's or a local one's).
SECTIONS = {
    "statut/": ("Statutul unității administrativ-teritoriale", "{statute} și modificările lui."),
    "regulamente/": ("Regulamente", "Regulamentul de organizare și funcționare a consiliului și celelalte "
                     "regulamente, inclusiv cele aprobate ca anexă la o hotărâre."),
    "hotarari/": ("Hotărârile autorității deliberative", "{decisions_of}, cu registrul "
                  "proiectelor de hotărâri și registrul hotărârilor."),
    "dispozitii/": ("Dispozițiile autorității executive", "{dispositions_of}, cu registrul dispozițiilor."),
    "documente-financiare/": ("Documente financiare", "Bugetul, execuția bugetară și situațiile financiare."),
    "alte-documente/": ("Alte documente", "Alte documente pe care legea le cere publicate: procesele-verbale "
                        "ale ședințelor, proiectele de hotărâri și problemele care urmează să fie dezbătute, "
                        "celelalte documente."),
}
SECTION_OF_KIND = {"statute": "statut/", "regulation": "regulamente/", "budget": "documente-financiare/",
                   "budget-execution": "documente-financiare/", "financial-statement": "documente-financiare/",
                   "other": "alte-documente/"}
WITHHELD = ("Dispoziție cu caracter individual: privește persoane anume, de aceea se publică doar datele din "
            "registrul dispozițiilor (numărul, data, titlul și starea), nu și textul ei.")
# The word before a status's day („În vigoare din …”). None for `adopted`: its day is the issue's, which
# the page's facts and the lists' „Emisă la …” say (said after the label too, it read „Emisă, nu este
# încă în vigoare emisă la 20 noiembrie 2026” above „Emisă la 20 noiembrie 2026”).
STATUS_SINCE = {"in-force": "din", "amended": "ultima dată la", "repealed": "din", "suspended": "din",
                "annulled": "la"}
# A status as a list says it, above its „Emisă la DAY, CHARACTER”: what that line says is not said again.
LIST_LABELS = {"adopted": "Nu este încă în vigoare"}


def heading(d: Disposition) -> str:
    return dispositions.heading(d)


def ordered(site: SiteModel) -> list[Disposition]:
    """The dispositions newest first (by year and number)."""
    return site.memos.get("dispositions_newest_first", lambda: sorted(
        site.archive.dispositions.values(), key=lambda d: (d.date or dt.date.min, d.number or 0, d.id), reverse=True))


def status(site: SiteModel, d: Disposition) -> dispositions.Status:
    return site.memos.get(f"disposition-status/{d.id}", lambda: dispositions.public_status(
        d, site.relations, site.archive, site.today))


def timeline(site: SiteModel, d: Disposition) -> tuple[dispositions.Entry, ...]:
    return site.memos.get(f"disposition-timeline/{d.id}",
                          lambda: dispositions.timeline(d, site.relations, site.archive))


def status_view(site: SiteModel, d: Disposition) -> dict:
    def make():
        s = status(site, d)
        label = vocab.DISPOSITION_STATUSES[s.code]
        return {"code": s.code, "label": label, "list_label": LIST_LABELS.get(s.code, label),
                "since": when(s.since) if s.code in STATUS_SINCE else None,
                "since_word": STATUS_SINCE.get(s.code, ""), "until": when(s.until), "note": s.note,
                "by": [link(site, site.archive.dispositions[i]) for i in s.by]}
    return site.memos.get(f"disposition-status-view/{d.id}", make)


def link(site: SiteModel, d: Disposition) -> Link:
    return Link(site.href(urls.disposition(d)), heading(d), d.title)


def changed_link(site: SiteModel, d: Disposition) -> Link:
    """A link to a disposition that changes another, saying so when it is not yet in force."""
    found = link(site, d)
    if force.in_force_on(d, site.today):
        return found
    return Link(found.url, found.text, f"{found.note} (emisă, încă neintrată în vigoare)")


def row(site: SiteModel, d: Disposition) -> dict:
    """A disposition in lists and the register: its register entry (never its text)."""
    return site.memos.get(f"disposition-row/{d.id}", lambda: {
        "id": d.id, "url": site.href(urls.disposition(d)), "heading": heading(d), "title": d.title,
        "citation": d.citation, "number": d.number, "date": when(d.date), "issuer": d.issuer,
        "character": vocab.CHARACTERS.get(d.character, ""), "status": status_view(site, d),
        "summary": d.summary if d.text_public else "", "text_public": d.text_public,
    })


def by_year(rows: list[dict], key: str = "date") -> list[dict]:
    years: dict[int, list[dict]] = {}
    for r in rows:
        years.setdefault(int(r[key]["iso"][:4]) if r[key] else 0, []).append(r)
    return [{"year": year, "rows": found} for year, found in years.items()]


def years(site: SiteModel) -> list[int]:
    """The years with dispositions, newest first (part of the site map: kept between builds)."""
    return site.memos.get("disposition-years", lambda: sorted(
        {d.date.year for d in site.archive.dispositions.values() if d.date}, reverse=True), keep=True)


def page(site: SiteModel, d: Disposition) -> dict:
    rel = site.relations
    view = dict(row(site, d))
    others = site.archive.dispositions
    view.update({
        "body": site.body(d) if d.text_public else "",
        "withheld": "" if d.text_public else WITHHELD,
        "attachments": site.attachment_views(d.attachments) if d.text_public else [],
        "relations": [(label, [changed_link(site, others[i]) for i in ids]) for label, ids in (
            ("Modifică", rel.disposition_amends.get(d.id, ())), ("Abrogă", rel.disposition_repeals.get(d.id, ())),
            ("Modificată prin", rel.disposition_amended_by.get(d.id, ())),
            ("Abrogată prin", rel.disposition_repealed_by.get(d.id, ()))) if ids],
        "convenes": [Link(site.href(urls.meeting(m)), site.archive.meetings[m].title)
                     for m in rel.convenes.get(d.id, ())],
        "timeline": [entry_view(site, e) for e in timeline(site, d)],
        "deadlines": [{**x, "term": dispositions.TERMS.get(x["key"], x["term"])} for x in
                      site.deadline_views(dispositions.legal_deadlines(d, site.today, site.working_days))],
        "jsonld": jsonld(site, d),
    })
    return view


def entry_view(site: SiteModel, e: dispositions.Entry) -> dict:
    url = link_text = None
    note = e.note
    if e.source_type == "meeting":
        url, link_text, note = site.href(urls.meeting(e.source_id)), site.archive.meetings[e.source_id].title, ""
    elif e.source_type == "disposition":
        other = site.archive.dispositions[e.source_id]
        url, link_text, note = site.href(urls.disposition(other)), heading(other), other.title
    return {"date": when(e.date), "kind": e.kind, "label": e.label, "note": note, "url": url,
            "link_text": link_text, "link_prefix": "", "upcoming": e.date > site.today}


def jsonld(site: SiteModel, d: Disposition) -> str:
    s = status(site, d)
    address = site.absolute(urls.disposition(d))
    data = {
        "@context": "https://schema.org", "@type": "Legislation", "@id": address, "url": address,
        "name": f"{heading(d)} {d.title}", "inLanguage": "ro", "legislationType": "Dispoziție",
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": d.issuer or site.council.name},
        "legislationLegalForce": f"https://schema.org/{LEGAL_FORCE.get(s.code, 'NotInForce')}",
    }
    if d.citation:
        data.update(legislationIdentifier=d.citation, identifier=d.citation, legislationDate=d.date.isoformat())
    if d.summary and d.text_public:
        data["abstract"] = d.summary
    published = [e.date for e in d.events if e.event == "published" and e.date <= site.today]  # facts only
    if published:
        data["datePublished"] = min(published).isoformat()
    rel, others = site.relations, site.archive.dispositions
    changes = [*rel.disposition_amends.get(d.id, ()), *rel.disposition_repeals.get(d.id, ())]
    if changes:
        data["legislationChanges"] = [{"@id": site.absolute(urls.disposition(others[i]))} for i in changes]
    changed_by = [*rel.disposition_amended_by.get(d.id, ()), *rel.disposition_repealed_by.get(d.id, ())]
    if changed_by:
        data["@reverse"] = {"legislationChanges": [{"@id": site.absolute(urls.disposition(others[i]))}
                                                   for i in changed_by]}
    return script_json(data, indent=1)


def register(site: SiteModel) -> list[dict]:
    """Registrul pentru evidența dispozițiilor autorității executive: by year and number, newest first."""
    return [{**row(site, d), "sent_to_prefect": when(_first(d, "sent-to-prefect")),
             "published": when(_first(d, "published")), "communicated": when(_first(d, "communicated"))}
            for d in sorted(site.archive.dispositions.values(), key=lambda d: (d.date or dt.date.min, d.number or 0),
                            reverse=True)]


def _first(d: Disposition, kind: str) -> dt.date | None:
    days = [e.date for e in d.events if e.event == kind]
    return min(days) if days else None


def activity(site: SiteModel) -> list[tuple]:
    """(entry, row, "disposition", None) of every disposition timeline entry up to the build day:
    listings.activity makes the view of those it shows (mol.entry_view)."""
    found = []
    for d in site.archive.dispositions.values():
        entry_row = None
        for e in timeline(site, d):
            if e.date > site.today:
                continue
            entry_row = entry_row or {"url": site.href(urls.disposition(d)), "heading": heading(d), "title": d.title}
            found.append((e, entry_row, "disposition", None))
    return found


# --- the other documents ------------------------------------------------------------------------

# The statuses of an approving decision that a list of what it approved must say: the text no longer
# applies as approved (a regulation repealed with its decision, suspended, annulled, or changed since).
NOT_AS_APPROVED = frozenset({"amended", "repealed", "suspended", "annulled"})


def approval(site: SiteModel, decision_id: str | None) -> dict:
    """The decision that approved a document, and its status when the text no longer applies as approved."""
    if not decision_id:
        return {"decision": None, "decision_status": None}
    code = site.status[decision_id].code
    return {"decision": site.decision_link(decision_id),
            "decision_status": vocab.PUBLIC_STATUSES[code].lower() if code in NOT_AS_APPROVED else None}


def publication_row(site: SiteModel, p: Publication) -> dict:
    return {"id": p.id, "url": site.href(urls.publication(p.id)), "title": p.title, "date": when(p.date),
            "kind": vocab.PUBLICATION_KINDS.get(p.kind, ""), "summary": p.summary,
            **approval(site, site.relations.publication_decision.get(p.id)), "annex": None}


def publication_page(site: SiteModel, p: Publication) -> dict:
    view = publication_row(site, p)
    decision_id = site.relations.publication_decision.get(p.id)
    view.update({"body": site.body(p), "attachments": site.attachment_views(p.attachments),
                 "decision_status": site.status_view(site.archive.decisions[decision_id]) if decision_id else None,
                 "section": Link(site.href(MOL + SECTION_OF_KIND[p.kind]), SECTIONS[SECTION_OF_KIND[p.kind]][0])
                 if p.kind in SECTION_OF_KIND else None})
    return view


def publications_newest_first(site: SiteModel) -> list[Publication]:
    return sorted(site.archive.publications.values(), key=lambda p: (p.date or dt.date.min, p.id), reverse=True)


def regulation_annexes(site: SiteModel) -> list[dict]:
    """The regulations approved as an annex to an adopted decision, as rows of the regulations
    section, each marked as a decision's annex: an attachment whose title names a regulation, or an
    annex written in the decision's text whose heading does (the staff guide's „## Anexa nr. 1 –
    Regulamentul …”), linked to the decision's page, or to its consolidated text when it has one."""
    rows = []
    for d in site.adopted:
        for a in d.attachments:
            if names_a_regulation(a.title):
                rows.append({"id": f"{d.id}/{a.source}", "url": site.href(urls.attachment(a.source)), "title": a.title,
                             "date": when(d.adopted), "kind": "Regulament (anexă la hotărâre)", "summary": "",
                             **approval(site, d.id), "annex": a.extension})
        written = [heading for heading in d.annexes if names_a_regulation(heading)]
        if written:
            url = consolidated.link(site, d)
            for index, heading in enumerate(written, start=1):
                rows.append({"id": f"{d.id}/anexa-{index}", "url": url["url"] if url else site.href(urls.decision(d)),
                             "title": heading, "date": when(d.adopted), "kind": "Regulament (anexă la hotărâre)",
                             "summary": "", **approval(site, d.id), "annex": "în textul hotărârii"})
    return rows


def names_a_regulation(title: str) -> bool:
    return "regulament" in fold(title).casefold()


# --- the Monitorul Oficial Local ------------------------------------------------------------------

def section(site: SiteModel, path: str) -> dict:
    """The view of the section at `path` (a key of SECTIONS): its documents newest first, by year.
    One memo per section, so that each section's page reads its own documents only (a decision's
    title edited makes the decisions' section again, not the statute's or the budget's)."""
    def make():
        title, description = SECTIONS[path][0], described(site, path)
        rows = [publication_row(site, p) for p in publications_newest_first(site)
                if SECTION_OF_KIND.get(p.kind, "alte-documente/") == path]
        annexes = regulation_annexes(site) if path == "regulamente/" else []
        if annexes:
            rows = sorted(rows + annexes, key=lambda r: (r["date"]["iso"] if r["date"] else "", r["id"]), reverse=True)
        view = {"path": MOL + path, "url": site.href(MOL + path), "title": title, "description": description,
                "groups": by_year(rows), "count": len(rows), "dispositions": [], "decisions": [], "registers": []}
        if path == "hotarari/":  # the decisions by year of adoption, by id: each item is kept HTML (SiteModel.listed)
            view.update(decisions=[{"year": year, "rows": site.listed(site.adopted_in(year))} for year in site.years()],
                        count=len(site.adopted), registers=[
                Link(site.href("registre/hotarari/"), "Registrul pentru evidența hotărârilor"),
                Link(site.href("registre/proiecte/"), "Registrul pentru evidența proiectelor de hotărâri")])
        if path == "dispozitii/":
            dispositions = [row(site, d) for d in ordered(site)]
            view.update(dispositions=by_year(dispositions), count=len(dispositions), registers=[
                Link(site.href("registre/dispozitii/"), "Registrul pentru evidența dispozițiilor")])
        if path == "alte-documente/":  # what Anexa 1 lists there that the site holds as other pages and files
            minutes = meeting_minutes(site)
            view.update(minutes=minutes, count=view["count"] + len(minutes), registers=[
                Link(site.href("proiecte/"), "Proiectele de hotărâri și starea fiecăruia"),
                Link(site.href("consultari/"), "Consultările publice ale proiectelor cu caracter normativ"),
                Link(site.href("sedinte/"), "Problemele de interes public care urmează să fie dezbătute",
                     "ședințele consiliului și ordinea lor de zi")])
        view["count_text"] = count(view["count"], "document", "documente")
        return view
    return site.memos.get(f"mol-section/{path}", make)


def meeting_minutes(site: SiteModel) -> list[dict]:
    """The minutes (procese-verbale) of the council's meetings, newest first: Anexa 1 lists them
    among the other documents of the Monitorul Oficial Local."""
    return [{"meeting": Link(site.href(urls.meeting(m.id)), m.title, date=said_day(m)),
             "file": site.attachment_views([m.minutes])[0]}
            for m in site.meetings_newest_first if m.minutes]


def said_day(m) -> dict | None:
    """The meeting's day as shown after its title, unless the title says it („Ședința ordinară din …”)."""
    day = when(m.start.date() if m.start else None)
    return None if day is None or day["text"] in m.title else day


def described(site: SiteModel, path: str) -> str:
    """What the section at `path` holds, in the council's words."""
    a = site.authority
    return SECTIONS[path][1].format(statute=a.statute, decisions_of=a.decisions_of, dispositions_of=a.dispositions_of)


def section_counts(site: SiteModel) -> list[dict]:
    """What the index shows of each section: its address, title and description, and how many
    documents it holds (as `section` counts them), without the rows. Its own memo, for the
    dependency map: a title edited changes a section's rows, not its count, so this memo comes out
    the same and the index is not made again (it read every section's rows: 0.11 s a rebuild at
    10,000 documents)."""
    def make():
        counted = dict.fromkeys(SECTIONS, 0)
        for p in site.archive.publications.values():
            counted[SECTION_OF_KIND.get(p.kind, "alte-documente/")] += 1
        counted["regulamente/"] += sum(1 for d in site.adopted
                                       for title in (*(a.title for a in d.attachments), *d.annexes)
                                       if names_a_regulation(title))
        counted["alte-documente/"] += sum(1 for m in site.archive.meetings.values() if m.minutes)
        counted["hotarari/"] = len(site.adopted)
        counted["dispozitii/"] = len(site.archive.dispositions)
        return [{"url": site.href(MOL + path), "title": title, "description": described(site, path),
                 "count_text": count(counted[path], "document", "documente")}
                for path, (title, _) in SECTIONS.items()]
    return site.memos.get("mol-section-counts", make)


# --- pages (publish/routes.py passes its Route class: this layer does not import it) ----------------

def own_routes(site: SiteModel, doc, route) -> list:
    if doc.type == "disposition":
        return [route(urls.disposition(doc), "disposition.html", doc.title, lambda: {
            "d": page(site, doc), "page_title": f"{heading(doc)} {doc.title}", "crumb": heading(doc)}, doc)]
    return [route(urls.publication(doc.id), "publication.html", doc.title,
                  lambda: {"p": publication_page(site, doc), "page_title": doc.title}, doc)]


def listing_routes(site: SiteModel, route) -> list:
    def section_page(path: str) -> dict:
        view = section(site, path)
        return {"section": view, "page_title": view["title"]}

    found = [
        route("dispozitii/", "dispositions.html", site.authority.dispositions, lambda: {
            "whose": site.authority.dispositions_of,
            "years": [{"year": y, "url": site.href(f"dispozitii/{y}/")} for y in years(site)],
            "groups": by_year([row(site, d) for d in ordered(site)])}),
        route("documente/", "publications.html", "Documente publicate în Monitorul Oficial Local", lambda: {
            "groups": by_year([publication_row(site, p) for p in publications_newest_first(site)])}),
        route("registre/dispozitii/", "register_dispositions.html", "Registrul pentru evidența dispozițiilor",
              lambda: {"rows": register(site)}),
        route(MOL, "mol.html", "Monitorul Oficial Local", lambda: {"sections": section_counts(site)}),
    ]
    for y in years(site):
        found.append(route(f"dispozitii/{y}/", "dispositions.html", f"Dispoziții emise în {y}", lambda y=y: {
            "whose": site.authority.dispositions_of, "year": y,
            "years": [{"year": x, "url": site.href(f"dispozitii/{x}/"), "current": x == y} for x in years(site)],
            "groups": by_year([row(site, d) for d in ordered(site) if d.date and d.date.year == y])}))
    for path, (title, _) in SECTIONS.items():
        found.append(route(MOL + path, "mol_section.html", title, lambda path=path: section_page(path)))
    return found
