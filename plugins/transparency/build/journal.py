"""A part of the build cache saved as what changed: a base file and, after it, one delta per build.

The dependency map, the kept memo values and the map's inputs are tens of megabytes at 10,000
documents, and an edit changes a few hundred of their entries. Pickling them whole after every
edit cost more than a second (docs/build-cache.md). A `Journal` keeps such a part in a folder
of its own: `base.pickle`, the whole part as one build saved it, then `delta-000001.pickle`,
`delta-000002.pickle`, …, each the entries one later build set or dropped. Loading reads the
base and applies the deltas in order; saving writes one delta, or a new base once the deltas
add up to a quarter of the base (so loading never reads much more than the part itself).

What is compared: a part is a dict whose values may be dicts or lists, down to `depth` levels:
a dict entry by entry, a list item by item (saved as the positions of the items it kept, by
identity, strings by their text, and the new items). Below that a value is a leaf, written again when it is not `same`
as the one saved: identity by default; equality for plain data whose equal values print alike
(not memo values, where 1 == 1.0 and Decimal("1.0") == Decimal("1.00") would hide a change).
The comparison is against a copy of the dicts and lists taken when the part was loaded or
saved, so one changed in place is still seen; a leaf changed in place is not (the values kept
here are never changed in place).

Safety: every file is sealed (cache.seal: written whole or not at all, checked when read). A
delta names the base it follows (a random generation) and its number; loading stops at the
first delta that is missing, damaged, out of order or of another base, and deletes it and the
rest. A build stopped while saving therefore leaves the part as an earlier build saved it,
never a mix of two.
"""

from __future__ import annotations

import operator
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

from .cache import seal, unseal

BASE = "base.pickle"
DELTA = "delta-{:06d}.pickle"
COMPACT_AT = 0.25  # a new base once the deltas add up to this share of the base's size
COMPACT_FROM = 256 * 1024  # and to this many bytes (small parts: a few deltas cost nothing to read)
MAX_DELTAS = 64
_MISSING = object()
SPLICE = "splice"


def equal(old, new) -> bool:
    """`same` for plain data (strings, digests, reads, records): the same type and equal."""
    return old is new or (type(old) is type(new) and old == new)


class Journal:
    """One part of the build cache (a dict), kept in `folder` (None: not kept at all)."""

    def __init__(self, folder: Path | None, *, depth: int = 2, same: Callable[[object, object], bool] = operator.is_):
        self.folder, self.depth, self.same = folder, depth, same
        self._saved: dict = {}  # a copy (dicts down to `depth`) of the part as it is on disk
        self._generation = ""  # of the base on disk, "" when there is none
        self._deltas = 0
        self._base_bytes = self._delta_bytes = 0

    def load(self) -> dict:
        """The part as the last build saved it ({} when there is none)."""
        if self.folder is None:
            return {}
        base = unseal(self.folder / BASE)
        deltas = sorted(self.folder.glob("delta-*.pickle"))
        if not (isinstance(base, dict) and isinstance(base.get("data"), dict) and base.get("generation")):
            self._forget(deltas)
            return {}
        data, self._generation = base["data"], base["generation"]
        self._base_bytes, self._deltas, self._delta_bytes = (self.folder / BASE).stat().st_size, 0, 0
        for position, path in enumerate(deltas):
            delta = unseal(path)
            if not (isinstance(delta, dict) and delta.get("generation") == self._generation
                    and delta.get("number") == self._deltas + 1):
                self._forget(deltas[position:])  # of an older base, or after a gap: not this part's
                break
            if not _apply(data, delta.get("changes")):  # sealed by this code, yet not fitting: trust nothing
                self._forget(deltas)
                (self.folder / BASE).unlink(missing_ok=True)
                self._generation, self._saved = "", {}
                return {}
            self._deltas += 1
            self._delta_bytes += path.stat().st_size
        self._saved = _copy(data, self.depth)
        return data

    def save(self, data: dict, *, whole: bool = False) -> None:
        """Save `data` as the part: the entries that changed since it was loaded or saved, or
        the whole part when the deltas grew too many or too big, or when the caller knows that
        most entries were made again (`whole`: no comparison, no delta as big as the base)."""
        if self.folder is None:
            return
        changes = [] if whole else list(_changes(self._saved, data, self.depth, self.same, ()))
        if self._generation and not changes and not whole:
            return
        if whole or not self._generation or self._deltas >= MAX_DELTAS \
                or self._delta_bytes > max(COMPACT_AT * self._base_bytes, COMPACT_FROM):
            self._write_base(data)
        else:
            self._deltas += 1
            path = self.folder / DELTA.format(self._deltas)
            seal(path, {"generation": self._generation, "number": self._deltas, "changes": changes})
            self._delta_bytes += path.stat().st_size
        self._saved = _copy(data, self.depth)

    def _write_base(self, data: dict) -> None:
        old = sorted(self.folder.glob("delta-*.pickle"))
        self._generation = secrets.token_hex(8)  # deltas of the old base no longer apply, even if left behind
        seal(self.folder / BASE, {"generation": self._generation, "data": data})
        self._forget(old)
        self._base_bytes = (self.folder / BASE).stat().st_size

    def _forget(self, deltas: list[Path]) -> None:
        for path in deltas:
            path.unlink(missing_ok=True)
        self._deltas = self._delta_bytes = 0


