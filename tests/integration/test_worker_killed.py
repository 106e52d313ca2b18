"""A worker process killed in the middle of `check` or `build` (as the system's
out-of-memory killer does) ends the command with one message naming the
signal and exit status 1: no traceback, no bare `EOFError: Ran out of input`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support import trees

ENV = {**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25, "PYTHONPATH": str(trees.ROOT / "plugins")}

# Runs the command line with every worker process killing itself as it starts its share.
KILLED_WORKERS = """
import os, signal, sys
from transparency.adapters import cli
from transparency.build import workers

real_map_slices = workers.map_slices

def map_slices(function, jobs, count, **options):
    parent = os.getpid()

    def killed_in_a_worker(part):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return function(part)

    return real_map_slices(killed_in_a_worker, jobs, count, **options)

workers.map_slices = map_slices
workers.count = lambda setting: 2  # two processes even on a one-core machine
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_killed_worker_stops_the_command_with_one_message(tmp_path, command):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    for number in range(2 * 40):  # enough documents to be read by two processes
        trees.write(content, f"pages/pagina-{number}.md", f"---\ntitle: Pagina {number}\n---\nText.\n")
    if command == "check":
        args = ["check", str(content), "--cache", str(tmp_path / "cache")]
    else:
        args = ["build", "--settings", str(trees.ROOT / "pelicanconf.py"), "--content", str(content),
                "--output", str(tmp_path / "output"), "--siteurl", "https://example.test",
                "--cache", str(tmp_path / "cache")]
    stopped_with_one_message(KILLED_WORKERS, args)


def stopped_with_one_message(script: str, args: list[str]) -> None:
    """Run the command line through `script`: it must stop with exit status 1 and one message
    naming the killed process's signal."""
    result = subprocess.run([sys.executable, "-c", script, *args], cwd=trees.ROOT, env=ENV,
                            capture_output=True, text=True, timeout=600)
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "Traceback" not in said and "EOFError" not in said, said
    assert "Construirea a fost oprită: procesul de lucru" in result.stderr, said
    assert "a fost oprit de semnalul SIGKILL" in result.stderr, said


# The same, with the child process that assembles the search index killed as it starts.
KILLED_SEARCH = """
import os, signal, sys
from transparency.adapters import cli
from transparency.build import workers
from transparency.search import search_site

parent, real_assembled = os.getpid(), search_site.assembled

def assembled(cache, found):
    if os.getpid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_assembled(cache, found)

search_site.assembled = assembled
workers.count = lambda setting: 2
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_killed_search_assembly_stops_the_build_with_one_message_and_leaves_the_site(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    output = tmp_path / "output"
    args = ["build", "--settings", str(trees.ROOT / "pelicanconf.py"), "--content", str(content),
            "--output", str(output), "--siteurl", "https://example.test", "--cache", str(tmp_path / "cache")]
    assert subprocess.run([sys.executable, "-m", "transparency", *args], cwd=trees.ROOT, env=ENV,
                          capture_output=True, timeout=600).returncode == 0
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    trees.write(content, "pages/noua.md", "---\ntitle: Pagina nouă\n---\nText nou pentru căutare.\n")
    stopped_with_one_message(KILLED_SEARCH, args)
    index = [path for path in before if "cautare/index/" in path.as_posix()]
    assert index and all(path.read_bytes() == before[path] for path in index)  # the last index, whole
