"""Memo values kept between builds, each pickled on its own.

The values a build keeps for the next (domain/reads.py, `Memos`: listing rows, feed items, the
open data's encoded records, …) are tens of megabytes at 10,000 documents, and an edit uses a
few hundred of them. Kept as one pickle, every build unpickled all of them (0.3–0.5 s). Kept as
one pickle each, the part loads as bytes and a value is unpickled when the build first asks
for it. A value not asked for goes back to the cache as the very bytes it came in, so the
journal (build/journal.py), which compares the part by identity, does not write it again.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping

_UNREAD = object()


class KeptValue:
    """A kept value as `Memos.reuse` takes it (`value`, `reads`), unpickled on first use."""

    __slots__ = ("blob", "reads", "_value")

    def __init__(self, blob: bytes, reads: frozenset):
        self.blob, self.reads, self._value = blob, reads, _UNREAD

    @property
    def value(self) -> object:
        if self._value is _UNREAD:
            self._value = pickle.loads(self.blob)  # noqa: S301 - sealed by this code in the build cache
        return self._value


def blob_of(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class KeptValues(Mapping):
    """The last build's kept values by memo key (those the map still has), each a `KeptValue` made
    when first looked up: a rebuild looks up a few hundred of tens of thousands."""

    def __init__(self, blobs: Mapping[str, bytes], reads: Mapping[str, object]):
        self._blobs, self._reads, self._made = blobs, reads, {}

    def __getitem__(self, key: str) -> KeptValue:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default=None):
        found = self._made.get(key)
        if found is None:
            blob, reads = self._blobs.get(key), self._reads.get(key)
            if blob is None or reads is None:
                return default
            found = self._made[key] = KeptValue(blob, reads)
        return found

    def __iter__(self):
        return (key for key in self._blobs if key in self._reads)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def blob(self, key: str) -> bytes:
        """What `key`'s value was kept as (not unpickled)."""
        return self._blobs[key]
