"""The benchmark runs end to end on small synthetic councils of both shapes, which the validator accepts."""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import pypdf
import pytest

from bench import gitlog, report, suite, synth
from support import trees
from transparency.source import bodies, pipeline

pytestmark = pytest.mark.slow

STEPS = {"cold build", "rebuild, nothing changed", "rebuild, one decision edited",
         "rebuild, one decision's title edited", "rebuild, one decision's status changed",
         "rebuild, one decision added", "check (make check)"}


def test_synthetic_council_validates_cleanly_and_is_deterministic(tmp_path):
    first = synth.generate(tmp_path / "a", 120)
    synth.generate(tmp_path / "b", 120)
    checked = pipeline.check(first.root)
    assert [str(p) for p in checked.problems.errors + checked.problems.warnings] == []
    a = checked.archive
    assert len(a.decisions) + len(a.reports) + len(a.meetings) + len(a.pages) == 120
    assert a.council.seats == 37 and len(a.council.members) == 37 and len(a.council.committees) == 8
    assert 1.1 < len(a.reports) / len(a.decisions) < 1.5
    files = sorted(p.relative_to(first.root) for p in first.root.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((first.root / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    text = "".join((first.root / f).read_text(encoding="utf-8") for f in files if f.suffix == ".md")
    assert "ș" in text and "ş" in text  # both diacritic forms
    assert any(d.status == "adopted" for d in a.decisions.values())
    assert any(d.status == "draft" for d in a.decisions.values())
    assert any(d.votes for d in a.decisions.values())
    assert checked.relations.amended_by
    assert a.attachments


def test_long_history_council_has_its_proportions_chains_and_real_pdfs(tmp_path):
    synthetic = synth.generate(tmp_path / "content", 300, shape="long-history")
    checked = pipeline.check(synthetic.root)
    assert [str(p) for p in checked.problems.errors + checked.problems.warnings] == []  # a circle of amendments would be an error here
    a, rel = checked.archive, checked.relations
    assert (len(a.decisions), len(a.reports), len(a.meetings)) == (208, 60, 30)
    starts = sorted(m.start.date() for m in a.meetings.values())
    assert (starts[-1] - starts[0]).days > 19 * 365
    assert len(rel.amends) > 0.2 * len(a.decisions) and rel.repeals
    # A chain: a decision amended by one that is itself amended.
    assert any(amender in rel.amended_by for amenders in rel.amended_by.values() for amender in amenders)
    pdfs = sorted(synthetic.root.rglob("*.pdf"))
    assert len(pdfs) == synthetic.counts["attachments"] > 0.08 * 300
    texts = [pypdf.PdfReader(path, strict=True).pages[0].extract_text() for path in pdfs]
    assert all(text.startswith(("Anexa 1 la proiectul", "Proces-verbal al sedintei")) for text in texts)
    assert len(set(texts)) == len(texts)  # each file its own text, so each one is read


def test_git_history_ends_at_the_generated_tree_and_edits_some_documents(tmp_path):
    synthetic = synth.generate(tmp_path / "content", 40)
    files = {p.relative_to(synthetic.root).as_posix(): p.read_bytes()
             for p in synthetic.root.rglob("*") if p.is_file()}
    assert gitlog.make(synthetic.root, 90) == 90
    git = lambda *words: subprocess.run(["git", *words], cwd=synthetic.root, capture_output=True,  # noqa: E731
                                        check=True).stdout
    assert int(git("rev-list", "--count", "HEAD")) == 90
    assert git("status", "--porcelain") == b""  # the last commit's tree is the content folder
    committed = set(git("ls-tree", "-r", "--name-only", "HEAD").decode().splitlines())
    assert committed == set(files)
    documents = [f for f in files if f.endswith(".md")]
    # Each document created once, then edits (90 - 1 - documents of them), some of the same document.
    created = git("log", "--diff-filter=A", "--name-only", "--format=").decode().split()
    assert sorted(created) == sorted(files)
    touched = git("log", "--diff-filter=M", "--name-only", "--format=").decode().split()
    assert len(touched) == 90 - 1 - len(documents) and len(set(touched)) < len(touched)
    old = git("show", f"HEAD~{len(touched)}:{touched[-1]}")
    assert old.startswith(files[touched[-1]]) and b"Versiune de lucru" in old
    synth.edit_body(synthetic.root, synthetic.edit_target, 1)
    gitlog.commit_file(synthetic.root, synthetic.edit_target, "Corectură")
    assert git("show", "--name-only", "--format=", "HEAD").decode().split() == [synthetic.edit_target]


def test_history_cost_is_each_step_with_history_against_the_same_without():
    def series(name, seconds, memory):
        from bench.measure import Run, Series
        return Series(name, [Run(seconds, memory, memory, 0)])

    steps = [("cold build, with history", 19.0, 300), ("rebuild, one new commit", 1.6, 200),
             ("cold build, no repository", 10.0, 250), ("rebuild, one decision edited, no repository", 1.0, 190)]
    found = report.history_json({"commits": 20, "series": [series(*step) for step in steps]})
    assert [(c["step"], c["added_s"], c["ratio"], c["met"], c["pairs"]) for c in found["cost"]] == [
        ("cold build", 9.0, 1.9, True, 1), ("rebuild after one new commit", 0.6, 1.6, False, 1)]
    assert found["memory"] == {"peak_with_history_mb": 300, "peak_without_mb": 250, "ratio": 1.2,
                               "budget_mb": 450, "met": True}


def test_default_shape_keeps_its_dates_from_1991_at_any_size():
    _, meetings, _, _ = synth.split_counts(10_000)
    assert meetings == 139  # the shape of earlier runs, unchanged
    _, meetings, decisions, _ = synth.split_counts(50_000)
    assert synth.meeting_starts(meetings)[0].date() >= dt.date(1991, 1, 1)
    assert decisions / meetings > 40  # more decisions per meeting instead of earlier years


def test_rebuild_steps_keep_the_council_valid(tmp_path):
    synthetic = synth.generate(tmp_path / "content", 60)
    synth.edit_body(synthetic.root, synthetic.edit_target, 1)
    synth.edit_title(synthetic.root, synthetic.edit_target, 1)
    synth.edit_title(synthetic.root, synthetic.edit_target, 2)
    synth.withdraw(synthetic.root, synthetic.drafts[0], 0)
    added = synth.new_draft(synthetic.root, 1)
    checked = pipeline.check(synthetic.root)
    assert checked.problems.errors + checked.problems.warnings == []
    edited = checked.archive.decisions[synthetic.edit_target.rsplit("/", 1)[1][:-3]]
    assert "Corectură materială nr. 1." in bodies.read_body(synthetic.root, edited)
    assert edited.title.endswith("(rectificat 2)") and "rectificat 1" not in edited.title
    assert added.rsplit("/", 1)[1][:-3] in checked.archive.decisions
    withdrawn = checked.archive.decisions[synthetic.drafts[0].rsplit("/", 1)[1][:-3]]
    assert withdrawn.status == "withdrawn" and [e.event for e in withdrawn.events] == ["withdrawn"]


def test_scaling_reports_each_ratio_large_over_small():
    def run(documents, seconds, memory, pelican):
        steps = {name: {"seconds": seconds, "max_rss_mb": memory, "tree_pss_mb": memory} for name in STEPS}
        return {"documents": documents, "ours": steps, "peak_tree_pss_mb": memory,
                "baseline": {report.PELICAN_COLD: {"seconds": pelican}}, "ours_output": {"bytes": documents}}

    growth = report.scaling(run(10, 2.0, 100, 4.0), run(50, 9.0, 250, 20.0))
    assert (growth["from"], growth["to"], growth["documents"]) == (10, 50, 5.0)
    assert growth["ratios"]["cold build"] == 4.5 and growth["ratios"]["plain Pelican, cold"] == 5.0
    assert growth["ratios"]["peak memory, whole process tree"] == 2.5


def test_benchmark_runs_both_shapes_and_writes_every_figure(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(trees.ROOT / "plugins")}
    result = subprocess.run([sys.executable, "-m", "bench", "--documents", "40", "--long-history", "40",
                             "--repeat", "1", "--results", str(tmp_path / "results"),
                             "--workdir", str(tmp_path / "work")],
                            cwd=trees.ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "× Pelican cold" in result.stdout and "shape long-history" in result.stdout
    assert "history (git, 80 commits)" in result.stdout
    [path] = (tmp_path / "results").glob("bench-40-*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data["runs"]) == {"default-40", "long-history-40"}
    for label, run in data["runs"].items():
        assert set(run["ours"]) == STEPS | set(suite.WARM_STEPS)
        warm = [run["ours"][name] for name in suite.WARM_STEPS]
        assert all(figures["seconds"] > 0 and figures["tree_pss_mb"] > 10 for figures in warm)
        assert set(run["baseline"]) == {"plain Pelican, cold", "plain Pelican, one file edited (reader cache)"}
        for figures in [*run["ours"].values(), *run["baseline"].values()]:
            assert figures["seconds"] > 0 and len(figures["runs"]) == 1
        assert run["ours"]["cold build"]["max_rss_mb"] > 10
        assert [t["target"] for t in run["targets"]] == [t.label for t in report.TARGETS]
        assert all(isinstance(t["met"], bool) for t in run["targets"])
        assert run["ours_output"]["files"] > 40 and run["baseline_output"]["files"] > 30
        assert run["counts"]["commits"] == 80
        assert set(run["history"]["steps"]) == set(suite.HISTORY_STEPS)
        assert [(c["step"], c["pairs"]) for c in run["history"]["cost"]] == [
            ("cold build", 1), ("rebuild after one new commit", suite.COMMIT_PAIRS)]
        assert len(run["history"]["steps"]["rebuild, one decision edited, no repository"]["runs"]) == suite.COMMIT_PAIRS
        assert all(c["with_history_s"] > 0 and c["without_s"] > 0 for c in run["history"]["cost"])
        assert (tmp_path / "work" / label / "content/.git").is_dir()  # put back after the steps without it
        assert (tmp_path / "work" / label / "output/index.html").is_file()
        assert (tmp_path / "work" / label / "plain/output/index.html").is_file()
    assert data["runs"]["long-history-40"]["counts"]["attachments"] > 0


def test_only_the_runs_made_for_memory_sample_the_process_tree():
    """Sampling /proc/PID/smaps_rollup stalls the process sampled (bench/measure.py): timed runs are not sampled."""
    from bench import measure
    command = [sys.executable, "-c", "import time; data = bytearray(60 << 20); time.sleep(0.5)"]
    timed = measure.run(command)
    with measure.sampled():
        sampled = measure.run(command)
    assert timed.returncode == sampled.returncode == 0
    assert timed.tree_pss_mb == 0 and sampled.tree_pss_mb > 50
    series = measure.Series("x", [timed], [sampled])
    assert series.seconds == timed.seconds and series.tree_pss_mb == sampled.tree_pss_mb


def test_timed_builds_run_with_bytecode_caches_as_python_does_by_default(monkeypatch):
    from bench import measure

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = measure.timed_env(SOURCE_DATE_EPOCH="1")
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["SOURCE_DATE_EPOCH"] == "1"
    assert env["PATH"] == os.environ["PATH"]


def test_history_builds_alternate_with_and_without_the_repository(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from bench import measure

    content = tmp_path / "content"
    (content / ".git").mkdir(parents=True)
    builds = []

    def build():
        builds.append(("git" if (content / ".git").is_dir() else "aside") + (" sampled" if measure.SAMPLING.get() else ""))
        return measure.Run(1.0 + len(builds), 100.0, 100.0, 0)

    work = SimpleNamespace(root=tmp_path, content=content, clean=lambda: builds.append("clean"), build=build,
                           synthetic=SimpleNamespace(edit_target="x.md", counts={"commits": 5}))
    monkeypatch.setattr(suite.synth, "edit_body", lambda *args: None)
    monkeypatch.setattr(suite.gitlog, "commit_file", lambda *args: None)

    def twin_of(_work):
        builds.append("twin built")
        return SimpleNamespace(content=tmp_path / "twin", build=lambda: builds.append(
            "twin" + (" sampled" if measure.SAMPLING.get() else "")) or measure.Run(1.0, 100.0, 100.0, 0))

    result = suite.history(work, 2, twin_of=twin_of)
    assert builds == ["clean", "aside", "clean", "git", "clean", "aside", "clean", "git",  # cold, alternating
                      "clean", "aside sampled", "clean", "git sampled",  # then each once for its memory
                      "twin built",  # untimed: the same tree without its history, its own output and cache
                      # one new commit, one edit without history: COMMIT_PAIRS (5) pairs at least, each
                      # in the other order than the one before
                      "git", "twin", "twin", "git", "git", "twin", "twin", "git", "git", "twin",
                      "twin sampled", "git sampled"]
    assert [s.name for s in result["series"]] == [suite.HISTORY_STEPS[i] for i in (0, 1, 2, 3)]
    assert [len(s.runs) for s in result["series"]] == [2, 5, 2, 5]
    assert [len(s.memory) for s in result["series"]] == [1, 1, 1, 1]
    assert (content / ".git").is_dir()


def test_cleared_folders_wait_in_the_trash_and_each_emptying_waits_out_the_kernels_window(tmp_path):
    """bench/trash.py: a cold build right after deleting the last one's files pays the kernel's scan past
    recently freed inodes; so folders are moved aside, and deleted only with a wait before the next timing."""
    from bench import trash

    slept = []
    bin_ = trash.Trash(tmp_path / "trash", limit=2500, sleep=slept.append)

    def folder(name, size):
        (tmp_path / name).mkdir()
        (tmp_path / name / "page.html").write_bytes(b"x" * size)
        return tmp_path / name

    bin_.discard(folder("output", 1000))
    bin_.discard(tmp_path / "missing")
    assert not (tmp_path / "output").exists() and bin_.held == 1000 and slept == []
    assert [p.name for p in (tmp_path / "trash").iterdir()] == ["1-output"]
    bin_.discard(folder("output", 1000))
    assert sorted(p.name for p in (tmp_path / "trash").iterdir()) == ["1-output", "2-output"] and slept == []
    bin_.discard(folder("cache", 1000))  # 3,000 bytes held: over the limit, emptied, then the wait
    assert not (tmp_path / "trash").exists() and bin_.held == 0 and slept == [trash.SETTLE_SECONDS]
    bin_.discard(folder("output", 10))
    bin_.empty(settle=False)  # at the end of a run: nothing is timed after it
    assert not (tmp_path / "trash").exists() and slept == [trash.SETTLE_SECONDS]
    trash.removed(tmp_path / "trash", slept.append)  # nothing to remove: no wait
    folder("last-run", 10)
    trash.removed(tmp_path / "last-run", slept.append, settle=False)  # the last run's workspace: nothing after it
    assert slept == [trash.SETTLE_SECONDS] and not (tmp_path / "last-run").exists()
    by_default = trash.Trash(tmp_path / "trash", sleep=slept.append)
    by_default.discard(folder("kept", 10))  # half the free space: a whole run's cold outputs, not one
    assert 0 < by_default.limit <= shutil.disk_usage(tmp_path).free and by_default.held == 10


def test_documents_zero_runs_the_long_history_council_alone():
    from bench.__main__ import arguments, plan

    assert plan(arguments(["--documents", "0", "--long-history", "40"])) == [("long-history-40", "long-history", 40)]
    assert [label for label, _, _ in plan(arguments(["--documents", "40", "--long-history", "40"]))] == [
        "default-40", "long-history-40"]
    for wrong in (["--long-history", "0"], ["--scale", "80"], ["--history-only"]):
        with pytest.raises(SystemExit):
            arguments(["--documents", "0", *wrong])
