"""Each document's history, read from the git repository that holds the content folder.

One pass over the commits of the main line (HEAD and its first parents, as
`git log --first-parent`: a merged branch counts as its merge commit), with
dulwich: each commit's tree under the content folder is compared with its
parent's, renames detected (git's similarity rule), and the changed paths
kept. What a commit changed never changes, so it is kept in the build cache
by the commit's id; so is what each version of a file says (front matter,
body digest), by its blob id. Each file's lineage (its versions through
renames, source/lineage.py) is replayed from the first commit, and kept too: a
build after one new commit reads that commit and the blobs it added and moves
the lineages it changed, nothing else.

Without a repository (a folder copied out of git, a test's temporary folder),
from a shallow clone, or for a file not yet committed, a document's history
says why it is not available (domain/history.py, UNAVAILABLE).
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import os
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import dulwich
import yaml
from dulwich.diff_tree import CHANGE_ADD, CHANGE_COPY, CHANGE_DELETE, RenameDetector, tree_changes
from dulwich.errors import NotGitRepository
from dulwich.object_store import tree_lookup_path
from dulwich.objects import Blob
from dulwich.repo import Repo

from ..build import workers
from ..build.cache import BuildCache
from ..domain import history, vocab
from ..domain.history import Facts, Removal, Version, plain
from . import frontmatter, lineage, version_bodies
from .content_tree import scan as scan_content
from .version_bodies import common_end, common_start

CACHE_PART = "history"
RECENT_PART = "history-recent"  # what the builds since the last whole save added (see `save`)
RECENT_LIMIT = 2000
# What the cache part holds are facts about git objects (what a commit changed, what a blob says),
# independent of the rest of the code: it is kept under its own version, raised by hand when this
# module or the way front matter is read changes, so that an edit of another module does not make
# the next build read the whole history again. dulwich's version is part of it.
CACHE_VERSION = f"history-6-dulwich-{'.'.join(map(str, dulwich.__version__))}"


@dataclass(frozen=True)
class Commit:
    """What one commit of the main line changed under the content folder (kept in the cache)."""

    parent: str  # first parent, "" for the root commit
    time: int
    subject: str
    author: str  # the name only: the e-mail address is never read
    changes: tuple[tuple[str, str, str, str], ...]  # (old path, new path, old blob, new blob); "" for none


@dataclass
class RepoHistory:
    """The versions of every current document file, or why there are none (`reason`)."""

    reason: str = ""  # "" | "no-repository" | "shallow" (domain/history.py, UNAVAILABLE)
    head: str = ""
    repo_path: str = ""
    prefix: str = ""  # the content folder inside the repository ("" at its root), posix
    versions: Mapping[str, tuple[Version, ...]] = field(default_factory=dict)  # path under content/ → oldest first
    names: dict[str, str] = field(default_factory=dict)  # path → its versions named (source/lineage.py `named`)
    facts: dict[str, Facts] = field(default_factory=dict)  # path → domain/history.py `facts` of its versions
    read_commits: int = 0  # commits read from git in this build (the others came from the cache)
    ended: frozenset[str] = frozenset()  # the commits of dispositions deleted since (`Ended`)
    removed: dict[str, Removal] = field(default_factory=dict)  # each document file removed since, by its last path
    newest: int = 0  # the newest commit time on the main line (Unix seconds): one after the build says a wrong clock
    # The bodies of the versions of files with more than one that this build read from git when it
    # followed every lineage anew (a cold build: all of them), each kept as its difference from the
    # version before (source/version_bodies.py): the change pages take them from here instead of
    # reading and inflating each one from git again.
    bodies: dict[str, version_bodies.Kept] = field(default_factory=dict, repr=False, compare=False)
    _opened: tuple | None = field(default=None, repr=False, compare=False)  # (pid, Repo) for `text`

    def text(self, blob: str) -> str:
        """The text of a version (by blob id), read from the repository (opened once per process:
        worker processes never share the parent's open pack files)."""
        if not blob:
            return ""
        if self._opened is None or self._opened[0] != os.getpid():
            self._opened = (os.getpid(), opened(self.repo_path))
        data = blob_data(self._opened[1], blob)
        return frontmatter.normalise_newlines(data.decode("utf-8", "replace"))

    def close(self) -> None:
        """Close the repository `text` opened in this process (its cache of unpacked objects, up to
        96 MB, is freed: the memory is used again by what the build makes next)."""
        if self._opened is not None and self._opened[0] == os.getpid():
            self._opened[1].close()
        self._opened = None

    def body(self, blob: str) -> str:
        """The Markdown body of a version: what follows its front matter's closing line (its whole
        text when it has none), as `parse` digests it; the front matter itself is not parsed."""
        kept = version_bodies.unpacked(self.bodies, blob)
        if kept is not None:
            return kept.decode("utf-8")
        return sections(self.text(blob))[1]


# The cache of unpacked delta bases each open repository keeps (dulwich's default, as git's
# core.deltaBaseCacheLimit, is 96 MB). Comparing trees hardly uses it (a commit's trees are
# read once, newest first): measured at 10,000 documents and 20,000 commits, 16 MB compares as
# fast, and the walk's peak of Python memory fell from 118 to 34 MB. Reading a file's versions, each a delta of another, needs it: those
# readers keep the default (16 MB made them 2-3 times slower).
TREES_CACHE = 16 << 20


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


def read(content: Path, paths: list[str], cache: BuildCache | None = None, worker_count: int = 1) -> RepoHistory:
    """The versions of the files `paths` (relative to `content`), oldest first."""
    repo, prefix = find_repository(content)
    if repo is None:
        return RepoHistory(reason=prefix)
    try:
        if repo.get_shallow():
            return RepoHistory(reason="shallow", repo_path=repo.path)
        try:
            head = repo.head().decode()
        except KeyError:  # a repository with no commit yet
            return RepoHistory(repo_path=repo.path, prefix=prefix)
        kept, bodies = lineage.Lineages(cache, prefix), {}
        ended = Ended(kept.ended, kept.removed)
        moved = moved_on(repo, head, prefix, kept, cache, worker_count, ended) if kept.head else None
        if moved is None:
            ended = Ended()
            lineages, read_commits, newest = followed_anew(repo, head, prefix, cache, worker_count, bodies, ended)
            kept.update(head, lineages, frozenset(ended.commits), ended.removed, newest)
        else:
            lineages, read_commits, newest = moved
            if read_commits:
                kept.update(head, lineages, frozenset(ended.commits), ended.removed, newest)
        versions = Selected(kept.versions, paths)
        return RepoHistory(head=head, repo_path=repo.path, prefix=prefix, versions=versions, read_commits=read_commits,
                           names={path: kept.names[path] for path in versions if path in kept.names},
                           facts={path: kept.facts[path] for path in versions if path in kept.facts}, bodies=bodies,
                           ended=kept.ended, removed=kept.removed, newest=kept.newest)
    finally:
        repo.close()


ByPath = dict[str, tuple[Version, ...]]  # each file's lineage, by its path now


class Ended:
    """What the lineages a later commit ended (a file deleted, or moved where it is not followed)
    leave behind, as `lineage.advance` ends them:
    - `commits`: those that changed a disposition. Such an act may have been withheld (an
      individual disposition: its commits' messages may name the person), and which it was cannot
      be told any more: any disposition counts, and the messages of its commits stay hidden on the
      other files they changed (site/history_index.py `Entries.private`);
    - `removed`: every document file's last version and the commit that removed it, by its last
      path (`resolve` reads what they say): its addresses say that it was removed."""

    def __init__(self, known: frozenset[str] = frozenset(), removed: dict[str, Removal] | None = None):
        self.commits: set[str] = set(known)
        self.removed: dict[str, Removal] = dict(removed or {})
        self._pending: dict[str, tuple[str, str]] = {}  # path → (its last blob, the commit removing it)

    def __call__(self, path: str, versions: tuple, commit: str) -> None:
        # a version is a Version, or (commit, path, blob) while the lineages are followed anew
        doc_type = vocab.DOCUMENT_FOLDERS.get(path.split("/", 1)[0])
        if doc_type == "disposition":
            self.commits.update(v[0] if isinstance(v, tuple) else v.commit for v in versions)
        if doc_type is not None and versions:
            last = versions[-1]
            self._pending[path] = (last[2] if isinstance(last, tuple) else last.blob, commit)

    def resolve(self, repo: Repo, commits: Mapping[str, Commit]) -> None:
        """Make the `Removal` of each file removed since the last call: its last version read from
        git (one blob a file removed), the removing commit's time and message from `commits`."""
        fronts: dict[str, tuple] = {}
        for path, (blob, sha) in sorted(self._pending.items()):
            front = front_and_body(blob_data(repo, blob), fronts)[0] if blob else ()
            self.removed[path] = Removal(path, blob, front, sha, commits[sha].time, commits[sha].subject)
        self._pending.clear()


class Selected(Mapping):
    """The lineages of the files `paths` (Markdown files only), () for a file with none (not
    committed), each unpacked when asked for (source/lineage.py `Packed`)."""

    def __init__(self, lineages: Mapping[str, tuple[Version, ...]], paths: list[str]):
        self.lineages = lineages
        self.paths = {path: None for path in paths if lineage.followed(path)}  # in order, once each

    def __getitem__(self, path: str) -> tuple[Version, ...]:
        if path not in self.paths:
            raise KeyError(path)
        return self.lineages[path] if path in self.lineages else ()

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)

    def __contains__(self, path) -> bool:
        return path in self.paths


