"""What the site makes searchable (fields, filters, records), the index kept between
builds (documents whose inputs did not change are not read again), the search page's context."""

import datetime as dt
import json
import pickle

import pytest

from support import trees
from transparency.search import search_index, search_site
from transparency.domain.authority import Authority
from transparency.source import markup, pipeline
from transparency.site.views import SiteModel


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
    assert shown(d) == "Stabilește veniturile și cheltuielile județului pentru 2025."
    assert "Se aprobă bugetul general" in d.body and "Se aprobă" not in d.text["body"]


def test_a_draft_in_consultation_is_a_project(documents):
    d = next(doc for url, doc in documents.items() if url.startswith("/cj/proiecte/proiect-parcari"))
    assert d.facets["tip"] == ("proiect",) and d.facets["stare"] == ("in-consultation",)
    assert d.citation == "" and d.text["citation"] == ""
    assert shown(d) == "Proiect supus consultării publice."  # no summary: the start of the body


def test_reports_take_the_topics_and_committees_of_their_decision(documents):
    r = documents["/cj/rapoarte/aviz-buget-2025/"]
    assert r.facets["tip"] == ("raport",) and r.facets["tema"] == ("buget",) and r.facets["comisie"] == ("buget",)
    assert r.type_label == "Aviz de comisie" and "favorabil" in r.text["type"]


def test_meetings_are_found_by_their_agenda(documents):
    m = documents["/cj/sedinte/sedinta-2025-03-27/"]
    assert "privind aprobarea bugetului județului pe anul 2025" in m.text["body"]
    assert "Întrebări și interpelări" in m.text["body"] and "Sala mare" in m.text["body"]
    assert m.type_label == "Ședință ordinară" and m.facets == {"tip": ("sedinta",), "an": ("2025",)}


def shown(document):
    """The excerpt a result shows."""
    return json.loads(search_index.analyse(document, search_index.Analyser()).record)["x"]


def test_body_html_reads_as_the_words_a_visitor_sees():
    html = "<p>Se aprobă <em>bu</em>getul; vezi HCJ nr. 5/2025.5 &amp; art. 2</p>\n<ul><li>A</li><li>B</li></ul>"
    visible = "Se aprobă bugetul; vezi HCJ nr. 5/2025.5 & art. 2 A B"
    assert search_index.terms(search_site.plain(html)) == search_index.terms(visible)
    assert "buget" in search_index.terms(visible) and "5/2025.5" in search_index.terms(visible)
    assert search_site.plain("<li>A</li><li>B</li>").split() == ["A", "B"]
    linked = markup.link_mentions(html, lambda citation: "/hotarari/2025/5/", Authority())
    assert linked != html and search_site.plain(linked) == search_site.plain(html)  # links change no word


def test_attribute_values_and_comments_are_not_words():
    html = ('<p><abbr title="2 > 1, then &quot;tail&quot;">HCJ</abbr> <img src="a.png" alt="hartă"><br>'
            'text<!-- note --> <q cite="https://a.ro/?x=<y>">citat</q>&nbsp;final</p>')
    assert search_site.plain(html).split() == ["HCJ", "text", "citat", "final"]  # split: \xa0 too
    assert search_index.terms(search_site.plain(html)) == search_index.terms("HCJ text citat final")


def test_deeply_nested_html_is_read_without_recursion():
    depth = 5_000  # far beyond the interpreter's recursion limit
    assert search_site.plain("<div>" * depth + "adânc" + "</div>" * depth).split() == ["adânc"]


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


# --- the index kept between builds ------------------------------------------------------

class Counting:
    """A site whose bodies are counted when read (everything else is the real site's)."""

    def __init__(self, site):
        self._site, self.read = site, []

    def __getattr__(self, name):
        return getattr(self._site, name)

    def body_text_html(self, doc):
        self.read.append(doc.id)
        return self._site.body_text_html(doc)


def site_of(root, day=dt.date(2025, 11, 25)):
    checked = pipeline.check(root)
    assert not checked.problems.errors, checked.problems.report()
    return Counting(SiteModel(checked, day, "https://example.test/cj"))


def cold(root, day=dt.date(2025, 11, 25)):
    return search_site.index_files(site_of(root, day))


def edit(root, relative, old, new):
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def content(tmp_path):
    return trees.copy_fixture("minimal", tmp_path / "content")


def every_record_clean(key: str) -> bool:
    """What the dependency map says when nothing a document's record read changed."""
    assert key.startswith(f"{search_site.MEMO}/")
    return True


def test_unchanged_documents_are_not_read_again(content):
    first, cache = site_of(content), {}
    files = search_site.index_files(first, cache)
    assert sorted(first.read) == sorted(d.id for d in first.archive.documents())
    again = site_of(content)
    assert search_site.index_files(again, cache, every_record_clean) == files and again.read == []
    other = site_of(content)  # nothing known clean (a template, the build day…): records made again, bodies not read
    assert search_site.index_files(other, cache) == files and other.read == []


