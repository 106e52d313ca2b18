"""The domain build, start to finish, without Pelican:

read every file (its fields, private data, unsafe markup) → resolve
relations → check cross-file rules. The result is what `make check` reports and what the Pelican
adapter publishes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import loader, relations, validate
from .model import Archive
from .problems import Problems
from .relations import Relations


@dataclass
class Checked:
    archive: Archive
    relations: Relations
    problems: Problems
    root: Path  # the content folder


def check(content_root: Path, cache: dict | None = None, worker_count: int = 1) -> Checked:
    """`cache` (a dict kept by the build cache between runs, updated in place)
    lets unchanged files skip reading; what is left to read is spread over
    `worker_count` processes."""
    problems = Problems()
    files = cache.setdefault("files", {}) if cache is not None else None
    archive = loader.load(Path(content_root), problems, files, worker_count)
    rel = relations.build(archive, problems)
    validate.check(archive, rel, problems)
    return Checked(archive, rel, problems, Path(content_root))


def fingerprint(cache: dict) -> tuple:
    """What a content cache holds (each file and the hash it was read from): saved again only if this changed."""
    return tuple(sorted((path, parsed.key) for path, parsed in cache.get("files", {}).items()))


def document_digests(cache: dict) -> dict[str, str]:
    """`type/id` → digest of the file each document was read from."""
    return {f"{parsed.document.type}/{parsed.document.id}": parsed.key[0]
            for parsed in cache.get("files", {}).values() if parsed.document is not None}


def input_digests(cache: dict) -> tuple[str, str]:
    """Digests of the document files read into `cache`: (everything, front matter only).
    The second stays the same when only bodies changed."""
    whole, front = hashlib.blake2b(digest_size=20), hashlib.blake2b(digest_size=20)
    for path, parsed in sorted(cache.get("files", {}).items()):
        files = repr(sorted(parsed.files.items()))
        whole.update(f"{path}\0{parsed.key[0]}\0{files}\0".encode())
        front.update(f"{path}\0{parsed.front}\0{files}\0".encode())
    return whole.hexdigest(), front.hexdigest()
