"""A git history for a synthetic council, made with `git fast-import` (seconds for 20,000 commits).

The first commit holds council.yml and the PDFs; then one commit creates each document (in the
order of their paths), then the edits: each picks a document at random (deterministic) and
writes an earlier version of it (its final text and a line 'Versiune de lucru K.'), the last
edit of a document writing its final text. So the tree of the last commit is the content folder
as generated, and the build publishes the same site with or without the repository.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

AUTHOR = b"Secretariat <secretariat@example.test>"
FIRST_TIME = 1_150_000_000  # 2006-06-11; one commit every hour from there
STEP = 3600


def git(root: Path, *words: str, data: bytes | None = None) -> str:
    done = subprocess.run(["git", *words], cwd=root, input=data, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(words)} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return done.stdout.decode()


def make(root: Path, commits: int, seed: int = 2026) -> int:
    """Make `root` (a generated council) a repository of about `commits` commits (at least one per
    document, plus one); returns how many were made."""
    root = Path(root)
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    documents = [f for f in files if f.endswith(".md")]
    others = [f for f in files if not f.endswith(".md")]
    rng = random.Random(seed)
    edits = [rng.choice(documents) for _ in range(max(0, commits - len(documents) - 1))] if documents else []
    remaining = {}
    for path in edits:
        remaining[path] = remaining.get(path, 0) + 1
    texts: dict[str, bytes] = {}
    stream = bytearray()
    made = 0

    def text(path: str) -> bytes:
        if path not in texts:
            texts[path] = (root / path).read_bytes()
        return texts[path]

    def commit(message: str, changes: list[tuple[str, bytes]]) -> None:
        nonlocal made
        body = message.encode()
        stream.extend(b"commit refs/heads/main\ncommitter %s %d +0200\ndata %d\n%s\n"
                      % (AUTHOR, FIRST_TIME + made * STEP, len(body), body))
        for path, data in changes:
            stream.extend(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
        made += 1

    def version(path: str) -> bytes:
        """The text a commit writes: an earlier version while the document has edits to come."""
        left = remaining.get(path, 0)
        if not left:
            return text(path)
        remaining[path] = left - 1
        return text(path) + b"\nVersiune de lucru %d.\n" % left

    commit("Structura inițială", [(path, text(path)) for path in others])
    for path in documents:
        commit(f"Adaugă {path}", [(path, version(path))])
    for number, path in enumerate(edits, 1):
        commit(f"Modificare {number}: {path}", [(path, version(path))])
    git(root, "init", "-q", "-b", "main")
    git(root, "fast-import", "--quiet", data=bytes(stream))
    git(root, "read-tree", "HEAD")  # an index, so that a later `git commit PATH` commits just that file
    return made


def commit_file(root: Path, relative: str, message: str) -> None:
    """Commit the current text of one file (the benchmark's 'one new commit')."""
    git(root, "-c", "user.name=Secretariat", "-c", "user.email=secretariat@example.test",
        "commit", "-q", "-m", message, "--", relative)