def test_a_body_edit_reads_that_body_alone(content):
    cache = {}
    search_site.index_files(site_of(content), cache)
    unchanged = search_site.fingerprint(cache)
    search_site.index_files(site_of(content), cache, every_record_clean)
    assert search_site.fingerprint(cache) == unchanged  # nothing to save again
    edit(content, "hotarari/2025/buget-2025.md", "Legea nr. 273/2006.", "Legea nr. 273/2006. Corectură materială.")
    site = site_of(content)
    files = search_site.index_files(site, cache, every_record_clean)
    assert site.read == ["buget-2025"] and search_site.fingerprint(cache) != unchanged
    assert files == cold(content)
    assert any(b'"material"' in data for data in files.values())


def test_a_record_the_map_says_changed_is_made_again(content):
    cache = {}
    files = search_site.index_files(site_of(content), cache)
    edit(content, "pages/despre.md", "title: ", "title: Nou — ")
    stale = site_of(content)
    assert search_site.index_files(stale, cache, every_record_clean) == files  # taken as the map said
    site = site_of(content)
    fresh = search_site.index_files(site, cache, lambda key: key != f"{search_site.MEMO}/page/despre")
    assert fresh == cold(content) != files and site.read == []  # its record made again, its body not read


def test_every_kind_of_edit_gives_the_bytes_of_a_build_without_cache(content):
    cache = {}
    search_site.index_files(site_of(content), cache)
    steps = [
        ("front matter", lambda: edit(content, "pages/despre.md", "title: ", "title: Nou — "), []),
        ("status from another file", lambda: edit(content, "hotarari/2025/rectificare-buget.md",
                                                  "amends: [5/2025]\n", ""), []),
        ("body", lambda: edit(content, "rapoarte/aviz-buget-2025.md", "\n---\n", "\n---\nAviz completat.\n"),
         ["aviz-buget-2025"]),
        ("added", lambda: trees.write(content, "pages/nou.md", "---\ntitle: Pagina nouă\n---\nText nou, buget.\n"),
         ["nou"]),
        ("renamed", lambda: (content / "pages/nou.md").rename(content / "pages/mutat.md"), ["mutat"]),
        ("deleted", lambda: (content / "pages/mutat.md").unlink(), []),
    ]
    for number, (label, change, read) in enumerate(steps):
        change()
        site = site_of(content)
        files = search_site.index_files(site, cache)
        assert files == cold(content), label
        assert site.read == read, label
    later = site_of(content, dt.date(2026, 6, 1))  # a new build day: statuses and years in words may change
    assert search_site.index_files(later, cache) == cold(content, dt.date(2026, 6, 1))
    assert later.read == []


def test_the_cache_is_plain_compact_data(content):
    cache = {}
    files = search_site.index_files(site_of(content), cache)
    cache = pickle.loads(pickle.dumps(cache))
    site = site_of(content)
    assert search_site.index_files(site, cache, every_record_clean) == files and site.read == []

    def count(value):
        if isinstance(value, dict):
            return 1 + sum(count(k) + count(v) for k, v in value.items())
        if isinstance(value, (list, tuple)):
            return 1 + sum(count(v) for v in value)
        assert isinstance(value, (str, bytes, int, float)), type(value)
        return 1

    postings = sum(len(json.loads(data)) for path, data in files.items() if "/s/" in path)
    assert count(cache) < 60 * len(cache["digests"]) + postings  # nothing per posting


def test_workers_give_the_same_index():
    checked = pipeline.check(trees.ROOT / "content")
    site = SiteModel(checked, dt.date(2026, 11, 25), "https://example.test")
    assert len(list(checked.archive.documents())) > 2 * 33  # enough for two workers
    assert search_site.index_files(site, {}, workers=2) == search_site.index_files(site, {}, workers=1)


SAMPLE_DAY = dt.date(2026, 11, 25)


def test_an_attached_pdf_is_made_again_only_when_its_document_or_its_own_inputs_change(tmp_path, monkeypatch):
    """An attached PDF's search document is made from its document's record (a memo the map says is
    clean or not) and its own inputs (role, title, file, text): both unchanged, the last one is taken
    as it is; its text changed under the same record (a PDF replaced), it is made again, and the
    files are those of a build without cache."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(trees.ROOT / "content", content)
    made = []
    real = search_site.attachment_document
    monkeypatch.setattr(search_site, "attachment_document", lambda *args: made.append(args[3].source) or real(*args))
    cache = {}
    search_site.index_files(site_of(content, SAMPLE_DAY), cache)
    minutes = sorted(key for key in cache["digests"] if key.startswith("file/") and "procese-verbale" in key)
    assert len(made) == sum(key.startswith("file/") for key in cache["digests"]) > 2 and len(minutes) > 1
    made.clear()
    site = site_of(content, SAMPLE_DAY)
    search_site.index_files(site, cache, every_record_clean)
    assert made == [] and site.read == []
    first, second = (content / key.removeprefix("file/") for key in minutes[:2])
    shutil.copyfile(second, first)  # another text in the first meeting's minutes, its front matter unchanged
    files = search_site.index_files(site_of(content, SAMPLE_DAY), cache, every_record_clean)
    assert made == [minutes[0].removeprefix("file/")]
    assert files == cold(content, SAMPLE_DAY)
