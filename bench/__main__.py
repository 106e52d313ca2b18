"""`python -m bench --documents N`: benchmark the build on a synthetic council.

Prints a table (every figure also as a ratio to plain Pelican measured in the
same run) and writes the full results as JSON under bench-results/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

from . import report, suite


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", "-n", type=int, default=10_000, help="documents in the synthetic council")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (median reported)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain Pelican baseline")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="work folder (default: a temporary folder, removed afterwards)")
    parser.add_argument("--results", type=Path, default=suite.ROOT / "bench-results", help="folder for the JSON")
    args = parser.parse_args(argv)
    if args.documents < 8 or args.repeat < 1:
        parser.error("--documents must be at least 8 and --repeat at least 1")
    keep = args.workdir is not None
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-"))
    if keep and work.exists() and any(work.iterdir()):
        parser.error(f"--workdir {work} is not empty")
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = suite.run(args.documents, args.repeat, work, with_baseline=not args.no_baseline)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    data = report.as_json(result)
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = args.results / f"bench-{args.documents}-{stamp}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(report.table(data))
    print(f"\nResults: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
