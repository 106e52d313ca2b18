"""Open data exports: the whole record as JSON and CSV under /date/.

Deterministic bytes (sorted keys, compact separators, fixed column order),
so the same content always gives the same files. Each file is an output of its
own, and each decision's JSON item and CSV row are encoded once and kept
between builds (`EncodedDecision`): after an edit, the decisions' files are
joined from the kept bytes of every decision but the edited one, and /date/
learns their sizes the same way, instead of encoding every record twice.
Each record carries the permanent address of its page. A CSV cell that a
spreadsheet would read as a formula is neutralised as OWASP's "CSV Injection"
page recommends (the JSON keeps the text as written).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ..domain import amendments, deadlines, force, vocab
from ..domain import urls
from ..site import consolidated, mol
from ..site.views import SiteModel

# hotarari.csv's columns, in order, each with what it holds as /date/ explains it (the same keys, with
# the same values, are in hotarari.json, which holds more; the vote's four are under its key "vote").
COLUMN_MEANINGS = {
    "id": "identificatorul documentului: numele fișierului sursă, fără .md; nu se schimbă la adoptare",
    "citation": "NUMĂR/AN al hotărârii adoptate; gol la un proiect",
    "number": "numărul din registrul hotărârilor",
    "year": "anul adoptării, în care începe numerotarea",
    "title": "titlul, de obicei începând cu „privind”",
    "written_status": "starea scrisă de personal: draft (proiect), adopted, rejected, withdrawn",
    "public_status": "starea publică la data actualizării: draft, in-consultation, in-force, adopted (adoptată, "
                     "nu încă în vigoare), amended, repealed, suspended, annulled, rejected, withdrawn",
    "character": "normative sau individual (Codul administrativ, art. 196)",
    "entry_into_force": "data intrării în vigoare, când faptele o arată (AAAA-LL-ZZ)",
    "registered": "data înregistrării proiectului (AAAA-LL-ZZ)",
    "adopted": "data adoptării, ziua ședinței care a adoptat hotărârea (AAAA-LL-ZZ); goală pentru un proiect "
               "respins, retras sau încă nevotat (ședința în care s-a votat un proiect respins: coloana meeting)",
    "initiator": "inițiatorul proiectului",
    "majority": "majoritatea cerută: simple, absolute, two-thirds",
    "present": "consilieri prezenți la vot",
    "for": "voturi pentru",
    "against": "voturi împotrivă",
    "abstain": "abțineri",
    "meeting": "identificatorul ședinței în care s-a votat (în sedinte.json)",
    "topics": "temele, așa cum sunt scrise în document (aceeași temă poate apărea scrisă în mai multe feluri: "
              "pentru grupări folosiți topic_slugs), separate prin „; ”",
    "committees": "comisiile de specialitate sesizate, separate prin „; ”",
    "amends": "identificatorii hotărârilor pe care le modifică, separați prin „; ”",
    "repeals": "identificatorii hotărârilor pe care le abrogă, separați prin „; ”",
    "amended_by": "identificatorii hotărârilor care o modifică, separați prin „; ”",
    "repealed_by": "identificatorii hotărârilor care o abrogă, separați prin „; ”",
    "url": "adresa permanentă a paginii",
    # Columns added later come after the others, so that a program reading the columns by position
    # keeps reading them.
    "topic_slugs": "temele, fiecare o dată, cum le identifică site-ul (adresa /teme/IDENTIFICATOR/): scrierile "
                   "care diferă doar prin majuscule, cratime sau diacritice (ş sau ș, ţ sau ț, ori fără) sunt "
                   "aceeași temă, deci aici aceeași valoare, bună pentru grupări; denumirea afișată a fiecărei "
                   "teme este în consiliu.json, la cheia topics; separate prin „; ”",
}
CSV_COLUMNS = tuple(COLUMN_MEANINGS)
VOTE_KEY = "vote"
VOTE_COLUMNS = ("present", "for", "against", "abstain")  # hotarari.json: record["vote"][column]


def json_place(column: str) -> str:
    """Where a column of hotarari.csv is in each record of hotarari.json, as /date/ names it."""
    return f"{VOTE_KEY}.{column}" if column in VOTE_COLUMNS else column
LIST_SEPARATOR = "; "  # between the items of a list in one cell; hotarari.json keeps each list as a list


def _iso(day):
    return day.isoformat() if day else None


def attachment_records(site: SiteModel, attachments) -> list[dict]:
    """A document's attachments, one shape in every file: title, permanent address, size in bytes."""
    return [{"title": a.title, "url": site.absolute(urls.attachment(a.source)), "bytes": a.size} for a in attachments]


