"""The domain build, start to finish, without Pelican:

read every file → resolve relations → check cross-file rules → look for
unsafe markup. The result is what `make check` reports and what the Pelican
adapter publishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import loader, markup, relations, validate
from .model import Archive
from .problems import Problems
from .relations import Relations


@dataclass
class Checked:
    archive: Archive
    relations: Relations
    problems: Problems


def check(content_root: Path) -> Checked:
    problems = Problems()
    archive = loader.load(Path(content_root), problems)
    rel = relations.build(archive, problems)
    validate.check(archive, rel, problems)
    for document in archive.documents():
        markup.report_dangerous(document.body, document.body_line, document.display, problems)
    return Checked(archive, rel, problems)
