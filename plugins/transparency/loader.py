"""Read a whole content folder into an Archive, accounting for every file.

Every file under content/ ends up in exactly one of: a document, the council
file, an attachment some document names, or a reported problem. Dotfiles
(.gitkeep, .DS_Store) are not content and are passed over by design.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from . import markup, privacy, schema, vocab, workers
from .frontmatter import FrontMatterError, load_yaml, normalise_newlines, split
from .model import Archive, Council, Document
from .problems import Problem, Problems

COUNCIL_FILE = "data/council.yml"
RACY_NS = 2_000_000_000
READERS = {
    "decision": schema.read_decision,
    "report": schema.read_report,
    "meeting": schema.read_meeting,
    "page": schema.read_page,
}
COLLECTIONS = {"decision": "decisions", "report": "reports", "meeting": "meetings", "page": "pages"}


def content_files(root: Path) -> list[str]:
    """Every non-hidden file below root, as sorted posix paths relative to it."""
    found = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.is_file():
                    found.append(prefix + entry.name)

    walk(str(root), "")
    return sorted(found)


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    return decode(path.read_bytes(), display, problems)


def decode(raw: bytes, display: str, problems: Problems) -> str | None:
    try:
        return normalise_newlines(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(display, line, "codificare", "fișierul nu este salvat în UTF-8",
                       "salvați fișierul cu codificarea UTF-8")
        return None


def display_path(root: Path, relative: str) -> str:
    return f"content/{relative}" if root.name == "content" else os.path.join(root, relative)


def load_council(root: Path, problems: Problems) -> Council:
    display = display_path(root, COUNCIL_FILE)
    path = root / COUNCIL_FILE
    if not path.is_file():
        problems.error(display, 1, "council.yml", "lipsește fișierul consiliului",
                       "content/data/council.yml cu name, seats, members, committees")
        return Council(name="", seats=0, source=display)
    text = read_text(path, display, problems)
    try:
        data = load_yaml(text or "", first_line=1)
    except FrontMatterError as exc:
        problems.error(display, exc.line, "council.yml", exc.message, exc.expected)
        data = None
    privacy.scan_council(data, display, problems)
    return schema.read_council(data, display, problems)


@dataclass
class Parsed:
    """One document file as read: the document (None if unreadable), its problems,
    the attachments it uses, and what it was read from (for the build cache)."""

    document: Document | None
    problems: list[Problem]
    used_files: set[str] = field(default_factory=set)
    files: dict[str, int] = field(default_factory=dict)  # attached file → size, -1 if missing
    key: tuple = ()
    stamp: tuple = ()  # (size, mtime_ns, inode) of the file when it was hashed: unchanged → not read again
    front: str = ""  # hash of the front matter alone: what listings, feeds and data files are made from


def read_document(root: Path, relative: str, doc_type: str, doc_id: str, raw: bytes, contacts) -> Parsed:
    problems = Problems()
    display = display_path(root, relative)
    text = decode(raw, display, problems)
    if text is None:
        return Parsed(None, problems.items)
    try:
        parts = split(text)
    except FrontMatterError as exc:
        problems.error(display, exc.line, "front matter", exc.message, exc.expected)
        return Parsed(None, problems.items)
    ctx = schema.Context(root, relative, problems)
    document = READERS[doc_type](doc_id, ctx, parts)
    privacy.scan_document(parts, text, display, document.allow_cnp, problems, contacts)
    markup.report_dangerous(parts.body, parts.body_line, display, problems)
    front = hashlib.blake2b(text[: len(text) - len(parts.body)].encode("utf-8"), digest_size=16).hexdigest()
    return Parsed(document, problems.items, ctx.used_files, files_seen(root, document), front=front)


def files_seen(root: Path, document: Document | None) -> dict[str, int]:
    """The size of each file the document attaches (-1 when missing): a cached
    reading stays valid only while these are the same."""
    attached = [*getattr(document, "attachments", ()), *filter(None, [getattr(document, "minutes", None)])]
    seen = {}
    for attachment in attached:
        source = attachment.source
        if source.startswith(("/", "../")) or source == "..":
            continue
        try:
            stat = os.stat(os.path.join(root, source))
        except OSError:
            seen[source] = -1
            continue
        seen[source] = stat.st_size if S_ISREG(stat.st_mode) else -1
    return seen


def _read(path: str, display: str, contacts: tuple) -> tuple[bytes, tuple]:
    """A document file's bytes and its cache key."""
    with open(path, "rb") as handle:
        raw = handle.read()
    return raw, (hashlib.blake2b(raw, digest_size=16).hexdigest(), display, contacts)


