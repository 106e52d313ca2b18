"""Read a whole content folder into an Archive, accounting for every file.

Every file under content/ ends up in exactly one of: a document, the council
file, an attachment some document names, or a reported problem. Dotfiles
(.gitkeep, .DS_Store) are not content and are passed over by design;
symbolic links are reported and never followed (see content_tree.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import posixpath
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..build import workers
from ..build.cache import RACY_NS
from ..domain import characters, dates, privacy, vocab
from . import content_tree, markup, mol_schema, schema
from .frontmatter import FrontMatterError, bad_characters, load_yaml, normalise_newlines, split
from ..domain.model import TEXT_FIELDS, Archive, Council, Document
from ..domain.problems import Problem, Problems

COUNCIL_FILE = "data/council.yml"
SYNONYMS_FILE = "data/synonyms.yml"  # the search's synonyms: read by synonyms.py
COMMIT_MESSAGES_FILE = "data/commit-messages.yml"  # commit messages reworded for the public: commit_messages.py
READERS = {
    "decision": schema.read_decision,
    "report": schema.read_report,
    "meeting": schema.read_meeting,
    "page": schema.read_page,
    "disposition": mol_schema.read_disposition,
    "publication": mol_schema.read_publication,
}
COLLECTIONS = {"decision": "decisions", "report": "reports", "meeting": "meetings", "page": "pages",
               "disposition": "dispositions", "publication": "publications"}
# The front-matter keys of each type, and what a file of it is, to tell staff which folder a file belongs in.
KEYS_OF_TYPE = {"decision": schema.DECISION_KEYS, "report": schema.REPORT_KEYS, "meeting": schema.MEETING_KEYS,
                "page": schema.PAGE_KEYS, "disposition": mol_schema.DISPOSITION_KEYS,
                "publication": mol_schema.PUBLICATION_KEYS}
A_DOCUMENT_OF_TYPE = {"decision": ("o hotărâre sau un proiect de hotărâre", "hotărârilor"),
                      "report": ("un raport, referat sau aviz", "rapoartelor"), "meeting": ("o ședință", "ședințelor"),
                      "page": ("o pagină", "paginilor"), "disposition": ("o dispoziție", "dispozițiilor"),
                      "publication": ("un document al Monitorului Oficial Local", "acestor documente")}
FOLDER_OF_TYPE = {doc_type: folder for folder, doc_type in vocab.DOCUMENT_FOLDERS.items()}


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
    # A link or a special file is never read: the scan of content/ reports it.
    if content_tree.regular_file(root, COUNCIL_FILE)[0] < 0:
        if not os.path.lexists(path):
            problems.error(display, 1, "council.yml", "lipsește fișierul consiliului",
                           "content/data/council.yml cu name, seats, members, committees")
        return Council(name="", seats=0, source=display, readable=False)
    text = read_text(path, display, problems)
    if text is None:
        return Council(name="", seats=0, source=display, readable=False)
    try:
        data = load_yaml(text, first_line=1)
    except FrontMatterError as exc:  # said once, without a missing-field error for every field
        problems.error(display, exc.line, "council.yml", exc.message, exc.expected)
        return Council(name="", seats=0, source=display, readable=False)
    report_characters(data, display, problems)
    privacy.scan_council(data, display, problems)
    return schema.read_council(data, display, problems)


def report_characters(data, display: str, problems: Problems) -> None:
    """An error for each text of the YAML `data` holding a control character."""
    for bad in bad_characters(data):
        char = characters.describe(bad.char)
        problems.error(display, bad.line, bad.field if bad.field.strip() else "front matter",
                       f"caracterul {char} nu este permis" if bad.key is None else
                       f"cheia „{bad.key}” conține caracterul {char}, care nu este permis",
                       f"ștergeți-l; între ghilimele duble se scrie {characters.yaml_spellings(bad.char)}")


def report_body_characters(body: str, first_line: int, display: str, problems: Problems) -> None:
    """An error for the first place of each control character in a body (CR, form feed, ESC …),
    which would otherwise reach pages and calendars."""
    seen = set()
    for match in characters.FORBIDDEN.finditer(body):
        char = match.group()
        if char in seen:
            continue
        seen.add(char)
        line = first_line + body.count("\n", 0, match.start())
        problems.error(display, line, "text", f"caracterul invizibil {characters.describe(char)} nu este permis",
                       "ștergeți caracterul de pe acest rând (majoritatea editoarelor nu îl arată)")


@dataclass(frozen=True)
class Reading:
    """What reading a document depends on besides its own bytes: a cached reading made
    with another Reading is read again."""

    contacts: tuple[str, str]  # the council's own e-mail and phone, which are not private data
    window: dates.Window  # the dates a document may hold


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
    front: str = ""  # digest of what the document says but its text fields and body (`front_digests`)
    text: str = ""  # digest of its text fields (domain.model.TEXT_FIELDS: title, summary)
    citation: str = ""  # an unreadable decision's `number/year` as far as its lines tell (see salvaged_citation)
    links: tuple[tuple[int, str], ...] = ()  # its body's links to addresses, with their lines (markup.address_links)


def read_document(root: Path, relative: str, doc_type: str, doc_id: str, raw: bytes, reading: Reading) -> Parsed:
    problems = Problems()
    display = display_path(root, relative)
    text = decode(raw, display, problems)
    if text is None:
        return Parsed(None, problems.items)
    try:
        parts = split(text)
    except FrontMatterError as exc:
        problems.error(display, exc.line, "front matter", exc.message, exc.expected)
        return Parsed(None, problems.items, salvaged_files(text, relative),
                      citation=salvaged_citation(text) if doc_type == "decision" else "")
    front_text = text[: len(text) - len(parts.body)]
    if "\\" in front_text:  # only YAML escapes put a control character in a value
        report_characters(parts.meta, display, problems)
    report_body_characters(parts.body, parts.body_line, display, problems)
    if "#" in front_text:
        report_cut_values(front_text, display, problems)
    belongs = misfiled(doc_type, list(parts.meta))
    if belongs is not None:  # said first: the unknown and missing fields that follow all come from it
        one, of_them = A_DOCUMENT_OF_TYPE[belongs]
        problems.error(display, 1, "dosar", f"fișierul pare {one}: "
                       f"{', '.join(k for k in parts.meta if k not in KEYS_OF_TYPE[doc_type])} sunt câmpuri ale "
                       f"{of_them}, nu ale unui fișier din content/{FOLDER_OF_TYPE[doc_type]}/",
                       f"mutați-l în content/{FOLDER_OF_TYPE[belongs]}/")
    ctx = schema.Context(root, relative, problems, reading.window)
    document = READERS[doc_type](doc_id, ctx, parts)
    privacy.scan_document(parts, text, display, document.allow_cnp, problems, reading.contacts)
    masked = markup.code_masked(parts.body)  # read by both: blanked once
    markup.report_dangerous(parts.body, parts.body_line, display, problems, masked)
    front, shown = front_digests(document)
    return Parsed(document, problems.items, ctx.used_files, files_seen(root, document), front=front, text=shown,
                  links=markup.address_links(parts.body, parts.body_line, masked))


def misfiled(doc_type: str, keys: list) -> str | None:
    """The type whose folder a file of `doc_type` with these front-matter keys belongs in, when two or
    more of its keys are not its type's and one other type has them all (a meeting in hotarari/)."""
    own = KEYS_OF_TYPE[doc_type]
    if sum(1 for key in keys if key not in own) < 2:
        return None
    fitting = [other for other, allowed in KEYS_OF_TYPE.items() if other != doc_type and all(k in allowed for k in keys)]
    return fitting[0] if len(fitting) == 1 else None


