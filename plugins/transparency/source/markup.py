"""Markdown bodies → safe HTML, with council decisions linked where cited.

Staff may paste raw HTML; nh3 (the ammonia sanitiser) keeps only markup that
is valid HTML5 and harmless, and the build names the file and line of
anything it had to remove. Mentions such as „HCJ nr. 45/2024” become links
when that decision exists; citations of laws never do.
"""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser
from typing import NamedTuple

import markdown
import nh3
from markdown.extensions.attr_list import get_attrs_and_remainder

from ..domain.authority import COUNTY, LOCAL, Authority
from ..domain.problems import Problems
from .quick_blocks import QuickBlocksExtension, guarded
from .quick_inline import QuickInlineExtension
from ..domain.text import fold

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "q": {"cite"}, "blockquote": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ("extra", "sane_lists")  # python-markdown's; the Quick… extensions only make them faster

# Matched on the body with HTML character references decoded (as a browser
# reads an attribute: `JaVaScRiPt&colon;` is `javascript:`); `\s` spans lines,
# so an attack split over two lines is still found, at the line it starts.
DANGEROUS = (
    (re.compile(r"<\s*(script|style|iframe|object|embed|form|base|meta|link|frame|frameset)\b", re.I),
     "elementul HTML nepermis <{}> a fost eliminat"),
    (re.compile(r"<[^>]*?\s(on[a-z]+)\s*=", re.I), "atributul de eveniment „{}” a fost eliminat"),
    (re.compile(r"(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:)", re.I), "legătura „javascript:” a fost eliminată"),
    (re.compile(r"(v\s*b\s*s\s*c\s*r\s*i\s*p\s*t\s*:)", re.I), "legătura „vbscript:” a fost eliminată"),
    (re.compile(r"(?:=\s*[\"']?|\]\(\s*<?)\s*(d\s*a\s*t\s*a\s*:)", re.I), "adresa „data:” a fost eliminată"),
)

# Matched on folded, lower-case text (same length as the original, so the
# spans apply to the original). „HCJ nr. 45/2024”, „Hotărârea nr. 45/2024”,
# „Hotărârea Consiliului Județean Cluj nr. 45/2024”, …
ISSUER = (r"consiliului\s+(?P<kind>judetean|local)"  # a council, and the place it is of
          r"(?:\s+(?:al\s+)?(?:(?:judetului|municipiului|orasului|comunei|sectorului)\s+)?"
          r"(?P<place>[a-z][\w-]*(?:\s+[a-z][\w-]*)?))?")
MENTION_RE = re.compile(
    r"\b(?:(?P<abbr>h\.?c\.?(?P<letter>[jl])\.?)|hotarar(?:ea|ii|ile|ilor|e))"
    r"(?:\s+(?:a\s+)?" + ISSUER + r")?"
    r"\s+nr\.?\s*(?P<number>\d{1,5})\s*/\s*(?P<year>\d{4})\b"
)
ISSUER_AFTER_RE = re.compile(r",?\s+(?:a|al)\s+" + ISSUER)  # „Hotărârea nr. 4/2026 a Consiliului Județean Arad”
KINDS = {"j": COUNTY, "l": LOCAL}  # HCJ, HCL


def names_this_council(authority: Authority, folded: str, match: re.Match) -> bool:
    """Whether the mention `match` (in `folded`) may be one of the decisions of the council
    `authority` describes: no other kind of council (HCJ, HCL, „Consiliului Județean/Local”) and no
    other place is named before the number or right after it; what the council's name does not
    show is not checked."""
    named = [(KINDS.get(match.group("letter") or ""), None), (match.group("kind"), match.group("place"))]
    if after := ISSUER_AFTER_RE.match(folded, match.end()):
        named.append((after.group("kind"), after.group("place")))
    # a place of two words („satu mare”) by its first, as Authority.of keeps it
    return not any((kind and authority.kind and kind != authority.kind)
                   or (place and authority.place and place.split()[0] != authority.place) for kind, place in named)


TAG_RE = re.compile(r"(<[^>]+>)")


class Removal(NamedTuple):
    line: int  # counted from 0, the first line of the text
    message: str
    expected: str


SAFE_TEXT = "text Markdown simplu, fără scripturi"
PLAIN_TEXT = "text Markdown simplu, fără HTML"
DANGEROUS_ELEMENTS = {"script", "style", "iframe", "object", "embed", "form", "base", "meta", "link", "frame",
                      "frameset"}  # reported by DANGEROUS, even when written so that no HTML parser sees a tag
