"""Split a Markdown file into YAML front matter and body, keeping line numbers.

The YAML parser knows where every value came from; we keep that position on
the dicts and lists we build so that every later message can name the exact
line.
Dates stay strings here (the schema parses them and reports bad ones), and
numbers with leading zeros stay decimal ("045" is 45, not an octal 37).

Front matter is plain data: texts, numbers, lists and groups of fields. The
loader refuses everything else YAML can say, each with its line: tags
(`!!set`, `!!binary`, `!!python/…`, any `!tag`), which make Python objects
that pages would show as reprs; anchors and aliases (`&a`, `*a`) and merge
keys (`<<`), which nobody writing a decision needs and which let a few
lines expand into gigabytes (an "alias bomb"); keys that are not texts; and
nesting deeper than MAX_DEPTH, which would otherwise exhaust Python's stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.events import AliasEvent, MappingEndEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent
from yaml.nodes import ScalarNode

from ..domain.characters import FORBIDDEN, describe


class LineDict(dict):
    """A mapping that remembers the file line of each key (1-based)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 1
        self.key_lines = {}
        self.flow = False  # written between braces on one line, `{date: …, event: …}`

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that remembers the file line of each item (1-based)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 1
        self.item_lines = []

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str, expected: str = ""):
        self.line = line
        self.message = message
        self.expected = expected
        super().__init__(message)


YAML_TAG = "tag:yaml.org,2002:"
MAX_DEPTH = 10  # the contract nests three levels (a decision's votes: for: [names]); room to spare
MAX_DIGITS = 100  # Python refuses to read integers of more than 4,300 digits; none is needed
PLAIN = "o valoare simplă: text, număr, listă sau câmpuri „cheie: valoare”"
NO_KEY = object()  # a mapping waiting for its next key


@dataclass
class Open:
    """A list or a group of fields being read, and for a group the key awaiting its value."""

    value: LineDict | LineList
    key: object = NO_KEY
    key_line: int = 0


