"""JSON-LD inside <script>: no `<` at all, so nothing a document says (`<!--<script>` in a title, which
made Chromium read the rest of the page as script text, or `</script>`) can end or re-open the element."""

import json

import pytest

from transparency.site.views import script_json


@pytest.mark.parametrize("title", ["Despre <!--<script>", "a </script><p>b", "<!-- -->", "x < y > z & w", "ș ţ"])
@pytest.mark.parametrize("indent", [None, 1])
def test_the_same_json_without_a_less_than_sign(title, indent):
    data = {"@type": "Legislation", "name": title, "about": [{"name": title}]}
    text = script_json(data, indent=indent)
    assert "<" not in text
    assert json.loads(text) == data
    assert json.loads(text.replace("\\u003c", "<")) == data  # only the `<` differ from json.dumps
