"""What a decision's page says of its number, day or meeting changed after adoption: agreed in Romanian."""

import pytest

from transparency.site.history import identity_said


@pytest.mark.parametrize("keys, said", [
    (["number"], "Numărul hotărârii a fost modificat"),
    (["adopted"], "Data adoptării a fost modificată"),
    (["meeting"], "Ședința a fost modificată"),
    (["number", "adopted"], "Numărul hotărârii și data adoptării au fost modificate"),
    (["number", "adopted", "meeting"], "Numărul hotărârii, data adoptării și ședința au fost modificate"),
])
def test_the_facts_changed_are_named_with_the_verb_agreeing(keys, said):
    assert identity_said(keys) == said
