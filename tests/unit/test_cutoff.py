"""Early cutoff: a memo computed again to the same value does not make its readers stale
(domain/reads.py `Memos.define`, publish/dependencies.py `DependencyMap.settle`).

The map's cases are worked out by hand; the site's are two real site models, before and after
a title edit, whose values are compared where the edit cannot have reached them."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bench import synth
from transparency.domain.reads import Memos, Part, Read, ReadLog
from transparency.publish.dependencies import DependencyMap, Output, OutputKind, OutputRecord
from transparency.site import listings
from transparency.site.views import SiteModel
from transparency.source import pipeline

FRONT_X, FRONT_Y = Read(Part.FRONT, "decision/x"), Read(Part.FRONT, "decision/y")


def memo(key: str) -> Read:
    return Read(Part.MEMO, key)


def test_a_family_is_computed_again_from_its_key_and_digested():
    log = ReadLog()
    memos = Memos(log)
    source = {"a": [1, 2], "b": [3]}
    memos.define("sum", lambda key: sum(source[key]))
    memos.define("all", lambda _: dict(source), digest=False)
    with log.apart() as reads:
        assert memos.of("sum", "a") == 3
    assert reads == {memo("sum/a")}  # a reader records the memo, not what it was made of
    first = memos.digests["sum/a"]
    assert memos.recompute("sum/a") == first  # known in this build: the same value
    assert memos.recompute("all/") is None  # computed, but never taken as unchanged
    assert memos.recompute("sum/gone") is None  # what it was made of is gone
    assert memos.recompute("unknown/a") is None  # a family this code no longer defines
    again = Memos(ReadLog())
    again.define("sum", lambda key: sum(source[key]))
    source["a"] = [3]  # another value, the same sum
    assert again.recompute("sum/a") == first
    source["a"] = [4]
    other = Memos(ReadLog())
    other.define("sum", lambda key: sum(source[key]))
    assert other.recompute("sum/a") != first
    with pytest.raises(ValueError):
        memos.define("sum", len)  # defined twice


def test_a_value_shown_by_address_is_never_taken_as_unchanged():
    memos = Memos(ReadLog())
    memos.define("maker", lambda _: (lambda: 1))
    memos.of("maker")
    assert memos.digests["maker/"] is None


def map_with_digests() -> tuple[DependencyMap, list[Output]]:
    """order/ reads x's and y's front matter (digested); row/x reads x's (digested); listing/ reads
    order/ (digested); all/ reads x's (not digested). A page reads each memo."""
    outputs = {Output(OutputKind.PAGE, name): OutputRecord((), frozenset({memo(key)}))
               for name, key in (("list/", "listing/"), ("row/", "row/x"), ("all/", "all/"))}
    reads = {"order/": frozenset({FRONT_X, FRONT_Y}), "row/x": frozenset({FRONT_X}),
             "listing/": frozenset({memo("order/")}), "all/": frozenset({FRONT_X})}
    before = DependencyMap(site_key="k", inputs={FRONT_X: "1", FRONT_Y: "1"}, memos=reads, outputs=outputs,
                           memo_digests={"order/": "o1", "row/x": "r1", "listing/": "l1", "all/": None})
    return before, sorted(outputs, key=lambda o: o.name)


def test_a_memo_computed_again_to_the_same_digest_cuts_the_change_off(tmp_path: Path):
    before, wanted = map_with_digests()
    asked = []
    new = {"order/": "o1", "row/x": "r2"}  # x's title changed: its row did, the order did not

    def recompute(key: str) -> str | None:
        asked.append(key)
        return new.get(key)

    changed, reached = before.changes("k", {FRONT_X: "2", FRONT_Y: "1"})
    assert changed == {FRONT_X} and reached == {"order/", "row/x", "listing/", "all/"}
    dirty = before.settle(changed, reached, recompute)
    assert dirty == {FRONT_X, memo("row/x"), memo("all/")}
    assert "listing/" not in asked  # it read only memos that came out the same: not even computed
    assert [o.name for o in before.stale(wanted, dirty, tmp_path, {})] == ["all/", "row/"]
    # the order changed too: the listing is computed again, and compared
    new["order/"], new["listing/"] = "o2", "l1"
    assert memo("listing/") not in before.settle(changed, reached, recompute)
    new["listing/"] = "l2"
    assert memo("listing/") in before.settle(changed, reached, recompute)
    # without recomputing, every memo that read something changed is dirty (the first build's rule)
    assert before.dirty("k", {FRONT_X: "2", FRONT_Y: "1"}) == {FRONT_X, *map(memo, reached)}


