"""The files of a content folder, listed without ever leaving it.

Symbolic links are never followed, whether they point inside content/ or
out of it: each one is reported with where it points, and a linked folder
is not read. A link is how a hostile or careless commit would publish
/etc/passwd or a private folder as an "attachment", and a loop of links
must not hang or crash the build; a copy of the file does everything a link
inside content/ could. Names that are not UTF-8 or hold control
characters, and anything that is neither a plain file nor a folder (a pipe,
a socket, a device: reading a pipe would block the build), are reported
too. The repository's and the operating system's dotfiles (.git, .gitkeep,
.DS_Store…) are not content and are passed over; any other hidden file or
folder (`.ciorna.md`, `.obsidian/`) is listed apart, for a notice: nothing
staff put in content/ goes unpublished unsaid.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.characters import UNPRINTABLE

FIX_LINK = "puneți în content/ fișierul însuși (o copie), nu o legătură către el"
FIX_NAME = "redenumiți-l folosind litere, cifre și cratime (de exemplu anexa-1.pdf)"


@dataclass(frozen=True)
class Refused:
    """A name under content/ that is not read, and why."""

    relative: str  # posix path relative to the content folder, as the file system gave it
    message: str
    expected: str


# Hidden names that are never content: version control's, editors' and operating systems' own.
NOT_CONTENT = frozenset({".git", ".gitkeep", ".gitignore", ".gitattributes", ".gitmodules", ".DS_Store",
                         ".directory", ".keep"})


@dataclass(frozen=True)
class Listing:
    files: list[str]  # plain files, sorted posix paths relative to the content folder
    refused: list[Refused]
    hidden: list[str] = field(default_factory=list)  # other hidden files and folders, not read


def scan(root: Path) -> Listing:
    """Every plain, non-hidden file below `root`, and every name that is refused."""
    root_real = os.path.realpath(root)
    files, refused, hidden = [], [], []
    folders = [""]  # a stack, not recursion: folders may nest deeper than Python's call stack
    while folders:
        prefix = folders.pop()
        try:
            with os.scandir(os.path.join(root, prefix) if prefix else root) as listing:
                entries = list(listing)
        except OSError as exc:
            refused.append(Refused(prefix.rstrip("/"), f"dosarul nu poate fi citit: {exc.strerror}",
                                   "un dosar pe care utilizatorul care construiește site-ul îl poate citi"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                if entry.name not in NOT_CONTENT:
                    hidden.append(prefix + entry.name)
                continue
            relative = prefix + entry.name
            why = name_problem(entry.name) or kind_problem(entry, root_real)
            if why:
                refused.append(Refused(relative, *why))
            elif entry.is_dir(follow_symlinks=False):
                folders.append(relative + "/")
            else:
                files.append(relative)
    return Listing(sorted(files), sorted(refused, key=lambda r: r.relative), sorted(hidden))


def name_problem(name: str) -> tuple[str, str] | None:
    """Why a file or folder name cannot be used (message, expected), or None."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "numele nu este scris în UTF-8 (a fost creat pe un sistem cu altă codificare)", FIX_NAME
    control = UNPRINTABLE.search(name)  # tab and line feed too: a name is one line
    if control:
        return f"numele conține caracterul de control U+{ord(control.group()):04X}", FIX_NAME
    return None


def kind_problem(entry: os.DirEntry, root_real: str) -> tuple[str, str] | None:
    """Why an entry is not read (a link, a pipe, a device), or None for a plain file or folder."""
    if entry.is_symlink():
        return link_problem(entry.path, root_real)
    if entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
        return None
    return ("nu este un fișier obișnuit (este un fișier special: pipe, socket sau dispozitiv)",
            "ștergeți-l din content/")


def link_problem(path: str, root_real: str) -> tuple[str, str]:
    """What staff read about a symbolic link: where it points, and that it is not followed."""
    target = os.readlink(path)
    shown = f"legătură simbolică (symlink) către „{target}”"
    try:
        resolved = os.path.realpath(path, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{shown}, care formează o buclă de legături; nu se urmează", "ștergeți legătura"
        return f"{shown}, care nu există; nu se urmează", "ștergeți legătura"
    if os.path.commonpath([root_real, resolved]) != root_real:
        return f"{shown}, în afara dosarului content/; nu se urmează și nu se publică", FIX_LINK
    return f"{shown}; site-ul nu urmează legăturile simbolice, nici în content/", FIX_LINK


def _other_case(folder: str, name: str, above: list[str]) -> str:
    """„ (există …)”, naming an entry of `folder` that differs from `name` only by its letters'
    case (the site's server tells them apart, as Linux does; Windows and macOS often do not)."""
    found = _same_but_case(folder, name)
    return f" (există „{'/'.join([*above, found[0]])}”, care diferă doar prin literele mari și mici)" if found else ""


def _same_but_case(folder: str, name: str) -> list[str]:
    """The entries of `folder` that are `name` but for their letters' case, sorted ([] when it cannot be read)."""
    try:
        return sorted(entry for entry in os.listdir(folder) if entry.casefold() == name.casefold())
    except OSError:
        return []


def case_variant(root: Path, relative: str) -> str | None:
    """The path below `root` of the one entry that `relative` names but for its letters' case in
    some of its parts (None when there is none, or more than one)."""
    folder, found = str(root), []
    for part in relative.split("/"):
        same = _same_but_case(folder, part)
        exact = part if part in same else same[0] if len(same) == 1 else None
        if exact is None:
            return None
        found.append(exact)
        folder = os.path.join(folder, exact)
    return "/".join(found)


def regular_file(root: Path, relative: str) -> tuple[int, str]:
    """(size, "") for a plain file at `relative` below `root` reached through plain folders only;
    (-1, why not) otherwise. `relative` is a normalised posix path that stays below `root`."""
    if UNPRINTABLE.search(relative):
        return -1, "numele conține caractere de control"
    path = str(root)
    parts = relative.split("/")
    for depth, part in enumerate(parts, start=1):
        if part.startswith("."):
            return -1, "este un fișier ascuns (numele începe cu „.”), care nu se publică"
        path = os.path.join(path, part)
        try:
            info = os.lstat(path)
        except OSError:
            return -1, "nu există" + _other_case(os.path.dirname(path), part, parts[:depth - 1])
        if stat.S_ISLNK(info.st_mode):
            if depth == len(parts):
                return -1, "este o legătură simbolică (symlink), care nu se urmează și nu se publică"
            return -1, f"trece prin legătura simbolică content/{'/'.join(parts[:depth])}, care nu se urmează"
        if depth < len(parts) and not stat.S_ISDIR(info.st_mode):
            return -1, "nu există"
    if not stat.S_ISREG(info.st_mode):
        return -1, "nu este un fișier obișnuit"
    return info.st_size, ""
