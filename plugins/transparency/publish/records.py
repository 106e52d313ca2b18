"""The stamp of a file a build wrote: whether anyone touched it since.

The build's record (publish/dependencies.py, `BuildRecord`) keeps the stamp
(size and modification time) each file had when it was written. It never decides what may be deleted from the
output folder: that is the output manifest's job (build/outputs.py), which
is kept in the output folder and survives a deleted cache.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Stamp:
    """A file as the build left it: when both are unchanged, nobody rewrote it."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str | os.PathLike) -> Stamp | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return cls(stat.st_size, stat.st_mtime_ns)


def stamps(root: str | os.PathLike, written, known: dict[str, Stamp | None], wanted,
           seen: dict[str, tuple] | None = None) -> dict[str, Stamp | None]:
    """The stamps of the files `wanted` (paths relative to the output folder `root`): those just
    `written` as they are now (as `seen` by whoever wrote them: (size, mtime_ns, …), else asked of
    the disk), the others as `known` (the last build's)."""
    seen = seen or {}
    now = {path: Stamp(*seen[path][:2]) if path in seen else Stamp.of(os.path.join(root, path)) for path in written}
    return {path: now[path] if path in now else known.get(path) for path in wanted}


def survey(root: str | os.PathLike, paths, known: dict[str, tuple]) -> dict[str, tuple | None]:
    """What the disk says of each of `paths` (relative to the output folder `root`) that differs from
    `known` (path → (size, mtime_ns, inode, …), the integrity manifest's record of the last build):
    (size, mtime_ns, inode), or None for a file that is not there. Made in a child process while
    the build checks the content (adapters/generator.py), so that `stale` need not ask the disk
    about 34,000 files at 10,000 documents, one after the other: only what changed is sent back."""
    folder, found = os.fspath(root), {}
    for path in paths:
        try:
            stat = os.stat(os.path.join(folder, path))
        except OSError:
            found[path] = None
            continue
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        if known.get(path, ())[:3] != stamp:
            found[path] = stamp
    return found


class Surveyed:
    """`survey`'s answer as a lookup: path → (size, mtime_ns, inode), or None when the file is not
    there. Only for the paths surveyed (what `known` says of the others is not what the disk says)."""

    def __init__(self, differences: dict[str, tuple | None], known: dict[str, tuple]):
        self._differences, self._known = differences, known

    def get(self, path: str) -> tuple | None:
        if path in self._differences:
            return self._differences[path]
        return self._known[path][:3]
