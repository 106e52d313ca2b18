"""The structure of a decision's text as staff write it: articles, paragraphs, letters, annexes.

A body is read line by line into `Part`s: the decision itself (annex "") and
each annex written in the body under a heading (`## Anexa nr. 1 …`,
`**ANEXĂ**`). A part holds its articles (`Unit`) and the plain text between
them (`Passage`: the preamble, chapter headings, the signatures). An article
holds its paragraphs, a paragraph (or an article without paragraphs) its
letters. Every unit keeps the line of the file it starts on, so that a
change aimed at it can be reported where it stands.

Forms recognised (with or without bold, `Art.` or `Articolul`, a number
raised as `12^1` or `12¹`):

    **Art. 1.** Se aprobă …            Art. 12^1. - Operatorii …
    **Articolul 3** – Text             **Art. 27.** (1) Primul alineat …
    (2) Al doilea alineat …            a) prima literă; - b^1) o literă inserată

A line that starts like an article but goes on with words ("Articolul 12 din
Regulamentul …", "Art. 3 alin. (2) se modifică") is text, not an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUP = r"(?:\s*\^\s*(?P<sup>\d+)|(?P<usup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))?"
ARTICLE_RE = re.compile(
    r"^\s*(?:\*\*|__)?\s*Art(?:icolul|\.)\s*(?P<num>\d+)" + _SUP
    + r"(?P<end>\s*\.?\s*(?:\*\*|__)\s*\.?|\s*\.|\s+[-–—](?=\s|$)|\s*$)\s*(?:[-–—]\s+)?(?P<rest>.*)$",
    re.IGNORECASE)
PARAGRAPH_RE = re.compile(r"^\s*(?:[-*+]\s+)?\((?P<num>\d+)" + _SUP + r"\)(?:\s+|$)(?P<rest>.*)$")
LETTER_RE = re.compile(r"^\s*(?:[-*+]\s+)?(?P<num>[a-z])" + _SUP + r"\)\s+(?P<rest>.*)$")
ANNEX_RE = re.compile(
    r"^\s*(?:#{1,6}\s*(?:\*\*)?\s*Anex[aă]|\*\*\s*Anex[aă]|ANEX[AĂ])\b\s*(?:nr\.?\s*(?P<num>\d+))?",
    re.IGNORECASE)

def annex_headings(body: str) -> tuple[str, ...]:
    """The headings of the annexes written in a decision's body („Anexa nr. 1 – Regulamentul …”), as
    `parse` recognises them (a line after a blank one), without their Markdown marks: read when the
    file is, so that a list of regulations needs no body read again."""
    found, blank_before = [], True
    for line in body.split("\n"):
        if blank_before and ANNEX_RE.match(line):
            found.append(line.strip().lstrip("#").strip().replace("**", "").replace("__", "").strip())
        blank_before = not line.strip()
    return tuple(found)


KINDS = ("article", "paragraph", "letter")
KIND_NAMES = {"article": "articolul", "paragraph": "alineatul", "letter": "litera"}


def label(number: str, sup: str | None = None, usup: str | None = None) -> str:
    """`12`, `1` → `12^1`; `12`, `¹` → `12^1`; letters stay lower case (`b^1`)."""
    raised = sup or (usup.translate(SUPERSCRIPTS) if usup else "")
    return f"{number.lower()}^{int(raised)}" if raised else number.lower()


def normal_label(written: str) -> str:
    """A number as staff write it in front matter (`12^1`, `12¹`, `12 ^ 1`, `(2)`, `b)`) → its label."""
    text = written.strip().strip("()").rstrip(")").strip().lower()
    match = re.fullmatch(r"(?P<num>\d+|[a-z])" + _SUP, text)
    return label(match["num"], match["sup"], match["usup"]) if match else text


def sort_key(unit_label: str) -> tuple:
    """`12` < `12^1` < `12^2` < `13`; `a` < `a^1` < `b`."""
    base, _, raised = unit_label.partition("^")
    return (int(base) if base.isdigit() else base, int(raised) if raised.isdigit() else 0)


@dataclass(frozen=True)
class Unit:
    kind: str  # article | paragraph | letter
    label: str  # "12^1", "2", "b"
    text: str  # its own text, without its marker ("" when all of it is in its children)
    line: int  # the file line it starts on
    children: tuple["Unit", ...] = ()
    # Set by consolidation only: the act that last changed the unit and since when.
    changed_by: str = ""  # NUMBER/YEAR
    since: str = ""  # ISO date
    action: str = ""  # replace | insert-after | repeal
    repealed: bool = False

    def child(self, kind: str, unit_label: str) -> "Unit | None":
        return next((c for c in self.children if c.kind == kind and c.label == unit_label), None)


@dataclass(frozen=True)
class Passage:
    text: str  # Markdown lines as written
    line: int


@dataclass(frozen=True)
class Part:
    annex: str  # "" for the decision's own articles; the annex's number ("1" for a single unnumbered annex)
    heading: str  # the annex heading as written ("" for the decision)
    line: int
    blocks: tuple[Unit | Passage, ...] = ()

    def article(self, unit_label: str) -> Unit | None:
        return next((b for b in self.blocks if isinstance(b, Unit) and b.label == unit_label), None)

    @property
    def articles(self) -> list[Unit]:
        return [b for b in self.blocks if isinstance(b, Unit)]


@dataclass(frozen=True)
class Text:
    parts: tuple[Part, ...] = field(default_factory=tuple)

    def part(self, annex: str) -> Part | None:
        return next((p for p in self.parts if p.annex == annex), None)


class _Builder:
    """Mutable units while the body is read; frozen at the end."""

    def __init__(self, kind: str, unit_label: str, text: str, line: int):
        self.kind, self.label, self.lines, self.line = kind, unit_label, [text] if text else [], line
        self.children: list[_Builder] = []

    def freeze(self) -> Unit:
        return Unit(self.kind, self.label, "\n".join(self.lines).strip(), self.line,
                    tuple(c.freeze() for c in self.children))


def parse(body: str, first_line: int = 1) -> Text:
    """The structure of a Markdown body whose first line is line `first_line` of its file."""
    parts: list[Part] = []
    annex, heading, part_line = "", "", first_line
    blocks: list = []
    passage: list[str] = []
    passage_line = first_line
    article: _Builder | None = None
    current: _Builder | None = None  # the unit the next continuation line belongs to
    annex_count = 0

    def close_passage():
        nonlocal passage
        text = "\n".join(passage).strip("\n")
        if text.strip():
            blocks.append(Passage(text, passage_line))
        passage = []

    def close_article():
        nonlocal article, current
        if article is not None:
            blocks.append(article.freeze())
        article = current = None

    def close_part():
        close_article()
        close_passage()
        parts.append(Part(annex, heading, part_line, tuple(blocks)))

    blank_before = True
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if not line.strip():
            blank_before = True
            current = None if article is None else current
            if article is None and passage:
                passage.append("")
            continue
        annex_match = ANNEX_RE.match(line) if blank_before else None
        article_match = ARTICLE_RE.match(line)
        paragraph_match = PARAGRAPH_RE.match(line) if article is not None else None
        letter_match = LETTER_RE.match(line) if article is not None else None
        if annex_match:
            close_part()
            annex_count += 1
            annex, heading, part_line, blocks = annex_match["num"] or str(annex_count), line.strip(), number, []
            passage_line = number + 1
        elif article_match:
            close_article()
            close_passage()
            article = _Builder("article", label(article_match["num"], article_match["sup"], article_match["usup"]),
                               "", number)
            current = article
            rest = article_match["rest"].strip()
            inner = PARAGRAPH_RE.match(rest)
            if inner:
                paragraph = _Builder("paragraph", label(inner["num"], inner["sup"], inner["usup"]),
                                     inner["rest"], number)
                article.children.append(paragraph)
                current = paragraph
            elif rest:
                article.lines.append(rest)
        elif paragraph_match:
            paragraph = _Builder("paragraph", label(paragraph_match["num"], paragraph_match["sup"],
                                                    paragraph_match["usup"]), paragraph_match["rest"], number)
            article.children.append(paragraph)
            current = paragraph
        elif letter_match:
            parent = article.children[-1] if article.children and article.children[-1].kind == "paragraph" \
                else article
            letter = _Builder("letter", label(letter_match["num"], letter_match["sup"], letter_match["usup"]),
                              letter_match["rest"], number)
            parent.children.append(letter)
            current = letter
        elif current is not None and not blank_before:
            current.lines.append(line.strip())
        else:  # plain text: ends the article
            close_article()
            if not passage:
                passage_line = number
            passage.append(line)
        blank_before = False
    close_part()
    return Text(tuple(parts))


def parse_fragment(text: str, kind: str, first_line: int = 1) -> Unit | None:
    """One unit written in a change (`Art. 12^1. …`, `(2) …`, `c) …`); None when `text` does not
    start with a marker of `kind`."""
    lines = text.strip("\n").split("\n")
    if kind == "article":
        parsed = parse(text, first_line)
        articles = [u for p in parsed.parts for u in p.articles]
        return articles[0] if articles and ARTICLE_RE.match(lines[0]) else None
    pattern = PARAGRAPH_RE if kind == "paragraph" else LETTER_RE
    match = pattern.match(lines[0])
    if not match:
        return None
    wrapper = parse("**Art. 1.**\n" + text.strip("\n"), first_line - 1)
    article = wrapper.parts[0].articles[0]
    found = [c for c in article.children if c.kind == kind] or \
        [g for c in article.children for g in c.children if g.kind == kind]
    return found[0] if found else None


def name(kind: str, unit_label: str) -> str:
    """`articolul 12^1`, `alineatul (2)`, `litera c)`."""
    if kind == "paragraph":
        return f"alineatul ({unit_label})"
    if kind == "letter":
        return f"litera {unit_label})"
    return f"articolul {unit_label}"
