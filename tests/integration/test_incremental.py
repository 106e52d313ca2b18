"""An incremental build (with the build cache and an earlier output) gives exactly
the bytes of a cold build (empty output, no cache), after every kind of change.

The tests share one content folder and one incremental output and cache (module
scope: the first builds are slow), each changing the content further; whatever
ran before, each compares its incremental build with a cold build of the same
content. Settings are passed to each build, never kept on the shared fixture."""

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench import synth
from transparency.build.cache import BuildCache
from transparency.build.journal import journal_of
from support import trees

pytestmark = pytest.mark.slow

SETTINGS = '''\
import sys
sys.path.insert(0, {root!r})
import pelicanconf
globals().update({{name: value for name, value in vars(pelicanconf).items() if name.isupper()}})
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
TRANSPARENCY = {{"build_cache": {cache!r}, "workers": {workers}}}
'''


SITEURL = "https://example.test"


class Site:
    """One content folder built two ways: incrementally into one output, and cold into a fresh one."""

    def __init__(self, base: Path):
        self.base = base
        self.content = base / "content"
        self.theme = base / "theme"
        shutil.copytree(trees.ROOT / "theme", self.theme)
        synth.generate(self.content, 80)  # enough bodies and pages for two worker processes
        self.runs = 0

    def build(self, output: Path, cache: Path, siteurl: str, workers: int = 2) -> Path:
        settings = self.base / f"settings-{self.runs}.py"
        self.runs += 1
        settings.write_text(SETTINGS.format(root=str(trees.ROOT), theme=str(self.theme),
                                            plugins=str(trees.ROOT / "plugins"), cache=str(cache),
                                            workers=workers))
        env = {**os.environ, "SOURCE_DATE_EPOCH": synth.EPOCH, "PYTHONPATH": str(trees.ROOT / "plugins")}
        result = subprocess.run([sys.executable, "-m", "transparency", "build", "--settings", str(settings),
                                 "--content", str(self.content), "--output", str(output), "--siteurl", siteurl],
                                cwd=trees.ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        return output

    def incremental(self, siteurl: str = SITEURL) -> Path:
        return self.build(self.base / "incremental", self.base / "cache", siteurl)

    def cold(self, siteurl: str = SITEURL, workers: int = 2) -> Path:
        fresh = self.base / f"cold-{self.runs}"
        return self.build(fresh / "output", fresh / "cache", siteurl, workers)

    def kept_values(self, output: Path) -> dict[str, bytes]:
        """The memo values the build into `output` kept for the next (build/kept.py)."""
        cache = BuildCache(output.parent / "cache" if output.name == "output" else self.base / "cache",
                           str(self.content), str(output))
        return journal_of(cache, "memo-values").load()["values"]


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def folders(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}


def assert_same(incremental: Path, cold: Path) -> None:
    a, b = files(incremental), files(cold)
    assert sorted(set(a) - set(b)) == [], "left over by the incremental build"
    assert sorted(set(b) - set(a)) == [], "missing from the incremental build"
    assert [path for path in a if a[path] != b[path]] == []
    assert folders(incremental) == folders(cold)


def mtimes(root: Path, pattern: str = "*.html") -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob(pattern)}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("incremental"))
    assert_same(site.incremental(), site.cold())
    return site


def decisions(site: Site) -> list[Path]:
    return sorted(site.content.glob("hotarari/*/*.md"))


def test_nothing_changed_rewrites_nothing(site):
    before = mtimes(site.incremental())
    assert mtimes(site.incremental()) == before


def test_kept_values_hold_no_tracked_document(site):
    """Memo values kept between builds are plain data: a tracked document in one would pickle the
    document and the build's read log with it (and come back detached from this build's)."""
    folders = list((site.base / "cache").glob("memo-values-*.d"))
    payloads = [path.read_bytes() for folder in folders for path in folder.glob("*.pickle")]
    assert payloads and b"listing-page/" in b"".join(payloads) and b"activity-entries/" in b"".join(payloads)
    for payload in payloads:
        assert b"TrackedDocument" not in payload and b"ReadLog" not in payload


