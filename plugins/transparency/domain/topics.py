"""Topic labels as the public reads them, with their diacritics.

A topic is what decisions write under `topics`; spellings that differ only in
case, hyphens or diacritics are one topic (one address, urls.topic). Its
label is, in this order:

1. the `label` that council.yml declares for it (`topics: [{slug, label}]`);
2. otherwise the spelling staff wrote with the most diacritics, hyphens shown
   as spaces, and each word still written without diacritics restored from a
   short list of words whose spelling without them is unambiguous
   (`administratie` → `administrație`, `situatii de urgenta` → `situații de
   urgență`). A word not on the list is shown as written.
"""

from __future__ import annotations

import re

from . import urls
from .text import comma_below, fold

# Words of council topics whose form without diacritics has one reading as a topic's label: a final
# -a is read as the indefinite -ă (`asistenta sociala` → `asistență socială`), as labels are written.
WORDS = {fold(w): w for w in (
    "achiziții", "administrație", "agricultură", "asistență", "bătrâni", "călători", "cetățeni",
    "comunitară", "cultură", "deșeuri", "dizabilități", "economică", "educație", "energetică", "finanțe",
    "infrastructură", "inovație", "investiții", "învățământ", "județ", "județean", "județeană", "județene",
    "locuințe", "muncă", "păduri", "poliție", "protecție", "protecția", "publică", "regională", "relații",
    "sănătate", "siguranță", "situații", "socială", "spații", "științe", "străzi", "transparență", "urgență",
    "și", "în",
)}
_WORD = re.compile(r"\w+")


def restore(text: str) -> str:
    """Each word written without diacritics and on the list, with them (its first capital kept)."""
    def one(match: re.Match) -> str:
        word = match.group(0)
        if fold(word) != word:
            return word  # written with diacritics: as written
        found = WORDS.get(word.lower())
        if found is None:
            return word
        return found[0].upper() + found[1:] if word[0].isupper() else found
    return _WORD.sub(one, text)


def derive(spellings) -> str:
    """The label of a topic written in `spellings` (not empty), when council.yml declares none."""
    names = sorted({comma_below(s) for s in spellings})
    best = max(names, key=lambda t: sum(c != f for c, f in zip(t, fold(t))))
    return restore(best.replace("-", " "))


def labels(topics_written, declared) -> dict[str, str]:
    """Topic address → label. `topics_written`: every topic as a decision wrote it; `declared`:
    council.yml's `Topic`s (slug, label)."""
    spellings: dict[str, set[str]] = {}
    for topic in topics_written:
        spellings.setdefault(urls.topic(topic), set()).add(topic)
    found = {path: derive(names) for path, names in spellings.items()}
    for topic in declared:
        path = urls.topic(topic.slug)
        if path in found:
            found[path] = topic.label
    return found
