"""The council's search synonyms: content/data/synonyms.yml (optional).

A mapping of what readers type to the words the documents use, which the
search also looks for (one way: write both entries for both ways):

    gunoi: [deșeuri, salubrizare]
    primar: primăria

Read and checked like council.yml: every mistake is reported with its line,
and a file with mistakes gives no synonyms at all (the search works without).
"""

from __future__ import annotations

from pathlib import Path

from ..domain import privacy
from ..domain.problems import Problems
from . import content_tree
from .frontmatter import FrontMatterError, load_yaml
from .loader import SYNONYMS_FILE, display_path, read_text, report_characters

FIELD = "synonyms.yml"
MAX_TEXT = 100
EXPECTED = "„cuvânt: [sinonim, sinonim]” sau „cuvânt: sinonim”, câte un cuvânt pe rând"


def read(root: Path, problems: Problems) -> dict[str, tuple[str, ...]]:
    """word → its alternatives, as written; {} when there is no file or it has mistakes."""
    display = display_path(root, SYNONYMS_FILE)
    if content_tree.regular_file(root, SYNONYMS_FILE)[0] < 0:  # absent, a link or a special file
        return {}
    text = read_text(root / SYNONYMS_FILE, display, problems)
    if text is None:
        return {}
    try:
        data = load_yaml(text, first_line=1)
    except FrontMatterError as exc:
        problems.error(display, exc.line, FIELD, exc.message, exc.expected)
        return {}
    if data is None:
        return {}
    report_characters(data, display, problems)
    for found, _ in privacy.codes_in_values(data):  # published with the search index
        privacy.report(found, frozenset(), display, problems, "sinonimele conțin",
                       "ștergeți codul: sinonimele se publică")
    if not isinstance(data, dict):
        problems.error(display, getattr(data, "line", 1), FIELD, "fișierul trebuie să fie o listă de cuvinte cu sinonimele lor", EXPECTED)
        return {}
    found, wrong = {}, False
    for word, alternatives in data.items():
        line = data.line_of(word) if hasattr(data, "line_of") else 1
        values = alternatives if isinstance(alternatives, list) else [alternatives]
        problem = _problem(word, values)
        if problem:
            problems.error(display, line, FIELD, problem, EXPECTED)
            wrong = True
            continue
        found[word.strip()] = tuple(value.strip() for value in values)
    return {} if wrong else found


def _problem(word, values: list) -> str:
    """What is wrong with one entry, or ""."""
    if not isinstance(word, str) or not word.strip():
        return f"„{word}” nu este un cuvânt"
    if len(word.split()) != 1:
        return f"„{word}”: se caută câte un singur cuvânt (sinonimele pot avea mai multe)"
    if not values or any(not isinstance(v, str) or not v.strip() for v in values):
        return f"„{word}”: sinonimele trebuie să fie texte nevide"
    if any(len(v) > MAX_TEXT for v in [word, *values]):
        return f"„{word}”: un sinonim are mai mult de {MAX_TEXT} de caractere"
    return ""
