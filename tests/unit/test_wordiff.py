"""The word-by-word difference shown on history change pages and between consolidated versions."""

import difflib

from hypothesis import given, strategies as st

from transparency.domain import wordiff

WORDS = st.sampled_from(["Art.", "1", "alin.", "(2)", "se", "modifică", "de", "la", "ședința", "și", ",", "."])
TEXTS = st.lists(st.one_of(WORDS, st.sampled_from([" ", "  ", "\n", "\n\n"])), max_size=60).map("".join)


@given(TEXTS, TEXTS)
def test_the_runs_rebuild_both_texts(old, new):
    runs = wordiff.compare(old, new)
    assert "".join(t for op, t in runs if op != "ins") == old
    assert "".join(t for op, t in runs if op != "del") == new
    assert all(t for _, t in runs)
    assert all(a[0] != b[0] for a, b in zip(runs, runs[1:]))  # adjacent runs of a kind are joined


def test_a_changed_word_is_marked_alone():
    runs = wordiff.compare("Art. 1. Suma de 5 lei se plătește.\n\nArt. 2. Neschimbat.\n",
                           "Art. 1. Suma de 7 lei se plătește.\n\nArt. 2. Neschimbat.\n")
    assert [r for r in runs if r[0] != "same"] == [("del", "5"), ("ins", "7")]


def test_unchanged_paragraphs_stay_unchanged_when_another_is_rewritten():
    kept = "Art. 3. Prezenta hotărâre se comunică Instituției Prefectului.\n"
    runs = wordiff.compare("Art. 1. Vechi text.\n" + kept, "Art. 1. Cu totul altceva, scris din nou.\n" + kept)
    assert runs[-1][0] == "same" and runs[-1][1].endswith("\n" + kept)
    assert runs[1:3] == (("del", "Vechi text"), ("ins", "Cu totul altceva, scris din nou"))


def test_two_long_unrelated_texts_are_compared_completely():
    # The history of a council holds whole rewrites (the speed is make bench's to measure).
    old = "\n\n".join(f"Art. {i}. " + " ".join(f"cuvânt{i * j % 97} de și" for j in range(120)) for i in range(12))
    new = "\n\n".join(f"Art. {i}. " + " ".join(f"termen{i * j % 89} la în" for j in range(120)) for i in range(12))
    assert difflib.SequenceMatcher(None, old.splitlines(), new.splitlines()).ratio() < 0.5
    runs = wordiff.compare(old, new)
    assert "".join(t for op, t in runs if op != "ins") == old
    assert "".join(t for op, t in runs if op != "del") == new


@given(st.lists(st.sampled_from("ABC"), max_size=8), st.lists(st.sampled_from("ABC"), max_size=8))
def test_the_lines_left_out_of_the_matcher_are_shared_ends_that_never_overlap(a, b):
    start, end = wordiff.common_ends(a, b)
    assert start + end <= min(len(a), len(b))
    assert a[:start] == b[:start] and a[len(a) - end:] == b[len(b) - end:]
    assert start == len(a) or start == len(b) or a[start] != b[start]  # as long as they go
    assert start + end == min(len(a), len(b)) or a[len(a) - end - 1] != b[len(b) - end - 1]


def test_an_edit_between_equal_lines_is_marked_where_it_is():
    runs = wordiff.compare("A\nB\nA\n", "A\nC\nA\n")
    assert runs == (("same", "A\n"), ("del", "B"), ("ins", "C"), ("same", "\nA\n"))
    assert wordiff.compare("Art. 1.\nArt. 1.\n", "Art. 1.\n") == (("same", "Art. 1.\n"), ("del", "Art. 1.\n"))
