"""The dependency map's parts, each against numbers worked out by hand."""

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transparency.domain.model import Archive, Council, Decision
from transparency.domain.reads import Memos, Part, Read, ReadLog, Remembered
from transparency.publish.dependencies import DependencyMap, Output, OutputKind, OutputRecord
from transparency.publish.read_table import MAX_CHUNKS, ReadChunk, ReadTable
from transparency.publish.records import Stamp, Surveyed, survey
from transparency.site.tracked import Index, TrackedArchive



def stat_of(path: Path) -> tuple[int, int, int]:
    found = path.stat()
    return found.st_size, found.st_mtime_ns, found.st_ino


FRONT_A, BODY_A = Read(Part.FRONT, "decision/a"), Read(Part.BODY, "decision/a")


def archive() -> TrackedArchive:
    decisions = {i: Decision(id=i, source=f"{i}.md", title=i.upper()) for i in ("a", "b")}
    return TrackedArchive(Archive(Council("C", 3), decisions=decisions), LOG)


LOG = ReadLog()


def test_each_attribute_records_its_part():
    a = archive()
    with LOG.apart() as reads:
        assert a.decisions["a"].title == "A"
    assert reads == {Read(Part.TEXT, "decision/a")}  # text shown as it is: apart from the rest
    with LOG.apart() as reads:
        a.decisions["a"].status  # noqa: B018
    assert reads == {FRONT_A}
    with LOG.apart() as reads:
        a.decisions["a"].body_digest  # noqa: B018
    assert reads == {BODY_A}
    with LOG.apart() as reads:
        assert sorted(a.decisions) == ["a", "b"]
    assert reads == {Read(Part.MEMBERS, "decision")}
    with LOG.apart() as reads:  # a document not there is read too: it may appear
        assert a.decisions.get("c") is None and "d" not in a.decisions
    assert reads == {Read(Part.FRONT, "decision/c"), Read(Part.FRONT, "decision/d")}


def test_muted_reads_and_index_entries():
    index = Index("topics", LOG, lambda: {"buget": ("a",), "mediu": ()})
    with LOG.apart() as reads:
        with LOG.muted():
            archive().decisions["b"].title  # noqa: B018
        assert index["buget"] == ("a",)
    assert reads == {Read(Part.INDEX, "topics/buget")}
    prints = index.fingerprints()
    assert set(prints) == {Read(Part.INDEX, "topics/buget"), Read(Part.INDEX, "topics/mediu"),
                           Read(Part.INDEX, "topics/*")}


def test_a_memo_is_read_by_every_output_that_uses_it_and_keeps_its_own_reads():
    log, calls = ReadLog(), []
    memos = Memos(log)
    a = TrackedArchive(Archive(Council("C", 3), decisions={"a": Decision(id="a", source="a.md", title="A")}), log)

    def status():
        calls.append(1)
        return a.decisions["a"].status

    for _ in range(2):
        with log.apart() as reads:
            assert memos.get("status/a", status) == "draft"
        assert reads == {Read(Part.MEMO, "status/a")}
    assert calls == [1] and memos.computed == {"status/a": frozenset({FRONT_A})}
    assert memos.since(0).reads == memos.computed and memos.since(memos.count()).reads == {}


def test_a_kept_value_is_reused_while_its_memo_is_clean():
    log, calls = ReadLog(), []

    def compute():
        calls.append(1)
        return "new"

    old = {"item/a": Remembered("old", frozenset({FRONT_A})), "item/b": Remembered("old", frozenset())}
    memos = Memos(log)
    memos.reuse(old, dirty={Read(Part.MEMO, "item/b")})
    assert memos.get("item/a", compute, keep=True) == "old" and calls == []
    assert memos.get("item/b", compute, keep=True) == "new" and calls == [1]  # dirty: computed again
    assert memos.get("item/c", compute) == "new" and calls == [1, 1]
    made = memos.since(0)
    assert made.kept == {"item/b": "new"}  # computed in this build
    assert memos.still_clean() == {"item/a": old["item/a"]}  # with made.kept, what the next build may reuse
    assert made.reads["item/a"] == frozenset({FRONT_A})  # the reads it had, kept with it


