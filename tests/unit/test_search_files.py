"""The index files: numbering, records, lengths, filters, shards cut by their own terms,
BM25 statistics, and updates that give the files of a build from scratch."""

import dataclasses
import json
import random

import pytest
from lunr.builder import Builder

from support import search_corpus
from transparency.search import search_files as sf
from transparency.search import search_index as si
from transparency.search import search_query as sq


def document(url, title, body="", date="2025-01-01", **facets):
    return si.SearchDocument(url=url, title=title, type_label="Hotărâre", text={"title": title, "body": body},
                             facets={name: tuple(values) for name, values in facets.items()}, date=date,
                             date_text=date, excerpt=body[:50])


CORPUS = [
    document("/a/", "Bugetul județului pe 2025", "Se aprobă bugetul general. HCJ nr. 45/2025.", "2025-03-27",
             tip=["hotarare"], tema=["buget"]),
    document("/b/", "Tarife de transport", "Tarifele transportului public județean.", "2025-05-01",
             tip=["hotarare"], tema=["transport"]),
    document("/c/", "Şedinţa ordinară", "Ordinea de zi: bugetul, tarifele, drumurile.", "2024-12-01",
             tip=["sedinta"]),
    document("/d/", "Drumuri județene", "Întreținerea drumurilor; web, taxi, quorum.", "2024-06-01",
             tip=["proiect"], tema=["drumuri", "buget"]),
]
SMALL = sf.Layout(shard_bytes=200, chunk_docs=3, length_docs=2)


def read(files, kind, file):
    return json.loads(files[f"{kind}/{file}.json"])


def entries(files):
    manifest = json.loads(files["manifest.json"])
    return [entry for file in manifest["shards"]["files"] for entry in read(files, "s", file)]


def test_documents_are_numbered_oldest_first_and_records_chunked():
    files = sf.build(CORPUS, SMALL)
    manifest = json.loads(files["manifest.json"])
    records = [r for file in manifest["records"]["files"] for r in read(files, "d", file)]
    assert [r["u"] for r in records] == ["/d/", "/c/", "/a/", "/b/"]
    assert manifest["docs"] == 4 and manifest["records"]["size"] == 3 and len(manifest["records"]["files"]) == 2
    assert list(manifest["facets"]["tema"]) == ["buget", "drumuri", "transport"]
    assert read(files, "f", manifest["facets"]["tema"]["buget"]) == [0, 2]  # docs 0 and 2, delta-encoded


def test_every_file_but_the_manifest_is_named_by_its_content():
    files = sf.build(CORPUS)
    assert all(path == f"{path[0]}/{sf.name(data)}.json" for path, data in files.items() if path != "manifest.json")
    manifest = json.loads(files["manifest.json"])
    listed = {f"s/{f}.json" for f in manifest["shards"]["files"]} | {f"d/{f}.json" for f in manifest["records"]["files"]}
    listed |= {f"l/{f}.json" for column in manifest["lengths"]["files"] for f in column}
    listed |= {f"f/{f}.json" for values in manifest["facets"].values() for f in values.values()}
    listed |= {f"k/{f}.json" for f in manifest["rank"]["files"]}
    assert listed | {"manifest.json"} == set(files)


def test_the_build_is_deterministic_and_independent_of_input_order():
    first = sf.build(CORPUS)
    assert sf.build(list(reversed(CORPUS))) == first
    for data in first.values():
        assert data == si.dumps(json.loads(data))  # sorted keys, compact separators


def test_lengths_and_totals_are_the_corpus_statistics():
    files = sf.build(CORPUS, SMALL)
    manifest = json.loads(files["manifest.json"])
    body = manifest["fields"].index("body")
    lengths = [n for file in manifest["lengths"]["files"][body] for n in read(files, "l", file)]
    ordered = sorted(CORPUS, key=lambda d: (d.date, d.url))
    assert lengths == [len(si.terms(d.text["body"])) for d in ordered]
    assert manifest["totals"][body] == sum(lengths) and len(manifest["lengths"]["files"][body]) == 2
    assert (manifest["k1"], manifest["b"], manifest["boosts"]) == (sf.K1, sf.B, [b for _, b in si.FIELDS])


