"""Commit messages reworded for the public: content/data/commit-messages.yml (optional).

A commit's message cannot be changed once the commit is shared, and the first
line of each message is public in every document's history. When one was
written badly (in English, as "fix", with a typo), staff write the line the
public should read instead, keyed by the commit (its id, or at least its first
7 hex digits):

    039f5e6: Publicarea arhivei: consiliul, hotărârile, rapoartele și ședințele

The history then shows that line, marked as reworded, beside the commit's id,
which still names the original in the repository. Read and checked like
synonyms.yml: every mistake is reported with its line, and a file with mistakes
rewords nothing. A key that names no commit of the history is a warning,
given once the history is read (site/history_index.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..domain import history, privacy
from ..domain.problems import Problems
from . import content_tree
from .frontmatter import FrontMatterError, load_yaml
from .loader import COMMIT_MESSAGES_FILE, display_path, read_text, report_characters

FIELD = "commit-messages.yml"
MAX_TEXT = 200
COMMIT = re.compile(r"[0-9a-f]{7,40}")
EXPECTED = "„IDCOMMIT: mesajul public”, câte un commit pe rând (cel puțin primele 7 caractere ale id-ului)"


@dataclass(frozen=True)
class Reworded:
    prefix: str  # the commit as written: its id or its first hex digits, lower case
    message: str
    line: int


def read(root: Path, problems: Problems) -> tuple[Reworded, ...]:
    """The reworded messages, as written; () when there is no file or it has mistakes."""
    display = display_path(root, COMMIT_MESSAGES_FILE)
    if content_tree.regular_file(root, COMMIT_MESSAGES_FILE)[0] < 0:  # absent, a link or a special file
        return ()
    text = read_text(root / COMMIT_MESSAGES_FILE, display, problems)
    if text is None:
        return ()
    try:
        data = load_yaml(text, first_line=1)
    except FrontMatterError as exc:
        problems.error(display, exc.line, FIELD, exc.message, exc.expected)
        return ()
    if data is None:
        return ()
    report_characters(data, display, problems)
    if not isinstance(data, dict):
        problems.error(display, getattr(data, "line", 1), FIELD, "fișierul trebuie să fie o listă de commit-uri "
                       "cu mesajele lor", EXPECTED)
        return ()
    found, wrong = [], False
    for commit, message in data.items():
        line = data.line_of(commit) if hasattr(data, "line_of") else 1
        problem = _problem(commit, message)
        if problem:
            problems.error(display, line, FIELD, problem, EXPECTED)
            wrong = True
            continue
        found.append(Reworded(str(commit).strip().lower(), " ".join(message.split()), line))
    return () if wrong else tuple(found)


def _problem(commit, message) -> str:
    """What is wrong with one entry, or ""."""
    if not isinstance(commit, str) or not COMMIT.fullmatch(commit.strip().lower()):
        return f"„{commit}” nu este id-ul unui commit (7–40 caractere 0–9, a–f; scrieți-l între ghilimele dacă are doar cifre)"
    if not isinstance(message, str) or not message.strip():
        return f"„{commit}”: mesajul trebuie să fie un text nevid"
    if "\n" in message.strip():
        return f"„{commit}”: mesajul public este un singur rând"
    if len(message) > MAX_TEXT:
        return f"„{commit}”: mesajul are mai mult de {MAX_TEXT} de caractere"
    if privacy.ANY_EMAIL_RE.search(message) or history.codes_in(message):
        return f"„{commit}”: mesajul conține o adresă de e-mail sau un cod numeric personal"
    return ""
