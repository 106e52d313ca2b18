"""What the last build wrote, and from what: the typed record kept in the build cache.

The record lets a build skip what did not change (docs/build-cache.md): each
page with the digest of its inputs, the open data, feeds and calendars with
the digests of their specs, the search files, and the stamp (size and
modification time) each file had when it was written, which tells whether
anyone touched it since. It never decides what may be deleted from the
output folder: that is the output manifest's job (build/outputs.py), which
is kept in the output folder and survives a deleted cache.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import Enum

from ..domain import urls


@dataclass(frozen=True)
class Stamp:
    """A file as the build left it: when both are unchanged, nobody rewrote it."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str | os.PathLike) -> Stamp | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return cls(stat.st_size, stat.st_mtime_ns)


def stamps(root: str | os.PathLike, paths) -> dict[str, Stamp | None]:
    """The stamps of files just written (paths relative to the output folder `root`)."""
    return {path: Stamp.of(os.path.join(root, path)) for path in paths}


@dataclass(frozen=True)
class PageRecord:
    """One page: the digest of its template, shared context and own context (None when the
    context cannot be digested, and the page is always rendered), and its file's stamp."""

    key: str | None
    stamp: Stamp | None


class DataKind(Enum):
    FEED = "feed"
    CALENDAR = "calendar"


@dataclass(frozen=True, order=True)
class DataJob:
    """A feed (by name) or a calendar (by committee slug; "" for the whole council's)."""

    kind: DataKind
    name: str


@dataclass(frozen=True)
class DataRecord:
    """Open data, feeds and calendars: made from every input but the bodies (`key`)."""

    key: str = ""
    files: dict[str, Stamp | None] = field(default_factory=dict)
    specs: dict[DataJob, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class BuildRecord:
    """The last build's outputs. `inputs`: a digest of every input of the site; `documents`:
    `type/id` → digest of each document's file, which tells the documents edited since."""

    inputs: str = ""
    search_files: dict[str, Stamp | None] = field(default_factory=dict)
    pages: dict[str, PageRecord] = field(default_factory=dict)
    data: DataRecord = field(default_factory=DataRecord)
    documents: dict[str, str] = field(default_factory=dict)

    def files(self) -> dict[str, Stamp | None]:
        """Every file recorded (relative to the output folder) with its stamp."""
        found = {urls.output_file(path): page.stamp for path, page in self.pages.items()}
        return {**found, **self.data.files, **self.search_files}

    def intact(self, root: str | os.PathLike) -> bool:
        """True when every file recorded is still there, as it was written."""
        return all(Stamp.of(os.path.join(root, path)) == recorded for path, recorded in self.files().items())
