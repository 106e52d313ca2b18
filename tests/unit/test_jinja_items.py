"""`a.b` in templates as the item first for dicts (adapters/jinja_items.py): the same values as
Jinja's own lookup, which the theme relies on by using no dict method's name with a dot."""

from pathlib import Path

import pytest
from jinja2 import Environment

from transparency.adapters.jinja_items import DICT_METHODS, dict_methods_used, prefer_items

THEME = Path(__file__).resolve().parents[2] / "theme" / "templates"
TEMPLATES = sorted(THEME.rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.relative_to(THEME).as_posix())
def test_no_template_reads_a_dict_method_with_a_dot(path):
    assert dict_methods_used(Environment(), path.read_text(encoding="utf-8")) == set()


def test_the_check_finds_such_a_name():
    assert dict_methods_used(Environment(), "{{ meeting.items }} {{ row.title }} {{ d.get('x') }}") == {"items", "get"}
    assert "items" in DICT_METHODS and "title" not in DICT_METHODS


class Item:
    title = "din atribut"


@pytest.mark.parametrize("source", ["{{ row.title }}", "{{ row.missing }}", "{{ row.nested.title }}",
                                    "{{ thing.title }}", "{{ row.title.upper() }}", "{{ words.upper() }}",
                                    "{{ row.items }}", "{{ numbers[1] }}{{ numbers.count(2) }}"])
def test_the_same_text_as_jinjas_own_lookup_except_for_dict_methods(source):
    context = {"row": {"title": "Buget", "nested": {"title": "Anexa"}}, "thing": Item(), "words": "ședință",
               "numbers": [1, 2, 2]}
    plain, fast = Environment(), Environment()
    prefer_items(fast)
    expected = plain.from_string(source).render(context)
    assert fast.from_string(source).render(context) == expected
    context["row"]["items"] = "un câmp numit ca o metodă"  # where the two differ: the check above forbids it
    if "row.items" in source:
        assert fast.from_string(source).render(context) != plain.from_string(source).render(context)