def test_a_value_computed_again_before_it_is_asked_to_be_kept_is_kept():
    """The dependency map computes a changed memo again (`recompute`) before the pages ask for it
    with keep=True: it is kept as if computed then, and a value reused from the last build is not
    kept again (it is the last build's, already)."""
    log = ReadLog()
    memos = Memos(log)
    memos.define("item", lambda name: f"new {name}")
    memos.reuse({"item/old": Remembered("old", frozenset())}, dirty=set())
    memos.recompute("item/a")
    assert memos.since(0).kept == {}
    assert memos.of("item", "a", keep=True) == "new a" and memos.of("item", "old", keep=True) == "old"
    assert memos.since(0).kept == {"item/a": "new a"}


def as_stored(dependencies: DependencyMap) -> DependencyMap:
    """The map as the next build loads it from the build cache: its sets of reads as numbers."""
    return DependencyMap(**dependencies.stored(), inputs=dependencies.inputs)


FORMS = pytest.mark.parametrize("form", [lambda d: d, as_stored], ids=["sets", "stored"])


@FORMS
def test_stale_outputs_follow_changed_inputs_through_memos(tmp_path: Path, form):
    page, feed, other = (Output(OutputKind.PAGE, "a/"), Output(OutputKind.FEED, "toate"),
                         Output(OutputKind.PAGE, "b/"))
    memo = Read(Part.MEMO, "row/a")
    inner = Read(Part.MEMO, "status/a")
    before = DependencyMap(
        site_key="k", inputs={FRONT_A: "1", BODY_A: "1", Read(Part.FRONT, "decision/b"): "1"},
        memos={"row/a": frozenset({inner}), "status/a": frozenset({FRONT_A})},
        outputs={page: OutputRecord((), frozenset({memo, BODY_A})), feed: OutputRecord((), frozenset({memo})),
                 other: OutputRecord((), frozenset({Read(Part.FRONT, "decision/b")}))})
    before = form(before)
    wanted = [page, feed, other]
    # a front edit reaches both outputs through two memos; the other page stays
    dirty = before.dirty("k", {**before.inputs, FRONT_A: "2"})
    assert dirty == {FRONT_A, inner, memo}
    assert before.stale(wanted, dirty, tmp_path, {}) == [page, feed]
    # a body edit: the page alone
    assert before.stale(wanted, before.dirty("k", {**before.inputs, BODY_A: "2"}), tmp_path, {}) == [page]
    # a new output, and a changed site key
    new = Output(OutputKind.PAGE, "c/")
    assert before.stale([*wanted, new], before.dirty("k", before.inputs), tmp_path, {}) == [new]
    assert before.dirty("other", before.inputs) is None
    assert before.stale(wanted, None, tmp_path, {}) == wanted


def test_stored_sets_are_numbers_in_one_table_and_read_back_the_same():
    """`stored`: every set as the sorted numbers of its reads (4 bytes each) in one table; a set
    already stored is kept as the same bytes (the journal then writes nothing for it), a new read
    takes the next number, and a map with no stored set left starts a new table."""
    memo, front_b = Read(Part.MEMO, "row/a"), Read(Part.FRONT, "decision/b")
    page, other = Output(OutputKind.PAGE, "a/"), Output(OutputKind.PAGE, "b/")
    first = DependencyMap(site_key="k", memos={"row/a": frozenset({FRONT_A})},
                          outputs={page: OutputRecord(("a.html",), frozenset({memo, BODY_A}))},
                          site_map=frozenset({front_b}))
    stored = first.stored()
    loaded = DependencyMap(**stored)
    assert sorted(loaded.table.reads) == sorted({FRONT_A, BODY_A, memo, front_b}) and list(stored["table"]) == [0]
    assert all(type(reads) is bytes for reads in (*loaded.memos.values(), loaded.outputs[page].reads, loaded.site_map))
    assert len(loaded.outputs[page].reads) == 8 and loaded.search == b""
    assert loaded.decoded(loaded.outputs[page].reads) == {memo, BODY_A} and loaded.memo_keys(loaded.site_map) == set()
    assert loaded.memo_keys(loaded.outputs[page].reads) == {"row/a"}
    assert loaded.same_reads(loaded.memos["row/a"], frozenset({FRONT_A}))
    assert not loaded.same_reads(loaded.memos["row/a"], frozenset({BODY_A}))

    after, changed = loaded.updated("k", {}, {}, {other: OutputRecord(("b.html",), frozenset({front_b, BODY_A}))},
                                    [page, other], frozenset({front_b}))
    again = after.stored()
    assert again["outputs"][page].reads is loaded.outputs[page].reads  # kept: the same bytes
    assert again["memos"]["row/a"] is loaded.memos["row/a"] and again["site_map"] is loaded.site_map
    assert again["table"] == stored["table"]  # no new read: front_b and BODY_A have their numbers
    front_c = Read(Part.FRONT, "decision/c")
    third, _ = loaded.updated("k", {}, {}, {other: OutputRecord(("b.html",), frozenset({front_b, front_c}))},
                              [page, other])
    table = third.stored()["table"]  # a new read: a chunk of its own, the first kept as it was
    assert list(table) == [0, 1] and table[0] is stored["table"][0] and table[1].names == (front_c.name,)
    assert DependencyMap(**third.stored()).decoded(third.stored()["outputs"][other].reads) == {front_b, front_c}
    assert DependencyMap(**again).decoded(again["outputs"][other].reads) == {front_b, BODY_A}

    remade = {o: OutputRecord((), frozenset({Read(Part.BODY, "decision/c")})) for o in (page, other)}
    fresh, _ = loaded.updated("other key", {}, {}, remade, [page, other])
    # every set made anew: a new table
    assert DependencyMap(**fresh.stored()).table.reads == [Read(Part.BODY, "decision/c")]