# A plain value followed by „ #” and a character that is no space (`title: privind proiectul #5 de drumuri`):
# YAML reads the rest of the line as a comment, and the site would publish the value cut short. A
# comment written as one („# …”, after a space) is left alone: the contract's own example has them.
CUT_VALUE_RE = re.compile(r"^[ \t]*(?:-[ \t]+)?([^\s#:'\"\[{&*!|>%@`-][^:#\n]*?):[ \t]+"
                          r"([^\s'\"\[{|>&*!%@`#][^\n]*?)[ \t]+#(\S[^\n]*)$", re.M)


def report_cut_values(front: str, display: str, problems: Problems) -> None:
    """Warn, at its line, of each value YAML cuts at a „ #” that does not look meant as a comment."""
    for match in CUT_VALUE_RE.finditer(front):
        key, value, rest = match.groups()
        problems.warning(display, front.count("\n", 0, match.start()) + 1, key.strip(),
                         f"textul de după „ #” („#{rest}”) este citit ca un comentariu și nu apare pe site: "
                         f"valoarea publicată este „{value}”", f"valoarea între ghilimele: {key.strip()}: "
                         f"\"{value} #{rest}\"")


def front_digests(document: Document) -> tuple[str, str]:
    """Two digests of the document as read (what views can read of it): of everything but its text
    fields and its body, and of its text fields. A title edit changes the second alone, so that a
    value made from the rest (which decisions a member voted on) is not made again (docs/build-cache.md)."""
    rest = dataclasses.replace(document, body_digest="", body_line=0, **{name: "" for name in TEXT_FIELDS})
    shown = tuple(getattr(document, name) for name in TEXT_FIELDS)
    return (hashlib.blake2b(repr((rest, document.lines)).encode("utf-8"), digest_size=16).hexdigest(),
            hashlib.blake2b(repr(shown).encode("utf-8"), digest_size=16).hexdigest())


