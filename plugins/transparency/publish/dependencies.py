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
- `table`: every read the stored sets below name, numbered (see "Stored").

After an edit, an input whose digest changed is dirty; a memo that read
something dirty is dirty too, unless it can be computed again and its value
came out as it was (early cutoff: it is computed once, and its readers are
not stale); an output is made again when it read something dirty, is new,
or its files are not as it wrote them. Everything else is the last build's.

Stored: a map holds a million reads at 10,000 documents, in some 75,000
sets. Unpickled as frozensets of `Read`, each read is hashed into its set
(three objects apart in memory: 0.3-0.4 s a build, for sets of which an
edit looks into a few). So the build cache keeps each set as the sorted
numbers of its reads in `table` (bytes of an array, `stored`), and a loaded
map keeps them so: "is any of these dirty?" asks the numbers of the dirty
reads, and a set is decoded only where its reads are looked at (`decoded`).
A map mixes both forms (what this build made is frozensets) and compares
them by their reads. The table grows by the reads a build adds; one with no
set in numbers (after a change of the site-wide key, when every output is
made again) starts a new one, so reads no longer read do not pile up. It
is kept as one chunk per build that added reads (publish/read_table.py).
"""

from __future__ import annotations

import dataclasses
import os
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from ..domain.reads import Part, Read
from .read_table import ReadTable
from .records import Stamp, Surveyed


class OutputKind(str, Enum):
    PAGE = "page"
    FEED = "feed"
    CALENDAR = "calendar"
    DATA = "data"  # the open data files


class Output(NamedTuple):
    """One output a build makes: a page (by its address), a feed (by its name), a calendar (by its
    committee's slug, "" for all meetings) or the open data files. A named tuple, hashed in C (a
    frozen dataclass's hash is a Python function: called twice per output each time a map loads)."""

    kind: OutputKind
    name: str

    def __reduce__(self):
        return tuple.__new__, (Output, (self.kind, self.name))  # see domain.reads.Read


NUMBERS = "I"  # the array type of a stored set of reads: each read's number in `DependencyMap.table`

Reads = frozenset[Read] | bytes  # a set of reads, or as stored: the sorted numbers of its reads


class OutputRecord(NamedTuple):
    files: tuple[str, ...]  # relative to the output folder
    reads: Reads

    def __reduce__(self):
        return tuple.__new__, (OutputRecord, (self.files, self.reads))  # see domain.reads.Read


@dataclass
class DependencyMap:
    site_key: str = ""
    inputs: dict[Read, str] = field(default_factory=dict)
    memos: dict[str, Reads] = field(default_factory=dict)
    outputs: dict[Output, OutputRecord] = field(default_factory=dict)
    site_map: Reads = frozenset()  # what listing the outputs read (its memos are kept)
    memo_digests: dict[str, str | None] = field(default_factory=dict)
    search: Reads = frozenset()  # what the search index read (its documents' memos are kept)
    table: ReadTable = field(default_factory=ReadTable)  # the reads of the sets stored as numbers

    def __post_init__(self):
        if type(self.table) is dict:  # as the build cache keeps it
            self.table = ReadTable(self.table)

    # --- the stored form (see the module's docstring) ---

    def decoded(self, reads: Reads) -> frozenset[Read]:
        """A set of reads, whichever its form."""
        if type(reads) is not bytes:
            return reads
        return frozenset(map(self.table.reads.__getitem__, _numbers_of(reads)))

    def numbered(self, reads: Iterable[Read]) -> set[int]:
        """The numbers of those of `reads` the table has (a stored set holds no other)."""
        numbers = self.table.numbers
        return {numbers[read] for read in reads if read in numbers}

    def _disjoint(self, reads: Reads, dirty: set[Read], numbers: set[int]) -> bool:
        """Whether `reads` holds none of `dirty` (`numbers`: theirs, `numbered(dirty)`)."""
        return numbers.isdisjoint(_numbers_of(reads)) if type(reads) is bytes else reads.isdisjoint(dirty)

    def memo_keys(self, reads: Reads) -> set[str]:
        """The keys of the memos among `reads`."""
        if type(reads) is bytes:  # looked up in the table: a map of every memo's number would cost a pass
            table = self.table.reads  # over its 170,000 reads for the few sets a rebuild asks about
            return {read.name for number in _numbers_of(reads) if (read := table[number]).part is Part.MEMO}
        return _memo_keys(reads)

    def same_reads(self, old: Reads | None, new: Reads | None) -> bool:
        if old is new or (type(old) is type(new) and old == new):
            return True
        return old is not None and new is not None and self.decoded(old) == self.decoded(new)

    def stored(self) -> dict:
        """The map's fields but its inputs, as the build cache keeps them: every set of reads as
        numbers in the table (those already so kept as they are, the same bytes)."""
        sets = [*self.memos.values(), *(record.reads for record in self.outputs.values()), self.site_map, self.search]
        table = self.table if any(type(reads) is bytes and reads for reads in sets) else ReadTable()
        added: dict[Read, int] = {}  # the reads the table lacks, numbered after its own

        def encode(reads: Reads) -> bytes:
            if type(reads) is bytes:
                return reads
            numbers, found = table.numbers, []
            for read in reads:
                number = numbers.get(read)
                if number is None:
                    number = added.get(read)
                    if number is None:
                        number = added[read] = len(numbers) + len(added)
                found.append(number)
            return array(NUMBERS, sorted(found)).tobytes()

        return {"site_key": self.site_key,
                "memos": {key: reads if type(reads) is bytes else encode(reads) for key, reads in self.memos.items()},
                "outputs": {output: record if type(record.reads) is bytes
                            else OutputRecord(record.files, encode(record.reads))
                            for output, record in self.outputs.items()},
                "site_map": encode(self.site_map), "memo_digests": self.memo_digests, "search": encode(self.search),
                "table": table.extended(list(added)).chunks}

    # --- what changed ---

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
                              for read in self.decoded(self.memos[key]))
                old = self.memo_digests.get(key)
                moved[key] = touched and (old is None or recompute(key) != old)
            return moved[key]

        return changed | {Read(Part.MEMO, key) for key in sorted(reached) if differs(key)}

    def reached(self, changed: set[Read]) -> set[str]:
        """The memos that read something in `changed`, or a memo that did: to a fixed point. A memo
        found joins what is looked for at once, so that a memo after it that reads it is found in
        the same pass: the map lists most memos after those they read (in the order they were
        computed), and two or three passes over its 70,000 memos do what one pass per level did."""
        found: set[str] = set()
        dirty, numbers, table = set(changed), self.numbered(changed), self.table.numbers
        pending = dict(self.memos)
        while pending:
            newly = []
            for key, reads in pending.items():  # `_disjoint`, inlined: 70,000 calls a pass
                if not (numbers.isdisjoint(memoryview(reads).cast(NUMBERS)) if type(reads) is bytes
                        else reads.isdisjoint(dirty)):
                    newly.append(key)
                    read = Read(Part.MEMO, key)
                    dirty.add(read)
                    if read in table:
                        numbers.add(table[read])
            if not newly:
                break
            for key in newly:
                del pending[key]
            found.update(newly)
        return found

    def routes_changed(self, routes: dict[Read, str]) -> set[Read]:
        """The parts of the site map (`Part.ROUTES`) whose pages are not those of this map: compared
        after the site map is made, since making it needs `dirty` (no memo reads them)."""
        before = {read: digest for read, digest in self.inputs.items() if read.part is Part.ROUTES}
        return {read for read in routes.keys() | before.keys() if routes.get(read) != before.get(read)}

    def stale(self, wanted: list[Output], dirty: set[Read] | None, root: Path,
              stamps: dict[str, Stamp | None], observed: dict | None = None,
              surveyed: Surveyed | None = None) -> list[Output]:
        """The outputs (of `wanted`, this build's) to make again (`stamps`: of the files as the last
        build wrote them; `observed`, when given, gets what each file's stat said, `surveyed` what
        the disk said of them earlier in the build: see `intact`)."""
        if dirty is None:
            return list(wanted)
        made, numbers = self.outputs, self.numbered(dirty)
        return [output for output in wanted
                if (record := made.get(output)) is None or not self._disjoint(record.reads, dirty, numbers)
                or not intact(root, record.files, stamps, observed, surveyed)]

    def updated(self, site_key: str, inputs: dict[Read, str], memos: dict[str, Reads],
                outputs: dict[Output, OutputRecord], wanted: list[Output], site_map: Reads = frozenset(),
                digests: dict[str, str | None] | None = None, search: Reads = frozenset()
                ) -> tuple[DependencyMap, bool]:
        """The map after this build: its inputs, the memos and outputs it made over the last
        build's, and only the outputs it still has (and the memos they, the site map and the
        search index read, with the digests of those computed again); and whether anything but
        the inputs differs from this map (else it need not be saved)."""
        digests = digests or {}
        # What reads as it did is kept in the form it has (stored: the same bytes, not encoded again).
        remade = {output: record for output, record in outputs.items() if not self._same_record(output, record)}
        kept = {output: remade.get(output) or self.outputs.get(output) or outputs[output] for output in wanted}
        recomputed = {key: reads for key, reads in memos.items() if not self.same_reads(self.memos.get(key), reads)}
        site_map = self.site_map if self.same_reads(self.site_map, site_map) else site_map
        search = self.search if self.same_reads(self.search, search) else search
        same_site = site_key == self.site_key
        if same_site and site_map is self.site_map and search is self.search and kept.keys() == self.outputs.keys() \
                and not remade and not recomputed \
                and all(self.memo_digests.get(key) == digest for key, digest in digests.items()):
            return dataclasses.replace(self, inputs=inputs), False
        every_memo = {**self.memos, **recomputed}
        removed = [self.outputs[output] for output in self.outputs.keys() - kept.keys()]
        keys = _once_each(self.memo_keys)  # a set's memos are asked for twice (dropped? then walked)
        roots = (site_map, search, *(record.reads for record in kept.values()))
        if same_site:
            used = _still_read(self.memos, every_memo, (site_map, search, *(r.reads for r in remade.values())),
                               recomputed, keys)
            used = self._unread_removed(used, roots, _dropped(keys, self, remade, recomputed, removed, site_map,
                                                              search), keys)
        else:
            used = live_memos(roots, every_memo, keys)
        every_digest = {**self.memo_digests, **digests} if same_site else digests
        return DependencyMap(site_key=site_key, inputs=inputs, memos=used, outputs=kept, site_map=site_map,
                             memo_digests={key: every_digest[key] for key in used if key in every_digest},
                             search=search, table=self.table), True

    def _unread_removed(self, used: dict[str, Reads], roots, dropped: set[str],
                        keys: Callable[[Reads], set[str]]) -> dict[str, Reads]:
        """`used` without the memos of `dropped` that nothing in `roots` or `used` reads any more, nor
        those that only such memos read: what `live_memos` would keep, found by looking for the
        readers of a few memos instead of walking every read from the roots (0.4 s at 10,000
        documents). Exact because memos form no cycle: every memo left has a reader left, and
        following readers from it ends at a root."""
        candidates = dropped & used.keys()
        while candidates:
            reads = {Read(Part.MEMO, key) for key in candidates}
            numbers = self.numbered(reads)
            read_still = set()
            for reader in (*roots, *used.values()):
                if not self._disjoint(reader, reads, numbers):
                    read_still |= keys(reader) & candidates
            unread = candidates - read_still
            if not unread:
                break
            # Those the unread memos read may have lost their last reader; those still read may
            # have been read by an unread one only.
            candidates = read_still | {key for gone in unread for key in keys(used[gone])}
            used = {key: reads for key, reads in used.items() if key not in unread}
            candidates &= used.keys()
        return used

    def _same_record(self, output: Output, record: OutputRecord) -> bool:
        old = self.outputs.get(output)
        return old is record or (old is not None and old.files == record.files
                                 and self.same_reads(old.reads, record.reads))


