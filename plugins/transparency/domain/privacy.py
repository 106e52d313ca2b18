"""Personal data that must not reach the public site by accident.

A Romanian personal numeric code (CNP) is recognised by its structure and
checksum, so ordinary 13-digit numbers (registration numbers, IBAN parts) do
not trip it; it is an error unless the document allows that exact code under
`allow_cnp:`. Private e-mail addresses (personal mail providers) and mobile
phone numbers are warnings: a human decides.

Codes are looked for in the text as a reader sees it: HTML character
references decoded, tags removed, invisible characters dropped, any decimal
digits (fullwidth ones too) read as digits, and separators between groups of
digits ignored. Every front-matter value is read, and the body; council.yml,
file names and the text of attachments are read by the pipeline (see
`scan_council`, `scan_names` and attachment_text.py).

Joining groups of digits is where ordinary prose could be mistaken for a
code (a registration number and a date, „nr. 14567/29.10.2025”, join into
13 digits that pass the checksum about once in a hundred), so groups are
joined only as a person writes one number: with one kind of separator
throughout („180.0101.123450”, „1-800-101-123-450”), or with spaces between
groups that make up, alone, the whole run of plain numbers between words
(„CNP 1800 101 123 450”, not a row of a table of amounts). What this
passes over: a code written with two kinds of separator („180 0101-123450”),
or spaced right after another number on its line („7 1800 101 123 450”).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Iterable, Iterator

from .problems import Problems

CNP_WEIGHTS = (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9)
CENTURY = {"1": 1900, "2": 1900, "3": 1800, "4": 1800, "5": 2000, "6": 2000, "7": 1900, "8": 1900}
# County codes 01–52, plus 70 (residents registered abroad / foreign citizens).
COUNTY_CODES = {f"{n:02d}" for n in range(1, 53)} | {"70"}
CNP_LENGTH = 13

EMAIL_RE = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)
# Every form an address may take in a line shown as written (a commit's message or author): a quoted
# local part (`"ion pop"@x.ro`), an address literal (`ion@[10.0.0.1]`), any characters around the @.
ANY_EMAIL_RE = re.compile(r"(?:\"[^\"\n]*\"|[^\s@<>()\[\],;:\"]+)@(?:\[[^\]\n]*\]|[^\s@<>()\[\],;:\"]+)")
PERSONAL_MAIL_DOMAINS = re.compile(
    r"^(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|"
    r"proton|protonmail|gmx|mail|zoho|yandex)\.", re.IGNORECASE)
MOBILE_RE = re.compile(r"(?<![\d/])(?:\+?40[\s.-]?|0)7\d{2}[\s.-]?\d{3}[\s.-]?\d{3}(?!\d)")
# A necessary condition of the pattern above, without its look-behind (which
# keeps the regex engine from skipping ahead): found in one fast pass.
MAYBE_MOBILE_RE = re.compile(r"0[\s.-]?7\d{2}[\s.-]?\d{3}[\s.-]?\d{3}")

# Characters that show nothing (format characters such as the zero-width space and joiners, the
# soft hyphen, word joiner and BOM, bidirectional marks, variation selectors, Hangul fillers):
# a run of digits goes on through them, and they are dropped before it is read.
INVISIBLE_CHARS = ("\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u115f\u1160\u180b-\u180e\u200b-\u200f"
                   "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0001"
                   "\U000e0020-\U000e007f")
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
# Between groups of digits: spaces, dots, dashes (hyphen, non-breaking hyphen, en and em dash,
# minus), slashes (fullwidth ones too), Markdown's emphasis, code, escape and link brackets,
# which do not show, and the invisible characters. (Digits are any decimal digits, fullwidth too.)
SEPARATOR = rf"(?:\s|[.\-\u2010-\u2015\u2212/\u2044\uff0d\uff0e\uff0f\\*_~`\[\]{INVISIBLE_CHARS}])"
NEUTRAL = re.compile(r"[\s\\*_~`\[\]]")  # what a separator is made of besides its kind
SEPARATOR_KINDS = str.maketrans({**dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d", "-"),
                                 "\uff0e": ".", "\uff0f": "/", "\u2044": "/"})
# Possessive quantifiers: a long run of separators is never tried twice (no backtracking).
# The look-ahead skips, without leaving the regex engine, every run too short to hold 13 digits.
CHAIN_RE = re.compile(rf"\d(?=(?:\d|{SEPARATOR}){{{CNP_LENGTH - 1}}})\d*+(?:{SEPARATOR}++\d++)*+")
GAP_RE = re.compile(rf"({SEPARATOR}+)")
# A Markdown reference link's label, `][…]` (`[text][label]`): not shown, as a destination is not.
REFERENCE_LABEL = re.compile(r"\]\[[^\]\n]*\]")
# A Markdown link or image destination, `](…)`: its text is not shown between the text around it.
MD_DESTINATION = re.compile(r"\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?)\)")
# Elements shown apart from the text around them: their edges separate groups of digits.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
})

SPACE, LINE_BREAK, PARAGRAPH = "", "↵", "¶"  # kinds of separator that are only blank
SPACES = (SPACE, LINE_BREAK, PARAGRAPH)

CNP_FIX = "ștergeți-l sau, dacă publicarea este legală, treceți codul exact în antet, sub „allow_cnp:”"


@dataclass(frozen=True)
class Piece:
    """Text that reads on from the piece before it, and the file line where it starts."""

    text: str
    line: int


@dataclass(frozen=True)
class Found:
    code: str  # the 13 digits, ASCII
    line: int

    @property
    def hint(self) -> str:
        """The code as reports show it: enough to find it, not the whole code again."""
        return f"{self.code[:3]}…{self.code[-2:]}"


def is_cnp(code: str) -> bool:
    """True when `code` is a structurally valid CNP with a correct checksum."""
    if len(code) != CNP_LENGTH or not code.isascii() or not code.isdigit() or code[0] not in CENTURY:
        return False
    try:
        dt.date(CENTURY[code[0]] + int(code[1:3]), int(code[3:5]), int(code[5:7]))
    except ValueError:
        return False
    if code[7:9] not in COUNTY_CODES:
        return False
    total = sum(int(d) * w for d, w in zip(code, CNP_WEIGHTS))
    control = total % 11
    return int(code[12]) == (1 if control == 10 else control)


def allowed_codes(allow_cnp: Iterable) -> frozenset[str]:
    """The codes a document allows, digits only (`"1800 101 123 450"` allows 1800101123450)."""
    return frozenset(_ascii_digits(re.sub(r"\D", "", str(code))) for code in allow_cnp)


# ---------------------------------------------------------------------------
# Reading text as it shows


def plain_pieces(text: str, first_line: int = 1) -> list[Piece]:
    return [Piece(text, first_line)]


class _MarkupText(HTMLParser):
    """The text of HTML as a browser shows it (character references decoded, tags dropped), in
    pieces with their lines; attribute values (titles, alternative texts, addresses) apart."""

    def __init__(self, first_line: int):
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.flow: list[Piece] = []
        self.attributes: list[Piece] = []

    def line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def handle_data(self, data: str) -> None:
        self.flow.append(Piece(data, self.line()))

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA["):  # text in SVG and XML (HTML shows it as a comment: read anyway)
            self.flow.append(Piece(data[len("CDATA["):], self.line()))

    def handle_starttag(self, tag: str, attrs) -> None:
        self._edge(tag)
        self.attributes += [Piece(value, self.line()) for _, value in attrs if value]

    def handle_endtag(self, tag: str) -> None:
        self._edge(tag)

    def _edge(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.flow.append(Piece(" ", self.line()))


def markup_pieces(text: str, first_line: int = 1) -> list[list[Piece]]:
    """Runs of text in HTML or Markdown: the flowing text first, then each attribute value and
    link destination on its own. Text with no markup is one run, read as written."""
    if "<" not in text and "&" not in text and "](" not in text:
        return [plain_pieces(text, first_line)]
    destinations = []
    if "](" in text:
        destinations = [[Piece(m.group(1), first_line + text.count("\n", 0, m.start()))]
                        for m in MD_DESTINATION.finditer(text)]
        text = MD_DESTINATION.sub("]", text)  # no line break inside: lines stay where they were
    parser = _MarkupText(first_line)
    parser.feed(text)
    parser.close()
    return [parser.flow, *([piece] for piece in parser.attributes), *destinations]


def codes_shown(text: str, first_line: int = 1) -> list[Found]:
    """Every CNP a reader may see in `text`, once each (in the order found): in its runs of
    text read as markup (`markup_pieces`), and in the text as written, where the markup is shown
    as it is: a front-matter field or a commit message (escaped, never markup), a code span, an
    autolink's address (`<CNP 1850101123451>` is a tag to the markup's reading, and 13 digits
    to a reader of the page that shows it)."""
    runs = markup_pieces(text, first_line)
    if len(runs) > 1 or runs[0] != plain_pieces(text, first_line):
        runs.append(plain_pieces(text, first_line))
    if "][" in text:  # a reference link's label does not show: `[185010][r]1123451` shows 13 digits
        runs.append(plain_pieces(REFERENCE_LABEL.sub("]", text), first_line))
    return list(dict.fromkeys(found for run in runs for found in find_codes(run)))


# ---------------------------------------------------------------------------
# Finding codes


def find_codes(pieces: list[Piece]) -> Iterator[Found]:
    """Every CNP in a run of text, at the line where it starts."""
    text = "".join(piece.text for piece in pieces)
    if len(text) < CNP_LENGTH:
        return
    starts, offset = [], 0
    for piece in pieces:
        starts.append(offset)
        offset += len(piece.text)

    def line_at(position: int) -> int:
        index = bisect.bisect_right(starts, position) - 1
        return pieces[index].line + text.count("\n", starts[index], position)

    for chain in CHAIN_RE.finditer(text):
        shown = INVISIBLE.sub("", chain.group(0))  # never a line break: lines are counted on it
        for position, digits in _candidates(shown):
            code = _ascii_digits(digits)
            if is_cnp(code):
                yield Found(code, line_at(chain.start()) + shown.count("\n", 0, position))


def _candidates(chain: str) -> Iterator[tuple[int, str]]:
    """(offset in `chain`, 13 digits) of each way a person may have written one number here: a
    group of 13 digits; a number of groups with one kind of separator between them; the groups
    between a word (or a number of another kind) and the next, joined by spaces only."""
    parts = GAP_RE.split(chain)
    groups, gaps = parts[0::2], parts[1::2]
    offsets = [0]
    for index, gap in enumerate(gaps):
        offsets.append(offsets[-1] + len(groups[index]) + len(gap))
    kinds = [_kind(gap) for gap in gaps]
    for index, group in enumerate(groups):
        if len(group) == CNP_LENGTH:
            yield offsets[index], group
    for first, last in _numbers(kinds):
        digits = "".join(groups[first:last + 1])
        if len(digits) == CNP_LENGTH:
            yield offsets[first], digits


def _numbers(kinds: list[str]) -> list[tuple[int, int]]:
    """(first, last) group of each stretch that may be one number: the groups joined by one kind
    of separator that is not a space, and the runs of lone groups joined by spaces only (the
    whole run, and its part on each line: a line may begin with the number of a row)."""
    found, lone, first = [], [], 0
    for index, kind in enumerate([*kinds, PARAGRAPH]):  # the end of the text ends a paragraph
        if kind not in SPACES:
            continue  # the number goes on
        if index == first:
            lone.append(first)
        else:
            if len(set(kinds[first:index])) == 1:
                found.append((first, index))
            lone = _ended(lone, kinds, found)
        if kind == PARAGRAPH:
            lone = _ended(lone, kinds, found)
        first = index + 1
    return found


def _ended(lone: list[int], kinds: list[str], found: list) -> list[int]:
    """A run of lone (adjacent) groups has ended: the stretches it makes, whole and line by line."""
    lines = [[lone[0]]] if lone else []
    for group in lone[1:]:
        if kinds[group - 1] == LINE_BREAK:
            lines.append([])
        lines[-1].append(group)
    for stretch in [lone, *(lines if len(lines) > 1 else [])]:
        if len(stretch) > 1:
            found.append((stretch[0], stretch[-1]))
    return []


def _kind(gap: str) -> str:
    """What a separator is: its visible characters ("." "-" "/"), else spaces (and Markdown
    marks) within a line, across a line break, or across a paragraph break."""
    kind = NEUTRAL.sub("", gap).translate(SEPARATOR_KINDS)
    if kind:
        return kind
    return (SPACE, LINE_BREAK, PARAGRAPH)[min(gap.count("\n"), 2)]


def _ascii_digits(digits: str) -> str:
    return digits if digits.isascii() else "".join(str(unicodedata.decimal(d, 0)) for d in digits)


# ---------------------------------------------------------------------------
# What staff wrote


def scan_document(source, text: str, display: str, allow_cnp, problems: Problems, public_contacts=()) -> None:
    """Report personal data in one document: CNPs in its front-matter values (`source.meta`) and
    body (`source.body`, from line `source.body_line`); private contacts anywhere in `text`."""
    allowed = allowed_codes(allow_cnp)
    for found, field in codes_in_values(source.meta):
        report(found, allowed, display, problems, f"câmpul „{field}” conține", CNP_FIX)
    for found in codes_shown(source.body, source.body_line):
        report(found, allowed, display, problems, "textul conține", CNP_FIX)
    scan_contacts(text, display, problems, public_contacts)


def report(found: Found, allowed: frozenset[str], display: str, problems: Problems, what: str, fix: str,
           where: str = "") -> None:
    if found.code not in allowed:
        problems.error(display, found.line, "CNP", f"{what} un cod numeric personal ({found.hint}){where}", fix)


def codes_in_values(value, line: int = 1) -> list[tuple[Found, str]]:
    """Every CNP in a YAML value (keys, texts and numbers at any depth), at the line of the value,
    with the top-level field it is under."""
    found: list[tuple[Found, str]] = []
    _collect(value, line, "", found)
    return found


def _collect(value, line: int, field: str, found: list) -> None:
    if isinstance(value, dict):
        line_of = getattr(value, "line_of", None)
        for key, item in value.items():
            at = line_of(key) if line_of else line
            name = field or str(key)
            _scalar(key, at, name, found)
            _collect(item, at, name, found)
    elif isinstance(value, list):
        line_of = getattr(value, "line_of", None)
        for index, item in enumerate(value):
            _collect(item, line_of(index) if line_of else line, field, found)
    elif value is not None and not isinstance(value, bool):
        _scalar(value, line, field, found)


def _scalar(value, line: int, field: str, found: list) -> None:
    text = str(value)
    if len(text) < CNP_LENGTH:
        return
    # A value's lines are all reported at the value's line: YAML folds and unescapes them.
    found.extend((code, field) for code in codes_shown(text.replace("\n", " "), line))


def scan_council(data, display: str, problems: Problems) -> None:
    """CNPs in council.yml, whose values appear on every page and in the open data."""
    for found, field in codes_in_values(data):
        report(found, frozenset(), display, problems, f"câmpul „{field}” din council.yml conține",
               "ștergeți-l: datele consiliului apar pe fiecare pagină și în datele deschise")


def scan_names(relative: str, display: str, allow_cnp, problems: Problems) -> None:
    """CNPs in the names of a published file and its folders, which become addresses on the site."""
    allowed = allowed_codes(allow_cnp)
    *folders, name = relative.split("/")
    for folder in folders:
        for found in find_codes(plain_pieces(folder)):
            report(found, allowed, display, problems, "numele unui dosar din cale conține",
                   "redenumiți dosarul fără CNP: numele lui apare în adresa publică a fișierului")
    for found in find_codes(plain_pieces(name)):
        report(found, allowed, display, problems, "numele fișierului conține",
               "redenumiți fișierul fără CNP: numele lui devine adresa publică")


def scan_contacts(text: str, display: str, problems: Problems, public_contacts=()) -> None:
    """Warn of private e-mail addresses and mobile numbers, unless they are the council's own."""
    # The e-mail pattern is slow on long lines: only a text, then a line, with an `@` is read.
    look_email = "@" in text
    look_mobile = MAYBE_MOBILE_RE.search(text) is not None
    if not (look_email or look_mobile):
        return
    contacts = {c.lower() for c in public_contacts if c}
    for number, line in enumerate(text.split("\n"), start=1):
        for match in EMAIL_RE.finditer(line) if look_email and "@" in line else ():
            if match.group(0).lower() in contacts or not PERSONAL_MAIL_DOMAINS.match(match.group(1)):
                continue
            problems.warning(display, number, "date personale",
                             f"adresă de e-mail personală „{match.group(0)}”",
                             "o adresă instituțională sau nicio adresă")
        for match in MOBILE_RE.finditer(line) if look_mobile else ():
            digits = re.sub(r"\D", "", match.group(0))
            if any(re.sub(r"\D", "", c).endswith(digits[-9:]) for c in contacts):
                continue
            problems.warning(display, number, "date personale",
                             f"număr de telefon mobil „{match.group(0).strip()}”",
                             "un număr instituțional sau niciun număr")
