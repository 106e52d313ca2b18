"""Every command the staff guide shows (docs/ghid-redactare.md, the ```sh blocks) is run here as
staff would type it, on copies (a folder written `exercitiu/content` in the guide is a copy of a
fixture; the git commands run in a repository of the test's own, with its own remote), and the
local council's council.yml of section 20 is read without a problem (issue 15)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from support import trees
from transparency.domain.problems import Problems
from transparency.source import loader

pytestmark = pytest.mark.slow
ROOT = trees.ROOT
GUIDE = ROOT / "docs" / "ghid-redactare.md"
VENV_BIN = ROOT / ".venv" / "bin"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25, "PYTHONUNBUFFERED": "1",
       "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
       "GIT_AUTHOR_NAME": "Secretariat", "GIT_AUTHOR_EMAIL": "secretariat@example.ro",
       "GIT_COMMITTER_NAME": "Secretariat", "GIT_COMMITTER_EMAIL": "secretariat@example.ro"}
NEW = [
    'make new TYPE=decision TITLE="privind aprobarea regulamentului parcărilor"',
    'make new TYPE=report TITLE="Raport de specialitate privind regulamentul parcărilor"',
    'make new TYPE=meeting TITLE="Ședința ordinară din 18 decembrie 2025"',
    'make new TYPE=page TITLE="Declarații de avere"',
]
OTHER_FOLDER = ["make check CONTENT=exercitiu/content", "make serve CONTENT=exercitiu/content PORT=8001"]
CORRECTION = ["make check", "git add content/hotarari/2025/buget-2025.md",
              'git commit -m "HCJ 5/2025: corectat votul (5 pentru, nu 6), după procesul-verbal"', "git push"]
PRE_COMMIT = ["pre-commit install"]
EDITOR = ["make editor"]  # run by tests/browser/test_editor.py (Chromium), with its folders and ports
RUN_HERE = {*NEW, "make check", *OTHER_FOLDER, *CORRECTION, *PRE_COMMIT, *EDITOR}


def guide_commands() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()
            and not line.lstrip().startswith("#")]


def run(command: str, cwd: Path, **replace: str) -> subprocess.CompletedProcess:
    for old, new in replace.items():
        command = command.replace(old, new)
    return subprocess.run(shlex.split(command), cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)


def test_every_command_the_guide_shows_is_run_here():
    shown = guide_commands()
    assert shown and set(shown) <= RUN_HERE, f"commands in the guide that no test runs: {set(shown) - RUN_HERE}"


def test_make_new_as_the_guide_shows_then_make_check(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    for command in NEW:
        made = run(f"{command} CONTENT={content}", ROOT)
        assert made.returncode == 0, made.stdout + made.stderr
    made = {p.relative_to(content).as_posix() for p in content.rglob("*.md")} - \
        {p.relative_to(trees.FIXTURES / "minimal").as_posix() for p in (trees.FIXTURES / "minimal").rglob("*.md")}
    assert made == {"hotarari/2025/proiect-aprobarea-regulamentului-parcarilor.md",
                    "rapoarte/2025/raport-specialitate-regulamentul-parcarilor.md",
                    "sedinte/2025/sedinta-ordinara-18-decembrie-2025.md", "pages/declaratii-avere.md"}
    report = (content / "rapoarte/2025/raport-specialitate-regulamentul-parcarilor.md").read_text(encoding="utf-8")
    assert "decision: proiect-aprobarea-regulamentului-parcarilor\n" in report  # the draft registered last
    checked = run(f"make check CONTENT={content} CACHE={tmp_path / 'cache'}", ROOT)
    assert checked.returncode == 0 and "0 erori, 0 avertismente" in checked.stdout, checked.stdout + checked.stderr


def test_another_folder_checked_and_served(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "exercitiu" / "content")
    checked = run(OTHER_FOLDER[0] + f" CACHE={tmp_path / 'cache'}", ROOT, **{"exercitiu/content": str(content)})
    assert checked.returncode == 0 and "0 erori" in checked.stdout, checked.stdout + checked.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = OTHER_FOLDER[1].replace("exercitiu/content", str(content)).replace("PORT=8001", f"PORT={port}")
    serve = subprocess.Popen([*shlex.split(command), f"OUTPUT={tmp_path / 'output'}", f"CACHE={tmp_path / 'cache'}"],
                             cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             start_new_session=True)
    lines = []
    try:
        deadline = time.monotonic() + 180
        for line in serve.stdout:
            lines.append(line)
            if "Site-ul este la" in line or time.monotonic() > deadline:
                break
        assert any(f"http://127.0.0.1:{port}/" in line for line in lines), "".join(lines)
        assert (tmp_path / "output" / "index.html").is_file()
    finally:
        os.killpg(serve.pid, signal.SIGINT)
        serve.communicate(timeout=30)


@pytest.fixture()
def council_repository(tmp_path):
    """A council's repository as the guide assumes it: the project (linked, not copied), its own
    content/, the pre-commit file, and a remote to push to."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True, env=ENV)
    repo = tmp_path / "consiliu"
    repo.mkdir()
    for name in ("Makefile", "pyproject.toml", "plugins", "pelicanconf.py", ".venv"):
        (repo / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    trees.copy_fixture("minimal", repo / "content")
    decision = repo / "content/hotarari/2025/buget-2025.md"
    decision.write_text(decision.read_text(encoding="utf-8").replace(
        "{present: 7, for: 5, against: 1, abstain: 1}", "{present: 7, for: 6, against: 0, abstain: 1}"), encoding="utf-8")
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "."], ["git", "commit", "-q", "-m", "Început"],
                    ["git", "remote", "add", "origin", str(remote)], ["git", "push", "-q", "-u", "origin", "main"]):
        subprocess.run(command, cwd=repo, env=ENV, check=True, capture_output=True)
    return repo, remote


def test_pre_commit_refuses_a_commit_with_errors_and_a_correction_goes_through(council_repository):
    repo, remote = council_repository
    installed = run(PRE_COMMIT[0], repo)
    assert installed.returncode == 0 and (repo / ".git/hooks/pre-commit").is_file(), installed.stdout + installed.stderr

    decision = repo / "content/hotarari/2025/buget-2025.md"
    right = decision.read_text(encoding="utf-8").replace("for: 6, against: 0", "for: 5, against: 1")
    decision.write_text(right.replace("topics: [buget]", "topics: [buget"), encoding="utf-8")  # a slip
    assert run(CORRECTION[1], repo).returncode == 0
    refused = run(CORRECTION[2], repo)
    assert refused.returncode != 0 and "paranteza „[”" in refused.stdout + refused.stderr

    decision.write_text(right, encoding="utf-8")  # the correction, as section 23 says
    for command in CORRECTION:
        done = run(command, repo)
        assert done.returncode == 0, f"{command}:\n{done.stdout}{done.stderr}"
    pushed = subprocess.run(["git", "log", "-1", "--format=%s", "main"], cwd=remote, env=ENV, capture_output=True,
                            text=True, check=True).stdout.strip()
    assert pushed == "HCJ 5/2025: corectat votul (5 pentru, nu 6), după procesul-verbal"


def test_the_local_council_of_the_guide_is_read_without_a_problem(tmp_path):
    text = GUIDE.read_text(encoding="utf-8").split("## 20. ", 1)[1]
    council = re.search(r"^```yaml\n(.*?)^```", text, re.M | re.S).group(1)
    trees.write(tmp_path / "content", "data/council.yml", council)
    problems = Problems()
    read = loader.load_council(tmp_path / "content", problems)
    assert problems.items == [] and read.seats == 15 and read.name.startswith("Consiliul Local")
