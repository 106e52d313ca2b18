"""The quick inline processor gives python-markdown's own HTML, faster."""

import os
import re

import markdown
from hypothesis import given, settings, strategies as st

from bench import synth
from support import trees
from transparency.source import frontmatter, markup
from importlib import metadata

from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor

from transparency.source.quick_inline import SUPPORTED, QuickInlineExtension, QuickInlineProcessor, required_characters


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
    processor = md.treeprocessors["inline"]
    assert isinstance(processor, QuickInlineProcessor)
    untried = [item.name for item in md.inlinePatterns._priority
               if processor.test_of(md.inlinePatterns[item.name]) is None]
    assert not untried, "patterns without trigger characters are tried on every piece of text"


def test_the_installed_python_markdown_is_a_supported_version():
    # The processor overrides a private method: an upgrade must be reviewed (docs/build-cache.md).
    assert metadata.version("markdown") in SUPPORTED


def test_triggers_are_read_from_the_expressions():
    assert required_characters(re.compile(r"(~~)(.+?)~~")) == {"~"}
    assert required_characters(re.compile(r"  \n")) == {"\n"}  # not the space every text has
    assert required_characters(re.compile(r"(?:a|b)x", re.I)) == {"x", "X"}
    assert required_characters(re.compile(r"(?=`)\\|`")) == {"`"}
    for proves_nothing in (r"\w+", r"a*b?", r".", r"[^x]", r"(?!<)y?"):
        assert required_characters(re.compile(proves_nothing)) is None, proves_nothing


PROBE = st.text(alphabet="`\\[]()!<>&;#*_ \nabxAX@:/.~0", max_size=24)


@settings(max_examples=600, deadline=None, derandomize=bool(os.environ.get("CI")))
@given(PROBE)
def test_no_pattern_matches_a_text_without_its_triggers(text):
    """The regular-expression engine is the oracle: whenever a pattern matches, the text holds one
    of the characters derived for it."""
    md = markup.converter()
    for pattern in md.inlinePatterns:
        expression = pattern.getCompiledRegExp()
        chars = required_characters(expression)
        if chars is not None and expression.search(text):
            assert any(char in text for char in chars), (expression.pattern, text)


class Strikethrough(Extension):
    """A pattern the processor was never told about, added by another extension."""

    def extendMarkdown(self, md):  # noqa: N802 - python-markdown's name
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "strike", 45)
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"()(\b[A-Z]{2,}\b)()", "abbr"), "caps", 44)


def test_a_pattern_from_another_extension_is_never_skipped_wrongly():
    texts = ["a ~~b~~ c", "fără tildă", "HCJ ~~nr. 45~~ și CJ", "un ~ singur", "HCJ"]
    quick = markdown.Markdown(extensions=[*markup.EXTENSIONS, Strikethrough(), QuickInlineExtension()])
    late = markdown.Markdown(extensions=[*markup.EXTENSIONS, QuickInlineExtension(), Strikethrough()])  # after it
    plain = markdown.Markdown(extensions=[*markup.EXTENSIONS, Strikethrough()])
    for text in texts:
        assert quick.reset().convert(text) == plain.reset().convert(text) == late.reset().convert(text), text
    assert "<del>b</del>" in quick.reset().convert("a ~~b~~ c")
    assert "<abbr>HCJ</abbr>" in quick.reset().convert("HCJ")  # proves nothing: tried on every text


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
