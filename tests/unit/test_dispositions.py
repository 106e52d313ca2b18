"""Dispositions and the Monitorul Oficial Local's documents: every contract rule on fixtures (each
reported with its file and line), relations both ways, the meeting a disposition convenes, public
statuses and timelines, and what an individual disposition without `publish_text` exposes."""

import datetime as dt

import pytest

from support.trees import check_with, found
from transparency.domain import dispositions
from transparency.publish import routes
from transparency.site import mol
from transparency.site.views import SiteModel

DISPOSITION = """---
title: {title}
number: {number}
date: {date}
issuer: Președintele Consiliului Județean
{extra}---
Textul dispoziției {number}: Ion Ionescu-Lăcătuș primește atribuțiile.
"""
DOCUMENT = """---
title: Bugetul pe 2025
kind: {kind}
date: 2025-03-27
{extra}---
Tabelul bugetului.
"""


def disposition(file: str, number, date="2025-03-20", extra="", title="privind ceva") -> dict:
    return {f"dispozitii/{file}.md": DISPOSITION.format(number=number, date=date, extra=extra, title=title)}


def errors(checked) -> list:
    return [(p.path.split("content/", 1)[-1], p.line, p.field, p.message)
            for p in checked.problems.items if p.severity == "error"]


def test_valid_dispositions_and_documents_are_read(tmp_path):
    checked = check_with(tmp_path, {**disposition("dp-12", 12), **disposition("dp-13", 13, "2025-04-01",
                                    "amends: [12/2025]\n"),
                                    "documente/buget.md": DOCUMENT.format(kind="budget", extra="decision: 5/2025\n")})
    assert errors(checked) == []
    assert set(checked.archive.dispositions) == {"dp-12", "dp-13"}
    assert checked.archive.publications["buget"].kind == "budget"


@pytest.mark.parametrize("extra, field, line, words", [
    ("character: individuala\n", "character", 6, "valoare necunoscută „individuala”"),
    ("publish_text: da\n", "publish_text", 6, "se aștepta „true” (da) sau „false” (nu)"),
    ("events:\n  - {date: 2025-03-21, event: postponed}\n", "events", 7, "nu se aplică unei dispoziții"),
    ("events:\n  - {date: 2025-03-19, event: published}\n", "events", 7, "înaintea emiterii dispoziției (2025-03-20)"),
    ("events:\n  - {date: 2025-03-21, event: suspension-lifted}\n", "events", 7, "nicio suspendare („suspended”)"),
    ("numar: 3\n", "numar", 6, "câmp necunoscut"),
    ("amends: [99/2025]\n", "amends", 6, "nu există nicio dispoziție cu numărul 99/2025"),
    ("repeals: [dp-lipsa]\n", "repeals", 6, "nu există nicio dispoziție cu id-ul „dp-lipsa”"),
    ("amends: [12/2025]\n", "amends", 6, "dispoziția se referă la ea însăși"),
])
def test_each_rule_names_the_file_and_line(tmp_path, extra, field, line, words):
    checked = check_with(tmp_path, disposition("dp-12", 12, extra=extra))
    [(path, at, _, message)] = [e for e in errors(checked) if e[2] == field]
    assert (path, at) == ("dispozitii/dp-12.md", line) and words in message, message


def test_number_and_date_are_required(tmp_path):
    text = DISPOSITION.format(number=1, date="2025-01-01", extra="", title="x").replace("number: 1\n", "")
    checked = check_with(tmp_path, {"dispozitii/dp-x.md": text.replace("date: 2025-01-01\n", "")})
    assert {(e[2], e[1]) for e in errors(checked)} == {("number", 2), ("date", 2)}  # the front matter's first line


def test_a_number_is_given_once_a_year(tmp_path):
    checked = check_with(tmp_path, {**disposition("dp-a", 7), **disposition("dp-b", 7, "2025-05-05"),
                                    **disposition("dp-c", 7, "2026-01-05")})
    [number] = [p for p in checked.problems.items if p.field == "number"]
    assert number.path.endswith("dispozitii/dp-b.md")
    assert number.line == 3 and "dp-a" in number.message and "numerotarea reîncepe" in number.expected
    # The number is the problem, said once: not also the address it would share (a file to rename).
    assert [e[2] for e in errors(checked)] == ["number"]


def test_only_an_earlier_disposition_can_be_amended(tmp_path):
    checked = check_with(tmp_path, {**disposition("dp-vechi", 4, "2025-01-10", "amends: [Dispoziția nr. 9/2025]\n"),
                                    **disposition("dp-nou", 9, "2025-02-10")})
    [(path, line, field, message)] = errors(checked)
    assert (path, line, field) == ("dispozitii/dp-vechi.md", 6, "amends")
    assert "nu este emisă înaintea" in message and "2025-02-10" in message