def moved_on(repo: Repo, head: str, prefix: str, kept: lineage.Lineages, cache: BuildCache | None,
             worker_count: int, ended: Ended | None = None) -> tuple[ByPath, int] | None:
    """The lineages the last build followed, moved past the commits made since (and how many were
    read); None when `head` does not descend from the last build's head within RECENT_LIMIT commits
    (a history rewritten, another branch checked out): then they are followed anew."""
    if head == kept.head:
        return lineage.Moved(kept.versions), 0, kept.newest
    todo, trees = unread(repo.object_store, head, {kept.head}, RECENT_LIMIT)
    if not todo or todo[-1].parent != kept.head:
        return None
    commits = compared(repo, prefix, head, todo, trees, worker_count)
    # What the versions of the lineages the commits touch say (a file changed back to an earlier
    # text has a version read already); any other blob of theirs is read from git below.
    touched = {old for commit in commits.values() for old, _, _, _ in commit.changes if old in kept.versions}
    known = {v.blob: (v.front, v.body_digest, v.wording_digest) for path in touched for v in kept.versions[path]
             if v.body_digest}
    lineages = lineage.Moved(kept.versions)
    floors, newest = floors_of(list(reversed(commits)), commits, kept.newest)
    for sha in reversed(list(commits)):  # oldest first
        lineage.advance(lineages, sha, commits[sha].changes,
                        lambda commit, path, blob: version_of(known, commit, commits[commit], path, blob,
                                                              floors[commit]), ended)
    if ended is not None:
        ended.resolve(repo, commits)
    # The versions now compared with another that were not read: a file changed for the first time
    # (its first version too), or added and changed since the last build.
    changed = {path for commit in commits.values() for _, path, _, _ in commit.changes if path in lineages}
    new_blobs: dict[str, tuple] = {}
    read_blobs(repo, new_blobs, [sorted({v.blob for path in changed for v in not_read(lineages[path])})], worker_count)
    known.update(new_blobs)
    for path in changed:  # a file's only version is not read, nor kept as read (as when followed anew)
        lineages[path] = tuple(version_of(known if len(lineages[path]) > 1 else {}, v.commit, v, v.path, v.blob,
                                          v.floor) for v in lineages[path])
    remember(cache, prefix, head, commits, new_blobs)
    return lineages, len(todo), newest