def _numbers_of(reads: bytes) -> memoryview:
    return memoryview(reads).cast(NUMBERS)


def _memo_keys(reads: frozenset[Read]) -> set[str]:
    return {read.name for read in reads if read.part is Part.MEMO}


def live_memos(roots, every_memo: dict[str, Reads], keys: Callable[[Reads], set[str]] = _memo_keys
               ) -> dict[str, Reads]:
    """The memos read by `roots` (sets of reads), or by such a memo: those the next build needs
    (`keys`: the memo keys of a set of reads, `DependencyMap.memo_keys` for stored sets)."""
    return _walk({}, [key for reads in roots for key in keys(reads)], every_memo, keys)


def _walk(used: dict[str, Reads], todo: list[str], every_memo: dict[str, Reads],
          keys: Callable[[Reads], set[str]]) -> dict[str, Reads]:
    """`used` with the memos of `todo` and those they read, at any depth (those in `used` are not
    visited again)."""
    while todo:
        key = todo.pop()
        if key in used or key not in every_memo:
            continue
        used[key] = every_memo[key]
        todo.extend(keys(used[key]))
    return used


def _once_each(keys: Callable[[Reads], set[str]]) -> Callable[[Reads], set[str]]:
    """`keys`, computed once per set (by identity: the sets outlive the call to `updated`)."""
    found: dict[int, set[str]] = {}

    def once(reads: Reads) -> set[str]:
        known = found.get(id(reads))
        if known is None:
            known = found[id(reads)] = keys(reads)
        return known

    return once


