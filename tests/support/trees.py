"""Helpers to write small content trees and build them (tests only)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
# 2025-11-25 12:00 in Bucharest: the build day of every fixture test.
EPOCH_2025_11_25 = "1764064800"
# 2026-11-25 12:00 in Bucharest: the build day of the sample-site tests.
EPOCH_2026_11_25 = "1795600800"


def copy_fixture(name: str, target: Path) -> Path:
    shutil.copytree(FIXTURES / name, target)
    return target


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def build(content: Path, output: Path, *, epoch: str = EPOCH_2025_11_25, strict: bool = False,
          siteurl: str = "https://example.test", settings: str = "pelicanconf.py", cache: Path | None = None,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m transparency build`; `cache` is the build cache folder (default: one of its own
    beside the output folder: a test never reads or writes the developer's .cache/)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONPATH": str(ROOT / "plugins"), **(env or {})}
    cmd = [sys.executable, "-m", "transparency", "build", "--settings", str(ROOT / settings),
           "--content", str(content), "--output", str(output), "--siteurl", siteurl]
    if strict:
        cmd.append("--strict")
    cmd += ["--cache", str(cache or output.with_name(output.name + ".cache"))]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def check_with(tmp_path: Path, files: dict[str, str], fixture: str = "minimal"):
    """Copy a fixture, overwrite/add `files`, run the domain check; return Checked."""
    from transparency.source import pipeline

    root = copy_fixture(fixture, tmp_path / "content")
    for relative, text in files.items():
        write(root, relative, text)
    return pipeline.check(root)


def found(checked, field: str):
    """The problems reported for `field`, as (path, line, severity, message) tuples."""
    return [(p.path.split("content/", 1)[-1], p.line, p.severity, p.message)
            for p in checked.problems.items if p.field == field]


SVG_ATTACK = FIXTURES / "attacks" / "svg-script" / "content"


def download_only_svg_council(tmp_path: Path) -> tuple[Path, Path]:
    """The minimal fixture with tests/fixtures/attacks/svg-script's SVG attached, and settings in which
    the council allows SVG as a download only (TRANSPARENCY["download_only_types"], docs/hosting.md):
    (the content folder, the settings file)."""
    content = copy_fixture("minimal", tmp_path / "content")
    shutil.copytree(SVG_ATTACK, content, dirs_exist_ok=True)
    conf = tmp_path / "conf.py"
    conf.write_text(f"from pelicanconf import *\nTHEME = {str(ROOT / 'theme')!r}\n"
                    f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                    "TRANSPARENCY = {**TRANSPARENCY, 'download_only_types': ['svg']}\n", encoding="utf-8")
    return content, conf
