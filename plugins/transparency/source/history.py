"""Each document's history, read from the git repository that holds the content folder.

One pass over the commits of the main line (source/git_walk.py: what each
commit changed under the content folder, renames detected) and what each
version of a file says (source/version_reading.py: front matter, body
digest), in the repository source/git_repository.py finds. What a commit
changed never changes, so it is kept in the build cache by the commit's id;
so is what each version of a file says, by its blob id. Each file's lineage
(its versions through renames, source/lineage.py) is replayed from the first
commit, and kept too: a build after one new commit reads that commit and the
blobs it added and moves the lineages it changed, nothing else. This module
puts them together (`read`) and keeps the cache (`save`, `remember`).

Without a repository (a folder copied out of git, a test's temporary folder),
from a shallow clone, or for a file not yet committed, a document's history
says why it is not available (domain/history.py, UNAVAILABLE).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import dulwich
from dulwich.repo import Repo

from ..build.cache import BuildCache
from ..domain import vocab
from ..domain.history import Facts, Removal, Version
from . import frontmatter, git_repository, lineage, version_bodies
from .git_walk import Commit, compared, main_line, unread, walk
from .version_reading import front_and_body, read_blobs, sections, version_of

CACHE_PART = "history"
RECENT_PART = "history-recent"  # what the builds since the last whole save added (see `save`)
RECENT_LIMIT = 2000
# What the cache part holds are facts about git objects (what a commit changed, what a blob says),
# independent of the rest of the code: it is kept under its own version, raised by hand when what
# source/git_walk.py finds a commit changed, or source/version_reading.py a version says, changes (the
# way front matter is read too), so that an edit of another module does not make the next build read
# the whole history again. dulwich's version is part of it.
CACHE_VERSION = f"history-6-dulwich-{'.'.join(map(str, dulwich.__version__))}"


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
            self._opened = (os.getpid(), git_repository.opened(self.repo_path))
        data = git_repository.blob_data(self._opened[1], blob)
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


def read(content: Path, paths: list[str], cache: BuildCache | None = None, worker_count: int = 1) -> RepoHistory:
    """The versions of the files `paths` (relative to `content`), oldest first."""
    repo, prefix = git_repository.find_repository(content)
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
            front = front_and_body(git_repository.blob_data(repo, blob), fronts)[0] if blob else ()
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


def floors_of(chain: list[str], commits: dict, newest: int = 0) -> tuple[dict[str, int], int]:
    """For each commit of `chain` (oldest first), the newest time of the commits before it on the main
    line (`newest`: that of the commits before the chain); and the newest time of them all."""
    found = {}
    for sha in chain:
        found[sha] = newest
        newest = max(newest, commits[sha].time)
    return found, newest
