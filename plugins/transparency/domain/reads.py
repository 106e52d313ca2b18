"""What an output read: the vocabulary of the build's dependency map.

Every page, feed, calendar and data file is made while a `ReadLog` records
each input it reads, as a `Read`: one part of one document (its front matter
or its body), the set of documents of a kind, or one entry of a derived index
(a relation, the feeds a page announces, …). What every page shares (the
council, the build day, templates, settings, code) is one site-wide key
outside this vocabulary. The adapters never decide what an output depends
on: they look at what it read (docs/build-cache.md).

Derived values that many outputs share (a decision's status, its row in the
listings) are computed once per build and kept in `Memos`. Such a value is a
node of the map: it keeps the reads it was computed from, and every output
that uses it, even long after it was computed, reads the node
(`Part.MEMO`). Memoising never hides a dependency, and a value read by
thousands of pages has its reads stored once.

A memo of a family defined with `Memos.define` can be computed again from
its key alone, and its value is digested: after an edit the build computes
again those that read something changed and compares the digests, and a memo
whose value came out the same does not make its readers stale (early
cutoff: a title edit changes its decision's row, not the order of all
decisions that every listing reads).

Nothing here is global: the site model owns one log, and each worker
process works on its own copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from enum import Enum
from typing import NamedTuple, TypeVar

T = TypeVar("T")


class Part(str, Enum):
    FRONT = "front"  # a document's front matter but its text fields (and the sizes of the files it attaches); name: "type/id"
    TEXT = "text"  # a document's text fields (model.TEXT_FIELDS: title, summary); name: "type/id"
    BODY = "body"  # a document's Markdown body; name: "type/id"
    MEMBERS = "members"  # which documents of a type exist; name: the type
    INDEX = "index"  # one entry of a derived index; name: "index/key"
    MEMO = "memo"  # a derived value computed once per build (it has reads of its own); name: its key
    ROUTES = "routes"  # the pages of one part of the site map (publish/sitemap.py); name: the part, "*": the parts


class Read(NamedTuple):
    """One input an output read (a named tuple: it is a set member millions of times a build)."""

    part: Part
    name: str

    def __reduce__(self):
        # Unpickled by tuple.__new__ itself, not by the named tuple's __new__, a Python function:
        # the build cache holds 140,000 reads in the map's table alone (70 ms → 40 ms to load).
        return tuple.__new__, (Read, (self.part, self.name))


def document_name(kind: str, doc_id: str) -> str:
    return f"{kind}/{doc_id}"


def index_name(index: str, key: str) -> str:
    return f"{index}/{key}"


class ReadLog:
    """The reads of the output being made (a stack: a memoised value computed while making an
    output records into its own set, and the output reads the memo)."""

    def __init__(self):
        self._stack: list[set[Read]] = [set()]

    @property
    def top(self) -> set[Read]:
        return self._stack[-1]

    def read(self, read: Read) -> None:
        self._stack[-1].add(read)

    def read_all(self, reads) -> None:
        self._stack[-1].update(reads)

    @contextmanager
    def apart(self) -> Iterator[set[Read]]:
        """Record into a new set (yielded), which does not count for the enclosing one."""
        found: set[Read] = set()
        self._stack.append(found)
        try:
            yield found
        finally:
            self._stack.pop()

    @contextmanager
    def muted(self) -> Iterator[None]:
        """Read without recording: for whole-archive indexes, whose entries are inputs themselves
        (each output records the entries it reads, and the map compares them by value)."""
        with self.apart():
            yield


class Remembered(NamedTuple):
    value: object
    reads: frozenset[Read]


class _Without(Mapping):
    """`base` but the keys of `gone`."""

    def __init__(self, base: Mapping, gone: frozenset[str]):
        self._base, self._gone = base, gone

    def __getitem__(self, key):
        if key in self._gone:
            raise KeyError(key)
        return self._base[key]

    def get(self, key, default=None):  # asked for every memo a build uses: no KeyError raised and caught
        return default if key in self._gone else self._base.get(key, default)

    def __iter__(self):
        return (key for key in self._base if key not in self._gone)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def value_digest(value) -> str | None:
    """A digest of a memo's value, from its repr: plain data, dataclasses, named tuples and
    tracked documents (shown by name: what is read of one is recorded where it is read) have a
    deterministic one. None when the repr shows an object's address (a function, a plain object):
    such a value is never taken as unchanged."""
    shown = repr(value)
    if " at 0x" in shown:
        return None
    return hashlib.blake2b(shown.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


class Memos:
    """Derived values computed once per build; `computed` keeps what each one read.

    A value asked for with `keep=True` (one that is costly to compute and small to store) is
    also kept between builds: `reuse` hands over the last build's, and one whose memo is not
    dirty (nothing it read changed) is taken as it is, with the reads it had.

    A family of values defined with `define` (keys `FAMILY/ARGUMENT`) can be computed again from
    the key alone (`recompute`), and each such value's digest is kept (`digests`): what the
    dependency map compares to cut a change off (publish/dependencies.py)."""

    def __init__(self, log: ReadLog):
        self._log = log
        self._values: dict[str, object] = {}
        self._reads: dict[str, Read] = {}
        self.computed: dict[str, frozenset[Read]] = {}
        self.kept: dict[str, object] = {}  # the values asked for with keep=True and computed in this build
        self.digests: dict[str, str | None] = {}  # of the values of defined families computed in this build
        self._order: list[str] = []  # the keys of `computed`, in the order computed
        self._previous: Mapping[str, Remembered] = {}
        self._families: dict[str, Callable[[str], object]] = {}
        self._digested: set[str] = set()  # the families whose values are digested
        self._fresh: set[str] = set()  # the keys computed in this build (not the last build's values)

    def define(self, family: str, compute: Callable[[str], object], *, digest: bool = True) -> None:
        """Values `FAMILY/ARGUMENT`, each `compute(ARGUMENT)` (a family's name has no "/").
        `digest=False` for a large value that its readers read a part of through memos of their
        own: it is computed again when they are, and never taken as unchanged itself."""
        if "/" in family or family in self._families:
            raise ValueError(f"memo family {family!r}: defined twice, or its name has a '/'")
        self._families[family] = compute
        if digest:
            self._digested.add(family)

    def defined(self, family: str) -> bool:
        return family in self._families

    def of(self, family: str, argument: str = "", *, keep: bool = False):
        """The value `FAMILY/ARGUMENT` of a defined family."""
        compute = self._families[family]
        return self.get(f"{family}/{argument}", lambda: compute(argument), keep=keep)

    def recompute(self, key: str) -> str | None:
        """The digest of memo `key`'s value in this build (computed now if it is not yet, without
        recording a read); None when its family is not defined (any more) or its value has no digest."""
        family, _, argument = key.partition("/")
        if family not in self._families:
            return None
        try:
            with self._log.apart():
                self.of(family, argument)
        except KeyError:  # what it was computed from is gone (a deleted document): it changed
            return None
        return self.digests.get(key)

    def reuse(self, previous: Mapping[str, Remembered], dirty: set[Read]) -> None:
        """The kept values of the last build, those whose memo is not `dirty` (a view of
        `previous`, not a copy: tens of thousands of values, of which an edit uses a few hundred)."""
        self._previous = _Without(previous, frozenset(read.name for read in dirty if read.part is Part.MEMO))

    def still_clean(self) -> Mapping[str, Remembered]:
        """The last build's kept values still clean: with those computed in this build (`Made.kept`,
        by this process and its workers), the values for the next build."""
        return self._previous

    def get(self, key: str, compute: Callable[[], T], *, keep: bool = False) -> T:
        read = self._reads.get(key)
        if read is None:
            old = self._previous.get(key) if keep else None
            if old is not None:
                value, found = old.value, old.reads
            else:
                with self._log.apart() as reads:
                    value = compute()
                found = frozenset(reads)
            self._values[key] = value
            self.computed[key] = found
            if key.partition("/")[0] in self._digested and old is None:
                self.digests[key] = value_digest(value)
            if old is None:
                self._fresh.add(key)
                if keep:
                    self.kept[key] = value
            self._order.append(key)
            self._reads[key] = read = Read(Part.MEMO, key)
        elif keep and key in self._fresh and key not in self.kept:
            # computed first without keep (the dependency map's `recompute`, before the pages ask
            # for it): kept all the same, or the next build would compute it again
            self.kept[key] = self._values[key]
        self._log.read(read)
        return self._values[key]

    def count(self) -> int:
        """How many values were computed so far (a position for `since`)."""
        return len(self._order)

    def since(self, position: int) -> Made:
        """The values computed (or reused) after `position`: what each read, and those computed
        to keep."""
        keys = self._order[position:]
        return Made(reads={key: self.computed[key] for key in keys},
                    kept={key: self.kept[key] for key in keys if key in self.kept},
                    digests={key: self.digests[key] for key in keys if key in self.digests})


class Made(NamedTuple):
    reads: dict[str, frozenset[Read]]
    kept: dict[str, object]
    digests: dict[str, str | None]  # of the values of defined families (Memos.define)
