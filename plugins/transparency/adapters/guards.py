"""What stops or holds a build before it writes (adapters/cli.py `build`): a site address that is not
one, files that differ from the commit the integrity manifest will name (`make publish`), and another
build writing the same output folder."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import sys
import threading
import time
from dataclasses import dataclass
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
            holder = lock_holder(handle)
            said = f" ({holder.said}; dacă s-a blocat, opriți-l: kill {holder.pid})" if holder else ""
            print(f"Un alt proces construiește acum site-ul în {folder}: aștept să termine{said}.", file=sys.stderr,
                  flush=True)
            with reminded(f"Încă aștept să termine procesul care construiește site-ul în {folder}{said}."):
                fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


@dataclass(frozen=True)
class Holder:
    """Who holds a lock: its process id, and how it is said to staff."""

    pid: int
    said: str  # procesul 1234, pornit la 08:10: python -m transparency build …


def lock_holder(handle: int) -> Holder | None:
    """The process holding the `flock` on the open folder `handle`, from Linux's /proc/locks (the lock's
    device and inode), None where that cannot be known (another system, a process gone meanwhile)."""
    try:
        found = os.fstat(handle)
        place = f"{os.major(found.st_dev):02x}:{os.minor(found.st_dev):02x}:{found.st_ino}"
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            pids = [int(fields[4]) for fields in map(str.split, locks)
                    if len(fields) > 5 and fields[1] == "FLOCK" and fields[5] == place]
        if not pids or pids[0] == os.getpid():
            return None
        pid = pids[0]
        with open(f"/proc/{pid}/cmdline", "rb") as command:
            words = command.read().decode("utf-8", "replace").split("\0")
        started = _started(pid)
    except (OSError, ValueError, IndexError):
        return None
    shown = " ".join(word for word in words if word)
    if len(shown) > 120:
        shown = shown[:119] + "…"
    return Holder(pid, f"procesul {pid}, pornit la {time.strftime('%H:%M', time.localtime(started))}: {shown}")


def _started(pid: int) -> float:
    """When process `pid` started (seconds since the epoch): its start in clock ticks after boot
    (/proc/PID/stat, field 22, counted after the command's name in parentheses) and the boot time."""
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
        ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/stat", encoding="ascii") as system:
        boot = next(int(line.split()[1]) for line in system if line.startswith("btime "))
    return boot + ticks / os.sysconf("SC_CLK_TCK")


REMINDER_EVERY = 300  # seconds: how often a wait that goes on is said again


@contextlib.contextmanager
def reminded(message: str, every: float = REMINDER_EVERY):
    """Say `message` every `every` seconds while the block runs (a wait that may last: the lock of
    another build, which may be stuck), from a thread that ends with the block."""
    done = threading.Event()

    def remind():
        while not done.wait(every):
            print(message, file=sys.stderr, flush=True)

    reminder = threading.Thread(target=remind, daemon=True)
    reminder.start()
    try:
        yield
    finally:
        done.set()
        reminder.join()


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
    from ..source import git_repository

    content = settings["PATH"]
    found = {os.path.join(content, path): how
             for path, how in (git_repository.uncommitted(Path(content)) or {}).items()}
    found.update(git_repository.uncommitted_beside(Path(content), [Path(settings["THEME"])],
                                                   settings_files(settings_file)))
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
