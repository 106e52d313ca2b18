"""The builds of `serve`, from a process kept warm: `python -m transparency.adapters.warm TOKEN ARGUMENTS…`.

A rebuild at 10,000 documents spent a second or more before it built anything:
importing Pelican and this package (0.4-0.6 s) and unpickling the build cache
(0.6-0.8 s). `serve` starts this process once (adapters/staff.py `Builder`).
It imports everything a build imports and reads every sealed file of the
build's cache (build/cache.py `preloaded`); then, for each line `build` on
its input, it forks a child that runs `python -m transparency build
ARGUMENTS…` as a fresh process would, but with those modules imported and
those values in its memory. The child takes each value once, and only while
its file is as it was read (build/cache.py `unseal`). When the child has
ended, this process writes a line `TOKEN STATUS` (the build's exit status),
reads the files the build wrote again, and writes `TOKEN ready`.

Why a fork per build and not the build in this process: the child is a copy.
What a build changes of the values it was given never reaches the next
build, no state of Pelican or of the build outlives it, and a build that
crashes or is killed leaves this process as it was. Each build therefore
starts from the state a new process would, and gives the same bytes.

A change to this package's source while it runs (a developer's edit), or a
library installed or removed (the time of the folders libraries are
installed into), makes it start again (exec) before the next
build: a build never runs code older than the files, and the code version
of the build cache (computed once here) is that of the code that runs.
Settings, theme and content are read by each build.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import site
import sys
import sysconfig
import warnings
from pathlib import Path

from ..build import cache as build_cache
from . import cli, generator  # noqa: F401 - imported here once, for every build forked from this process

PACKAGE = Path(__file__).resolve().parents[1]
REQUEST = "build"
READY = "ready"  # said after the cache is read, before waiting for a request
NOW = "--now"  # first argument after TOKEN: build at once (this process started again for a request)


def library_folders() -> list[Path]:
    """The folders libraries are installed into (installing or removing one changes its folder's time).
    Not every folder of sys.path: the working directory and the settings file's folder change as a
    build writes into them."""
    paths = sysconfig.get_paths()
    return sorted({Path(paths["purelib"]), Path(paths["platlib"]), Path(site.getusersitepackages())})


def code_stamp() -> tuple:
    """(path, size, mtime) of every source file of this package and of the library folders."""
    found = []
    for path in [*sorted(PACKAGE.rglob("*.py")), *library_folders()]:
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def cache_files(build_arguments: list[str]) -> list[Path]:
    """The sealed files that a build with `build_arguments` reads from its cache: those of its two
    scopes (the content folder; the content and output folders), as the generator makes them."""
    from .settings import resolve

    args = cli.command_line().parse_args(["build", *build_arguments])
    modules, path = set(sys.modules), list(sys.path)
    try:
        with silenced():
            settings = cli.build_settings(args.settings, args.output, args.content, args.siteurl, args.cache)
    finally:  # what the settings file imported (publishconf → pelicanconf) is imported again by each build
        for name in set(sys.modules) - modules:
            del sys.modules[name]
        sys.path[:] = path
    folder = resolve(settings.get("TRANSPARENCY"))["build_cache"]
    scopes = [(settings["PATH"],), (settings["PATH"], settings["OUTPUT_PATH"])]
    return [path for scope in scopes for path in build_cache.BuildCache(folder, *scope, version="-").sealed_files()]


@contextlib.contextmanager
def silenced():
    """Nothing said while the settings are read to find the cache: the build reads them again and
    says what it has to (a warning said here too would be shown twice a build, the second time after
    the build's end). Printed text, log records and Python warnings alike."""
    disabled = logging.root.manager.disable
    with open(os.devnull, "w", encoding="utf-8") as null, contextlib.redirect_stdout(null), \
            contextlib.redirect_stderr(null), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.disable(logging.CRITICAL)
        try:
            yield
        finally:
            logging.disable(disabled)


def refreshed(kept: dict, build_arguments: list[str]) -> dict:
    """The values of the cache's sealed files for the next build (`kept`: those read before). A
    settings file that cannot be read leaves nothing kept: the build says what is wrong."""
    try:
        files = cache_files(build_arguments)
    except Exception:  # noqa: BLE001 - the build reads the same settings and reports the problem
        return {}
    found = build_cache.preloaded(files, kept)
    gc.freeze()  # held until the next build: out of the collector's reach, here and in each child
    return found


def build_in_child(build_arguments: list[str]) -> int:
    """Run one build in a forked child; its exit status (1 when it was killed)."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            status = cli.main(["build", *build_arguments])
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(wait_status):
        print(f"Construirea a fost oprită: procesul ei a fost oprit de semnalul {os.WTERMSIG(wait_status)}.",
              file=sys.stderr, flush=True)
        return 1
    return os.waitstatus_to_exitcode(wait_status)


def main(argv: list[str]) -> int:
    token, *build_arguments = argv
    build_now = build_arguments[:1] == [NOW]
    if build_now:
        build_arguments = build_arguments[1:]
    stamp = code_stamp()
    build_cache.KNOWN_CODE_VERSION.set(build_cache.code_version())  # valid while `stamp` is
    kept: dict = {}
    while True:
        kept = refreshed(kept, build_arguments)
        build_cache.PRELOADED.set(kept)
        print(f"{token} {READY}", flush=True)
        if not build_now:
            line = sys.stdin.readline()
            if not line:
                return 0  # `serve` has ended
            if line.strip() != REQUEST:
                continue
        build_now = False
        if code_stamp() != stamp:
            os.execv(sys.executable, [sys.executable, "-m", __spec__.name, token, NOW, *build_arguments])
        status = build_in_child(build_arguments)
        print(f"{token} {status}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
