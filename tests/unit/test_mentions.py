"""Mentions of decisions („HCJ nr. 5/2025”) become links in the text of a body, and nowhere else:
not in attribute values, not inside a link. Linking changes a body by its links alone, written
back byte for byte as nh3 writes HTML (nh3 itself is the oracle: cleaning the linked body again
changes nothing), and `bodies.mentioned` lists every citation a body's links could name."""

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from support import trees
from transparency.search import search_site
from transparency.source import bodies, markup

URL = "/hotarari/2025/5/"


def link(html: str, known=("5/2025",)) -> str:
    return markup.link_mentions(html, lambda citation: URL if citation in known else None)


def without_added_links(html: str) -> str:
    """`html` parsed, with the links to URL unwrapped: what it was before linking, as a tree."""
    soup = BeautifulSoup(html, "html.parser")
    for added in soup.find_all("a", href=URL):
        added.unwrap()
    soup.smooth()  # the texts around an unwrapped link are one text again
    return soup.decode()


def test_mentions_in_text_are_linked_and_nowhere_else():
    html = markup.clean('<p>Vezi HCJ nr. 5/2025 și <abbr title="HCJ nr. 5/2025 > 4">HCJ</abbr>, '
                        '<a href="/alta/">HCJ nr. 5/2025</a>, HCJ nr. 6/2025.</p>')
    assert link(html) == ('<p>Vezi <a href="/hotarari/2025/5/">HCJ nr. 5/2025</a> și '
                          '<abbr title="HCJ nr. 5/2025 &gt; 4">HCJ</abbr>, <a href="/alta/">HCJ nr. 5/2025</a>, '
                          'HCJ nr. 6/2025.</p>')


def test_a_mention_is_linked_whole_whatever_letters_come_before_it():
    # „İ” lowercases to two characters: a link placed by lowercased positions would be cut short
    assert link("<p>İSTANBUL, HOTĂRÂREA nr. 5/2025 aprobă</p>") == \
        '<p>İSTANBUL, <a href="/hotarari/2025/5/">HOTĂRÂREA nr. 5/2025</a> aprobă</p>'


def test_a_mention_written_with_no_break_spaces_is_linked_and_listed():
    html = markup.clean("<p>HCJ\xa0nr.\xa05/2025</p>")
    assert html == "<p>HCJ&nbsp;nr.&nbsp;5/2025</p>"
    assert link(html) == '<p><a href="/hotarari/2025/5/">HCJ&nbsp;nr.&nbsp;5/2025</a></p>'
    assert bodies.mentioned(html) == ("5/2025",)


def test_a_body_that_mentions_no_known_decision_is_returned_as_it_is():
    html = markup.render("Vezi HCJ nr. 7/2024 și Legea nr. 52/2003.")
    assert link(html) is html


SHIPPED = sorted((trees.ROOT / "content").rglob("*.md")) + sorted((trees.FIXTURES / "minimal").rglob("*.md"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(trees.ROOT).as_posix())
def test_linking_a_shipped_body_adds_links_and_changes_nothing_else(path):
    html = markup.render(path.read_text(encoding="utf-8").split("\n---\n", 1)[-1])
    linked = markup.link_mentions(html, lambda citation: URL)
    assert markup.clean(linked) == linked  # written as nh3 writes it
    assert without_added_links(linked) == BeautifulSoup(html, "html.parser").decode()
    assert search_site.plain(linked) == search_site.plain(html)  # links change no word


PIECES = ["HCJ nr. 5/2025", "Hotărârea nr. 6/2024", "hcl nr.\xa05/2025", "İ", "a > b & c < d", "\xa0", "/",
          "*cursiv*", "**HCJ nr. 5/2025**", "[HCJ nr. 5/2025](/x/)", '<abbr title="HCJ nr. 5/2025 > &">x</abbr>',
          "<q cite=\"https://a.ro/?a=1&b=2\">HCJ nr. 5/2025</q>", "- HCJ nr. 5/2025\n- b", "\n\n", " ", "`5/2025`",
          "<ol reversed start=\"2\"><li>HCJ nr. 5/2025</li></ol>", "| a | HCJ nr. 6/2024 |\n|---|---|\n| 1 | 2 |",
          "Linie<br>HCJ nr. 5/2025", "&amp;", "&nbsp;", "<!-- HCJ nr. 5/2025 -->", "```\nHCJ nr. 5/2025\n```"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
def test_linking_adds_links_alone_and_mentioned_lists_every_citation_asked_for(pieces):
    html = markup.render("".join(pieces))
    asked = []
    linked = markup.link_mentions(html, lambda citation: asked.append(citation) or URL)
    assert set(asked) <= set(bodies.mentioned(html))
    assert markup.clean(linked) == linked
    assert without_added_links(linked) == BeautifulSoup(html, "html.parser").decode()
    assert markup.link_mentions(html, lambda citation: None) == html
