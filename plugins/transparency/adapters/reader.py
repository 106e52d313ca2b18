"""Pelican reader for our Markdown files with YAML front matter.

Registered for `.md` so that Pelican's own Markdown reader never reads a
council document: Pelican reserves metadata names (status, date, slug,
template, …) that the contract uses with other meanings. The whole front
matter travels under one key, `document`, which Pelican does not interpret.
"""

from __future__ import annotations

from pelican.readers import BaseReader

from ..source import markup
from ..source.frontmatter import split


class FrontMatterReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def read(self, source_path):
        with open(source_path, encoding="utf-8") as handle:
            parts = split(handle.read())
        return markup.render(parts.body), {"document": parts.meta, "title": str(parts.meta.get("title", ""))}


def add_reader(readers):
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterReader
