"""Command line: `python -m transparency check|build|verify|serve|new`.

`check` validates content/ without Pelican and writes nothing (make check).
`verify PATH_OR_URL` checks a copy of the site against its signed manifest
(publish/verify.py).
`serve` builds, serves and rebuilds once per save; `new TYPE TITLE` starts a document
(staff.py, scaffold.py). `build` runs Pelican with our settings; problems in the content are listed
once and the exit status is 1, with no traceback for staff to read. A
failure that is not the content's (a bug, a worker process killed, an
invalid SOURCE_DATE_EPOCH) ends the command with one message too; the
traceback of a bug goes to a file the message names, for the developers.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import logging
import os
import runpy
import sys
import tempfile
import time
import traceback
from pathlib import Path

from ..domain.text import count
from . import guards, scaffold, staff
from .settings import DEFAULTS

DEFAULT_CACHE = DEFAULTS["build_cache"]


def check(content: str, strict: bool, cache_folder: str | None = None, settings_file: str | None = None,
          output_format: str = "text") -> int:
    """Validate `content` as `build` would with the TRANSPARENCY settings of `settings_file` (read
    without starting Pelican), so that `make check` and `make html` accept the same attachments."""
    from ..build import collector, workers
    from ..build.cache import BuildCache
    from ..source import pipeline
    from .settings import resolve

    collector.tune()
    started = time.perf_counter()
    options = resolve(runpy.run_path(settings_file).get("TRANSPARENCY") if settings_file else None)
    cache = BuildCache(cache_folder, content)  # shared with `build` of the same content folder
    checked, _ = pipeline.check_cached(Path(content), cache, workers.count(0), options["download_only_types"])
    problems = checked.problems
    report = staff.problems_as(problems, output_format)
    if report and output_format == "gitlab":  # the code-quality report on stdout, the problems in the log too
        print(report)
        if problems.items:
            print(problems.report(), file=sys.stderr)
    elif report:
        print(report, file=sys.stderr if output_format == "text" else sys.stdout)
    elif output_format == "gitlab":
        print("[]")
    a = checked.archive
    print(f"Verificate în {time.perf_counter() - started:.2f} s: "
          f"{count(len(a.decisions), 'hotărâre sau proiect', 'hotărâri și proiecte')}, "
          f"{count(len(a.reports), 'raport', 'rapoarte')}, {count(len(a.meetings), 'ședință', 'ședințe')}, "
          f"{count(len(a.dispositions), 'dispoziție', 'dispoziții')}, "
          f"{count(len(a.publications), 'alt document', 'alte documente')}, "
          f"{count(len(a.pages), 'pagină', 'pagini')}, {count(len(a.attachments), 'fișier atașat', 'fișiere atașate')}. "
          f"{count(len(problems.errors), 'eroare', 'erori')}, "
          f"{count(len(problems.warnings), 'avertisment', 'avertismente')}.",
          file=sys.stderr if output_format == "gitlab" else sys.stdout)
    return 1 if problems.errors or (strict and problems.warnings) else 0


def build(settings_file: str, strict: bool, output: str | None = None, content: str | None = None,
          siteurl: str | None = None, cache: str | None = None) -> int:
    import pelican
    from pelican import Pelican
    from pelican.log import init as init_logging

    from ..build.outputs import OutputError
    from ..domain.problems import ContentError
    from .settings import SettingsError

    # Read before Pelican's logger is made fatal: its own notes on the settings (a SITEURL's final slash,
    # taken off) are not problems of the build.
    settings = build_settings(settings_file, output, content, siteurl, cache)
    # Plain lines for staff (Pelican's default handler adds a time and its own file and line to each).
    init_logging(level=None, fatal="warnings" if strict else "errors", handler=logging.StreamHandler())
    pelican.console = staff.Quiet(pelican.console)  # no "Done: Processed 0 articles…": our pages are not Pelican's
    stop = guards.site_url_said(settings["SITEURL"]) or (guards.uncommitted_said(settings, settings_file)
                                                         if strict else "")
    if stop:
        print(stop, file=sys.stderr)
        return 1
    try:
        with guards.output_lock(settings["OUTPUT_PATH"]):
            begun = begin_unless_emptied(settings)
            if begun is not None and begun.current:
                return 0
            with asked(begun):
                Pelican(settings).run()
    except (ContentError, OutputError) as exc:  # an output folder that cannot be written: said once
        print(exc, file=sys.stderr)
        return 1
    except SettingsError as exc:  # a TRANSPARENCY option of the settings file: says what it expected
        print(f"{settings_file}: {exc}", file=sys.stderr)
        return 1
    except RuntimeError as exc:  # Pelican's fatal logger: a warning or error under --fatal
        print(f"Construirea a fost oprită: {exc}", file=sys.stderr)
        return 1
    return 0


def begin_unless_emptied(settings: dict):
    """The build's start (adapters/start.py: is the site as last built still current?), asked before
    Pelican imports the generator and runs; None when Pelican would first empty the output folder
    (DELETE_OUTPUT_DIRECTORY): the generator then asks after that."""
    from . import start

    if settings.get("DELETE_OUTPUT_DIRECTORY"):
        return None
    return start.begin(settings, settings["PATH"], settings["THEME"], settings["OUTPUT_PATH"])


@contextlib.contextmanager
def asked(begun):
    """The start the command asked, for the generator (start.ASKED), while Pelican runs."""
    from . import start

    token = start.ASKED.set(begun)
    try:
        yield
    finally:
        start.ASKED.reset(token)


def build_settings(settings_file: str, output: str | None = None, content: str | None = None,
                   siteurl: str | None = None, cache: str | None = None) -> dict:
    """Pelican's settings for `build`: the file's, with the folders, address and cache given on the
    command line (folders relative to where it runs; Pelican would take them relative to the file)."""
    from pelican.settings import read_settings

    overrides = {key: value for key, value in
                 (("OUTPUT_PATH", output and os.path.abspath(output)), ("PATH", content and os.path.abspath(content)),
                  ("SITEURL", siteurl and siteurl.rstrip("/"))) if value is not None}
    settings = read_settings(settings_file, override=overrides)
    if cache is not None:
        settings["TRANSPARENCY"] = {**(settings.get("TRANSPARENCY") or {}), "build_cache": cache}
    return settings


# How a file differs from the commit (source/git_repository.uncommitted) → (one file, several files): what it
# is, and the fix, which `git restore` is not for a file git does not have („pathspec did not match”).
def verify(where: str, key: str | None = None) -> int:
    """Name every file of the copy `where` that is missing, added or different, and check the
    manifest's signature; exit status 1 when anything is wrong, 2 when the copy or the key cannot be
    read at all (nothing was checked) or when the check stopped early (a server that stopped answering)
    with nothing wrong found before (what was found is said either way)."""
    from ..publish import site_copy
    from ..publish import verify as verification

    try:
        key_pem = verification.read_key(key) if key else None
        report = verification.verify(where, key_pem, key or "")
    except verification.CopyUnreadable as exc:  # a reader's mistake, not the program's
        print(f"Verificarea nu a putut începe: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the system failed a read the checks do not expect (a disk error, say)
        print(f"Verificarea a fost oprită: {exc.filename or where} nu poate fi citit: "
              f"{site_copy.why_unreadable(exc)}", file=sys.stderr)
        return 2
    for line in report.lines():
        print(line, file=sys.stdout if report.ok else sys.stderr)
    if report.ok:
        return 0
    return 2 if report.stopped and not report.found_wrong else 1


def main(argv=None) -> int:
    args = command_line().parse_args(argv)
    return stopping_once(lambda: run_staff(args) if args.command in ("serve", "new") else run(args))


def command_line() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m transparency")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="validate content only; write nothing but the build cache")
    p_check.add_argument("content", nargs="?", default="content")
    p_check.add_argument("--cache", default=DEFAULT_CACHE,
                         help=f"build cache folder, shared with `build` (default: {DEFAULT_CACHE}; '' for none)")
    p_check.add_argument("--strict", action="store_true", help="warnings fail too")
    p_check.add_argument("--settings", default=None,
                         help="settings file whose TRANSPARENCY options apply (make check: pelicanconf.py)")
    p_check.add_argument("--format", default="text", choices=staff.FORMATS, dest="output_format",
                         help="text (for people), github (workflow annotations) or gitlab (code-quality JSON on stdout)")
    p_serve = sub.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild once per save")
    p_serve.add_argument("--settings", default="pelicanconf.py")
    p_serve.add_argument("--content", default=None, help="content folder (default: the settings' PATH)")
    p_serve.add_argument("--output", default=None, help="output folder (default: the settings' OUTPUT_PATH)")
    p_serve.add_argument("--port", type=int, default=8000)
    p_serve.add_argument("--bind", default="127.0.0.1")
    p_serve.add_argument("--cache", default=None, help="build cache folder (default: the settings' build_cache)")
    p_serve.add_argument("--editor", type=int, nargs="?", const=0, default=None, metavar="PROXY_PORT",
                         help="also serve the form editor at /admin/, its local backend behind the preview at "
                              "/api/v1 (a PROXY_PORT, the local backend's own port before, is accepted and unused)")
    p_new = sub.add_parser("new", help="start a new document that passes check")
    p_new.add_argument("type", choices=scaffold.available())
    p_new.add_argument("title")
    p_new.add_argument("--content", default="content")
    p_new.add_argument("--decision", default=None, help="a report's decision (default: the one registered last)")
    p_build = sub.add_parser("build", help="build the site with Pelican")
    p_build.add_argument("--settings", default="pelicanconf.py")
    p_build.add_argument("--output", default=None, help="output folder (default: the settings' OUTPUT_PATH)")
    p_build.add_argument("--content", default=None, help="content folder (default: the settings' PATH)")
    p_build.add_argument("--siteurl", default=None, help="absolute site address (default: the settings' SITEURL)")
    p_build.add_argument("--strict", action="store_true", help="warnings fail too (make publish)")
    p_build.add_argument("--cache", default=None, help="build cache folder (default: the settings' build_cache)")
    p_verify = sub.add_parser("verify", help="check a copy of the site (folder or http(s) address) against its manifest")
    p_verify.add_argument("where", metavar="PATH_OR_URL")
    p_verify.add_argument("--key", default=None, help="the council's public key (PEM) to check the signature with "
                                                       "(default: the key the copy publishes)")
    return parser


def run_staff(args) -> int:
    if args.command == "serve":
        return staff.serve(args.settings, args.content, args.port, args.bind, args.output, args.cache,
                           args.editor is not None)
    try:
        path = scaffold.new(args.content, args.type, args.title, args.decision)
    except (scaffold.ScaffoldError, FileExistsError) as exc:
        print(f"Nu am creat documentul: {exc}", file=sys.stderr)
        return 1
    print(f"Am creat {path}: completați-l, apoi rulați make check.")
    return 0


def run(args) -> int:
    if args.command == "check":
        return check(args.content, args.strict, args.cache or None, args.settings, args.output_format)
    if args.command == "verify":
        return verify(args.where, args.key)
    return build(args.settings, args.strict, args.output, args.content, args.siteurl, args.cache)


def stopping_once(command) -> int:
    """`command()`, with any failure said in one line and exit status 1 instead of a traceback."""
    from ..build import workers
    from ..domain import dates

    try:
        dates.build_moment(os.environ)  # an invalid SOURCE_DATE_EPOCH is said before any work
        return command()
    except KeyboardInterrupt:  # Ctrl-C: every file written is whole, and the next build goes on from them
        print("Construirea a fost întreruptă (Ctrl-C). Fișierele scrise până atunci sunt întregi; construirea "
              "următoare le reia.", file=sys.stderr)
        return 130
    except dates.EpochError as exc:
        print(f"Construirea a fost oprită: {exc}", file=sys.stderr)
    except workers.WorkerError as exc:
        print(f"Construirea a fost oprită: {exc}{saved_for_developers(exc.detail)}", file=sys.stderr)
    except Exception as exc:  # noqa: BLE001 - a bug: staff get one line, developers the traceback file
        detail = "".join(traceback.format_exception(exc))
        if isinstance(exc, OSError) and exc.filename:  # a file the disk refused (the cache's: read-only, full)
            print(f"Construirea a fost oprită: {disk_said(exc)}{saved_for_developers(detail)}", file=sys.stderr)
        else:
            print(f"Construirea a fost oprită de o eroare a programului, nu a conținutului: "
                  f"{type(exc).__name__}: {exc}{saved_for_developers(detail)}", file=sys.stderr)
    return 1


def disk_said(exc: OSError) -> str:
    """A file the disk refused to write or read (outside the output folder, whose writes say their own):
    its path and why, as staff can act on it."""
    from ..build.outputs import REASONS

    name = errno.errorcode.get(exc.errno, "")
    reason = REASONS.get(exc.errno, (exc.strerror or str(exc), ""))[0]
    return (f"{exc.filename}: {reason}" + (f" ({name})" if name else "") +
            " (așteptat: un disc cu loc, pe care utilizatorul care construiește poate scrie; cache-ul se poate "
            "muta cu CACHE=folder, sau cu --cache la python -m transparency)")


def saved_for_developers(detail: str) -> str:
    """Where the traceback `detail` was saved, as the end of a message ("" when there is none)."""
    if not detail:
        return ""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", errors="backslashreplace", prefix="transparency-eroare-",
                                     suffix=".txt", delete=False) as handle:
        handle.write(detail)
    return f" (detaliile, pentru dezvoltatori: {handle.name})"