SCHEME_RE = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.I)
URL_ATTRIBUTES = {"href", "src"}  # those whose scheme nh3 checks
ANY_ELEMENT_ATTRIBUTES = set().union(*ALLOWED_ATTRIBUTES.values())
FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INDENTED_RE = re.compile(r"^(?: {4}|\t)")
LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[*+-]|\d+\.)[ \t]")
CODE_SPAN_RE = re.compile(r"(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
# python-markdown's level-1 headings: "# Title" (no space needed), or a text line underlined with "=".
H1_RE = re.compile(r"^(?:#(?!#)|=+[ ]*$)", re.M)
# Markdown links and images, inline ("](ftp://…") or by reference ("[x]: ftp://…").
LINK_SCHEME_RE = guarded(re.compile(r"\]\(\s*<?([a-z][a-z0-9+.-]*):|^ {0,3}\[[^\]\n]+\]:\s*<?([a-z][a-z0-9+.-]*):",
                                    re.I | re.M))
# Links to a source file (`](../2025/hcj-2025-143.md)`, Pelican's `{filename}/…`): the site has no such
# page; the public address, or the citation the build links by itself, is what works.
FILE_LINK_RE = guarded(re.compile(r"\]\(\s*<?(?![a-z][a-z0-9+.-]*:)([^()\s<>]*?(?:\.md|\{filename\}[^()\s<>]*))"
                                  r"(?:#[^()\s<>]*)?>?[\s)]"
                                  r"|^ {0,3}\[[^\]\n]+\]:\s*<?(?![a-z][a-z0-9+.-]*:)(\S*?(?:\.md|\{filename\}\S*))"
                                  r"(?:#\S*)?>?(?:\s|$)",
                                  re.I | re.M))
# Links to an address (`](/hotarari/2025/5/)`, `[1]: https://…`, `<a href="/…">`, `<img src="…">`): kept with
# their lines (`address_links`), for the build to say which lead to no page of the site (publish/links.py).
ADDRESS_LINK_RE = guarded(re.compile(r"\]\(\s*<?((?:/(?!/)|https?://)[^()\s<>]*)"
                                     r"|^ {0,3}\[[^\]\n]+\]:\s*<?((?:/(?!/)|https?://)[^\s<>]*)"
                                     r"|<[a-z][^>]*?\s(?:href|src)\s*=\s*[\"']?((?:/(?!/)|https?://)[^\"'\s<>]*)",
                                     re.I | re.M))
# What a link that leads nowhere on the site should be instead.
LINK_EXPECTED = ("adresa publică a documentului (de exemplu /hotarari/2025/143/), sau numai „HCJ nr. 143/2025” în "
                 "text, care devine singur legătură")
# attr_list ({: .class style="…"}) at the end of a heading, or on the last line of a block.
HEADING_ATTRS_RE = re.compile(r"^#{1,6}.*?[ ]+\{:?[ ]*([^}\n ][^\n]*)\}[ ]*$")
BLOCK_ATTRS_RE = re.compile(r"^[ ]*\{:?[ ]*([^}\n ][^\n]*)\}[ ]*$")
INLINE_ATTRS_RE = re.compile(r"(?<=[*_)\]`>])\{:?[ ]*([^}\n ][^}\n]*)\}")  # after emphasis, a link, code…


def report_dangerous(body: str, first_line: int, display: str, problems: Problems, masked: str | None = None) -> None:
    """Warn, at its line, of everything the sanitiser will remove from a Markdown body (`masked`: its
    `code_masked`, when the caller has it already)."""
    masked = code_masked(body) if masked is None else masked
    _report(dangerous(body) + removed_markup(masked) + removed_by_markdown(masked), first_line, display, "text",
            problems)
    for link in FILE_LINK_RE.finditer(masked):
        problems.warning(display, first_line + _line_at(masked, link.start()), "text",
                         f"legătura către „{link.group(1) or link.group(2)}” duce la un fișier al arhivei, pe care "
                         "site-ul nu îl publică: pe site, legătura nu duce nicăieri", LINK_EXPECTED)


def address_links(body: str, first_line: int, masked: str | None = None) -> tuple[tuple[int, str], ...]:
    """(line, address as written) of each link of a Markdown body to a path from the root (`/…`) or
    to an `http(s)://` address, outside code: those of them that lead into the site are checked
    once the build knows every address of it (publish/links.py); `masked`: as `report_dangerous`."""
    masked = code_masked(body) if masked is None else masked
    return tuple((first_line + _line_at(masked, link.start()), next(filter(None, link.groups())))
                 for link in ADDRESS_LINK_RE.finditer(masked))


def report_field(value: str, line: int, display: str, field_name: str, problems: Problems) -> None:
    """Warn of everything the sanitiser will remove from a front-matter field shown as HTML (`clean`);
    every warning at the field's line."""
    found = dangerous(value) + removed_markup(value)
    _report([Removal(0, r.message, r.expected) for r in found], line, display, field_name, problems)


def _report(found: list[Removal], first_line: int, display: str, field_name: str, problems: Problems) -> None:
    for removal in found:
        problems.warning(display, first_line + removal.line, field_name, f"{removal.message} din pagina publică",
                         removal.expected)


def dangerous(text: str) -> list[Removal]:
    """Script and its carriers, found even when obfuscated: with character references decoded (as a
    browser reads an attribute) and across lines (an attack split over two lines is found where it starts)."""
    if "&" in text:  # else each line would be itself: nothing to decode
        text = "\n".join(html_lib.unescape(line).replace("\n", " ") for line in text.split("\n"))
    return [Removal(text.count("\n", 0, match.start()), message.format(match.group(1).lower()), SAFE_TEXT)
            for pattern, message in DANGEROUS for match in pattern.finditer(text)]


class _TagFinder(HTMLParser):
    """Every start tag of a text, with its line (from 0), as python-markdown passes raw HTML through."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((self.getpos()[0] - 1, tag, attrs))

    handle_startendtag = handle_starttag


def removed_markup(text: str) -> list[Removal]:
    """The elements, attributes and addresses of raw HTML in `text` that `clean` removes (but those
    `dangerous` reports)."""
    if "<" not in text:
        return []
    finder = _TagFinder()
    finder.feed(text)
    finder.close()
    found = []
    for line, tag, attrs in finder.tags:
        scheme = SCHEME_RE.match(tag)
        if scheme or "@" in tag:  # an autolink, <https://…> or <nume@exemplu.ro>: Markdown makes it a link
            found += _removed_address(line, scheme.group(1).lower() if scheme else "mailto")
        elif tag in DANGEROUS_ELEMENTS:
            continue
        elif tag not in ALLOWED_TAGS:
            expected = "„## ” pentru titlurile din text (titlul paginii este „title”)" if tag == "h1" else PLAIN_TEXT
            found.append(Removal(line, f"elementul HTML nepermis <{tag}> a fost eliminat", expected))
        else:
            for name, value in attrs:
                if name.startswith("on") or name == "markdown":  # on…: `dangerous`; markdown="1": md_in_html's
                    continue
                if name not in ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set()):
                    found.append(Removal(line, f"atributul HTML „{name}” al elementului <{tag}> a fost eliminat",
                                         PLAIN_TEXT))
                elif name in URL_ATTRIBUTES and value and SCHEME_RE.match(value):
                    found += _removed_address(line, SCHEME_RE.match(value).group(1).lower())
    return found


def _removed_address(line: int, scheme: str) -> list[Removal]:
    if scheme in URL_SCHEMES or scheme in ("javascript", "vbscript", "data"):  # the last ones: `dangerous`
        return []
    return [Removal(line, f"adresa „{scheme}:” a fost eliminată",
                    f"o adresă {', '.join(f'{s}:' for s in sorted(URL_SCHEMES))} sau relativă")]


def removed_by_markdown(text: str) -> list[Removal]:
    """What Markdown written by staff turns into markup that `clean` removes: level-1 headings,
    links to addresses of other schemes than URL_SCHEMES, and attribute lists ({: .class style="…"})
    giving anything but an id, title or language."""
    found = [Removal(_line_at(text, match.start()), "marcajul de titlu de nivel 1 (# sau ===), al cărui text rămâne, a fost eliminat",
                     "„## ” pentru titlurile din text (titlul paginii este „title”)") for match in H1_RE.finditer(text)
             if match.group().startswith("#") or _line_before(text, match.start()).strip()]
    for link in LINK_SCHEME_RE.finditer(text):
        found += _removed_address(_line_at(text, link.start()), (link.group(1) or link.group(2)).lower())
    return found + (_removed_attributes(text) if "{" in text else [])


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def _line_before(text: str, offset: int) -> str:
    """The line before the one starting at `offset` ("" for the first)."""
    return text[text.rfind("\n", 0, max(offset - 1, 0)) + 1:max(offset - 1, 0)]


def _removed_attributes(text: str) -> list[Removal]:
    found, previous = [], ""
    for line, written in enumerate(text.split("\n")):
        block = HEADING_ATTRS_RE.match(written) or (previous.strip() and BLOCK_ATTRS_RE.match(written))
        for attrs in [block] if block else INLINE_ATTRS_RE.finditer(written):
            names = sorted({"class" if key == "." else key for key, _ in get_attrs_and_remainder(attrs.group(1))[0]}
                           - ANY_ELEMENT_ATTRIBUTES)
            found += [Removal(line, f"atributul „{name}” din lista {{: …}} a fost eliminat", PLAIN_TEXT)
                      for name in names]
        previous = written
    return found


def could_hold_code(body: str) -> bool:
    """Whether `body` holds a backtick, a `~~~` or a line indented by four spaces or a tab: no code
    without one (what a regular expression over every line said, without scanning every line)."""
    return "`" in body or "~~~" in body or "\n    " in body or "\n\t" in body or body.startswith(("    ", "\t"))


def code_masked(body: str) -> str:
    """`body` with the inside of code (spans, fenced blocks, indented blocks) blanked, keeping lines
    and columns: HTML written there is shown as text, never removed."""
    if not could_hold_code(body):
        return body
    lines, fence, in_code, in_list, previous = body.split("\n"), "", False, False, ""
    for index, line in enumerate(lines):
        opened = FENCE_RE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            lines[index] = " " * len(line)
        elif opened:
            fence = opened.group(1)
        elif INDENTED_RE.match(line):
            # An indented block after a blank line is code, unless it continues a list item.
            in_code = in_code or (not previous.strip() and not in_list)
            if in_code:
                lines[index] = " " * len(line)
        elif line.strip():
            in_code = False
            in_list = bool(LIST_ITEM_RE.match(line)) or (in_list and bool(previous.strip()))
        previous = line
    return CODE_SPAN_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(lines))


def converter() -> markdown.Markdown:
    """A Markdown converter for `render`; one converter serves many bodies."""
    return markdown.Markdown(extensions=[*EXTENSIONS, QuickInlineExtension(), QuickBlocksExtension()],
                             output_format="html")


# A table of a body scrolls in a region of its own on a narrow screen (theme `.scroll`): named and
# reachable by the keyboard (WCAG 2.1.1; Safari does not focus a scrolling element by itself). Put
# around the tables of nh3's output, in which `<table` can only start a tag (its serializer escapes
# every `<` of text and attribute values); staff's own markup gets no such attributes (ALLOWED_ATTRIBUTES).
TABLE_START = re.compile(r"<table(?=[\s>])")
SCROLLING_TABLE = '<div class="scroll" tabindex="0" role="region" aria-label="Tabel din text"><table'


def render(body: str, md: markdown.Markdown | None = None) -> str:
    """Safe HTML of a Markdown body; `md` (from `converter()`) saves setting one up per body."""
    md = md.reset() if md is not None else converter()
    html = clean(md.convert(body))
    if "<table" not in html:
        return html
    return TABLE_START.sub(SCROLLING_TABLE, html).replace("</table>", "</table></div>")


def clean(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel=None, clean_content_tags={"script", "style"})


def link_mentions(html: str, url_for_citation, authority: Authority) -> str:
    """Wrap mentions of this council's decisions (`authority`: another council's are left as text)
    in links; `url_for_citation("45/2024")` → URL or None."""
    parts = TAG_RE.split(html)
    inside_link = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = part[1:].split(None, 1)[0].lower().rstrip(">") if len(part) > 2 else ""
            if name == "a":
                inside_link += 1
            elif name == "/a":
                inside_link = max(0, inside_link - 1)
            continue
        if inside_link or "/" not in part:  # every mention has its slash: N/YYYY
            continue
        parts[index] = _link_text(part, url_for_citation, authority)
    return "".join(parts)


def _link_text(text: str, url_for_citation, authority: Authority) -> str:
    folded = fold(text).lower()
    pieces, last = [], 0
    for match in MENTION_RE.finditer(folded):
        url = url_for_citation(f"{int(match.group('number'))}/{match.group('year')}")
        if not url or not names_this_council(authority, folded, match):
            continue
        pieces.append(text[last:match.start()])
        pieces.append(f'<a href="{url}">{text[match.start():match.end()]}</a>')
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)