def not_read(versions: tuple[Version, ...]) -> list[Version]:
    """The versions of a lineage that must be read and are not: all those not read, once there are
    two (a file's only version is never compared with another, and is not read)."""
    return [v for v in versions if not v.body_digest] if len(versions) > 1 else []


def followed_anew(repo: Repo, head: str, prefix: str, cache: BuildCache | None,
                  worker_count: int, bodies: dict[str, bytes], ended: Ended | None = None) -> tuple[ByPath, int]:
    """Every Markdown file's lineage, replayed from the first commit of the main line; what each
    commit changed and what each version says come from the cache where it has them (the bodies
    of the versions read from git go to `bodies`)."""
    base = stored_part(cache, CACHE_PART, prefix)
    recent = stored_part(cache, RECENT_PART, prefix)
    commits: dict[str, Commit] = {**base["commits"], **recent["commits"]}
    blobs: dict[str, tuple] = {**base["blobs"], **recent["blobs"]}
    known_commits, known_blobs = len(commits), len(blobs)
    read_commits, missing = 0, head
    while missing:  # from the head, then past any gap in what the cache kept (a part lost)
        read_commits += walk(repo, missing, prefix, commits, worker_count)
        chain, missing = main_line(head, commits)
    found: dict[str, tuple[tuple[str, str, str], ...]] = {}
    for sha in reversed(chain):
        lineage.advance(found, sha, commits[sha].changes, lambda commit, path, blob: (commit, path, blob), ended)
    if ended is not None:
        ended.resolve(repo, commits)
    read_blobs(repo, blobs, [[blob for _, _, blob in versions if blob not in blobs]
                             for _, versions in sorted(found.items()) if len(versions) > 1], worker_count, bodies)
    floors, newest = floors_of(list(reversed(chain)), commits)
    lineages = {path: tuple(version_of(blobs if len(versions) > 1 else {}, sha, commits[sha], new_path, blob,
                                       floors[sha])
                            for sha, new_path, blob in versions)
                for path, versions in found.items()}
    if cache and (len(commits) != known_commits or len(blobs) != known_blobs):
        save(cache, prefix, base, commits, blobs, set(chain))
    return lineages, read_commits, newest


