"""The Python reader of the search index: query plan, shard choice, ranking, filters, bytes."""

import json
import math

import pytest
from lunr.index import Index

from transparency.search import search_files as sf
from transparency.search import search_index as si
from transparency.search import search_query as sq


def document(url, title, body="", date="2025-01-01", **facets):
    return si.SearchDocument(url=url, title=title, type_label="Hotărâre", text={"title": title, "body": body},
                             facets={name: tuple(values) for name, values in facets.items()}, date=date,
                             date_text=date, excerpt=body[:40])


CORPUS = [
    document("/a/", "Buget buget bugetul bugetului", "buget", "2025-01-10", tip=["hotarare"], tema=["buget"]),
    document("/b/", "Bugetul transportului", "transport public", "2025-02-10", tip=["hotarare"]),
    document("/c/", "Transport județean", "transportator autorizat", "2024-02-10", tip=["proiect"], tema=["buget"]),
    document("/d/", "Bugetul pe 2026", "buget", "2026-01-10", tip=["hotarare"], tema=["buget"]),
]


def reader(files):
    return sq.IndexReader(lambda path: files[path])


def test_query_words_are_distinct_terms_in_typed_order():
    assert sq.query_words("Buget bugetul TAXE, buget și 45/2025") == ["buget", "tax", "45/2025"]
    assert sq.query_words("+-~^:* și") == []


def test_long_letter_words_also_match_as_prefixes():
    assert sq.clauses(["buget", "tax", "45/2025"]) == [
        sq.Clause("buget"), sq.Clause("buget", prefix=True), sq.Clause("tax"), sq.Clause("45/2025")]
    assert sq.Clause("buget", prefix=True).boost < sq.Clause("buget").boost == 1


def test_a_term_lives_in_one_shard_and_a_prefix_in_a_range():
    boundaries = ["a", "ba", "bz", "c"]
    assert list(sq.shard_range(boundaries, sq.Clause("b"))) == [0]
    assert list(sq.shard_range(boundaries, sq.Clause("bb"))) == [1]
    assert list(sq.shard_range(boundaries, sq.Clause("zz"))) == [3]
    assert list(sq.shard_range(boundaries, sq.Clause("0"))) == []  # before the first term: not indexed
    assert list(sq.shard_range(boundaries, sq.Clause("b", prefix=True))) == [0, 1, 2]


def test_terms_sort_as_javascript_sorts_them():
    assert sf.js_order("\U0001d400") < sf.js_order("\uff21")  # UTF-16 code units, unlike Python's code points
    assert "\U0001d400" > "\uff21"


def test_a_clause_matches_its_term_or_for_a_prefix_longer_terms():
    planned = [sq.Clause("buget"), sq.Clause("transport", prefix=True)]
    assert [t for t in ["buget", "bugetar", "transport", "transportator", "tran"] if sq.matches(t, planned)] == [
        "buget", "transport", "transportator"]


def test_ties_rank_the_newest_first():
    hits = [(1, 0.5), (3, 0.5000000001), (2, 0.7)]
    assert sorted(hits, key=sq.rank_key) == [(2, 0.7), (3, 0.5000000001), (1, 0.5)]


MANIFEST = {"fields": ["title", "body"], "boosts": [5, 1], "docs": 3, "totals": [4, 9], "k1": 1.2, "b": 0.75,
            "lengths": {"size": 2}, "lunr": "2.3.9"}