def test_weights_are_those_lunr_computes():
    """BM25 from the shards and the manifest's statistics equals lunr.py's own Builder."""
    files = sf.build(CORPUS, SMALL)
    manifest = json.loads(files["manifest.json"])
    lengths = {(field, chunk): read(files, "l", file) for field, column in enumerate(manifest["lengths"]["files"])
               for chunk, file in enumerate(column)}
    index = sq.serialized(entries(files), manifest, lengths)
    terms = {posting["_index"]: term for term, posting in index["invertedIndex"]}
    ours = {(ref, terms[v[i]]): v[i + 1] for ref, v in index["fieldVectors"] for i in range(0, len(v), 2)}
    builder = Builder()
    builder.ref("id")
    for name, boost in si.FIELDS:
        builder.field(name, boost=boost)
    for number, doc in enumerate(sorted(CORPUS, key=lambda d: (d.date, d.url))):
        builder.add({"id": str(number), **{name: si.terms(doc.text.get(name, "")) for name, _ in si.FIELDS}})
    reference = builder.build()
    by_index = {posting["_index"]: term for term, posting in reference.inverted_index.items()}
    theirs = {(ref, by_index[v.elements[i]]): v.elements[i + 1]
              for ref, v in reference.field_vectors.items() for i in range(0, len(v.elements), 2)}
    assert ours.keys() == theirs.keys()
    assert all(abs(ours[key] - theirs[key]) <= 0.0011 for key in ours)


def test_shards_partition_the_sorted_terms():
    files = sf.build(CORPUS, SMALL)
    manifest = json.loads(files["manifest.json"])
    firsts = manifest["shards"]["first"]
    assert len(firsts) > 3
    assert [sf.js_order(b) for b in firsts] == sorted(sf.js_order(b) for b in firsts)
    for position, file in enumerate(manifest["shards"]["files"]):
        for entry in read(files, "s", file):
            assert list(sq.shard_range(firsts, sq.Clause(entry[0]))) == [position]
    assert {"45/2025", "buget", "sedint", "web", "quorum", si.stem("taxi")} <= {e[0] for e in entries(files)}


def entry(term, flat):
    return term, si.dumps([term, 1, flat])


def test_a_shard_ends_by_its_own_terms_and_a_big_entry_has_one_of_its_own():
    small, big = entry("buget", [0, 1]), entry("consil", [0, 1] * 100)
    assert sf.ends_shard(big[0], len(big[1]), 200)  # as big as a shard: it ends one
    assert sf.cut_between(small, big, 200)  # and starts one, whatever the hash says
    terms = [entry(f"t{n:03d}", [0, 1]) for n in range(300)]
    shards = sf.shards_of(terms, 200)
    assert 5 < len(shards) < 150
    assert [e for shard in shards for e in shard.entries()] == terms
    assert [json.loads(shard.data) for shard in shards] == [[json.loads(e) for _, e in shard.entries()]
                                                           for shard in shards]
    edited = terms[:150] + [entry("t150", [0, 2, 3, 1])] + terms[151:]  # one term's postings change
    assert len(set(sf.shards_of(edited, 200)) - set(shards)) <= 3


def test_an_empty_site_has_a_manifest_and_nothing_else():
    files = sf.build([])
    manifest = json.loads(files["manifest.json"])
    assert manifest["docs"] == 0 and manifest["shards"] == {"first": [], "files": []}
    assert list(files) == ["manifest.json"]


# --- updates -------------------------------------------------------------------------

LAYOUT = sf.Layout(shard_bytes=1_500, chunk_docs=4, length_docs=16)


def analysed(documents):
    analyser = si.Analyser()
    return {d.url: si.analyse(d, analyser) for d in documents}


def edits(corpus):
    """A sequence of named edits of the corpus, as a council's staff make them."""
    docs = list(corpus)

    def body(i, words):
        return dataclasses.replace(docs[i], text={**docs[i].text, "body": docs[i].text["body"] + words})

    yield "one body", lambda: body(7, " corectură materială nr. 1")
    yield "a new word", lambda: body(20, " cuvantnoucuvant")
    yield "front matter", lambda: dataclasses.replace(docs[30], title="Titlu nou", facets={"tip": ("proiect",)})
    yield "status", lambda: dataclasses.replace(docs[40], status="repealed", status_label="Abrogată",
                                                facets={**docs[40].facets, "stare": ("repealed",)})
    yield "date (renumbered)", lambda: dataclasses.replace(docs[50], date="2030-01-01")
    for label in ("added last", "added first", "deleted", "renamed"):
        yield label, None


