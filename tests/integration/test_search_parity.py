"""The browser's search (theme/static/js/search.js with the real lunr.js, run by
Node) and the Python reader (lunr.py) give the same answers over the same
index files: the same terms, the same documents in the same order with the
same scores, the same files fetched."""

import json

import pytest

from support import search_corpus, trees
from support.lunr_node import node_answers
from transparency.search import search_files, search_index, search_query

# What citizens and journalists type, with the filters of the search page.
QUERIES = [
    ("buget 2025", {}), ("bugetul județului", {}), ("45/2025", {}), ("HCJ nr. 45/2025", {}),
    ("hotărârea 143/2025", {}), ("rectificare buget", {}), ("rectificarea bugetului pe 2025", {}),
    ("transport public", {}), ("tarife transport județean", {}), ("drumuri judetene", {}), ("DJ103G", {}),
    ("spitalul județean", {}), ("muzeu", {}), ("taxe și tarife 2026", {}), ("consultare publică", {}),
    ("şedinţa ordinară", {}), ("SEDINTA EXTRAORDINARA", {}), ("servicii sociale", {}), ("deșeuri", {}),
    ("tineret", {}), ("cetățean de onoare", {}), ("împrumut", {}), ("strategia de dezvoltare", {}),
    ("regulament", {}), ("Legea 52/2003", {}), ("web", {}), ("+-~^:*", {}), ("și în pentru", {}),
    ("transp", {}), ("hotărâri", {"tip": "hotarare", "an": "2025"}), ("buget", {"tema": "buget"}),
    ("buget", {"stare": "in-force"}), ("aviz", {"comisie": "buget"}), ("", {"tip": "sedinta"}),
    ("", {"tip": "hotarare", "an": "2025"}), ("buget", {"tip": "nu-exista"}),
]


def python_answer(index, query, filters) -> dict:
    reader = search_query.IndexReader(lambda path: (index / path).read_bytes())
    found = reader.search(query, filters)
    return {"words": found.words, "hits": found.hits, "urls": [r["u"] for r in found.records],
            "fetched": reader.fetched, "corrected": found.corrected}


def assert_same_answers(index, queries):
    answers = node_answers(index, queries)
    assert answers["lunr"] == search_index.LUNR_VERSION
    for (query, filters), js in zip(queries, answers["results"]):
        py = python_answer(index, query, filters)
        label = f"{query!r} {filters}"
        assert js["words"] == py["words"], label
        assert [doc for doc, _ in js["hits"]] == [doc for doc, _ in py["hits"]], label
        assert all(abs(a[1] - b[1]) < 1e-9 for a, b in zip(js["hits"], py["hits"])), label
        assert js["urls"] == py["urls"], label
        assert js["fetched"] == py["fetched"], label
        assert js["corrected"] == py["corrected"], label
    return answers


@pytest.fixture(scope="module")
def synthetic_index(tmp_path_factory):
    """400 synthetic documents cut into many small shards and length files: prefixes span
    shard boundaries, a query needs lengths from several files."""
    index = tmp_path_factory.mktemp("synthetic") / "index"
    layout = search_files.Layout(shard_bytes=2_000, length_docs=64)
    for path, data in search_files.build(search_corpus.documents(400), layout).items():
        trees.write(index, path, data.decode("utf-8"))
    return index


def test_sample_council_answers_alike(sample_site):
    answers = assert_same_answers(sample_site / "cautare" / "index", QUERIES)
    found = [len(result["hits"]) for result in answers["results"]]
    assert sum(1 for n in found if n) >= 20  # the queries really find things
    assert found[QUERIES.index(("+-~^:*", {}))] == 0


def test_minimal_fixture_answers_alike(minimal_site):
    assert_same_answers(minimal_site / "cautare" / "index", QUERIES)


def test_many_shards_answer_alike(synthetic_index):
    manifest = json.loads((synthetic_index / "manifest.json").read_text())
    assert len(manifest["shards"]["files"]) > 50 and len(manifest["lengths"]["files"]) > 5
    queries = [(q, {}) for q in search_corpus.QUERIES] + [
        ("ba", {}), ("bala", {}), ("consil", {}), ("Popescu Ionescu", {}), ("buget", {"tema": "buget", "an": "2020"}),
        ("spital", {"tip": "hotarare", "stare": "in-force"}), ("", {"comisie": "buget"})]
    assert_same_answers(synthetic_index, queries)


def test_analysis_is_identical_on_every_word_of_the_sample(sample_site):
    """The JS analyser and the Python one agree on every word of the sample
    council and on hard cases (diacritics in every form, digits, scripts)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((trees.ROOT / "content").rglob("*.md"))]
    texts += ["Şedinţa ŞEDINŢA ședința SEDINȚA s\u0326edint\u0326a", "HCJ nr.45/2025, nr. 12/2024; 1.234,56 lei",
              "web WiFi quorum Xerox yoga kilometri", "Wałęsa Ørsted Straße İstanbul ﬁşier Ⅻ ½ ２０２５",
              "Київ Αθήνα 北京 한국어 𝐀𝐁𝐂 emoji 🙂 tab\tnew\nline", "a" * 41 + " " + "7" * 40]
    answers = node_answers(sample_site / "cautare" / "index", [], texts)
    assert answers["terms"] == [search_index.terms(text) for text in texts]


def test_the_served_romanian_stemmer_is_exactly_lunr_languages_1_22_0(sample_site):
    shipped = trees.ROOT / "node_modules" / "lunr-languages"
    assert json.loads((trees.ROOT / "package.json").read_text())["dependencies"]["lunr-languages"] == "1.22.0"
    assert json.loads((shipped / "package.json").read_text())["version"] == "1.22.0"
    for name in ("lunr.stemmer.support.min.js", "lunr.ro.min.js"):
        assert (sample_site / "theme" / "js" / "vendor" / name).read_bytes() == (shipped / "min" / name).read_bytes()
    licence = (trees.ROOT / "theme" / "static" / "js" / "vendor" / "lunr-languages.LICENSE.txt").read_bytes()
    assert licence == (shipped / "LICENSE").read_bytes()


def test_the_served_lunr_is_exactly_lunr_2_3_9(sample_site):
    served = sample_site / "theme" / "js" / "vendor" / "lunr.min.js"
    shipped = trees.ROOT / "node_modules" / "lunr" / "lunr.min.js"
    assert json.loads((trees.ROOT / "package.json").read_text())["dependencies"]["lunr"] == "2.3.9"
    assert json.loads((shipped.parent / "package.json").read_text())["version"] == "2.3.9"
    assert served.read_bytes() == shipped.read_bytes()
    assert (trees.ROOT / "theme" / "static" / "js" / "vendor" / "lunr.min.js").read_bytes() == shipped.read_bytes()