def stored_part(cache: BuildCache | None, part: str, prefix: str) -> dict:
    stored = cache.load(part) if cache else {}
    if stored.get("prefix") != prefix:
        return {"commits": {}, "blobs": {}}
    return stored


def save(cache: BuildCache, prefix: str, base: dict, commits: dict, blobs: dict, chain: set[str]) -> None:
    """Save what is new since the base part in a small part of its own (one new commit: a small
    file written, not the whole history); the whole, pruned to the main line, once that grows."""
    new_commits = {k: v for k, v in commits.items() if k not in base["commits"]}
    new_blobs = {k: v for k, v in blobs.items() if k not in base["blobs"]}
    if base["commits"] and len(new_commits) + len(new_blobs) <= RECENT_LIMIT:
        cache.save(RECENT_PART, {"prefix": prefix, "commits": new_commits, "blobs": new_blobs})
        return
    cache.save(CACHE_PART, {"prefix": prefix, "commits": {k: v for k, v in commits.items() if k in chain},
                            "blobs": blobs})
    cache.save(RECENT_PART, {"prefix": prefix, "commits": {}, "blobs": {}})


def remember(cache: BuildCache | None, prefix: str, head: str, commits: dict, blobs: dict) -> None:
    """Add the commits and blobs a build moved on with to the recent part (the base part is loaded
    only when that grows past RECENT_LIMIT), for a build that has to follow every lineage anew."""
    if cache is None or cache.folder is None:
        return
    recent = stored_part(cache, RECENT_PART, prefix)
    commits, blobs = {**recent["commits"], **commits}, {**recent["blobs"], **blobs}
    if len(commits) + len(blobs) <= RECENT_LIMIT:
        cache.save(RECENT_PART, {"prefix": prefix, "commits": commits, "blobs": blobs})
        return
    base = stored_part(cache, CACHE_PART, prefix)  # what is new since it outgrew the limit: `save` saves whole
    everything = {**base["commits"], **commits}
    save(cache, prefix, base, everything, {**base["blobs"], **blobs}, set(main_line(head, everything)[0]))


CHUNK = 64  # consecutive commits compared by one worker (a commit's tree is its child's parent tree)


def walk(repo: Repo, head: str, prefix: str, commits: dict[str, Commit], worker_count: int = 1) -> int:
    """Read every commit of the main line not in `commits` yet (newest first, stopping at the first
    known one) into `commits`; returns how many were read."""
    todo, trees = unread(repo.object_store, head, commits)
    commits.update(compared(repo, prefix, head, todo, trees, worker_count))
    return len(todo)


