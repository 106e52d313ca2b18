"""A body's HTML as the text a visitor reads: what the search index analyses.

The text is read by the standard library's HTML tokenizer, the one Beautiful
Soup's "html.parser" builder drives, with the rules that builder applies
kept here (a tree of Beautiful Soup objects is not built: it cost a
millisecond a body, 1.03 against 0.22 ms measured on the synthetic
council's bodies, eight processor-seconds of a cold build at 10,000
documents). tests/unit/test_body_text.py checks this reading against a walk
of Beautiful Soup's own tree, on every shipped body and on generated HTML.

The rules: the start and end of an element are a space each, but those of
inline elements (INLINE_TAGS) vanish, so that a linked mention reads as the
same words as an unlinked one; a void element (<br>) has one edge; an end
tag closes every element opened since its own start tag, and one that
closes nothing is ignored; elements still open at the end are closed there.
Comments, declarations and attribute values are not text, nor is the text
of <script>, <style>, <template>, <rt> and <rp>. A run of text made only of
ASCII white space becomes one newline (if it holds one) or one space, except
inside <pre> and <textarea>. Character references are decoded as HTML5 says
(html.unescape); bodies come from the cleaner (source/markup.py), which
writes only &amp; &lt; &gt; &quot; and &nbsp;, read alike by both.

The cleaner writes HTML of a narrow, regular shape: lower-case tags, every
attribute value in double quotes, no comment, script or raw `<`. Such HTML is
split by one regular expression and read by one loop (`_regular`), with the
same rules, in under half the tokenizer's time (1.1 against 2.7 processor-
seconds for the 10,006 bodies of the benchmark's council); anything outside
that shape is read by the tokenizer. Both readings are checked against Beautiful Soup's.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

# Elements inside a line of text: their edges join nothing that was apart, so they vanish (a
# linked mention reads as the same words as an unlinked one); every other element's edges are spaces.
INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
                         "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "menuitem",
                       "meta", "param", "source", "track", "wbr", "basefont", "bgsound", "command", "frame",
                       "image", "isindex", "nextid", "spacer"})  # HTML5's, and older HTML's
NOT_TEXT = frozenset({"script", "style", "template", "rt", "rp"})  # what they hold is not read as text
KEEP_SPACES = frozenset({"pre", "textarea"})
ASCII_SPACES = frozenset(" \n\t\x0c\r")
SPACES = "".join(sorted(ASCII_SPACES))  # for str.strip


def shown(run: str, keeping: int) -> str:
    """A run of text as read: made only of ASCII white space, one newline (if it holds one) or one
    space, unless white space is kept (`keeping`: how many <pre>, <textarea> are open)."""
    if not keeping and not run.strip(SPACES):
        return "\n" if "\n" in run else " "
    return run


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.run: list[str] = []  # the text since the last tag (the tokenizer may give it in parts)
        self.open: list[str] = []  # the elements open, innermost last
        self.counts: dict[str, int] = {}  # how many of each name are open
        self.hidden = self.keeping = 0  # how many NOT_TEXT, KEEP_SPACES elements are open
        self.ended_voids: dict[str, int] = {}  # void elements opened as <br>, whose </br> may follow

    def flush(self) -> None:
        if not self.run:
            return
        text = "".join(self.run)
        self.run.clear()
        if self.hidden:
            return
        self.pieces.append(shown(text, self.keeping))

    def handle_data(self, data: str) -> None:
        self.run.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        self.start(tag)
        if tag in VOID_TAGS:  # as Beautiful Soup: closed at once, and a later </br> is that end
            self.ended_voids[tag] = self.ended_voids.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs) -> None:  # <br/>, <p/>: opened and closed
        self.start(tag)
        self.end(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.ended_voids.get(tag):
            self.ended_voids[tag] -= 1  # a void element's own end tag: not even the end of a text
            return
        self.end(tag)

    def start(self, tag: str) -> None:
        self.flush()
        self.pieces.append("" if tag in INLINE_TAGS else " ")
        if tag in VOID_TAGS:  # one edge: it holds nothing
            return
        self.open.append(tag)
        self.counts[tag] = self.counts.get(tag, 0) + 1
        self.hidden += tag in NOT_TEXT
        self.keeping += tag in KEEP_SPACES

    def end(self, tag: str) -> None:
        self.flush()
        if self.counts.get(tag):  # else it closes nothing
            while self.close_innermost() != tag:
                pass

    def close_innermost(self) -> str:
        tag = self.open.pop()
        self.counts[tag] -= 1
        self.hidden -= tag in NOT_TEXT
        self.keeping -= tag in KEEP_SPACES
        self.pieces.append("" if tag in INLINE_TAGS else " ")
        return tag

    def handle_comment(self, data: str) -> None:
        self.flush()

    def handle_decl(self, decl: str) -> None:
        self.flush()

    def handle_pi(self, data: str) -> None:
        self.flush()

    def unknown_decl(self, data: str) -> None:
        self.flush()

    def close(self) -> None:
        super().close()
        self.flush()
        while self.open:
            self.close_innermost()


def plain(html_text: str) -> str:
    """Body HTML as the text a visitor reads (module docstring): its white space as it comes,
    character references decoded."""
    text = _regular(html_text)
    if text is None:
        reader = _Reader()
        reader.feed(html_text)
        reader.close()
        text = "".join(reader.pieces)
    return text


# HTML of the cleaner's shape: text without `<`, and tags whose every attribute value is in double
# quotes (none holds `<` or `>` here: such a tag is not of the shape), so that the tokenizer would
# see the same tags and the same runs of text. Elements whose content the tokenizer reads as raw
# text (CDATA_CONTENT_ELEMENTS, and those newer Pythons add) are not of the shape either.
SPLIT_TAGS = re.compile(r"(<[^<>]*>)")
REGULAR_TAG = re.compile(r"<(?:([a-zA-Z][a-zA-Z0-9]*)(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?)*\s*(/?)"
                         r"|/([a-zA-Z][a-zA-Z0-9]*))>")
RAW_TEXT = NOT_TEXT | {"textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}


def _regular(html_text: str) -> str | None:
    """`_Reader`'s reading of HTML of the cleaner's shape, in one loop; None for any other HTML."""
    pieces: list[str] = []
    append = pieces.append
    run: list[str] = []  # the text since the last tag that ends a run (a void's own end tag does not)
    opened: list[str] = []
    counts: dict[str, int] = {}
    ended_voids: dict[str, int] = {}
    keeping = 0
    for index, part in enumerate(SPLIT_TAGS.split(html_text)):
        if not index % 2:  # text
            if part:
                if "<" in part:
                    return None
                run.append(unescape(part) if "&" in part else part)
            continue
        tag = REGULAR_TAG.fullmatch(part)
        if tag is None:
            return None
        start, self_closed, end = tag.groups()
        name = (start or end).lower()
        if end is not None and ended_voids.get(name):
            ended_voids[name] -= 1  # a void element's own end tag: not even the end of a text
            continue
        if run:
            text = "".join(run)
            run.clear()
            append(shown(text, keeping))
        if start is not None:
            if name in RAW_TEXT:
                return None
            append("" if name in INLINE_TAGS else " ")
            if name in VOID_TAGS:  # one edge; opened as <br>, its </br> may follow
                if not self_closed:
                    ended_voids[name] = ended_voids.get(name, 0) + 1
            elif self_closed:  # <p/>: opened and closed
                append("" if name in INLINE_TAGS else " ")
            else:
                opened.append(name)
                counts[name] = counts.get(name, 0) + 1
                keeping += name in KEEP_SPACES
        elif counts.get(name):  # else it closes nothing
            while True:
                innermost = opened.pop()
                counts[innermost] -= 1
                keeping -= innermost in KEEP_SPACES
                append("" if innermost in INLINE_TAGS else " ")
                if innermost == name:
                    break
    if run:
        text = "".join(run)
        append(shown(text, keeping))
    pieces.extend("" if name in INLINE_TAGS else " " for name in reversed(opened))
    return "".join(pieces)
