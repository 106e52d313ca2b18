"""The dependency map: what every output read, and which outputs an edit makes stale.

One map decides every incremental rebuild (docs/build-cache.md). It holds:

- `site_key`: a digest of what every page shares (templates, settings, code,
  the common context: council, build day, the site's address). When it
  changes, every output is made again.
- `inputs`: the value digest of every input an output can read
  (`domain.reads.Read`: a document's front matter or body, the members of a
  type, an index entry), as they were at the last build.
- `memos`: every shared derived value (a decision's status, its listing row)
  with what it read, itself possibly other memos.
- `outputs`: every page, feed, calendar and data file: the files it wrote
  (with their size and time, to notice a file changed by hand) and what it
  read.

After an edit, an input whose digest changed is dirty; a memo that read
something dirty is dirty too (to a fixed point); an output is made again
when it read something dirty, is new, or its files are not as it wrote
them. Everything else is the last build's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..domain.reads import Part, Read
from .records import Stamp


class OutputKind(str, Enum):
    PAGE = "page"
    FEED = "feed"
    CALENDAR = "calendar"
    DATA = "data"  # the open data files


@dataclass(frozen=True)
class Output:
    """One output a build makes: a page (by its address), a feed (by its name), a calendar (by its
    committee's slug, "" for all meetings) or the open data files."""

    kind: OutputKind
    name: str


@dataclass(frozen=True)
class OutputRecord:
    files: tuple[str, ...]  # relative to the output folder
    reads: frozenset[Read]


@dataclass
class DependencyMap:
    site_key: str = ""
    inputs: dict[Read, str] = field(default_factory=dict)
    memos: dict[str, frozenset[Read]] = field(default_factory=dict)
    outputs: dict[Output, OutputRecord] = field(default_factory=dict)
    site_map: frozenset[Read] = frozenset()  # what listing the outputs read (its memos are kept)

    def dirty(self, site_key: str, inputs: dict[Read, str]) -> set[Read] | None:
        """The inputs and memos that changed since this map was made; None when everything did
        (the site-wide key changed)."""
        if site_key != self.site_key:
            return None
        before = self.inputs
        found = {read for read, digest in inputs.items() if before.get(read) != digest}
        # The site map's parts are compared once it is made (`routes_changed`).
        found.update(read for read in before if read not in inputs and read.part is not Part.ROUTES)
        pending = dict(self.memos)
        while found and pending:  # a memo that read a dirty input or memo is dirty: to a fixed point
            newly = [key for key, reads in pending.items() if not reads.isdisjoint(found)]
            if not newly:
                break
            for key in newly:
                del pending[key]
                found.add(Read(Part.MEMO, key))
        return found

    def routes_changed(self, routes: dict[Read, str]) -> set[Read]:
        """The parts of the site map (`Part.ROUTES`) whose pages are not those of this map: compared
        after the site map is made, since making it needs `dirty` (no memo reads them)."""
        before = {read: digest for read, digest in self.inputs.items() if read.part is Part.ROUTES}
        return {read for read in routes.keys() | before.keys() if routes.get(read) != before.get(read)}

    def stale(self, wanted: list[Output], dirty: set[Read] | None, root: Path,
              stamps: dict[str, Stamp | None]) -> list[Output]:
        """The outputs (of `wanted`, this build's) to make again (`stamps`: of the files as the last
        build wrote them)."""
        if dirty is None:
            return list(wanted)
        made = self.outputs
        return [output for output in wanted
                if (record := made.get(output)) is None or not record.reads.isdisjoint(dirty)
                or not intact(root, record.files, stamps)]

    def updated(self, site_key: str, inputs: dict[Read, str], memos: dict[str, frozenset[Read]],
                outputs: dict[Output, OutputRecord], wanted: list[Output], site_map: frozenset[Read] = frozenset()
                ) -> tuple[DependencyMap, bool]:
        """The map after this build: its inputs, the memos and outputs it made over the last
        build's, and only the outputs it still has (and the memos they and the site map read);
        and whether anything but the inputs differs from this map (else it need not be saved)."""
        kept = {output: outputs.get(output) or self.outputs[output] for output in wanted}
        if site_key == self.site_key and site_map == self.site_map and kept.keys() == self.outputs.keys() \
                and all(self.outputs[output] == record for output, record in outputs.items()) \
                and all(self.memos.get(key) == reads for key, reads in memos.items()):
            return DependencyMap(site_key, inputs, self.memos, self.outputs, self.site_map), False
        every_memo = {**self.memos, **memos}
        used: dict[str, frozenset[Read]] = {}
        todo = [read.name for reads in (site_map, *(record.reads for record in kept.values()))
                for read in reads if read.part is Part.MEMO]
        while todo:
            key = todo.pop()
            if key in used or key not in every_memo:
                continue
            used[key] = every_memo[key]
            todo.extend(read.name for read in used[key] if read.part is Part.MEMO)
        return DependencyMap(site_key=site_key, inputs=inputs, memos=used, outputs=kept, site_map=site_map), True


def intact(root: Path, files, stamps: dict[str, Stamp | None]) -> bool:
    """Whether every one of `files` is there, as the last build wrote it."""
    return all((found := Stamp.of(root / path)) is not None and found == stamps.get(path) for path in files)


@dataclass(frozen=True)
class BuildRecord:
    """The last build: its dependency map, the stamp of every file it wrote (pages, feeds,
    calendars, data, search index) and which of them are the search index's."""

    dependencies: DependencyMap = field(default_factory=lambda: DependencyMap())
    stamps: dict[str, Stamp | None] = field(default_factory=dict)
    search_files: tuple[str, ...] = ()