def test_a_read_table_keeps_its_numbers_across_chunks_merged_and_pickled():
    table = ReadTable()
    every = [Read(part, f"x/{n}") for n in range(3 * MAX_CHUNKS) for part in (Part.FRONT, Part.MEMO)]
    for start in range(0, len(every), 3):
        table = table.extended(every[start:start + 3])
        assert len(table.chunks) <= MAX_CHUNKS and table.reads == every[:start + 3]
    again = ReadTable(pickle.loads(pickle.dumps(table.chunks)))
    assert again.reads == every and again.numbers == {read: number for number, read in enumerate(every)}
    assert type(again.reads[0]) is Read and again.reads[1].part is Part.MEMO
    with pytest.raises(ValueError):
        ReadTable({1: ReadChunk.of(every[:1])})


def test_a_file_changed_by_hand_makes_its_output_stale(tmp_path: Path):
    (tmp_path / "a.html").write_text("made")
    written = {"a.html": Stamp.of(tmp_path / "a.html")}
    page = Output(OutputKind.PAGE, "a/")
    before = DependencyMap(site_key="k", outputs={page: OutputRecord(("a.html",), frozenset())})
    assert before.stale([page], set(), tmp_path, written) == []
    (tmp_path / "a.html").write_text("changed by hand")
    assert before.stale([page], set(), tmp_path, written) == [page]
    (tmp_path / "a.html").unlink()
    assert before.stale([page], set(), tmp_path, {}) == [page]  # gone, and no stamp known either


def test_the_survey_taken_earlier_answers_as_the_disk_does(tmp_path: Path):
    """`records.survey` sends back only what differs from the integrity record; `stale` given it
    decides as it does asking the disk itself, and notes the same stamps for the manifest."""
    pages = [Output(OutputKind.PAGE, f"{name}/") for name in "abcd"]
    for name in "abcd":
        (tmp_path / f"{name}.html").write_text(f"page {name}")
    written = {f"{name}.html": Stamp.of(tmp_path / f"{name}.html") for name in "abcd"}
    digests = {path: (*stat_of(tmp_path / path), "sha") for path in written}
    (tmp_path / "b.html").write_text("changed by hand")
    (tmp_path / "c.html").unlink()
    del digests["d.html"]  # published before the manifest knew of it
    before = DependencyMap(site_key="k", outputs={o: OutputRecord((f"{o.name[0]}.html",), frozenset()) for o in pages})
    differences = survey(tmp_path, written.keys(), digests)
    assert differences == {"b.html": stat_of(tmp_path / "b.html"), "c.html": None,
                           "d.html": stat_of(tmp_path / "d.html")}
    asked, told = {}, {}
    assert before.stale(pages, set(), tmp_path, written, asked) == pages[1:3]
    assert before.stale(pages, set(), tmp_path, written, told, Surveyed(differences, digests)) == pages[1:3]
    assert asked == told and set(told) == {"a.html", "b.html", "d.html"}


