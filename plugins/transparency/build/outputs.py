"""Every file the build writes into, or deletes from, the output folder goes through here.

- Paths are relative to the output folder and made of validated slugs (see
  urls.py and validate.py). Each is checked again before anything is written
  or deleted: no `..`, no absolute path, and its folder, resolved, lies inside
  the output folder (a symbolic link leading out is refused).
- Every write is atomic: the bytes go to a temporary file in `SCRATCH`, a folder
  of the output folder (the same disk), then `os.replace` puts it in place. A
  write that fails (disk full, read-only disk, no permission) leaves the
  previous file whole, never a truncated one, and stops the build with one
  OutputError naming the file. A build killed half-way leaves its temporary
  files in `SCRATCH` alone, which the next build empties before it writes
  (builds of one output folder never overlap: adapters/cli.py `output_lock`)
  and every build removes once it is done: none is ever published.
- The output folder holds the build's manifest, `MANIFEST`: the sorted list
  of every file the build wrote. A build deletes only files that the manifest
  lists and that it no longer produces (a deleted document's page, feeds,
  attachments), whatever happened to the build cache; a file put in the
  output folder by hand is never deleted. Files about to be written are added
  to the manifest before they are written, so that a build stopped half-way
  leaves no file the next build does not know about.

Temporary files are not synced to disk before the rename: the point is a
whole file after a failed write, not durability across a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import stat
from pathlib import Path

from . import workers

MANIFEST = ".transparency-manifest.json"
SCRATCH = ".transparency-tmp"  # the temporary files of the writes under way (see above)
MANIFEST_FORMAT = 1
CHUNK = 1 << 20  # bytes copied at a time from an attachment

# errno → (what went wrong, what to do), in Romanian for staff.
REASONS = {
    errno.ENOSPC: ("nu mai este loc pe disc", "eliberați spațiu pe disc și construiți din nou"),
    errno.EDQUOT: ("s-a depășit cota de spațiu pe disc", "eliberați spațiu sau cereți o cotă mai mare"),
    errno.EROFS: ("discul este montat doar pentru citire",
                  "un folder de ieșire pe un disc care permite scrierea, ales cu --output"),
    errno.EACCES: ("lipsește dreptul de scriere",
                   "drept de scriere asupra folderului de ieșire pentru utilizatorul care construiește site-ul"),
    errno.EPERM: ("operația nu este permisă",
                  "drept de scriere asupra folderului de ieșire pentru utilizatorul care construiește site-ul"),
    errno.ENOTDIR: ("un fișier stă în locul unui folder",
                    "mutați sau ștergeți fișierul din folderul de ieșire"),
    errno.EISDIR: ("un folder stă în locul fișierului", "mutați sau ștergeți folderul din folderul de ieșire"),
    errno.ENAMETOOLONG: ("numele fișierului este prea lung", "un folder de ieșire cu o cale mai scurtă"),
}
ESCAPES = ("calea iese din folderul de ieșire (prin „..”, o cale absolută sau o legătură simbolică)",
           "nimic în afara folderului de ieșire; ștergeți legătura simbolică din folderul de ieșire")


class OutputError(Exception):
    """The build cannot write (or delete) a file of the site; raised once, caught by the command line.

    Picklable (its arguments are its state), so that it can come back from a worker process."""

    def __init__(self, path: str, reason: str, fix: str):
        super().__init__(path, reason, fix)
        self.path, self.reason, self.fix = path, reason, fix

    def __str__(self) -> str:
        return (f"Construirea a fost oprită: {self.path}: {self.reason} (așteptat: {self.fix}). "
                "Site-ul anterior a rămas întreg: niciun fișier scris pe jumătate, niciun fișier șters.")


def failure(path: str, exc: OSError) -> OutputError:
    """The OutputError for a failed system call on `path`."""
    name = errno.errorcode.get(exc.errno, "")
    reason, fix = REASONS.get(exc.errno, (exc.strerror or str(exc), "verificați folderul de ieșire și discul"))
    return OutputError(path, f"{reason} ({name})" if name else reason, fix)


class OutputFolder:
    """The output folder: checked paths, atomic writes, deletions limited to the manifest."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.real = os.path.realpath(root)
        self.safe_folders: set[str] = {""}  # relative folders already resolved inside the output folder
        self.temporaries = 0  # temporary files made by this process (their names must not repeat)
        self.scratch = os.path.join(self.real, SCRATCH)
        self.listed = self.read_manifest()

    def shown(self, relative: str) -> str:
        """A path as the build prints it."""
        return os.path.join(self.root, relative)

    def target(self, relative: str) -> str:
        """The absolute path of `relative`, once it is known to lie inside the output folder."""
        parts = relative.split("/")
        if relative.startswith("/") or "\0" in relative or any(part in ("", ".", "..") for part in parts):
            raise OutputError(self.shown(relative), *ESCAPES)
        self._check_folder(relative, relative.rpartition("/")[0])
        return os.path.join(self.real, relative)

    def _check_folder(self, relative: str, folder: str) -> None:
        """Check that `folder` (relative) resolves inside the output folder: its parent does, and it is
        not a symbolic link, or one leading inside (one lstat per folder, the first time it is seen)."""
        unchecked = []
        while folder not in self.safe_folders:
            unchecked.append(folder)
            folder = folder.rpartition("/")[0]
        for folder in reversed(unchecked):
            path = os.path.join(self.real, folder)
            if os.path.islink(path) and not os.path.realpath(path).startswith(self.real + os.sep):
                raise OutputError(self.shown(relative), *ESCAPES)
            self.safe_folders.add(folder)

    # --- writing -------------------------------------------------------------------

    def write(self, relative: str, data: bytes) -> bool:
        """Write `data` unless the file already holds exactly these bytes; True when written."""
        path = self.target(relative)
        if _holds(path, data):
            return False
        self._replace(relative, path, lambda fd: _write_all(fd, data))
        return True

    def written(self, relative: str, data: bytes) -> tuple[int, int, int, str]:
        """The file `relative` just written with `data`: (size, mtime_ns, inode, sha256), what the
        build's record and the integrity manifest would otherwise ask the disk for again (a worker
        that made the file knows its bytes: hashed there, on every core, not read back afterwards)."""
        found = os.stat(os.path.join(self.real, relative))
        return found.st_size, found.st_mtime_ns, found.st_ino, hashlib.sha256(data).hexdigest()

    def copy(self, source: str | Path, relative: str) -> bool:
        """Copy the file `source` unless the target already holds the same bytes; True when copied."""
        path = self.target(relative)
        if _same_file(source, path):
            return False

        def fill(fd: int) -> None:
            with _open_source(source) as handle:
                while chunk := handle.read(CHUNK):
                    _write_all(fd, chunk)

        self._replace(relative, path, fill)
        return True

    def clear_scratch(self) -> None:
        """Empty `SCRATCH` of what a build killed half-way left there (before this build writes)."""
        if os.path.islink(self.scratch) or os.path.isfile(self.scratch):
            os.unlink(self.scratch)
        elif os.path.isdir(self.scratch):
            for name in os.listdir(self.scratch):
                os.unlink(os.path.join(self.scratch, name))

    def _replace(self, relative: str, path: str, fill) -> None:
        """Make a temporary file in `SCRATCH`, `fill(fd)` it, then move it over `path`."""
        folder = os.path.dirname(path)
        self.temporaries += 1
        temporary = os.path.join(self.scratch, f"{os.getpid()}-{self.temporaries}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            try:
                fd = os.open(temporary, flags, 0o666)
            except FileNotFoundError:  # the first write of this build
                os.makedirs(self.scratch, exist_ok=True)
                fd = os.open(temporary, flags, 0o666)
        except OSError as exc:
            raise failure(self.shown(relative), exc) from None
        try:
            try:
                fill(fd)
            finally:
                os.close(fd)
            try:
                os.replace(temporary, path)
            except FileNotFoundError:  # a new folder
                os.makedirs(folder, exist_ok=True)
                os.replace(temporary, path)
        except OSError as exc:
            error = failure(self.shown(relative), exc)
            _discard(temporary, error)
            raise error from None

    # --- the manifest and deletions ----------------------------------------------------

    def read_manifest(self) -> set[str]:
        """The files the last build wrote (nothing when there is no manifest yet)."""
        path = os.path.join(self.real, MANIFEST)
        try:
            with open(path, "rb") as handle:
                data = json.loads(handle.read())
        except (FileNotFoundError, NotADirectoryError):
            return set()  # no build wrote here yet (a file in the folder's place fails at the first write)
        except (OSError, ValueError) as exc:
            raise OutputError(self.shown(MANIFEST), f"manifestul nu poate fi citit ({exc})", MANIFEST_FIX) from None
        files = data.get("files") if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else None
        if not isinstance(files, list) or not all(isinstance(name, str) for name in files):
            raise OutputError(self.shown(MANIFEST), "manifestul nu a fost scris de această versiune a programului",
                              MANIFEST_FIX)
        return set(files)

    def declare(self, files) -> None:
        """Add files about to be written to the manifest (written again only when some are new)."""
        new = set(files) - self.listed
        if new:
            self.listed |= new
            self._write_manifest(self.listed)

    def finish(self, produced: set[str]) -> list[str]:
        """Delete the files of the manifest that this build did not produce, and the folders this
        leaves empty; the manifest then lists exactly `produced`. Returns what was deleted."""
        stale = sorted(self.listed - produced)
        for relative in stale:
            self.remove(relative)
        self.listed = set(produced)
        self._write_manifest(self.listed)
        with contextlib.suppress(FileNotFoundError):
            os.rmdir(self.scratch)  # empty now: every temporary file was moved into place
        return stale

    def remove(self, relative: str) -> None:
        """Delete one file (a symbolic link is deleted, not followed), then its folders left empty."""
        path = self.target(relative)
        folder = os.path.dirname(path)
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                return  # a folder took its place since: not a file this build wrote
            os.unlink(path)
            while folder != self.real and not os.listdir(folder):
                os.rmdir(folder)
                folder = os.path.dirname(folder)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise failure(self.shown(relative), exc) from None

    def _write_manifest(self, files: set[str]) -> None:
        self.write(MANIFEST, manifest_bytes(files))


def manifest_bytes(files: set[str]) -> bytes:
    """The output manifest: what `json.dumps({"format": …, "files": sorted(files)}, indent=0)` gives
    (tests/unit/test_outputs.py compares the two), and a newline. With `indent`, json
    encodes in Python; this, each name by the encoder's own function in C: 47 → 18 ms for the
    34,700 files of a 10,000-document site, written twice by most rebuilds."""
    if not files:
        return json.dumps({"format": MANIFEST_FORMAT, "files": []}, indent=0).encode("utf-8") + b"\n"
    names = ",\n".join(map(json.encoder.encode_basestring_ascii, sorted(files)))
    return f'{{\n"format": {MANIFEST_FORMAT},\n"files": [\n{names}\n]\n}}\n'.encode("ascii")


MANIFEST_FIX = (f"ștergeți fișierul {MANIFEST} din folderul de ieșire; construirea îl scrie din nou "
                "(fișierele vechi ale site-ului, pe care nu le mai cunoaște, se șterg atunci de mână)")


def in_workers(function, jobs: list, worker_count: int) -> list:
    """`workers.map_claimed` for jobs that write files: an OutputError in any process is raised
    here, once, as itself (a worker that fails otherwise sends back only its traceback's text)."""

    @functools.wraps(function)
    def guarded(claimed) -> list:
        taken = []

        def counted():
            for job in claimed:
                taken.append(job)
                yield job

        try:
            return function(counted())
        except OutputError as error:  # the jobs left are taken too, not done: the build stops here
            return [error] * (len(taken) + sum(1 for _ in claimed))

    results = workers.map_claimed(guarded, jobs, worker_count)
    for result in results:
        if isinstance(result, OutputError):
            raise result
    return results


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _open_file(path: str) -> tuple[int, os.stat_result] | None:
    """The descriptor and status of the regular file at `path`, or None: none there, a symbolic
    link (not followed), or a folder in its place (which holds nothing; writing there fails)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode):
        os.close(fd)
        return None
    return fd, found


def _holds(path: str, data: bytes) -> bool:
    """Whether the file at `path` (not a symbolic link) holds exactly `data`."""
    opened = _open_file(path)
    if opened is None:
        return False
    with open(opened[0], "rb") as handle:
        return opened[1].st_size == len(data) and handle.read() == data


def _open_source(source: str | Path):
    """A file to copy, opened without following a symbolic link: content/ was checked to hold none,
    and one put there since (between the check and the copy) is refused, never followed."""
    return open(os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC), "rb")


def _same_file(source: str | Path, path: str) -> bool:
    """Whether the file at `path` (not a symbolic link) holds the bytes of `source`."""
    opened = _open_file(path)
    if opened is None:
        return False
    fd, found = opened
    try:
        original = _open_source(source)
    except OSError:  # said by the copy that follows, which fails the same way
        os.close(fd)
        return False
    with open(fd, "rb") as target, original:
        if found.st_size != os.fstat(original.fileno()).st_size:
            return False
        while True:
            a, b = target.read(CHUNK), original.read(CHUNK)
            if a != b:
                return False
            if not a:
                return True


def _discard(temporary: str, error: OutputError) -> None:
    """Delete the temporary file of a failed write (gone already when the rename failed halfway)."""
    try:
        os.unlink(temporary)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OutputError(error.path, f"{error.reason}; nici fișierul temporar {temporary} nu a putut fi șters "
                          f"({exc.strerror})", f"{error.fix}, apoi ștergeți fișierul temporar") from None
