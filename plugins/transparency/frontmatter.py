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


def _make_loader(first_line: int):
    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader, node):
        result = LineDict()
        result.line = node.start_mark.line + first_line
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line + first_line
            if key in result:
                raise FrontMatterError(line, f"cheia „{key}” apare de două ori", "fiecare cheie o singură dată")
            result[key] = loader.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def sequence(loader, node):
        result = LineList(loader.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + first_line
        result.item_lines = [child.start_mark.line + first_line for child in node.value]
        return result

    def plain_string(loader, node):
        return loader.construct_scalar(node)

    def decimal_int(loader, node):
        text = loader.construct_scalar(node).replace("_", "")
        if text.lstrip("+-").isdigit():
            return int(text, 10)
        return yaml.SafeLoader.construct_yaml_int(loader, node)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, sequence)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", plain_string)
    Loader.add_constructor("tag:yaml.org,2002:int", decimal_int)
    return Loader


def load_yaml(text: str, first_line: int = 1):
    """Parse YAML text whose first line is line `first_line` of its file."""
    try:
        data = yaml.load(text, Loader=_make_loader(first_line))  # noqa: S506 - SafeLoader subclass
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
    return data


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