def _changes(old: dict, new: dict, depth: int, same, path: tuple) -> Iterator[tuple]:
    """(path, value) for each entry of `new` set since `old`, (path,) for each one dropped, and
    (path, SPLICE, (layout, fresh)) for a list whose items were partly kept (see `_spliced`)."""
    entries = new.items()
    if depth <= 1:  # leaves: most are the same (a rebuild keeps what nothing changed) and are passed
        # over in one comprehension, not one call of `same` each (the map's 430,000 entries after
        # one commit: 0.27 → 0.05 s): the very object saved is the same for any `same`, and `equal`
        # is spelled out (the inputs' digests are equal strings made again)
        get = old.get
        if same is equal:
            entries = [(key, value) for key, value in entries if (before := get(key, _MISSING)) is not value
                       and (type(before) is not type(value) or before != value)]
        else:
            entries = [(key, value) for key, value in entries if get(key, _MISSING) is not value]
    for key, value in entries:
        before = old.get(key, _MISSING)
        if depth > 1 and type(value) is dict and type(before) is dict:
            yield from _changes(before, value, depth - 1, same, (*path, key))
        elif depth > 1 and type(value) is list and type(before) is list:
            if len(value) != len(before) or any(_token(item) != _token(kept) for item, kept in zip(value, before)):
                yield (*path, key), SPLICE, _spliced(before, value)
        elif before is _MISSING or not same(before, value):
            yield (*path, key), value
    for key in old.keys() - new.keys():
        yield ((*path, key),)


def _spliced(old: list, new: list) -> tuple[list[int], dict[int, object]]:
    """`new` as the positions in `old` of the very items it kept (-1 for the others) and the
    others by position: the search index's shards, of which an edit remakes a few."""
    positions = {_token(item): position for position, item in enumerate(old)}  # `old` keeps them alive
    layout = [positions.get(_token(item), -1) for item in new]
    return layout, {position: item for position, item in enumerate(new) if layout[position] < 0}


def _token(item) -> object:
    """What a list item is matched by: a string by its text (the search index's order of documents
    is made of fresh strings every build, equal to the last build's), anything else by identity."""
    return item if type(item) is str else id(item)


def _apply(data: dict, changes) -> bool:
    """Apply a delta's `changes` to `data`; False when they do not fit it (then nothing is trusted)."""
    if not isinstance(changes, list):
        return False
    for change in changes:
        path = change[0]
        folder = data
        for key in path[:-1]:
            folder = folder.get(key) if type(folder) is dict else None
        if type(folder) is not dict:
            return False
        if len(change) == 2:
            folder[path[-1]] = change[1]
        elif len(change) == 1:
            folder.pop(path[-1], None)
        else:
            old, (layout, fresh) = folder.get(path[-1]), change[2]
            if type(old) is not list or any(position >= len(old) for position in layout):
                return False
            folder[path[-1]] = [old[kept] if kept >= 0 else fresh[position] for position, kept in enumerate(layout)]
    return True


def _copy(data: dict, depth: int) -> dict:
    """`data` with its dicts (and lists) down to `depth` copied: what is compared at the next save."""
    if depth <= 1:
        return dict(data)  # the values are leaves: copied in C (the map's table: 140,000 entries)
    return {key: _copy(value, depth - 1) if depth > 1 and type(value) is dict
            else list(value) if depth > 1 and type(value) is list else value
            for key, value in data.items()}


def journal_of(cache, part: str, **options) -> Journal:
    """The journal of `part` in `cache` (a cache.BuildCache), in a folder of its own (emptied when
    another version of the code wrote it); the single file an older version kept it in goes."""
    if cache.folder is not None:
        cache.path(part).unlink(missing_ok=True)
    return Journal(cache.store_folder(part), **options)
