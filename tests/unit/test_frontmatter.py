import pytest

from transparency.frontmatter import FrontMatterError, split


def test_keeps_file_line_numbers_of_keys_and_nested_items():
    text = "---\ntitle: T\nevents:\n  - {date: 2025-01-02, event: signed}\n  - date: 2025-01-03\n    event: published\n---\nBody\n"
    parts = split(text)
    assert parts.meta.line_of("title") == 2
    assert parts.meta.line_of("events") == 3
    events = parts.meta["events"]
    assert events.line_of(0) == 4 and events.line_of(1) == 5
    assert events[1].line_of("event") == 6
    assert parts.body == "Body\n" and parts.body_line == 8


def test_bom_and_windows_line_endings_are_accepted():
    parts = split("\ufeff---\r\ntitle: Ședința\r\nnumber: 3\r\n---\r\nText\r\n")
    assert parts.meta == {"title": "Ședința", "number": 3}
    assert parts.meta.line_of("number") == 3


def test_dates_stay_text_and_leading_zero_numbers_stay_decimal():
    meta = split("---\nadopted: 2025-02-30\nnumber: 045\n---\n").meta
    assert meta["adopted"] == "2025-02-30"  # checked (and reported) by the schema, not by YAML
    assert meta["number"] == 45


def test_duplicate_key_is_an_error_with_its_line():
    with pytest.raises(FrontMatterError) as caught:
        split("---\ntitle: A\nsummary: x\ntitle: B\n---\n")
    assert caught.value.line == 4 and "title" in caught.value.message


def test_yaml_syntax_error_names_the_line():
    with pytest.raises(FrontMatterError) as caught:
        split("---\ntitle: A\nsummary: [unclosed\nstatus: draft\n---\n")
    assert caught.value.line >= 3
    assert "ghilimele" in caught.value.expected


@pytest.mark.parametrize("text", ["no front matter\n", "---\ntitle: x\n"])
def test_missing_or_unclosed_front_matter(text):
    with pytest.raises(FrontMatterError) as caught:
        split(text)
    assert caught.value.line == 1


def test_front_matter_that_is_not_a_mapping():
    with pytest.raises(FrontMatterError):
        split("---\n- a\n- b\n---\n")