def _deadlines(found) -> list[dict]:
    """Legal deadlines (domain/deadlines.py): key, state (met, missed, pending, unknown), due day, fact's day."""
    return [{"key": x.key, "state": x.state, "due": _iso(x.due), "fact": _iso(x.fact)} for x in found]


class EncodedDecision(NamedTuple):
    """A decision's record as its item of hotarari.json and its row of hotarari.csv."""

    json: bytes
    csv_row: bytes


def encoded_decisions(site: SiteModel) -> list[EncodedDecision]:
    """One per decision, in id order (each kept between builds while what it read is unchanged)."""
    return [site.memos.get(f"open-data/decision/{decision_id}", lambda d=d: encode(decision_record(site, d)),
                           keep=True)
            for decision_id, d in sorted(site.archive.decisions.items())]


def encode(record: dict) -> EncodedDecision:
    return EncodedDecision(to_json(record), csv_rows([csv_row(record)]))


def decision_record(site: SiteModel, d) -> dict:
    rel, status = site.relations, site.status[d.id]
    return {
        "id": d.id, "citation": d.citation or None, "number": d.number,
        "year": d.adopted.year if d.citation else None, "title": d.title, "summary": d.summary,
        "written_status": d.status, "public_status": status.code, "public_status_label": status.label,
        "character": d.character, "entry_into_force": _iso(force.entry_into_force(d)),
        "deadlines": _deadlines(deadlines.of_decision(d, rel, site.archive, site.today, site.working_days)),
        "registered": _iso(d.registered), "adopted": _iso(d.adopted), "initiator": d.initiator,
        "topics": list(d.topics), "topic_slugs": list(dict.fromkeys(urls.topic_slug(t) for t in d.topics)),
        "committees": list(d.committees), "majority": d.majority or None,
        "vote": {"present": d.vote.present, "for": d.vote.for_, "against": d.vote.against,
                 "abstain": d.vote.abstain} if d.vote else None,
        "nominal_vote": {"for": list(d.votes.for_), "against": list(d.votes.against),
                         "abstain": list(d.votes.abstain)} if d.votes else None,
        "consultation": {"opened": _iso(d.consultation.opened), "closes": _iso(d.consultation.closes),
                         "comments": d.consultation.comments, "accepted": d.consultation.accepted}
        if d.consultation else None,
        "meeting": rel.meeting_of.get(d.id),
        "amends": list(rel.amends.get(d.id, ())), "repeals": list(rel.repeals.get(d.id, ())),
        "amended_by": list(rel.amended_by.get(d.id, ())), "repealed_by": list(rel.repealed_by.get(d.id, ())),
        # The whole chain of changes (domain/amendments.py): direct ones and those of its amendments.
        "modifications": [{"act": m.act, "citation": site.archive.decisions[m.act].citation or None,
                           "adopted": _iso(site.archive.decisions[m.act].adopted), "direct": m.direct,
                           "relations": list(m.verbs),
                           "via": [{"relation": verb, "decision": target} for verb, target in m.via],
                           "changes": [{"unit": c.describe(), "action": c.action} for c in m.changes]}
                          for m in amendments.chain(d.id, site.archive, rel)],
        "reports": list(rel.reports_of.get(d.id, ())),
        "events": [{"date": e.date.isoformat(), "event": e.event, "note": e.note} for e in d.events],
        # `upcoming`: dated after the build day, a step still to come (the page says „urmează”)
        "timeline": [{"date": e.date.isoformat(), "kind": e.kind, "note": e.note,
                      "source": f"{e.source_type}:{e.source_id}" if e.source_type else None,
                      "upcoming": e.date > site.today}
                     for e in site.timelines[d.id]],
        "attachments": attachment_records(site, d.attachments),
        "url": site.absolute(urls.decision(d)),
        "changes": [{"decision": c.decision, "annex": c.annex or None, "article": c.article,
                     "paragraph": c.paragraph or None, "letter": c.letter or None, "action": c.action,
                     "text": c.text or None, "after": c.after or None} for c in d.changes],
        "consolidated": consolidated.open_data(site, d),  # the versions of its consolidated text
    }


