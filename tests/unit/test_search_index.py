"""Search analysis: folding, tokens, stop words, stemming, counting, one document analysed."""

import dataclasses
import json
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transparency.search import search_index as si

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
    assert si.terms("Hotărârea nr. 45/2025") == ["hotar", "45/2025"]
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
    words = ["consiliu", "consilier", "buget", "transport", "tarif", "drum", "drept", "an", "muzeu", "mediu"]
    assert len({si.stem(w) for w in words}) == len(words)
    assert si.stem("bugetar") == si.stem("buget")  # Snowball merges derived adjectives: bugetar, bugetare


def test_tokens_longer_than_the_limit_are_dropped():
    assert si.terms("a" * (si.MAX_TOKEN + 1)) == []
    assert si.terms("1" * si.MAX_TOKEN) == ["1" * si.MAX_TOKEN]


# --- counting terms -----------------------------------------------------------

PIECES = st.text(alphabet=st.sampled_from(list("abț ŞșĂî45/.,-\u0326\u0327\u00a0\u2000\n\tΣσİıßﬁ²Ⅻ DJ103g")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(PIECES)
def test_counting_by_pieces_gives_the_terms_of_the_whole_text(text):
    """The analyser cuts at white space and remembers pieces: the same terms as `terms`."""
    assert si.Analyser().count(text) == dict(Counter(si.terms(text)))


def test_the_analyser_remembers_pieces_across_texts():
    analyser = si.Analyser()
    assert analyser.count("Bugetul bugetul, HCJ nr. 45/2025") == {"buget": 2, "45/2025": 1}
    assert analyser.count("bugetul județului") == {"buget": 1, "judet": 1}
    assert {"Bugetul", "bugetul,", "45/2025", "bugetul"} <= set(analyser.pieces)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t\u00a0")), max_size=2000))
def test_the_head_is_the_start_of_the_collapsed_text(text):
    collapsed = si.SPACE_RE.sub(" ", text).strip()
    assert si.head(text) == collapsed[:si.EXCERPT + 1]


def test_excerpts_are_cut_at_a_word_and_prefer_the_summary():
    text = "cuvânt " * 100
    cut = si.excerpt("", si.head(text))
    assert len(cut) <= si.EXCERPT + 2 and cut.endswith(" …") and "cuvân …" not in cut
    assert si.excerpt("  Pe  scurt. ", text) == "Pe scurt."
    assert si.excerpt("", "scurt") == "scurt"


@pytest.mark.parametrize("counts", [[], [1, 2, 255], [1, 256, 70_000]])
def test_frequencies_pack_into_bytes_and_back(counts):
    assert list(si.unpack(si.pack(counts))) == counts
    assert len(si.pack([1, 2, 3])) == 4  # one byte each below 256


# --- one document analysed -------------------------------------------------------

def searchable(**changes):
    base = dict(url="/hotarari/2025/45/", title="Hotărârea nr. 45/2025 privind bugetul", type_label="Hotărâre",
                text={"title": "privind bugetul județului", "summary": "", "citation": "45/2025 45",
                      "body": "Anexa 1 – Bugetul general"},
                facets={"tip": ("hotarare",), "tema": ("buget", "finante"), "stare": ()},
                citation="45/2025", date="2025-03-27", date_text="27 martie 2025",
                body="Se aprobă  bugetul\n general al județului. " * 20)
    return si.SearchDocument(**{**base, **changes})


def test_a_document_is_analysed_into_fields_record_and_filters():
    item = si.analyse(searchable(), si.Analyser())
    fields = dict(zip((name for name, _ in si.FIELDS), si.frequencies(item)))
    assert dict(fields["citation"]) == {"45/2025": 1, "45": 1}
    assert dict(fields["body"])["buget"] == 21  # the body's own 20 and the annex title's
    assert dict(fields["body"])["anex"] == 1
    assert list(si.unpack(item.lengths)) == [sum(n for _, n in pairs) for pairs in si.frequencies(item)]
    assert item.facets == (("tip", ("hotarare",)), ("tema", ("buget", "finante")))  # no empty filter
    assert item.sort == ("2025-03-27", "/hotarari/2025/45/")
    record = json.loads(item.record)
    assert record["x"].startswith("Se aprobă bugetul general al județului. Se aprobă") and record["x"].endswith(" …")
    assert record["c"] == "45/2025" and record["d"] == "2025-03-27"


def test_an_analysis_without_the_body_reuses_the_previous_one():
    analyser = si.Analyser()
    before = si.analyse(searchable(), analyser)
    changed = searchable(text={"title": "alt titlu", "summary": "Rezumat nou.", "body": "Anexa 2 – Tarife; bugetul"})
    again = si.analyse(dataclasses.replace(changed, body="never read"), analyser, previous=before)
    fresh = si.analyse(changed, analyser)
    assert sorted(map(sorted, si.frequencies(again))) == sorted(map(sorted, si.frequencies(fresh)))
    assert (again.lengths, again.record, again.head) == (fresh.lengths, fresh.record, fresh.head)
    assert si.own_terms(before) == si.Analyser().count(searchable().body)
