"""`make serve` as staff use it (issue 15): a file saved broken prints its problem once, not in a
loop; fixing it rebuilds once; Ctrl-C stops the server and every process it started; Pelican's
"Done: Processed 0 articles" line is never shown. Run through `make`, on a copy of a fixture
(CONTENT=…), with the output and cache folders in the test's own folder."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from support import trees

pytestmark = pytest.mark.slow
QUIET = 4.0  # seconds to watch for a repeated message after a build (Pelican's loop printed ~44 a second)


class Serve:
    """`make serve` in a session of its own, its output lines collected as they come."""

    def __init__(self, content: Path, folder: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "SOURCE_DATE_EPOCH": trees.EPOCH_2025_11_25, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            ["make", "-s", "serve", f"CONTENT={content}", f"OUTPUT={folder / 'output'}",
             f"CACHE={folder / 'cache'}", f"PORT={self.port}"],
            cwd=trees.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    def wait_for(self, text: str, times: int = 1, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while self.count(text) < times:
            assert self.process.poll() is None, "\n".join(self.lines)
            assert time.monotonic() < deadline, f"no „{text}” ×{times} in:\n" + "\n".join(self.lines)
            time.sleep(0.1)


def processes_of(marker: str) -> list[str]:
    """Command lines of running processes that name `marker` (the test's own content folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in command and state != "Z":
            found.append(f"{entry.name}: {command}")
    return found


def test_a_broken_save_is_reported_once_and_ctrl_c_leaves_no_process(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    serve = Serve(content, tmp_path)
    try:
        serve.wait_for("Site-ul este la")
        with urllib.request.urlopen(f"http://127.0.0.1:{serve.port}/", timeout=10) as response:
            assert response.status == 200 and b"<html" in response.read().lower()

        decision = content / "hotarari/2025/buget-2025.md"
        decision.write_text(decision.read_text(encoding="utf-8").replace("topics: [buget]", "topics: [buget"),
                            encoding="utf-8")
        serve.wait_for("Corectați problemele")
        time.sleep(QUIET)
        problem = "buget-2025.md:7: front matter: paranteza „[” deschisă"
        assert serve.count(problem) == 1, "\n".join(serve.lines)
        assert serve.count("Reconstruiesc") == 1 and serve.count("Corectați problemele") == 1

        decision.write_text(decision.read_text(encoding="utf-8").replace("topics: [buget", "topics: [buget]"),
                            encoding="utf-8")
        serve.wait_for("Site-ul este la", times=2)
        time.sleep(QUIET)
        assert serve.count("Reconstruiesc") == 2 and serve.count(problem) == 1
    finally:
        os.killpg(serve.process.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        serve.process.wait(30)
        serve.reader.join(10)
    output = "\n".join(serve.lines)
    assert "Oprit." in output and "Traceback" not in output, output
    assert "Done: Processed" not in output and "articles" not in output, output
    assert processes_of(str(content)) == []


def test_stopping_during_a_build_stops_the_build_too(tmp_path):
    content = trees.copy_fixture("minimal", tmp_path / "content")
    serve = Serve(content, tmp_path)
    try:
        serve.wait_for("Construiesc site-ul")
        deadline = time.monotonic() + 60
        # the build under way: the warm process (adapters/warm.py) and the child it forked for the build
        while sum("transparency.adapters.warm" in p for p in processes_of(str(content))) < 2:
            assert time.monotonic() < deadline and serve.process.poll() is None, "\n".join(serve.lines)
            time.sleep(0.05)
    finally:
        os.killpg(serve.process.pid, signal.SIGTERM)
        serve.process.wait(30)
        serve.reader.join(10)
    assert processes_of(str(content)) == [], "\n".join(serve.lines)
    assert "Traceback" not in "\n".join(serve.lines)
