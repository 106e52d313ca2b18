"""The walk: what each commit of the main line changed under the content folder, read with dulwich.

The main line is HEAD and its first parents, as `git log --first-parent` (a
merged branch counts as its merge commit). Each commit is read raw
(`read_commit`) and its tree under the content folder compared with its
parent's (`Trees`, `tree_diff`: folders whose ids are equal are not opened),
renames detected as git detects them (its similarity rule), and the changed
paths kept as a `Commit`. Runs of consecutive commits are compared in child
processes on every core (`compared`). What a commit changed never changes:
source/history.py keeps each `Commit` in the build cache by its id.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import stat
from dataclasses import dataclass

from dulwich.diff_tree import CHANGE_ADD, CHANGE_COPY, CHANGE_DELETE, RenameDetector, tree_changes
from dulwich.repo import Repo

from ..build import workers
from . import git_repository
from .version_bodies import common_end, common_start


@dataclass(frozen=True)
class Commit:
    """What one commit of the main line changed under the content folder (kept in the cache)."""

    parent: str  # first parent, "" for the root commit
    time: int
    subject: str
    author: str  # the name only: the e-mail address is never read
    changes: tuple[tuple[str, str, str, str], ...]  # (old path, new path, old blob, new blob); "" for none


# The cache of unpacked delta bases each open repository keeps (dulwich's default, as git's
# core.deltaBaseCacheLimit, is 96 MB). Comparing trees hardly uses it (a commit's trees are
# read once, newest first): measured at 10,000 documents and 20,000 commits, 16 MB compares as
# fast, and the walk's peak of Python memory fell from 118 to 34 MB. Reading a file's versions,
# each a delta of another, needs it: those readers keep the default (16 MB made them 2-3 times
# slower).
TREES_CACHE = 16 << 20
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
        own = git_repository.opened(repo.path, TREES_CACHE)  # never the parent's open pack files
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