def test_individual_disposition_without_publish_text_may_not_attach_files(tmp_path):
    files = {**disposition("dp-ind", 3, extra="character: individual\nsummary: Numirea lui Ion\n"
                           "attachments:\n  - {file: anexa.pdf, title: Anexa}\n"),
             "dispozitii/anexa.pdf": "%PDF-1.4\n"}
    checked = check_with(tmp_path, files)
    assert [(e[1], e[2]) for e in errors(checked) if e[2] == "attachments"] == [(8, "attachments")]
    [(path, line, severity, message)] = found(checked, "summary")
    assert (path, line, severity) == ("dispozitii/dp-ind.md", 7, "warning") and "nu se publică" in message


def test_document_rules(tmp_path):
    checked = check_with(tmp_path, {"documente/a.md": DOCUMENT.format(kind="budjet", extra=""),
                                    "documente/b.md": DOCUMENT.format(kind="regulation", extra="decision: 77/2025\n"),
                                    "documente/c.md": DOCUMENT.format(kind="other", extra="decision: proiect-parcari\n")})
    assert sorted((e[0], e[1], e[2]) for e in errors(checked)) == [
        ("documente/a.md", 3, "kind"), ("documente/b.md", 5, "decision"), ("documente/c.md", 5, "decision")]


def test_a_convening_disposition_after_its_meeting_is_an_error(tmp_path):
    checked = check_with(tmp_path, disposition("dp-12", 12, "2025-03-28"))
    [(path, line, field, message)] = errors(checked)
    assert (path, line, field) == ("sedinte/sedinta-2025-03-27.md", 6, "convened_by")
    assert "2025-03-28" in message and "2025-03-27" in message


def test_citations_of_a_disposition():
    for written in ("12/2025", "Dispoziția nr. 12/2025", "Dispoziţia nr. 012/2025", "Dispozitia Presedintelui nr. 12/2025"):
        assert dispositions.citation_key(written) == "12/2025", written
    assert dispositions.citation_key("HCJ nr. 12/2025") is None


@pytest.fixture
def site(tmp_path):
    files = {
        **disposition("dp-12", 12, "2025-03-20", "events:\n  - {date: 2025-03-21, event: published}\n",
                      title="privind convocarea ședinței"),
        **disposition("dp-30", 30, "2025-04-10", "events:\n  - {date: 2025-04-11, event: published}\n"),
        **disposition("dp-31", 31, "2025-05-10", "amends: [30/2025]\n"
                      "events:\n  - {date: 2025-05-12, event: published}\n"),
        **disposition("dp-32", 32, "2025-06-10", "repeals: [dp-31]\n"),  # not yet published: not in force
        **disposition("dp-40", 40, "2025-07-01", "character: individual\nevents:\n"
                      "  - {date: 2025-07-02, event: communicated, note: Comunicată doamnei Ana Pop}\n",
                      title="privind numirea în funcție"),
        **disposition("dp-41", 41, "2025-07-02", "character: individual\npublish_text: true\n"),
        "documente/buget.md": DOCUMENT.format(kind="budget", extra="decision: 5/2025\n"),
    }
    checked = check_with(tmp_path, files)
    assert errors(checked) == []
    return SiteModel(checked, dt.date(2025, 11, 25), "https://example.test")


def test_relations_both_ways_and_the_meeting_convened(site):
    rel = site.checked.relations
    assert rel.disposition_amends == {"dp-31": ("dp-30",)} and rel.disposition_amended_by == {"dp-30": ("dp-31",)}
    assert rel.disposition_repeals == {"dp-32": ("dp-31",)} and rel.disposition_repealed_by == {"dp-31": ("dp-32",)}
    assert rel.convening_disposition == {"sedinta-2025-03-27": "dp-12"}
    assert rel.convenes == {"dp-12": ("sedinta-2025-03-27",)}
    assert rel.publication_decision == {"buget": "buget-2025"} and rel.publications_of == {"buget-2025": ("buget",)}


def test_statuses(site):
    status = {i: mol.status(site, d).code for i, d in site.archive.dispositions.items()}
    assert status == {"dp-12": "in-force", "dp-30": "amended", "dp-31": "in-force", "dp-32": "adopted",
                      "dp-40": "in-force", "dp-41": "adopted"}
    # a repeal counts from the day the repealing disposition takes effect, not from its issue
    assert mol.status(site, site.archive.dispositions["dp-30"]).since == dt.date(2025, 5, 12)


def test_timeline(site):
    kinds = [(e.date.isoformat(), e.kind, e.source_id) for e in mol.timeline(site, site.archive.dispositions["dp-31"])]
    assert kinds == [("2025-05-10", "issued", ""), ("2025-05-12", "published", ""),
                     ("2025-06-10", "repeal-issued", "dp-32")]
    convening = mol.timeline(site, site.archive.dispositions["dp-12"])
    assert ("convenes", "sedinta-2025-03-27") in [(e.kind, e.source_id) for e in convening]


