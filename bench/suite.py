"""The measurements of one benchmark run, in the order they happen.

Everything runs in one work folder: the synthetic content, our output and
build cache, and the plain-Pelican copy. Each timed step is repeated and its
median reported; rebuild steps change the content a little more each time
(one more edit, one more document), as a secretary would.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import gitlog, measure, plain, synth, trash

ROOT = Path(__file__).resolve().parents[1]
SITEURL = "https://example.test"
SEARCH_QUERY = "buget transport județean"
SETTINGS = '''\
"""Benchmark settings: the project's pelicanconf.py with absolute paths and its own cache."""
import sys
sys.path.insert(0, {root!r})
import pelicanconf
globals().update({{name: value for name, value in vars(pelicanconf).items() if name.isupper()}})
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
TRANSPARENCY = {{**getattr(pelicanconf, "TRANSPARENCY", {{}}), "build_cache": {cache!r}}}
'''


@dataclass
class Workspace:
    root: Path
    content: Path = field(init=False)
    output: Path = field(init=False)
    cache: Path = field(init=False)
    settings: Path = field(init=False)
    trash: trash.Trash = field(init=False)
    synthetic: synth.Synthetic | None = field(init=False, default=None)

    def __post_init__(self):
        self.content = self.root / "content"
        self.trash = trash.Trash(self.root / "trash")
        self.output = self.root / "output"
        self.cache = self.root / "cache"
        self.settings = self.root / "benchconf.py"
        self.settings.write_text(SETTINGS.format(root=str(ROOT), theme=str(ROOT / "theme"),
                                                 plugins=str(ROOT / "plugins"), cache=str(self.cache)))

    def env(self) -> dict:
        return measure.timed_env(SOURCE_DATE_EPOCH=synth.EPOCH, PYTHONPATH=str(ROOT / "plugins"))

    def build_arguments(self) -> list[str]:
        return ["--settings", str(self.settings), "--content", str(self.content), "--output", str(self.output),
                "--siteurl", SITEURL]

    def build(self) -> measure.Run:
        cmd = [sys.executable, "-m", "transparency", "build", *self.build_arguments()]
        return checked(measure.run(cmd, env=self.env(), cwd=ROOT), "build")

    def check(self) -> measure.Run:
        cmd = [sys.executable, "-m", "transparency", "check", str(self.content), "--cache", str(self.cache)]
        return checked(measure.run(cmd, env=self.env(), cwd=ROOT), "check")

    def clean(self) -> None:
        """No output and no cache, for a cold build: both moved into the trash (bench/trash.py says why)."""
        for folder in (self.output, self.cache):
            self.trash.discard(folder)


def checked(run: measure.Run, what: str) -> measure.Run:
    if run.returncode != 0:
        raise RuntimeError(f"{what} failed with exit status {run.returncode}:\n{run.stderr[-4000:]}")
    return run


def repeated(name: str, times: int, step) -> measure.Series:
    series = measure.Series(name)
    for index in range(times):
        run_into(series, step, index)
    memory_into(series, step, times)
    return series


def memory_into(series: measure.Series, step, index: int) -> None:
    """One more run of `step`, its process tree's memory sampled (measure.py: not timed)."""
    with measure.sampled():
        series.memory.append(step(index))
    print(f"  {series.name} (memory): {series.memory[-1].tree_pss_mb:.0f} MB", file=sys.stderr, flush=True)


def run_into(series: measure.Series, step, index: int) -> None:
    series.runs.append(step(index))
    # A large run takes an hour: say where it is (stderr, so the table on stdout stays clean).
    print(f"  {series.name}: {series.runs[-1].seconds:.2f} s", file=sys.stderr, flush=True)


STEPS = ("cold build", "rebuild, nothing changed", "rebuild, one decision edited",
         "rebuild, one decision's title edited", "rebuild, one decision's status changed",
         "rebuild, one decision added", "check (make check)")


def rebuild_edits(work: Workspace) -> tuple:
    """The edits before each rebuild step, by edit number: none, one body, one title, one status
    (a draft withdrawn), one new draft."""
    synthetic = work.synthetic
    return (lambda _: None,
            lambda index: synth.edit_body(work.content, synthetic.edit_target, index),
            lambda index: synth.edit_title(work.content, synthetic.edit_target, index),
            lambda index: synth.withdraw(work.content, synthetic.drafts[index], index),
            lambda index: synth.new_draft(work.content, index))


def ours(work: Workspace, repeat: int) -> dict:
    """Our build: cold, unchanged, one body edit, one title edit, one status change, one new
    document; the check; the output."""

    def cold(_):
        work.clean()
        return work.build()

    def rebuilt(edit):
        def run(index: int) -> measure.Run:
            edit(index)
            return work.build()
        return run

    steps = (cold, *map(rebuilt, rebuild_edits(work)), lambda _: work.check())
    series = [repeated(name, repeat, step) for name, step in zip(STEPS, steps)]
    series += warm(work, repeat, first=repeat + 1)
    size, files = measure.tree_size(work.output)
    return {"series": series, "output_bytes": size, "output_files": files, "search": search_bytes(work.output)}


WARM_STEPS = ("in serve (warm): nothing changed", "in serve (warm): one decision edited",
              "in serve (warm): one decision's title edited", "in serve (warm): one decision's status changed",
              "in serve (warm): one decision added")


def warm(work: Workspace, repeat: int, first: int) -> list[measure.Series]:
    """The same rebuilds as `make serve` makes them: forked from a process kept warm
    (adapters/warm.py), each timed once that process has read the last build's cache, as it has
    between two saves of a secretary. `first`: the number of the first edit (after those of `ours`)."""
    from transparency.adapters.staff import Builder

    builder = Builder(work.build_arguments(), env=work.env())
    said = io.StringIO()

    def built() -> int:
        with contextlib.redirect_stdout(said):
            status = builder.run()
        if status != 0:
            raise RuntimeError(f"a warm build failed with exit status {status}:\n{said.getvalue()[-4000:]}")
        return status

    def step(edit):
        def run(index: int) -> measure.Run:
            edit(first + index)
            with contextlib.redirect_stdout(said):
                ready = builder.ready()
            if not ready:
                raise RuntimeError(f"the warm process ended:\n{said.getvalue()[-4000:]}")
            return measure.called(built, builder.child.pid)
        return run

    try:
        built()  # the warm process starts: the build it makes first changes nothing
        return [repeated(name, repeat, step(edit)) for name, edit in zip(WARM_STEPS, rebuild_edits(work))]
    finally:
        builder.stop()


HISTORY_STEPS = ("cold build, with history", "rebuild, one new commit", "cold build, no repository",
                 "rebuild, one decision edited, no repository")
# A rebuild takes seconds, and what the history adds to it is a fraction of one: a single pair of
# rebuilds on this machine differed by more than that (+1.25 s in one run, +0.37 s as the median of
# three in the run before, +0.85 s in the one after). At least this many pairs, whatever `--repeat`
# says of the cold builds, each pair in the other order than the one before (a machine slowing
# down or speeding up during the pairs then weighs on both series alike).
COMMIT_PAIRS = 5


def history(work: Workspace, repeat: int, twin_of=None) -> dict:
    """What the git history costs (issue 14, docs/history.md): cold builds with the repository and
    with it moved aside, alternating (a machine that slows down during the run weighs on both
    alike: their difference is the figure reported); then rebuilds after one new commit (a body
    edit committed), alternating with rebuilds after the same edit in a twin of the council without
    its repository (a copy with its own output and cache, built once, untimed): `repeat` pairs, and
    at least COMMIT_PAIRS."""
    target = work.synthetic.edit_target
    repository, aside = work.content / ".git", work.root / "git-aside"

    def cold(_):
        work.clean()
        return work.build()

    def without_repository(step):
        def run(index):
            repository.rename(aside)
            try:
                return step(index)
            finally:
                aside.rename(repository)
        return run

    def committed(index):
        synth.edit_body(work.content, target, 100 + index)
        gitlog.commit_file(work.content, target, f"Corectură materială {index}")
        return work.build()

    colds = [measure.Series(HISTORY_STEPS[0]), measure.Series(HISTORY_STEPS[2])]
    for index in range(repeat + 1):  # without first: the last cold build has the history, as the commits need
        for series, step in zip(reversed(colds), (without_repository(cold), cold)):
            (run_into if index < repeat else memory_into)(series, step, index)
    twin = (twin_of or without_history)(work)

    def edited(index):
        synth.edit_body(twin.content, target, 200 + index)
        return twin.build()

    rebuilds = [measure.Series(HISTORY_STEPS[1]), measure.Series(HISTORY_STEPS[3])]
    pairs = max(repeat, COMMIT_PAIRS)
    for index in range(pairs + 1):
        order = list(zip(rebuilds, (committed, edited)))
        for series, step in order if index % 2 == 0 else reversed(order):
            (run_into if index < pairs else memory_into)(series, step, index)
    return {"commits": work.synthetic.counts["commits"], "series": [colds[0], rebuilds[0], colds[1], rebuilds[1]]}


def without_history(work: Workspace) -> Workspace:
    """A twin of `work`'s council without its repository (its content copied, .git left out), built
    once: the same tree, its own output and cache."""
    root = work.root / "without-history"
    work.trash.discard(root)
    root.mkdir()
    twin = Workspace(root)
    shutil.copytree(work.content, twin.content,
                    ignore=lambda folder, names: [".git"] if folder == str(work.content) else [])
    twin.build()
    return twin


def search_bytes(output: Path) -> dict | None:
    """Bytes a first search downloads (scripts and index files), if the site has the sharded index."""
    try:
        from transparency.search import search_query
    except ImportError:
        return None
    downloaded = getattr(search_query, "downloaded", None)
    if downloaded is None or not (output / getattr(search_query, "INDEX_PATH", "cautare/index/")).is_dir():
        return None
    result = downloaded(output, SEARCH_QUERY)
    return {"query": SEARCH_QUERY, "files": len(result.files), "raw_bytes": result.raw,
            "gzip_bytes": result.compressed}


def baseline(work: Workspace, repeat: int) -> dict:
    """Plain Pelican on the same documents: cold with defaults, then one-file rebuilds with its reader cache."""
    folder = work.root / "plain"
    content, output, cache = folder / "content", folder / "output", folder / "cache"
    plain.convert(work.content, content)
    env = measure.timed_env(SOURCE_DATE_EPOCH=synth.EPOCH)

    def pelican(settings: Path) -> measure.Run:
        cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), "-q"]
        return checked(measure.run(cmd, env=env, cwd=folder), "plain Pelican")

    defaults, cached = plain.write_settings(folder, content), plain.write_settings(folder, content, cache)

    def cold(_):
        work.trash.discard(output)
        return pelican(defaults)

    cold_series = repeated("plain Pelican, cold", repeat, cold)
    size, files = measure.tree_size(output)
    work.trash.discard(output)
    pelican(cached)  # fills the reader cache
    target = next(iter(sorted(content.glob("hotarari/*/*.md"))))

    def edited(index):
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"\nCorectură materială nr. {index}.\n")
        return pelican(cached)

    edit_series = repeated("plain Pelican, one file edited (reader cache)", repeat, edited)
    return {"series": [cold_series, edit_series], "output_bytes": size, "output_files": files}


def run(n: int, repeat: int, root: Path, with_baseline: bool = True, shape: str = "default",
        commits: int | None = None, only_history: bool = False) -> dict:
    """One council of n documents with a git history of `commits` commits (2 n by default; each
    document created, then edits): our steps, the history's cost, plain Pelican. `only_history`
    measures the history's cost alone."""
    started = time.perf_counter()
    load = os.getloadavg()[0]
    work = Workspace(root)
    work.trash.empty()  # left by a run stopped half-way
    work.synthetic = synth.generate(work.content, n, shape=shape)
    work.synthetic.counts["commits"] = gitlog.make(work.content, 2 * n if commits is None else commits)
    wanted = 2 * (repeat + 1)  # one per timed run and one for the run sampling memory, in a new process and warm
    if len(work.synthetic.drafts) < wanted:
        raise ValueError(f"{n} documents give {len(work.synthetic.drafts)} drafts, "
                         f"fewer than 2 × (--repeat {repeat} + 1)")
    generated = time.perf_counter() - started
    result = {"shape": shape, "documents": n, "repeat": repeat, "counts": work.synthetic.counts,
              "generation_seconds": round(generated, 3), "cpus": os.cpu_count(),
              "python": sys.version.split()[0]}
    if only_history:
        result["history"] = history(work, repeat)
    else:
        result["ours"] = ours(work, repeat)
        result["history"] = history(work, repeat)
        result["baseline"] = baseline(work, repeat) if with_baseline else None
    work.trash.empty(settle=False)
    result["load_average"] = {"start": round(load, 2), "end": round(os.getloadavg()[0], 2)}
    result["wall_seconds"] = round(time.perf_counter() - started, 1)
    return result
