"""What each version of a document file says, read from its git blob: front matter, body digest, wording digest.

An old version is shown, never checked: its front matter is read with
libyaml's safe loader alone, as plain sorted pairs (no line numbers are
needed, and every version is read the same way, so their differences are
the fields that changed), and only when it is `bounded` (no alias, no
nesting past the build's levels). Its body is digested, and an adopted
version's words too (`wording_digest`: a text only re-broken or realigned
is not said to have changed). A file's versions are read together, in child processes
(`read_blobs`); the bodies of a file with more than one are kept for the
change pages (source/version_bodies.py). What a blob says never changes:
source/history.py keeps it in the build cache by the blob's id.
"""

from __future__ import annotations

import hashlib
import re

import yaml
from dulwich.repo import Repo

from ..build import workers
from ..domain import history
from ..domain.history import Version, plain
from . import frontmatter, git_repository, version_bodies
from .git_walk import Commit


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
        own = git_repository.opened(repo.path)  # never the parent's open pack files
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
        front, body = front_and_body(git_repository.blob_data(repo, blob), fronts)
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
