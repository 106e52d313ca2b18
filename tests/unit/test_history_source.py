"""Reading commits raw (source/git_walk.py `read_commit`) against dulwich's own parsing of them:
on commits made to be awkward (a signature spanning lines, two parents, no message, an author
that is not UTF-8, an encoding header) and on every commit of this project's repository."""

from pathlib import Path

from dulwich.objects import Commit as GitCommit
from dulwich.objects import Tree
from dulwich.object_store import MemoryObjectStore
from dulwich.repo import Repo

from transparency.source.git_walk import read_commit

ROOT = Path(__file__).resolve().parents[2]


def as_dulwich_reads_it(commit: GitCommit) -> tuple:
    """What the walk keeps of a commit, taken from dulwich's parsed object (the oracle)."""
    message = commit.message.decode("utf-8", "replace").strip()
    return (commit.parents[0].decode() if commit.parents else "", commit.commit_time,
            message.split("\n", 1)[0].strip(), commit.author.decode("utf-8", "replace").split("<", 1)[0].strip(),
            commit.tree)


def as_read(store, sha: bytes) -> tuple:
    commit, tree = read_commit(store, sha.decode())
    return commit.parent, commit.time, commit.subject, commit.author, tree


def awkward_commits() -> tuple[MemoryObjectStore, list[bytes]]:
    store = MemoryObjectStore()
    tree = Tree()
    store.add_object(tree)
    made = []
    variants = [
        {"message": b"Prima versiune\n\nCu detalii pe\nmai multe linii.\n"},
        {"message": b"", "author": b"Ana Pop\xff <ana@example.test>"},
        {"message": b"  \n\n  Mesaj dup\xc4\x83 r\xc3\xa2nduri goale\n", "encoding": b"ISO-8859-2"},
        {"message": b"Semnat\n", "gpgsig": b"-----BEGIN PGP SIGNATURE-----\n\nabc=\n-----END PGP SIGNATURE-----"},
        {"message": b"Unire de ramuri\n", "merge": True},
    ]
    for index, variant in enumerate(variants):
        commit = GitCommit()
        commit.tree = tree.id
        commit.parents = made[-2:] if variant.get("merge") else made[-1:]
        commit.author = variant.get("author", b"Ion Ionescu <ion@example.test>")
        commit.committer = b"Robot de publicare <robot@example.test>"
        commit.author_time, commit.commit_time = 1700000000 + index, 1700003600 + 7 * index
        commit.author_timezone = commit.commit_timezone = 2 * 3600
        commit.message = variant["message"]
        if "encoding" in variant:
            commit.encoding = variant["encoding"]
        if "gpgsig" in variant:
            commit.gpgsig = variant["gpgsig"]
        store.add_object(commit)
        made.append(commit.id)
    return store, made


def test_awkward_commits_read_as_dulwich_reads_them():
    store, made = awkward_commits()
    for sha in made:
        assert as_read(store, sha) == as_dulwich_reads_it(store[sha]), store.get_raw(sha)[1]


def test_every_commit_of_this_repository_reads_as_dulwich_reads_it():
    repo = Repo(str(ROOT))
    try:
        store, sha, count = repo.object_store, repo.head(), 0
        while sha and sha in store:  # a shallow clone's history stops at its edge
            read = as_read(store, sha)
            assert read == as_dulwich_reads_it(store[sha]), sha
            sha, count = read[0].encode(), count + 1
        assert count >= 1
    finally:
        repo.close()
