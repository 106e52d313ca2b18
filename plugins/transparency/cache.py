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

import hashlib
import os
import pickle
import shutil
import sys
from importlib import metadata
from pathlib import Path

FORMAT = 1
KEEP_SCOPES = 8  # caches of other content/output folders (test builds, say) beyond these are deleted
LIBRARIES = ("markdown", "nh3", "pyyaml", "jinja2", "pelican", "babel", "markupsafe")


def _digest(*parts) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def code_version() -> str:
    """Changes whenever the code that reads, checks or renders content changes."""
    package = Path(__file__).resolve().parent
    sources = [(path.name, path.read_bytes()) for path in sorted(package.glob("*.py"))]
    versions = []
    for name in LIBRARIES:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, "-"))
    return _digest(FORMAT, sys.version, versions, *(part for pair in sources for part in pair))


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
            current = stamp.read_text(encoding="utf-8") == self.version
        except OSError:
            current = False
        if not current:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            stamp.write_text(self.version, encoding="utf-8")
        return folder

    def load(self, part: str) -> dict:
        if self.folder is None:
            return {}
        try:
            with self.path(part).open("rb") as handle:
                stored = pickle.load(handle)  # noqa: S301 - our own cache folder
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError,
                TypeError, ValueError):
            return {}
        if not isinstance(stored, dict) or stored.get("version") != self.version:
            return {}
        return stored.get("data", {})

    def save(self, part: str, data: dict) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(part)
        temporary = target.with_name(f".{target.name}.{os.getpid()}")
        with temporary.open("wb") as handle:
            pickle.dump({"version": self.version, "data": data}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)  # a reader never sees half a file
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
            try:
                part = pickle.loads(path.read_bytes())  # noqa: S301 - our own cache folder
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError,
                    TypeError, ValueError):
                continue
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
                target = self.folder / file_name
                temporary = self.folder / f".{file_name}.{os.getpid()}"
                temporary.write_bytes(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
                os.replace(temporary, target)
        for file_name in set(self.loaded) - set(by_file):
            (self.folder / file_name).unlink(missing_ok=True)
        self.loaded = {file_name: self._stamps(part) for file_name, part in by_file.items()}
