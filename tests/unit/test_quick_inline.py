"""The quick inline processor gives python-markdown's own HTML, faster."""

import os

import markdown
from hypothesis import given, settings, strategies as st

from bench import synth
from support import trees
from transparency import frontmatter, markup
from transparency.quick_inline import TRIGGERS, QuickInlineProcessor


def plain_converter():
    return markdown.Markdown(extensions=list(markup.EXTENSIONS), output_format="html")


def bodies_under(root):
    for path in sorted(root.rglob("*.md")):
        try:
            yield frontmatter.split(frontmatter.normalise_newlines(path.read_text(encoding="utf-8"))).body
        except (frontmatter.FrontMatterError, UnicodeDecodeError):
            continue


def assert_same_html(texts):
    quick, plain = markup.converter(), plain_converter()
    for text in texts:
        assert quick.reset().convert(text) == plain.reset().convert(text), text


def test_the_converter_uses_it_and_knows_every_inline_pattern():
    md = markup.converter()
    assert isinstance(md.treeprocessors["inline"], QuickInlineProcessor)
    names = [item.name for item in md.inlinePatterns._priority]
    assert set(names) <= set(TRIGGERS), "a pattern without its trigger characters is tried every time"


def test_same_html_on_every_council_we_ship_and_test(tmp_path):
    texts = [*bodies_under(trees.ROOT / "content"), *bodies_under(trees.FIXTURES)]
    texts += bodies_under(synth.generate(tmp_path / "content", 120).root)
    assert len(texts) > 200
    assert_same_html(texts)


MARKUP = st.sampled_from(["*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "![", "<", ">", "&", "&amp;",
                          "&#", ";", "\n", "  \n", "\n\n", "[^1]", "[^1]: n\n", "[a]: /b\n", "<b>", "</b>",
                          "<http://x.ro>", "<a@b.ro>", "*[HCJ]: H\n", " ", "ș", "HCJ", "1.", "- ", "> ", "#"])


# CI replays the same cases every time; a developer's run explores new ones.
@settings(max_examples=400, deadline=None, derandomize=bool(os.environ.get("CI")))
@given(st.lists(st.one_of(MARKUP, st.text(alphabet="aăâbcșțx 0", max_size=6)), max_size=40))
def test_same_html_on_fuzzed_markdown(pieces):
    assert_same_html(["".join(pieces)])
