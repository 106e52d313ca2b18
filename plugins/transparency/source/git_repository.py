"""The git repository that holds the content folder: found, opened to be read, and what differs from its commit.

A build reads a repository that stays as it is: `opened` and
`find_repository` tell dulwich not to look again for a multi-pack index it
does not have (`without_absent_midx`), and `blob_data` reads a blob raw.
`head_id` is the commit the nothing-changed signature includes
(publish/unchanged.py); `uncommitted` and `uncommitted_beside` are the files
that differ from that commit, which `make publish` refuses to publish: the
integrity manifest names one commit (adapters/guards.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from dulwich.errors import NotGitRepository
from dulwich.object_store import tree_lookup_path
from dulwich.objects import Blob
from dulwich.repo import Repo

from .content_tree import scan as scan_content


def opened(path: str, delta_cache: int | None = None) -> Repo:
    """The repository at `path`; `delta_cache` limits its cache of unpacked delta bases (bytes)."""
    repo = without_absent_midx(Repo(path))
    if delta_cache is not None:
        repo.object_store.delta_base_cache_limit = delta_cache  # before any pack is opened: each reads it then
    return repo


def without_absent_midx(repo: Repo) -> Repo:
    """`repo`, told not to look for a multi-pack index when it has none now: dulwich looks for the
    file again before every object it reads while there is none (an `os.stat` each, measured: a
    twelfth of reading the history of 20,000 commits). A build reads a repository that stays as it is."""
    store = repo.object_store
    if hasattr(store, "pack_dir") and not os.path.exists(os.path.join(store.pack_dir, "multi-pack-index")):
        store._use_midx = False  # dulwich 1.2's switch for `core.multiPackIndex = false`, set when opened
    return repo


def blob_data(repo: Repo, blob: str) -> bytes:
    """The bytes of the blob `blob` (hex id). Read raw: dulwich's `object_store[id]` would also make
    a Blob object and hash the whole content again to check its id, as git itself does only in
    `git fsck` (measured on a cold build at 10,000 documents: a third of the time of each read)."""
    _, data = repo.object_store.get_raw(blob.encode())
    return data


def find_repository(content: Path) -> tuple[Repo | None, str]:
    """The repository holding `content` and the folder's path inside it, or (None, reason)."""
    try:
        repo = without_absent_midx(Repo.discover(str(content)))
    except NotGitRepository:
        return None, "no-repository"
    root = os.path.realpath(repo.path)
    prefix = os.path.relpath(os.path.realpath(content), root)
    if prefix.startswith(".."):
        repo.close()
        return None, "no-repository"
    return repo, "" if prefix == "." else Path(prefix).as_posix()


def head_id(content: Path) -> str:
    """The id of the commit checked out (for the nothing-changed signature), "" when none."""
    repo, _ = find_repository(content)
    if repo is None:
        return ""
    try:
        return repo.head().decode() + ("-shallow" if repo.get_shallow() else "")
    except KeyError:
        return ""
    finally:
        repo.close()


def uncommitted(content: Path) -> dict[str, str] | None:
    """The files the build would read from `content` that differ from the commit checked out, in path
    order, each with how: "modified", "added" (not in the commit) or "deleted" since it (None outside a
    repository, or with no commit yet). What `make publish` publishes must be what the manifest's
    commit holds. Each file's bytes are hashed as git hashes a blob; the index is not consulted (a
    repository written by `git fast-import`, say, has none)."""
    repo, prefix = find_repository(content)
    if repo is None:
        return None
    try:
        try:
            tree = repo[repo.head()].tree
        except KeyError:
            return None
        store = repo.object_store
        try:  # the content folder's tree in the commit
            tree = tree_lookup_path(store.__getitem__, tree, prefix.encode())[1] if prefix else tree
        except KeyError:  # the folder is not in the commit at all: every file differs
            tree = None
        paths = ((entry.path.decode("utf-8", "surrogateescape"), entry.sha.decode())
                 for entry in (store.iter_tree_contents(tree) if tree is not None else ()))
        committed = {path: sha for path, sha in paths if not any(part.startswith(".") for part in path.split("/"))}
    finally:
        repo.close()
    differing = {}
    for relative in scan_content(content).files:
        sha = committed.pop(relative, None)
        if sha != Blob.from_string((content / relative).read_bytes()).id.decode():
            differing[relative] = "added" if sha is None else "modified"
    differing.update(dict.fromkeys(committed, "deleted"))
    return dict(sorted(differing.items()))


def uncommitted_beside(content: Path, folders: list[Path], files: list[Path]) -> dict[str, str]:
    """What else the build reads that differs from the commit checked out, as `uncommitted` says it
    (each path whole): among `folders` (the theme) and `files` (the settings files) of the content's own
    repository: the manifest names one commit, and the pages are made by its templates and settings
    too. Those of another repository (a theme kept apart) are not the manifest's to name."""
    repo, _ = find_repository(content)
    if repo is None:
        return {}
    root = os.path.realpath(repo.path)
    repo.close()
    found = {}
    for folder in folders:
        inside = os.path.relpath(os.path.realpath(folder), root)
        if not inside.startswith("..") and os.path.isdir(folder):
            found.update({os.path.join(folder, path): how for path, how in (uncommitted(folder) or {}).items()})
    for file in files:
        inside = Path(os.path.relpath(os.path.realpath(file), root)).as_posix()
        committed, now = (_committed_blob(content, inside), _blob_of(file)) if not inside.startswith("..") else (0, 0)
        if committed != now:
            found[str(file)] = "added" if committed is None else "deleted" if now is None else "modified"
    return found


def _blob_of(file: Path) -> str | None:
    try:
        return Blob.from_string(file.read_bytes()).id.decode()
    except OSError:
        return None


def _committed_blob(content: Path, inside: str) -> str | None:
    """The blob id of the repository's file `inside` (a path from its root) at the commit checked out."""
    repo, _ = find_repository(content)
    if repo is None:
        return None
    try:
        tree = repo[repo.head()].tree
        return tree_lookup_path(repo.object_store.__getitem__, tree, inside.encode())[1].decode()
    except KeyError:
        return None
    finally:
        repo.close()
