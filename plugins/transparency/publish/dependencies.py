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

- `memo_digests`: the digest of the value of each memo that can be
  computed again from its key (domain.reads.Memos.define).
- `search`: what the search index read: each document's record without its
  body, a memo (search/search_site.py); the map says which changed.

After an edit, an input whose digest changed is dirty; a memo that read
something dirty is dirty too, unless it can be computed again and its value
came out as it was (early cutoff: it is computed once, and its readers are
not stale); an output is made again when it read something dirty, is new,
or its files are not as it wrote them. Everything else is the last build's.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
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
    memo_digests: dict[str, str | None] = field(default_factory=dict)
    search: frozenset[Read] = frozenset()  # what the search index read (its documents' memos are kept)

    def dirty(self, site_key: str, inputs: dict[Read, str]) -> set[Read] | None:
        """The inputs and memos that changed since this map was made, every memo that read something
        changed counted as changed (`settle` computes them again); None when everything did (the
        site-wide key changed)."""
        found = self.changes(site_key, inputs)
        if found is None:
            return None
        changed, reached = found
        return changed | {Read(Part.MEMO, key) for key in reached}

    def changes(self, site_key: str, inputs: dict[Read, str]) -> tuple[set[Read], set[str]] | None:
        """The inputs that changed, and the memos that read one of them or such a memo; None when
        everything changed (the site-wide key)."""
        if site_key != self.site_key:
            return None
        before = self.inputs
        changed = {read for read, digest in inputs.items() if before.get(read) != digest}
        # The site map's parts are compared once it is made (`routes_changed`).
        changed.update(read for read in before if read not in inputs and read.part is not Part.ROUTES)
        return changed, self.reached(changed)

    def settle(self, changed: set[Read], reached: set[str], recompute: Callable[[str], str | None]) -> set[Read]:
        """The inputs `changed` and the memos of `reached` whose value may differ from the last
        build's (`recompute(key)`: the digest of memo `key`'s value in this build, None if it has none)."""
        moved: dict[str, bool] = {}

        def differs(key: str) -> bool:
            """Whether memo `key`'s value may differ from the last build's: a memo that read only
            memos whose values came out the same did not change, nor did one computed again to the
            same digest. Memos read before they are read (a memo never reads itself)."""
            if key not in reached:
                return False
            if key not in moved:
                touched = any(read in changed if read.part is not Part.MEMO else differs(read.name)
                              for read in self.memos[key])
                old = self.memo_digests.get(key)
                moved[key] = touched and (old is None or recompute(key) != old)
            return moved[key]

        return changed | {Read(Part.MEMO, key) for key in sorted(reached) if differs(key)}

    def reached(self, changed: set[Read]) -> set[str]:
        """The memos that read something in `changed`, or a memo that did: to a fixed point."""
        found: set[str] = set()
        frontier = set(changed)
        pending = dict(self.memos)
        while frontier and pending:
            newly = [key for key, reads in pending.items() if not reads.isdisjoint(frontier)]
            for key in newly:
                del pending[key]
            found.update(newly)
            frontier = {Read(Part.MEMO, key) for key in newly}
        return found

    def routes_changed(self, routes: dict[Read, str]) -> set[Read]:
        """The parts of the site map (`Part.ROUTES`) whose pages are not those of this map: compared
        after the site map is made, since making it needs `dirty` (no memo reads them)."""
        before = {read: digest for read, digest in self.inputs.items() if read.part is Part.ROUTES}
        return {read for read in routes.keys() | before.keys() if routes.get(read) != before.get(read)}

    def stale(self, wanted: list[Output], dirty: set[Read] | None, root: Path,
              stamps: dict[str, Stamp | None], observed: dict | None = None) -> list[Output]:
        """The outputs (of `wanted`, this build's) to make again (`stamps`: of the files as the last
        build wrote them; `observed`, when given, gets what each file's stat said: see `intact`)."""
        if dirty is None:
            return list(wanted)
        made = self.outputs
        return [output for output in wanted
                if (record := made.get(output)) is None or not record.reads.isdisjoint(dirty)
                or not intact(root, record.files, stamps, observed)]

    def updated(self, site_key: str, inputs: dict[Read, str], memos: dict[str, frozenset[Read]],
                outputs: dict[Output, OutputRecord], wanted: list[Output], site_map: frozenset[Read] = frozenset(),
                digests: dict[str, str | None] | None = None, search: frozenset[Read] = frozenset()
                ) -> tuple[DependencyMap, bool]:
        """The map after this build: its inputs, the memos and outputs it made over the last
        build's, and only the outputs it still has (and the memos they, the site map and the
        search index read, with the digests of those computed again); and whether anything but
        the inputs differs from this map (else it need not be saved)."""
        digests = digests or {}
        kept = {output: outputs.get(output) or self.outputs[output] for output in wanted}
        remade = {output: record for output, record in outputs.items() if not _same(self.outputs.get(output), record)}
        recomputed = {key: reads for key, reads in memos.items() if not _same(self.memos.get(key), reads)}
        same_site = site_key == self.site_key
        if same_site and site_map == self.site_map and search == self.search and kept.keys() == self.outputs.keys() \
                and not remade and not recomputed \
                and all(self.memo_digests.get(key) == digest for key, digest in digests.items()):
            return dataclasses.replace(self, inputs=inputs), False
        every_memo = {**self.memos, **memos}
        removed = [self.outputs[output] for output in self.outputs.keys() - kept.keys()]
        if same_site and not _drops_a_memo(self, remade, recomputed, removed, site_map, search):
            used = _still_read(self.memos, every_memo, (site_map, search, *(r.reads for r in remade.values())),
                               recomputed)
        else:
            used = live_memos((site_map, search, *(record.reads for record in kept.values())), every_memo)
        every_digest = {**self.memo_digests, **digests} if same_site else digests
        return DependencyMap(site_key=site_key, inputs=inputs, memos=used, outputs=kept, site_map=site_map,
                             memo_digests={key: every_digest[key] for key in used if key in every_digest},
                             search=search), True