def load(root: Path, problems: Problems, cache: dict | None = None, worker_count: int = 1) -> Archive:
    """Read every file under root. With `cache` (relative path → Parsed, from an
    earlier build), a file whose bytes, attached files and council contacts
    are unchanged is not parsed again; the cache is updated in place. As in
    git, a file whose size, modification time and inode are those it had
    when it was hashed is not even read. The files to parse are parsed on
    `worker_count` processes; problems keep the order of the files."""
    root = Path(root)
    started = time.time_ns()
    archive = Archive(council=load_council(root, problems))
    contacts = (archive.council.contact.email, archive.council.contact.phone)
    files = content_files(root)
    first_seen: dict[str, str] = {}
    others, steps, jobs = [], [], []
    for relative in files:
        if relative == COUNCIL_FILE:
            continue
        folder = relative.split("/", 1)[0]
        doc_type = vocab.DOCUMENT_FOLDERS.get(folder) if "/" in relative else None
        if not relative.endswith(".md") or doc_type is None:
            others.append(relative)
            continue
        display = display_path(root, relative)
        doc_id = relative.rsplit("/", 1)[-1][: -len(".md")]
        if doc_id in first_seen:
            steps.append(("duplicate", display, doc_id, first_seen[doc_id]))
            continue
        first_seen[doc_id] = display
        path = os.path.join(root, relative)
        stat = os.stat(path)
        # As in git, a file changed less than RACY_NS before it was read could change again
        # within the file system's clock tick, leaving the same stamp: it is hashed every time.
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino) if stat.st_mtime_ns < started - RACY_NS else ()
        entry = cache.get(relative) if cache is not None else None
        raw = key = None
        if entry is not None and (not stamp or entry.stamp != stamp or entry.key[1:] != (display, contacts)):
            raw, key = _read(path, display, contacts)
            entry = entry if entry.key == key else None
        if entry is not None and entry.files != files_seen(root, entry.document):
            entry = None
        if entry is None:
            if raw is None:
                raw, key = _read(path, display, contacts)
            jobs.append((relative, doc_type, doc_id, raw, key, stamp))
        else:
            entry.stamp = stamp
        steps.append(("file", relative, doc_type, doc_id, entry))

    def parse(part):
        return [read_document(root, relative, doc_type, doc_id, raw, contacts)
                for relative, doc_type, doc_id, raw, *_ in part]

    fresh: dict[str, Parsed] = {}
    for job, entry in zip(jobs, workers.map_slices(parse, jobs, worker_count)):
        entry.key, entry.stamp = job[4], job[5]
        fresh[job[0]] = entry
    used: set[str] = set()
    for kind, *step in steps:
        if kind == "duplicate":
            display, doc_id, first = step
            problems.error(display, 1, "id", f"id-ul „{doc_id}” este folosit deja de {first}",
                           "nume de fișiere unice în tot dosarul content/")
            continue
        relative, doc_type, doc_id, entry = step
        entry = fresh[relative] = entry or fresh[relative]
        problems.extend(Problems(entry.problems))
        if entry.document is None:
            continue
        used |= entry.used_files
        getattr(archive, COLLECTIONS[doc_type])[doc_id] = entry.document
    archive.attachments = used
    if cache is not None:  # keep the files read this time, forget deleted ones
        cache.clear()
        cache.update(fresh)
    for relative in others:
        if relative in used:
            continue
        display = display_path(root, relative)
        if relative.endswith(".md"):
            problems.error(display, 1, "dosar", "documentul nu se află într-un dosar cunoscut",
                           "content/hotarari/, content/rapoarte/, content/sedinte/ sau content/pages/")
        else:
            problems.warning(display, 1, "fișier", "fișierul nu este atașat niciunui document și nu se publică",
                             "menționați-l sub „attachments:” sau „minutes:” ori ștergeți-l")
    return archive
