"""`python -m bench --documents N`: benchmark the build on synthetic councils.

Runs the default shape at N documents, then the "long-history" shape (twenty
years, many amendment and repeal chains; 10,000 documents and about 1,100
PDFs unless told otherwise), and, with --scale M, the default shape again at
M documents, reporting how time and memory grow from N to M. Prints a table
per run (every figure also as a ratio to plain Pelican measured in the same
run, and the targets met or missed) and writes the full results as one JSON
file under bench-results/.

Each council is a git repository (twice as many commits as documents unless
told otherwise: each document created, then edits of some), and each run
also measures what its history costs: a cold build and a rebuild after one
new commit, against the same steps with the repository moved aside
(--history-only measures just that, on the default shape).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from . import relevance, report, suite, synth, trash

LONG_HISTORY = 10_000


def arguments(argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", "-n", type=int, default=10_000,
                        help="documents in the council of the default shape (0 skips it)")
    parser.add_argument("--long-history", type=int, default=LONG_HISTORY, metavar="N",
                        help=f"documents in the long-history council (default {LONG_HISTORY}; 0 skips it)")
    parser.add_argument("--scale", type=int, default=0, metavar="M",
                        help="also run the default shape at M documents and report the ratios M/N")
    parser.add_argument("--commits", type=int, default=None, metavar="C",
                        help="commits of each council's git history (default: twice its documents)")
    parser.add_argument("--history-only", action="store_true",
                        help="measure only what the git history costs, on the default shape at --documents")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (median reported)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain Pelican baseline")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="work folder, kept afterwards (default: a temporary folder, removed after each run)")
    parser.add_argument("--results", type=Path, default=suite.ROOT / "bench-results", help="folder for the JSON")
    args = parser.parse_args(argv)
    if min(args.documents or 8, args.long_history or 8, args.scale or 8) < 8 or args.repeat < 1:
        parser.error("every council needs at least 8 documents, and --repeat must be at least 1")
    if not args.documents and (not args.long_history or args.scale or args.history_only):
        parser.error("--documents 0 runs the long-history council alone: it needs --long-history, "
                     "and --scale and --history-only need the default shape")
    if args.scale and args.scale == args.documents:
        parser.error("--scale must differ from --documents")
    if args.workdir is not None and args.workdir.exists() and any(args.workdir.iterdir()):
        parser.error(f"--workdir {args.workdir} is not empty")
    return args


def plan(args: argparse.Namespace) -> list[tuple[str, str, int]]:
    """(label, shape, documents) of every run, in the order they are made."""
    runs = [(f"default-{args.documents}", "default", args.documents)] if args.documents else []
    if args.history_only:
        return runs
    if args.long_history:
        runs.append((f"long-history-{args.long_history}", "long-history", args.long_history))
    if args.scale:
        runs.append((f"default-{args.scale}", "default", args.scale))
    return runs


def measured(args: argparse.Namespace, shape: str, documents: int, label: str, last: bool = True) -> dict:
    """One run in its own folder: under --workdir (kept), else a temporary one removed at once,
    so that the large runs never hold the disk space of all of them together."""
    work = args.workdir / label if args.workdir else Path(tempfile.mkdtemp(prefix=f"bench-{label}-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return report.as_json(suite.run(documents, args.repeat, work, with_baseline=not args.no_baseline,
                                        shape=shape, commits=args.commits, only_history=args.history_only))
    finally:
        if args.workdir is None:
            trash.removed(work, settle=not last)  # the next run's cold builds must not pay for these deletions


def code_version() -> dict:
    """The commit measured, and whether the working tree differed from it."""
    def git(*words):
        done = subprocess.run(["git", *words], cwd=suite.ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""
    return {"commit": git("rev-parse", "HEAD"), "changed_files": len(git("status", "--porcelain").splitlines())}


def main(argv=None) -> int:
    args = arguments(argv)
    data = {"started": dt.datetime.now().isoformat(timespec="seconds"), "code": code_version(),
            "build_day": synth.BUILD_DAY.isoformat(), "runs": {}}
    args.results.mkdir(parents=True, exist_ok=True)
    runs = plan(args)
    path = args.results / f"bench-{runs[0][2]}-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    for number, (label, shape, documents) in enumerate(runs, 1):
        print(f"Running {label}…", file=sys.stderr, flush=True)
        data["runs"][label] = result = measured(args, shape, documents, label, last=number == len(runs))
        save(path, data)  # after every run: an hour's work survives a later run being stopped
        print(report.table(result) + "\n", flush=True)
    if args.history_only:
        print(f"Results: {path}")
        return 0
    if args.scale:
        data["scaling"] = report.scaling(data["runs"][f"default-{args.documents}"],
                                         data["runs"][f"default-{args.scale}"])
        save(path, data)
        print(report.scaling_table(data["scaling"]) + "\n", flush=True)
    print("Running search relevance (sample council, ours and Pagefind)…", file=sys.stderr, flush=True)
    try:
        data["relevance"] = relevance.measure(args.workdir / "relevance" if args.workdir else None)
    except (RuntimeError, OSError) as exc:  # no Node, no Pagefind binary: the runs above still count
        print(f"Search relevance not measured: {exc}", file=sys.stderr, flush=True)
    else:
        save(path, data)
        print(relevance.table(data["relevance"]) + "\n", flush=True)
    print(f"Results: {path}")
    return 0


def save(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