def _same(old, new) -> bool:
    return old is new or old == new


def _memo_keys(reads) -> set[str]:
    return {read.name for read in reads if read.part is Part.MEMO}


def live_memos(roots, every_memo: dict[str, frozenset[Read]]) -> dict[str, frozenset[Read]]:
    """The memos read by `roots` (sets of reads), or by such a memo: those the next build needs."""
    return _walk({}, [key for reads in roots for key in _memo_keys(reads)], every_memo)


def _walk(used: dict[str, frozenset[Read]], todo: list[str], every_memo: dict[str, frozenset[Read]]
          ) -> dict[str, frozenset[Read]]:
    """`used` with the memos of `todo` and those they read, at any depth (those in `used` are not
    visited again)."""
    while todo:
        key = todo.pop()
        if key in used or key not in every_memo:
            continue
        used[key] = every_memo[key]
        todo.extend(_memo_keys(used[key]))
    return used


def _drops_a_memo(before: DependencyMap, remade: dict[Output, OutputRecord], recomputed: dict[str, frozenset[Read]],
                  removed: list[OutputRecord], site_map: frozenset[Read], search: frozenset[Read]) -> bool:
    """Whether some memo the last map kept may no longer be read: an output gone, or an output,
    memo, the site map or the search index that no longer reads a memo it read."""
    if any(_memo_keys(record.reads) for record in removed):
        return True
    pairs = [(before.site_map, site_map), (before.search, search),
             *((before.outputs[o].reads, r.reads) for o, r in remade.items() if o in before.outputs),
             *((before.memos[k], reads) for k, reads in recomputed.items() if k in before.memos)]
    return any(_memo_keys(old) - _memo_keys(new) for old, new in pairs if old is not new)


def _still_read(live: dict[str, frozenset[Read]], every_memo: dict[str, frozenset[Read]], new_roots,
                recomputed: dict[str, frozenset[Read]]) -> dict[str, frozenset[Read]]:
    """`live_memos` when no memo lost a reader (`_drops_a_memo` is false): every memo of the last
    map is still read, with its reads as computed now, and so is every memo reached from what
    was read anew (the outputs made, the site map, the search index, the memos of the last map
    computed again), without walking the million reads of the rest."""
    todo = [key for reads in new_roots for key in _memo_keys(reads)]
    todo += [key for memo, reads in recomputed.items() if memo in live for key in _memo_keys(reads)]
    return _walk({key: every_memo[key] for key in live}, todo, every_memo)


def intact(root: Path, files, stamps: dict[str, Stamp | None], observed: dict | None = None) -> bool:
    """Whether every one of `files` is there, as the last build wrote it (asked of every output
    after every edit: plain strings and numbers, no Path or Stamp made for each file). `observed`
    gets (size, mtime_ns, inode) of each file found: the integrity manifest, made after the files
    made again are written, takes the others' from it instead of asking the disk again."""
    folder = os.fspath(root)
    for path in files:
        known = stamps.get(path)
        if known is None:
            return False
        try:
            found = os.stat(os.path.join(folder, path))
        except OSError:
            return False
        if observed is not None:
            observed[path] = (found.st_size, found.st_mtime_ns, found.st_ino)
        if found.st_size != known.size or found.st_mtime_ns != known.mtime_ns:
            return False
    return True


@dataclass(frozen=True)
class BuildRecord:
    """The last build: its dependency map, the stamp of every file it wrote (pages, feeds,
    calendars, data, search index) and which of them are the search index's."""

    dependencies: DependencyMap = field(default_factory=lambda: DependencyMap())
    stamps: dict[str, Stamp | None] = field(default_factory=dict)
    search_files: tuple[str, ...] = ()
    search_token: str = ""  # that of the search index's cache made with this map (else the map cannot say of it)