NUMBER_LINE = re.compile(r"^number:\s*[\"']?0*(\d{1,5})[\"']?\s*(?:#.*)?$", re.MULTILINE)
ADOPTED_LINE = re.compile(r"^adopted:\s*[\"']?(\d{4})-", re.MULTILINE)


def salvaged_citation(text: str) -> str:
    """The `number/year` of a decision whose front matter YAML cannot read, from its `number:` and
    `adopted:` lines when both are plain ("" otherwise): references to it are then not reported
    as missing, since its own error says what is wrong."""
    number, adopted = NUMBER_LINE.search(text), ADOPTED_LINE.search(text)
    return f"{int(number.group(1))}/{adopted.group(1)}" if number and adopted else ""


FILE_LINE = re.compile(r"(?:\bfile|^minutes):\s*[\"']?([^\"'{}\[\],#\n]+?)[\"']?\s*(?:[,}#]|$)", re.MULTILINE)


def salvaged_files(text: str, relative: str) -> set[str]:
    """The files a document whose front matter YAML cannot read seems to attach (its `file:` and
    `minutes:` values), relative to content/: they are not reported as attached to nothing."""
    folder = posixpath.dirname(relative)
    return {posixpath.normpath(posixpath.join(folder, written.strip())) for written in FILE_LINE.findall(text)}


def files_seen(root: Path, document: Document | None) -> dict[str, int]:
    """The size of each file the document attaches (-1 when missing, a link or not a plain
    file): a cached reading stays valid only while these are the same."""
    attached = [*getattr(document, "attachments", ()), *filter(None, [getattr(document, "minutes", None)])]
    seen = {}
    for attachment in attached:
        source = attachment.source
        if source.startswith(("/", "../")) or source in ("..", "."):
            continue
        seen[source] = content_tree.regular_file(root, source)[0]
    return seen


def _read(path: str, display: str, reading: Reading) -> tuple[bytes, tuple]:
    """A document file's bytes and its cache key."""
    with open(path, "rb") as handle:
        raw = handle.read()
    return raw, (hashlib.blake2b(raw, digest_size=16).hexdigest(), display, reading)