class PlainBuilder:
    """Builds LineDict/LineList/scalars straight from a YAML parser's events (libyaml's or
    PyYAML's), in one loop with an explicit stack: no YAML node graph, so no alias can be
    expanded and no nesting can exhaust Python's stack (libyaml's own composer, which
    recurses in C, crashes the interpreter at 100,000 levels)."""

    def __init__(self, parser, first_line: int):
        self.parser = parser  # a yaml SafeLoader or CSafeLoader: events, implicit types, yes/no words
        self.first_line = first_line

    def line_at(self, event) -> int:
        return event.start_mark.line + self.first_line

    def refuse(self, event, message: str, expected: str = PLAIN):
        raise FrontMatterError(self.line_at(event), message, expected)

    def document(self):
        """The one document of the stream (None when empty)."""
        self.parser.get_event()  # stream start
        if self.parser.check_event(StreamEndEvent):
            return None
        self.parser.get_event()  # document start
        value = self.value()
        self.parser.get_event()  # document end
        if not self.parser.check_event(StreamEndEvent):
            self.refuse(self.parser.get_event(), "antetul conține mai multe documente YAML",
                        "un singur bloc de câmpuri, fără „---” în interior")
        return value

    def value(self):
        stack: list[Open] = []
        while True:
            event = self.parser.get_event()
            kind = type(event)
            if kind in (MappingEndEvent, SequenceEndEvent):
                value, line = stack.pop().value, None
            else:
                self.check(event)
                key_expected = bool(stack) and stack[-1].key is NO_KEY and isinstance(stack[-1].value, LineDict)
                if kind is ScalarEvent:
                    value, line = self.scalar(event, key_expected), self.line_at(event)
                else:
                    if key_expected:
                        self.refuse(event, "o cheie trebuie să fie un text, nu o listă sau un grup de câmpuri",
                                    "„cheie: valoare”")
                    if len(stack) == MAX_DEPTH:
                        self.refuse(event, f"antetul are mai mult de {MAX_DEPTH} niveluri de liste și câmpuri "
                                    "unele în altele", f"cel mult {MAX_DEPTH} niveluri")
                    container = LineList() if kind is SequenceStartEvent else LineDict()
                    container.line = self.line_at(event)
                    if kind is not SequenceStartEvent:
                        container.flow = bool(event.flow_style)
                    stack.append(Open(container))
                    continue
            if not stack:
                return value
            self.place(stack[-1], value, line if line is not None else value.line, event)

    def place(self, into: Open, value, line: int, event) -> None:
        if isinstance(into.value, LineList):
            into.value.append(value)
            into.value.item_lines.append(line)
        elif into.key is NO_KEY:
            key = value
            if key in into.value:
                self.refuse(event, f"cheia „{key}” apare de două ori", "fiecare cheie o singură dată")
            into.key, into.key_line = key, line
        else:
            into.value[into.key] = value
            into.value.key_lines[into.key] = into.key_line
            into.key = NO_KEY

    def check(self, event) -> None:
        """Refuse what plain data never holds: aliases, anchors, tags."""
        if type(event) is AliasEvent:
            self.refuse(event, f"aliasurile YAML („*{event.anchor}”) nu sunt permise",
                        "valoarea scrisă din nou, în locul lui „*…”")
        if event.anchor is not None:
            self.refuse(event, f"ancorele YAML („&{event.anchor}”) nu sunt permise", "valoarea fără „&…”")
        if event.tag is not None:
            written = "!!" + event.tag[len(YAML_TAG):] if event.tag.startswith(YAML_TAG) else event.tag
            self.refuse(event, f"etichetele YAML („{written}”) nu sunt permise", f"{PLAIN}, fără „!…”")

    def scalar(self, event, key: bool):
        """Text, number, yes/no or nothing, as YAML 1.1 reads it, but dates stay text and
        integers are decimal; a key is the text as written (`on:` is the key "on", not True)."""
        text = event.value
        tag = self.parser.resolve(ScalarNode, text, event.implicit)[len(YAML_TAG):]
        if key and tag != "merge":
            return text
        if tag == "int":
            digits = text.replace("_", "")
            if digits.lstrip("+-").isdigit():
                if len(digits) > MAX_DIGITS:
                    self.refuse(event, f"numărul are {len(digits)} cifre", f"cel mult {MAX_DIGITS} cifre")
                return int(digits, 10)
            return self.parser.construct_yaml_int(ScalarNode(YAML_TAG + tag, text))
        if tag in ("float", "bool", "null"):
            return self.parser.yaml_constructors[YAML_TAG + tag](self.parser, ScalarNode(YAML_TAG + tag, text))
        if tag == "merge":
            self.refuse(event, "„<<” este o cheie de îmbinare YAML, care nu este permisă",
                        "câmpurile scrise fiecare; „<<” între ghilimele dacă este un text")
        return text  # str, timestamp, and YAML 1.1's "=" (value key)


# libyaml's parser (about 20 times faster) when PyYAML was built with it; the
# pure-Python parser otherwise, and always for the message of a syntax error,
# so that staff read the same message whichever parser found the mistake.
# libyaml accepts a few things the pure parser refuses (tabs, `?` in flow
# collections, `>#`, a BOM inside the text); text with any of these goes to the pure parser, so
# that both accept and refuse exactly the same files.
PURE_LOADER = yaml.SafeLoader
FAST_LOADER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
PURE_ONLY = ("\t", "?", "#", "\ufeff", "\r")
# YAML counts NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (pasted from word
# processors) as line breaks; editors and our messages count "\n" only.
YAML_ONLY_BREAKS = {0x85: " ", 0x2028: " ", 0x2029: " "}
YAML_ONLY_BREAK_CHARS = tuple(map(chr, YAML_ONLY_BREAKS))


def _parse(text: str, first_line: int, loader_class):
    loader = loader_class(text)
    try:
        return PlainBuilder(loader, first_line).document()
    finally:
        loader.dispose()


def load_yaml(text: str, first_line: int = 1):
    """Parse YAML text whose first line is line `first_line` of its file."""
    if any(char in text for char in YAML_ONLY_BREAK_CHARS):  # translate() is slow, and these are rare
        text = text.translate(YAML_ONLY_BREAKS)
    if not any(mark in text for mark in PURE_ONLY):
        try:
            return _parse(text, first_line, FAST_LOADER)
        except yaml.YAMLError:
            pass  # the pure-Python parser below names the mistake
    try:
        return _parse(text, first_line, PURE_LOADER)
    except yaml.reader.ReaderError as exc:  # a character YAML refuses outright (a control character)
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        raise FrontMatterError(first_line + text.count("\n", 0, exc.position),
                               f"caracterul {describe(char)} nu este permis",
                               "ștergeți caracterul (majoritatea editoarelor nu îl arată)") from None
    except yaml.MarkedYAMLError as exc:
        line, message, expected = explain(exc, text.split("\n"))
        raise FrontMatterError(line + first_line, message, expected) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(first_line, f"antetul YAML nu poate fi citit ({exc})", QUOTES) from None