def unread(store, head: str, known, limit: int | None = None
           ) -> tuple[list[Commit], list[bytes | None]] | tuple[None, None]:
    """The commits from `head` back through first parents to the first one in `known` or the root
    (newest first, their changes not read yet) and the trees to compare them by: each commit's,
    then its parent's. None for both past `limit` commits."""
    # Each commit read is kept as the few values used (its tree, parent, time, subject, author), not
    # as dulwich's object: twenty thousand of those held at once were 20 MB more of the walk's peak
    # (memory the process keeps afterwards, too scattered to go back to the system).
    todo: list[Commit] = []
    trees: list[bytes | None] = []
    sha = head
    while sha and sha not in known:
        if limit is not None and len(todo) >= limit:
            return None, None
        commit, tree = read_commit(store, sha)
        todo.append(commit)
        trees.append(tree)
        sha = commit.parent
    if todo:  # the tree before the oldest commit read: its parent's (none for the root commit)
        trees.append(read_commit(store, todo[-1].parent)[1] if todo[-1].parent else None)
    return todo, trees


def compared(repo: Repo, prefix: str, head: str, todo: list[Commit], trees: list[bytes | None],
             worker_count: int = 1) -> dict[str, Commit]:
    """The commits `todo` (newest first, from `head`; `unread`) by id, with what each changed under
    the content folder. Their trees are compared by runs of consecutive commits in child processes
    on every core (each opens the repository itself, and what its caches held leaves with it: `apart`)."""
    pairs = list(zip(trees, trees[1:]))  # (new, old) of each commit read
    parts = [p.encode() for p in prefix.split("/")] if prefix else []

    def compare(runs: list[list[tuple[bytes, bytes | None]]]) -> list[list[tuple]]:
        own = opened(repo.path, TREES_CACHE)  # never the parent's open pack files
        try:
            subtrees: dict[bytes, bytes | None] = {}
            trees = Trees(own.object_store)
            return [[tuple(sorted(tree_diff(own.object_store, trees,
                                            content_tree(own.object_store, old, parts, subtrees) if old else None,
                                            content_tree(own.object_store, new, parts, subtrees))))
                     for new, old in run] for run in runs]
        finally:
            own.close()

    runs = [pairs[start:start + CHUNK] for start in range(0, len(pairs), CHUNK)]
    changes = [one for run in workers.map_slices(compare, runs, worker_count, apart=True) for one in run]
    found, sha = {}, head
    for read, changed in zip(todo, changes):
        found[sha] = dataclasses.replace(read, changes=changed)
        sha = read.parent
    return found


COMMIT_TYPE = 1  # git's number for a commit object


def read_commit(store, sha: str) -> tuple[Commit, bytes]:
    """The commit `sha` (its changes not read yet) and its tree's id, read from the raw object:
    the headers used, the first line of the message. dulwich's `store[sha]` parses every header
    into a Commit object: 0.60 against 0.32 s for 20,000 commits, read one after the other in
    the build's own process while the cores wait (tests/unit/test_history_source.py compares the
    two on every commit of its repositories)."""
    kind, raw = store.get_raw(sha.encode())
    if kind != COMMIT_TYPE:
        raise ValueError(f"obiectul git {sha} nu este un commit")
    head, _, message = raw.partition(b"\n\n")  # headers end at the first empty line
    tree, parent, author, committed = b"", "", "", 0
    for line in head.split(b"\n"):  # a continued header's lines start with a space: no key
        key, _, value = line.partition(b" ")
        if key == b"tree" and not tree:
            tree = value
        elif key == b"parent" and not parent:
            parent = value.decode()
        elif key == b"author" and not author:
            author = value.decode("utf-8", "replace").split("<", 1)[0].strip()
        elif key == b"committer":
            committed = int(value.rsplit(b" ", 2)[1])
    subject = message.decode("utf-8", "replace").strip().split("\n", 1)[0].strip()
    return Commit(parent, committed, subject, author, ()), tree


ENTRY = re.compile(rb"[0-7]+ [^\0]+\0[\s\S]{20}")  # one entry of a raw git tree: mode, name, id


