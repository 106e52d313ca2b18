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
"""

from __future__ import annotations

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
        if not self.keeping and all(c in ASCII_SPACES for c in text):
            text = "\n" if "\n" in text else " "
        self.pieces.append(text)

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
    reader = _Reader()
    reader.feed(html_text)
    reader.close()
    return "".join(reader.pieces)
