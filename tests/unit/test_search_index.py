"""Search analysis (folding, tokens, stop words, stemming) and the sharded index build."""

import json

import pytest
from lunr.builder import Builder

from transparency import search_index as si
from transparency.search_query import Clause, shard_range, utf16

# --- folding and tokens -----------------------------------------------------


@pytest.mark.parametrize("written", ["ședința", "şedinţa", "sedinta", "ȘEDINȚA", "ŞEDINŢA", "SEDINTA", "Ședința",
                                     "s\u0326edint\u0326a", "s\u0327edint\u0327a"])
def test_every_way_of_writing_a_word_folds_alike(written):
    assert si.normalise(written) == "sedinta"
    assert si.terms(written) == si.terms("sedinta")


@pytest.mark.parametrize("letter, base", [("ă", "a"), ("â", "a"), ("î", "i"), ("ș", "s"), ("ş", "s"), ("ț", "t"),
                                          ("ţ", "t"), ("Ă", "a"), ("Â", "a"), ("Î", "i"), ("Ș", "s"), ("Ş", "s"),
                                          ("Ț", "t"), ("Ţ", "t"), ("é", "e"), ("ö", "o"), ("ő", "o"),
                                          ("Ł", "l"), ("ß", "ss")])
def test_folding_maps_each_accented_letter_to_its_base(letter, base):
    assert si.normalise(letter) == base


def test_citations_stay_one_token_with_or_without_nr():
    assert si.tokens("HCJ nr. 45/2025") == ["hcj", "nr", "45/2025"]
    assert si.tokens("nr.12/2024,") == ["nr", "12/2024"]
    assert si.terms("Hotărârea nr. 45/2025") == ["hotarar", "45/2025"]
    assert si.terms("HCJ nr. 45/2025") == si.terms("45/2025") == ["45/2025"]


def test_numbers_and_dates_keep_their_digits():
    assert si.tokens("suma de 1.234.567,89 lei la 27.03.2025; Art. 1.") == [
        "suma", "de", "1.234.567,89", "lei", "la", "27.03.2025", "art", "1"]
    assert si.terms("DJ103G și DN 1") == si.terms("DJ 103G, DN1") == ["dj", "103g", "dn", "1"]
    assert si.terms("anul 2025") == ["an", "2025"]


@pytest.mark.parametrize("word", ["web", "taxi", "quorum", "wifi", "yoga", "xerox", "kilometri", "Wałęsa"])
def test_letters_k_q_w_x_y_and_foreign_letters_are_kept(word):
    (term,) = si.terms(word)
    assert term[0] == si.normalise(word)[0]
    assert term == si.stem(si.normalise(word))


def test_separators_split_words_and_query_syntax_is_plain_text():
    assert si.tokens("buget-finanțe, Cluj-Napoca") == ["buget", "finante", "cluj", "napoca"]
    assert si.terms("+buget -taxe ~2 ^3 titlu:x * \"drum\"") == ["buget", "tax", "2", "3", "titl", "drum"]
    assert si.terms("+-~^:*") == []


def test_stop_words_are_folded_and_dropped_in_any_spelling():
    assert all(word.isascii() and word == si.normalise(word) for word in si.STOP_WORDS)
    assert si.terms("și şi ŞI si în pentru privind") == []
    assert si.terms("b c x") == []  # single letters
    assert si.terms("Argeș Mureș") == ["arges", "mures"]  # never cut at a Romanian letter


def test_singular_plural_and_articulated_forms_share_a_stem():
    groups = [
        "hotărâre hotărârea hotărâri hotărârii hotărârile hotărârilor",
        "ședință ședința ședinței ședințe ședințele ședințelor şedinţa sedinta",
        "buget bugetul bugetului bugete bugetele bugetelor",
        "consiliu consiliul consiliului consilii consiliile consiliilor",
        "drum drumul drumului drumuri drumurile drumurilor",
        "comisie comisia comisiei comisii comisiile comisiilor",
        "taxă taxa taxei taxe taxele taxelor",
        "muzeu muzeul muzeului muzee muzeele muzeelor",
    ]
    for group in groups:
        assert len({si.stem(si.normalise(word)) for word in group.split()}) == 1, group


