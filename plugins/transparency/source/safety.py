"""Checks of what would reach the public site, run once everything is read.

Attachments must be of an allowed type by their content (attachment_types.py),
and HTML that a front-matter field shown as markup would lose to the
sanitiser is warned of at the field's line, like HTML in bodies (markup.py).
They run on every check, not from the parsed-content cache: an attached file
can change without its document changing, and the allowed types are a setting.
"""

from __future__ import annotations

from pathlib import Path

from . import attachment_types, markup
from ..domain.model import Archive
from ..domain.problems import Problems

# Front-matter fields shown on pages as HTML (views.link_citations cleans them), per document kind.
MARKUP_FIELDS = {"meetings": ("convened_by",)}


def check(archive: Archive, root: Path, problems: Problems, download_only: tuple[str, ...] = ()) -> None:
    attachment_types.check(archive, root, problems, download_only)
    for collection, names in MARKUP_FIELDS.items():
        for document in getattr(archive, collection).values():
            for name in names:
                value = getattr(document, name)
                if value:
                    markup.report_field(value, document.line_of(name), document.display, name, problems)