def test_an_individual_disposition_shows_its_register_entry_only(site):
    pages = {r.path: r for r in routes.all_routes(site)}
    withheld = pages["dispozitii/2025/40/"].make()["d"]
    assert withheld["body"] == "" and withheld["attachments"] == [] and withheld["withheld"]
    assert all("Ana Pop" not in str(e) for e in withheld["timeline"])  # event notes may name the person
    assert "Ionescu" not in str(withheld)
    published = pages["dispozitii/2025/41/"].make()["d"]
    assert "Ionescu" in published["body"] and not published["withheld"]
    meeting = pages["sedinte/sedinta-2025-03-27/"].make()["m"]
    assert meeting["convened_by"] == '<a href="/dispozitii/2025/12/">Dispoziția nr. 12/2025</a>'
    decision = pages["hotarari/2025/5/"].make()["d"]
    assert [link.url for link in decision["publications"]] == ["/documente/buget/"]


def test_legal_deadlines_of_a_disposition():
    from transparency.domain.deadlines import WorkingDays
    from transparency.domain.model import Disposition, Event

    def states(character, *events, today=dt.date(2025, 11, 25)):
        d = Disposition(id="dp", source="dispozitii/dp.md", title="x", number=1, date=dt.date(2025, 3, 20),
                        character=character, events=tuple(Event(day, kind) for day, kind in events))
        return {x.key: (x.state, x.due) for x in dispositions.legal_deadlines(d, today, WorkingDays())}

    # 10 working days after Thursday 20 March 2025: 3 April; published within 5 days of the prefect
    assert states("normative", (dt.date(2025, 3, 21), "sent-to-prefect"), (dt.date(2025, 3, 24), "published")) == {
        "prefect": ("met", dt.date(2025, 4, 3)), "publication": ("met", dt.date(2025, 3, 26))}
    assert states("individual", (dt.date(2025, 4, 10), "sent-to-prefect"), (dt.date(2025, 4, 20), "communicated")) == {
        "prefect": ("missed", dt.date(2025, 4, 3)), "publication": ("missed", dt.date(2025, 4, 15))}
    assert states("normative", today=dt.date(2025, 3, 25)) == {
        "prefect": ("pending", dt.date(2025, 4, 3)), "publication": ("pending", None)}
    assert states("normative")["prefect"] == ("unknown", dt.date(2025, 4, 3))
    # facts dated after the build day have not happened: still pending on 28 March, not missed
    assert states("normative", (dt.date(2025, 4, 1), "sent-to-prefect"), (dt.date(2025, 4, 4), "published"),
                  today=dt.date(2025, 3, 28)) == {"prefect": ("pending", dt.date(2025, 4, 3)),
                                                 "publication": ("pending", None)}


def test_the_disposition_page_lists_its_deadlines(site):
    page = routes_by_path(site)["dispozitii/2025/12/"].make()["d"]
    assert [(x["key"], x["met"]) for x in page["deadlines"]] == [("prefect", "unknown"), ("publication", "unknown")]
    assert "de la emitere" in page["deadlines"][0]["term"]


def routes_by_path(site):
    return {r.path: r for r in routes.all_routes(site)}


