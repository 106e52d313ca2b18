"""The builds of `serve` run in children of a process kept warm (adapters/warm.py), given the
values of the build cache it read: after each kind of edit they give exactly the bytes of a cold
build of the same content (its own empty output and cache, in a process of its own), and a warm
process that died is started again by the next build."""

import os
import signal
import time
from pathlib import Path

import pytest

from bench import synth
from support import trees
from transparency.adapters.staff import Builder

pytestmark = pytest.mark.slow


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_warm_builds_give_the_bytes_of_cold_builds(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", synth.EPOCH)
    monkeypatch.setenv("PYTHONPATH", str(trees.ROOT / "plugins"))
    monkeypatch.chdir(trees.ROOT)
    content, output = tmp_path / "content", tmp_path / "output"
    generated = synth.generate(content, 60)
    builder = Builder(["--settings", str(trees.ROOT / "pelicanconf.py"), "--content", str(content), "--output",
                       str(output), "--siteurl", "https://example.test", "--cache", str(tmp_path / "cache")])
    edits = [lambda: None,
             lambda: synth.edit_body(content, generated.edit_target, 0),
             lambda: synth.edit_title(content, generated.edit_target, 1),
             lambda: synth.withdraw(content, generated.drafts[0], 2),
             lambda: synth.new_draft(content, 3)]
    try:
        for step, edit in enumerate(edits):
            edit()
            if step == 3:  # the warm process dies between two builds: the next one starts another
                os.killpg(builder.child.pid, signal.SIGKILL)
                builder.child.wait(30)
            time.sleep(0.05)
            assert builder.run() == 0, capsys.readouterr().out
            assert builder.ready() and builder.ready()  # the files this build wrote read again; said once
            cold = tmp_path / f"cold-{step}"
            result = trees.build(content, cold / "output", epoch=synth.EPOCH, cache=cold / "cache")
            assert result.returncode == 0, result.stderr
            warm, fresh = files(output), files(cold / "output")
            assert sorted(warm) == sorted(fresh), f"step {step}"
            assert [path for path in warm if warm[path] != fresh[path]] == [], f"step {step}"
    finally:
        builder.stop()
    assert "Traceback" not in capsys.readouterr().out