QUOTES = "o valoare care conține două puncte urmate de spațiu, „ #” sau începe cu [ { & * ! | > ' \" % @ ` " \
    "se pune între ghilimele"
BRACKETS = {"flow sequence": ("[", "]", "[a, b]"), "flow mapping": ("{", "}", "{date: 2025-03-27, event: signed}")}


def explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str, str]:
    """(0-based line of the actual mistake, message, what was expected) for a YAML syntax error,
    in Romanian and with the hint that fits the mistake: a tab, an indentation, a bracket or
    quote left open, a colon in an unquoted value, a key without its colon. PyYAML's own words
    ("expected <block end>, but found '<block mapping start>'") name its parser's state, and
    its mark is often a line after the mistake."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark else 0
    column = mark.column if mark else 0
    text = lines[line] if 0 <= line < len(lines) else ""
    opened = exc.context_mark.line if exc.context_mark else line
    if "\t" in problem or "tab" in problem or "\t" in text[:column + 1]:
        return line, "rândul conține un caracter tab, pe care YAML nu îl acceptă în antet", \
            "spații în locul tab-ului (aliniați câmpurile cu spații, de exemplu câte 2)"
    for kind, (start, end, example) in BRACKETS.items():
        if kind in context:
            cut = _cut_by_comment(lines[opened] if 0 <= opened < len(lines) else "", start)
            if cut:  # `{…, note: nr. #7}`: the „ #” began a comment, which took the closing bracket with it
                comment, written = cut
                return opened, f"textul de după „ #” („{comment}”) este citit ca un comentariu, care taie restul " \
                    f"rândului: paranteza „{start}” deschisă pe acest rând rămâne fără „{end}”", \
                    f"valoarea între ghilimele: {written}"
            return opened, f"paranteza „{start}” deschisă pe acest rând nu este închisă", \
                f"„{end}” la sfârșitul valorii, pe același rând, de exemplu {example}"
    if "quoted scalar" in context:
        return opened, "ghilimelele deschise pe acest rând nu sunt închise", \
            "ghilimele și la sfârșitul textului, de exemplu title: \"…\""
    if "simple key" in context:
        return opened, "după numele câmpului lipsesc două puncte", "„cheie: valoare”, cu două puncte și un spațiu"
    if "mapping values are not allowed" in problem:
        before = text[:column]
        if ": " in before or before.rstrip().endswith(":"):
            key = before.split(":", 1)[0].strip().lstrip("- ")
            return line, "valoarea conține două puncte urmate de spațiu și nu este între ghilimele", \
                f"valoarea între ghilimele, de exemplu {key}: \"{before.split(':', 1)[1].strip()}: …\""
        return line, "rândul este indentat mai mult decât câmpurile de deasupra", \
            "câmpurile aceluiași nivel încep în aceeași coloană; ștergeți spațiile de la începutul rândului"
    if "<block end>" in problem and "<scalar>" in problem and _closed_quote_before(text, column):
        return line, "după ghilimelele de închidere urmează alt text", "tot textul între ghilimele"
    if "<block end>" in problem or "<block sequence start>" in problem or "<block mapping start>" in problem:
        return line, "indentare greșită: rândul nu este aliniat cu câmpurile de deasupra", \
            "câmpurile aceluiași grup încep în aceeași coloană, cu spații (de exemplu câte 2)"
    if "cannot start any token" in problem:
        char = problem.split("'")[1] if "'" in problem else ""
        return line, f"valoarea începe cu „{char}”, care în YAML are alt sens", \
            f"valoarea între ghilimele, de exemplu \"{char}…\""
    return line, f"antetul YAML nu poate fi citit aici ({problem or context})", QUOTES


# In a list or group written between brackets, where a comment's „ #” cut a value: the rest of
# the value (up to the next item, the next `key:` of a group, or the closing bracket).
NEXT_IN_GROUP = re.compile(r",\s*[^\s,:'\"]+:(\s|$)")


def _cut_by_comment(text: str, opening: str) -> tuple[str, str] | None:
    """When a „ #” inside the brackets that `opening` opens on the line `text` began a comment (YAML
    reads the rest of the line as one), and the brackets close once it is read as text: (the text
    the comment took from the value, the value written between quotes: `note: "nr. #7"`, `"fond
    #rezerva"`). None when the line leaves a bracket open anyway."""
    opened, quote, hashed, value_start, key = [], "", None, 0, ""  # the brackets open, innermost last
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and not text[value_start:index].strip():  # a quoted value starts here
            quote = char
        elif char in "[{":
            opened.append(char)
            value_start, key = index + 1, ""
        elif char in "]}":
            opened = opened[:-1]
        elif not opened or hashed is not None:
            continue
        elif char == ",":
            value_start, key = index + 1, ""
        elif char == ":" and text[index + 1:index + 2] in (" ", "") and not key:
            key, value_start = text[value_start:index].strip(), index + 1
        elif char == "#" and text[index - 1] in " \t":
            hashed = (index, value_start, key, opened[-1] == "{")
    if hashed is None or opened or opening not in text:
        return None
    at, start, key, group = hashed
    end = at
    while end < len(text):  # the rest of the value: up to what ends it at its own level
        if text[end] in "]}" and text[at:end].count("[") + text[at:end].count("{") == \
                text[at:end].count("]") + text[at:end].count("}"):
            break
        if text[end] == "," and (not group or NEXT_IN_GROUP.match(text, end)):
            break
        end += 1
    value = text[start:end].strip()
    quoted = f"'{value}'" if '"' in value else f'"{value}"'
    return text[at:end].rstrip(), f"{key}: {quoted}" if key else quoted


def _closed_quote_before(text: str, column: int) -> bool:
    before = text[:column].rstrip()
    return before.endswith(("\"", "'"))


@dataclass(frozen=True)
class BadCharacter:
    line: int
    field: str  # the field holding the text ("" for the front matter itself)
    char: str
    key: str | None = None  # the key, when the character is in a key rather than a value


def bad_characters(value, name: str = "", line: int = 1):
    """A BadCharacter for every text in YAML data (keys too) holding a control character or half
    of a surrogate pair, which YAML's double-quoted escapes let in."""
    if isinstance(value, str):
        match = FORBIDDEN.search(value)
        if match:
            yield BadCharacter(line, name, match.group())
    elif isinstance(value, LineDict):
        for key, item in value.items():
            match = FORBIDDEN.search(key)
            if match:
                yield BadCharacter(value.line_of(key), name, match.group(), key)
            yield from bad_characters(item, f"{name}.{key}" if name else key, value.line_of(key))
    elif isinstance(value, LineList):
        for index, item in enumerate(value):
            yield from bad_characters(item, f"{name}[{index + 1}]", value.line_of(index))


