"""Journaled cache parts: what is loaded is what was last saved, whatever the saves in between,
a save writes only what changed, and a build stopped while saving leaves an earlier build's part."""

import copy
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from transparency.build import journal as journal_module
from transparency.build.cache import BuildCache, seal, unseal
from transparency.build.journal import BASE, Journal, equal, journal_of


def files(folder):
    return sorted(path.name for path in folder.iterdir())


def reopened(folder, **options):
    return Journal(folder, **options).load()


def test_a_save_after_a_small_change_writes_only_that_change(tmp_path):
    part = Journal(tmp_path, same=equal)
    part.load()
    data = {"outputs": {f"page/{n}": ("read", n) for n in range(2000)}, "key": "site-1"}
    part.save(data)
    data = {**data, "outputs": {**data["outputs"], "page/7": ("read", "seven")}}
    del data["outputs"]["page/8"]
    part.save(data)
    assert files(tmp_path) == [BASE, "delta-000001.pickle"]
    delta = unseal(tmp_path / "delta-000001.pickle")
    assert sorted(delta["changes"], key=len) == [(("outputs", "page/8"),), (("outputs", "page/7"), ("read", "seven"))]
    assert (tmp_path / "delta-000001.pickle").stat().st_size * 50 < (tmp_path / BASE).stat().st_size
    assert reopened(tmp_path) == data


def test_nothing_changed_writes_nothing(tmp_path):
    part = Journal(tmp_path, same=equal)
    part.load()
    part.save({"a": {"b": 1}})
    before = files(tmp_path), (tmp_path / BASE).stat().st_mtime_ns
    part.save({"a": {"b": 1}})
    assert (files(tmp_path), (tmp_path / BASE).stat().st_mtime_ns) == before


def test_a_dict_changed_in_place_is_seen(tmp_path):
    state = {"index": {"docs": {"a": 1}}}
    part = Journal(tmp_path, depth=3)
    part.load()
    part.save(state)
    state["index"]["docs"]["b"] = 2  # as the search index's cache is updated
    part.save(state)
    assert reopened(tmp_path, depth=3) == {"index": {"docs": {"a": 1, "b": 2}}}


def test_a_list_is_saved_as_the_items_it_kept_and_the_new_ones(tmp_path):
    shards = [("shard", n, "x" * 1000) for n in range(50)]
    part = Journal(tmp_path, depth=3, same=equal)
    part.load()
    part.save({"index": {"shards": shards}})
    edited = [*shards[:10], ("shard", "new", "y"), *shards[12:], ("shard", "last", "z")]
    part.save({"index": {"shards": edited}})
    changes = unseal(tmp_path / "delta-000001.pickle")["changes"]
    assert changes == [(("index", "shards"), "splice",
                        ([*range(10), -1, *range(12, 50), -1], {10: ("shard", "new", "y"), 49: ("shard", "last", "z")}))]
    assert reopened(tmp_path, depth=3) == {"index": {"shards": edited}}
    edited.append("changed in place")  # a list is compared with its copy, not with itself
    part.save({"index": {"shards": edited}})
    assert reopened(tmp_path, depth=3) == {"index": {"shards": edited}}


def test_a_list_of_strings_made_afresh_is_matched_by_text(tmp_path):
    """The search index's order of documents: fresh strings every build, equal to the last's."""
    order = [f"decision/d-{n:04d}" for n in range(2000)]
    part = Journal(tmp_path, depth=3, same=equal)
    part.load()
    part.save({"index": {"order": order}})
    part.save({"index": {"order": ["".join(["decision/", name[9:]]) for name in order]}})
    assert files(tmp_path) == [BASE]  # nothing changed
    grown = [*order[:5], "decision/new", *order[5:]]
    part.save({"index": {"order": [str(name) for name in grown]}})
    [(path, _, (layout, fresh))] = unseal(tmp_path / "delta-000001.pickle")["changes"]
    assert (path, fresh, layout[:7]) == (("index", "order"), {5: "decision/new"}, [0, 1, 2, 3, 4, -1, 5])
    assert reopened(tmp_path, depth=3) == {"index": {"order": grown}}


def test_values_compared_by_identity_unless_told_otherwise(tmp_path):
    """Equal values may print differently (Decimal("1.0") == Decimal("1.00")): memo values are
    written again unless they are the very objects loaded."""
    for same, expected in ((None, "1.00"), (equal, "1.0")):
        folder = tmp_path / str(expected) / ("identity" if same is None else "equal")
        folder.mkdir(parents=True)
        part = Journal(folder) if same is None else Journal(folder, same=same)
        part.load()
        part.save({"values": {"amount": Decimal("1.0")}})
        part.save({"values": {"amount": Decimal("1.00")}})
        assert str(reopened(folder)["values"]["amount"]) == expected