def test_the_map_keeps_the_digests_of_its_memos():
    before, wanted = map_with_digests()
    after, changed = before.updated("k", before.inputs, {"row/x": frozenset({FRONT_X})}, {}, wanted,
                                    digests={"row/x": "r2"})
    assert changed and after.memo_digests == {"order/": "o1", "row/x": "r2", "listing/": "l1", "all/": None}
    fresh, _ = before.updated("other", before.inputs, {"row/x": frozenset({FRONT_X})}, {}, wanted,
                              digests={"row/x": "r2"})
    assert fresh.memo_digests == {"row/x": "r2"}  # another site key: the old digests mean nothing


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    """A synthetic council checked before and after one decision's title is edited."""
    base = tmp_path_factory.mktemp("cutoff")
    content = base / "before"
    synth.generate(content, 120)
    # the newest decision adopted: the council's earlier months have nothing of it
    edited = [p for p in sorted(content.glob("hotarari/*/*.md")) if "status: adopted" in p.read_text("utf-8")][-1]
    after = base / "after"
    shutil.copytree(content, after)
    synth.edit_title(after, edited.relative_to(content).as_posix(), 1)
    day = dt.date(2026, 11, 25)
    sites = [SiteModel(pipeline.check(folder), day, "https://example.test") for folder in (content, after)]
    return *sites, edited.stem


def digest(site: SiteModel, family: str, argument: str = "") -> str | None:
    return site.memos.recompute(f"{family}/{argument}")


def test_a_title_edit_reaches_its_row_and_the_lists_it_is_on_only(two_sites):
    before, after, edited = two_sites
    decision = after.archive.decisions[edited]
    assert digest(before, "row", edited) != digest(after, "row", edited)
    for family in ("status", "timeline", "status-view"):
        assert digest(before, family, edited) == digest(after, family, edited), family
    assert digest(before, "decisions-newest-first") == digest(after, "decisions-newest-first")
    for year in before.years():
        assert digest(before, "adopted-in", str(year)) == digest(after, "adopted-in", str(year))
    # every topic page lists the same decisions in the same order (the rows are read by the page)
    for path, _ in listings.topic_addresses(after):
        key = f"topic_pages|{path}"
        assert digest(before, "listing-page", key) == digest(after, "listing-page", key)
    page = listings.listing_page(after, "topic_pages", listings.topic_addresses(after)[0][0])
    assert all(isinstance(row, dict) for row in page["decisions"])  # the template's rows, made by the page
    # the activity of a month the decision has nothing in is as it was
    busy = {f"{e.date:%Y-%m}" for e in after.timelines[edited]}
    quiet = [f"{y}-{m:02d}" for y, m in listings.activity_months(after) if f"{y}-{m:02d}" not in busy]
    assert quiet, "the synthetic council has months without this decision"
    for month in quiet:
        assert digest(before, "activity-month", month) == digest(after, "activity-month", month)
    month = f"{decision.adopted:%Y-%m}"
    assert month in busy
    # its adoption month's entries name it by id (the same); what the month's page shows of it differs
    assert digest(before, "activity-month", month) == digest(after, "activity-month", month)
    assert digest(before, "activity-row", edited) != digest(after, "activity-row", edited)
    shown = listings.activity(after, decision.adopted.year, decision.adopted.month)
    assert any(entry["decision"]["title"] == decision.title for entry in shown)