def meeting_records(site: SiteModel) -> list[dict]:
    return [{
        "id": m.id, "title": m.title, "kind": m.kind, "start": m.start.isoformat(timespec="minutes") if m.start else None,
        "place": m.place, "convened_by": m.convened_by, "agenda_published": _iso(m.agenda_published),
        "agenda": [{"position": position, "decision": decision or None, "title": title or None}
                   for position, decision, title in site.relations.agenda.get(m.id, ())],
        "minutes": site.absolute(urls.attachment(m.minutes.source)) if m.minutes else None,
        "video": m.video or None, "url": site.absolute(urls.meeting(m.id)),
        "convened": _iso(m.convened), "public": m.public, "closed_reason": m.closed_reason or None,
        "deadlines": _deadlines(deadlines.meeting_deadlines(m, site.today)),
    } for m in sorted(site.archive.meetings.values(), key=lambda m: m.id)]


def report_records(site: SiteModel) -> list[dict]:
    return [{
        "id": r.id, "title": r.title, "kind": r.kind, "number": r.number or None, "date": _iso(r.date),
        "author": r.author or None, "committee": r.committee or None, "opinion": r.opinion or None,
        "decision": site.relations.decision_of_report.get(r.id), "attachments": attachment_records(site, r.attachments),
        "url": site.absolute(urls.report(r.id)),
    } for r in sorted(site.archive.reports.values(), key=lambda r: r.id)]


def disposition_records(site: SiteModel) -> list[dict]:
    """The dispositions; an individual one without `publish_text` by its register entry alone."""
    rel = site.relations
    records = []
    for d in sorted(site.archive.dispositions.values(), key=lambda d: d.id):
        status = mol.status(site, d)
        records.append({
            "id": d.id, "citation": d.citation or None, "number": d.number, "year": d.date.year if d.date else None,
            "date": _iso(d.date), "title": d.title, "issuer": d.issuer or None, "character": d.character,
            # the day the page's status gives („În vigoare din …”, „intră în vigoare la …”): one rule for both
            "entry_into_force": _iso(force.entry_into_force(d)),
            "text_published": d.text_public, "summary": (d.summary or None) if d.text_public else None,
            "public_status": status.code, "public_status_label": vocab.DISPOSITION_STATUSES[status.code],
            "amends": list(rel.disposition_amends.get(d.id, ())), "repeals": list(rel.disposition_repeals.get(d.id, ())),
            "amended_by": list(rel.disposition_amended_by.get(d.id, ())),
            "repealed_by": list(rel.disposition_repealed_by.get(d.id, ())),
            "convenes": list(rel.convenes.get(d.id, ())),
            "events": [{"date": e.date.isoformat(), "event": e.event, "note": e.note if d.text_public else ""}
                       for e in d.events],
            "attachments": attachment_records(site, d.attachments) if d.text_public else [],
            "url": site.absolute(urls.disposition(d)),
        })
    return records


def publication_records(site: SiteModel) -> list[dict]:
    return [{
        "id": p.id, "title": p.title, "kind": p.kind, "date": _iso(p.date), "summary": p.summary or None,
        "decision": site.relations.publication_decision.get(p.id),
        "attachments": attachment_records(site, p.attachments),
        "url": site.absolute(urls.publication(p.id)),
    } for p in sorted(site.archive.publications.values(), key=lambda p: p.id)]