class Trees:
    """Raw trees with the offsets of their entries (each entry's start, then the tree's end).
    Two versions of a folder usually differ in an entry or two: the bytes both start and end with
    are found by comparing slices (in C), only the entries between are parsed, and the other
    version's offsets are derived from the known one's. A folder of 500 files: 0.14 ms to split it
    whole into a set of entries, about 0.02 ms to derive it (tests/unit/test_tree_differ.py checks
    what is found against dulwich's own trees). The last 256 trees read are kept: walking the main
    line, a commit's tree is its child's parent tree, and a folder a commit did not change is the
    same tree as before (keeping 64, most runs of 64 commits split 35 folders whole again: the
    walk at 10,000 documents took 2.3 s, 1.9 s now)."""

    def __init__(self, store, keep: int = 256):
        self.store, self.keep, self.known = store, keep, {}

    def differing(self, old: bytes | None, new: bytes | None) -> tuple[list[bytes], list[bytes]]:
        """The raw records of the tree `old` and of the tree `new` (ids; None for no tree) that are
        not at the same place in both: every record of one not in the other is among them (a record
        in both may be too, when it lies between two changes)."""
        if old is None or new is None:
            return ([] if old is None else self.records(old)), ([] if new is None else self.records(new))
        if old == new:
            return [], []
        if old in self.known or new not in self.known:
            (raw, offsets), other = self.read(old), new
        else:
            (raw, offsets), other = self.read(new), old
        other_raw = self.known[other][0] if other in self.known else self.raw(other)
        ours, theirs, other_offsets = between(raw, offsets, other_raw)
        self.remember(other, other_raw, other_offsets)
        return (ours, theirs) if other == new else (theirs, ours)

    def records(self, tree: bytes) -> list[bytes]:
        raw, offsets = self.read(tree)
        return [raw[start:end] for start, end in zip(offsets, offsets[1:])]

    def read(self, tree: bytes) -> tuple[bytes, list[int]]:
        found = self.known.get(tree)
        if found is None:
            raw = self.raw(tree)
            found = self.remember(tree, raw, [match.start() for match in ENTRY.finditer(raw)] + [len(raw)])
        return found

    def raw(self, tree: bytes) -> bytes:
        return self.store.get_raw(tree)[1]

    def remember(self, tree: bytes, raw: bytes, offsets: list[int]) -> tuple[bytes, list[int]]:
        if len(self.known) >= self.keep:
            self.known.pop(next(iter(self.known)))
        found = self.known[tree] = (raw, offsets)
        return found


def between(raw: bytes, offsets: list[int], other: bytes) -> tuple[list[bytes], list[bytes], list[int]]:
    """The records of the tree `raw` (its entries at `offsets`) and of the tree `other` from the
    first entry where they differ to the last, and `other`'s offsets. Exact: before the first byte
    that differs both trees are the same bytes, so the same entries; `other` is parsed from there
    until one of its entries starts where one of `raw` starts at the same distance from the end,
    inside the bytes both end with: from there on both are the same entries too."""
    shortest = min(len(raw), len(other))
    same_start = common_start(raw, other, shortest)
    same_end = common_end(raw, other, shortest - same_start)
    first = bisect.bisect_right(offsets, same_start) - 1  # the entry holding the first byte that differs
    shift, position, starts = len(other) - len(raw), offsets[first], []
    while True:
        if position >= len(other) - same_end:
            last = bisect.bisect_left(offsets, position - shift)
            if last < len(offsets) and offsets[last] == position - shift:
                break
        entry = ENTRY.match(other, position)
        if entry is None:
            raise ValueError("arbore git deteriorat")
        starts.append(position)
        position = entry.end()
    tail = offsets[last:] if not shift else [offset + shift for offset in offsets[last:]]
    ours = [raw[offsets[index]:offsets[index + 1]] for index in range(first, last)]
    theirs = [other[start:end] for start, end in zip(starts, [*starts[1:], position])]
    return ours, theirs, offsets[:first] + starts + tail


def entry_of(record: bytes) -> tuple[bytes, int, bytes]:
    """(name, mode, hex id) of a raw tree record."""
    mode, rest = record.split(b" ", 1)
    return rest[:-21], int(mode, 8), rest[-20:].hex().encode()


