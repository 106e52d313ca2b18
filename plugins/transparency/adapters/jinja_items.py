"""Jinja's `a.b` on the site's views: the item first, for plain dicts.

Jinja compiles `row.title` to `environment.getattr(row, "title")`, which asks for an
attribute first and, for a dict, catches the AttributeError before taking the item. The
site's views are dicts, and a title edit renders lists of thousands of rows (a councillor's
page: every vote, eight lookups a row): the raised and caught errors were a tenth of that
build's processor time. Asking a dict for the item first gives the same value wherever the
name is not also a method of dict (`items`, `get`, …): `dict_methods_used` finds such names
in templates, and tests/unit/test_jinja_items.py checks that the theme uses none.
"""

from __future__ import annotations

from jinja2 import Environment, nodes

DICT_METHODS = frozenset(name for name in dir(dict) if not name.startswith("_"))


def prefer_items(environment: Environment) -> None:
    """Make `environment` look up `a.b` as `a["b"]` first when `a` is a plain dict."""
    attribute_first = environment.getattr

    def getattr(obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return attribute_first(obj, attribute)

    environment.getattr = getattr  # the compiled templates call environment.getattr(…)


def dict_methods_used(environment: Environment, source: str) -> set[str]:
    """The names of dict methods that the template `source` reads with `a.b` (for which items
    first could differ from Jinja's own lookup)."""
    return {node.attr for node in environment.parse(source).find_all(nodes.Getattr) if node.attr in DICT_METHODS}
