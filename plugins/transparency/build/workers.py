"""Spread a list of jobs over the CPU cores, keeping their order.

The build forks: each child inherits everything the build has computed
(nothing is copied or pickled on the way in), runs one function on its
share of the jobs (every n-th job, so costly neighbours are spread; or,
`map_claimed`, the jobs each takes one at a time, this process from the
front and the children from the back) and sends back the results through a
pipe; this process takes the last share itself. Results come back in the order of
the jobs, whatever the timing, so the output stays deterministic. With one
worker, few jobs, or no fork (Windows), everything runs in this process.

Why not concurrent.futures or multiprocessing.Pool: the jobs are closures
over the build's state (the site model, the body store, the templates),
which those pools would have to pickle for every task; closures cannot be
pickled at all, and the fork start method would still need the function
parked in a module-level global by an initializer. The one thing such a pool
adds, noticing a dead worker and reaping every child, is done here: a child
that dies (killed by the system when memory runs out, say) or fails, and a
failure in this process's own share, end the call with one WorkerError or
the share's own exception, and no child is ever left running or unreaped.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import struct
import tempfile
import traceback
from dataclasses import dataclass

from . import collector

try:
    import fcntl
except ImportError:  # Windows: no fork either, so no children to share the jobs with
    fcntl = None

MIN_JOBS_PER_WORKER = 32  # a smaller share of parsing, rendering or reading git is not worth a fork
# Outputs are costlier each: a status change at 10,000 documents makes some 40 again (0.9 s of
# pages, feeds and calendars), which two processes make in 0.7 s where one took 1.2 s.
MIN_OUTPUTS_PER_WORKER = 16


class WorkerError(RuntimeError):
    """A share of the jobs failed in a worker process. The message says how, in one line;
    `detail` holds the worker's traceback when it raised (a bug, not the content)."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


@dataclass
class Child:
    pid: int
    reader: int  # the read end of the pipe its results come through; -1 once closed
    reaped: bool = False


def count(setting: int) -> int:
    """Worker processes for a `workers` setting (0 = one per core)."""
    return setting if setting > 0 else (os.cpu_count() or 1)