def tree_diff(store, trees: Trees, old: bytes | None, new: bytes | None) -> list[tuple[str, str, str, str]]:
    """(old path, new path, old blob, new blob) of each file changed between two trees; folders
    whose ids are equal are not opened. Renames as git finds them (dulwich's rename detector,
    run only for a commit that both deletes and adds files)."""
    if old == new:
        return []
    added, deleted, changes = {}, {}, []
    stack = [(b"", old, new)]
    while stack:
        base, old_tree, new_tree = stack.pop()
        old_records, new_records = trees.differing(old_tree, new_tree)
        before = {name: (mode, sha) for name, mode, sha in map(entry_of, old_records)}
        after = {name: (mode, sha) for name, mode, sha in map(entry_of, new_records)}
        for name in sorted(before.keys() | after.keys()):
            a, b = before.get(name), after.get(name)
            if a == b:
                continue
            path = base + name
            a_dir = a is not None and stat.S_ISDIR(a[0])
            b_dir = b is not None and stat.S_ISDIR(b[0])
            if a_dir or b_dir:
                stack.append((path + b"/", a[1] if a_dir else None, b[1] if b_dir else None))
            if a is not None and not a_dir and b is not None and not b_dir:
                changes.append((path, path, a[1], b[1]))
                continue
            if a is not None and not a_dir:
                deleted[path] = a[1]
            if b is not None and not b_dir:
                added[path] = b[1]
    if added and deleted:  # renames: dulwich's detector, as git's, on this commit's trees
        detector = RenameDetector(store)
        added, deleted = {}, {}
        changes = []
        for change in tree_changes(store, old, new, rename_detector=detector):
            if change.type in (CHANGE_ADD, CHANGE_COPY):
                added[change.new.path] = change.new.sha
            elif change.type == CHANGE_DELETE:
                deleted[change.old.path] = change.old.sha
            else:
                changes.append((change.old.path, change.new.path, change.old.sha, change.new.sha))
    changes += [(b"", path, b"", blob) for path, blob in added.items()]
    changes += [(path, b"", blob, b"") for path, blob in deleted.items()]
    return [(o.decode("utf-8", "replace"), n.decode("utf-8", "replace"), ob.decode(), nb.decode())
            for o, n, ob, nb in changes]


def content_tree(store, tree: bytes, parts: list[bytes], known: dict) -> bytes | None:
    """The id of the content folder's tree inside the root tree `tree` (None when absent)."""
    if tree in known:
        return known[tree]
    found: bytes | None = tree
    for part in parts:
        try:
            _, found = store[found][part]
        except KeyError:
            found = None
            break
    known[tree] = found
    return found


def main_line(head: str, commits: dict[str, Commit]) -> tuple[list[str], str]:
    """The commits from `head` back to the root through first parents (newest first), and the first
    one missing from `commits` ("" when none is: the chain reaches the root)."""
    chain, sha = [], head
    while sha:
        commit = commits.get(sha)
        if commit is None:
            return chain, sha
        chain.append(sha)
        sha = commit.parent
    return chain, ""


def read_blobs(repo: Repo, blobs: dict, missing: list[list[str]], worker_count: int = 1,
               bodies: dict[str, version_bodies.Kept] | None = None) -> None:
    """What each version in `missing` (the versions of each file not read yet) says (`parse`), added
    to `blobs`, and its body to `bodies` (source/version_bodies.py) when the file has more than one
    version to read (a file read whole with one version has no change page).
    A file's versions are read together, in child processes on every core (each opens the
    repository itself, and its caches leave with it): most edits leave the front matter as it was,
    and a front matter read once is not parsed again."""
    keep = bodies is not None

    def parse_all(files: list[list[str]]) -> list[list[tuple[tuple, version_bodies.Kept | None]]]:
        own = opened(repo.path)  # never the parent's open pack files
        fronts: dict[str, tuple] = {}
        try:
            return [read_versions(own, ids, fronts, keep and len(ids) > 1) for ids in files]
        finally:
            own.close()

    files = [ids for ids in missing if ids]
    for ids, found in zip(files, workers.map_slices(parse_all, files, worker_count, apart=True)):
        for blob, (parsed, kept) in zip(ids, found):
            blobs[blob] = parsed
            if kept is not None:
                version_bodies.add(bodies, blob, kept)


def read_versions(repo: Repo, ids: list[str], fronts: dict[str, tuple], keep: bool
                  ) -> list[tuple[tuple[tuple, str, str], version_bodies.Kept | None]]:
    """`parse` of each version of one file (oldest first), and (`keep`) its body packed against the
    version before: inflated again in microseconds where reading it from git again inflates its
    chain of deltas (0.26 ms)."""
    packer = version_bodies.Packer() if keep else None
    found = []
    for blob in ids:
        front, body = front_and_body(blob_data(repo, blob), fronts)
        # The words of an adopted version are read (a change between two is said to rewrite the adopted
        # text only when they differ): 0.1 ms a version, left out of the others' (compared by their bytes).
        wording = wording_digest(body) if ("status", "adopted") in front else ""
        found.append(((front, body_digest(body), wording), packer.pack(blob, body) if packer else None))
    return found


