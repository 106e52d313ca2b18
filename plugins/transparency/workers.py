"""Spread a list of jobs over the CPU cores, keeping their order.

The build forks: each child inherits everything the build has computed
(nothing is copied or pickled on the way in), runs one function on its
share of the jobs (every n-th job, so costly neighbours are spread) and
sends back the results through a pipe; this process takes the last share
itself. Results come back in the order of
the jobs, whatever the timing, so the output stays deterministic. With one
worker, few jobs, or no fork (Windows), everything runs in this process.
"""

from __future__ import annotations

import os
import pickle
import traceback

MIN_JOBS_PER_WORKER = 32


class WorkerError(RuntimeError):
    """A job failed in a worker process; the message holds its traceback."""


def count(setting: int) -> int:
    """Worker processes for a `workers` setting (0 = one per core)."""
    return setting if setting > 0 else (os.cpu_count() or 1)


def map_slices(function, jobs: list, workers: int) -> list:
    """`function(some_jobs) -> one result per job`, over the jobs dealt out like cards (worker i
    takes every i-th job, so a run of costly neighbours is shared); results in job order."""
    workers = min(workers, len(jobs) // MIN_JOBS_PER_WORKER)
    if workers <= 1 or not hasattr(os, "fork"):
        return function(jobs)
    hands = [jobs[start::workers] for start in range(workers)]
    children = [_fork(function, hand) for hand in hands[:-1]]
    mine = function(hands[-1])
    results = []
    for pid, reader in children:
        with os.fdopen(reader, "rb") as pipe:
            status, value = pickle.loads(pipe.read())
        os.waitpid(pid, 0)
        if status != "ok":
            raise WorkerError(value)
        results.append(value)
    results.append(mine)
    if [len(r) for r in results] != [len(h) for h in hands]:
        raise WorkerError(f"{function.__name__} did not return one result per job")
    ordered = [None] * len(jobs)
    for start, values in enumerate(results):
        ordered[start::workers] = values
    return ordered


def _fork(function, part: list) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    os.close(reader)  # the child: compute, send, leave without running the parent's clean-up
    code = 0
    try:
        data = pickle.dumps(("ok", function(part)), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - everything goes back to the parent
        data, code = pickle.dumps(("error", traceback.format_exc())), 1
    try:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(code)
