"""Characters that must never reach the site, and text made safe to print.

Control characters (C0 but tab and line feed, DEL, C1), halves of surrogate
pairs and the non-characters U+FFFE/U+FFFF have no business in a title or a
body: XML refuses some of them (lxml raises in the middle of a build), and
CR, form feed or ESC passed into a calendar or a page break lines and
terminals. In front matter they arrive through YAML's double-quoted escapes
("\\v", "\\0", "\\x1b", "\\ud800"); in bodies, pasted. Problems name them so
that staff know what to delete, since most editors do not show them.
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What a one-line message must not hold raw: the same, plus tab and line feed.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
NAMES = {
    "\0": "NUL", "\b": "backspace", "\t": "tab", "\n": "rând nou", "\v": "tab vertical",
    "\f": "salt de pagină", "\r": "retur de car (CR)", "\x1b": "ESC", "\x7f": "DEL", "\x85": "NEL",
}
YAML_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\v": "\\v", "\f": "\\f", "\r": "\\r", "\x1b": "\\e",
                "\x85": "\\N"}
# Names that were not UTF-8 come from the file system with each byte as a surrogate
# U+DC80..U+DCFF (Python's "surrogateescape"); printed as the byte they stand for.
ESCAPED_BYTES = range(0xDC80, 0xDD00)
SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def describe(char: str) -> str:
    """„U+000B (tab vertical)”, as a message names a character nobody can see."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (jumătate de pereche surogat, nu un caracter)"
    return f"U+{code:04X} ({NAMES.get(char, 'caracter de control')})"


def yaml_spellings(char: str) -> str:
    """How the character is written between YAML double quotes, to find and delete it."""
    code = ord(char)
    forms = [YAML_ESCAPES[char]] if char in YAML_ESCAPES else []
    forms += [f"\\x{code:02x}"] if code < 0x100 else []
    forms.append(f"\\u{code:04x}")
    return " sau ".join(f"„{form}”" for form in forms)


def printable(text: str) -> str:
    """`text` with every unprintable character written as an escape (\\x0b, \\udc80 → \\x80)."""
    return UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in SHORT_ESCAPES:
        return SHORT_ESCAPES[char]
    code = ord(char)
    if code in ESCAPED_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
