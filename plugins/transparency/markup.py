"""Markdown bodies → safe HTML, with council decisions linked where cited.

Staff may paste raw HTML; nh3 (the ammonia sanitiser) keeps only markup that
is valid HTML5 and harmless, and the build names the file and line of
anything it had to remove. Mentions such as „HCJ nr. 45/2024” become links
when that decision exists; citations of laws never do.
"""

from __future__ import annotations

import html as html_lib
import re

import markdown
import nh3

from .problems import Problems
from .quick_inline import QuickInlineExtension
from .text import fold

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
EXTENSIONS = ("extra", "sane_lists")  # python-markdown's; QuickInlineExtension only makes them faster

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
MENTION_RE = re.compile(
    r"\b(?:h\.?c\.?j\.?|h\.?c\.?l\.?|hotarar(?:ea|ii|ile|ilor|e))"
    r"(?:\s+(?:a\s+)?consiliului\s+(?:judetean|local)(?:\s+(?:al\s+)?(?:judetului\s+)?[a-z][\w-]*)?)?"
    r"\s+nr\.?\s*(\d{1,5})\s*/\s*(\d{4})\b"
)
TAG_RE = re.compile(r"(<[^>]+>)")


def report_dangerous(body: str, first_line: int, display: str, problems: Problems) -> None:
    text = "\n".join(html_lib.unescape(line).replace("\n", " ") for line in body.split("\n"))
    for pattern, message in DANGEROUS:
        for match in pattern.finditer(text):
            problems.warning(display, first_line + text.count("\n", 0, match.start()), "text",
                             f"{message.format(match.group(1).lower())} din pagina publică",
                             "text Markdown simplu, fără scripturi")


def converter() -> markdown.Markdown:
    """A Markdown converter for `render`; one converter serves many bodies."""
    return markdown.Markdown(extensions=[*EXTENSIONS, QuickInlineExtension()], output_format="html")


def render(body: str, md: markdown.Markdown | None = None) -> str:
    """Safe HTML of a Markdown body; `md` (from `converter()`) saves setting one up per body."""
    md = md.reset() if md is not None else converter()
    return clean(md.convert(body))


def clean(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel=None, clean_content_tags={"script", "style"})


def link_mentions(html: str, url_for_citation) -> str:
    """Wrap decision mentions in links; `url_for_citation("45/2024")` → URL or None."""
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
        parts[index] = _link_text(part, url_for_citation)
    return "".join(parts)


def _link_text(text: str, url_for_citation) -> str:
    folded = fold(text).lower()
    pieces, last = [], 0
    for match in MENTION_RE.finditer(folded):
        url = url_for_citation(f"{int(match.group(1))}/{match.group(2)}")
        if not url:
            continue
        pieces.append(text[last:match.start()])
        pieces.append(f'<a href="{url}">{text[match.start():match.end()]}</a>')
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)