def test_serialized_shards_are_a_lunr_index_with_bm25_weights():
    entries = [["b", 0, [0, 1, 2, 2], 1, [1, 3]], ["a", 0, [1, 1]]]
    lengths = {(0, 0): [1, 2], (0, 1): [1], (1, 0): [4, 5]}
    data = sq.serialized(entries, MANIFEST, lengths)
    assert [term for term, _ in data["invertedIndex"]] == ["a", "b"]
    assert data["invertedIndex"][1][1] == {"_index": 1, "title": {"0": {}, "2": {}}, "body": {"1": {}}}
    vectors = dict(data["fieldVectors"])
    assert set(vectors) == {"title/0", "title/1", "title/2", "body/1"} and vectors["title/1"][0] == 0
    idf = math.log(1 + (3 - 3 + 0.5) / 3.5)  # "b" is in three fields of documents
    expected = idf * 2.2 * 2 / (1.2 * (1 - 0.75 + 0.75 * (1 / (4 / 3))) + 2) * 5
    assert vectors["title/2"] == [1, math.floor(expected * 1000 + 0.5) / 1000]
    index = Index.load(data)
    assert [r["ref"] for r in index.search("b")] == ["2", "0", "1"]  # twice in a title, once, in a body


@pytest.mark.parametrize("score, rounded", [(0.0005, 0.001), (0.0004999, 0.0), (1.2345, 1.235), (2.5e-3, 0.003)])
def test_weights_round_halves_up_like_math_round(score, rounded):
    # boost 1, idf 1 and a term frequency whose BM25 factor is 1: the weight is the score rounded
    assert sq.weight(score, 1, 1, 1.0, 1, 0.0, 0.0) == rounded


def test_documents_with_every_word_come_first():
    files = sf.build(CORPUS)
    assert [r["u"] for r in reader(files).search("buget").records] == ["/a/", "/d/", "/b/"]
    urls = [r["u"] for r in reader(files).search("buget transport").records]
    assert urls[0] == "/b/"  # the only one with both words, though /a/ says „buget” more
    assert set(urls) == {"/a/", "/b/", "/c/", "/d/"}


def test_prefixes_find_longer_words():
    found = reader(sf.build(CORPUS)).search("transport")
    assert {r["u"] for r in found.records} == {"/b/", "/c/"}
    assert "/c/" in [r["u"] for r in reader(sf.build(CORPUS)).search("transportator").records]


def test_filters_restrict_and_alone_list_newest_first():
    files = sf.build(CORPUS)
    filtered = reader(files).search("buget", {"tema": "buget", "tip": "hotarare"})
    assert {r["u"] for r in filtered.records} == {"/a/", "/d/"}
    assert [r["u"] for r in reader(files).search("", {"tema": "buget"}).records] == ["/d/", "/a/", "/c/"]
    assert reader(files).search("buget", {"tip": "nu-exista"}).hits == []
    assert reader(files).search("", {}).hits == []


def test_only_the_needed_files_are_fetched():
    files = sf.build(CORPUS, sf.Layout(shard_bytes=20, chunk_docs=1, length_docs=1))
    manifest = json.loads(files["manifest.json"])
    assert len(manifest["shards"]["files"]) > 5
    r = reader(files)
    found = r.search("autorizat")
    kinds = [path[0] for path in r.fetched]
    assert r.fetched[0] == "manifest.json" and kinds == sorted(kinds, key="mslkd".index)
    assert 1 <= kinds.count("s") < len(manifest["shards"]["files"])
    assert kinds.count("l") == 1  # one document, one field: the length of its body
    assert kinds.count("k") == len(found.hits)  # their kinds, for the ranking (one document a file here)
    assert kinds.count("d") == len(found.records) == 1


def test_downloaded_counts_scripts_and_index_files(tmp_path):
    for path, data in sf.build(CORPUS).items():
        target = tmp_path / sq.INDEX_PATH / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for script in sq.SCRIPTS:
        (tmp_path / script).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / script).write_bytes(b"/* script */ " * 100)
    cold = sq.downloaded(tmp_path, "buget")
    warm = sq.downloaded(tmp_path, "buget", scripts=False)
    assert cold.files[:len(sq.SCRIPTS)] == sq.SCRIPTS and cold.files[len(sq.SCRIPTS):] == warm.files
    assert warm.files[0] == sq.INDEX_PATH + "manifest.json"
    assert 0 < warm.compressed < warm.raw and cold.raw > warm.raw
