"""The search index's reading of body HTML (search/body_text.py) against an independent oracle:
a walk of the tree Beautiful Soup builds with its "html.parser" builder, stated as the rule
says (each element's edges, inline ones vanishing; NavigableString exactly, so comments and the
strings of script, style, template, rt and rp are not text), on every body this project ships
and on generated HTML: well-formed or not, and as the cleaner writes it."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from support import trees
from transparency.search.body_text import INLINE_TAGS, _regular, plain
from transparency.source import markup
from transparency.source.version_reading import sections


def soup_text(html_text: str) -> str:
    pieces = []
    stack = [(iter(BeautifulSoup(html_text, "html.parser", multi_valued_attributes=None).contents), "")]
    while stack:
        node = next(stack[-1][0], None)
        if node is None:
            pieces.append(stack.pop()[1])
        elif isinstance(node, Tag):
            edge = "" if node.name in INLINE_TAGS else " "
            pieces.append(edge)
            if node.contents or not node.can_be_empty_element:
                stack.append((iter(node.contents), edge))
        elif type(node) is NavigableString:
            pieces.append(node)
    return "".join(pieces)


def shipped_bodies() -> list[Path]:
    return sorted([*(trees.ROOT / "content").rglob("*.md"), *trees.FIXTURES.rglob("*.md")])


def test_every_shipped_body_reads_as_beautiful_soup_reads_it():
    files = shipped_bodies()
    assert len(files) > 50
    for path in files:
        html = markup.render(sections(path.read_text(encoding="utf-8"))[1])
        assert plain(html) == soup_text(html), path
        assert _regular(html) is not None, f"{path}: the cleaner's HTML is read in one loop"


TAGS = ["p", "div", "li", "ul", "td", "h2", "blockquote", "em", "a", "span", "code", "strong", "pre", "textarea",
        "script", "style", "template", "rt", "rp", "ruby", "table"]
VOIDS = ["br", "hr", "img", "wbr", "input"]
TEXTS = st.text(alphabet=st.sampled_from(list("ab ăș\n\t\r\x0c\xa0<>/=\"'")), max_size=6)


@st.composite
def markup_pieces(draw, depth=0):
    """HTML as a careless hand writes it: nesting, unclosed and stray tags, voids written every way."""
    out = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["text", "element", "void", "stray", "unclosed", "comment", "selfclosed"]))
        tag = draw(st.sampled_from(TAGS))
        if kind == "text":
            out.append(draw(TEXTS))
        elif kind == "element" and depth < 4:
            out.append(f"<{tag}>{draw(markup_pieces(depth + 1))}</{tag}>")
        elif kind == "void":
            void = draw(st.sampled_from(VOIDS))
            out.append(draw(st.sampled_from([f"<{void}>", f"<{void}/>", f"<{void}></{void}>", f"</{void}>"])))
        elif kind == "stray":
            out.append(f"</{tag}>")
        elif kind == "unclosed":
            out.append(f"<{tag}>")
        elif kind == "comment":
            out.append(f"<!--{draw(TEXTS).replace('-', '')}-->")
        else:
            out.append(f"<{tag}/>")
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(markup_pieces())
def test_any_markup_reads_as_beautiful_soup_reads_it(html):
    assert plain(html) == soup_text(html)


@settings(max_examples=300, deadline=None)
@given(markup_pieces(), st.sampled_from(["&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#259;", "&#x219;"]))
def test_the_cleaners_output_reads_as_beautiful_soup_reads_it(html, reference):
    cleaned = markup.clean(html.replace("a", f"a{reference}"))
    assert plain(cleaned) == soup_text(cleaned)


ATTRIBUTES = st.sampled_from(['', ' title="x"', ' href="https://cjcluj.ro/?a=1&amp;b=2"', ' title="a &quot;b&quot;"',
                              ' title="a>b"', " title='x'", " title=x", ' lang="ro" title=""', " hidden"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TAGS + VOIDS), ATTRIBUTES, TEXTS), max_size=8))
def test_tags_with_attributes_read_as_beautiful_soup_reads_them(elements):
    html = "".join(f"<{tag}{attributes}>{text}" + ("" if tag in VOIDS else f"</{tag}>")
                   for tag, attributes, text in elements)
    cleaned = markup.clean(html)
    assert plain(html) == soup_text(html)
    assert plain(cleaned) == soup_text(cleaned)


@pytest.mark.parametrize("html", [
    "<p>a <!-- b --> c</p>", "<p>x<script>a</p>b</script></p>", "<p title='x'>a</p>", "<p title=x>a</p>",
    '<a title="a>b">c</a>', "a < b", "<P >a</p >", "<textarea><p>a</p></textarea>",
])
def test_html_not_of_the_cleaners_shape_is_left_to_the_tokenizer(html):
    assert _regular(html) is None
    assert plain(html) == soup_text(html)


@pytest.mark.parametrize("html, words", [
    ("<p>Se aprobă <em>bu</em>getul</p><ul><li>A</li><li>B</li></ul>", ["Se", "aprobă", "bugetul", "A", "B"]),
    ("<p>a<br>b</p><script>var x</script><ruby>漢<rt>kan</rt></ruby>", ["a", "b", "漢"]),
])
def test_the_words_a_visitor_sees(html, words):
    assert plain(html).split() == words


@pytest.mark.parametrize("html", [
    " <br></br> </br> ",  # a void's own end tag ends no text; a second one does
    "<br> </br> ", "<br>\n</br>\n", "<p><br>&am</br>p;</p>",  # the runs of text on either side of it are one
    "<p> <b> </b>\n</p><pre>  \n </pre><textarea> </textarea>",  # white space runs, kept inside <pre>
    "<pre><b>  \n </b>\n</pre><p> \n </p>",  # the same, in the cleaner's shape
    "<div><p>a<span>b</div>c</p>",  # an end tag closes what was opened since its start
    "a < b <!-- c --> <![CDATA[d]]> <?e?> <!DOCTYPE html> f",
    "<template><p>a</p></template><rp>(</rp>b",
])
def test_the_rules_hold_where_they_are_subtle(html):
    assert plain(html) == soup_text(html)
