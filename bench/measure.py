"""Run one command and measure it: wall time, peak memory, exit status.

Peak memory is reported two ways: the largest resident set of any single
process of the run (from wait4, which covers the process and every child it
waited for), and the largest proportional set size (PSS) of the whole
process tree, sampled every 50 ms from /proc — the honest total when worker
processes share pages with their parent after fork.

The tree is sampled only in runs made for that (`sampled()`), never in the
runs that are timed: reading /proc/PID/smaps_rollup walks a process's pages
and holds its memory map's lock, stalling it. Measured on 2026-12-04 (cold
builds at 10,000 documents with 20,000 commits of history, the same build
alternately sampled and not): every 50 ms, 58.4 / 64.9 s against 54.7 /
52.5 s; every second, 59.3 / 60.2 s against 55.6 / 55.0 s (and the peak
missed by up to 90 MB). A build of many large worker processes (the history's)
was slowed most, so the history's reported cost was 5-8 s too high.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_SECONDS = 0.05
SAMPLING = contextvars.ContextVar("sampling", default=False)


@contextlib.contextmanager
def sampled():
    """The runs made inside sample the process tree's memory (their times are not figures: see above)."""
    token = SAMPLING.set(True)
    try:
        yield
    finally:
        SAMPLING.reset(token)


@dataclass
class Run:
    seconds: float
    max_rss_mb: float  # largest single process
    tree_pss_mb: float  # largest sampled sum over the process tree (0 if /proc is unavailable)
    returncode: int
    stdout: str = ""
    stderr: str = ""


@dataclass
class Series:
    """Repeated runs of one measurement; figures are medians."""

    name: str
    runs: list[Run] = field(default_factory=list)  # timed, not sampled
    memory: list[Run] = field(default_factory=list)  # sampled, not timed

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def max_rss_mb(self) -> float:
        return max(r.max_rss_mb for r in self.runs + self.memory)

    @property
    def tree_pss_mb(self) -> float:
        return max(r.tree_pss_mb for r in self.memory or self.runs)

    def as_dict(self) -> dict:
        return {"seconds": round(self.seconds, 3), "runs": [round(r.seconds, 3) for r in self.runs],
                "max_rss_mb": round(self.max_rss_mb, 1), "tree_pss_mb": round(self.tree_pss_mb, 1),
                "memory_runs": len(self.memory)}


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        queue.extend(int(c) for c in children)
    return found


def tree_pss_kb(pid: int) -> int:
    total = 0
    for member in descendants(pid):
        try:
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except (OSError, ValueError):
            continue
    return total


def timed_env(**extra: str) -> dict:
    """The environment of a timed build: this process's, but with bytecode caches, as Python runs by
    default (a PYTHONDONTWRITEBYTECODE inherited from a sandbox made every build compile the package's
    90 modules from source again: 0.1 s a build, a seventh of a build with nothing changed)."""
    return {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, **extra}


class Sampler:
    """The peak PSS of the process tree of `pid`, sampled in a thread while a run goes on (only in
    the runs made for that: `sampled`)."""

    def __init__(self, pid: int):
        self.pid, self.peak_kb = pid, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        if SAMPLING.get():
            self._thread.start()

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak_kb = max(self.peak_kb, tree_pss_kb(self.pid))
            self._done.wait(SAMPLE_SECONDS)

    def stop(self) -> float:
        """The peak, in MB."""
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.peak_kb / 1024


def called(function, pid: int) -> Run:
    """Time `function()`, which returns an exit status, as a run of the process tree of `pid` (a process
    kept running between runs: its largest resident set is not known, 0)."""
    sampler = Sampler(pid)
    started = time.perf_counter()
    status = function()
    seconds = time.perf_counter() - started
    return Run(seconds, 0.0, sampler.stop(), status)


def run(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(process.pid)
    # Read both pipes at once, before reaping, so a chatty process never blocks on a full pipe
    # (a build that writes more than a pipe's 64 kB of warnings to stderr waited for ever).
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
    reader.start()
    stdout = process.stdout.read()
    reader.join()
    stderr = errors[0]
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    peak = sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    process.stderr.close()
    return Run(seconds, usage.ru_maxrss / 1024, peak, process.returncode, stdout, stderr)


def tree_size(root: Path) -> tuple[int, int]:
    """(bytes, files) below root."""
    size = files = 0
    for path in Path(root).rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return size, files