def map_slices(function, jobs: list, workers: int, *, apart: bool = False) -> list:
    """`function(some_jobs) -> one result per job`, over the jobs dealt out like cards (worker i
    takes every i-th job, so a run of costly neighbours is shared); results in job order.
    `apart`: every share in a child, this process only waiting, so that what the jobs allocate on
    the way (a git pack's cache of unpacked objects) leaves with the children instead of staying
    in this process, scattered, for the rest of the build."""
    workers = min(workers, len(jobs) // MIN_JOBS_PER_WORKER)
    if workers < 1 or (workers == 1 and not apart) or not hasattr(os, "fork"):
        return function(jobs)
    hands = [jobs[start::workers] for start in range(workers)]
    # What this process holds lives as long as the build: out of the cycle collector's reach, a
    # child's collections do not write to every object it inherited (each write copies a page).
    gc.freeze()
    children: list[Child] = []
    try:
        for hand in hands if apart else hands[:-1]:
            children.append(_fork(function, hand))
        mine = [] if apart else [function(hands[-1])]
        results = [_collect(child) for child in children] + mine
    finally:
        _reap(children)  # after a failure: the children still running are stopped, every one waited for
    if [len(r) for r in results] != [len(h) for h in hands]:
        raise WorkerError(f"{function.__name__} nu a întors câte un rezultat pentru fiecare sarcină")
    ordered = [None] * len(jobs)
    for start, values in enumerate(results):
        ordered[start::workers] = values
    return ordered


def map_claimed(function, jobs: list, workers: int) -> list:
    """`function(claimed) -> one result per job it took`, where `claimed` yields the jobs one at a
    time as this process takes them: this process from the front of `jobs`, each child from the
    back, until they meet. Results in job order. The caller puts first the jobs whose work the
    others share (the build: the pages that list every decision compute each decision's row once,
    here, where a child forked before cannot reuse it), and no process waits while jobs are left
    (a static deal leaves one idle when its share happens to be the lighter)."""
    workers = min(workers, len(jobs) // MIN_OUTPUTS_PER_WORKER)
    if workers < 2 or not hasattr(os, "fork") or fcntl is None:
        return function(iter(jobs))
    claims = _Claims(len(jobs))
    gc.freeze()  # see map_slices
    children: list[Child] = []
    try:
        for _ in range(workers - 1):
            children.append(_fork(lambda _: _taken(function, jobs, claims, front=False), []))
        mine = _taken(function, jobs, claims, front=True)
        results = [_collect(child) for child in children] + [mine]
    finally:
        _reap(children)
        claims.close()
    ordered = [_UNCLAIMED] * len(jobs)
    for taken in results:
        for index, value in taken:
            ordered[index] = value
    if any(value is _UNCLAIMED for value in ordered):
        raise WorkerError(f"{function.__name__}: unele sarcini nu au fost făcute de niciun proces")
    return ordered


_UNCLAIMED = object()


def _taken(function, jobs: list, claims: _Claims, *, front: bool) -> list[tuple[int, object]]:
    """(index, result) of each job this process took, taking them from the `front` or the back."""
    indices: list[int] = []

    def claimed():
        while (index := claims.take(front)) is not None:
            indices.append(index)
            yield jobs[index]

    values = function(claimed())
    if len(values) != len(indices):
        raise WorkerError(f"{function.__name__} nu a întors câte un rezultat pentru fiecare sarcină")
    return list(zip(indices, values))


class _Claims:
    """The next job from the front and from the back, shared by a process and its children: two
    numbers in an unnamed file, read and written under a POSIX record lock (held by a process, not
    by a descriptor, so the processes of one fork exclude each other, and released by the system
    when its holder dies: a killed child cannot leave the others waiting)."""

    _FORMAT = struct.Struct("<qq")

    def __init__(self, total: int):
        self._file = tempfile.TemporaryFile()
        os.pwrite(self._file.fileno(), self._FORMAT.pack(0, total), 0)

    def take(self, front: bool) -> int | None:
        fd = self._file.fileno()
        fcntl.lockf(fd, fcntl.LOCK_EX)
        try:
            first, end = self._FORMAT.unpack(os.pread(fd, self._FORMAT.size, 0))
            if first >= end:
                return None
            os.pwrite(fd, self._FORMAT.pack(first + 1, end) if front else self._FORMAT.pack(first, end - 1), 0)
            return first if front else end - 1
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN)

    def close(self) -> None:
        self._file.close()


class Background:
    """`function()` run in a child process while this one goes on (alone on the other core): `result()`
    waits for its value, `close()` stops and reaps the child when the value is no longer wanted (call
    it in a `finally`). Not forked when `enabled` is false: `result()` then calls `function` here."""

    _PENDING = object()

    def __init__(self, function, *, enabled: bool = True, spill: bool = False):
        """`spill`: the child writes its value to an unnamed file and ends at once, instead of
        waiting, whole, until this process reads it from the pipe (a pipe holds 64 kB): for a large
        value asked for long after it is ready."""
        self._function, self._value = function, self._PENDING
        forking = enabled and hasattr(os, "fork")
        self._spill = tempfile.TemporaryFile() if forking and spill else None  # noqa: SIM115 - closed in close()
        self._child = _fork(self._run, [], self._spill.fileno() if self._spill else None) if forking else None
        if self._child is not None:
            self._function = None  # the child's: what it holds is not kept alive here meanwhile

    def _run(self, _: list) -> list:  # in the child
        gc.disable()  # a collection would walk, and so copy, every page of the build it inherited
        return [self._function()]

    def result(self):
        """The value, waited for (or computed here) once; WorkerError if the child failed or died."""
        if self._value is self._PENDING:
            if self._child is None:
                self._value = self._function()
            else:
                try:
                    self._value = _collect(self._child, self._spill)[0]
                finally:
                    self.close()
        return self._value

    def close(self) -> None:
        if self._child is not None:
            _reap([self._child])
            self._child = None
        if self._spill is not None:
            self._spill.close()
            self._spill = None


def _collect(child: Child, spill=None) -> list:
    """The results of a child, once it has ended (from the pipe, or the file `spill` it wrote
    them to); WorkerError if it failed or died."""
    with os.fdopen(child.reader, "rb") as pipe:
        child.reader = -1
        data = pipe.read()
    _, status = os.waitpid(child.pid, 0)
    child.reaped = True
    if spill is not None:
        spill.seek(0)
        data = spill.read()
    try:
        with collector.paused():  # what a child made lives as long as the build (see collector)
            outcome, value = pickle.loads(data)  # noqa: S301 - written by our own child, through our own pipe
    except Exception:  # noqa: BLE001 - nothing, or half of it: the child died while sending
        raise WorkerError(f"procesul de lucru {child.pid} {_ending(status)} înainte să-și trimită rezultatele; "
                          "dacă memoria nu a ajuns, rulați din nou cu mai puține procese (setarea workers)"
                          ) from None
    if outcome != "ok":
        raise WorkerError(f"procesul de lucru {child.pid} a eșuat: {value.strip().splitlines()[-1]}", detail=value)
    return value


def _ending(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = str(number)
        return f"a fost oprit de semnalul {name}"
    return f"s-a încheiat cu codul {os.waitstatus_to_exitcode(status)}"


def _reap(children: list[Child]) -> None:
    for child in children:
        if child.reader >= 0:
            os.close(child.reader)
            child.reader = -1
        if not child.reaped:
            try:
                os.kill(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it has ended already; waitpid below still reaps it
            os.waitpid(child.pid, 0)
            child.reaped = True


def _fork(function, part: list, spill: int | None = None) -> Child:
    """A child computing `function(part)`; it sends the results through a pipe, or writes them to
    the file descriptor `spill` (then the pipe only tells its end)."""
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        raise
    if pid:
        os.close(writer)
        return Child(pid, reader)
    os.close(reader)  # the child: compute, send, leave without running the parent's clean-up
    code = 0
    try:
        data = pickle.dumps(("ok", function(part)), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - everything goes back to the parent
        data, code = pickle.dumps(("error", traceback.format_exc())), 1
    try:
        with os.fdopen(writer if spill is None else os.dup(spill), "wb") as sink:
            sink.write(data)
    finally:
        os._exit(code)
