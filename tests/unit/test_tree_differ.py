"""The walk's tree comparison (source/git_walk.py `Trees`): two versions of a folder are compared by
their common first and last bytes, and only the entries between are parsed; the other version's
entry offsets are derived from the known one's. The oracle is dulwich: trees are made as dulwich
Tree objects (its own serialisation, in git's order), and what `differing` finds is compared with
the entries dulwich lists, along random sequences of edits read as the walk reads them (each tree
derived from the one before, offsets carried along)."""

import os
import random
import stat

import pytest
from dulwich.object_store import MemoryObjectStore
from dulwich.objects import Tree

from transparency.source.git_walk import Trees, entry_of


def sha(rng: random.Random) -> bytes:
    """A random object id, often holding the bytes a tree's parser splits on (NUL, space, digits)."""
    alphabet = [0, 32, 48, 49, 55, 255]
    return bytes(rng.choice(alphabet) if rng.random() < 0.4 else rng.randrange(256) for _ in range(20)).hex().encode()


def name(rng: random.Random) -> bytes:
    stem = rng.choice([b"raport-2024-", b"proiect-2024-", b"hotarare ", b"a", b"x\x00"[:1]])
    return stem + str(rng.randrange(1000)).encode() + rng.choice([b".md", b"", b".pdf", b" 1.md"])


def made(store: MemoryObjectStore, entries: dict[bytes, tuple[int, bytes]]) -> bytes:
    tree = Tree()
    for entry_name, (mode, entry_sha) in entries.items():
        tree.add(entry_name, mode, entry_sha)
    store.add_object(tree)
    return tree.id


def edited(rng: random.Random, entries: dict) -> dict:
    """One to three changes: a file's id changed, a file or folder added, one removed, or a file
    turned into a folder."""
    entries = dict(entries)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        kind = rng.random()
        if entries and kind < 0.45:
            key = rng.choice(sorted(entries))
            entries[key] = (entries[key][0], sha(rng))
        elif kind < 0.75 or not entries:
            entries[name(rng)] = (rng.choice([0o100644, 0o100644, stat.S_IFDIR]), sha(rng))
        elif kind < 0.95:
            del entries[rng.choice(sorted(entries))]
        else:
            key = rng.choice(sorted(entries))
            entries[key] = (stat.S_IFDIR if entries[key][0] != stat.S_IFDIR else 0o100644, sha(rng))
    return entries


def as_items(records: list[bytes]) -> set[tuple[bytes, int, bytes]]:
    return set(map(entry_of, records))


def items_of(entries: dict) -> set[tuple[bytes, int, bytes]]:
    return {(entry_name, mode, entry_sha) for entry_name, (mode, entry_sha) in entries.items()}


@pytest.mark.parametrize("seed", range(60))
def test_the_entries_found_differing_are_those_dulwich_lists(seed):
    rng = random.Random(seed)
    store = MemoryObjectStore()
    entries = {name(rng): (0o100644, sha(rng)) for _ in range(rng.choice([0, 1, 3, 40, 300]))}
    versions = [entries]
    for _ in range(25):
        versions.append(edited(rng, versions[-1]))
    ids = [made(store, version) for version in versions]
    trees = Trees(store, keep=rng.choice([2, 4, 64]))
    # As the walk reads them: newest first, each commit's tree against its parent's.
    for newer, older in reversed(list(zip(range(1, len(ids)), range(len(ids) - 1)))):
        removed, added = trees.differing(ids[older], ids[newer])
        old_items, new_items = items_of(versions[older]), items_of(versions[newer])
        assert as_items(removed) - as_items(added) == old_items - new_items
        assert as_items(added) - as_items(removed) == new_items - old_items
        assert as_items(removed) <= old_items and as_items(added) <= new_items
        for tree in (ids[older], ids[newer]):
            if tree in trees.known:  # the offsets carried along are the tree's own
                raw, offsets = trees.known[tree]
                whole = Trees(store)
                assert offsets == whole.read(tree)[1]
                assert as_items(trees.records(tree)) == items_of(versions[ids.index(tree)])


def test_bytes_both_trees_end_with_are_not_taken_for_the_same_entries_unless_they_start_at_one():
    """A name may hold what looks like an entry, and an id may end as a name begins: here the
    older tree's one entry, „q 100644 y”, ends with the very bytes of the newer tree's last two
    entries from the id of „b” on. Stopping where the newer tree's entries reach the bytes both
    end with would miss „y”: the parse goes on until an entry of each starts at the same place."""
    store = MemoryObjectStore()
    shared = os.urandom(20).hex().encode()
    older = made(store, {b"q 100644 y": (0o100644, shared)})
    b_id = (os.urandom(11) + b"100644 q ").hex().encode()
    newer = made(store, {b"b": (0o100644, b_id), b"y": (0o100644, shared)})
    assert store.get_raw(older)[1][7:] == store.get_raw(newer)[1][-len(store.get_raw(older)[1]) + 7:]
    removed, added = Trees(store).differing(older, newer)
    assert as_items(removed) == {(b"q 100644 y", 0o100644, shared)}
    assert as_items(added) == {(b"b", 0o100644, b_id), (b"y", 0o100644, shared)}


def test_an_absent_tree_and_the_same_tree():
    store = MemoryObjectStore()
    rng = random.Random(1)
    entries = {name(rng): (0o100644, sha(rng)) for _ in range(5)}
    tree = made(store, entries)
    trees = Trees(store)
    assert trees.differing(tree, tree) == ([], [])
    assert as_items(trees.differing(None, tree)[1]) == items_of(entries)
    assert as_items(trees.differing(tree, None)[0]) == items_of(entries)


def test_a_damaged_tree_is_an_error_not_a_guess():
    store = MemoryObjectStore()
    good = made(store, {b"a.md": (0o100644, os.urandom(20).hex().encode()), b"b.md": (0o100644, b"1" * 40)})
    bad_raw = store.get_raw(good)[1][:-5] + b"zzzzz" + b"9 x"

    class Damaged:
        def get_raw(self, tree):
            return (2, bad_raw) if tree == b"bad" else store.get_raw(tree)

    with pytest.raises(ValueError):
        Trees(Damaged()).differing(good, b"bad")