def test_a_disposition_after_the_build_day_and_a_missed_deadline(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764064800")  # 25 November 2025
    checked = check_with(tmp_path, {
        **disposition("dp-viitor", 50, "2025-12-01"),
        **disposition("dp-tarziu", 51, "2025-06-02", "events:\n  - {date: 2025-07-01, event: sent-to-prefect}\n")})
    assert [(e[0], e[1], e[2]) for e in errors(checked)] == [("dispozitii/dp-viitor.md", 4, "date")]
    [late] = [p for p in checked.problems.items if p.field == "prefect"]
    assert (late.path.endswith("dispozitii/dp-tarziu.md"), late.line, late.severity) == (True, 7, "notice")
    # ten working days after Monday 2 June 2025, Whit Monday (9 June) not counted: 17 June
    assert "termenul era 2025-06-17" in late.message and "de la emitere" in late.message


def test_the_cnp_guard_applies_to_dispositions_withheld_or_not(tmp_path):
    from support import cnp

    code = cnp.make(dt.date(1980, 5, 17), "12", 345, female=True)
    text = DISPOSITION.format(number=3, date="2025-03-20", extra="character: individual\n", title="privind numirea")
    checked = check_with(tmp_path, {"dispozitii/dp-cnp.md": text + f"CNP {code}\n",
                                    "documente/doc-cnp.md": DOCUMENT.format(kind="other", extra="") + f"{code}\n"})
    flagged = {p.path.rsplit("/", 1)[-1] for p in checked.problems.items if p.severity == "error" and p.field == "CNP"}
    assert flagged == {"dp-cnp.md", "doc-cnp.md"}
    allowed = text.replace("character: individual\n", f"character: individual\nallow_cnp: ['{code}']\n")
    assert errors(check_with(tmp_path / "again", {"dispozitii/dp-cnp.md": allowed + f"CNP {code}\n"})) == []


def test_publish_text_on_a_normative_disposition_is_a_warning(tmp_path):
    checked = check_with(tmp_path, disposition("dp-n", 4, extra="publish_text: true\n"))
    [(path, line, severity, message)] = found(checked, "publish_text")
    assert (path, line, severity) == ("dispozitii/dp-n.md", 6, "warning") and "normative" in message


def test_a_document_needs_its_kind_and_date(tmp_path):
    text = DOCUMENT.format(kind="budget", extra="").replace("kind: budget\n", "").replace("date: 2025-03-27\n", "")
    checked = check_with(tmp_path, {"documente/fara.md": text})
    assert sorted((e[2], e[3]) for e in errors(checked)) == [
        ("date", "lipsește câmpul obligatoriu „date”"), ("kind", "lipsește câmpul obligatoriu „kind”")]


def test_a_meeting_convened_on_another_day_than_its_disposition_is_a_warning(tmp_path):
    check_with(tmp_path, disposition("dp-12", 12, "2025-03-20"))  # the fixture copied, then its meeting edited
    meeting = (tmp_path / "content" / "sedinte" / "sedinta-2025-03-27.md")
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("place: Sala mare\n",
                       "place: Sala mare\nconvened: 2025-03-19\n"), encoding="utf-8")
    from transparency.source import pipeline

    checked = pipeline.check(tmp_path / "content")
    [(path, line, severity, message)] = found(checked, "convened")
    assert (path, line, severity) == ("sedinte/sedinta-2025-03-27.md", 6, "warning")
    assert "2025-03-19" in message and "2025-03-20" in message


def test_a_repeal_by_a_disposition_a_court_annulled_no_longer_stands(tmp_path):
    published = "events:\n  - {date: 2025-01-12, event: published}\n"
    checked = check_with(tmp_path, {
        **disposition("dp-a", 1, "2025-01-10", published),
        **disposition("dp-b", 2, "2025-02-10", "repeals: [Dispoziția nr. 1/2025]\nevents:\n"
                      "  - {date: 2025-02-12, event: published}\n  - {date: 2025-03-01, event: annulled}\n")})
    assert not errors(checked)
    a = checked.archive.dispositions["dp-a"]

    def status_on(day):
        return dispositions.public_status(a, checked.relations, checked.archive, day).code
    assert [status_on(dt.date(2025, 2, 11)), status_on(dt.date(2025, 2, 12)), status_on(dt.date(2025, 3, 1))] == \
        ["in-force", "repealed", "in-force"]


def test_a_document_approved_by_a_decision_changed_since_says_so_in_the_lists(tmp_path):
    """5/2025 (the budget) was amended by 40/2025 from 30 June; 40/2025 itself is in force."""
    checked = check_with(tmp_path, {
        "documente/buget.md": DOCUMENT.format(kind="budget", extra="decision: 5/2025\n"),
        "documente/rectificare.md": DOCUMENT.format(kind="budget", extra="decision: 40/2025\n"),
        "documente/statut.md": DOCUMENT.format(kind="statute", extra="")})
    assert errors(checked) == []
    site = SiteModel(checked, dt.date(2025, 11, 25), "https://example.test")
    said = {i: mol.publication_row(site, p)["decision_status"] for i, p in site.archive.publications.items()}
    assert said == {"buget": "modificată", "rectificare": None, "statut": None}


def test_an_issued_disposition_says_when_it_takes_effect_as_a_decision_does(tmp_path):
    """Issued, not yet in force: the status says the day it takes effect when recorded („; intră în
    vigoare la …”, as a decision's), never its issue day again (the lists and the page say that)."""
    checked = check_with(tmp_path, {
        **disposition("dp-later", 7, "2025-11-20", "events:\n  - {date: 2026-01-01, event: in-force}\n"),
        **disposition("dp-waiting", 8, "2025-11-21")})
    assert errors(checked) == []
    site = SiteModel(checked, dt.date(2025, 11, 25), "https://example.test")
    later, waiting = (mol.status_view(site, site.archive.dispositions[i]) for i in ("dp-later", "dp-waiting"))
    assert (later["code"], later["until"]["iso"], later["since"]) == ("adopted", "2026-01-01", None)
    assert (waiting["code"], waiting["until"], waiting["since"]) == ("adopted", None, None)
    assert (waiting["label"], waiting["list_label"]) == ("Emisă, nu este încă în vigoare", "Nu este încă în vigoare")
