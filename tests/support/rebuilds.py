"""One council built two ways, to compare an incremental build with a cold one (tests only).

A `Workspace` owns a content folder, a copy of the theme, a settings file that
imports pelicanconf.py, and the incremental build's output and private cache.
`incremental()` builds into that same output with that same cache, as a
developer's rebuild does; `cold()` builds the same inputs into an empty
folder with an empty cache. Both run the real command (`python -m
transparency build`), each in its own process, side by side.
"""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from support import sitechecks, trees

SETTINGS = '''\
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F401,F403 - the project's settings, then the workspace's own
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
'''


@dataclass
class BuildInputs:
    """What a build is told besides the content: settings (name → value, written into the
    settings file after pelicanconf's), the site address and the build day."""

    settings: dict = field(default_factory=dict)
    siteurl: str = "https://example.test"
    epoch: str = trees.EPOCH_2025_11_25


class Workspace:
    def __init__(self, base: Path):
        self.base = Path(base)
        self.content = self.base / "content"
        self.theme = self.base / "theme"
        self.output = self.base / "incremental" / "output"
        self.cache = self.base / "incremental" / "cache"
        self.settings_file = self.base / "settings.py"
        self.inputs = BuildInputs()
        self.content.mkdir(parents=True)
        shutil.copytree(trees.ROOT / "theme", self.theme)
        self.cold_builds = 0

    def write_settings(self) -> None:
        text = SETTINGS.format(root=str(trees.ROOT), theme=str(self.theme), plugins=str(trees.ROOT / "plugins"))
        text += "".join(f"{name} = {value!r}\n" for name, value in sorted(self.inputs.settings.items()))
        if not self.settings_file.is_file() or self.settings_file.read_text(encoding="utf-8") != text:
            self.settings_file.write_text(text, encoding="utf-8")

    def build(self, output: Path, cache: Path) -> subprocess.CompletedProcess:
        self.write_settings()
        return trees.build(self.content, output, epoch=self.inputs.epoch, siteurl=self.inputs.siteurl,
                           settings=str(self.settings_file), cache=cache)

    def incremental(self) -> subprocess.CompletedProcess:
        return self.build(self.output, self.cache)

    def cold_folder(self) -> Path:
        return self.base / f"cold-{self.cold_builds}"

    def cold(self) -> subprocess.CompletedProcess:
        """A build into an empty folder with an empty cache (the previous cold build is removed)."""
        shutil.rmtree(self.cold_folder(), ignore_errors=True)
        self.cold_builds += 1
        folder = self.cold_folder()
        return self.build(folder / "output", folder / "cache")

    def both(self) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
        """(incremental, cold) builds of the current inputs, run side by side."""
        self.write_settings()  # once, before the two processes read it
        with ThreadPoolExecutor(max_workers=2) as pool:
            incremental, cold = pool.submit(self.incremental), pool.submit(self.cold)
            return incremental.result(), cold.result()

    def snapshot(self) -> Path:
        """A copy of the incremental output as it is now (to tell later whether it changed)."""
        copy = self.base / "snapshot"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(self.output, copy, symlinks=True)
        return copy


def folders(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in Path(root).rglob("*") if path.is_dir()}


def differences(first: Path, second: Path) -> list[str]:
    """Every file whose presence or bytes differ between two output trees, and every folder
    found in one only (an empty folder left behind is a difference too)."""
    problems = sitechecks.tree_differences(first, second)
    one, two = folders(first), folders(second)
    problems += [f"{name}/: folder only in the first tree" for name in sorted(one - two)]
    problems += [f"{name}/: folder only in the second tree" for name in sorted(two - one)]
    return problems
