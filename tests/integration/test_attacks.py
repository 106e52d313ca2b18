"""Every attack in tests/fixtures/attacks/<name>/attack.yml, built for real.

An attack is a content tree (a base fixture with the attack's files laid
over it, and symlinks made as `links:` says) built by the real command line
into an output folder that sits inside a canary tree. Each attack must end
as its attack.yml says (exit status, messages naming file and line), and
whatever it does:

- no traceback reaches staff;
- nothing outside the output folder changes (the canary tree, which holds an
  index.html three levels above the output, is compared byte for byte);
- no published page holds script, an event handler or a javascript: URL;
- nothing it names under `absent:`, no text of the secret files outside the
  content folder and no line of /etc/passwd appears in any output file or
  file name.

The keys of attack.yml are documented in tests/fixtures/attacks/README.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from support import sitechecks, trees

ATTACKS = trees.FIXTURES / "attacks"
SECRET = "SECRET-OUTSIDE-CONTENT"
KEYS = {"about", "base", "remove", "links", "command", "env", "exit", "messages", "absent"}


@dataclass(frozen=True)
class Attack:
    name: str
    folder: Path
    about: str
    base: str = "minimal"
    remove: tuple[str, ...] = ()
    links: dict[str, str] = field(default_factory=dict)
    command: str = "build"
    env: dict[str, str] = field(default_factory=dict)
    exit: int = 1
    messages: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


def load_attacks() -> list[Attack]:
    attacks = []
    for spec in sorted(ATTACKS.glob("*/attack.yml")):
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        unknown = set(data) - KEYS
        assert not unknown, f"{spec}: unknown keys {sorted(unknown)}; known: {sorted(KEYS)}"
        assert data.get("about"), f"{spec}: say what the attack tries under `about:`"
        attacks.append(Attack(
            name=spec.parent.name, folder=spec.parent, about=data["about"], base=data.get("base", "minimal"),
            remove=tuple(data.get("remove", ())), links=dict(data.get("links") or {}),
            command=data.get("command", "build"), env={k: str(v) for k, v in (data.get("env") or {}).items()},
            exit=int(data.get("exit", 1)), messages=tuple(data.get("messages", ())),
            absent=tuple(str(a) for a in data.get("absent", ()))))
    return attacks


@dataclass(frozen=True)
class Scene:
    """The folders around one attack's build."""
    root: Path      # the test's tmp folder: everything here but `output` and `cache` is watched
    content: Path
    outside: Path   # secrets a symlink may point at
    output: Path    # three levels below `root`
    cache: Path


def stage(attack: Attack, root: Path) -> Scene:
    scene = Scene(root=root, content=root / "content", outside=root / "outside",
                  output=root / "www" / "site" / "public" / "output", cache=root / "cache")
    if attack.base == "none":
        scene.content.mkdir()
    else:
        trees.copy_fixture(attack.base, scene.content)
    for relative in attack.remove:
        (scene.content / relative).unlink()
    overlay = attack.folder / "content"
    if overlay.is_dir():
        shutil.copytree(overlay, scene.content, dirs_exist_ok=True)
    scene.outside.mkdir()
    (scene.outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (scene.outside / "secret.md").write_text(f"---\ntitle: Secret\n---\n{SECRET}\n", encoding="utf-8")
    for relative, target in attack.links.items():
        link = scene.content / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.format(outside=scene.outside, content=scene.content), link)
    # The canary: files an escaping write or delete would hit, at every level above the output.
    for level in (root, root / "www", root / "www" / "site", root / "www" / "site" / "public"):
        level.mkdir(parents=True, exist_ok=True)
        (level / "index.html").write_text(f"canary {level.name}\n", encoding="utf-8")
        (level / "feeds").mkdir(exist_ok=True)
        (level / "feeds" / "toate.rss").write_text("canary feed\n", encoding="utf-8")
    return scene


def snapshot(root: Path, skip: set[Path]) -> dict[str, bytes | str]:
    """Every file and link under `root` but the skipped folders, with its bytes (or link target)."""
    seen: dict[str, bytes | str] = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in skip and not (here / d).is_symlink()]
        for name in files + [d for d in os.listdir(here) if (here / d).is_symlink()]:
            path = here / name
            key = str(path.relative_to(root))
            seen[key] = f"-> {os.readlink(path)}" if path.is_symlink() else path.read_bytes()
        seen[str(here.relative_to(root)) + "/"] = "folder"
    return seen


def run(attack: Attack, scene: Scene) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25, "PYTHONPATH": str(trees.ROOT / "plugins"),
           **attack.env}
    if attack.command == "check":
        cmd = [sys.executable, "-m", "transparency", "check", str(scene.content), "--cache", str(scene.cache)]
    else:
        cmd = [sys.executable, "-m", "transparency", "build", "--settings", str(trees.ROOT / "pelicanconf.py"),
               "--content", str(scene.content), "--output", str(scene.output),
               "--siteurl", "https://example.test", "--cache", str(scene.cache)]
        if attack.command == "publish":
            cmd.append("--strict")
    return subprocess.run(cmd, cwd=trees.ROOT, env=env, capture_output=True, text=True, timeout=600)


def leaks(output: Path, forbidden: list[str]) -> list[str]:
    found = []
    for path in sorted(output.rglob("*")):
        relative = str(path.relative_to(output))
        found += [f"{relative}: in the file name: {text!r}" for text in forbidden if text in relative]
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            found += [f"{relative}: {text!r}" for text in forbidden if text.encode("utf-8") in data]
    return found


def passwd_lines() -> list[str]:
    passwd = Path("/etc/passwd")
    return [line for line in passwd.read_text().splitlines()[:1] if line] if passwd.exists() else []


ALL = load_attacks()


@pytest.mark.parametrize("attack", ALL, ids=[a.name for a in ALL])
def test_attack_is_refused_or_neutralised(attack: Attack, tmp_path):
    scene = stage(attack, tmp_path)
    before = snapshot(scene.root, {scene.output, scene.cache})
    result = run(attack, scene)
    said = result.stdout + result.stderr
    assert "Traceback" not in said, f"{attack.about}\n{said}"
    assert result.returncode == attack.exit, f"{attack.about}: exit {result.returncode}\n{said}"
    missing = [pattern for pattern in attack.messages if not re.search(pattern, result.stderr, re.M)]
    assert not missing, f"{attack.about}: messages not found: {missing}\n{result.stderr}"
    after = snapshot(scene.root, {scene.output, scene.cache})
    changed = sorted(set(before) ^ set(after) | {k for k in before if k in after and before[k] != after[k]})
    assert not changed, f"{attack.about}: changed outside the output folder: {changed}"
    if scene.output.exists():
        assert sitechecks.unsafe_markup(scene.output) == [], attack.about
        assert not leaks(scene.output, [SECRET, *passwd_lines(), *attack.absent]), attack.about


def test_every_attack_folder_is_run():
    folders = {p.name for p in ATTACKS.iterdir() if p.is_dir()} - {"markup"}  # markup: tests/site/test_safety.py
    assert folders == {a.name for a in ALL}, "a folder under tests/fixtures/attacks has no attack.yml"
