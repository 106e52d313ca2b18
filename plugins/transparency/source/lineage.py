"""Each document file's lineage: its versions, oldest first, followed through renames from the
commit that created it, moved forward commit by commit.

A path's lineage is made by replaying the main line from its first commit (`advance`, one commit
at a time): a commit that adds a file starts its lineage, one that changes it adds a version, a
rename carries the lineage to the new path (as `git log --follow` finds it), a deletion ends it.
Only the paths present in the last commit have one; a file not committed yet has none. Only Markdown
files are followed: a rename from another kind of file starts a new lineage.

What the last build followed is kept (`Lineages`, a journal in the build cache: one delta per
build, the paths a commit changed): a build after new commits on top of the last one's moves the
kept lineages past those commits only, instead of loading every commit and blob the cache knows
and replaying twenty thousand commits (0.19 s of every rebuild at 10,000 documents).
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping

from ..build.cache import BuildCache
from ..build.journal import equal, journal_of
from ..domain import history
from ..domain.history import Facts, Removal, Version, named

PART = "history-lineages"
# What a kept part must match: the layout of the part itself (raised by hand when it changes), and the
# domain's Version objects it holds, pickled: their fields.
LAYOUT = "13:" + ",".join(field.name for field in dataclasses.fields(Version))

Change = tuple[str, str, str, str]  # (old path, new path, old blob, new blob), "" for none: source/git_walk.Commit


def followed(path: str) -> bool:
    return path.endswith(".md")


def advance(lineages: dict[str, tuple], commit: str, changes: Iterable[Change],
            version: Callable[[str, str, str], object], ended: Callable[[str, tuple, str], None] | None = None) -> None:
    """Move `lineages` (path → its versions, oldest first) past the commit `commit` that made
    `changes`; `version(commit, path, blob)` makes a version; `ended(path, versions, commit)` is
    told of each lineage the commit ends (a file deleted, or moved to a name that is not followed). Every
    new value is computed from the lineages before the commit (a commit may swap two files'
    names), then applied."""
    gone, made = [], {}
    for old_path, new_path, _, new_blob in changes:
        carried = bool(new_path) and followed(new_path)
        if old_path:
            gone.append(old_path)
            if not carried and ended is not None and old_path in lineages:
                ended(old_path, lineages[old_path], commit)
        if carried:
            made[new_path] = (*(lineages.get(old_path, ()) if old_path else ()), version(commit, new_path, new_blob))
    for path in gone:
        lineages.pop(path, None)
    lineages.update(made)


class Packed(Mapping):
    """Lineages kept pickled, one per path, each unpickled when first asked for: a build reads the
    versions of the documents whose pages it makes (after a commit, a handful), not of all ten
    thousand (unpickling every version with its front matter was 0.1 s of every rebuild)."""

    def __init__(self, packed: dict[str, bytes], unpacked: dict[str, tuple[Version, ...]] | None = None):
        self.packed = packed
        self._unpacked = dict(unpacked or {})

    def __getitem__(self, path: str) -> tuple[Version, ...]:
        found = self._unpacked.get(path)
        if found is None:
            found = self._unpacked[path] = pickle.loads(self.packed[path])  # noqa: S301 - the build cache's
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.packed)

    def __len__(self) -> int:
        return len(self.packed)

    def __contains__(self, path) -> bool:
        return path in self.packed

    def known(self, path: str) -> tuple[Version, ...] | None:
        """The lineage of `path` if it is unpacked already (None otherwise)."""
        return self._unpacked.get(path)


class Moved(MutableMapping):
    """Kept lineages being moved past new commits (`advance`): those the commits made (`changed`),
    those they ended (`gone`), and the others as kept, unpacked only when asked for."""

    def __init__(self, kept: Packed):
        self.kept = kept
        self.changed: dict[str, tuple[Version, ...]] = {}
        self.gone: set[str] = set()

    def __getitem__(self, path: str) -> tuple[Version, ...]:
        if path in self.changed:
            return self.changed[path]
        if path in self.gone:
            raise KeyError(path)
        return self.kept[path]

    def __setitem__(self, path: str, versions: tuple[Version, ...]) -> None:
        self.changed[path] = versions
        self.gone.discard(path)

    def __delitem__(self, path: str) -> None:
        if path not in self:
            raise KeyError(path)
        self.changed.pop(path, None)
        if path in self.kept:
            self.gone.add(path)

    def __contains__(self, path) -> bool:
        return path in self.changed or (path not in self.gone and path in self.kept)

    def __iter__(self) -> Iterator[str]:
        yield from (path for path in self.kept if path not in self.gone and path not in self.changed)
        yield from self.changed

    def __len__(self) -> int:
        return sum(1 for _ in self)


def pack(versions: tuple[Version, ...]) -> bytes:
    return pickle.dumps(versions, protocol=pickle.HIGHEST_PROTOCOL)


class Lineages:
    """The lineages of the last build (`head`: the commit they were followed to), loaded from and
    saved to the build cache of the history (None: nothing kept). Each lineage is kept packed
    (`Packed`), with its name (`named`) and its facts (domain/history.py `facts`), which every
    build after a commit needs for every document."""

    def __init__(self, cache: BuildCache | None, prefix: str):
        self.prefix = prefix
        self._journal = journal_of(cache, PART, same=equal) if cache is not None and cache.folder is not None else None
        stored = self._journal.load() if self._journal is not None else {}
        fits = stored.get("prefix") == prefix and stored.get("layout") == LAYOUT and stored.get("head")
        self.head: str = stored["head"] if fits else ""
        self.versions = Packed(stored["packed"] if fits else {})
        self.names: dict[str, str] = stored["names"] if fits else {}  # `named` of each of `versions`
        self.facts: dict[str, Facts] = stored["facts"] if fits else {}  # `history.facts` of each of `versions`
        # The commits that changed a disposition whose file is gone since (source/history.py `Ended`).
        self.ended: frozenset[str] = stored["ended"] if fits else frozenset()
        # Each file removed since it was committed, by its last path (domain/history.py `Removal`).
        self.removed: dict[str, Removal] = stored["removed"] if fits else {}
        # The newest commit time on the main line up to `head` (git takes any date: domain Version.floor).
        self.newest: int = stored["newest"] if fits else 0
        self._stored = stored if fits else None

    def update(self, head: str, versions: dict[str, tuple[Version, ...]] | Moved, ended: frozenset[str],
               removed: dict[str, Removal], newest: int = 0) -> None:
        """Take `versions`, followed to `head` (all of them followed anew, or the kept ones `Moved`
        past the new commits), naming each lineage not kept as it was, and keep them, with `ended`
        and `removed`."""
        whole = not isinstance(versions, Moved)
        if whole:
            made, kept = versions, {}
        else:
            made = versions.changed
            kept = {path: self.versions.packed[path] for path in versions if path not in made}
        packed = {**kept, **{path: pack(lineage) for path, lineage in made.items()}}
        self.names = {path: self.names[path] if path in kept else named(made[path]) for path in packed}
        self.facts = {path: self.facts[path] if path in kept else history.facts(made[path]) for path in packed}
        unpacked = {path: found for path in kept if (found := self.versions.known(path)) is not None}
        self.head, self.versions, self.ended, self.removed = head, Packed(packed, {**unpacked, **made}), ended, removed
        self.newest = newest
        if self._journal is not None:
            self._journal.save({"prefix": self.prefix, "layout": LAYOUT, "head": head, "packed": packed,
                                "names": self.names, "facts": self.facts, "ended": ended,
                                "removed": removed, "newest": newest},
                               whole=whole or self._stored is None)
