"""What stops or holds a build before it writes (adapters/cli.py `build`): a site address that is not
one, files that differ from the commit the integrity manifest will name (`make publish`), and another
build writing the same output folder."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import sys
from pathlib import Path


SITE_URL_RE = re.compile(r"^https?://[^/\s?#@]+(/[^\s?#]*)?$")


def site_url_said(siteurl: str) -> str:
    """Why the site cannot be built at `siteurl`, "" when it can: feeds, calendars, the manifest and
    every canonical address are made of it, and subscribers keep them (a feed's id, an event's UID)."""
    if SITE_URL_RE.match(siteurl or ""):
        return ""
    example = "https://transparenta.exemplu.ro"
    if not siteurl:
        return ("Construirea a fost oprită: lipsește SITEURL, adresa publică a site-ului, din care se fac "
                f"adresele fluxurilor, ale calendarelor și manifestul (așteptat: make publish SITEURL={example}).")
    return (f"Construirea a fost oprită: SITEURL „{siteurl}” nu este o adresă web întreagă: fluxurile, calendarele "
            f"și manifestul ar primi o adresă greșită, pe care abonații o păstrează (așteptat: o adresă care "
            f"începe cu https:// sau http://, de exemplu {example}).")


@contextlib.contextmanager
def output_lock(folder: str):
    """One build at a time writes into `folder`: two at once (a scheduled one and one by hand, `serve`
    and `publish`) would leave a site made of both, whose manifest matches neither. The second waits
    for the first (a lock on the folder itself, released when the process ends, killed or not)."""
    import fcntl

    from ..build.outputs import failure

    try:
        os.makedirs(folder, exist_ok=True)
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:  # a full or read-only disk, a file in the folder's place: said as any write is
        raise failure(os.path.join(folder, ""), exc) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Un alt proces construiește acum site-ul în {folder}: aștept să termine.", file=sys.stderr,
                  flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


UNCOMMITTED = {
    "added": (("fișier nou, pe care git nu îl are încă", "adăugați-l cu git add și git commit, sau ștergeți-l"),
              ("fișiere noi, pe care git nu le are încă", "adăugați-le cu git add și git commit, sau ștergeți-le")),
    "modified": (("fișier modificat", "salvați modificarea cu git add și git commit, sau renunțați la ea cu "
                                      "git restore"),
                 ("fișiere modificate", "salvați modificările cu git add și git commit, sau renunțați la ele cu "
                                        "git restore")),
    "deleted": (("fișier șters", "confirmați ștergerea cu git rm și git commit, sau aduceți-l înapoi cu git restore"),
                ("fișiere șterse", "confirmați ștergerea cu git rm și git commit, sau aduceți-le înapoi cu "
                                   "git restore")),
}


def uncommitted_said(settings: dict, settings_file: str) -> str:
    """Why `make publish` (`--strict`) must not publish as it is, "" when it may: every file the build
    reads (the content, and in the content's repository the theme and the settings files) is the
    commit's that the integrity manifest names (issue 14). Each kind of change has its fix; paths are
    said as staff see them, from where they run make and git."""
    from ..domain.text import count
    from ..source import history

    content = settings["PATH"]
    found = {os.path.join(content, path): how for path, how in (history.uncommitted(Path(content)) or {}).items()}
    found.update(history.uncommitted_beside(Path(content), [Path(settings["THEME"])], settings_files(settings_file)))
    if not found:
        return ""
    lines = [f"Publicarea a fost oprită: {count(len(found), 'fișier', 'fișiere')} diferă "
             "de ultimul commit. Se publică doar ce păstrează istoricul (manifestul de integritate numește "
             "commitul):"]
    for kind, ((one, fix_one), (many, fix_many)) in UNCOMMITTED.items():
        paths = [shlex.quote(as_seen(path)) for path, how in found.items() if how == kind]
        if not paths:
            continue
        shown = " ".join(paths[:10]) + (f" și încă {len(paths) - 10}" if len(paths) > 10 else "")
        fix = fix_one if len(paths) == 1 else fix_many
        if fix.endswith("git restore"):  # a command that needs the paths
            fix += f" {shown}" if len(paths) <= 10 else " urmat de căile lor"
        lines.append(f"{count(len(paths), one, many)}: {shown} — {fix}.")
    lines.append("Apoi publicați din nou.")
    return "\n".join(lines)


def settings_files(settings_file: str) -> list[Path]:
    """The settings file and those of its folder it builds on (publishconf.py imports pelicanconf.py)."""
    path = Path(settings_file).resolve()
    return [path, *(sibling for sibling in [path.with_name("pelicanconf.py")] if sibling != path and sibling.exists()
                    and sibling.stem in path.read_text(encoding="utf-8", errors="replace"))]


def as_seen(path: str) -> str:
    """`path` from the working folder, as git status shows it there (make runs at the checkout's root);
    whole when it lies outside that folder."""
    relative = os.path.relpath(path)
    return path if relative == ".." or relative.startswith(".." + os.sep) else relative