def test_a_stopped_save_leaves_the_previous_builds_part(tmp_path):
    part = Journal(tmp_path)
    part.load()
    states = [{"v": {"n": n, "m": n * 2}} for n in range(4)]
    for state in states:
        part.save(state)
    assert files(tmp_path) == [BASE, "delta-000001.pickle", "delta-000002.pickle", "delta-000003.pickle"]
    (tmp_path / "delta-000003.pickle").unlink()  # never written
    assert reopened(tmp_path) == states[2]
    (tmp_path / "delta-000002.pickle").write_bytes(b"half a fi")  # damaged
    assert reopened(tmp_path) == states[1]
    assert files(tmp_path) == [BASE, "delta-000001.pickle"]


def test_deltas_after_a_gap_are_not_applied(tmp_path):
    part = Journal(tmp_path)
    part.load()
    for n in range(3):
        part.save({"v": {"n": n}})
    (tmp_path / "delta-000001.pickle").unlink()
    assert reopened(tmp_path) == {"v": {"n": 0}}
    assert files(tmp_path) == [BASE]


def test_deltas_of_an_older_base_are_not_applied(tmp_path, monkeypatch):
    monkeypatch.setattr(journal_module, "MAX_DELTAS", 2)
    part = Journal(tmp_path)
    part.load()
    for n in range(3):  # base, two deltas
        part.save({"v": {"n": n}})
    left = (tmp_path / "delta-000002.pickle").read_bytes()
    part.save({"v": {"n": 3}})  # a new base: the deltas are deleted
    assert files(tmp_path) == [BASE]
    (tmp_path / "delta-000001.pickle").write_bytes(left)  # as if a stopped build had left one behind
    assert reopened(tmp_path) == {"v": {"n": 3}}


def test_deltas_are_folded_into_a_new_base(tmp_path, monkeypatch):
    monkeypatch.setattr(journal_module, "COMPACT_FROM", 0)
    part = Journal(tmp_path)
    part.load()
    data = {"values": {f"k{n}": "x" * 40 for n in range(100)}}
    part.save(data)
    for n in range(100):  # each save replaces a tenth of the part
        data = {"values": {**data["values"], **{f"k{(n * 10 + m) % 100}": f"{n}-{m}" * 10 for m in range(10)}}}
        part.save(data)
        assert len(files(tmp_path)) <= 1 + 4  # the deltas never add up to more than a quarter of the base (or so)
    assert reopened(tmp_path) == data


def test_a_delta_that_does_not_fit_its_base_drops_the_part(tmp_path):
    part = Journal(tmp_path)
    part.load()
    part.save({"v": {"n": 1}})
    generation = unseal(tmp_path / BASE)["generation"]
    seal(tmp_path / "delta-000001.pickle", {"generation": generation, "number": 1,
                                            "changes": [(("v", "n", "deep"), 2)]})
    assert reopened(tmp_path) == {}
    assert files(tmp_path) == []


def test_without_a_folder_nothing_is_kept():
    part = Journal(None)
    part.save({"v": {"n": 1}})
    assert part.load() == {}


def test_journals_belong_to_a_code_version_and_replace_the_single_file(tmp_path):
    old = BuildCache(tmp_path, "c", version="old")
    old.save("memo-values", {"values": {"a": 1}})
    part = journal_of(old, "memo-values")
    assert not old.path("memo-values").exists()
    part.load()
    part.save({"values": {"a": 1}})
    assert journal_of(BuildCache(tmp_path, "c", version="old"), "memo-values").load() == {"values": {"a": 1}}
    assert journal_of(BuildCache(tmp_path, "c", version="new"), "memo-values").load() == {}


keys = st.sampled_from("abcdef")
leaves = st.one_of(st.integers(), st.text(max_size=3), st.tuples(st.integers()))
shared = [(n,) for n in range(4)]  # items a list may keep from one state to the next, by identity
items = st.one_of(leaves, st.sampled_from(shared))
containers = st.one_of(st.dictionaries(keys, items), st.lists(items, max_size=5))
parts = st.dictionaries(keys, st.one_of(leaves, containers, st.dictionaries(keys, st.one_of(items, containers))))


@settings(max_examples=60, deadline=None)
@given(st.lists(parts, min_size=1, max_size=8), st.integers(min_value=1, max_value=3))
def test_what_is_loaded_is_what_was_saved_last(tmp_path_factory, states, depth):
    folder = tmp_path_factory.mktemp("journal")
    part = Journal(folder, depth=depth, same=equal)
    part.load()
    for state in states:
        part.save(state)
        assert reopened(folder, depth=depth) == copy.deepcopy(state)


def test_a_whole_save_writes_a_new_base_and_the_deltas_go(tmp_path):
    part = Journal(tmp_path)
    part.load()
    for n in range(3):
        part.save({"v": {"n": n}})
    assert files(tmp_path) == [BASE, "delta-000001.pickle", "delta-000002.pickle"]
    part.save({"v": {"n": 3}}, whole=True)
    assert files(tmp_path) == [BASE]
    part.save({"v": {"n": 3}}, whole=True)  # unchanged, written all the same: the caller said so
    assert reopened(tmp_path) == {"v": {"n": 3}}
    part.save({"v": {"n": 4}})  # and deltas follow the new base
    assert files(tmp_path) == [BASE, "delta-000001.pickle"] and reopened(tmp_path) == {"v": {"n": 4}}
