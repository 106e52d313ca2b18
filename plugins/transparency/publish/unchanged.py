"""Whether the site as last built is still current: a rebuild with nothing changed does nothing.

Before anything is read, a build takes the `signature` of everything a site
is made from: every file of the content folder and of the theme (name, size,
modification time, inode, as git does), the code and library versions, the
settings, the build day and the site's address. When it is the last
successful build's and every file that build wrote is still as it wrote it
(size and modification time), there is nothing to do: the content is not
even parsed. Otherwise the build goes its normal way (the dependency map,
publish/dependencies.py, decides what to make again).

A file modified less than `cache.RACY_NS` before the signature was taken
could change again within the same timestamp, its stamp unchanged (git's
"racy" files). Such a file is signed by its bytes as well: the signature
keeps a digest of its content, the build records itself only if the file
still holds those bytes when it ends, and the next build compares them
again. (The content is not trusted by its stamp alone until its stamp is
old enough; a build started right after an edit is still remembered, and a
rebuild with nothing changed after it does nothing.)
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from ..build.cache import RACY_NS


@dataclass(frozen=True)
class Signature:
    digest: str  # of every file's stamp and of the context
    racy: tuple[tuple[str, str], ...]  # (path, digest of its bytes) of each file too recent for its stamp

    def holds(self) -> bool:
        """Whether each racy file still holds the bytes it held when signed."""
        try:
            return all(content_digest(path) == digest for path, digest in self.racy)
        except OSError:  # gone, or no longer readable
            return False


@dataclass(frozen=True)
class LastBuild:
    signature: Signature
    files: tuple[tuple[str, int, int], ...]  # every file it wrote: (path in the output folder, size, mtime_ns)

    def still_current(self, signature: Signature | None, output: Path) -> bool:
        if signature is None or signature.digest != self.signature.digest or not self.signature.holds():
            return False
        for path, size, mtime_ns in self.files:
            try:
                found = os.stat(os.path.join(output, path))
            except OSError:
                return False
            if found.st_size != size or found.st_mtime_ns != mtime_ns:
                return False
        return True


def signature(folders: list[Path], context: dict) -> Signature | None:
    """A digest of every file under `folders` (as git sees a change) and of `context` (versions,
    settings, build day, address: plain values), with the bytes of each file too recent to be
    trusted by its stamp; None when a folder cannot be read or something other than a file or
    a folder is too recent."""
    digest = hashlib.blake2b(json.dumps(context, sort_keys=True, default=str).encode("utf-8"), digest_size=20)
    newest_trusted = time.time_ns() - RACY_NS
    racy: list[tuple[str, str]] = []
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
                folder = stat.S_ISDIR(found.st_mode)
                if found.st_mtime_ns >= newest_trusted and not folder:
                    # (a folder's entries are signed one by one: its own stamp says nothing more)
                    if not stat.S_ISREG(found.st_mode):
                        return None
                    try:
                        racy.append((entry.path, content_digest(entry.path)))
                    except OSError:
                        return None
                digest.update(f"{entry.path}\0{found.st_mode}\0{found.st_size}\0{found.st_mtime_ns}\0"
                              f"{found.st_ino}\0".encode("utf-8", "surrogateescape"))
                if folder:
                    pending.append(entry.path)
    return Signature(digest.hexdigest(), tuple(racy))


def content_digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "blake2b").hexdigest()


def recorded(signature_: Signature, output: Path, files, seen: dict[str, tuple[int, int]] | None = None) \
        -> LastBuild | None:
    """The record of a build that just ended, which wrote `files` into `output`; None when a file
    signed by its bytes changed since (the build may have read either version). `seen`: path →
    (size, mtime_ns) of the files already looked at once they were written (the integrity
    manifest's pass, publish/integrity.py), not looked at again: at 10,000 documents, 30,000
    calls to stat. A file changed since then only makes the next build do all its work."""
    if not signature_.holds():
        return None
    seen = seen or {}
    stamps = []
    for path in sorted(files):
        found = seen.get(path)
        if found is None:
            status = os.stat(os.path.join(output, path))
            found = (status.st_size, status.st_mtime_ns)
        stamps.append((path, *found))
    return LastBuild(signature_, tuple(stamps))