def test_values_kept_by_both_processes_are_kept(site):
    """A value kept for the next build is kept whichever process made it: the same values after a
    build in two processes (`workers`: 2, the worker's sent to the parent pickled) as in one; and
    the same site, its search index assembled in a child process or in the build's own."""
    two_output, one_output = site.incremental(), site.cold(workers=1)
    two, one = site.kept_values(two_output), site.kept_values(one_output)
    assert two.keys() == one.keys() and len(one) > 100
    assert {key for key in one if pickle.loads(one[key]) != pickle.loads(two[key])} == set()
    assert_same(two_output, one_output)


def test_edited_body_rewrites_only_what_shows_it(site):
    before = mtimes(site.base / "incremental")
    edited = next(p for p in decisions(site) if "status: adopted" in p.read_text(encoding="utf-8"))
    synth.edit_body(site.content, edited.relative_to(site.content).as_posix(), 1)
    output = site.incremental()
    assert_same(output, site.cold())
    after = mtimes(output)
    rewritten = [path for path in after if after[path] != before.get(path)]
    assert 1 <= len(rewritten) <= 3, rewritten  # the decision's page (search and feed files are not HTML)


def test_two_members_changing_sides_in_a_nominal_vote(site):
    """Each member's page lists their nominal votes from kept rows (generator.vote_row, one per
    decision and vote): two members who change sides must see their rows, and their pages, made
    again, though the decision's row is unchanged."""
    def lists(text: str):
        return (re.search(r"^  for: (\[.+\])$", text, re.M), re.search(r"^  against: (\[.+\])$", text, re.M))

    path = next(p for p in decisions(site) if all(lists(p.read_text(encoding="utf-8"))))
    text = path.read_text(encoding="utf-8")
    for_line, against_line = lists(text)
    (first_for, *other_for), (first_against, *other_against) = map(json.loads, (for_line[1], against_line[1]))
    text = text.replace(for_line[0], f"  for: {json.dumps([first_against, *other_for], ensure_ascii=False)}")
    text = text.replace(against_line[0], f"  against: {json.dumps([first_for, *other_against], ensure_ascii=False)}")
    path.write_text(text, encoding="utf-8")
    output = site.incremental()
    assert_same(output, site.cold())


def test_edited_front_matter(site):
    feeds_before = mtimes(site.base / "incremental", "feeds/**/*.*")
    decision = next(p for p in decisions(site) if "status: adopted" in p.read_text(encoding="utf-8"))
    text = decision.read_text(encoding="utf-8")
    decision.write_text(text.replace("title: \"", "title: \"(rectificat) ", 1), encoding="utf-8")
    output = site.incremental()
    assert "(rectificat)" in (output / "hotarari/index.html").read_text(encoding="utf-8")
    assert_same(output, site.cold())
    feeds_after = mtimes(output, "feeds/**/*.*")
    rewritten = [path for path in feeds_after if feeds_after[path] != feeds_before[path]]
    assert f"feeds/proiecte/{decision.stem}.atom" in rewritten
    assert len(rewritten) < len(feeds_after) / 3  # the feeds that list the decision, not every feed


def test_added_decision(site):
    added = synth.new_draft(site.content, 1)
    output = site.incremental()
    assert (output / "proiecte" / Path(added).stem / "index.html").is_file()
    assert_same(output, site.cold())


def test_a_decision_adopted_off_its_meetings_agenda(site):
    """A decision whose `meeting` names a meeting that does not list it is shown on that meeting's
    page (under „în afara ordinii de zi publicate”): adding it, or taking it away, edits no meeting
    file, and the page must still be made again."""
    voted = next(p for p in decisions(site) if "status: adopted" in p.read_text(encoding="utf-8"))
    front = voted.read_text(encoding="utf-8")
    fields = {key: re.search(rf"^{key}: (.+)$", front, re.M)[1]
              for key in ("registered", "meeting", "adopted", "majority", "vote")}
    added = voted.with_name("adoptata-in-afara-ordinii-de-zi.md")
    added.write_text("---\ntitle: privind o hotărâre adoptată în afara ordinii de zi\nstatus: adopted\n"
                     + "".join(f"{key}: {value}\n" for key, value in fields.items())
                     + "number: 999\n---\n**Art. 1.** Se aprobă.\n", encoding="utf-8")
    meeting_page = f"sedinte/{fields['meeting']}/index.html"
    output = site.incremental()
    assert f"/hotarari/{fields['adopted'][:4]}/999/" in (output / meeting_page).read_text(encoding="utf-8")
    assert_same(output, site.cold())
    added.unlink()
    output = site.incremental()
    assert "/999/" not in (output / meeting_page).read_text(encoding="utf-8")
    assert_same(output, site.cold())