def test_updates_give_the_files_of_a_build_from_scratch():
    corpus = search_corpus.documents(120)
    state = {}
    docs = analysed(corpus)
    assert sf.update(state, docs, LAYOUT) == sf.build(corpus, LAYOUT)
    for label, make in edits(corpus):
        docs = dict(docs)
        if make is not None:
            changed = make()
            docs[changed.url] = si.analyse(changed, si.Analyser())
        elif label == "added last":
            new = dataclasses.replace(corpus[3], url="/nou/", date="2031-01-01")
            docs[new.url] = si.analyse(new, si.Analyser())
        elif label == "added first":
            new = dataclasses.replace(corpus[4], url="/vechi/", date="1999-01-01")
            docs[new.url] = si.analyse(new, si.Analyser())
        elif label == "deleted":
            del docs[corpus[60].url]
        else:
            del docs[corpus[61].url]
            docs["/mutat/"] = si.analyse(dataclasses.replace(corpus[61], url="/mutat/"), si.Analyser())
        fresh = sf.update({}, docs, LAYOUT)
        assert sf.update(state, docs, LAYOUT) == fresh, label


def test_a_one_body_edit_changes_few_files(monkeypatch):
    corpus = search_corpus.documents(400)
    state = {}
    docs = analysed(corpus)
    before = sf.update(state, docs, sf.Layout(shard_bytes=4_000))
    edited = dataclasses.replace(corpus[200], text={**corpus[200].text,
                                                    "body": corpus[200].text["body"] + " Corectură materială nr. 1."})
    docs = {**docs, edited.url: si.analyse(edited, si.Analyser())}
    with monkeypatch.context() as patched:
        patched.setattr(sf, "assemble", lambda *args: pytest.fail("an edit of one document assembled every shard"))
        after = sf.update(state, docs, sf.Layout(shard_bytes=4_000))
    changed = {path for path in after if after[path] != before.get(path)}
    shards = sum(1 for path in before if path.startswith("s/"))
    assert shards > 40
    assert "manifest.json" in changed and len(changed) <= 8  # manifest, a length file, a few shards
    assert after == sf.build([edited if d.url == edited.url else d for d in corpus], sf.Layout(shard_bytes=4_000))


@pytest.mark.parametrize("seed", range(6))
def test_patching_shards_equals_assembling_them(seed):
    """Random removals and additions of postings, applied to shards, give the shards of the
    documents as they are now, including new first and last terms and emptied shards."""
    rng = random.Random(seed)
    corpus = search_corpus.documents(60, seed=seed)
    old = [si.analyse(d, si.Analyser()) for d in sorted(corpus, key=lambda d: (d.date, d.url))]
    new = list(old)
    replaced = {}
    for number in rng.sample(range(len(old)), 6):
        other = corpus[rng.randrange(len(corpus))]
        words = " ".join(rng.choice(["aaaa", "zzzz", "mijloc", "buget", "0001"]) for _ in range(rng.randrange(4)))
        doc = dataclasses.replace(other, text={"body": words}, url=old[number].sort[1], date=old[number].sort[0])
        new[number] = replaced[number] = si.analyse(doc, si.Analyser())
    shards = sf.assemble(old, 300)
    changes = sf.changes({n: old[n] for n in replaced}, replaced)
    assert sf.patch(shards, changes, 300) == sf.assemble(new, 300)


@pytest.mark.parametrize("date", ["2999-01-01", "1900-01-01"])
def test_an_added_document_is_spliced_into_the_entries_it_ends(monkeypatch, date):
    """The newest document's postings go at the end of its terms' entries: each is made from the
    old bytes plus the new numbers (`_spliced`); the oldest document's renumber every posting
    after it: a common term has too many to re-read, and is encoded whole. Either way, the shards are those
    assembled from scratch."""
    corpus = search_corpus.documents(300, seed=3)
    old = [si.analyse(d, si.Analyser()) for d in sorted(corpus, key=lambda d: (d.date, d.url))]
    added = si.analyse(dataclasses.replace(corpus[7], url="/nou/", date=date), si.Analyser())
    new = [*old, added] if date > "2000" else [added, *old]
    spliced = []
    real = sf._spliced
    monkeypatch.setattr(sf, "_spliced", lambda *args: spliced.append(real(*args)) or spliced[-1])
    last = date > "2000"
    changes = sf.changes({}, {len(old): added}) if last else sf.changes(dict(enumerate(old)), dict(enumerate(new)))
    assert sf.patch(sf.assemble(old, 4_000), changes, 4_000) == sf.assemble(new, 4_000)
    made = [found for found in spliced if found is not None]
    assert len(spliced) > 20
    assert (len(made) == len(spliced)) if last else (0 < len(made) < len(spliced))