def load(root: Path, problems: Problems, cache: dict | None = None, worker_count: int = 1,
         unreadable: dict[str, str] | None = None) -> Archive:
    """Read every file under root. With `cache` (relative path → Parsed, from an
    earlier build), a file whose bytes, attached files and `Reading` are
    unchanged is not parsed again; the cache is updated in place. As in
    git, a file whose size, modification time and inode are those it had
    when it was hashed is not even read. The files to parse are parsed on
    `worker_count` processes; problems keep the order of the files. `unreadable`, when given,
    receives the documents that could not be read, each by its id and (a decision) its
    `number/year`, mapped to its type: references to them are not reported again."""
    root = Path(root)
    started = time.time_ns()
    archive = Archive(council=load_council(root, problems))
    reading = Reading((archive.council.contact.email, archive.council.contact.phone),
                      dates.plausible(dates.build_day(os.environ)))
    listing = content_tree.scan(root)
    for refused in listing.refused:
        problems.file_error(display_path(root, refused.relative), "fișier", refused.message, refused.expected)
    for hidden in listing.hidden:
        problems.notice(display_path(root, hidden), 1, "fișier",
                         "numele începe cu „.”: este ascuns, nu se citește și nu se publică",
                         "un nume fără „.” la început, dacă trebuie publicat; altfel mutați-l din content/")
    files = listing.files
    first_seen: dict[str, str] = {}
    others, steps, jobs = [], [], []
    for relative in files:
        if relative in (COUNCIL_FILE, SYNONYMS_FILE, COMMIT_MESSAGES_FILE):
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
        if entry is not None and (not stamp or entry.stamp != stamp or entry.key[1:] != (display, reading)):
            raw, key = _read(path, display, reading)
            entry = entry if entry.key == key else None
        if entry is not None and entry.files != files_seen(root, entry.document):
            entry = None
        if entry is None:
            if raw is None:
                raw, key = _read(path, display, reading)
            jobs.append((relative, doc_type, doc_id, raw, key, stamp))
        else:
            entry.stamp = stamp
        steps.append(("file", relative, doc_type, doc_id, entry))

    def parse(part):
        return [read_document(root, relative, doc_type, doc_id, raw, reading)
                for relative, doc_type, doc_id, raw, *_ in part]

    fresh: dict[str, Parsed] = {}
    for job, entry in zip(jobs, workers.map_slices(parse, jobs, worker_count)):
        entry.key, entry.stamp = job[4], job[5]
        fresh[job[0]] = entry
    used: set[str] = set()
    mentioned: set[str] = set()
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
            mentioned |= entry.used_files  # salvaged_files: not said to be attached to nothing
            if unreadable is not None:
                unreadable[doc_id] = doc_type
                if getattr(entry, "citation", ""):  # a cache entry of an older build has none
                    unreadable[entry.citation] = doc_type
            continue
        used |= entry.used_files
        getattr(archive, COLLECTIONS[doc_type])[doc_id] = entry.document
    archive.attachments = used
    if cache is not None:  # keep the files read this time, forget deleted ones
        cache.clear()
        cache.update(fresh)
    # Files attached under a name that differs from theirs only by the letters' case: the error at the
    # attachment names the file, which is then not also said to be attached to nothing.
    miscased = {source.casefold() for entry in fresh.values() for source, size in entry.files.items() if size < 0}
    for relative in others:
        if relative in used or relative in mentioned or relative.casefold() in miscased:
            continue
        display = display_path(root, relative)
        if relative.endswith(".md"):
            problems.error(display, 1, "dosar", "documentul nu se află într-un dosar cunoscut",
                           "content/hotarari/, content/rapoarte/, content/sedinte/, content/dispozitii/, "
                           "content/documente/ sau content/pages/")
        elif looks_like_a_document(root / relative):  # saved as .MD, .markdown, .txt: lost unless told
            problems.error(display, 1, "fișier", "fișierul pare un document (începe cu „---”), dar numele lui nu se "
                           "termină în „.md” și nu se publică", f"redenumiți-l „{document_name(relative)}”")
        else:
            problems.warning(display, 1, "fișier", "fișierul nu este atașat niciunui document și nu se publică",
                             "menționați-l sub „attachments:” sau „minutes:” ori ștergeți-l")
    return archive


def looks_like_a_document(path: Path) -> bool:
    """Whether a file not named .md opens with a front matter's first line (a document saved with
    another extension: `.MD`, `.markdown`, `.txt`, an editor's `proiect.md~`)."""
    try:
        with path.open("rb") as handle:
            start = handle.read(8)
    except OSError:
        return False
    start = start.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark, as Windows' Notepad writes one
    return start[:3] == b"---" and start[3:4] in (b"\n", b"\r")


def document_name(relative: str) -> str:
    """The name a document saved as `relative` should have: its stem, lower-case `.md`."""
    name = relative.rsplit("/", 1)[-1].rstrip("~")
    for ending in (".markdown", ".mdown", ".txt", ".md"):
        if name.lower().endswith(ending):
            name = name[:-len(ending)]
            break
    return f"{name.removesuffix('.md')}.md"