def test_deleted_documents_disappear(site):
    added = site.content / synth.new_draft(site.content, 2)
    site.incremental()
    added.unlink()
    report = sorted(site.content.glob("rapoarte/*/*.md"))[0]
    report.unlink()
    output = site.incremental()
    assert not (output / "proiecte" / added.stem).exists()
    assert not (output / "rapoarte" / report.stem).exists()
    assert_same(output, site.cold())


def test_renamed_document(site):
    report = sorted(site.content.glob("rapoarte/*/*.md"))[0]
    report.rename(report.with_name("raport-redenumit.md"))
    output = site.incremental()
    assert (output / "rapoarte/raport-redenumit/index.html").is_file()
    assert not (output / "rapoarte" / report.stem).exists()
    assert_same(output, site.cold())


def test_changed_attachment(site):
    pdf = sorted(site.content.rglob("*.pdf"))[0]
    pdf.write_bytes(pdf.read_bytes() + b"%% a longer annex\n")
    assert_same(site.incremental(), site.cold())


def test_template_change(site):
    template = site.theme / "templates" / "report.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{% block content %}",
                                                                     "{% block content %}<!-- v2 -->", 1),
                        encoding="utf-8")
    output = site.incremental()
    assert "<!-- v2 -->" in next(output.glob("rapoarte/*/index.html")).read_text(encoding="utf-8")
    assert_same(output, site.cold())


def test_council_and_settings_change(site):
    council = site.content / "data" / "council.yml"
    council.write_text(council.read_text(encoding="utf-8").replace("Exemplu", "Exemplu Nou", 1), encoding="utf-8")
    siteurl = "https://transparenta.example.ro"  # this build's alone: the next test builds with SITEURL again
    output = site.incremental(siteurl)
    assert "Exemplu Nou" in (output / "index.html").read_text(encoding="utf-8")
    assert siteurl in (output / "index.html").read_text(encoding="utf-8")
    assert_same(output, site.cold(siteurl))


def test_a_corrupt_cache_is_ignored(site):
    corrupted = [part for part in (site.base / "cache").rglob("*") if part.is_file() and part.name != ".version"]
    assert any(part.parent.name.startswith("bodies-") for part in corrupted)  # stored bodies too
    for part in corrupted:
        part.write_bytes(b"not a pickle")
    synth.edit_body(site.content, decisions(site)[0].relative_to(site.content).as_posix(), 2)
    assert_same(site.incremental(), site.cold())


def test_a_build_stopped_before_its_map_was_saved(site):
    """The search index's cache is saved before the map: a build stopped in between leaves a cache
    newer than the map. Here the map is put back as it was before an edit that the search index
    took in, and the edit undone: the index must not keep the edited title (the map, older than
    the cache, cannot say what changed since the cache was made)."""
    site.incremental()
    cache = site.base / "cache"
    def every_part():  # files, and journals' folders of files (build/journal.py), but the search index's
        return [path for path in cache.rglob("*") if path.is_file()
                and not path.relative_to(cache).parts[0].startswith("search-")]

    kept = {part: part.read_bytes() for part in every_part()}
    decision = next(p for p in decisions(site) if "status: adopted" in p.read_text(encoding="utf-8"))
    text = decision.read_text(encoding="utf-8")
    decision.write_text(text.replace("title: \"", "title: \"Oprită înainte de hartă ", 1), encoding="utf-8")
    site.incremental()
    for part in every_part():  # the map (and every other part) as before the edit
        if part not in kept:
            part.unlink()
    for part, data in kept.items():
        part.write_bytes(data)
    decision.write_text(text, encoding="utf-8")
    os.utime(decision, (1, 1))  # not the time of the edited file: read again for its bytes
    assert_same(site.incremental(), site.cold())
