"""Split a Markdown file into YAML front matter and body, keeping line numbers.

PyYAML knows where every node came from; we keep that position on the dicts
and lists it builds so that every later message can name the exact line.
Dates stay strings here (the schema parses them and reports bad ones), and
numbers with leading zeros stay decimal ("045" is 45, not an octal 37).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


class LineDict(dict):
    """A mapping that remembers the file line of each key (1-based)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 1
        self.key_lines = {}

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


def _mapping(loader, node):
    result = LineDict()
    result.line = node.start_mark.line + loader.first_line
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        line = key_node.start_mark.line + loader.first_line
        if key in result:
            raise FrontMatterError(line, f"cheia „{key}” apare de două ori", "fiecare cheie o singură dată")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _sequence(loader, node):
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + loader.first_line
    result.item_lines = [child.start_mark.line + loader.first_line for child in node.value]
    return result


def _plain_string(loader, node):
    return loader.construct_scalar(node)


def _decimal_int(loader, node):
    text = loader.construct_scalar(node).replace("_", "")
    if text.lstrip("+-").isdigit():
        return int(text, 10)
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


def _with_line_marks(base):
    """A safe loader class that builds LineDict/LineList and keeps dates as text."""
    loader = type(f"Line{base.__name__}", (base,), {"first_line": 1})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    loader.add_constructor("tag:yaml.org,2002:timestamp", _plain_string)
    loader.add_constructor("tag:yaml.org,2002:int", _decimal_int)
    return loader


# libyaml's parser (about 20 times faster) when PyYAML was built with it; the
# pure-Python parser otherwise, and always for the message of a syntax error,
# so that staff read the same message whichever parser found the mistake.
# libyaml accepts a few things the pure parser refuses (tabs, `?` in flow
# collections, `>#`, a BOM inside the text); text with any of these goes to the pure parser, so
# that both accept and refuse exactly the same files.
PURE_LOADER = _with_line_marks(yaml.SafeLoader)
FAST_LOADER = _with_line_marks(yaml.CSafeLoader) if getattr(yaml, "__with_libyaml__", False) else PURE_LOADER
PURE_ONLY = ("\t", "?", "#", "\ufeff", "\r")
# YAML counts NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (pasted from word
# processors) as line breaks; editors and our messages count "\n" only.
YAML_ONLY_BREAKS = {0x85: " ", 0x2028: " ", 0x2029: " "}


def _parse(text: str, first_line: int, loader_class):
    loader = loader_class(text)
    loader.first_line = first_line
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_yaml(text: str, first_line: int = 1):
    """Parse YAML text whose first line is line `first_line` of its file."""
    text = text.translate(YAML_ONLY_BREAKS)
    if not any(mark in text for mark in PURE_ONLY):
        try:
            return _parse(text, first_line, FAST_LOADER)
        except yaml.YAMLError:
            pass  # the pure-Python parser below names the mistake
    try:
        return _parse(text, first_line, PURE_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        raise FrontMatterError(
            line,
            f"YAML invalid: {exc.problem or exc.context}",
            "o valoare care conține virgulă, două puncte sau # trebuie pusă între ghilimele",
        ) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(first_line, f"YAML invalid: {exc}") from None


@dataclass(frozen=True)
class SourceText:
    """A Markdown document split into its parts."""

    meta: LineDict
    body: str
    body_line: int  # file line where the body starts


def normalise_newlines(raw: str) -> str:
    """Drop a UTF-8 BOM and turn Windows/old-Mac line endings into \\n."""
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split(raw: str) -> SourceText:
    text = normalise_newlines(raw)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "fișierul nu începe cu antetul YAML", "prima linie „---”, apoi câmpurile, apoi „---”")
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        raise FrontMatterError(1, "antetul YAML nu este închis", "o linie „---” după ultimul câmp")
    meta = load_yaml("\n".join(lines[1:index]), first_line=2)
    if meta is None:
        meta = LineDict()
        meta.line = 2
    if not isinstance(meta, LineDict):
        raise FrontMatterError(2, "antetul YAML nu este o listă de câmpuri „cheie: valoare”", "câmpuri de forma „title: …”")
    body = "\n".join(lines[index + 1 :])
    return SourceText(meta=meta, body=body, body_line=index + 2)
