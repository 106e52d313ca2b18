"""Suggestions for a value staff mistyped: the English word meant, or the member's name.

Closed fields take English values (`status: rejected`); staff often write the
Romanian word they know (`respins`, `aprobat`, `publicat`). A Romanian word is
matched against the Romanian label of each value (vocab.py), without
diacritics, case or the feminine ending, and against a few words the labels
do not hold (`aprobat` means `adopted`). Names are matched without
diacritics (`Gabriela Ros` → `Gabriela Roș`), then by similarity (a typo).
"""

from __future__ import annotations

import difflib

from .text import comma_below, sort_key

# Romanian words staff write that no label holds, folded → the value they mean (when the field has it).
ROMANIAN_WORDS = {
    "aprobat": "adopted", "aprobata": "adopted", "votat": "adopted", "votata": "adopted",
    "adoptat": "adopted", "ciorna": "draft", "propunere": "draft", "neadoptat": "rejected",
    "intrat in vigoare": "in-force", "in vigoare": "in-force", "monitorul oficial": "published",
    "urgenta": "urgent", "extraordinar": "extraordinary", "ordinar": "ordinary",
    "referat": "approval-memo", "aviz": "committee-opinion", "raport": "specialist-report",
    "doua treimi": "two-thirds", "2/3": "two-thirds",
    "da": "true", "adevarat": "true", "nu": "false", "fals": "false",  # a yes/no field (source/fields.py FLAGS)
}


def _stem(text: str) -> str:
    """`Respinsă` → `respins`, `publicată` → `publicat`: folded, lower case, without the feminine ending."""
    folded = " ".join(sort_key(text).replace("-", " ").split())
    return folded[:-1] if folded.endswith("a") and len(folded) > 3 else folded


def value(written: str, vocabulary: dict[str, str]) -> str:
    """The value of `vocabulary` (value → Romanian label) that `written` most likely meant, or ""."""
    stem = _stem(written)
    meant = ROMANIAN_WORDS.get(stem) or ROMANIAN_WORDS.get(sort_key(written).strip())
    if meant in vocabulary:
        return meant
    for key, label in vocabulary.items():
        words = [_stem(word) for word in label.split()]
        forms = {_stem(label), " ".join(words[:2]), *(word for word in words[:1] + words if len(word) > 4)}
        if stem in forms or _stem(key) == stem:
            return key
    close = difflib.get_close_matches(written.strip().lower(), list(vocabulary), n=1)
    return close[0] if close else ""


def name(written: str, names) -> str:
    """The name among `names` that `written` most likely meant (the same without diacritics or
    case, else the closest spelling), or ""."""
    by_folded = {sort_key(comma_below(n)): n for n in names}
    folded = " ".join(sort_key(comma_below(written)).split())
    if folded in by_folded:
        return by_folded[folded]
    close = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=0.75)
    return by_folded[close[0]] if close else ""


def hint(suggestion: str) -> str:
    """The start of an `expected` text that offers `suggestion` ("" when there is none)."""
    return f"poate ați vrut „{suggestion}”? " if suggestion else ""
