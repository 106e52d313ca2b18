"""The one accessor through which outputs read the archive: every read is recorded.

The site model hands the views a `TrackedArchive` and `Index`es instead of
the checked archive and its relations. A document is a `TrackedDocument`: any
of its attributes read records its front matter (or its body, for the body's
fields); going through all documents of a type records the type's members;
an index entry read records that entry. So nothing an output shows can be
read without the dependency map knowing (domain/reads.py,
docs/build-cache.md).

An index is computed from the whole archive at once, without recording (it
would otherwise make every output that reads one entry depend on every
document); its entries are inputs in their own right, compared by value
from one build to the next (`fingerprints`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping

from ..domain.model import Archive, Council
from ..domain.reads import Part, Read, ReadLog, document_name, index_name

BODY_FIELDS = frozenset({"body_digest", "body_line"})  # what the rendered body is made from
ALL = "*"  # the key of an index read as a whole (iterated, counted)


def value_digest(value) -> str:
    """A digest of an index entry's value (plain data, whose repr is deterministic)."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=12).hexdigest()


class TrackedDocument:
    """A document whose every attribute read is recorded in the log (front matter or body)."""

    __slots__ = ("_document", "_log", "_front", "_body")

    def __init__(self, document, log: ReadLog):
        name = document_name(document.type, document.id)
        object.__setattr__(self, "_document", document)
        object.__setattr__(self, "_log", log)
        object.__setattr__(self, "_front", Read(Part.FRONT, name))
        object.__setattr__(self, "_body", Read(Part.BODY, name))

    def __getattr__(self, name: str):
        self._log.read(self._body if name in BODY_FIELDS else self._front)
        return getattr(self._document, name)

    def __setattr__(self, name, value):
        raise AttributeError(f"documents are read-only in the site model ({name})")

    def __repr__(self) -> str:
        return f"Tracked({self._front.name})"


class TrackedCollection(Mapping):
    """The documents of one type, by id. Looking one up by id records that document (its front
    matter: a document that appears or goes changes it); going through them all records the
    type's members."""

    def __init__(self, kind: str, documents: dict, log: ReadLog):
        self._kind, self._documents, self._log = kind, documents, log
        self._members = Read(Part.MEMBERS, kind)
        self._tracked = {doc_id: TrackedDocument(doc, log) for doc_id, doc in documents.items()}

    def __getitem__(self, doc_id: str) -> TrackedDocument:
        tracked = self._tracked.get(doc_id)
        if tracked is None:
            self._log.read(Read(Part.FRONT, document_name(self._kind, doc_id)))
            raise KeyError(doc_id)
        return tracked

    def get(self, doc_id, default=None):
        if doc_id is None:
            return default
        tracked = self._tracked.get(doc_id)
        if tracked is None:
            self._log.read(Read(Part.FRONT, document_name(self._kind, doc_id)))
            return default
        return tracked

    def __contains__(self, doc_id) -> bool:
        self._log.read(Read(Part.FRONT, document_name(self._kind, str(doc_id))))
        return doc_id in self._tracked

    def __iter__(self) -> Iterator[str]:
        self._log.read(self._members)
        return iter(self._tracked)

    def __len__(self) -> int:
        self._log.read(self._members)
        return len(self._tracked)

    def values(self):
        self._log.read(self._members)
        return self._tracked.values()

    def items(self):
        self._log.read(self._members)
        return self._tracked.items()


class TrackedArchive:
    """The archive as the views see it: its collections tracked (see TrackedCollection)."""

    def __init__(self, archive: Archive, log: ReadLog):
        self.council: Council = archive.council  # part of every page: in the site-wide key
        self.decisions = TrackedCollection("decision", archive.decisions, log)
        self.reports = TrackedCollection("report", archive.reports, log)
        self.meetings = TrackedCollection("meeting", archive.meetings, log)
        self.pages = TrackedCollection("page", archive.pages, log)

    def documents(self):
        for collection in (self.decisions, self.reports, self.meetings, self.pages):
            yield from collection.values()


class Index(Mapping):
    """A derived index (key → value) computed from the whole archive when first used, without
    recording; reading an entry records `index/key`, going through it records `index/*`."""

    def __init__(self, name: str, log: ReadLog, compute: Callable[[], Mapping]):
        self.name, self._log, self._compute = name, log, compute
        self._entries: Mapping | None = None
        self._all = Read(Part.INDEX, index_name(name, ALL))
        self._reads: dict[str, Read] = {}  # one object per entry: the map stores each read once

    def read_of(self, key) -> Read:
        read = self._reads.get(key)
        if read is None:
            read = self._reads[key] = Read(Part.INDEX, index_name(self.name, str(key)))
        return read

    @property
    def entries(self) -> Mapping:
        if self._entries is None:
            with self._log.muted():
                self._entries = self._compute()
        return self._entries

    def _read(self, key) -> None:
        self._log.read(self.read_of(key))

    def __getitem__(self, key):
        self._read(key)
        return self.entries[key]

    def get(self, key, default=None):
        self._read(key)
        return self.entries.get(key, default)

    def __contains__(self, key) -> bool:
        self._read(key)
        return key in self.entries

    def __iter__(self):
        self._log.read(self._all)
        return iter(self.entries)

    def __len__(self) -> int:
        self._log.read(self._all)
        return len(self.entries)

    def values(self):
        self._log.read(self._all)
        return self.entries.values()

    def items(self):
        self._log.read(self._all)
        return self.entries.items()

    def fingerprints(self) -> dict[Read, str]:
        """The digest of every entry's value, and of the whole index (`index/*`)."""
        found = {self.read_of(key): value_digest(value) for key, value in self.entries.items()}
        whole = hashlib.blake2b(digest_size=12)  # the entries' order is the index's, itself deterministic
        for read, digest in found.items():
            whole.update(f"{read.name}\0{digest}\0".encode())
        found[self._all] = whole.hexdigest()
        return found
