"""Each file's lineage (source/lineage.py), moved on from what the last build kept, against the same
read with no cache at all and against `git log --first-parent --follow` (the oracle), after every
step of random sequences of commits: files added, edited, renamed, deleted and added again, commits
that change no content, the last commit amended, the branch reset to an older commit, a file
written and not committed, a committed file changed and not committed, the objects repacked with a
multi-pack index."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from transparency.domain import history
from transparency.build.cache import BuildCache
from transparency.source import git_repository
from transparency.source import history as source_history
from transparency.domain.history import Version
from transparency.source import lineage
from transparency.source.lineage import named

NAMES = ["a.md", "b.md", "sub/c.md", "sub/d.md", "e.md"]
CLOCK = iter(range(1_750_000_000, 1_950_000_000, 60))


def git(repo: Path, *args: str) -> str:
    when = f"@{next(CLOCK)} +0200"
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.ro", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@example.ro", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def text(title: str, body: str, status: str = "") -> str:
    return f"---\ntitle: {title}\n{f'status: {status}' + chr(10) if status else ''}---\n{body}\n"


def unique(title: str, body: str, serial: int, status: str = "") -> str:
    """`text` with a paragraph no other version has (`serial`: the version's own number): two
    different files are never similar enough for git's --follow to take one for a copy or a rename
    of the other (it looks at every file)."""
    return text(title, f"{body}\n\n" + " ".join(f"{(serial * 7919 + i) % 100003:05d}" for i in range(60)), status)


def lineage_by_git(repo: Path, path: str) -> list[str]:
    """The commits of `path`'s lineage, newest first, as git follows it: back to the commit that
    last added it (git goes on past a deletion; a lineage starts again where a file is added) or
    copied it (git's --follow finds copies too; a lineage follows renames only)."""
    out = git(repo, "log", "--first-parent", "--follow", "--name-status", "--format=%x00%H", "--",
              f"content/{path}")
    found = []
    for record in out.split("\0")[1:]:
        sha, *statuses = record.split()
        found.append(sha)
        if statuses and statuses[0][0] in "AC":
            break
    return found


def committed_paths(repo: Path) -> set[str]:
    return {line.removeprefix("content/") for line in git(repo, "ls-tree", "-r", "--name-only", "HEAD").split()
            if line.startswith("content/")}


class Commits(RuleBasedStateMachine):
    """A repository changed by random steps; after each, the lineages read with the build cache kept
    since the first step equal those read with none, and each committed file's equals git's."""

    @initialize()
    def start(self):
        self.root = Path(tempfile.mkdtemp(prefix="lineage-"))
        self.repo, self.cache_folder = self.root / "repo", self.root / "cache"
        git(self.root, "init", "-q", "-b", "main", str(self.repo))
        self.content = self.repo / "content"
        self.serial = 0  # each version written takes the next number
        self.write("a.md", unique("Unu", "Primul text.", self.serial))
        self.write("anexa.txt", "o anexă")  # not a document: never followed
        self.commit("Primul")

    def teardown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    # --- steps -------------------------------------------------------------------------------

    def write(self, name: str, value: str) -> None:
        (self.content / name).parent.mkdir(parents=True, exist_ok=True)
        (self.content / name).write_text(value, encoding="utf-8")

    def commit(self, message: str, *extra: str) -> None:
        git(self.repo, "add", "-A")
        git(self.repo, "commit", "-q", "--allow-empty", *extra, "-m", message)

    def present(self) -> list[str]:
        return sorted(p.relative_to(self.content).as_posix() for p in self.content.rglob("*.md"))

    @rule(name=st.sampled_from(NAMES), body=st.sampled_from(["Text.", "Alt text.", "Text nou, mai lung."]),
          status=st.sampled_from(["", "adopted"]))
    def add_or_edit(self, name, body, status):
        self.serial += 1
        self.write(name, unique(f"Titlu {self.serial}", body, self.serial, status))
        self.commit(f"Scris {name}")

    @rule(data=st.data())
    def rename(self, data):
        present = self.present()
        free = [n for n in NAMES if n not in present]
        if not present or not free:
            return
        old, new = data.draw(st.sampled_from(present)), data.draw(st.sampled_from(free))
        (self.content / new).parent.mkdir(parents=True, exist_ok=True)
        (self.content / old).rename(self.content / new)
        self.commit(f"Mutat {old} în {new}")

    @rule(data=st.data())
    def delete(self, data):
        present = self.present()
        if len(present) > 1:
            (self.content / data.draw(st.sampled_from(present))).unlink()
            self.commit("Șters")

    @rule()
    def nothing_changed(self):
        self.commit("Fără modificări de conținut")

    @rule(data=st.data())
    def amend(self, data):
        present = self.present()
        if present:
            name = data.draw(st.sampled_from(present))
            self.serial += 1
            self.write(name, unique(f"Modificat {self.serial}", "Textul modificat la amend.", self.serial))
            self.commit("Ultimul commit refăcut", "--amend")

    @rule(back=st.integers(min_value=1, max_value=3))
    def reset(self, back):
        if int(git(self.repo, "rev-list", "--count", "HEAD")) > back:
            git(self.repo, "reset", "-q", "--hard", f"HEAD~{back}")

    @rule()
    def repacked_with_midx(self):
        """Every object packed, with a multi-pack index: read through it (and the objects of later
        commits, loose, beside it), the lineages must not change (source/git_repository.py
        `without_absent_midx` looks for one only when the repository is opened)."""
        git(self.repo, "repack", "-a", "-d", "-q", "--write-midx")
        assert (self.repo / ".git" / "objects" / "pack" / "multi-pack-index").exists()

    @rule(name=st.sampled_from(NAMES))
    def not_committed(self, name):
        if not (self.content / name).exists():
            self.serial += 1
            self.write(name, unique(f"Încă necomis {self.serial}", "Text.", self.serial))

    @rule(data=st.data())
    def edited_not_committed(self, data):
        """A committed file changed and not committed: its last version is the one committed."""
        present = self.present()
        if present:
            path = self.content / data.draw(st.sampled_from(present))
            path.write_text(path.read_text(encoding="utf-8") + "\nAdăugat, încă necomis.\n", encoding="utf-8")

    # --- what must hold ------------------------------------------------------------------------

    @invariant()
    def kept_lineages_equal_new_ones_and_gits(self):
        paths = self.present()
        cache = BuildCache(self.cache_folder, str(self.content), version=source_history.CACHE_VERSION)
        kept = source_history.read(self.content, paths, cache)
        fresh = source_history.read(self.content, paths)
        assert kept.versions == fresh.versions
        assert kept.names == fresh.names == {path: named(v) for path, v in fresh.versions.items() if v}
        assert kept.facts == fresh.facts and set(fresh.facts) == set(fresh.names)
        for path, versions in fresh.versions.items():  # the facts against the changes the history shows
            if versions:
                shown = history.changes(list(versions))
                assert kept.facts[path].later == tuple(c.commit for c in shown if c.kind != history.CREATED)
                assert [versions[rewrite.after].commit for rewrite in kept.facts[path].adopted_rewritten] == \
                    [c.commit for c in reversed(shown) if c.after_adoption]
        from_git = dataclasses.replace(fresh, bodies={})  # every body read from the repository again
        for read in (kept, fresh):
            assert all(read.body(v.blob) == from_git.body(v.blob) for versions in read.versions.values()
                       for v in versions if v.blob in read.bodies)
        assert set(fresh.bodies) <= {v.blob for versions in fresh.versions.values() for v in versions}
        committed = committed_paths(self.repo)
        for path in paths:
            commits = [v.commit for v in reversed(kept.versions[path])]
            assert commits == (lineage_by_git(self.repo, path) if path in committed else []), path


TestCommits = Commits.TestCase
TestCommits.settings = settings(max_examples=25, stateful_step_count=8, deadline=None)


def test_a_build_after_new_commits_moves_the_kept_lineages_on_and_reads_those_commits_alone(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    content = repo / "content"
    content.mkdir()
    (content / "a.md").write_text(text("Unu", "Text."), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Primul")
    cache = BuildCache(tmp_path / "cache", str(content), version=source_history.CACHE_VERSION)
    source_history.read(content, ["a.md"], cache)
    git(repo, "mv", "content/a.md", "content/b.md")
    git(repo, "commit", "-q", "-m", "Mutat")
    (content / "b.md").write_text(text("Doi", "Text."), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Titlu nou")

    def not_anew(*_args, **_kwargs):
        raise AssertionError("every lineage followed again")

    monkeypatch.setattr(source_history, "followed_anew", not_anew)
    moved = source_history.read(content, ["b.md"], cache)
    assert moved.read_commits == 2
    assert [(v.subject, v.path, dict(v.front)["title"]) for v in moved.versions["b.md"]] == [
        ("Primul", "a.md", "Unu"), ("Mutat", "b.md", "Unu"), ("Titlu nou", "b.md", "Doi")]
    assert moved.bodies == {} and moved.body(moved.versions["b.md"][-1].blob) == "Text.\n"  # read from git
    monkeypatch.undo()
    assert moved.versions == source_history.read(content, ["b.md"]).versions


def test_a_lost_part_of_the_cache_leaves_no_gap_in_the_main_line(tmp_path):
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    content = repo / "content"
    content.mkdir()
    cache = BuildCache(tmp_path / "cache", str(content), version=source_history.CACHE_VERSION)
    for n in range(4):
        (content / "a.md").write_text(text(f"V{n}", "Text."), encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"c{n}")
        source_history.read(content, ["a.md"], cache)
        if n == 1:
            cache.path(source_history.RECENT_PART).unlink()  # the commits since the whole save, lost
    shutil.rmtree(cache.folder / next(p.name for p in cache.folder.iterdir() if p.name.startswith("history-lin")))
    again = source_history.read(content, ["a.md"], cache)  # no lineages kept: every one followed anew
    assert [v.subject for v in again.versions["a.md"]] == ["c0", "c1", "c2", "c3"]
    assert again.versions == source_history.read(content, ["a.md"]).versions


@pytest.mark.parametrize("renamed_from", ["anexa.txt"])
def test_a_file_renamed_from_another_kind_starts_its_lineage(tmp_path, renamed_from):
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    content = repo / "content"
    content.mkdir()
    (content / renamed_from).write_text(text("Unu", "Un text destul de lung ca să fie recunoscut."), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Anexă")
    git(repo, "mv", f"content/{renamed_from}", "content/a.md")
    git(repo, "commit", "-q", "-m", "Devine document")
    found = source_history.read(content, ["a.md"]).versions["a.md"]
    assert [(v.subject, v.path) for v in found] == [("Devine document", "a.md")]


def test_lineages_kept_in_another_layout_are_followed_anew(tmp_path, monkeypatch):
    from transparency.source import lineage

    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    (repo / "content").mkdir()
    (repo / "content" / "a.md").write_text(text("Unu", "Text."), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Primul")
    cache = BuildCache(tmp_path / "cache", str(repo / "content"), version=source_history.CACHE_VERSION)
    first = source_history.read(repo / "content", ["a.md"], cache)
    monkeypatch.setattr(lineage, "LAYOUT", "written by another version")
    anew = []
    followed_anew = source_history.followed_anew
    monkeypatch.setattr(source_history, "followed_anew", lambda *args: anew.append(args) or followed_anew(*args))
    again = source_history.read(repo / "content", ["a.md"], cache)
    assert len(anew) == 1 and again.versions == first.versions and again.names == first.names


def test_commits_moved_on_with_are_kept_for_a_build_that_follows_every_lineage_anew(tmp_path, monkeypatch):
    monkeypatch.setattr(source_history, "RECENT_LIMIT", 3)  # the recent part outgrows this: a whole save
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    content = repo / "content"
    content.mkdir()
    cache = BuildCache(tmp_path / "cache", str(content), version=source_history.CACHE_VERSION)
    for n in range(6):  # each build moves the lineages on by one commit (and its blob)
        (content / "a.md").write_text(text(f"V{n}", f"Text {n}."), encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"c{n}")
        assert source_history.read(content, ["a.md"], cache).read_commits == 1
    lineages = next(p for p in cache.folder.iterdir() if p.name.startswith(f"{lineage_part()}-"))
    shutil.rmtree(lineages)  # every lineage followed anew: from the commits and blobs kept, none read from git
    monkeypatch.setattr(git_repository, "blob_data", lambda *_: pytest.fail("a version read from git again"))
    again = source_history.read(content, ["a.md"], cache)
    assert again.read_commits == 0
    assert [v.subject for v in again.versions["a.md"]] == [f"c{n}" for n in range(6)]


def lineage_part() -> str:
    from transparency.source import lineage

    return lineage.PART


def test_moving_past_a_commit_unpacks_only_the_lineages_it_touches():
    def version(commit, path, blob):
        return Version(commit, 1_800_000_000, "m", "", path, blob, (("status", "adopted"),), f"digest-{blob}")

    first = (version("c1", "a.md", "x1"),)
    kept = lineage.Packed({"a.md": lineage.pack(first), "b.md": b"not a pickle: unpacking it would fail"})
    moved = lineage.Moved(kept)
    lineage.advance(moved, "c2", [("a.md", "a2.md", "x1", "x2")], version)
    assert "b.md" in moved and "a.md" not in moved and moved["a2.md"] == (*first, version("c2", "a2.md", "x2"))
    assert sorted(moved) == ["a2.md", "b.md"]
    kept_after = lineage.Lineages(None, "")
    kept_after.versions, kept_after.names, kept_after.facts = kept, {"b.md": "name-b"}, {"b.md": "facts-b"}
    kept_after.update("c2", moved, frozenset(), {})
    assert kept_after.versions.packed["b.md"] is kept.packed["b.md"]  # still packed, the same bytes
    assert kept_after.names["b.md"] == "name-b" and kept_after.facts["b.md"] == "facts-b"
    assert kept_after.facts["a2.md"].later == ("c2",) and kept_after.versions["a2.md"] == moved["a2.md"]
    assert [kept_after.versions["a2.md"][r.after].commit for r in kept_after.facts["a2.md"].adopted_rewritten] == ["c2"]


def test_a_lineage_a_commit_ends_is_told_with_its_versions():
    lineages = {"a.md": ("a1",), "b.md": ("b1",), "c.md": ("c1",), "d.md": ("d1",)}
    ended = []
    changes = [("a.md", "", "x", ""), ("b.md", "b2.md", "x", "y"), ("c.md", "c.txt", "x", "x"), ("", "e.md", "", "z")]
    lineage.advance(lineages, "k", changes, lambda commit, path, blob: f"{commit}:{path}",
                    lambda path, versions, commit: ended.append((path, versions, commit)))
    assert sorted(ended) == [("a.md", ("a1",), "k"), ("c.md", ("c1",), "k")]  # deleted; moved where it is not followed
    assert lineages == {"b2.md": ("b1", "k:b2.md"), "d.md": ("d1",), "e.md": ("k:e.md",)}


def test_the_commits_of_a_disposition_deleted_since_are_remembered():
    from transparency.source.history import Ended

    ended = Ended(frozenset({"old"}))
    path = "dispozitii/2025/dp-40.md"
    ended(path, (("c1", path, "b1"), ("c2", path, "b2")), "c4")
    ended("pages/despre.md", (("c3", "pages/despre.md", "b3"),), "c4")  # not a disposition: its commits are not
    assert ended.commits == {"old", "c1", "c2"}
