"""The build cache: what earlier builds computed, kept in TRANSPARENCY["build_cache"].

Each part is one pickle file per content folder (and output folder), tagged
with the version of the code that wrote it: the plugin's own source, the
theme's templates and the versions of the libraries that shape the output.
A file written by other code, or unreadable, is ignored and rebuilt: the
cache can always be deleted, and a build without it gives the same bytes.

Parts: `content` (each document file as parsed, by content hash), `routes`
(the manifest of pages written: what each was rendered from, and every file
the build wrote). Parts too big to load whole get a folder instead
(`store_folder`): `bodies`, the rendered Markdown, one file per body.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import sys
import tomllib
import zlib
from collections.abc import Iterable
from contextvars import ContextVar
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from . import collector

FORMAT = 2
KEEP_SCOPES = 8  # caches of other content/output folders (test builds, say) beyond these are deleted
SEAL = b"TDC-CACHE\x03"  # every cache file starts with this, then the CRC-32 of the rest (4 bytes, big-endian)
OLDER_SEALS = (b"TDC-CACHE\x02",)  # of files an earlier version wrote: dropped without a word
PROJECT = "transparenta-decizionala"  # our distribution (pyproject.toml), whose requirements shape output

# Sealed files already read by a process kept warm between builds (adapters/warm.py): path →
# (signature of the file when read, its value). Set in that process and inherited by each build
# it forks, which takes an entry once instead of reading the file (see `preloaded`).
PRELOADED: ContextVar[dict[str, tuple[tuple, object]] | None] = ContextVar("preloaded", default=None)
# The code version that process computed once (it starts again when the code or a library changes).
# As in git, a file modified less than this before it was looked at could change again within the
# same timestamp, its stamp unchanged: such a file is not trusted by its stamp (source/loader.py,
# publish/unchanged.py).
RACY_NS = 2_000_000_000
KNOWN_CODE_VERSION: ContextVar[str | None] = ContextVar("known_code_version", default=None)


def _digest(*parts) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def seal(target: Path, value) -> None:
    """Pickle `value` into `target` behind a checksum of the pickled bytes, written atomically (a
    reader never sees half a file). The checksum guards against damage (a disk, a copy cut
    short), not against someone who may write the cache (who could write any pickle): CRC-32,
    the check of gzip and PNG, reads 4 GB/s where blake2b read 1 (a rebuild unseals some
    120 MB at 10,000 documents: 120 → 30 ms)."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    with temporary.open("wb") as handle:
        handle.write(SEAL + zlib.crc32(payload).to_bytes(4, "big"))
        handle.write(payload)
    os.replace(temporary, target)


def unseal(path: Path):
    """What `seal` wrote to `path`, or None when there is no such file. A file that is not whole
    (truncated, altered, written by other code) is never unpickled: it is deleted with a word to
    the reader, and the build computes its part again."""
    kept = PRELOADED.get()
    if kept is not None:
        entry = kept.pop(os.fspath(path), None)  # taken once: a build may change what it was given
        if entry is not None and entry[0] == file_signature(path):
            return entry[1]
    return read_sealed(path)


def file_signature(path: Path | str) -> tuple | None:
    """(size, mtime_ns, inode) of a file, None when it is not there. `seal` replaces a file by
    another (a new inode), so a file with the signature it had when read holds the same bytes."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def preloaded(paths: Iterable[Path], kept: dict[str, tuple[tuple, object]]) -> dict[str, tuple[tuple, object]]:
    """What a process kept warm holds for its next build: the value of every sealed file of
    `paths`, read again only where the file changed since `kept` was made (its signature)."""
    found = {}
    for path in paths:
        key, signature = os.fspath(path), file_signature(path)
        entry = kept.get(key)
        if entry is not None and entry[0] == signature:
            found[key] = entry
        elif signature is not None:
            value = read_sealed(path)  # its signature taken before: a file replaced meanwhile is read again
            if value is not None:
                found[key] = (signature, value)
    return found


def read_sealed(path: Path):
    """`unseal` without the values a warm process kept: from the file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        _discard(path, f"nu poate fi citit ({error.strerror})")
        return None
    header, checksum = data[:len(SEAL)], data[len(SEAL):len(SEAL) + 4]
    payload = memoryview(data)[len(SEAL) + 4:]  # not copied: tens of megabytes
    if header in OLDER_SEALS:
        path.unlink(missing_ok=True)
        return None
    if header != SEAL or zlib.crc32(payload).to_bytes(4, "big") != checksum:
        _discard(path, "este deteriorat sau a fost scris de alt program")
        path.unlink(missing_ok=True)
        return None
    try:
        with collector.paused():
            value = pickle.loads(payload)  # noqa: S301 - sealed by this code, checked above
    except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        _discard(path, "a fost scris de altă versiune a programului")  # classes renamed since
        path.unlink(missing_ok=True)
        return None
    # What a cache holds lives as long as the build: keep the cycle collector from walking it
    # again at every full collection (millions of objects at 10,000 documents; seconds a build).
    gc.freeze()
    return value


def _discard(path: Path, why: str) -> None:
    # Not through logging: `make publish` makes every logged warning fatal, and a damaged cache
    # costs only time. Said anyway, because a cache that keeps breaking points at a disk problem.
    print(f"Notă: fișierul din memoria de construire {path} {why}; este ignorat și refăcut.", file=sys.stderr)


def _project_requirements() -> list[str]:
    """The runtime requirements of this project: from its installed distribution, or from the
    pyproject.toml above this package when it runs from a checkout that was not installed."""
    try:
        return metadata.requires(PROJECT) or []
    except metadata.PackageNotFoundError:
        for folder in Path(__file__).resolve().parents:
            if (folder / "pyproject.toml").is_file():
                with (folder / "pyproject.toml").open("rb") as handle:
                    return tomllib.load(handle)["project"]["dependencies"]
        return []


