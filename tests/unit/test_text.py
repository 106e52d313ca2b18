"""Romanian text helpers (domain/text.py) against independent oracles."""

from hypothesis import given, settings
from hypothesis import strategies as st

from transparency.domain.text import FOLD_TABLE, fold

LETTERS = "ăâîșşțţĂÂÎȘŞȚŢ"


@settings(max_examples=500)
@given(st.text(alphabet=st.one_of(st.sampled_from(list(LETTERS + "as \n")), st.characters()), max_size=60))
def test_fold_is_the_translation_table_applied_letter_by_letter(text):
    folded = fold(text)
    assert folded == text.translate(FOLD_TABLE)  # the table, as str.translate reads it
    assert len(folded) == len(text)  # positions in folded text are positions in the original


def test_fold_maps_every_romanian_letter_cedilla_or_comma_below():
    assert fold("Ședința Consiliului Județean, şedinţa, ĂÂÎ ăâî") == \
        "Sedinta Consiliului Judetean, sedinta, AAI aai"
    assert fold("Enikő") == "Enikő"  # only Romanian letters fold here (the search index folds the rest)
