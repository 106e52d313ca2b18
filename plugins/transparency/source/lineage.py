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
import hashlib
from collections.abc import Callable, Iterable

from ..build.cache import BuildCache
from ..build.journal import equal, journal_of
from ..domain import history
from ..domain.history import Facts, Version

PART = "history-lineages"
# What a kept part must match: the layout of the part itself (raised by hand when it changes), and the
# domain's Version objects it holds, pickled: their fields.
LAYOUT = "3:" + ",".join(field.name for field in dataclasses.fields(Version))

Change = tuple[str, str, str, str]  # (old path, new path, old blob, new blob), "" for none: source/history.Commit


def followed(path: str) -> bool:
    return path.endswith(".md")


def advance(lineages: dict[str, tuple], commit: str, changes: Iterable[Change],
            version: Callable[[str, str, str], object]) -> None:
    """Move `lineages` (path → its versions, oldest first) past the commit `commit` that made
    `changes`; `version(commit, path, blob)` makes a version. Every new value is computed from
    the lineages before the commit (a commit may swap two files' names), then applied."""
    gone, made = [], {}
    for old_path, new_path, _, new_blob in changes:
        if old_path:
            gone.append(old_path)
        if new_path and followed(new_path):
            made[new_path] = (*(lineages.get(old_path, ()) if old_path else ()), version(commit, new_path, new_blob))
    for path in gone:
        lineages.pop(path, None)
    lineages.update(made)


def named(versions: tuple[Version, ...]) -> str:
    """A lineage by the names of what it is made of: each version's commit (which fixes its time,
    message and author), path and blob (which fixes its text)."""
    names = "|".join(f"{v.commit}:{v.path}:{v.blob}" for v in versions)
    return hashlib.blake2b(names.encode("utf-8"), digest_size=12).hexdigest()


def names_of(lineages: dict[str, tuple[Version, ...]], kept: dict[str, tuple[Version, ...]],
             kept_names: dict[str, str]) -> dict[str, str]:
    """`named` of each lineage, taken from `kept_names` for a lineage kept as it was (the same object)."""
    return {path: kept_names[path] if kept.get(path) is versions and path in kept_names else named(versions)
            for path, versions in lineages.items()}


def facts_of(lineages: dict[str, tuple[Version, ...]], kept: dict[str, tuple[Version, ...]],
             kept_facts: dict[str, Facts]) -> dict[str, Facts]:
    """`domain.history.facts` of each lineage, taken from `kept_facts` for a lineage kept as it was."""
    return {path: kept_facts[path] if kept.get(path) is versions and path in kept_facts else history.facts(versions)
            for path, versions in lineages.items()}


class Lineages:
    """The lineages of the last build (`head`: the commit they were followed to), loaded from and
    saved to the build cache of the history (None: nothing kept)."""

    def __init__(self, cache: BuildCache | None, prefix: str):
        self.prefix = prefix
        self._journal = journal_of(cache, PART, same=equal) if cache is not None and cache.folder is not None else None
        stored = self._journal.load() if self._journal is not None else {}
        fits = stored.get("prefix") == prefix and stored.get("layout") == LAYOUT and stored.get("head")
        self.head: str = stored["head"] if fits else ""
        self.versions: dict[str, tuple[Version, ...]] = stored["versions"] if fits else {}
        self.names: dict[str, str] = stored["names"] if fits else {}  # `named` of each of `versions`
        self.facts: dict[str, Facts] = stored["facts"] if fits else {}  # `history.facts` of each of `versions`
        self._stored = stored if fits else None

    def update(self, head: str, versions: dict[str, tuple[Version, ...]], *, whole: bool) -> None:
        """Take `versions`, followed to `head`, naming each lineage not kept as it was, and keep them;
        `whole`: made anew (not moved on from the loaded ones)."""
        before = {} if whole else self.versions
        self.names = names_of(versions, before, self.names)
        self.facts = facts_of(versions, before, self.facts)
        self.head, self.versions = head, versions
        if self._journal is not None:
            self._journal.save({"prefix": self.prefix, "layout": LAYOUT, "head": head, "versions": versions,
                                "names": self.names, "facts": self.facts}, whole=whole or self._stored is None)
