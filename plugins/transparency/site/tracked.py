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

from ..domain.model import TEXT_FIELDS, Archive, Council
from ..domain.reads import Part, Read, ReadLog, document_name, index_name

BODY_FIELDS = frozenset({"body_digest", "body_line"})  # what the rendered body is made from
ALL = "*"  # the key of an index read as a whole (iterated, counted)
MISSING = object()


def value_digest(value) -> str:
    """A digest of an index entry's value (plain data, whose repr is deterministic)."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=12).hexdigest()


class TrackedDocument:
    """A document whose every attribute read is recorded in the log (its text fields, the rest of
    its front matter, or its body), but its type and id: they name it, and whoever holds it found
    it by a recorded read (a look-up by id, the type's members, a memo). A document whose id
    changed is another document, so an output that read only ids (a memo of the ids a listing
    shows) is not made again for an edit of the documents it names."""

    __slots__ = ("_document", "_log", "_front", "_body", "_text", "id", "type")

    def __init__(self, document, log: ReadLog):
        name = document_name(document.type, document.id)
        object.__setattr__(self, "id", document.id)
        object.__setattr__(self, "type", document.type)
        object.__setattr__(self, "_document", document)
        object.__setattr__(self, "_log", log)
        object.__setattr__(self, "_front", Read(Part.FRONT, name))
        object.__setattr__(self, "_body", Read(Part.BODY, name))
        object.__setattr__(self, "_text", Read(Part.TEXT, name))

    def __getattr__(self, name: str):
        self._log.read(self._body if name in BODY_FIELDS else self._text if name in TEXT_FIELDS else self._front)
        return getattr(self._document, name)

    def __setattr__(self, name, value):
        raise AttributeError(f"documents are read-only in the site model ({name})")

    def __repr__(self) -> str:
        return f"Tracked({self._front.name})"


class RecordedMapping(Mapping):
    """A mapping whose every look-up records the read of that key (`read_of`), and whose going
    through records the read of the whole (`whole`). Subclasses say what the data is."""

    whole: Read
    record_found = True  # False: a key found is not recorded (what is read of its value records itself)

    def __init__(self, log: ReadLog):
        self._log = log
        self._reads: dict[str, Read] = {}  # one object per key: the map stores each read once

    @property
    def data(self) -> Mapping:
        raise NotImplementedError

    def read_for(self, key: str) -> Read:
        raise NotImplementedError

    def read_of(self, key) -> Read:
        read = self._reads.get(key)
        if read is None:
            read = self._reads[key] = self.read_for(str(key))
        return read

    def __getitem__(self, key):
        found = self.get(key, MISSING)
        if found is MISSING:
            raise KeyError(key)
        return found

    def get(self, key, default=None):
        if key is None:
            return default
        found = self.data.get(key, MISSING)
        if found is MISSING or self.record_found:
            self._log.read(self.read_of(key))
        return default if found is MISSING else found

    def __contains__(self, key) -> bool:
        self._log.read(self.read_of(key))
        return key in self.data

    def __iter__(self) -> Iterator:
        self._log.read(self.whole)
        return iter(self.data)

    def __len__(self) -> int:
        self._log.read(self.whole)
        return len(self.data)

    def values(self):
        self._log.read(self.whole)
        return self.data.values()

    def items(self):
        self._log.read(self.whole)
        return self.data.items()


class TrackedCollection(RecordedMapping):
    """The documents of one type, by id. Looking one up by id records that document (its front
    matter: a document that appears or goes changes it); going through them all records the
    type's members."""

    record_found = False  # a TrackedDocument records what is read of it

    def __init__(self, kind: str, documents: dict, log: ReadLog):
        super().__init__(log)
        self._kind = kind
        self.whole = Read(Part.MEMBERS, kind)
        self._tracked = {doc_id: TrackedDocument(doc, log) for doc_id, doc in documents.items()}

    @property
    def data(self) -> dict[str, TrackedDocument]:
        return self._tracked

    def read_for(self, doc_id: str) -> Read:
        return Read(Part.FRONT, document_name(self._kind, doc_id))


class TrackedArchive:
    """The archive as the views see it: its collections tracked (see TrackedCollection)."""

    def __init__(self, archive: Archive, log: ReadLog):
        self.council: Council = archive.council  # part of every page: in the site-wide key
        self.decisions = TrackedCollection("decision", archive.decisions, log)
        self.reports = TrackedCollection("report", archive.reports, log)
        self.meetings = TrackedCollection("meeting", archive.meetings, log)
        self.pages = TrackedCollection("page", archive.pages, log)
        self.dispositions = TrackedCollection("disposition", archive.dispositions, log)
        self.publications = TrackedCollection("publication", archive.publications, log)

    def documents(self):
        for collection in (self.decisions, self.reports, self.meetings, self.pages, self.dispositions,
                           self.publications):
            yield from collection.values()


class Index(RecordedMapping):
    """A derived index (key → value) computed from the whole archive when first used, without
    recording; reading an entry records `index/key`, going through it records `index/*`."""

    def __init__(self, name: str, log: ReadLog, compute: Callable[[], Mapping], *, reads_text: bool = True):
        super().__init__(log)
        self.name, self._compute = name, compute
        # False: made without the documents' text fields (model.TEXT_FIELDS), so that a title edit
        # does not make it again (site/inputs.py; tests/unit/test_index_inputs.py proves each one).
        self.reads_text = reads_text
        self._entries: Mapping | None = None
        self.whole = Read(Part.INDEX, index_name(name, ALL))

    def read_for(self, key: str) -> Read:
        return Read(Part.INDEX, index_name(self.name, key))

    @property
    def data(self) -> Mapping:
        return self.entries

    @property
    def entries(self) -> Mapping:
        if self._entries is None:
            with self._log.muted():
                self._entries = self._compute()
        return self._entries

    def fingerprints(self) -> dict[Read, str]:
        """The digest of every entry's value, and of the whole index (`index/*`)."""
        found = {self.read_of(key): digest for key, digest in self.digests().items()}
        whole = hashlib.blake2b(digest_size=12)  # the entries' order is the index's, itself deterministic
        for read, digest in found.items():
            whole.update(f"{read.name}\0{digest}\0".encode())
        found[self.whole] = whole.hexdigest()
        return found

    def digest(self, key: str) -> str:
        """The digest of one entry (an index whose values are costly may digest what makes them)."""
        return value_digest(self.entries[key])

    def digests(self) -> dict[str, str]:
        """The digest of every entry, in the index's order (an index may make them in one pass)."""
        return {key: self.digest(key) for key in self.entries}