def council_record(site: SiteModel) -> dict:
    c = site.council
    return {"name": c.name, "seats": c.seats,
            "contact": {"address": c.contact.address, "email": c.contact.email, "phone": c.contact.phone},
            "members": [{"name": m.name, "group": m.group, "role": m.role} for m in c.members],
            "committees": [{"slug": k.slug, "name": k.name} for k in c.committees],
            # every topic with a page, as /teme/ lists it: the slug of the decisions' `topic_slugs`, its label
            "topics": [{"slug": urls.topic_slug(t), "label": site.topic_label(t),
                        "url": site.absolute(urls.topic(t))} for t in site.topics()],
            "licence": {"name": c.licence.name, "url": c.licence.url},
            "vocabularies": {"public_status": vocab.PUBLIC_STATUSES, "events": vocab.EVENTS,
                             "report_kinds": vocab.REPORT_KINDS, "meeting_kinds": vocab.MEETING_KINDS,
                             "majorities": vocab.MAJORITIES}}


# A cell starting with one of these is a formula to Excel, LibreOffice Calc or Google Sheets (OWASP's
# list: equals, plus, minus, at, tab, carriage return, line feed); a leading single quote makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value) -> str:
    """One CSV cell: lists joined by LIST_SEPARATOR, None empty, text that could be a formula quoted."""
    text = LIST_SEPARATOR.join(value) if isinstance(value, list) else ("" if value is None else str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def json_list(items: list[bytes]) -> bytes:
    """The bytes `to_json` gives for the list of the values these are the JSON of."""
    return b"[" + b",".join(items) + b"]"


def csv_row(record: dict) -> list[str]:
    vote = record[VOTE_KEY] or {}
    row = {**record, **{column: vote.get(column) for column in VOTE_COLUMNS}}
    return [csv_cell(row[c]) for c in CSV_COLUMNS]


def csv_rows(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def csv_file(rows: list[bytes]) -> bytes:
    """hotarari.csv from its rows (`EncodedDecision.csv_row`); the BOM lets spreadsheet programs read the diacritics."""
    return codecs.BOM_UTF8 + csv_rows([list(CSV_COLUMNS)]) + b"".join(rows)


@dataclass(frozen=True)
class Dataset:
    """One file of /date/: its path in the site, how /date/ presents it, and its bytes."""

    path: str
    title: str
    description: str
    make: Callable[[SiteModel], bytes]


DATASETS = (
    Dataset("date/hotarari.json", "Hotărâri și proiecte (JSON)",
            "toate hotărârile și proiectele, cu votul, relațiile și istoricul",
            lambda site: json_list([e.json for e in encoded_decisions(site)])),
    Dataset("date/hotarari.csv", "Hotărâri și proiecte (CSV)",
            "un rând pe hotărâre sau proiect, cu câmpurile principale (coloanele mai jos), pentru programe de "
            "calcul tabelar; rezumatul, evenimentele, anexele, termenele, cronologia și textele consolidate sunt "
            "doar în JSON",
            lambda site: csv_file([e.csv_row for e in encoded_decisions(site)])),
    Dataset("date/sedinte.json", "Ședințe (JSON)", "ședințele cu ordinea de zi",
            lambda site: to_json(meeting_records(site))),
    Dataset("date/rapoarte.json", "Rapoarte și avize (JSON)",
            "rapoartele de specialitate, referatele și avizele, cu documentele atașate",
            lambda site: to_json(report_records(site))),
    Dataset("date/consiliu.json", "Consiliul (JSON)",
            "membrii, comisiile, temele (cu denumirea lor) și vocabularele folosite",
            lambda site: to_json(council_record(site))),
    Dataset("date/dispozitii.json", "Dispoziții (JSON)",
            "dispozițiile, cu starea, data intrării în vigoare și relațiile lor; cele cu caracter individual "
            "doar cu datele din registru",
            lambda site: to_json(disposition_records(site))),
    Dataset("date/documente.json", "Documente din Monitorul Oficial Local (JSON)",
            "statutul, regulamentele, bugetele și situațiile financiare, cu hotărârea care le-a aprobat",
            lambda site: to_json(publication_records(site))),
)


def sizes(site: SiteModel) -> dict[str, int]:
    """Each open-data file's size in bytes, for /date/ (each kept between builds while nothing it read changed)."""
    return {d.path: site.memos.get(f"open-data/size/{d.path}", lambda d=d: len(d.make(site)), keep=True)
            for d in DATASETS}


def files(site: SiteModel) -> list[tuple[str, bytes]]:
    return [(d.path, d.make(site)) for d in DATASETS]
