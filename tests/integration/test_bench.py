"""The benchmark runs end to end on a small synthetic council, which the validator accepts."""

import json
import os
import subprocess
import sys

import pytest

from bench import synth
from support import trees
from transparency.source import bodies, pipeline

pytestmark = pytest.mark.slow


def test_synthetic_council_validates_cleanly_and_is_deterministic(tmp_path):
    first = synth.generate(tmp_path / "a", 120)
    synth.generate(tmp_path / "b", 120)
    checked = pipeline.check(first.root)
    assert [str(p) for p in checked.problems.items] == []
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


def test_rebuild_steps_keep_the_council_valid(tmp_path):
    synthetic = synth.generate(tmp_path / "content", 60)
    synth.edit_body(synthetic.root, synthetic.edit_target, 1)
    synth.edit_title(synthetic.root, synthetic.edit_target, 1)
    synth.edit_title(synthetic.root, synthetic.edit_target, 2)
    added = synth.new_draft(synthetic.root, 1)
    checked = pipeline.check(synthetic.root)
    assert checked.problems.items == []
    edited = checked.archive.decisions[synthetic.edit_target.rsplit("/", 1)[1][:-3]]
    assert "Corectură materială nr. 1." in bodies.read_body(synthetic.root, edited)
    assert edited.title.endswith("(rectificat 2)") and "rectificat 1" not in edited.title
    assert added.rsplit("/", 1)[1][:-3] in checked.archive.decisions


def test_benchmark_runs_and_writes_every_figure(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(trees.ROOT / "plugins")}
    result = subprocess.run([sys.executable, "-m", "bench", "--documents", "60", "--repeat", "1",
                             "--results", str(tmp_path / "results"), "--workdir", str(tmp_path / "work")],
                            cwd=trees.ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "× Pelican cold" in result.stdout
    [path] = (tmp_path / "results").glob("bench-60-*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data["ours"]) == {"cold build", "rebuild, nothing changed", "rebuild, one decision edited",
                                 "rebuild, one decision's title edited", "rebuild, one decision added",
                                 "check (make check)"}
    assert set(data["baseline"]) == {"plain Pelican, cold", "plain Pelican, one file edited (reader cache)"}
    for figures in [*data["ours"].values(), *data["baseline"].values()]:
        assert figures["seconds"] > 0 and len(figures["runs"]) == 1
    assert data["ours"]["cold build"]["max_rss_mb"] > 10
    assert data["ours_output"]["files"] > 60 and data["baseline_output"]["files"] > 50
    assert (tmp_path / "work/output/index.html").is_file()
    assert (tmp_path / "work/plain/output/index.html").is_file()
