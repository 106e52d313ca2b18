"""The difference between two texts, word by word, as readers see it on the history's change
pages and in the consolidated text's comparison of versions.

Why two passes: difflib's matcher costs about (words of one text) × (occurrences of each of its
words in the other); compared word by word, two versions of a 1,500-word decision took a quarter
of a second, and a council's thousands of changes took minutes. Lines (a Markdown paragraph is
one line) are compared first, and only the lines that differ are compared word by word. Each
token is a word or a punctuation mark *with the spaces before it*, so that spaces, the most
frequent token of all, do not make every word match everywhere. A block of changed lines too
large to compare word by word in reasonable time (a text rewritten whole) is shown as deleted
and inserted whole, which is what it is.
"""

from __future__ import annotations

import difflib
import re

Run = tuple[str, str]  # (op, text), op in "same", "del", "ins"

TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])|\s+")
WORDS_AT_MOST = 4_000_000  # tokens(old block) × tokens(new block) compared word by word


def compare(old: str, new: str) -> tuple[Run, ...]:
    """Runs of unchanged, deleted and inserted text; "".join of the same+del runs is `old`,
    of the same+ins runs is `new`."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    # The lines both start and end with are left out of the matcher: an edit touches a few lines of
    # a long text, and the matcher's cost grows with every line it is given (two fifths of a change
    # page's making when it was given them all).
    start, end = common_ends(a, b)
    runs: list[Run] = [("same", "".join(a[:start]))]
    middle_a, middle_b = a[start:len(a) - end], b[start:len(b) - end]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False).get_opcodes():
        before, after = "".join(middle_a[i1:i2]), "".join(middle_b[j1:j2])
        if op == "equal":
            runs.append(("same", before))
        else:
            runs += words(before, after)
    runs.append(("same", "".join(a[len(a) - end:])))
    return merged(runs)


def common_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    """How many items `a` and `b` start with alike, and how many of the rest they end with alike."""
    shorter = min(len(a), len(b))
    start = 0
    while start < shorter and a[start] == b[start]:
        start += 1
    end = 0
    while end < shorter - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


def words(old: str, new: str) -> list[Run]:
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    if len(a) * len(b) > WORDS_AT_MOST:
        return replaced(old, new)
    runs: list[Run] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("same", "".join(a[i1:i2])))
        else:
            runs += replaced("".join(a[i1:i2]), "".join(b[j1:j2]))
    return runs


def replaced(old: str, new: str) -> list[Run]:
    """`old` deleted and `new` inserted; the spaces both start with stay unchanged, so that a
    changed word is marked without the space before it."""
    size = 0
    while size < min(len(old), len(new)) and old[size] == new[size] and old[size].isspace():
        size += 1
    runs = [("same", old[:size])] + [(op, text[size:]) for op, text in (("del", old), ("ins", new))]
    return [(op, text) for op, text in runs if text]


def merged(runs: list[Run]) -> tuple[Run, ...]:
    """Adjacent runs of the same kind joined, empty runs dropped."""
    out: list[Run] = []
    for op, text in runs:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return tuple(out)