def version_of(blobs: dict, sha: str, commit: Commit | Version, path: str, blob: str, floor: int) -> Version:
    """The version of `blob` in the commit `sha` (its time, subject and author from `commit`), with
    what `read_blobs` found it says, or not read (NOT_READ) when it did not read it; `floor`: the
    newest time of the commits before it on the main line."""
    front, body_digest, wording = blobs.get(blob, NOT_READ)
    return Version(sha, commit.time, commit.subject, commit.author, path, blob, front, body_digest, floor, wording)


def floors_of(chain: list[str], commits: dict, newest: int = 0) -> tuple[dict[str, int], int]:
    """For each commit of `chain` (oldest first), the newest time of the commits before it on the main
    line (`newest`: that of the commits before the chain); and the newest time of them all."""
    found = {}
    for sha in chain:
        found[sha] = newest
        newest = max(newest, commits[sha].time)
    return found, newest


NOT_READ = ((), "", "")  # a file's only version: never compared (domain/history.py Version.body_digest)


def parse(data: bytes, fronts: dict[str, tuple] | None = None) -> tuple[tuple, str, str]:
    """A version's front matter as plain sorted pairs, its body's digest and its words'
    (`wording_digest`, here for every version). Read with libyaml's safe loader alone (an old
    version is shown, never checked: no line numbers are needed, and every version is read the same
    way, so their differences are the fields that changed)."""
    front, body = front_and_body(data, fronts)
    return front, body_digest(body), wording_digest(body)


def body_digest(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def wording_digest(body: bytes) -> str:
    """The digest of what a reader reads of the body (domain/history.py `wording`): a text only
    re-broken or realigned is not said to have changed."""
    return hashlib.blake2b(history.wording(body), digest_size=16).hexdigest()


def front_and_body(data: bytes, fronts: dict[str, tuple] | None = None) -> tuple[tuple, bytes]:
    """`parse`'s front matter, and the body as UTF-8 (what `RepoHistory.body` gives, encoded)."""
    front_text, body = sections(frontmatter.normalise_newlines(data.decode("utf-8", "replace")))
    front = ()
    if front_text is not None and fronts is not None and front_text in fronts:
        front = fronts[front_text]  # the same front matter as a version read before: the same pairs
    elif front_text is not None:
        try:
            meta = yaml.load(front_text, Loader=frontmatter.FAST_LOADER) if bounded(front_text) else None  # noqa: S506
        except yaml.YAMLError:
            meta = None
        front = plain(meta) if isinstance(meta, dict) else ()
        if fronts is not None:
            fronts[front_text] = front
    return front, body.encode("utf-8")


# What may make YAML's loader expand an alias (a few hundred bytes that grow into gigabytes) or
# nest past Python's stack: an alias, more flow brackets than the build allows levels, two
# sequences opened on one line, a line indented that deep.
MAYBE_UNBOUNDED = re.compile(r"\*|-[ \t]+-[ \t]|^[ \t]{%d}" % (2 * frontmatter.MAX_DEPTH), re.MULTILINE)


def bounded(front_text: str) -> bool:
    """Whether an old version's front matter can be loaded (safe YAML) without aliases and within
    the build's levels: the build's own reading refuses both in the version it checks, never in
    an old one, which is only shown. Most are found so at a glance; the others are read by that
    reading first (frontmatter.load_yaml), and a front matter it refuses is not read at all."""
    if front_text.count("[") + front_text.count("{") <= frontmatter.MAX_DEPTH \
            and not MAYBE_UNBOUNDED.search(front_text):
        return True
    try:
        frontmatter.load_yaml(front_text)
    except frontmatter.FrontMatterError:
        return False
    return True


def sections(text: str) -> tuple[str | None, str]:
    """(front matter text, body) of a version, split at the delimiter lines; (None, text) without them.
    The front matter's last line keeps its line break, as the file has it before the closing line:
    a block text (`text: |`) keeps its final one (YAML's `|`) only when one follows it, so without
    it such a text read differently when it closed the front matter than once a field followed it,
    and the history said that a field changed when none had."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            return "".join(line + "\n" for line in lines[1:end]), "\n".join(lines[end + 1:])
    return None, text