@dataclass(frozen=True)
class SourceText:
    """A Markdown document split into its parts."""

    meta: LineDict
    body: str
    body_line: int  # file line where the body starts


def normalise_newlines(raw: str) -> str:
    """Drop a UTF-8 BOM and turn Windows/old-Mac line endings into \\n."""
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _closing_line(lines: list[str]) -> int:
    """The index of the line that closes the front matter (FrontMatterError when there is none)."""
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "fișierul nu începe cu antetul YAML", "prima linie „---”, apoi câmpurile, apoi „---”")
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return index
    raise FrontMatterError(1, "antetul YAML nu este închis", "o linie „---” după ultimul câmp")


def split(raw: str) -> SourceText:
    text = normalise_newlines(raw)
    lines = text.split("\n")
    index = _closing_line(lines)
    meta = load_yaml("\n".join(lines[1:index]), first_line=2)
    if meta is None:
        meta = LineDict()
        meta.line = 2
    if not isinstance(meta, LineDict):
        raise FrontMatterError(2, "antetul YAML nu este o listă de câmpuri „cheie: valoare”", "câmpuri de forma „title: …”")
    body = "\n".join(lines[index + 1 :])
    return SourceText(meta=meta, body=body, body_line=index + 2)


def body_of(raw: str) -> str:
    """`split(raw).body` without reading the front matter's YAML (a body read again to be
    rendered, its file already checked: half the cost of reading it was the YAML)."""
    lines = normalise_newlines(raw).split("\n")
    return "\n".join(lines[_closing_line(lines) + 1:])
