"""Whether the site as last built is still current: a rebuild with nothing changed does nothing.

Before anything is read, a build takes the `signature` of everything a site
is made from: every file of the content folder and of the theme (name, size,
modification time, inode, as git does), the code and library versions, the
settings, the build day and the site's address. When it is the last
successful build's and every file that build wrote is still as it wrote it
(size and modification time), there is nothing to do: the content is not
even parsed. Otherwise the build goes its normal way (the dependency map,
publish/dependencies.py, decides what to make again).

A file modified less than `loader.RACY_NS` before the signature was taken
could change again within the same timestamp; such a signature is not
recorded, and the next build takes the normal way.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..source.loader import RACY_NS


@dataclass(frozen=True)
class LastBuild:
    signature: str
    files: tuple[tuple[str, int, int], ...]  # every file it wrote: (path in the output folder, size, mtime_ns)

    def still_current(self, signature: str | None, output: Path) -> bool:
        if signature is None or signature != self.signature:
            return False
        for path, size, mtime_ns in self.files:
            try:
                found = os.stat(os.path.join(output, path))
            except OSError:
                return False
            if found.st_size != size or found.st_mtime_ns != mtime_ns:
                return False
        return True


def signature(folders: list[Path], context: dict) -> str | None:
    """A digest of every file under `folders` (as git sees a change) and of `context` (versions,
    settings, build day, address: plain values); None when a file is too recent to be trusted."""
    digest = hashlib.blake2b(json.dumps(context, sort_keys=True, default=str).encode("utf-8"), digest_size=20)
    newest_trusted = time.time_ns() - RACY_NS
    for folder in folders:
        digest.update(f"\0{folder}\0".encode("utf-8", "surrogateescape"))
        pending = [str(folder)]
        while pending:
            current = pending.pop()
            try:
                with os.scandir(current) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError:
                return None  # the build itself will say what is wrong
            for entry in entries:
                found = entry.stat(follow_symlinks=False)
                if found.st_mtime_ns >= newest_trusted:
                    return None
                digest.update(f"{entry.path}\0{found.st_mode}\0{found.st_size}\0{found.st_mtime_ns}\0"
                              f"{found.st_ino}\0".encode("utf-8", "surrogateescape"))
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
    return digest.hexdigest()


def recorded(signature_: str, output: Path, files) -> LastBuild:
    """The record of a build that just ended, which wrote `files` into `output`."""
    stamps = []
    for path in sorted(files):
        found = os.stat(os.path.join(output, path))
        stamps.append((path, found.st_size, found.st_mtime_ns))
    return LastBuild(signature_, tuple(stamps))