def _dropped(keys: Callable[[Reads], set[str]], before: DependencyMap, remade: dict[Output, OutputRecord],
             recomputed: dict[str, Reads], removed: list[OutputRecord], site_map: Reads, search: Reads) -> set[str]:
    """The memos that something the last map kept no longer reads: an output gone, or an output,
    memo, the site map or the search index that no longer reads a memo it read (`keys`: the memo
    keys of a set of reads)."""
    found = {key for record in removed for key in keys(record.reads)}
    pairs = [(before.site_map, site_map), (before.search, search),
             *((before.outputs[o].reads, r.reads) for o, r in remade.items() if o in before.outputs),
             *((before.memos[k], reads) for k, reads in recomputed.items() if k in before.memos)]
    for old, new in pairs:
        if old is not new:
            found |= keys(old) - keys(new)
    return found


def _still_read(live: dict[str, Reads], every_memo: dict[str, Reads], new_roots,
                recomputed: dict[str, Reads], keys: Callable[[Reads], set[str]]) -> dict[str, Reads]:
    """`live_memos` if no memo lost a reader (`_dropped` then prunes those that did): every memo of the last
    map is still read, with its reads as computed now, and so is every memo reached from what
    was read anew (the outputs made, the site map, the search index, the memos of the last map
    computed again), without walking the million reads of the rest."""
    todo = [key for reads in new_roots for key in keys(reads)]
    todo += [key for memo, reads in recomputed.items() if memo in live for key in keys(reads)]
    return _walk({key: every_memo[key] for key in live}, todo, every_memo, keys)


def intact(root: Path, files, stamps: dict[str, Stamp | None], observed: dict | None = None,
           surveyed: Surveyed | None = None) -> bool:
    """Whether every one of `files` is there, as the last build wrote it (asked of every output
    after every edit: plain strings and numbers, no Path or Stamp made for each file). `observed`
    gets (size, mtime_ns, inode) of each file found: the integrity manifest, made after the files
    made again are written, takes the others' from it instead of asking the disk again. `surveyed`:
    what the disk said of every file with a stamp, taken earlier in this build (records.survey)."""
    folder = os.fspath(root)
    for path in files:
        known = stamps.get(path)
        if known is None:
            return False
        if surveyed is not None:
            found = surveyed.get(path)
            if found is None:
                return False
        else:
            try:
                stat = os.stat(os.path.join(folder, path))
            except OSError:
                return False
            found = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        if observed is not None:
            observed[path] = found
        if found[0] != known.size or found[1] != known.mtime_ns:
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