def library_versions() -> list[tuple[str, str]]:
    """(name, version) of every installed distribution the project needs at run time, followed
    through their own requirements (feedgen → lxml, icalendar → tzdata, pelican → jinja2 →
    markupsafe, …). Taken from the installed distributions, so that upgrading any library that
    could shape output bytes changes `code_version`; a few that do not (watchfiles) cost nothing."""
    found: dict[str, str] = {}
    pending = [Requirement(text) for text in _project_requirements()]
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        if name in found or (requirement.marker and not requirement.marker.evaluate({"extra": ""})):
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            found[name] = "-"
            continue
        found[name] = distribution.version
        pending += [Requirement(text) for text in distribution.requires or ()]
    return sorted(found.items())


def code_version() -> str:
    """Changes whenever the code that reads, checks or renders content changes: every source file of
    this package (sub-packages included) and the version of every library it runs on."""
    known = KNOWN_CODE_VERSION.get()
    if known is not None:
        return known
    package = Path(__file__).resolve().parents[1]  # transparency/, above this build/ folder
    sources = [(path.relative_to(package).as_posix(), path.read_bytes()) for path in sorted(package.rglob("*.py"))]
    return _digest(FORMAT, sys.version, library_versions(), *(part for pair in sources for part in pair))


class BuildCache:
    """Load and save the parts of the cache of one build (`scope`: the folders it builds)."""

    def __init__(self, folder: str | Path | None, *scope: str, version: str | None = None):
        self.folder = Path(folder) if folder else None
        self.scope = _digest(*(str(Path(s).resolve()) for s in scope))
        self.version = version or code_version()

    def path(self, part: str) -> Path:
        return self.folder / f"{part}-{self.scope}.pickle"

    def store_folder(self, part: str) -> Path | None:
        """A folder of its own for `part` (None without a cache folder), emptied when it was
        written by another version of the code."""
        if self.folder is None:
            return None
        folder = self.folder / f"{part}-{self.scope}.d"
        stamp = folder / ".version"
        try:
            current = stamp.read_bytes() == self.version.encode("utf-8")  # any bytes: never a decode error
        except OSError:
            current = False
        if not current:
            shutil.rmtree(folder, ignore_errors=True)
            if folder.exists():  # a file, or a folder rmtree could not empty
                _discard(folder, "nu a putut fi golit")
                folder.unlink()
            folder.mkdir(parents=True)
            stamp.write_text(self.version, encoding="utf-8")
        return folder

    def sealed_files(self) -> list[Path]:
        """Every file this cache's scope keeps (its parts, and those of its folders)."""
        if self.folder is None or not self.folder.is_dir():
            return []
        files = sorted(self.folder.glob(f"*-{self.scope}.pickle"))
        for folder in sorted(self.folder.glob(f"*-{self.scope}.d")):
            files += sorted(folder.rglob("*.pickle"))
        return files

    def load(self, part: str) -> dict:
        if self.folder is None:
            return {}
        stored = unseal(self.path(part))
        if not isinstance(stored, dict) or stored.get("version") != self.version:
            return {}
        return stored.get("data", {})

    def save(self, part: str, data: dict) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(part)
        seal(target, {"version": self.version, "data": data})
        self.prune()

    def prune(self) -> None:
        """Keep the caches of the KEEP_SCOPES most recently built folders."""
        latest: dict[str, float] = {}
        for path in [*self.folder.glob("*-*.pickle"), *self.folder.glob("*-*.d")]:
            scope = path.name.rsplit(".", 1)[0].rsplit("-", 1)[1]
            latest[scope] = max(latest.get(scope, 0), path.stat().st_mtime)
        for scope in sorted(latest, key=latest.get, reverse=True)[KEEP_SCOPES:]:
            if scope != self.scope:
                for path in self.folder.glob(f"*-{scope}.pickle"):
                    path.unlink(missing_ok=True)
                for path in self.folder.glob(f"*-{scope}.d"):
                    shutil.rmtree(path, ignore_errors=True)


class Shards:
    """Entries (name → value) kept in `folder`, one pickle file per shard (`shard_of(name)`), so
    that saving after a few changes rewrites only the files of the shards they touched.
    `stamp_of(value)` tells whether a value changed since it was loaded."""

    def __init__(self, folder: Path | None, shard_of, stamp_of):
        self.folder, self.shard_of, self.stamp_of = folder, shard_of, stamp_of
        self.loaded: dict[str, tuple] = {}  # shard file name → stamps of its entries when loaded

    def _file(self, shard: str) -> str:
        return _digest(shard) + ".pickle"

    def load(self) -> dict:
        entries: dict = {}
        if self.folder is None:
            return entries
        for path in sorted(self.folder.glob("*.pickle")):
            part = unseal(path)
            if isinstance(part, dict):
                entries.update(part)
                self.loaded[path.name] = self._stamps(part)
        return entries

    def _stamps(self, part: dict) -> tuple:
        return tuple(sorted((name, self.stamp_of(value)) for name, value in part.items()))

    def save(self, entries: dict) -> None:
        if self.folder is None:
            return
        by_file: dict[str, dict] = {}
        for name, value in entries.items():
            by_file.setdefault(self._file(self.shard_of(name)), {})[name] = value
        for file_name, part in by_file.items():
            if self.loaded.get(file_name) != self._stamps(part):
                seal(self.folder / file_name, part)
        for file_name in set(self.loaded) - set(by_file):
            (self.folder / file_name).unlink(missing_ok=True)
        self.loaded = {file_name: self._stamps(part) for file_name, part in by_file.items()}
