"""What the site makes searchable (fields, filters, records) and the search page's context."""

import datetime as dt

import pytest

from support import trees
from transparency import pipeline, search_site
from transparency.views import SiteModel


@pytest.fixture(scope="module")
def site():
    checked = pipeline.check(trees.FIXTURES / "minimal")
    assert not checked.problems.errors
    return SiteModel(checked, dt.date(2025, 11, 25), "https://example.test/cj")


@pytest.fixture(scope="module")
def documents(site):
    return {d.url: d for d in search_site.documents(site)}


def test_every_published_document_is_searchable(site, documents):
    a = site.archive
    assert len(documents) == len(a.decisions) + len(a.reports) + len(a.meetings) + len(a.pages)
    assert all(url.startswith("/cj/") for url in documents)


def test_an_adopted_decision_has_its_citation_votes_topics_and_filters(documents):
    d = documents["/cj/hotarari/2025/5/"]
    assert d.citation == "5/2025" and d.title.startswith("Hotărârea nr. 5/2025 privind")
    assert d.text["citation"] == "5/2025 5"
    assert d.text["names"] == "Dan Stan"  # the nominal vote
    assert "Comisia de buget-finanțe" in d.text["topics"] and "buget" in d.text["topics"]
    assert "Anexa 1 – Bugetul general" in d.text["body"]  # attachment titles, not their contents
    assert "Hotărârea nr. 5/2025" in d.text["type"] and "Modificată" in d.text["type"]  # by 40/2025
    assert d.facets == {"tip": ("hotarare",), "stare": ("amended",), "tema": ("buget",), "comisie": ("buget",),
                        "an": ("2025",)}
    assert (d.date, d.status, d.status_label) == ("2025-03-27", "amended", "Modificată")
    assert d.excerpt == "Stabilește veniturile și cheltuielile județului pentru 2025."


def test_a_draft_in_consultation_is_a_project(documents):
    d = next(doc for url, doc in documents.items() if url.startswith("/cj/proiecte/proiect-parcari"))
    assert d.facets["tip"] == ("proiect",) and d.facets["stare"] == ("in-consultation",)
    assert d.citation == "" and d.text["citation"] == ""
    assert d.excerpt == "Proiect supus consultării publice."  # no summary: the start of the body


def test_reports_take_the_topics_and_committees_of_their_decision(documents):
    r = documents["/cj/rapoarte/aviz-buget-2025/"]
    assert r.facets["tip"] == ("raport",) and r.facets["tema"] == ("buget",) and r.facets["comisie"] == ("buget",)
    assert r.type_label == "Aviz de comisie" and "favorabil" in r.text["type"]


def test_meetings_are_found_by_their_agenda(documents):
    m = documents["/cj/sedinte/sedinta-2025-03-27/"]
    assert "privind aprobarea bugetului județului pe anul 2025" in m.text["body"]
    assert "Întrebări și interpelări" in m.text["body"] and "Sala mare" in m.text["body"]
    assert m.type_label == "Ședință ordinară" and m.facets == {"tip": ("sedinta",), "an": ("2025",)}


def test_excerpts_are_cut_at_a_word():
    text = "cuvânt " * 100
    cut = search_site.excerpt("", text)
    assert len(cut) <= search_site.EXCERPT + 2 and cut.endswith(" …") and "cuvân …" not in cut
    assert search_site.plain("<p>A &amp; B</p>\n<ul><li>C</li></ul>") == "A & B C"


def test_the_page_lists_filters_and_feeds_that_exist(site):
    view = search_site.page(site, {"hotarari": "/cj/feeds/hotarari.atom", "teme/buget": "/cj/feeds/teme/buget.atom"})
    assert view["index_url"] == "/cj/cautare/index/"
    filters = {f["name"]: f for f in view["filters"]}
    assert list(filters) == ["tip", "an", "stare", "tema", "comisie"]
    tip = {o["value"]: o["feed"] for o in filters["tip"]["options"]}
    assert tip["hotarare"] == "/cj/feeds/hotarari.atom" and tip["raport"] == ""  # no such feed given
    assert [o["value"] for o in filters["an"]["options"]] == ["2025"]
    assert {o["value"]: o["feed"] for o in filters["tema"]["options"]} == {"buget": "/cj/feeds/teme/buget.atom"}
    assert [o["label"] for o in filters["comisie"]["options"]] == ["Comisia de buget-finanțe", "Comisia de urbanism"]
    assert all(link["url"].startswith("/cj/") for link in view["listings"])


def test_index_files_live_under_cautare(site):
    files = search_site.index_files(site)
    assert "cautare/index/manifest.json" in files
    assert all(path.startswith(search_site.INDEX_FOLDER) for path in files)