def test_different_words_keep_different_stems():
    words = ["consiliu", "consilier", "buget", "bugetar", "transport", "tarif", "drum", "drept", "an", "ani"]
    stems = [si.stem(w) for w in words]
    assert stems[-1] == stems[-2]  # an / ani
    assert len(set(stems[:-1])) == len(words) - 1


def test_tokens_longer_than_the_limit_are_dropped():
    assert si.terms("a" * (si.MAX_TOKEN + 1)) == []
    assert si.terms("1" * si.MAX_TOKEN) == ["1" * si.MAX_TOKEN]


# --- the index --------------------------------------------------------------

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


def decoded(files):
    """{(field, doc, term): weight} from the shards, and the manifest."""
    manifest = json.loads(files["manifest.json"])
    weights = {}
    for i in range(len(manifest["shards"])):
        for term, _, per_field in json.loads(files[f"{manifest['version']}/s/{i}.json"]):
            for name, flat in zip(manifest["fields"], per_field):
                doc = 0
                for position in range(0, len(flat), 2):
                    doc += flat[position]
                    weights[(name, doc, term)] = flat[position + 1] / 1000
    return manifest, weights


def test_documents_are_numbered_oldest_first_and_records_chunked():
    files = si.build(CORPUS, chunk_docs=3)
    manifest = json.loads(files["manifest.json"])
    version = manifest["version"]
    records = json.loads(files[f"{version}/d/0.json"]) + json.loads(files[f"{version}/d/1.json"])
    assert [r["u"] for r in records] == ["/d/", "/c/", "/a/", "/b/"]
    assert manifest["docs"] == 4 and manifest["chunk"] == 3
    assert manifest["facets"]["tema"] == ["buget", "drumuri", "transport"]
    assert json.loads(files[f"{version}/f/tema/0.json"]) == [0, 2]  # docs 0 and 2, delta-encoded


def test_the_build_is_deterministic_and_independent_of_input_order():
    first = si.build(CORPUS)
    assert si.build(list(reversed(CORPUS))) == first
    for data in first.values():
        assert data == si.dumps(json.loads(data))  # sorted keys, compact separators


def test_weights_are_those_lunr_computes():
    """Our BM25 weights equal lunr.py's own Builder over the same terms."""
    fields = [name for name, _ in si.FIELDS]
    builder = Builder()
    builder.ref("id")
    for name, boost in si.FIELDS:
        builder.field(name, boost=boost)
    ordered = sorted(CORPUS, key=lambda d: (d.date, d.url))
    for number, doc in enumerate(ordered):
        builder.add({"id": str(number), **{name: si.terms(doc.text.get(name, "")) for name in fields}})
    reference = builder.build()
    _, ours = decoded(si.build(CORPUS))
    theirs = {}
    terms_by_index = {posting["_index"]: term for term, posting in reference.inverted_index.items()}
    for ref, vector in reference.field_vectors.items():
        name, doc = ref.split("/")
        for position in range(0, len(vector.elements), 2):
            theirs[(name, int(doc), terms_by_index[vector.elements[position]])] = vector.elements[position + 1]
    assert ours.keys() == theirs.keys()
    assert all(abs(ours[key] - theirs[key]) <= 0.0011 for key in ours)


def test_shards_partition_the_sorted_terms():
    files = si.build(CORPUS, shard_bytes=200)
    manifest, weights = decoded(files)
    boundaries = manifest["shards"]
    assert len(boundaries) > 3
    assert [utf16(b) for b in boundaries] == sorted(utf16(b) for b in boundaries)
    for i in range(len(boundaries)):
        for term, index, _ in json.loads(files[f"{manifest['version']}/s/{i}.json"]):
            assert list(shard_range(boundaries, Clause(term))) == [i]
    all_terms = {term for _, _, term in weights}
    assert {"45/2025", "buget", "sedint", "web", "quorum", si.stem("taxi")} <= all_terms


def test_an_empty_site_has_a_manifest_and_nothing_else():
    files = si.build([])
    manifest = json.loads(files["manifest.json"])
    assert manifest["docs"] == 0 and manifest["shards"] == []
    assert list(files) == ["manifest.json"]
