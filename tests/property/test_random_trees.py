"""Random content trees with symbolic links and odd names, checked in process.

Each example lays files, folders and symbolic links over a copy of the
minimal council: links into and out of content/, to themselves, to
nothing, to content/ itself and to a folder outside holding a secret; names
with spaces, diacritics, emoji, leading dots, control characters, 250
characters, and bytes that are not UTF-8; decisions that attach some of
these. Whatever the tree, the check:

- raises nothing: every problem is a reported Problem, printable on one line;
- accounts for every file: each plain file is the council file, a document,
  an attachment or named by a problem, and each link, special file and
  unusable name is named by a problem (found here by os.walk, not by the
  code under test);
- reads nothing from outside content/: no document or attachment is a link
  or lies behind one, and the secret's text is in no document.
"""

from __future__ import annotations

import json
import os
import posixpath
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from support import trees
from transparency.source import pipeline

SECRET = "SECRET-OUTSIDE-CONTENT"
FOLDERS = ["hotarari", "hotarari/2025", "hotarari/2025/anexe", "rapoarte", "sedinte", "pages", "data", "altceva",
           "pages/sub dosar"]
KINDS = ["page", "bytes", "folder", "link", "link", "link"]
TARGETS = ["outside-file", "outside-folder", "outside-page", "itself", "nothing", "inside-file", "inside-folder",
           "content", "parent", "sibling"]
PARTS = ["a", "anexa", "proiect", "județ", "ședință", "x y", " spațiu ", "-", "ăîșț", "Ω", "😀", "#", "'", '"']


@dataclass(frozen=True)
class Entry:
    folder: str
    name: str  # may hold surrogate escapes: bytes that are not UTF-8
    kind: str
    target: str


def names():
    plain = st.lists(st.sampled_from(PARTS), min_size=1, max_size=3).map("".join)
    not_utf8 = st.binary(min_size=1, max_size=4).filter(lambda b: b"/" not in b and b"\0" not in b) \
        .map(lambda b: os.fsdecode(b"nume-" + b))
    odd = {"plain": plain, "hidden": plain.map(lambda n: "." + n), "long": st.just("n" * 250), "not-utf8": not_utf8,
           "escape": plain.map(lambda n: n + "\x1b"), "newline": plain.map(lambda n: n + "\n")}
    stems = st.sampled_from(["plain"] * 5 + sorted(odd)).flatmap(odd.get)  # mostly plain names
    return st.tuples(stems, st.sampled_from(["", ".md", ".md", ".pdf", ".txt"])).map("".join)


entries = st.lists(
    st.builds(Entry, st.sampled_from(FOLDERS), names(), st.sampled_from(KINDS), st.sampled_from(TARGETS)), max_size=12)


def link_target(target: str, root: Path, outside: Path, link: Path) -> str:
    return {
        "outside-file": str(outside / "secret.txt"), "outside-folder": str(outside),
        "outside-page": str(outside / "secret.md"), "itself": link.name, "nothing": "nu-exista",
        "inside-file": str(root / "pages/despre.md"), "inside-folder": "../pages" if link.parent != root else "pages",
        "content": str(root), "parent": "..", "sibling": "despre.md",
    }[target]


def decision(attached: list[str]) -> str:
    """A decision in hotarari/2025/ attaching each of `attached` (paths relative to content/)."""
    lines = [f"  - {{file: {json.dumps(posixpath.relpath(path, 'hotarari/2025'))}, title: Anexa}}" for path in attached]
    return ("---\ntitle: privind un proiect cu anexe oarecare\nstatus: draft\nregistered: 2025-05-02\n"
            + ("attachments:\n" + "\n".join(lines) + "\n" if lines else "") + "---\nText.\n")


def lay_out(root: Path, outside: Path, tree: list[Entry]) -> None:
    """Make each entry that the file system allows (a name too long, or a folder that is in fact
    a file, is simply not made: the check is judged on the tree as it ends up). One decision
    attaches every entry whose name YAML can hold, links and folders included."""
    attached = [f"{e.folder}/{e.name}" for e in tree if is_text(e.name)]
    (root / "hotarari/2025/proiect-anexe-aleatoare.md").write_text(decision(attached), encoding="utf-8")
    for entry in tree:
        path = root / entry.folder / entry.name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(path):
                continue
            if entry.kind == "link":
                os.symlink(link_target(entry.target, root, outside, path), path)
            elif entry.kind == "folder":
                path.mkdir()
                (path / "pagina.md").write_text("---\ntitle: Pagină\n---\nText.\n", encoding="utf-8")
            elif entry.kind == "page":
                path.write_text("---\ntitle: Pagină\n---\nText.\n", encoding="utf-8")
            else:
                path.write_bytes(b"%PDF-1.4\n" + entry.name.encode("utf-8", "surrogateescape"))
        except OSError:
            continue


def is_text(name: str) -> bool:
    """A name that is UTF-8 and holds no control character (an oracle apart from the code's)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not any(unicodedata.category(char) == "Cc" for char in name)


def walk(root: Path) -> tuple[set[str], set[str]]:
    """(plain files, names that must be reported), relative to root, as os.walk sees them."""
    plain, refused = set(), set()
    for folder, dirs, files in os.walk(root):
        here = Path(folder).relative_to(root).as_posix()
        prefix = "" if here == "." else here + "/"
        for name in list(dirs):
            if name.startswith(".") or os.path.islink(os.path.join(folder, name)) or not is_text(name):
                dirs.remove(name)  # not entered: hidden, linked or unusable
                if not name.startswith("."):
                    refused.add(prefix + name)
        for name in files:
            path = os.path.join(folder, name)
            if name.startswith("."):
                continue
            if os.path.islink(path) or not is_text(name) or not os.path.isfile(path):
                refused.add(prefix + name)
            else:
                plain.add(prefix + name)
    return plain, refused


def behind_link(root: Path, relative: str) -> bool:
    path = root
    for part in relative.split("/"):
        path = path / part
        if path.is_symlink():
            return True
    return False


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=bool(os.environ.get("CI")))
@given(entries)
def test_every_file_is_used_or_reported_and_nothing_outside_is_read(tree):
    with tempfile.TemporaryDirectory() as scratch:
        root = trees.copy_fixture("minimal", Path(scratch) / "content")
        outside = Path(scratch) / "outside"
        outside.mkdir()
        (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
        (outside / "secret.md").write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n", encoding="utf-8")
        lay_out(root, outside, tree)
        checked = pipeline.check(root)  # raises nothing, whatever the tree

        reported = {problem.path for problem in checked.problems.items}
        for problem in checked.problems.items:
            line = str(problem)
            line.encode("utf-8")  # printable: no surrogate escapes left
            assert not any(unicodedata.category(char) == "Cc" for char in line), line
        plain, refused = walk(root)
        assert {f"content/{name}" for name in refused} <= reported
        documents = list(checked.archive.documents())
        used = {doc.source for doc in documents} | checked.archive.attachments | {"data/council.yml"}
        unaccounted = {name for name in plain if name not in used and f"content/{name}" not in reported}
        assert not unaccounted
        for relative in {doc.source for doc in documents} | checked.archive.attachments:
            assert not behind_link(root, relative), relative
            assert os.path.realpath(root / relative).startswith(os.path.realpath(root) + os.sep)
        assert not any(SECRET in repr(doc) for doc in documents)