def test_the_map_keeps_the_memos_its_outputs_read_and_no_others():
    page = Output(OutputKind.PAGE, "a/")
    before = DependencyMap(site_key="k", memos={"old": frozenset(), "row/a": frozenset({Read(Part.MEMO, "st")}),
                                                "st": frozenset({FRONT_A})},
                           outputs={page: OutputRecord((), frozenset({Read(Part.MEMO, "row/a"),
                                                                      Read(Part.MEMO, "old")}))})
    remade = {page: OutputRecord((), frozenset({Read(Part.MEMO, "row/a")}))}  # no longer reads "old"
    after, changed = before.updated("k", {}, {"old": frozenset({FRONT_A})}, remade, [page])
    assert set(after.memos) == {"row/a", "st"} and after.outputs == remade and changed
    before = after
    assert before.updated("k", {}, {}, {}, [])[0].memos == {}
    same, changed = before.updated("k", {FRONT_A: "2"}, {"st": frozenset({FRONT_A})}, {}, [page])
    assert not changed and same.inputs == {FRONT_A: "2"} and same.memos is before.memos  # nothing to save but inputs


memo_names = st.sampled_from([f"m{n}" for n in range(8)])
read_sets = st.frozensets(st.one_of(memo_names.map(lambda key: Read(Part.MEMO, key)), st.just(FRONT_A)), max_size=4)


def _acyclic(memos: dict[str, frozenset[Read]]) -> dict[str, frozenset[Read]]:
    """A memo mN reads only memos mK with K < N: memos never read themselves, at any depth, in one
    build or across builds (each family reads families of lower layers; `settle` and the map's
    pruning of unread memos rely on it)."""
    return {key: frozenset(r for r in reads if r.part is not Part.MEMO or int(r.name[1:]) < int(key[1:]))
            for key, reads in memos.items()}


graphs = st.dictionaries(memo_names, read_sets).map(_acyclic)
pages = st.dictionaries(st.sampled_from("abcde").map(lambda name: Output(OutputKind.PAGE, name)), read_sets,
                        min_size=1)


def reachable(roots, memos):
    """Breadth first, written apart from the code under test: the memos the roots read, at any depth."""
    seen, frontier = set(), {read.name for reads in roots for read in reads if read.part is Part.MEMO}
    while frontier:
        seen |= frontier
        frontier = {read.name for key in frontier if key in memos for read in memos[key]
                    if read.part is Part.MEMO} - seen
    return {key for key in seen if key in memos}


@settings(max_examples=300, deadline=None)
@given(graphs, pages, read_sets, graphs, pages, read_sets, st.booleans())
def test_the_memos_kept_are_those_read_whatever_changed(old_memos, old_pages, old_site_map,
                                                        new_memos, new_pages, new_site_map, stored):
    """A build's map keeps exactly the memos its outputs, site map and search index read (at any
    depth), whether it walks every read or only what changed since a map that kept exactly those.
    As in a build, whatever reads a memo reads one computed (or reused) in its build."""
    def known(reads, memos):
        return frozenset(read for read in reads if read.part is not Part.MEMO or read.name in memos)

    old_memos = {key: known(reads, old_memos) for key, reads in old_memos.items()}
    old_pages = {page: known(reads, old_memos) for page, reads in old_pages.items()}
    old_site_map = known(old_site_map, old_memos)
    new_memos = {key: known(reads, new_memos) for key, reads in new_memos.items()}
    new_pages = {page: known(reads, new_memos) for page, reads in new_pages.items()}
    new_site_map = known(new_site_map, new_memos)
    kept_page = next(iter(old_pages))  # an old page (unless made again) kept as the last build made it
    live = reachable([old_site_map, *old_pages.values()], old_memos)
    before = DependencyMap(site_key="k", memos={key: old_memos[key] for key in live},
                           outputs={page: OutputRecord((), reads) for page, reads in old_pages.items()},
                           site_map=old_site_map)
    if stored:  # as the next build loads it: its sets as numbers, decoded where looked into
        before = as_stored(before)
    wanted = sorted(new_pages.keys() | {kept_page}, key=lambda o: o.name)
    remade = {page: OutputRecord((), reads) for page, reads in new_pages.items()}
    after, _ = before.updated("k", {}, new_memos, remade, wanted, new_site_map)
    every_memo = {key: before.decoded(reads) for key, reads in {**before.memos, **new_memos}.items()}
    roots = [new_site_map, *(after.decoded(after.outputs[page].reads) for page in wanted)]
    assert set(after.memos) == reachable(roots, every_memo)
    assert all(after.decoded(after.memos[key]) == every_memo[key] for key in after.memos)
    assert DependencyMap(**after.stored()).decoded(after.stored()["site_map"]) == new_site_map
